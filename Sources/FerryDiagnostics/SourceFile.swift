/// The bytes of one input file with a table of its line starts.
///
/// Every stage reports positions as byte offsets or as libyaml marks; this type turns either into
/// a ``SourcePosition`` and gives the renderers the text of a line.
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
    /// Byte offset at which each line starts; `lineStarts[0]` is after a UTF-8 byte-order mark.
    @usableFromInline let lineStarts: [Int]
    /// Whether a line holds only ASCII bytes, so a column is a byte count.
    @usableFromInline let asciiLines: [Bool]

    public init(path: String, bytes: [UInt8], lineBreaks: LineBreaks = .standard) {
        self.path = path
        self.bytes = bytes
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
        self.lineStarts = starts
        self.asciiLines = ascii
    }

    /// Decodes `text` as the file's contents (for tests and generated inputs).
    public init(path: String, text: String, lineBreaks: LineBreaks = .standard) {
        self.init(path: path, bytes: Array(text.utf8), lineBreaks: lineBreaks)
    }

    public var lineCount: Int { lineStarts.count }

    /// The position of a byte offset; offsets past the end clamp to the end of the file.
    public func position(atOffset rawOffset: Int) -> SourcePosition {
        let offset = min(max(rawOffset, 0), bytes.count)
        let lineIndex = self.lineIndex(containing: offset)
        let start = lineStarts[lineIndex]
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

    /// The position of a 0-based line and a 0-based column counted in Unicode scalars, as
    /// libyaml's marks give them. A column past the end of the line clamps to the line's end.
    @inlinable
    public func position(zeroBasedLine line: Int, column: Int) -> SourcePosition {
        guard line < lineStarts.count else {
            return position(atOffset: bytes.count)
        }
        let lineIndex = max(line, 0)
        let start = lineStarts[lineIndex]
        let offset = self.offset(zeroBasedLine: lineIndex, column: column)
        if asciiLines[lineIndex] {
            return SourcePosition(line: lineIndex + 1, column: offset - start + 1, offset: offset)
        }
        var scalars = 0
        for index in start..<offset where bytes[index] & 0xC0 != 0x80 {
            scalars += 1
        }
        return SourcePosition(line: lineIndex + 1, column: scalars + 1, offset: offset)
    }

    /// The byte offset of a 0-based line and a 0-based column counted in Unicode scalars: the
    /// offset of ``position(zeroBasedLine:column:)``, without working out the rest.
    /// Inlinable: the YAML layer calls it twice for every node.
    @inlinable
    public func offset(zeroBasedLine line: Int, column: Int) -> Int {
        guard line < lineStarts.count else { return bytes.count }
        let lineIndex = max(line, 0)
        let start = lineStarts[lineIndex]
        let lineEnd = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : bytes.count
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

    /// The text of a 1-based line without its line break; invalid UTF-8 is repaired.
    public func text(ofLine line: Int) -> String {
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

    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
