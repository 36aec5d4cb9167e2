import FerryDiagnostics

// Camunda 7's instruction validators 2 and 4–11 (reference camunda.md §2.3), with the same
// conditions as the engine's. Rule 1 is ``SameTypeRule``; rule 3 (one instruction per source) is
// the split check of ``HopValidator`` (FR005), since a mapping file names each source once.

/// Rule 2, `SameEventTypeValidator`: a boundary event or event-sub-process start event moves only
/// to one of the same activity type (`boundaryTimer`, `messageStartEvent`, …).
public struct Camunda7SameEventTypeRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            guard source.isEventTrigger, target.isEventTrigger,
                  let from = source.camunda7EventType, let to = target.camunda7EventType, from != to,
                  // A change of behaviour is already reported by rule 1.
                  SameTypeRule.incompatibility(source, target, engine: .camunda7) == nil
            else { continue }
            findings.report(
                .eventTypeChanged,
                "'\(source.id)' (\(RuleFindings.describe(source))) cannot be migrated to '\(target.id)' (\(RuleFindings.describe(target))): the event type changes",
                at: instruction,
                engineText: "Events are not of the same type (\(from) != \(to))",
                help: "leave '\(source.id)' unmapped so that its trigger is removed and the new event's is created, or map it to an event of the same type"
            )
        }
    }
}

/// Rules 4–6, the multi-instance validators: a target may not sit in a multi-instance body that
/// nothing migrates into, and a migrated body goes together with its inner activity.
public struct Camunda7MultiInstanceRules: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            if let body = Self.unmappedBody(above: instruction.target, in: spec) {
                var help = "map a multi-instance body of \(spec.fromVersion) to '\(body)' as well, or skip '\(instruction.source.id)'"
                if let old = spec.older[body]?.multiInstance, let new = spec.newer[body]?.multiInstance, old != new {
                    help = "'\(body)' changes from \(old.rawValue) to \(new.rawValue), which Camunda 7 cannot migrate; give the changed activity a new id and skip or map the old one"
                }
                findings.report(
                    .multiInstanceBodyAdded,
                    "'\(instruction.target.id)' lies in the multi-instance body '\(body)' of \(spec.toVersion), which nothing migrates into",
                    at: instruction,
                    engineText: "Target activity '\(instruction.target.id)' is a descendant of multi-instance body '\(body)' that is not mapped from the source process definition.",
                    help: help
                )
            }
            if instruction.target.kind == .multiInstanceBody {
                let inner = Self.innerActivity(of: instruction.target.id)
                if !spec.isTargeted(inner) {
                    findings.report(
                        .multiInstanceInnerActivityNotTargeted,
                        "the multi-instance body '\(instruction.target.id)' is migrated into, but nothing is migrated to its inner activity '\(inner)'",
                        at: instruction,
                        engineText: "Must map the inner activity of a multi-instance body when the body is mapped",
                        help: "map the inner activity of '\(instruction.source.id)' to '\(inner)' too"
                    )
                }
            }
            if instruction.source.kind == .multiInstanceBody {
                let inner = Self.innerActivity(of: instruction.source.id)
                if !spec.isMapped(inner) {
                    findings.report(
                        .multiInstanceInnerActivityLeftBehind,
                        "the multi-instance body '\(instruction.source.id)' is migrated, but its inner activity '\(inner)' is not",
                        at: instruction,
                        side: .source,
                        engineText: "Cannot remove the inner activity of a multi-instance body when the body is mapped",
                        help: "map '\(inner)' as well, or skip the body and '\(inner)' together"
                    )
                }
            }
        }
    }

    /// The inner activity's id of a multi-instance body.
    static func innerActivity(of body: String) -> String {
        String(body.dropLast("#multiInstanceBody".count))
    }

    /// The first multi-instance body above `target`, walking up until a scope something
    /// migrates into.
    static func unmappedBody(above target: FlowElement, in spec: MigrationSpec) -> String? {
        for id in spec.scopes(above: target, in: spec.newer) {
            if spec.isTargeted(id) { return nil }
            if spec.newer[id]?.kind == .multiInstanceBody { return id }
        }
        return nil
    }
}

