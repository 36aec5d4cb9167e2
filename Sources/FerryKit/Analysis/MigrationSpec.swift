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

    public var source: FlowElement
    public var target: FlowElement
    /// Re-create the event trigger from the newer definition (Camunda 7).
    public var updateEventTrigger: Bool
    public var origin: Origin

    public init(source: FlowElement, target: FlowElement, updateEventTrigger: Bool, origin: Origin) {
        self.source = source
        self.target = target
        self.updateEventTrigger = updateEventTrigger
        self.origin = origin
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
    private let bySource: [String: [Int]]
    private let byTarget: [String: [Int]]

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
        var bySource: [String: [Int]] = [:]
        var byTarget: [String: [Int]] = [:]
        for (position, instruction) in instructions.enumerated() {
            bySource[instruction.source.id, default: []].append(position)
            byTarget[instruction.target.id, default: []].append(position)
        }
        self.bySource = bySource
        self.byTarget = byTarget
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
        Dictionary(definition.elements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var engine: Engine { from.engine }
    public var fromVersion: String { from.version?.description ?? "?" }
    public var toVersion: String { to.version?.description ?? "?" }

    /// The instructions whose source is `id`.
    public func instructions(from id: String) -> [MigrationInstruction] {
        (bySource[id] ?? []).map { instructions[$0] }
    }

    /// The instructions whose target is `id`.
    public func instructions(to id: String) -> [MigrationInstruction] {
        (byTarget[id] ?? []).map { instructions[$0] }
    }

    /// Whether some instruction moves `id` of the older definition.
    public func isMapped(_ id: String) -> Bool { bySource[id] != nil }

    /// Whether some instruction moves something into `id` of the newer definition.
    public func isTargeted(_ id: String) -> Bool { byTarget[id] != nil }
}
