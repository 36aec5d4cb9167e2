/// The rules each engine applies to a whole migration, in the engine's order.
public enum EngineRules {
    public static func rules(for engine: Engine) -> [any MigrationRule] {
        switch engine {
        case .camunda7: [
            SameTypeRule(), Camunda7SameEventTypeRule(), Camunda7MultiInstanceRules(), Camunda7GatewayRule(),
            Camunda7EventScopeRule(), Camunda7EventTriggerRules(), Camunda7ScopeHierarchyRule(),
        ]
        case .camunda8: [SameTypeRule()]
        case .joget: [SameTypeRule(), JogetHoldableTargetRule()]
        }
    }
}

/// Joget: a target must be an activity a user can hold (a `normal` activity), since
/// `activity/start` on a tool runs it at once and a route holds nothing (peers.md §3).
public struct JogetHoldableTargetRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions where instruction.isExplicit && instruction.target.kind != .normal {
            findings.report(
                .targetCannotHoldInstances,
                "'\(instruction.target.id)' is a \(instruction.target.kind.rawValue) activity; a Joget migration target must be a normal activity a user can hold",
                at: instruction
            )
        }
    }
}
