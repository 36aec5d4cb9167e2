/// A point in a source file.
///
/// Lines and columns are 1-based; columns count Unicode scalar values, as libyaml does and as
/// DESIGN.md §4 requires. `offset` is the 0-based UTF-8 byte offset, which is what slicing the
/// file's bytes needs.
public struct SourcePosition: Hashable, Sendable, Comparable {
    // Stored as 32-bit values: nodes carry two positions each, and halving them measurably
    // speeds up building large trees. Files are bounded far below 2 GiB.
    private var storedLine: Int32
    private var storedColumn: Int32
    private var storedOffset: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int, offset: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
        storedOffset = Int32(clamping: offset)
    }

    /// The first position of any file.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.storedLine, lhs.storedColumn, lhs.storedOffset) < (rhs.storedLine, rhs.storedColumn, rhs.storedOffset)
    }
}

/// A half-open range `start ..< end` inside one file.
public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty range at one position.
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }

    /// The range covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }
}

/// A range inside a named file. The path is the one the user gave (relative stays relative).
public struct SourceLocation: Hashable, Sendable {
    public var file: String
    public var range: SourceRange

    public init(file: String, range: SourceRange) {
        self.file = file
        self.range = range
    }

    /// The start of a file, for findings about a file as a whole.
    public init(wholeFile file: String) {
        self.init(file: file, range: SourceRange(at: .start))
    }

    public var start: SourcePosition { range.start }
    public var end: SourcePosition { range.end }
}
