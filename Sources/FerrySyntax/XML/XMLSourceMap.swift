public import FerryDiagnostics

/// The file one parse read, shared by every value it produced, to turn byte offsets into lines and
/// columns when someone asks.
///
/// A large model has about a million attribute, tag and text boundaries, and the stages after the
/// reader look at a few thousand of them, so positions are resolved on demand (a binary search in
/// the line table) instead of for every event. Two maps are equal when they are for the same path,
/// so that values from two reads of one file compare equal.
public final class XMLSourceMap: Sendable, Hashable {
    public let source: SourceFile

    public init(_ source: SourceFile) {
        self.source = source
    }

    /// The range of the bytes `start ..< end`.
    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: source.position(atOffset: start), end: source.position(atOffset: end))
    }

    /// The bytes `start ..< end` as a string.
    func text(_ start: Int, _ end: Int) -> String {
        source.bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start ..< end]), as: UTF8.self)
        }
    }

    /// Calls `body` with the bytes `start ..< end`.
    func withBytes<Result>(_ start: Int, _ end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        source.bytes.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[start ..< end]))
        }
    }

    /// The location of the bytes `start ..< end`.
    public func location(_ start: Int, _ end: Int) -> SourceLocation {
        SourceLocation(file: source.path, range: range(start, end))
    }

    public static func == (lhs: XMLSourceMap, rhs: XMLSourceMap) -> Bool {
        lhs === rhs || lhs.source.path == rhs.source.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source.path)
    }
}

extension SourceFile {
    /// The lines and columns of a byte range, such as an XML value's `byteRange`.
    public func range(of byteRange: Range<Int>) -> SourceRange {
        SourceRange(start: position(atOffset: byteRange.lowerBound), end: position(atOffset: byteRange.upperBound))
    }

    /// A byte range of this file as a location, ready for a ``Diagnostic``.
    public func location(of byteRange: Range<Int>) -> SourceLocation {
        SourceLocation(file: path, range: range(of: byteRange))
    }
}
