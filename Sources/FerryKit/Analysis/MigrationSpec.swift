public import FerryDiagnostics

/// One migration instruction: what an instance holds at `source` in the older definition moves to
/// `target` in the newer one (an activity instance, a waiting token, or an event trigger).
public struct MigrationInstruction: Sendable {
    /// Where the instruction comes from, which decides where its findings are reported.
    public enum Origin: Sendable {
        /// An entry of a mapping file, with the target as written there.
        case explicit(entry: MappingEntry, target: Located<String>)
        /// The same id in both definitions.
        case identity
    }

    /// The instruction's parts, shared by every copy: each rule walks every instruction of a
    /// migration (a composed plan runs them all on up to thousands of instructions per source
    /// version), and one reference costs one reference count where two elements, an entry and a
    /// target as written cost four or five.
    private struct Fields: Sendable {
        var source: FlowElement
        var target: FlowElement
        var updateEventTrigger: Bool
        var origin: Origin
    }

    private var shared: SharedValue<Fields>

    public var source: FlowElement {
        get { shared.value.source }
        set { shared.set(\.source, newValue) }
    }

    public var target: FlowElement {
        get { shared.value.target }
        set { shared.set(\.target, newValue) }
    }

    /// Re-create the event trigger from the newer definition (Camunda 7).
    public var updateEventTrigger: Bool {
        get { shared.value.updateEventTrigger }
        set { shared.set(\.updateEventTrigger, newValue) }
    }

    public var origin: Origin {
        get { shared.value.origin }
        set { shared.set(\.origin, newValue) }
    }

    public init(source: FlowElement, target: FlowElement, updateEventTrigger: Bool, origin: Origin) {
        shared = SharedValue(Fields(source: source, target: target, updateEventTrigger: updateEventTrigger, origin: origin))
    }

    public var isExplicit: Bool {
        if case .explicit = origin { true } else { false }
    }

    /// Where `updateEventTrigger` is written, when it is.
    public var updateEventTriggerLocation: SourceLocation? {
        guard case .explicit(let entry, _) = origin, case .map(_, let update?) = entry.action else { return nil }
        return update.location
    }
}

/// Everything a migration between two definitions of one process asks of the engine: the
/// instructions, explicit and by identity, and the source elements that are skipped. The engine
/// rules (Camunda 7's instruction validators, Camunda 8's preconditions, Joget's) run on this.
public struct MigrationSpec: Sendable {
    public let from: ProcessDefinition
    public let to: ProcessDefinition
    public let instructions: [MigrationInstruction]
    /// Source ids that a `skip` leaves behind.
    public let skipped: Set<String>

    /// Elements of each side by id (the first one, should a definition repeat an id).
    public let older: [String: FlowElement]
    public let newer: [String: FlowElement]
    /// The instructions by source and by target id: nearly every id has one, so each table holds
    /// an id's first instruction, and a chain (by position) the rest in order.
    private let bySource: InstructionChains
    private let byTarget: InstructionChains

    public init(
        from: ProcessDefinition,
        to: ProcessDefinition,
        instructions: [MigrationInstruction],
        skipped: Set<String>,
        older: [String: FlowElement]? = nil,
        newer: [String: FlowElement]? = nil
    ) {
        self.from = from
        self.to = to
        self.instructions = instructions
        self.skipped = skipped
        self.older = older ?? Self.index(from)
        self.newer = newer ?? Self.index(to)
        bySource = InstructionChains(instructions, key: \.source.id)
        byTarget = InstructionChains(instructions, key: \.target.id)
    }

    /// The same migration without the identity instructions of `sources`.
    public func droppingIdentity(of sources: Set<String>) -> MigrationSpec {
        MigrationSpec(
            from: from,
            to: to,
            instructions: instructions.filter { $0.isExplicit || !sources.contains($0.source.id) },
            skipped: skipped,
            older: older,
            newer: newer
        )
    }

    /// A definition's elements by id, keeping the first of a repeated id.
    public static func index(_ definition: ProcessDefinition) -> [String: FlowElement] {
        var index: [String: FlowElement] = [:]
        index.reserveCapacity(definition.elements.count)
        // Last to first, one hash per element: the first element with an id is written last.
        for element in definition.elements.reversed() {
            index[element.id] = element
        }
        return index
    }

    public var engine: Engine { from.engine }
    public var fromVersion: String { from.version?.description ?? "?" }
    public var toVersion: String { to.version?.description ?? "?" }

    /// The instructions whose source is `id`.
    public func instructions(from id: String) -> [MigrationInstruction] {
        bySource.positions(of: id).map { instructions[$0] }
    }

    /// The instructions whose target is `id`.
    public func instructions(to id: String) -> [MigrationInstruction] {
        byTarget.positions(of: id).map { instructions[$0] }
    }

    /// Whether some instruction moves `id` of the older definition.
    public func isMapped(_ id: String) -> Bool { bySource.contains(id) }

    /// Whether some instruction moves something into `id` of the newer definition.
    public func isTargeted(_ id: String) -> Bool { byTarget.contains(id) }
}

/// The positions of the instructions with each key, in order, without an array per key.
private struct InstructionChains: Sendable {
    /// The first position with each key.
    private let first: [String: Int]
    /// For each position, the next one with the same key, or -1.
    private let next: [Int]

    init(_ instructions: [MigrationInstruction], key: (MigrationInstruction) -> String) {
        var first: [String: Int] = [:]
        first.reserveCapacity(instructions.count)
        var next = [Int](repeating: -1, count: instructions.count)
        // Last to first, so that each key ends up with its first position and a chain in order.
        for position in instructions.indices.reversed() {
            next[position] = Self.replace(&first[key(instructions[position]), default: -1], with: position)
        }
        self.first = first
        self.next = next
    }

    private static func replace(_ value: inout Int, with newValue: Int) -> Int {
        defer { value = newValue }
        return value
    }

    func contains(_ key: String) -> Bool {
        first[key] != nil
    }

    func positions(of key: String) -> [Int] {
        guard var position = first[key] else { return [] }
        var positions = [position]
        while next[position] >= 0 {
            position = next[position]
            positions.append(position)
        }
        return positions
    }
}
