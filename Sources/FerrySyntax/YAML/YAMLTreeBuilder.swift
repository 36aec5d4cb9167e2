import FerryDiagnostics

/// Collects the nodes of one parse, as libyaml reports them, into a ``YAMLTree``.
///
/// A finished node waits on `pending` until its collection closes; closing moves the
/// collection's children, together, to the end of the node table, so that every collection's
/// children end up side by side. Records are plain values, moved in bulk, and scalar values stay
/// in the file's bytes: building the tree allocates nothing per node.
///
/// The builder reads the input buffer libyaml reads, so it lives only inside the parse's access
/// to that buffer.
struct YAMLTreeBuilder {
    let source: SourceFile
    /// The file's bytes (one zero byte for an empty file, which libyaml needs).
    private let input: UnsafeBufferPointer<UInt8>
    /// Finished nodes whose collection is still open: the children of every open collection, in
    /// document order.
    private(set) var pending: [YAMLNodeRecord] = []
    private var nodes: [YAMLNodeRecord] = []
    private var decodedValues: [UInt8] = []
    private var tags: [Int32: String] = [:]

    init(source: SourceFile, input: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.input = input
        // Sized from the input so a large file never copies its tables while they grow: no node
        // takes less than about 2 bytes, and pages that are never touched cost nothing.
        nodes.reserveCapacity(max(64, source.bytes.count / 4))
        pending.reserveCapacity(max(64, source.bytes.count / 64))
    }

    /// A scalar's record. Its value stays a range of the file when libyaml's value is exactly the
    /// text between the quotes (the whole span, for a plain scalar), as it is for nearly every
    /// scalar of a mapping file; otherwise the value's bytes are copied.
    mutating func scalar(
        _ kind: YAMLNodeKind,
        start: Int32,
        end: Int32,
        value: UnsafePointer<UInt8>?,
        length: Int,
        tag: String?
    ) -> YAMLNodeRecord {
        var record = YAMLNodeRecord(kind: kind, start: start, end: end, first: 0, count: Int32(truncatingIfNeeded: length))
        if let value, length > 0 {
            let quoted = kind == .singleQuotedScalar || kind == .doubleQuotedScalar
            let textStart = Int(start) + (quoted ? 1 : 0)
            let textEnd = Int(end) - (quoted ? 1 : 0)
            if kind != .literalScalar, kind != .foldedScalar, textEnd - textStart == length, textStart >= 0, textEnd <= input.count,
               Self.bytesEqual(input.baseAddress! + textStart, value, count: length) {
                record.first = Int32(truncatingIfNeeded: textStart)
            } else {
                record.first = Int32(truncatingIfNeeded: decodedValues.count)
                record.isDecoded = true
                decodedValues.append(contentsOf: UnsafeBufferPointer(start: value, count: length))
            }
        }
        if let tag {
            record.hasTag = true
            tags[start] = tag
        }
        return record
    }

    /// Adds a finished node to the open collection's children.
    mutating func push(_ record: YAMLNodeRecord) {
        pending.append(record)
    }

    /// The record of a collection that just ended, whose children are pending from `firstChild`
    /// on; they move to the node table. A block collection ends where its last child ends
    /// (libyaml's end mark would be on a later line); a flow collection gives `end`.
    mutating func close(_ kind: YAMLNodeKind, start: Int32, end: Int32?, firstChild: Int) -> YAMLNodeRecord {
        let childCount = pending.count - firstChild
        let record = YAMLNodeRecord(
            kind: kind,
            start: start,
            end: end ?? (childCount > 0 ? pending[pending.count - 1].end : start),
            first: Int32(truncatingIfNeeded: nodes.count),
            count: Int32(truncatingIfNeeded: childCount)
        )
        nodes.append(contentsOf: pending[firstChild...])
        pending.removeLast(childCount)
        return record
    }

    /// The tree, with `root` as its last node. (Mutating rather than consuming: the builder is a
    /// stored property, and consuming it would copy the node table to append the root.)
    mutating func finish(root: YAMLNodeRecord) -> YAMLNode {
        nodes.append(root)
        let tree = YAMLTree(source: source, nodes: nodes, decodedValues: decodedValues, tags: tags)
        return tree.node(at: tree.nodes.count - 1)
    }

    // MARK: Reading records before the tree exists

    /// The first key, among the open mapping's children pending from `firstChild` on (keys and
    /// values alternating), whose value equals `key`'s.
    func pendingKey(equalTo key: YAMLNodeRecord, from firstChild: Int) -> YAMLNodeRecord? {
        var index = firstChild
        while index < pending.count {
            if valuesEqual(pending[index], key) { return pending[index] }
            index += 2
        }
        return nil
    }

    /// Whether two scalars have the same value.
    func valuesEqual(_ lhs: YAMLNodeRecord, _ rhs: YAMLNodeRecord) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard lhs.count > 0 else { return true }
        if !lhs.isDecoded, !rhs.isDecoded {
            return Self.bytesEqual(input.baseAddress! + Int(lhs.first), input.baseAddress! + Int(rhs.first), count: Int(lhs.count))
        }
        return decodedValues.withUnsafeBufferPointer { decoded in
            Self.bytesEqual(valueStart(lhs, decoded), valueStart(rhs, decoded), count: Int(lhs.count))
        }
    }

    /// A scalar's value.
    func value(of record: YAMLNodeRecord) -> String {
        guard record.count > 0 else { return "" }
        return decodedValues.withUnsafeBufferPointer { decoded in
            String(decoding: UnsafeBufferPointer(start: valueStart(record, decoded), count: Int(record.count)), as: UTF8.self)
        }
    }

    /// A node's lines and columns.
    func range(of record: YAMLNodeRecord) -> SourceRange {
        source.range(of: Int(record.start) ..< Int(record.end))
    }

    private func valueStart(_ record: YAMLNodeRecord, _ decoded: UnsafeBufferPointer<UInt8>) -> UnsafePointer<UInt8> {
        (record.isDecoded ? decoded.baseAddress! : input.baseAddress!) + Int(record.first)
    }

    /// Compares eight bytes at a time: keys and values are mostly a few words long.
    private static func bytesEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            let left = UnsafeRawPointer(lhs + index).loadUnaligned(as: UInt64.self)
            let right = UnsafeRawPointer(rhs + index).loadUnaligned(as: UInt64.self)
            if left != right { return false }
            index += 8
        }
        while index < count {
            if lhs[index] != rhs[index] { return false }
            index += 1
        }
        return true
    }
}
