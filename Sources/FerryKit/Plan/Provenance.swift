import FerryDiagnostics

/// One explicit step on the way from a source version to a target: the mapping-file entry of a
/// hop that moved an element (or skipped it, or set a variable).
///
/// Steps order by hop (the hop's older version), then by place in the file: the order in which
/// an instance meets them. The entry itself is carried along for placing findings and does not
/// take part in equality.
public struct PlanStep: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The hop's older and newer versions.
    public var from: SemanticVersion
    public var to: SemanticVersion
    /// The mapping file, as given on the command line.
    public var file: String
    /// Where the entry starts (its key), 1-based.
    public var line: Int
    public var column: Int
    /// The `activities:` entry, for steps that move or skip an element.
    public var entry: MappingEntry?

    public init(from: SemanticVersion, to: SemanticVersion, file: String, line: Int, column: Int, entry: MappingEntry? = nil) {
        self.from = from
        self.to = to
        self.file = file
        self.line = line
        self.column = column
        self.entry = entry
    }

    /// A step of a hop's mapping file at a position (a variable's name).
    init(hop: Hop, at position: SourcePosition) {
        self.init(
            from: hop.from.version ?? Self.unversioned,
            to: hop.to.version ?? Self.unversioned,
            file: hop.mapping?.path ?? hop.to.file,
            line: position.line,
            column: position.column
        )
    }

    /// Hops only connect versioned definitions; this stands in should one ever lack a version.
    static let unversioned = SemanticVersion(major: 0, minor: 0, patch: 0)

    public static func == (lhs: PlanStep, rhs: PlanStep) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.file == rhs.file && lhs.line == rhs.line && lhs.column == rhs.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(from)
        hasher.combine(to)
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
    }

    public static func < (lhs: PlanStep, rhs: PlanStep) -> Bool {
        if lhs.from != rhs.from { return lhs.from < rhs.from }
        if lhs.to != rhs.to { return lhs.to < rhs.to }
        if lhs.file != rhs.file { return lhs.file.utf8.lexicographicallyPrecedes(rhs.file.utf8) }
        return (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `1.0.1 → 1.1.0 mappings/1.0-to-1.1.yaml:40:3`
    public var description: String { "\(from) → \(to) \(file):\(line):\(column)" }
}

/// The explicit steps that changed a composed instruction, in the order an instance meets them;
/// hops that kept the id (identity) are implied and not listed.
///
/// A persistent list: composing backwards from the target puts a hop's step in front of the
/// steps after it without copying them, so every source version shares the tail it has in common
/// with the next one. That keeps composing every source to the target linear in the number of
/// versions, however long the lists get.
public struct Provenance: Sendable, Hashable, Sequence, CustomStringConvertible {
    fileprivate final class Node: Sendable {
        let step: PlanStep
        let next: Node?
        let count: Int
        /// The list's last node when it is not this one: the last step in constant time.
        let last: Node?

        init(_ step: PlanStep, _ next: Node?) {
            self.step = step
            self.next = next
            count = (next?.count ?? 0) + 1
            last = next.map { $0.last ?? $0 }
        }
    }

    private var head: Node?

    /// No explicit step: identity all the way.
    public init() {}

    public init(_ steps: some BidirectionalCollection<PlanStep>) {
        var head: Node?
        for step in steps.reversed() { head = Node(step, head) }
        self.head = head
    }

    public var isEmpty: Bool { head == nil }

    /// Equal for the same list in the same storage (`nil` for no step), for as long as the list
    /// is alive: lists built once and shared by many plans are rendered once.
    var identity: ObjectIdentifier? { head.map(ObjectIdentifier.init) }

    /// The latest step, in constant time.
    public var last: PlanStep? {
        guard let head else { return nil }
        return (head.last ?? head).step
    }

    /// Calls `body` with every step's place in shared storage: a step in the same place is the
    /// same step (used to render each shared step once, without copying the step, and the
    /// mapping entry it carries, every time it is met).
    func forEachStep(_ body: (Place) throws -> Void) rethrows {
        // The list is kept alive by `self` throughout: walking it needs no reference counting,
        // which on lists shared by a thousand plans would be most of the cost of writing them.
        var node = head.map { Unmanaged.passUnretained($0) }
        while let current = node {
            try body(Place(node: current))
            node = current._withUnsafeGuaranteedRef { $0.next.map { Unmanaged.passUnretained($0) } }
        }
    }

    /// Where a step is kept, valid while the list it was met in is alive.
    struct Place {
        fileprivate let node: Unmanaged<Node>

        /// Equal for the same place, for as long as the place is kept alive.
        var identity: ObjectIdentifier { node._withUnsafeGuaranteedRef { ObjectIdentifier($0) } }

        var step: PlanStep { node._withUnsafeGuaranteedRef { $0.step } }

        /// The steps from this place on, which keep the place (and its identity) alive.
        var retained: Provenance {
            var result = Provenance()
            result.head = node.takeUnretainedValue()
            return result
        }
    }

    public var count: Int { head?.count ?? 0 }
    public var steps: [PlanStep] { Array(self) }

    /// `step` followed by these steps.
    public func prepending(_ step: PlanStep) -> Provenance {
        var result = Provenance()
        result.head = Node(step, head)
        return result
    }

    /// These steps followed by `other`'s (which are all later): copies these, shares `other`'s.
    public func followed(by other: Provenance) -> Provenance {
        guard !isEmpty else { return other }
        guard !other.isEmpty else { return self }
        var result = other
        for step in steps.reversed() { result = result.prepending(step) }
        return result
    }

    /// The steps of both, in order, each once: the provenance of a target reached on two paths.
    public func union(_ other: Provenance) -> Provenance {
        if self == other || other.isEmpty { return self }
        if isEmpty { return other }
        return Provenance(Set(steps).union(other.steps).sorted())
    }

    public struct Iterator: IteratorProtocol {
        fileprivate var node: Node?

        public mutating func next() -> PlanStep? {
            guard let current = node else { return nil }
            node = current.next
            return current.step
        }
    }

    public func makeIterator() -> Iterator { Iterator(node: head) }

    public static func == (lhs: Provenance, rhs: Provenance) -> Bool {
        if lhs.head === rhs.head { return true }
        guard lhs.count == rhs.count else { return false }
        return lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for step in self { hasher.combine(step) }
    }

    /// Lexicographic by step, shorter first: a total order to choose between two skips.
    static func precedes(_ lhs: Provenance, _ rhs: Provenance) -> Bool {
        lhs.lexicographicallyPrecedes(rhs)
    }

    public var description: String { "[" + map(\.description).joined(separator: ", ") + "]" }
}
