#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input file with a table of its line starts.
///
/// Every stage reports positions as byte offsets or as libyaml marks; this type turns either into
/// a ``SourcePosition`` and gives the renderers the text of a line.
///
/// A YAML file's table is built at once: libyaml reports every node by line and column. An XML
/// file's is built the first time a position past its first few kilobytes is asked for, which in
/// a clean check is never: the front ends keep the places they need through a
/// ``SourcePositionCursor``, which counts lines as it goes, and a definition of a few megabytes
/// would otherwise be scanned once more only to be thrown away.
public struct SourceFile: Sendable {
    /// Which characters end a line.
    public enum LineBreaks: Sendable {
        /// LF, CR and CRLF: XML after libxml2's end-of-line normalisation, and every editor.
        case standard
        /// `standard` plus NEL (U+0085), LS (U+2028) and PS (U+2029), exactly as libyaml counts
        /// lines, so that libyaml's marks and our table agree.
        case yaml
    }

    /// The path as the user gave it; printed in diagnostics.
    public let path: String
    public let bytes: [UInt8]
    public let lineBreaks: LineBreaks
    /// The table, when it is built at once.
    @usableFromInline let builtLines: LineTable?
    /// The table, when it is built on first use.
    private let lazyLines: LazyLineTable?

    /// Positions below this offset are counted from the start of the file while the table is not
    /// built: a front end asks for one or two near the top (the root, the process and its version).
    static let directScanLimit = 16 * 1024

    public init(path: String, bytes: [UInt8], lineBreaks: LineBreaks = .standard) {
        self.path = path
        self.bytes = bytes
        self.lineBreaks = lineBreaks
        switch lineBreaks {
        case .yaml:
            builtLines = LineTable(bytes, lineBreaks: lineBreaks)
            lazyLines = nil
        case .standard:
            builtLines = nil
            lazyLines = LazyLineTable()
        }
    }

    /// Decodes `text` as the file's contents (for tests and generated inputs).
    public init(path: String, text: String, lineBreaks: LineBreaks = .standard) {
        self.init(path: path, bytes: Array(text.utf8), lineBreaks: lineBreaks)
    }

    /// Calls `body` with the line table, built now if it was not yet. The table is lent, not
    /// copied: a copy would retain and release its two arrays at every position asked for.
    @inlinable
    func withLines<Result>(_ body: (LineTable) -> Result) -> Result {
        if let builtLines { return body(builtLines) }
        return body(lazyLineTable())
    }

    @usableFromInline
    func lazyLineTable() -> LineTable {
        lazyLines.unsafelyUnwrapped.table { LineTable(bytes, lineBreaks: lineBreaks) }
    }

    public var lineCount: Int { withLines { $0.starts.count } }

    /// The position of a byte offset; offsets past the end clamp to the end of the file.
    public func position(atOffset rawOffset: Int) -> SourcePosition {
        let offset = min(max(rawOffset, 0), bytes.count)
        if offset < Self.directScanLimit, builtLines == nil, let lazyLines, !lazyLines.isBuilt {
            var scan = LineScan(bytes)
            bytes.withUnsafeBufferPointer { scan.advance(to: offset, in: $0, lineBreaks: lineBreaks) }
            return scan.position
        }
        return withLines { $0.position(atOffset: offset, in: bytes) }
    }

    /// The position of a 0-based line and a 0-based column counted in Unicode scalars, as
    /// libyaml's marks give them. A column past the end of the line clamps to the line's end.
    @inlinable
    public func position(zeroBasedLine line: Int, column: Int) -> SourcePosition {
        withLines { lines in position(zeroBasedLine: line, column: column, in: lines) }
    }

    @inlinable
    func position(zeroBasedLine line: Int, column: Int, in lines: LineTable) -> SourcePosition {
        guard line < lines.starts.count else {
            return lines.position(atOffset: bytes.count, in: bytes)
        }
        let lineIndex = max(line, 0)
        let offset = lines.offset(zeroBasedLine: lineIndex, column: column, in: bytes)
        return lines.position(ofOffset: offset, onLine: lineIndex, in: bytes)
    }

    /// The byte offset of a 0-based line and a 0-based column counted in Unicode scalars: the
    /// offset of ``position(zeroBasedLine:column:)``, without working out the rest.
    /// Inlinable: the YAML layer calls it twice for every node.
    @inlinable
    public func offset(zeroBasedLine line: Int, column: Int) -> Int {
        withLines { $0.offset(zeroBasedLine: line, column: column, in: bytes) }
    }

