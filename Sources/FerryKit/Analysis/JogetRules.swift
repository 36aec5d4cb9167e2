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
/// `tool` runs it at once, a `route` holds nothing (peers.md §3.6), and a start or end event
/// (XPDL 2) is no place to rest, so the instance would not wait where the mapping says.
///
/// Applies to every instruction; an identity instruction is only formed for an element that
/// holds state, so in practice this concerns the mapping file's targets.
public struct JogetHoldableTargetRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions where !Self.canHold(instruction.target) {
            let kind = instruction.target.kind
            let what: String
            switch kind {
            case .tool: what = "a tool activity (activity/start runs it at once)"
            case .route: what = "a route (it holds nothing)"
            default: what = "a \(kind.rawValue) (no place to wait)"
            }
            findings.report(
                .targetCannotHoldInstances,
                "'\(instruction.target.id)' is \(what); a Joget migration target must be an activity the instance can wait in",
                at: instruction,
                help: "map '\(instruction.source.id)' to the normal activity that follows, or skip it with the reason"
            )
        }
    }

    /// Whether Joget leaves an instance waiting on `element` after `activity/start`.
    static func canHold(_ element: FlowElement) -> Bool {
        switch element.kind {
        case .tool, .route, .startEvent, .endEvent: false
        default: true
        }
    }
}
