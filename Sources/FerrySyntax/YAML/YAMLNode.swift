public import FerryDiagnostics

/// How a scalar was written. Ferry reads scalars by position, never by YAML 1.1 resolution, so
/// the style is what later stages use to tell `"true"` from `true` or to warn about a plain `no`.
public enum YAMLScalarStyle: String, Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// Whether a collection was written in block (indented) or flow (`[…]`, `{…}`) style.
public enum YAMLCollectionStyle: String, Sendable, Hashable {
    case block
    case flow
}

// The node types below are views into the parse's ``YAMLTree``: a reference and an index. Their
// properties are worked out when read (a value is decoded from the file's bytes, a range is
// looked up in the line table), so read a property once where it is used many times. Two nodes
// are equal when they have the same content and positions, whichever parse they come from.

/// A scalar exactly as libyaml read it: its value is the text after YAML's quoting and folding
/// rules, never converted to a number or boolean.
public struct YAMLScalar: Sendable, Hashable {
    let tree: YAMLTree
    let index: Int

    init(tree: YAMLTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    public var value: String { tree.value(at: index) }

    public var range: SourceRange { tree.range(at: index) }

    public var style: YAMLScalarStyle {
        switch tree.nodes[index].kind {
        case .singleQuotedScalar: .singleQuoted
        case .doubleQuotedScalar: .doubleQuoted
        case .literalScalar: .literal
        case .foldedScalar: .folded
        default: .plain
        }
    }

    /// An explicit tag such as `tag:yaml.org,2002:str` from `!!str`; `nil` when untagged.
    public var tag: String? { tree.tag(at: index) }

    /// The scalar as it stands in the file, quotes and escapes included.
    public func sourceText(in source: SourceFile) -> String {
        let record = tree.nodes[index]
        return String(decoding: source.bytes[Int(record.start) ..< Int(record.end)], as: UTF8.self)
    }

    public static func == (lhs: YAMLScalar, rhs: YAMLScalar) -> Bool {
        lhs.value == rhs.value && lhs.style == rhs.style && lhs.tag == rhs.tag && lhs.range == rhs.range
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(range)
    }
}

/// A mapping with its entries in the order they were written. Keys are scalars; the syntax layer
/// rejects any other key and any duplicate.
public struct YAMLMapping: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public let key: YAMLScalar
        public let value: YAMLNode
    }

    /// The entries in the order they were written; each is built when it is read.
    public struct Entries: RandomAccessCollection, Sendable, Hashable {
        let tree: YAMLTree
        /// Index in the node table of the first key; keys and values alternate from there.
        let first: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> Entry {
            precondition(position >= 0 && position < count, "mapping entry index out of range")
            let key = first + 2 * position
            return Entry(key: YAMLScalar(tree: tree, index: key), value: tree.node(at: key + 1))
        }

        public static func == (lhs: Entries, rhs: Entries) -> Bool {
            lhs.elementsEqual(rhs)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(count)
        }
    }

    let tree: YAMLTree
    let index: Int

    init(tree: YAMLTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    public var entries: Entries {
        let record = tree.nodes[index]
        return Entries(tree: tree, first: Int(record.first), count: Int(record.count) / 2)
    }

    public var style: YAMLCollectionStyle { tree.nodes[index].kind.isFlow ? .flow : .block }

    public var range: SourceRange { tree.range(at: index) }

    /// The entry whose key is `key`, if any.
    public func entry(forKey key: String) -> Entry? {
        entries.first { $0.key.value == key }
    }

    public static func == (lhs: YAMLMapping, rhs: YAMLMapping) -> Bool {
        lhs.style == rhs.style && lhs.range == rhs.range && lhs.entries == rhs.entries
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(range)
        hasher.combine(entries)
    }
}

/// A sequence with its items in order.
public struct YAMLSequence: Sendable, Hashable {
    /// The items in order; each is built when it is read.
    public struct Items: RandomAccessCollection, Sendable, Hashable {
        let tree: YAMLTree
        /// Index in the node table of the first item.
        let first: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> YAMLNode {
            precondition(position >= 0 && position < count, "sequence item index out of range")
            return tree.node(at: first + position)
        }

        public static func == (lhs: Items, rhs: Items) -> Bool {
            lhs.elementsEqual(rhs)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(count)
        }
    }

    let tree: YAMLTree
    let index: Int

    init(tree: YAMLTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    public var items: Items {
        let record = tree.nodes[index]
        return Items(tree: tree, first: Int(record.first), count: Int(record.count))
    }

    public var style: YAMLCollectionStyle { tree.nodes[index].kind.isFlow ? .flow : .block }

    public var range: SourceRange { tree.range(at: index) }

    public static func == (lhs: YAMLSequence, rhs: YAMLSequence) -> Bool {
        lhs.style == rhs.style && lhs.range == rhs.range && lhs.items == rhs.items
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(range)
        hasher.combine(items)
    }
}

/// One node of a YAML document.
public enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    public var range: SourceRange {
        switch self {
        case .scalar(let scalar): scalar.range
        case .mapping(let mapping): mapping.range
        case .sequence(let sequence): sequence.range
        }
    }

    /// A word for the node's shape, for messages such as "expected a mapping, found a sequence".
    public var kindDescription: String {
        switch self {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        }
    }
}

/// A parsed mapping file: its single document's root and the source it came from.
public struct YAMLDocument: Sendable {
    public var root: YAMLNode
    public var source: SourceFile

    public init(root: YAMLNode, source: SourceFile) {
        self.root = root
        self.source = source
    }
}
