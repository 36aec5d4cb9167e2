import FerryDiagnostics

/// What one node of a ``YAMLTree`` is: a scalar in one of its styles, or a collection.
enum YAMLNodeKind: UInt8 {
    case plainScalar
    case singleQuotedScalar
    case doubleQuotedScalar
    case literalScalar
    case foldedScalar
    case blockMapping
    case flowMapping
    case blockSequence
    case flowSequence

    var isScalar: Bool { rawValue <= YAMLNodeKind.foldedScalar.rawValue }
    var isMapping: Bool { self == .blockMapping || self == .flowMapping }
    var isFlow: Bool { self == .flowMapping || self == .flowSequence }
}

/// One node as the tree stores it: byte offsets instead of lines and columns, the value as a
/// byte range instead of a `String`, and for a collection the place of its children.
///
/// A plain value without references, so building millions of them costs no allocation and no
/// reference counting; ``YAMLNode`` and its payloads turn a record into positions and strings
/// when someone asks.
struct YAMLNodeRecord {
    /// Byte offsets of the node's span, `start ..< end`.
    var start: Int32
    var end: Int32
    /// A scalar's first value byte, in the source or (`isDecoded`) in the tree's decoded values;
    /// a collection's first child in the tree's node table.
    var first: Int32
    /// A scalar's value length in bytes; a collection's number of children (keys and values
    /// alternate in a mapping).
    var count: Int32
    var kind: YAMLNodeKind
    /// Whether a scalar's value was copied because it differs from its source text (escapes,
    /// folding, a tag in front).
    var isDecoded: Bool
    /// Whether a scalar has an explicit tag, kept in the tree's tag table.
    var hasTag: Bool

    init(kind: YAMLNodeKind, start: Int32, end: Int32, first: Int32, count: Int32, isDecoded: Bool = false, hasTag: Bool = false) {
        self.start = start
        self.end = end
        self.first = first
        self.count = count
        self.kind = kind
        self.isDecoded = isDecoded
        self.hasTag = hasTag
    }
}

/// The nodes of one parsed document in a single table, shared by every ``YAMLNode`` handed out.
///
/// The children of each collection stand together in `nodes`, so a mapping's entries and a
/// sequence's items are random-access views over a slice of the table. Scalar values are byte
/// ranges of the source, except the few libyaml had to decode, which live in `decodedValues`.
/// A 20 MB file has a couple of million nodes; one allocation for all of them, instead of arrays
/// and strings per node, is what keeps building the tree close to libyaml's own speed.
final class YAMLTree: Sendable {
    let source: SourceFile
    let nodes: [YAMLNodeRecord]
    let decodedValues: [UInt8]
    /// Explicit tags, by the start offset of their scalar (unique: the tag is written there).
    let tags: [Int32: String]

    init(source: SourceFile, nodes: [YAMLNodeRecord], decodedValues: [UInt8], tags: [Int32: String]) {
        self.source = source
        self.nodes = nodes
        self.decodedValues = decodedValues
        self.tags = tags
    }

    /// The node at `index` of the node table.
    func node(at index: Int) -> YAMLNode {
        switch nodes[index].kind {
        case .plainScalar, .singleQuotedScalar, .doubleQuotedScalar, .literalScalar, .foldedScalar:
            .scalar(YAMLScalar(tree: self, index: index))
        case .blockMapping, .flowMapping:
            .mapping(YAMLMapping(tree: self, index: index))
        case .blockSequence, .flowSequence:
            .sequence(YAMLSequence(tree: self, index: index))
        }
    }

    func range(at index: Int) -> SourceRange {
        let record = nodes[index]
        return source.range(of: Int(record.start) ..< Int(record.end))
    }

    func value(at index: Int) -> String {
        let record = nodes[index]
        let bytes = record.isDecoded ? decodedValues : source.bytes
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(record.first) ..< Int(record.first + record.count)]), as: UTF8.self)
        }
    }

    func tag(at index: Int) -> String? {
        let record = nodes[index]
        return record.hasTag ? tags[record.start] : nil
    }
}
