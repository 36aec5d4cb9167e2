/// What an instance can have at an element, per engine: the elements a migration instruction
/// can move something from (reference camunda.md §2.5 and §5.2, peers.md §3).
extension FlowElement {
    /// Camunda 7's activity type of a boundary or event-sub-process start event, as rule 2
    /// ("Events are not of the same type") names it: `boundaryTimer`, `messageStartEvent`, …
    public var camunda7EventType: String? {
        switch kind {
        case .boundaryEvent:
            switch eventDefinition {
            case .timer: "boundaryTimer"
            case .message: "boundaryMessage"
            case .signal: "boundarySignal"
            case .compensation: "compensationBoundaryCatch"
            case .error: "boundaryError"
            case .escalation: "boundaryEscalation"
            case .cancel: "cancelBoundaryCatch"
            case .conditional: "boundaryConditional"
            default: nil
            }
        case .startEvent where isEventSubProcessStart:
            switch eventDefinition {
            case .timer: "startTimerEvent"
            case .message: "messageStartEvent"
            case .signal: "signalStartEvent"
            case .escalation: "escalationStartEvent"
            case .compensation: "compensationStartEvent"
            case .error: "errorStartEvent"
            case .conditional: "conditionalStartEvent"
            default: nil
            }
        default:
            nil
        }
    }

    /// A start event of an event sub-process (its event scope is set; a process start's is not).
    public var isEventSubProcessStart: Bool {
        kind == .startEvent && eventScope != nil
    }

    /// A boundary event or an event-sub-process start event: a trigger, not a place to rest.
    public var isEventTrigger: Bool {
        kind == .boundaryEvent || isEventSubProcessStart
    }

    /// A scope that contains other elements' instances: a sub-process, an event sub-process, a
    /// multi-instance body.
    public var isScope: Bool {
        kind.isSubProcess || kind == .multiInstanceBody
    }

    /// Whether an instance on `engine` can have something here that a migration instruction
    /// moves: a wait state, a scope, an asynchronous continuation, or a trigger that persists.
    ///
    /// For Camunda 7 this is what the engine's own generator considers (the supported behaviour
    /// classes, asynchronous continuations, and the passive trigger types that persist), never a
    /// compensation handler.
    public func holdsState(on engine: Engine) -> Bool {
        switch engine {
        case .camunda7:
            if isCompensationHandler { return false }
            if asyncBefore || asyncAfter { return true }
            if isEventTrigger {
                return Self.camunda7PassiveTriggerTypes.contains(camunda7EventType ?? "")
            }
            return Self.camunda7SupportedBehaviors.contains(camunda7Behavior ?? "")
        case .camunda8:
            if isEventTrigger { return hasPersistentTrigger }
            return isWaitState || isScope
        case .joget:
            return isWaitState || kind == .subflow
        }
    }

    /// Camunda 7's `SupportedActivityValidator`: behaviours whose activity instances migrate.
    static let camunda7SupportedBehaviors: Set<String> = [
        "SubProcessActivityBehavior", "UserTaskActivityBehavior", "BoundaryEventActivityBehavior",
        "ParallelMultiInstanceActivityBehavior", "SequentialMultiInstanceActivityBehavior",
        "ReceiveTaskActivityBehavior", "CallActivityBehavior", "CaseCallActivityBehavior",
        "IntermediateCatchEventActivityBehavior", "EventBasedGatewayActivityBehavior",
        "EventSubProcessActivityBehavior", "EventSubProcessStartEventActivityBehavior",
        "ExternalTaskActivityBehavior", "ParallelGatewayActivityBehavior",
        "InclusiveGatewayActivityBehavior", "IntermediateConditionalEventBehavior",
        "BoundaryConditionalEventActivityBehavior", "EventSubProcessStartConditionalEventActivityBehavior",
    ]

    /// Camunda 7's `SupportedPassiveEventTriggerActivityValidator`: trigger types that persist.
    static let camunda7PassiveTriggerTypes: Set<String> = [
        "boundaryMessage", "boundarySignal", "boundaryTimer", "compensationBoundaryCatch",
        "boundaryConditional", "messageStartEvent", "signalStartEvent", "startTimerEvent",
        "compensationStartEvent", "conditionalStartEvent",
    ]
}
