import FerryDiagnostics

/// Camunda 8's static preconditions for migrating a process instance (reference camunda.md §5.3).
///
/// Zeebe has no instruction generator: every active element needs an explicit instruction, so
/// Ferry's identity instructions stand for the explicit ones its emitter writes, and every rule
/// applies to them as to the mapping file's entries. Zeebe checks one instance's active elements
/// and stops at the first refusal; Ferry checks every element an instance can be active in and
/// reports every refusal. Duplicate sources (Z3) and existence (Z6, Z7) are checked while the
/// migration is built; the same type and user-task implementation (Z12, Z13) by ``SameTypeRule``.
public enum Camunda8Rules {
    /// Camunda 8's rules, in the engine's order.
    public static let all: [any MigrationRule] = [
        Camunda8ActiveElementRule(),
        SameTypeRule(),
        Camunda8FlowScopeRule(),
        Camunda8CatchEventTypesRule(),
        Camunda8CatchEventMappingRule(),
        Camunda8LoopCharacteristicsRule(),
        Camunda8JoiningGatewayRule(),
    ]

    /// The engine's wording, with `'<key>'` where it names the process instance.
    static func engineText(_ text: String) -> String {
        "Expected to migrate process instance '<key>' but " + text
    }

    /// Reports that Camunda 8 cannot migrate what instances hold at an instruction's source,
    /// whatever the mapping says: at the entry's key, or at the element in the older definition
    /// with a note at the newer one. A patch release neither causes nor cures that, so the help
    /// stays the rule's own rather than the patch hop's.
    static func reportUnsupportedSource(
        _ code: DiagnosticCode,
        _ message: String,
        at instruction: MigrationInstruction,
        engineText: String,
        help: String,
        into findings: inout RuleFindings
    ) {
        guard !instruction.isExplicit else {
            findings.report(code, message, at: instruction, side: .source, engineText: engineText, help: help)
            return
        }
        findings.add(Diagnostic(
            code, message, at: instruction.source.location,
            notes: [
                Note("'\(instruction.target.id)' in \(findings.spec.toVersion)", at: instruction.target.location),
                Note("Camunda 8 reports: \(engineText)"),
            ],
            help: help
        ))
    }

    /// Zeebe's name of an event type (`BpmnEventType`): `TIMER`, `MESSAGE`, `NONE`, …
    static func eventType(_ element: FlowElement) -> String {
        element.eventDefinition?.rawValue.uppercased() ?? "NONE"
    }
}

// MARK: - Z8, Z9, Z10: what can be active

/// Z8, Z9, Z10: Camunda 8 migrates an active element only of the types it supports, an active
/// intermediate catch event only for messages, timers and signals, and never a catch event after
/// an event-based gateway on its own.
///
/// Applies to the mapped elements that hold state in the older definition. A joining parallel or
/// inclusive gateway holds its tokens as taken sequence flows, which the engine migrates (Z22–Z24,
/// ``Camunda8JoiningGatewayRule``). A catch event after an event-based gateway holds no instance:
/// its subscription belongs to the gateway, and mapping it migrates that subscription when the
/// gateway is mapped too; with the gateway not mapped, the entry could only apply to the catch
/// event itself, which the engine refuses.
public struct Camunda8ActiveElementRule: MigrationRule {
    public init() {}

    /// `SUPPORTED_ELEMENT_TYPES` of the 8.7/8.8 preconditions, plus the joining gateways.
    static let supportedTypes: Set<String> = [
        "SERVICE_TASK", "USER_TASK", "SUB_PROCESS", "CALL_ACTIVITY", "INTERMEDIATE_CATCH_EVENT",
        "RECEIVE_TASK", "EVENT_SUB_PROCESS", "EXCLUSIVE_GATEWAY", "EVENT_BASED_GATEWAY",
        "BUSINESS_RULE_TASK", "SCRIPT_TASK", "SEND_TASK", "MULTI_INSTANCE_BODY",
        "PARALLEL_GATEWAY", "INCLUSIVE_GATEWAY",
    ]