    /// The text of a 1-based line without its line break; invalid UTF-8 is repaired.
    public func text(ofLine line: Int) -> String {
        let lineStarts = withLines { $0.starts }
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        if line < lineStarts.count {
            // Every line but the last ends in exactly one break; drop it.
            switch bytes[end - 1] {
            case 0x0A: end -= (end - 2 >= start && bytes[end - 2] == 0x0D) ? 2 : 1
            case 0x0D: end -= 1
            case 0x85: end -= 2
            default: end -= 3
            }
        }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The location of a byte range in this file.
    public func location(from startOffset: Int, to endOffset: Int) -> SourceLocation {
        SourceLocation(
            file: path,
            range: SourceRange(start: position(atOffset: startOffset), end: position(atOffset: endOffset))
        )
    }
}

/// Where each line of a file starts, and which lines are plain ASCII.
@usableFromInline
struct LineTable: Sendable {
    /// Byte offset at which each line starts; `starts[0]` is after a UTF-8 byte-order mark.
    @usableFromInline let starts: [Int]
    /// Whether a line holds only ASCII bytes, so a column is a byte count.
    @usableFromInline let asciiLines: [Bool]

    init(_ bytes: [UInt8], lineBreaks: SourceFile.LineBreaks) {
        var starts: [Int] = []
        var ascii: [Bool] = []
        // Room for lines of 16 bytes on average, so that files of short lines (YAML mappings
        // average about 20) never copy the tables while they grow.
        starts.reserveCapacity(bytes.count / 16 + 1)
        ascii.reserveCapacity(bytes.count / 16 + 1)
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bytes.withUnsafeBufferPointer { buffer in
            var index = bomLength
            var lineIsASCII = true
            starts.append(index)
            let count = buffer.count
            while index < count {
                // Skip eight plain ASCII bytes at a time: no LF, no CR, nothing above 0x7F.
                while index + 8 <= count {
                    let word = ByteScan.word(buffer, at: index)
                    if ByteScan.hasNonASCII(word) || ByteScan.hasByte(word, 0x0A) || ByteScan.hasByte(word, 0x0D) { break }
                    index += 8
                }
                guard index < count else { break }
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte == 0x0A {
                        index += 1
                    } else if byte == 0x0D {
                        index += (index + 1 < count && buffer[index + 1] == 0x0A) ? 2 : 1
                    } else {
                        index += 1
                        continue
                    }
                } else {
                    lineIsASCII = false
                    guard lineBreaks == .yaml else { index += 1; continue }
                    if byte == 0xC2, index + 1 < count, buffer[index + 1] == 0x85 {
                        index += 2
                    } else if byte == 0xE2, index + 2 < count, buffer[index + 1] == 0x80,
                              buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9 {
                        index += 3
                    } else {
                        index += 1
                        continue
                    }
                }
                ascii.append(lineIsASCII)
                lineIsASCII = true
                starts.append(index)
            }
            ascii.append(lineIsASCII)
        }
        self.starts = starts
        self.asciiLines = ascii
    }

    /// ``SourceFile/position(atOffset:)`` for an offset already clamped to the file.
    @usableFromInline
    func position(atOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
        position(ofOffset: offset, onLine: lineIndex(containing: offset), in: bytes)
    }

    /// The position of `offset`, which is on the 0-based line `lineIndex`: the column counts
    /// Unicode scalars, and is a byte count on a line that is plain ASCII.
    @inlinable
    func position(ofOffset offset: Int, onLine lineIndex: Int, in bytes: [UInt8]) -> SourcePosition {
        let start = starts[lineIndex]
        if offset <= start {
            return SourcePosition(line: lineIndex + 1, column: 1, offset: start)
        }
        if asciiLines[lineIndex] {
            return SourcePosition(line: lineIndex + 1, column: offset - start + 1, offset: offset)
        }
        var scalars = 0
        for index in start..<offset where bytes[index] & 0xC0 != 0x80 {
            scalars += 1
        }
        return SourcePosition(line: lineIndex + 1, column: scalars + 1, offset: offset)
    }