/// Rule 7, `GatewayMappingValidator`: a joining parallel or inclusive gateway keeps at least its
/// incoming flows, its flow scope is migrated with it, and no two joins become one.
public struct Camunda7GatewayRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            guard target.kind == .parallelGateway || target.kind == .inclusiveGateway else { continue }
            if target.incoming.count < source.incoming.count {
                findings.report(
                    .gatewayLosesIncomingFlows,
                    "the joining gateway '\(source.id)' has \(source.incoming.count) incoming flows in \(spec.fromVersion), but '\(target.id)' has only \(target.incoming.count) in \(spec.toVersion)",
                    at: instruction,
                    engineText: "The target gateway must have at least the same number of incoming sequence flows that the source gateway has",
                    help: "keep the join's incoming flows, or map it to a join with at least as many"
                )
            }
            if let scope = source.flowScope, !spec.isMapped(scope) {
                findings.report(
                    .gatewayScopeNotMigrated,
                    "the joining gateway '\(source.id)' is migrated, but its enclosing '\(scope)' is not",
                    at: instruction,
                    side: .source,
                    engineText: "The gateway's flow scope '\(scope)' must be mapped",
                    help: "map '\(scope)' too, or skip '\(source.id)'"
                )
            }
            let merged = spec.instructions(to: target.id)
            if merged.count > 1, merged.first?.source.id != source.id {
                findings.report(
                    .gatewaysMerged,
                    "'\(source.id)' and '\(merged[0].source.id)' are both migrated to the gateway '\(target.id)'",
                    at: instruction,
                    engineText: "Only one gateway can be mapped to gateway '\(target.id)'",
                    notes: [Note("'\(merged[0].source.id)' is migrated there too", at: merged[0].source.location)],
                    help: "map each join to its own gateway, or skip one of them"
                )
            }
        }
    }
}

/// Rule 8, `SameEventScopeInstructionValidator`: an event moves together with the scope its
/// trigger lives in, and into the scope the target's trigger lives in.
public struct Camunda7EventScopeRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            guard source.eventDefinition != .compensation || source.kind != .boundaryEvent,
                  let sourceScope = Self.eventScope(of: source), sourceScope != (source.flowScope ?? spec.from.id)
            else { continue }
            guard let targetScope = Self.eventScope(of: target) else {
                // A user task whose timeout listeners were all removed is fine.
                if source.kind == .userTask { continue }
                findings.report(
                    .eventScopeNotPreserved,
                    "'\(source.id)' belongs to the event scope '\(sourceScope)', but '\(target.id)' has none",
                    at: instruction,
                    engineText: "The source activity's event scope (\(sourceScope)) must be mapped but the target activity has no event scope",
                    help: "map '\(source.id)' to an event of the same kind, or leave it unmapped"
                )
                continue
            }
            if Self.isMapped(sourceScope, to: targetScope, in: spec) { continue }
            let mappedTo = sourceScope == spec.from.id ? spec.to.id : spec.instructions(from: sourceScope).first?.target.id
            let whereItGoes = mappedTo.map { "is migrated to '\($0)'" } ?? "is not migrated"
            findings.report(
                .eventScopeNotPreserved,
                "'\(source.id)' moves to '\(target.id)', whose event scope is '\(targetScope)', but its own event scope '\(sourceScope)' \(whereItGoes)",
                at: instruction,
                engineText: "The source activity's event scope (\(sourceScope)) must be mapped to the target activity's event scope (\(targetScope))",
                help: "map '\(sourceScope)' to '\(targetScope)', or leave '\(source.id)' unmapped so that its trigger is created anew"
            )
        }
    }

    /// Camunda 7's event scope, including a user task with a timeout listener (its own).
    static func eventScope(of element: FlowElement) -> String? {
        if let scope = element.eventScope { return scope }
        return element.kind == .userTask && element.hasTimeoutListener ? element.id : nil
    }

    /// Whether some instruction moves `source` to `target`; the process counts as moved to the
    /// newer process.
    static func isMapped(_ source: String, to target: String, in spec: MigrationSpec) -> Bool {
        if source == spec.from.id { return target == spec.to.id }
        return spec.instructions(from: source).contains { $0.target.id == target }
    }
}