    static let supportedCatchEventDefinitions: Set<EventDefinition> = [.message, .timer, .signal]

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        var seen: Set<String> = []
        for instruction in spec.instructions where seen.insert(instruction.source.id).inserted {
            let source = instruction.source
            if let gateway = source.followedEventBasedGateway {
                guard !spec.isMapped(gateway) else { continue }
                findings.report(
                    .catchEventBehindEventGateway,
                    "'\(source.id)' follows the event-based gateway '\(gateway)', which is not migrated: an instance waits in the gateway, not in its catch events",
                    at: instruction,
                    side: .source,
                    engineText: Camunda8Rules.engineText("active element with id '\(source.id)' is an intermediate catch event attached to an event-based gateway. Migrating active events attached to an event-based gateway is not possible yet."),
                    help: spec.skipped.contains(gateway)
                        ? "remove this entry: instances waiting at '\(gateway)' are skipped"
                        : "map '\(gateway)' as well; this entry then moves the catch event's subscription with the gateway"
                )
                continue
            }
            guard source.holdsState(on: .camunda8), !source.isEventTrigger else { continue }
            if source.kind == .intermediateCatchEvent {
                guard let definition = source.eventDefinition,
                      !Self.supportedCatchEventDefinitions.contains(definition) else { continue }
                Camunda8Rules.reportUnsupportedSource(
                    .unsupportedCatchEventType,
                    "Camunda 8 cannot migrate an instance waiting in the \(definition.rawValue) catch event '\(source.id)'",
                    at: instruction,
                    engineText: Camunda8Rules.engineText("active element with id '\(source.id)' is intermediate catch event of type '\(Camunda8Rules.eventType(source))'. Migrating active intermediate catch event of this type is not possible yet."),
                    help: "let those instances pass '\(source.id)' before migrating; in a minor release, skip it with the reason",
                    into: &findings
                )
            } else if !Self.supportedTypes.contains(source.camunda8Type ?? "") {
                let type = source.camunda8Type ?? source.kind.rawValue
                Camunda8Rules.reportUnsupportedSource(
                    .unsupportedActiveElement,
                    "Camunda 8 cannot migrate an instance in '\(source.id)' (\(RuleFindings.describe(source)))",
                    at: instruction,
                    engineText: Camunda8Rules.engineText("active element with id '\(source.id)' has an unsupported type. The migration of a \(type) is not supported."),
                    help: "let those instances leave '\(source.id)' before migrating; in a minor release, skip it with the reason",
                    into: &findings
                )
            }
        }
    }
}

// MARK: - Z14: flow scope

