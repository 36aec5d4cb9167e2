/// Joget's rules (reference peers.md §3). Joget's own migration moves a running activity only to
/// an activity with the same id and type; Ferry's cross-server migration starts the instance anew
/// and puts it on each target with `activity/start`, which only leaves it waiting on an activity
/// that can hold it.
public enum JogetRules {
    /// Joget's rules, in order.
    public static let all: [any MigrationRule] = [SameTypeRule(), JogetHoldableTargetRule()]
}

/// Joget: a target must be an activity that can hold the instance: a `normal` activity a user
/// works on, or a `subflow` activity, which waits for its sub-process. `activity/start` on a
/// `tool` runs it at once and a `route` holds nothing (peers.md §3.6), so the instance would not
/// wait where the mapping says.
///
/// Applies to every instruction; an identity instruction is only formed for an element that
/// holds state, so in practice this concerns the mapping file's targets.
public struct JogetHoldableTargetRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions where !Self.canHold(instruction.target) {
            let kind = instruction.target.kind
            let why = kind == .tool
                ? "Joget's activity/start runs a tool at once"
                : kind == .route ? "a route holds nothing" : "it is not an activity"
            findings.report(
                .targetCannotHoldInstances,
                "'\(instruction.target.id)' is a \(kind.rawValue) \(kind.isActivity || kind == .route ? "activity" : "element"); a Joget migration target must be an activity the instance can wait in (\(why))",
                at: instruction,
                help: "map '\(instruction.source.id)' to the normal activity that follows, or skip it with the reason"
            )
        }
    }

    /// Whether Joget leaves an instance waiting on `element` after `activity/start`.
    static func canHold(_ element: FlowElement) -> Bool {
        element.kind == .normal || element.kind == .subflow
    }
}
