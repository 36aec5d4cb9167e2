import FerryDiagnostics

/// Warnings about mappings the engine accepts but that are unlikely to mean what they say: an
/// entry that never applies, a catch event that ends up waiting for something else, a trigger
/// re-created unchanged.
public enum MappingWarnings {
    /// The warnings for `engine`, after its rules.
    public static func rules(for engine: Engine) -> [any MigrationRule] {
        switch engine {
        case .camunda7: [MappingWithoutEffectRule(), CatchEventMeaningRule(), TriggerUpdateWithoutChangeRule()]
        case .camunda8, .joget: [MappingWithoutEffectRule()]
        }
    }
}

/// An entry of the mapping file maps an element that holds no state on the engine (a script task
/// without an asynchronous continuation, an exclusive gateway, an end event, an error boundary
/// event, a Joget tool): no instance is ever there, so the instruction never applies.
///
/// Only explicit entries: identity instructions are formed for elements that hold state. A
/// Camunda 8 catch event after an event-based gateway holds no instance either, but mapping it
/// moves the gateway's subscription (``Camunda8ActiveElementRule`` checks it).
public struct MappingWithoutEffectRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        var seen: Set<SourceLocation> = []
        for instruction in spec.instructions {
            // An entry names one source element, so whether it holds state is the same for every
            // instruction of the entry: the entries seen are only those reported.
            guard case .explicit(let entry, _) = instruction.origin else { continue }
            let source = instruction.source
            guard !source.holdsState(on: spec.engine) else { continue }
            if spec.engine == .camunda8, source.followedEventBasedGateway != nil { continue }
            guard seen.insert(entry.source.location).inserted else { continue }
            findings.report(
                .mappingWithoutEffect,
                "'\(source.id)' (\(RuleFindings.describe(source))) holds no state on \(spec.engine.displayName): no instance waits there, so this entry never applies",
                at: instruction,
                side: .source,
                help: "remove the entry"
            )
        }
    }
}

/// Camunda 7: an intermediate catch event mapped to one with another event definition (a message
/// catch to a timer catch). The engine accepts it, as both have the same behaviour and its event
/// type rule covers only boundary and event-sub-process start events, but the migrated instance
/// keeps waiting for its old trigger (or, with `updateEventTrigger`, waits for the new one).
public struct CatchEventMeaningRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            guard source.kind == .intermediateCatchEvent, target.kind == .intermediateCatchEvent,
                  let from = source.eventDefinition, let to = target.eventDefinition, from != to,
                  SameTypeRule.incompatibility(source, target, engine: spec.engine) == nil else { continue }
            let then = instruction.updateEventTrigger
                ? "with updateEventTrigger it waits for \(describe(target)) from now on"
                : "a migrated instance keeps waiting for \(describe(source))"
            findings.report(
                .catchEventMeaningChanged,
                "'\(source.id)' waits for \(describe(source)) but '\(target.id)' for \(describe(target)): \(then)",
                at: instruction,
                help: "if that is intended, say so in a comment; otherwise map '\(source.id)' to a \(from.rawValue) catch event"
            )
        }
    }

    /// What an event waits for: its trigger as written, or its kind of event.
    private func describe(_ event: FlowElement) -> String {
        if let trigger = event.trigger { return trigger.hasPrefix("timer") ? "a \(trigger)" : "the \(trigger)" }
        return "a \(event.eventDefinition?.rawValue ?? "none") event"
    }
}

/// Camunda 7: `updateEventTrigger: true` on an element whose trigger is the same in both
/// versions (the same timer expression, message or signal name). Re-creating it changes nothing
/// but the due date of a relative timer, which then counts from the migration. Conditional events
/// are left out: the engine requires the flag for them.
public struct TriggerUpdateWithoutChangeRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions where instruction.updateEventTrigger {
            let source = instruction.source, target = instruction.target
            guard let location = instruction.updateEventTriggerLocation, source.eventDefinition != .conditional,
                  let trigger = source.trigger, trigger == target.trigger else { continue }
            let restarts = source.eventDefinition == .timer ? "; a relative timer would start again from the migration" : ""
            findings.add(Diagnostic(
                .triggerUpdateWithoutChange,
                "'\(source.id)' and '\(target.id)' have the same trigger (\(trigger)): updateEventTrigger re-creates it unchanged",
                at: location,
                notes: [
                    Note("'\(source.id)' in \(spec.fromVersion)", at: source.location),
                    Note("'\(target.id)' in \(spec.toVersion)", at: target.location),
                ],
                help: "remove 'updateEventTrigger: true'\(restarts)"
            ))
        }
    }
}