/// Z14: an element stays in its flow scope: the target's flow scope is where the source's flow
/// scope goes (process level stays process level). Camunda 8 migrates every active element with
/// the scopes around it, so a flow scope that nothing maps is refused too (Z11 for the scope).
///
/// Applies to the mapped elements that hold state. Boundary events, event-sub-process start
/// events and catch events after an event-based gateway are subscriptions of another element;
/// ``Camunda8CatchEventMappingRule`` checks that they stay with it.
public struct Camunda8FlowScopeRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            guard source.holdsState(on: .camunda8), !source.isEventTrigger else { continue }
            guard let scope = source.flowScope else {
                if let moved = target.flowScope {
                    report(instruction, expected: spec.to.id, actual: moved, in: spec, into: &findings,
                           "'\(source.id)' is at process level in \(spec.fromVersion) but '\(target.id)' is inside '\(moved)' in \(spec.toVersion): Camunda 8 cannot move an element into another flow scope")
                }
                continue
            }
            let scopeTargets = spec.instructions(from: scope).map(\.target.id)
            guard let expected = scopeTargets.first else {
                reportUnmigratedScope(scope, of: instruction, in: spec, into: &findings)
                continue
            }
            if let actual = target.flowScope, scopeTargets.contains(actual) { continue }
            let place = target.flowScope.map { "inside '\($0)'" } ?? "at process level"
            report(instruction, expected: expected, actual: target.flowScope ?? spec.to.id, in: spec, into: &findings,
                   "'\(source.id)' is inside '\(scope)', which goes to '\(expected)', but '\(target.id)' is \(place) in \(spec.toVersion): Camunda 8 cannot move an element into another flow scope")
        }
    }

    private func report(
        _ instruction: MigrationInstruction,
        expected: String,
        actual: String,
        in spec: MigrationSpec,
        into findings: inout RuleFindings,
        _ message: String
    ) {
        findings.report(
            .flowScopeChanged,
            message,
            at: instruction,
            engineText: Camunda8Rules.engineText("the flow scope of active element with id '\(instruction.source.id)' is changed. The flow scope of the active element is expected to be '\(expected)' but was '\(actual)'. The flow scope of an element cannot be changed during migration yet."),
            help: "map '\(instruction.source.id)' to an element inside '\(expected == spec.to.id ? "the process" : expected)', or skip it with the reason"
        )
    }

    private func reportUnmigratedScope(
        _ scope: String,
        of instruction: MigrationInstruction,
        in spec: MigrationSpec,
        into findings: inout RuleFindings
    ) {
        let source = instruction.source, target = instruction.target
        let how = spec.skipped.contains(scope) ? "skipped" : "not migrated"
        var notes: [Note] = []
        if let element = spec.older[scope] {
            notes.append(Note("'\(scope)' in \(spec.fromVersion)", at: element.location))
        }
        let help: String
        if let targetScope = target.flowScope, !spec.skipped.contains(scope) {
            help = "map '\(scope)' to '\(targetScope)' as well"
        } else if spec.skipped.contains(scope) {
            help = "skip '\(source.id)' as well, or migrate '\(scope)'"
        } else {
            help = "Camunda 8 cannot move an element out of its flow scope; keep '\(target.id)' inside a scope that '\(scope)' is mapped to, or skip '\(source.id)'"
        }
        findings.report(
            .flowScopeChanged,
            "'\(source.id)' is inside '\(scope)', which is \(how): Camunda 8 migrates an element only together with its flow scope",
            at: instruction,
            engineText: Camunda8Rules.engineText("no mapping instruction defined for active element with id '\(scope)'. Elements cannot be migrated without a mapping."),
            notes: notes,
            help: help
        )
    }
}

// MARK: - Z15, Z16: catch event types around active elements

/// Z15, Z16: Camunda 8 refuses to migrate an active element (or into a target element) that has
/// a boundary event of a type it does not migrate, and a process or sub-process with an event
/// sub-process started by such an event. The process itself is always active.
///
/// Reported at the offending event, once per definition.
public struct Camunda8CatchEventTypesRule: MigrationRule {
    public init() {}

