/// A streaming JSON writer for Ferry's generated outputs: two-space indentation, `"key": value`,
/// small objects and arrays of scalars on one line, LF line ends, no trailing spaces, and keys in
/// the order written, which callers keep sorted (checked in debug builds).
///
/// Why not `JSONEncoder`: a plan for a long history runs to hundreds of megabytes. The encoder
/// builds the whole document as a tree of boxed values and then one buffer, several times the
/// output's size, and its pretty printer puts every step of every `via` on lines of their own.
/// This writer appends to a buffer that the caller drains as it goes, so memory stays bounded by
/// the models, and the layout is the one reviewers read in diffs.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var frames: [Frame] = []
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
        bytes.reserveCapacity(capacity)
    }

    /// Hands over what was written so far and starts a new buffer.
    mutating func drain() -> [UInt8] {
        var taken: [UInt8] = []
        taken.reserveCapacity(bytes.capacity)
        swap(&taken, &bytes)
        return taken
    }

    // MARK: Structure

    mutating func beginObject(inline: Bool = false) {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        frames.append(Frame(isObject: true, inline: inline || (frames.last?.inline ?? false)))
    }

    mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    mutating func beginArray(inline: Bool = false) {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        frames.append(Frame(isObject: false, inline: inline || (frames.last?.inline ?? false)))
    }

    mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// The next key of the current object; keys must come in UTF-8 order.
    mutating func key(_ name: String) {
        precondition(frames.last?.isObject == true, "a key outside an object")
        #if DEBUG
        assert(
            frames[frames.count - 1].lastKey.map { $0.utf8.lexicographicallyPrecedes(name.utf8) } ?? true,
            "JSON keys out of order: '\(name)' after '\(frames[frames.count - 1].lastKey ?? "")'"
        )
        frames[frames.count - 1].lastKey = name
        #endif
        separate()
        appendString(name)
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
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A finite number in Swift's shortest round-tripping form (`0.1`, `1e+20`).
    mutating func double(_ value: Double) {
        precondition(value.isFinite, "JSON has no infinities or NaN")
        beforeValue()
        bytes.append(contentsOf: "\(value)".utf8)
    }

    /// An array of strings, on one line.
    mutating func strings(_ values: some Sequence<String>) {
        beginArray(inline: true)
        for value in values { string(value) }
        endArray()
    }

    mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// How many spaces the members of the current array or object are indented by.
    var lineIndentation: Int { frames.count * 2 }

    /// `value` on a line of its own, indented by `indentation` spaces, for ``renderedLine(_:)``.
    static func line(_ value: [UInt8], indentation: Int) -> [UInt8] {
        [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: indentation) + value
    }

    /// The next member of the current array, rendered beforehand with ``line(_:indentation:)``
    /// at ``lineIndentation``: one copy, for arrays of many rendered members.
    mutating func renderedLine(_ line: UnsafeBufferPointer<UInt8>) {
        let last = frames.count - 1
        precondition(last >= 0 && !frames[last].isObject && !frames[last].inline && !afterKey, "a line outside a multi-line array")
        if frames[last].count > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: line)
        frames[last].count += 1
    }

    /// Ends the document with a line feed.
    mutating func finish() {
        precondition(frames.isEmpty, "unclosed JSON containers")
        bytes.append(UInt8(ascii: "\n"))
    }

    // MARK: Layout

    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard !frames.isEmpty else { return }
        precondition(!frames[frames.count - 1].isObject, "a value in an object needs a key")
        separate()
    }

    /// The comma and line break (or space, on one line) before the next member.
    private mutating func separate() {
        let frame = frames[frames.count - 1]
        if frame.count > 0 { bytes.append(UInt8(ascii: ",")) }
        if frame.inline {
            if frame.count > 0 { bytes.append(UInt8(ascii: " ")) }
        } else {
            newline(depth: frames.count)
        }
        frames[frames.count - 1].count += 1
    }

    private mutating func close(_ bracket: UInt8) {
        let frame = frames.removeLast()
        if frame.count > 0 && !frame.inline { newline(depth: frames.count) }
        bytes.append(bracket)
    }

    private mutating func newline(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        var remaining = depth * 2
        while remaining > 0 {
            let run = min(remaining, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[..<run])
            remaining -= run
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 32)

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Most text needs no escape: copy it whole.
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: utf8)
                return
            }
            var clean = 0
            for (index, byte) in utf8.enumerated() where Self.needsEscape(byte) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
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
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0x0f)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
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
