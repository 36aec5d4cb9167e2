/// Turns byte offsets of one file into positions, fastest when they are asked for in increasing
/// order: it steps forward from the line of the previous answer instead of searching the whole
/// line table each time.
///
/// For a front end that keeps the places of tens of thousands of tags, each a few lines after
/// the last. Any order gives the same answers as ``SourceFile/position(atOffset:)``; out of
/// order is only slower.
public struct SourcePositionCursor: Sendable {
    public let file: SourceFile
    /// The 0-based line of the previous answer.
    private var line = 0

    public init(_ file: SourceFile) {
        self.file = file
    }

    /// ``SourceFile/position(atOffset:)``.
    public mutating func position(atOffset rawOffset: Int) -> SourcePosition {
        let offset = min(max(rawOffset, 0), file.bytes.count)
        let lineStarts = file.lineStarts
        var steps = 0
        while line + 1 < lineStarts.count, lineStarts[line + 1] <= offset, steps < 8 {
            line += 1
            steps += 1
        }
        let start = lineStarts[line]
        // The offset is on this ASCII line, past its start: the column is the byte count, as
        // `position(atOffset:)` works it out. Anything else is left to it.
        if start < offset, file.asciiLines[line], line + 1 == lineStarts.count || lineStarts[line + 1] > offset {
            return SourcePosition(line: line + 1, column: offset - start + 1, offset: offset)
        }
        let position = file.position(atOffset: offset)
        line = position.line - 1
        return position
    }

    /// ``SourceFile/location(from:to:)``.
    public mutating func location(from startOffset: Int, to endOffset: Int) -> SourceLocation {
        let start = position(atOffset: startOffset)
        let end = position(atOffset: endOffset)
        return SourceLocation(file: file.path, range: SourceRange(start: start, end: end))
    }
}