    static let boundaryTypes: Set<EventDefinition> = [.message, .timer, .signal, .error, .escalation, .compensation, .conditional]
    static let eventSubProcessStartTypes: Set<EventDefinition> = [.message, .timer, .signal, .error, .escalation, .conditional]

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        let older = Events(spec.from), newer = Events(spec.to)
        guard !older.isEmpty || !newer.isEmpty else { return }
        var reported: Set<String> = []
        func report(_ events: [FlowElement], of owner: String, activeIn side: RuleFindings.Side, _ version: String) {
            for event in events where reported.insert("\(side):\(event.id)").inserted {
                let isStart = event.kind == .startEvent
                let what = isStart
                    ? "the \(Camunda8Rules.eventType(event).lowercased()) start event '\(event.id)' of an event sub-process"
                    : "the \(Camunda8Rules.eventType(event).lowercased()) boundary event '\(event.id)'"
                let whose = side == .source ? "active element" : "target element"
                let engine = isStart
                    ? "\(side == .source ? "active" : "target") process with id '\(owner)' has one or more event subprocesses with start events of types '\(Camunda8Rules.eventType(event))'. Migrating event subprocesses with start events of these types is not possible yet."
                    : "\(whose) with id '\(owner)' has one or more boundary events of types '\(Camunda8Rules.eventType(event))'. Migrating \(side == .source ? "active elements" : "target elements") with boundary events of these types is not possible yet."
                // Reported as it is: a patch release neither causes nor cures it.
                findings.add(Diagnostic(
                    .unsupportedCatchEventType,
                    "Camunda 8 cannot migrate \(side == .source ? "instances of" : "instances into") '\(owner)' in \(version): it has \(what)",
                    at: event.location,
                    notes: [Note("Camunda 8 reports: \(Camunda8Rules.engineText(engine))")],
                    help: "remove the event or give it a type Camunda 8 migrates; until then these instances cannot be migrated"
                ))
            }
        }
        report(older.unsupportedStarts[nil] ?? [], of: spec.from.id, activeIn: .source, spec.fromVersion)
        report(newer.unsupportedStarts[nil] ?? [], of: spec.to.id, activeIn: .target, spec.toVersion)
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            if source.holdsState(on: .camunda8), !source.isEventTrigger {
                report(older.unsupported(around: source), of: source.id, activeIn: .source, spec.fromVersion)
            }
            report(newer.unsupported(around: target), of: target.id, activeIn: .target, spec.toVersion)
        }
    }

    /// The events of one definition that Camunda 8 does not migrate, by the element they belong to.
    private struct Events {
        /// Boundary events by the id they are attached to.
        var unsupportedBoundaries: [String: [FlowElement]] = [:]
        /// Event-sub-process start events by the scope around the event sub-process (`nil`: the process).
        var unsupportedStarts: [String?: [FlowElement]] = [:]
        /// Whether an activity is multi-instance (its boundary events belong to its body).
        var multiInstance: Set<String> = []

        init(_ definition: ProcessDefinition) {
            var eventSubProcessScopes: [String: String?] = [:]
            for element in definition.elements {
                if element.kind == .eventSubProcess { eventSubProcessScopes[element.id] = .some(element.flowScope) }
                if element.multiInstance != nil, element.kind != .multiInstanceBody { multiInstance.insert(element.id) }
            }
            for element in definition.elements {
                if element.kind == .boundaryEvent, let attached = element.attachedTo,
                   !Camunda8CatchEventTypesRule.boundaryTypes.contains(element.eventDefinition ?? .link) {
                    unsupportedBoundaries[attached, default: []].append(element)
                }
                if element.kind == .startEvent, let scope = element.flowScope, let around = eventSubProcessScopes[scope],
                   !Camunda8CatchEventTypesRule.eventSubProcessStartTypes.contains(element.eventDefinition ?? .link) {
                    unsupportedStarts[around, default: []].append(element)
                }
            }
        }

        var isEmpty: Bool { unsupportedBoundaries.isEmpty && unsupportedStarts.isEmpty }

        /// The unsupported events of an element: its boundary events (held by its multi-instance
        /// body when it has one) and, for a sub-process, its event sub-processes' start events.
        func unsupported(around element: FlowElement) -> [FlowElement] {
            var events: [FlowElement] = []
            if element.kind == .multiInstanceBody {
                events += unsupportedBoundaries[String(element.id.dropLast(FlowElement.multiInstanceBodyID(of: "").count))] ?? []
            } else if !multiInstance.contains(element.id) {
                events += unsupportedBoundaries[element.id] ?? []
            }
            if element.kind.isSubProcess {
                events += unsupportedStarts[element.id] ?? []
            }
            return events
        }
    }
}

// MARK: - Z17, Z18, Z19: mapped catch events