/// Rules 9 and 11: `updateEventTrigger` only where a persistent trigger is defined, and always
/// for conditional events.
public struct Camunda7EventTriggerRules: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            let source = instruction.source
            if instruction.updateEventTrigger, !source.camunda7DefinesPersistentTrigger {
                findings.report(
                    .noPersistentTriggerToUpdate,
                    "'\(source.id)' (\(RuleFindings.describe(source))) has no timer, message, signal or condition whose trigger could be updated",
                    at: instruction,
                    side: .updateEventTrigger,
                    engineText: "Cannot update event trigger because the activity does not define a persistent event trigger",
                    help: "remove `updateEventTrigger` from this entry"
                )
            }
            if source.eventDefinition == .conditional, !instruction.updateEventTrigger {
                findings.report(
                    .conditionalEventWithoutTriggerUpdate,
                    "the conditional event '\(source.id)' must take the condition of \(spec.toVersion)",
                    at: instruction,
                    side: .updateEventTrigger,
                    engineText: "Conditional event has to migrate with update event trigger.",
                    help: "remove `updateEventTrigger: false`; Ferry updates conditional events' triggers itself"
                )
            }
        }
    }
}

/// Rule 10, `AdditionalFlowScopeInstructionValidator`: an element's target lies inside the target
/// of its closest migrated enclosing scope.
public struct Camunda7ScopeHierarchyRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            guard let (ancestor, ancestorTarget) = Self.closestMappedAncestor(of: instruction.source, in: spec),
                  !Self.encloses(ancestorTarget, instruction.target, in: spec)
            else { continue }
            findings.report(
                .scopeHierarchyNotPreserved,
                "'\(instruction.source.id)' moves to '\(instruction.target.id)', outside '\(ancestorTarget)', where its enclosing '\(ancestor)' moves",
                at: instruction,
                engineText: "The closest mapped ancestor '\(ancestor)' is mapped to scope '\(ancestorTarget)' which is not an ancestor of target scope '\(instruction.target.id)'",
                notes: [Note("'\(ancestor)' encloses '\(instruction.source.id)' in \(spec.fromVersion)", at: spec.older[ancestor]?.location ?? spec.from.location)],
                help: "map '\(instruction.source.id)' to an element inside '\(ancestorTarget)', or map '\(ancestor)' to a scope enclosing '\(instruction.target.id)', or skip '\(ancestor)' (`\(ancestor): { skip: <reason> }`) so that its instance ends and the target's scope is created anew"
            )
        }
    }

    /// The closest enclosing scope of `source` that some instruction moves, with its target.
    static func closestMappedAncestor(of source: FlowElement, in spec: MigrationSpec) -> (String, String)? {
        for id in spec.scopes(above: source, in: spec.older) {
            if let target = spec.instructions(from: id).first?.target.id { return (id, target) }
        }
        return nil
    }

    /// Whether `scope` of the newer definition strictly encloses `element`.
    static func encloses(_ scope: String, _ element: FlowElement, in spec: MigrationSpec) -> Bool {
        spec.scopes(above: element, in: spec.newer).contains(scope)
    }
}

extension MigrationSpec {
    /// The flow scopes enclosing `element` in the definition `index` belongs to, innermost first
    /// (bounded, should a malformed definition loop).
    func scopes(above element: FlowElement, in index: [String: FlowElement]) -> [String] {
        var scopes: [String] = []
        var scope = element.flowScope
        while let id = scope, scopes.count < 10_000 {
            scopes.append(id)
            scope = index[id]?.flowScope
        }
        return scopes
    }
}

extension FlowElement {
    /// Camunda 7's `UpdateEventTriggersValidator`: whether the element declares a timer, an event
    /// subscription (message, signal, conditional, compensation) or a timeout listener.
    public var camunda7DefinesPersistentTrigger: Bool {
        switch kind {
        case .boundaryEvent, .startEvent:
            return hasPersistentTrigger
        case .intermediateCatchEvent:
            switch eventDefinition {
            case .message, .timer, .signal, .conditional: return true
            default: return false
            }
        case .receiveTask:
            return trigger != nil
        case .userTask:
            return hasTimeoutListener
        default:
            return false
        }
    }
}
