/// A streaming JSON writer for Ferry's generated outputs: two-space indentation, `"key": value`,
/// small objects and arrays of scalars on one line, LF line ends, no trailing spaces, and keys in
/// the order written, which callers keep sorted (checked in debug builds).
///
/// Why not `JSONEncoder`: a plan for a long history runs to hundreds of megabytes. The encoder
/// builds the whole document as a tree of boxed values and then one buffer, several times the
/// output's size, and its pretty printer puts every step of every `via` on lines of their own.
/// This writer appends to a buffer that the caller drains as it goes, so memory stays bounded by
/// the models, and the layout is the one reviewers read in diffs.
struct JSONWriter: ~Copyable {
    /// What was written since the last ``drain()``.
    private var bytes: OutputBytes
    /// The innermost open container, when `depth` > 0: kept apart from the others, which are
    /// only pushed and popped, since every member written changes it.
    private var top = Frame(isObject: false, inline: false)
    /// The open containers outside `top`, outermost first.
    private var outer: [Frame] = []
    /// How many containers are open.
    private var depth = 0
    /// A key was just written; the value follows on the same line.
    private var afterKey = false

    private struct Frame {
        var isObject: Bool
        var inline: Bool
        var count = 0
        #if DEBUG
        /// For checking the order of keys; release builds spare the copies.
        var lastKey: String?
        #endif
    }

    init(capacity: Int = 1 << 16) {
        bytes = OutputBytes(capacity: capacity)
    }

    /// How many bytes were written since the last ``drain()``.
    var count: Int { bytes.count }

    /// Hands over what was written so far and starts again from empty.
    mutating func drain() -> [UInt8] {
        bytes.drain()
    }

    /// Lends what was written so far to `sink`, then starts again from empty (also when `sink`
    /// throws): no copy of its own, for a sink that copies anyway.
    mutating func flush<E: Error>(into sink: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
        defer { bytes.removeAll() }
        try bytes.withBytes(from: 0) { (buffer) throws(E) in try sink(buffer) }
    }

    // MARK: Structure

    mutating func beginObject(inline: Bool = false) {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        open(Frame(isObject: true, inline: inline || (depth > 0 && top.inline)))
    }

    mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    mutating func beginArray(inline: Bool = false) {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        open(Frame(isObject: false, inline: inline || (depth > 0 && top.inline)))
    }

    mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// The next key of the current object; keys must come in UTF-8 order.
    mutating func key(_ name: String) {
        beginKey(name)
        appendString(name)
        endKey()
    }

    /// A key written as a literal in Ferry's source, for the keys of objects written millions of
    /// times: copied as it is, as such a key needs no escape (checked in debug builds).
    mutating func key(literal name: StaticString) {
        assert(!name.description.utf8.contains(where: Self.needsEscape), "a literal key that needs an escape: \(name)")
        beginKey(name.description)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        endKey()
    }

    /// Checks that a key may come here (in debug builds, that it comes after the one before), and
    /// starts its line.
    private mutating func beginKey(_ name: @autoclosure () -> String) {
        precondition(depth > 0 && top.isObject, "a key outside an object")
        #if DEBUG
        let name = name()
        assert(
            top.lastKey.map { $0.utf8.lexicographicallyPrecedes(name.utf8) } ?? true,
            "JSON keys out of order: '\(name)' after '\(top.lastKey ?? "")'"
        )
        top.lastKey = name
        #endif
        separate()
    }

    private mutating func endKey() {
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    // MARK: Scalars

    mutating func string(_ value: String) {
        beforeValue()
        appendString(value)
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func integer(_ value: Int) {
        beforeValue()
        bytes.append(String(value))
    }

    /// A finite number in Swift's shortest round-tripping form (`0.1`, `1e+20`).
    mutating func double(_ value: Double) {
        precondition(value.isFinite, "JSON has no infinities or NaN")
        beforeValue()
        bytes.append("\(value)")
    }

    /// An array of strings, on one line.
    mutating func strings(_ values: some Sequence<String>) {
        beginArray(inline: true)
        for value in values { string(value) }
        endArray()
    }

    mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(value ? "true" : "false")
    }

    mutating func null() {
        beforeValue()
        bytes.append("null")
    }

    /// How many spaces the members of the current array or object are indented by.
    var lineIndentation: Int { depth * 2 }

    /// `value` on a line of its own, indented by `indentation` spaces, for ``renderedLine(_:)``.
    static func line(_ value: [UInt8], indentation: Int) -> [UInt8] {
        [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: indentation) + value
    }

    /// The next member of the current array, rendered beforehand with ``line(_:indentation:)``
    /// at ``lineIndentation``: one copy, for arrays of many rendered members.
    mutating func renderedLine(_ line: UnsafeBufferPointer<UInt8>) {
        precondition(depth > 0 && !top.isObject && !top.inline && !afterKey, "a line outside a multi-line array")
        if top.count > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(line)
        top.count += 1
    }

    /// Starts the next value of the current array and returns where its bytes begin: the
    /// separator before it is written now, and the value is then written as usual. Once it is
    /// complete, ``withBytes(from:_:)`` gives its bytes (to render it again with
    /// ``renderedValue(_:)``) as long as nothing was drained or flushed in between.
    mutating func startValue() -> Int {
        beforeValue()
        // The separator is written: the value's own first bracket must not write another, as
        // after a key.
        afterKey = true
        return bytes.count
    }

    /// Calls `body` with the bytes written since `start`, a position ``startValue()`` returned.
    func withBytes(from start: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withBytes(from: start, body)
    }

    /// The next value of the current array, as ``withBytes(from:_:)`` gave it for a value
    /// written at the same depth: one copy, for a value written again and again.
    mutating func renderedValue(_ value: UnsafeBufferPointer<UInt8>) {
        precondition(depth > 0 && !top.isObject && !afterKey, "a rendered value outside an array")
        beforeValue()
        bytes.append(value)
    }

    /// Ends the document with a line feed.
    mutating func finish() {
        precondition(depth == 0, "unclosed JSON containers")
        bytes.append(UInt8(ascii: "\n"))
    }

    // MARK: Layout

    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        precondition(!top.isObject, "a value in an object needs a key")
        separate()
    }