/// Z17, Z18, Z19: a mapped catch event stays with its element, no two catch events of one element
/// go to the same catch event, and a catch event keeps its event type.
///
/// A catch event's element is the one whose instance holds its subscription (see
/// ``FlowElement/camunda8CatchEventOwner(in:)``): the activity a boundary event is attached to,
/// the scope around an event sub-process, the event-based gateway an intermediate catch event
/// follows; an intermediate catch event on its own is its own element.
public struct Camunda8CatchEventMappingRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        var byOwnerAndTarget: [OwnerAndTarget: [MigrationInstruction]] = [:]
        var order: [OwnerAndTarget] = []
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            guard let owner = source.camunda8CatchEventOwner(in: spec.older) else { continue }
            guard let targetOwner = target.camunda8CatchEventOwner(in: spec.newer) else { continue }
            checkEventType(instruction, owner: owner, in: spec, into: &findings)
            guard owner != .element(source.id) else { continue }
            checkAttachment(instruction, owner: owner, targetOwner: targetOwner, in: spec, into: &findings)
            let key = OwnerAndTarget(owner: owner, target: target.id)
            if byOwnerAndTarget[key] == nil { order.append(key) }
            byOwnerAndTarget[key, default: []].append(instruction)
        }
        for key in order {
            guard let group = byOwnerAndTarget[key], group.count > 1 else { continue }
            reportMerge(group, owner: key.owner, in: spec, into: &findings)
        }
    }

    private struct OwnerAndTarget: Hashable {
        var owner: CatchEventOwner
        var target: String
    }

    /// Z19.
    private func checkEventType(_ instruction: MigrationInstruction, owner: CatchEventOwner, in spec: MigrationSpec, into findings: inout RuleFindings) {
        let source = instruction.source, target = instruction.target
        guard source.camunda8Type == target.camunda8Type, source.eventDefinition != target.eventDefinition else { return }
        let from = Camunda8Rules.eventType(source), to = Camunda8Rules.eventType(target)
        let waits = owner == .element(source.id)
        let help = waits
            ? "map '\(source.id)' to a \(from.lowercased()) catch event, or skip it with the reason"
            : instruction.isExplicit
                ? "remove the entry: Camunda 8 then closes the old subscription and opens the one of '\(target.id)'"
                : "give the changed event a new id, or skip '\(source.id)' in the mapping file: Camunda 8 then closes the old subscription and opens the new one"
        findings.report(
            .eventTypeChanged,
            "'\(source.id)' (\(RuleFindings.describe(source))) cannot be migrated to '\(target.id)' (\(RuleFindings.describe(target))): a catch event keeps its event type",
            at: instruction,
            engineText: Camunda8Rules.engineText("active element with id '\(name(of: owner, in: spec.from))' has a catch event with id '\(source.id)' that is mapped to a catch event with id '\(target.id)'. These catch events have different event types: '\(from)' and '\(to)'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events."),
            help: help
        )
    }

    /// Z17.
    private func checkAttachment(
        _ instruction: MigrationInstruction,
        owner: CatchEventOwner,
        targetOwner: CatchEventOwner,
        in spec: MigrationSpec,
        into findings: inout RuleFindings
    ) {
        let expected: [CatchEventOwner]
        switch owner {
        case .process:
            expected = [.process]
        case .element(let id):
            expected = spec.instructions(from: id).map { .element($0.target.id) }
        }
        // An element nothing migrates holds no instance for the catch event to stay with.
        guard let first = expected.first, !expected.contains(targetOwner) else { return }
        let source = instruction.source, target = instruction.target
        let ownerName = name(of: owner, in: spec.from), expectedName = name(of: first, in: spec.to)
        var notes: [Note] = []
        if case .element(let id) = owner, let explicit = spec.instructions(from: id).first(where: \.isExplicit),
           case .explicit(_, let written) = explicit.origin {
            notes.append(Note("'\(id)' is mapped to '\(expectedName)' here", at: written.location))
        }
        findings.report(
            .catchEventDetached,
            "'\(source.id)' \(relation(source)) '\(describe(owner, in: spec.from))', which goes to '\(describe(first, in: spec.to))', but '\(target.id)' \(relation(target)) '\(describe(targetOwner, in: spec.to))': the catch event would be detached from its element",
            at: instruction,
            engineText: Camunda8Rules.engineText("active element with id '\(ownerName)' is mapped to an element with id '\(expectedName)' and has a catch event with id '\(source.id)' that is mapped to a catch event with id '\(target.id)'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance."),
            notes: notes,
            help: "map '\(source.id)' to a catch event of '\(describe(first, in: spec.to))', or leave it unmapped so that Camunda 8 opens the target's subscription fresh"
        )
    }

    /// Z18: every instruction but one that targets the same catch event. The one kept is an
    /// identity instruction if there is one (the entries that join it are what the user wrote),
    /// otherwise the first entry.
    private func reportMerge(_ instructions: [MigrationInstruction], owner: CatchEventOwner, in spec: MigrationSpec, into findings: inout RuleFindings) {
        let group = instructions.filter { !$0.isExplicit } + instructions.filter(\.isExplicit)
        let target = group[0].target.id
        let sources = group.map(\.source.id).sorted().joined(separator: "', '")
        for instruction in group.dropFirst() {
            findings.report(
                .catchEventsMerged,
                "'\(instruction.source.id)' and '\(group[0].source.id)', catch events of '\(describe(owner, in: spec.from))', are both mapped to '\(target)': Camunda 8 cannot merge catch events",
                at: instruction,
                engineText: Camunda8Rules.engineText("active element with id '\(name(of: owner, in: spec.from))' has a catch event attached that is mapped to a catch event with id '\(target)'. There are multiple mapping instructions that target this catch event: '\(sources)'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once."),
                notes: group[0].isExplicit ? [] : [Note("'\(group[0].source.id)' keeps its id, so it is mapped to '\(target)' by identity", at: group[0].source.location)],
                help: "map each catch event to its own, or skip one of them"
            )
        }
    }

    private func relation(_ event: FlowElement) -> String {
        switch event.kind {
        case .boundaryEvent: "is attached to"
        case .startEvent: "starts an event sub-process of"
        default: "follows"
        }
    }

    /// The element's id as the engine names it (the process by its id).
    private func name(of owner: CatchEventOwner, in definition: ProcessDefinition) -> String {
        switch owner {
        case .process: definition.id
        case .element(let id): id
        }
    }

    private func describe(_ owner: CatchEventOwner, in definition: ProcessDefinition) -> String {
        switch owner {
        case .process: "process \(definition.id)"
        case .element(let id): id
        }
    }
}

