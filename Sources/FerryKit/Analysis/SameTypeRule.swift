import FerryDiagnostics

/// The rule every engine has: an instance moves only to an element of the same type. Camunda 7
/// compares behaviour classes (rule 1 of reference §2.3, with its two equivalence groups);
/// Camunda 8 compares element types and a user task's implementation (Z12, Z13); Joget compares
/// activity types.
public struct SameTypeRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            guard let problem = Self.incompatibility(instruction.source, instruction.target, engine: spec.engine) else { continue }
            findings.report(
                .incompatibleElementTypes,
                "'\(instruction.source.id)' (\(RuleFindings.describe(instruction.source))) cannot be migrated to '\(instruction.target.id)' (\(RuleFindings.describe(instruction.target)))",
                at: instruction,
                engineText: problem.engineText,
                help: problem.help
            )
        }
    }

    /// Why `engine` would refuse to move an instance from `source` to `target`, if it would.
    public static func incompatibility(_ source: FlowElement, _ target: FlowElement, engine: Engine) -> Problem? {
        switch engine {
        case .camunda7:
            guard let from = source.camunda7Behavior else { return nil }
            let to = target.camunda7Behavior ?? "no behaviour"
            if from == to || equivalentCamunda7Behaviors.contains(where: { $0.contains(from) && $0.contains(to) }) { return nil }
            return Problem(
                engineText: "Activities have incompatible types (\(from) is not compatible with \(to))",
                help: "map '\(source.id)' to an element of the same kind, or skip it"
            )
        case .camunda8:
            guard let from = source.camunda8Type else { return nil }
            let to = target.camunda8Type ?? "no element type"
            if from != to {
                return Problem(
                    engineText: "Expected to migrate process instance '<key>' but active element with id '\(source.id)' and type '\(from)' is mapped to an element with id '\(target.id)' and different type '\(to)'. Elements must be mapped to elements of the same type.",
                    help: "Camunda 8 migrates an element only to an element of the same type; map it to one, or skip it"
                )
            }
            if from == "USER_TASK", source.implementation != target.implementation {
                let a = source.implementation?.rawValue ?? "none", b = target.implementation?.rawValue ?? "none"
                return Problem(
                    engineText: "Expected to migrate process instance '<key>' but active user task with id '\(source.id)' and implementation '\(a)' is mapped to an user task with id '\(target.id)' and different implementation '\(b)'. Elements must be mapped to elements of the same implementation.",
                    help: "a user task must keep its implementation (job worker or Zeebe user task)"
                )
            }
            return nil
        case .joget:
            if source.kind == target.kind { return nil }
            return Problem(engineText: nil, help: "Joget migrates an activity only to an activity of the same type")
        }
    }

    /// Camunda 7's two groups of behaviours that count as the same type.
    static let equivalentCamunda7Behaviors: [Set<String>] = [
        ["CallActivityBehavior", "CaseCallActivityBehavior"],
        ["SubProcessActivityBehavior", "EventSubProcessActivityBehavior"],
    ]

    /// The engine's wording of a refusal and what to do about it.
    public struct Problem: Sendable {
        public var engineText: String?
        public var help: String?
    }
}