    /// ``SourceFile/offset(zeroBasedLine:column:)``.
    @inlinable
    func offset(zeroBasedLine line: Int, column: Int, in bytes: [UInt8]) -> Int {
        guard line < starts.count else { return bytes.count }
        let lineIndex = max(line, 0)
        let start = starts[lineIndex]
        let lineEnd = lineIndex + 1 < starts.count ? starts[lineIndex + 1] : bytes.count
        if asciiLines[lineIndex] {
            return min(start + column, lineEnd)
        }
        var offset = start
        var scalars = 0
        while scalars < column, offset < lineEnd {
            offset += 1
            while offset < lineEnd, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return offset
    }

    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// A line table built the first time it is asked for, once, whichever thread asks.
final class LazyLineTable: @unchecked Sendable {
    /// Guards `built`. (`Synchronization.Mutex` would need macOS 15.)
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var built: LineTable?

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    var isBuilt: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return built != nil
    }

    func table(_ build: () -> LineTable) -> LineTable {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let built { return built }
        let table = build()
        built = table
        return table
    }
}

/// Counts lines and columns forward through a file's bytes by the rules of ``LineTable``: what a
/// position needs without a table, for offsets asked for in increasing order.
struct LineScan {
    /// Bytes before this offset are counted.
    private(set) var offset: Int
    /// The 0-based line that `offset` is on, and where that line starts.
    private var line = 0
    private var lineStart: Int
    /// Unicode scalars (bytes other than UTF-8 continuation bytes) in `lineStart ..< offset`.
    private var scalars = 0

    /// At the start of the file's first line (after a byte-order mark).
    init(_ bytes: [UInt8]) {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        offset = start
        lineStart = start
    }

    /// The position of `offset`, as ``SourceFile/position(atOffset:)`` gives it.
    var position: SourcePosition {
        offset <= lineStart
            ? SourcePosition(line: line + 1, column: 1, offset: lineStart)
            : SourcePosition(line: line + 1, column: scalars + 1, offset: offset)
    }

    /// Counts the bytes up to `target`, which is at least `offset` (a target before it, inside a
    /// byte-order mark, leaves the scan where it is) and at most the file's length.
    mutating func advance(to target: Int, in buffer: UnsafeBufferPointer<UInt8>, lineBreaks: SourceFile.LineBreaks) {
        guard target > offset else { return }
        let base = buffer.baseAddress.unsafelyUnwrapped
        // Usually the lines end in LF or CRLF: libc's memchr finds them many bytes at a time.
        guard lineBreaks == .standard, Self.everyCRIsBeforeLF(base, from: offset, to: target, count: buffer.count) else {
            return advanceByteByByte(to: target, in: buffer, lineBreaks: lineBreaks)
        }
        var next = offset
        var newLineStart: Int?
        while next < target, let found = memchr(base + next, 0x0A, target - next) {
            line += 1
            next = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
            newLineStart = next
        }
        if let newLineStart {
            lineStart = newLineStart
            scalars = Self.scalarCount(base, from: newLineStart, to: target)
        } else {
            scalars += Self.scalarCount(base, from: offset, to: target)
        }
        offset = target
    }

    /// Whether each CR in `start ..< end` has an LF right after it, so that only LFs end lines there.
    private static func everyCRIsBeforeLF(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, count: Int) -> Bool {
        var next = start
        while next < end, let found = memchr(base + next, 0x0D, end - next) {
            let index = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            guard index + 1 < count, base[index + 1] == 0x0A else { return false }
            next = index + 1
        }
        return true
    }

    /// The bytes in `start ..< end` that are not UTF-8 continuation bytes.
    private static func scalarCount(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        var continuations = 0
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
            // Nearly always plain ASCII; the bit count is a loop of its own without POPCNT.
            guard ByteScan.hasNonASCII(word) else { continue }
            // A continuation byte is 10xxxxxx: its top bit set and the next one clear.
            let marks = word & ~(word << 1) & ByteScan.highBits
            continuations += marks.nonzeroBitCount
        }
        while index < end {
            if base[index] & 0xC0 == 0x80 { continuations += 1 }
            index += 1
        }
        return end - start - continuations
    }

    private mutating func advanceByteByByte(to target: Int, in buffer: UnsafeBufferPointer<UInt8>, lineBreaks: SourceFile.LineBreaks) {
        let count = buffer.count
        var index = offset
        while index < target {
            let byte = buffer[index]
            index += 1
            let endsLine: Bool
            if byte < 0x80 {
                // A CR followed by LF ends its line at the LF.
                endsLine = byte == 0x0A || (byte == 0x0D && !(index < count && buffer[index] == 0x0A))
            } else {
                // NEL (C2 85), LS (E2 80 A8) and PS (E2 80 A9) end their line at their last byte.
                endsLine = lineBreaks == .yaml
                    && (byte == 0x85 && index >= 2 && buffer[index - 2] == 0xC2
                        || (byte == 0xA8 || byte == 0xA9) && index >= 3 && buffer[index - 3] == 0xE2 && buffer[index - 2] == 0x80)
            }
            if endsLine {
                line += 1
                lineStart = index
                scalars = 0
            } else if byte & 0xC0 != 0x80 {
                scalars += 1
            }
        }
        offset = target
    }
}