/// The element whose instance holds a catch event's subscription in Camunda 8.
public enum CatchEventOwner: Hashable, Sendable {
    /// The process instance (for the start event of an event sub-process at process level).
    case process
    /// An element instance, by id.
    case element(String)
}

extension FlowElement {
    /// The event-based gateway this intermediate catch event follows, if any (its event scope).
    var followedEventBasedGateway: String? {
        guard kind == .intermediateCatchEvent, let scope = eventScope, scope != id else { return nil }
        return scope
    }

    /// Camunda 8: the element whose instance holds this catch event's subscription. A boundary
    /// event belongs to the activity it is attached to (to its multi-instance body when it has
    /// one); an event-sub-process start event to the scope around the event sub-process; a catch
    /// event after an event-based gateway to the gateway; any other intermediate catch event to
    /// itself. `nil` for elements that are not catch events.
    public func camunda8CatchEventOwner(in elements: [String: FlowElement]) -> CatchEventOwner? {
        switch kind {
        case .boundaryEvent:
            guard let attached = attachedTo else { return nil }
            if elements[attached]?.multiInstance != nil {
                return .element(FlowElement.multiInstanceBodyID(of: attached))
            }
            return .element(attached)
        case .startEvent:
            guard isEventSubProcessStart, let eventSubProcess = flowScope else { return nil }
            return elements[eventSubProcess]?.flowScope.map(CatchEventOwner.element) ?? .process
        case .intermediateCatchEvent:
            return .element(followedEventBasedGateway ?? id)
        default:
            return nil
        }
    }
}

