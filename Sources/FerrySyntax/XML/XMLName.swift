/// An element or attribute name after namespace processing.
///
/// BPMN and XPDL files bind the same namespace to different prefixes (`bpmn:`, `bpmn2:`, `semantic:`,
/// or a default namespace), so front ends match names by namespace URI and local name, never by
/// the prefix as written.
public struct XMLName: Sendable, Hashable {
    /// The three strings, shared by every occurrence of the name in one parse: a large model has
    /// a few dozen distinct names and hundreds of thousands of occurrences, and copying one
    /// reference is cheaper than copying three strings.
    private final class Storage: Sendable {
        let namespace: String?
        let localName: String
        let prefix: String?
        let parseIndex: Int?

        init(namespace: String?, localName: String, prefix: String?, parseIndex: Int?) {
            self.namespace = namespace
            self.localName = localName
            self.prefix = prefix
            self.parseIndex = parseIndex
        }
    }

    private let storage: Storage

    public init(namespace: String?, localName: String, prefix: String? = nil) {
        storage = Storage(namespace: namespace, localName: localName, prefix: prefix, parseIndex: nil)
    }

    /// A name handed out by the parse that numbers its names (see ``parseIndex``).
    init(namespace: String?, localName: String, prefix: String?, parseIndex: Int) {
        storage = Storage(namespace: namespace, localName: localName, prefix: prefix, parseIndex: parseIndex)
    }

    /// A small number for this name within the parse that read it: 0, 1, 2, … in the order the
    /// parse met its names; `nil` for a name made with the public initialiser.
    ///
    /// A front end can remember what it made of each name in an array indexed by this number and
    /// so resolve a name once per parse instead of comparing strings at every one of its hundreds
    /// of thousands of occurrences. Two names of one parse with the same index are equal; an equal
    /// name may now and then come with another index (the parse keeps a small cache of names), and
    /// names of different parses share numbers, so such an array must not outlive one parse.
    public var parseIndex: Int? { storage.parseIndex }

    /// The namespace URI the name is in; `nil` when it is in no namespace (an unprefixed attribute,
    /// or an unprefixed element outside any default namespace).
    public var namespace: String? { storage.namespace }
    public var localName: String { storage.localName }
    /// The prefix as written (`bpmn` in `bpmn:process`); `nil` when unprefixed.
    public var prefix: String? { storage.prefix }

    /// The name as written in the file: `bpmn:process` or `process`.
    public var qualifiedName: String {
        guard let prefix else { return localName }
        return prefix + ":" + localName
    }

    /// Whether this is `localName` in `namespace`, whatever prefix the file used.
    public func matches(_ localName: String, in namespace: String?) -> Bool {
        self.localName == localName && self.namespace == namespace
    }

    public static func == (lhs: XMLName, rhs: XMLName) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.localName == rhs.localName && lhs.namespace == rhs.namespace && lhs.prefix == rhs.prefix)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(localName)
        hasher.combine(namespace)
        hasher.combine(prefix)
    }
}

extension XMLName: CustomStringConvertible {
    public var description: String { qualifiedName }
}