    /// The comma and line break (or space, on one line) before the next member.
    private mutating func separate() {
        if top.count > 0 { bytes.append(UInt8(ascii: ",")) }
        if top.inline {
            if top.count > 0 { bytes.append(UInt8(ascii: " ")) }
        } else {
            newline(depth: depth)
        }
        top.count += 1
    }

    private mutating func open(_ frame: Frame) {
        if depth > 0 { outer.append(top) }
        top = frame
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        precondition(depth > 0, "a bracket closing nothing")
        let frame = top
        depth -= 1
        if depth > 0 { top = outer.removeLast() }
        if frame.count > 0 && !frame.inline { newline(depth: depth) }
        bytes.append(bracket)
    }

    private mutating func newline(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(UInt8(ascii: " "), times: depth * 2)
    }

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Most text needs no escape: copy it whole.
            guard Self.containsEscape(utf8) else {
                bytes.append(utf8)
                return
            }
            var clean = 0
            for (index, byte) in utf8.enumerated() where Self.needsEscape(byte) {
                bytes.append(UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                clean = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    bytes.append("u00")
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0x0f)])
                }
            }
            bytes.append(UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Whether any byte needs an escape, eight bytes at a time: a byte below 0x20, a quote or a
    /// backslash makes its lane's high bit set in `below(x, n)` (x − n·ones & ~x & highs, the
    /// classic test for a byte below n, exact for the first such byte of a word).
    private static func containsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func below(_ word: UInt64, _ limit: UInt64) -> UInt64 { (word &- limit &* ones) & ~word & highs }
        func escapes(at index: Int) -> Bool {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (0x22 &* ones), backslash = word ^ (0x5C &* ones)
            return below(word, 0x20) | below(quote, 1) | below(backslash, 1) != 0
        }
        guard utf8.count >= 8 else { return utf8.contains(where: needsEscape) }
        var index = 0
        while index + 8 <= utf8.count {
            if escapes(at: index) { return true }
            index += 8
        }
        // The last bytes as the last word, overlapping the one before.
        return index < utf8.count && escapes(at: utf8.count - 8)
    }
}

/// The bytes a ``JSONWriter`` has written, in one allocation it alone owns: a writer appends a
/// few bytes at a time, millions of times for a long plan, and an array would check its
/// uniqueness and capacity through a generic path on every append.
private struct OutputBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    mutating func append(_ byte: UInt8, times: Int) {
        guard times > 0 else { return }
        if count + times > capacity { grow(to: count + times) }
        (base + count).initialize(repeating: byte, count: times)
        count += times
    }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        if count + buffer.count > capacity { grow(to: count + buffer.count) }
        (base + count).initialize(from: source, count: buffer.count)
        count += buffer.count
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Calls `body` with the bytes from `start` on.
    func withBytes<E: Error>(from start: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
        precondition(start >= 0 && start <= count, "a position outside the bytes written")
        try body(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Forgets the bytes written, keeping the memory.
    mutating func removeAll() {
        count = 0
    }

    /// The bytes so far, leaving none.
    mutating func drain() -> [UInt8] {
        let taken = [UInt8](UnsafeBufferPointer(start: base, count: count))
        count = 0
        return taken
    }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }
}

extension JSONWriter {
    /// The keys every generated document starts with: `engine`, `ferry` (the format's version)
    /// and `inputs` (every file read, relative to the plan directory, with its SHA-256).
    mutating func writeHead(engine: String, inputs: [InputFingerprint], paths: RelativePaths) {
        key("engine")
        string(engine)
        key("ferry")
        integer(PlanJSONEmitter.formatVersion)
        key("inputs")
        beginArray()
        for input in inputs {
            beginObject(inline: true)
            key("path")
            string(paths.relative(input.path))
            key("sha256")
            string(input.sha256)
            endObject()
        }
        endArray()
    }

    /// `notMigratable`: the source versions left out, with the reason.
    mutating func writeNotMigratable(_ entries: [NotMigratable]) {
        key("notMigratable")
        beginArray()
        for entry in entries {
            beginObject()
            key("reason")
            string(entry.reason)
            key("source")
            string(entry.source.description)
            endObject()
        }
        endArray()
    }
}