// MARK: - Z20: loop characteristics

/// Z20: a multi-instance body keeps running its instances in parallel or in sequence.
public struct Camunda8LoopCharacteristicsRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            guard source.kind == .multiInstanceBody, target.kind == .multiInstanceBody,
                  let from = source.multiInstance, let to = target.multiInstance, from != to else { continue }
            findings.report(
                .loopCharacteristicsChanged,
                "'\(source.id)' runs its instances \(describe(from)) but '\(target.id)' runs them \(describe(to))",
                at: instruction,
                engineText: Camunda8Rules.engineText("active element with id '\(source.id)' has a different loop characteristics than the target element with id '\(target.id)'. Both elements must have either sequential or parallel loop characteristics."),
                help: "keep the loop characteristics, or give the changed activity a new id and skip the old one"
            )
        }
    }

    private func describe(_ mode: MultiInstanceMode) -> String {
        switch mode {
        case .parallel: "in parallel"
        case .sequential: "in sequence"
        }
    }
}

// MARK: - Z23, Z24: joining gateways

/// Z23, Z24: a joining parallel or inclusive gateway (two or more incoming flows) holds the
/// sequence flows its tokens arrived on. The target gateway needs at least as many incoming
/// flows, and Camunda 8 finds each taken flow at the target by its id. Z22 (a join goes to a
/// gateway of the same type) is ``SameTypeRule``'s.
public struct Camunda8JoiningGatewayRule: MigrationRule {
    public init() {}

    public func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        var newerFlows: [String: SequenceFlow]?
        for instruction in spec.instructions {
            let source = instruction.source, target = instruction.target
            guard source.kind == .parallelGateway || source.kind == .inclusiveGateway,
                  source.incoming.count > 1, target.kind == source.kind else { continue }
            if target.incoming.count < source.incoming.count {
                findings.report(
                    .gatewayLosesIncomingFlows,
                    "the join '\(source.id)' has \(source.incoming.count) incoming flows in \(spec.fromVersion) but '\(target.id)' has \(target.incoming.count) in \(spec.toVersion)",
                    at: instruction,
                    engineText: Camunda8Rules.engineText("target gateway with id '\(target.id)' has less incoming sequence flows than the source gateway with id '\(source.id)'. Target gateway must have at least the same number of incoming sequence flows as the source gateway."),
                    help: "keep the join's incoming flows, or map it to a join with at least as many"
                )
            }
            let missing = source.incoming.filter { !target.incoming.contains($0) }
            guard let first = missing.first else { continue }
            if newerFlows == nil {
                newerFlows = Dictionary(spec.to.sequenceFlows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            var notes: [Note] = []
            for id in missing {
                if let flow = spec.from.sequenceFlows.first(where: { $0.id == id }) {
                    notes.append(Note("'\(id)' in \(spec.fromVersion)", at: flow.location))
                }
                if let flow = newerFlows?[id] {
                    notes.append(Note("'\(id)' leads to '\(flow.target)' in \(spec.toVersion)", at: flow.location))
                }
            }
            let flows = missing.map { "'\($0)'" }.joined(separator: ", ")
            findings.report(
                .joinFlowNotConnected,
                "\(missing.count == 1 ? "the incoming flow" : "the incoming flows") \(flows) of the join '\(source.id)' \(missing.count == 1 ? "does" : "do") not lead to '\(target.id)' in \(spec.toVersion): tokens that arrived there cannot be placed",
                at: instruction,
                engineText: Camunda8Rules.engineText("gateway with id '\(source.id)' has a taken incoming sequence flow mismatch. Taken sequence flow with id '\(first)' must connect to the mapped target gateway with id '\(target.id)' in the target process definition."),
                notes: notes,
                help: "keep the ids of the join's incoming sequence flows across versions"
            )
        }
    }
}
