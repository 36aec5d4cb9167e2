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

/// A scalar exactly as libyaml read it: its value is the text after YAML's quoting and folding
/// rules, never converted to a number or boolean.
public struct YAMLScalar: Sendable, Hashable {
    public var value: String
    public var range: SourceRange
    public var style: YAMLScalarStyle
    private var tagBox: TagBox?

    /// An explicit tag such as `tag:yaml.org,2002:str` from `!!str`; `nil` when untagged.
    public var tag: String? {
        get { tagBox?.tag }
        set { tagBox = newValue.map(TagBox.init) }
    }

    public init(value: String, style: YAMLScalarStyle, tag: String? = nil, range: SourceRange) {
        self.value = value
        self.style = style
        self.tagBox = tag.map(TagBox.init)
        self.range = range
    }

    /// The scalar as it stands in the file, quotes and escapes included.
    public func sourceText(in source: SourceFile) -> String {
        String(decoding: source.bytes[range.start.offset..<range.end.offset], as: UTF8.self)
    }
}

/// Tags are rare in mapping files; boxing them keeps every scalar node small.
private final class TagBox: Sendable, Hashable {
    let tag: String
    init(_ tag: String) { self.tag = tag }
    static func == (lhs: TagBox, rhs: TagBox) -> Bool { lhs.tag == rhs.tag }
    func hash(into hasher: inout Hasher) { hasher.combine(tag) }
}

/// A mapping with its entries in the order they were written. Keys are scalars; the syntax layer
/// rejects any other key and any duplicate.
public struct YAMLMapping: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: YAMLScalar
        public var value: YAMLNode

        public init(key: YAMLScalar, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var entries: [Entry]
    public var style: YAMLCollectionStyle
    public var range: SourceRange

    public init(entries: [Entry], style: YAMLCollectionStyle, range: SourceRange) {
        self.entries = entries
        self.style = style
        self.range = range
    }

    /// The entry whose key is `key`, if any.
    public func entry(forKey key: String) -> Entry? {
        entries.first { $0.key.value == key }
    }
}

/// A sequence with its items in order.
public struct YAMLSequence: Sendable, Hashable {
    public var items: [YAMLNode]
    public var style: YAMLCollectionStyle
    public var range: SourceRange

    public init(items: [YAMLNode], style: YAMLCollectionStyle, range: SourceRange) {
        self.items = items
        self.style = style
        self.range = range
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
