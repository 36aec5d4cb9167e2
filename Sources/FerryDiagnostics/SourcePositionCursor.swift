/// Turns byte offsets of one file into positions, fastest when they are asked for in increasing
/// order: it counts lines and columns forward from the previous answer, without the file's line
/// table, so a front end that keeps the places of tens of thousands of tags never builds one.
///
/// Any order gives the same answers as ``SourceFile/position(atOffset:)``; an offset before the
/// previous one is answered by the file (whose line table is then built).
public struct SourcePositionCursor: Sendable {
    public let file: SourceFile
    private var scan: LineScan

    public init(_ file: SourceFile) {
        self.file = file
        scan = LineScan(file.bytes)
    }

    /// ``SourceFile/position(atOffset:)``.
    public mutating func position(atOffset rawOffset: Int) -> SourcePosition {
        let offset = min(max(rawOffset, 0), file.bytes.count)
        guard offset >= scan.offset else { return file.position(atOffset: offset) }
        let lineBreaks = file.lineBreaks
        file.bytes.withUnsafeBufferPointer { scan.advance(to: offset, in: $0, lineBreaks: lineBreaks) }
        return scan.position
    }

    /// ``SourceFile/location(from:to:)``.
    public mutating func location(from startOffset: Int, to endOffset: Int) -> SourceLocation {
        let start = position(atOffset: startOffset)
        let end = position(atOffset: endOffset)
        return SourceLocation(file: file.path, range: SourceRange(start: start, end: end))
    }
}
