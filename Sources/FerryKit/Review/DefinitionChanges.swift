/// What changed between two definitions of one process, element by element, for reviewers
/// (`ferry diff`): elements added, removed, renamed by an explicit mapping (or merged into one),
/// and elements whose kind, implementation, scope, multi-instance or trigger changed. Wait states
/// come first.
public struct DefinitionChanges: Sendable, Hashable {
    /// One element's change.
    public struct Change: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case added, removed, renamed, changed
        }

        public var kind: Kind
        /// The id in the older definition (`nil` when added).
        public var oldID: String?
        /// The id in the newer definition (`nil` when removed).
        public var newID: String?
        /// The element as the older (or, when added, the newer) definition has it.
        public var element: FlowElement
        /// Whether an instance can rest here in either version.
        public var isWaitState: Bool
        /// What changed, one phrase each: `kind userTask → receiveTask`, `moved from process level
        /// into 'shipping'`, `multi-instance added (parallel)`, `trigger timer duration P3D → P2D`.
        public var details: [String]
    }

    public let from: ProcessDefinition
    public let to: ProcessDefinition
    public let changes: [Change]

    /// `renames` are the explicit instructions of a mapping file: source id → target ids.
    public init(from: ProcessDefinition, to: ProcessDefinition, renames: [String: [String]] = [:]) {
        self.from = from
        self.to = to
        let older = MigrationSpec.index(from)
        let newer = MigrationSpec.index(to)
        var matchedNew: Set<String> = []
        var waiting: [Change] = []
        var other: [Change] = []
        func differences(_ old: FlowElement, _ new: FlowElement) -> [String] {
            Self.differences(old, new, scopes: (Self.scope(of: old, in: older), Self.scope(of: new, in: newer)), renames: renames)
        }
        for element in from.elements where element.kind != .multiInstanceBody {
            var change: Change
            if let targets = renames[element.id], let first = targets.first, let target = newer[first] {
                matchedNew.formUnion(targets)
                let details = differences(element, target)
                if first == element.id {
                    guard !details.isEmpty else { continue }
                    change = Change(kind: .changed, oldID: element.id, newID: first, element: element, isWaitState: element.isWaitState || target.isWaitState, details: details)
                } else {
                    change = Change(kind: .renamed, oldID: element.id, newID: targets.joined(separator: ", "), element: element, isWaitState: element.isWaitState || target.isWaitState, details: details)
                }
            } else if let same = newer[element.id] {
                matchedNew.insert(element.id)
                let details = differences(element, same)
                guard !details.isEmpty else { continue }
                change = Change(kind: .changed, oldID: element.id, newID: element.id, element: element, isWaitState: element.isWaitState || same.isWaitState, details: details)
            } else {
                change = Change(kind: .removed, oldID: element.id, newID: nil, element: element, isWaitState: element.isWaitState, details: [])
            }
            if change.isWaitState { waiting.append(change) } else { other.append(change) }
        }
        for element in to.elements where element.kind != .multiInstanceBody && !matchedNew.contains(element.id) && older[element.id] == nil {
            let change = Change(kind: .added, oldID: nil, newID: element.id, element: element, isWaitState: element.isWaitState, details: [])
            if change.isWaitState { waiting.append(change) } else { other.append(change) }
        }
        changes = waiting + other
    }

    /// The phrases describing how `new` differs from `old`; empty when nothing a migration cares
    /// about changed.
    static func differences(
        _ old: FlowElement,
        _ new: FlowElement,
        scopes: (old: String?, new: String?),
        renames: [String: [String]]
    ) -> [String] {
        var details: [String] = []
        let oldKind = RuleFindings.describe(old), newKind = RuleFindings.describe(new)
        if old.kind != new.kind || old.implementation != new.implementation || old.eventDefinition != new.eventDefinition {
            details.append("kind \(oldKind) → \(newKind)")
        }
        // A scope counts as the same when the mapping file moves it there.
        let expected = scopes.old.map { renames[$0]?.first ?? $0 }
        if expected != scopes.new {
            details.append("moved from \(Self.describe(scope: scopes.old)) to \(Self.describe(scope: scopes.new))")
        }
        switch (old.multiInstance, new.multiInstance) {
        case (nil, let mode?): details.append("multi-instance added (\(mode.rawValue))")
        case (_?, nil): details.append("multi-instance removed")
        case (let a?, let b?) where a != b: details.append("multi-instance \(a.rawValue) → \(b.rawValue)")
        default: break
        }
        if let a = old.attachedTo, let b = new.attachedTo, (renames[a]?.first ?? a) != b {
            details.append("attached to '\(a)' → '\(b)'")
        }
        if old.isInterrupting != new.isInterrupting, let now = new.isInterrupting {
            details.append(now ? "now interrupting" : "now non-interrupting")
        }
        if old.trigger != new.trigger, old.trigger != nil || new.trigger != nil {
            details.append("trigger \(old.trigger ?? "none") → \(new.trigger ?? "none")")
        }
        return details
    }

    /// The scope an element is in, looking through its own multi-instance body (which comes and
    /// goes with the activity).
    static func scope(of element: FlowElement, in index: [String: FlowElement]) -> String? {
        guard let scope = element.flowScope else { return nil }
        if scope == FlowElement.multiInstanceBodyID(of: element.id) { return index[scope]?.flowScope }
        return scope
    }

    private static func describe(scope: String?) -> String {
        scope.map { "'\($0)'" } ?? "process level"
    }
}
