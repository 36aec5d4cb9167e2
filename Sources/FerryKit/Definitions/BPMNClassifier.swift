/// Derives what each engine makes of a BPMN element: Camunda 7's behaviour class and event
/// scope (reference camunda.md §2.5), Camunda 8's element type (§5.2), and whether an instance
/// can rest in it on the definition's engine.
enum BPMNClassifier {
    /// Elements and flows of one process, and where each id stands, so classifying is linear.
    ///
    /// Other elements are read in place by position (`elements[position].kind`), never copied
    /// out: a flow element holds a dozen strings and arrays.
    struct Lookup {
        let id: String
        let engine: Engine
        let elements: [FlowElement]
        let flows: [SequenceFlow]
        /// The position of the first element with an id, and of the first flow.
        let elementPosition: (String) -> Int?
        let flowPosition: (String) -> Int?

        func position(of id: String) -> Int? { elementPosition(id) }
    }

    /// What classifying decides for one element.
    ///
    /// Decided for every element before any is changed: a decision reads other elements, and
    /// reading the array while changing it would copy it whole.
    private struct Classification {
        var eventScope: String?
        var hasPersistentTrigger: Bool
        var camunda7Behavior: String?
        var camunda8Type: String?
        var isWaitState: Bool

        /// Writes only what changed: most elements keep most of these as they were, and every
        /// write checks that the element's box is its own.
        func apply(to element: inout FlowElement) {
            if element.eventScope != eventScope { element.eventScope = eventScope }
            if element.hasPersistentTrigger != hasPersistentTrigger { element.hasPersistentTrigger = hasPersistentTrigger }
            if element.camunda7Behavior != camunda7Behavior { element.camunda7Behavior = camunda7Behavior }
            if element.camunda8Type != camunda8Type { element.camunda8Type = camunda8Type }
            if element.isWaitState != isWaitState { element.isWaitState = isWaitState }
        }
    }

    /// Classifies every element of a process, given where the first element and the first flow
    /// with an id stand.
    static func classify(
        _ process: inout ProcessDefinition,
        elementPosition: @escaping (String) -> Int?,
        flowPosition: @escaping (String) -> Int?
    ) {
        let classifications = classifications(of: process, elementPosition: elementPosition, flowPosition: flowPosition)
        for index in process.elements.indices {
            classifications[index].apply(to: &process.elements[index])
        }
    }

    /// The decisions for every element, in order. A function of its own so that the lookup's
    /// hold on the elements ends before they change.
    ///
    /// The decisions read elements by position, field by field (`elements[index].kind`): taking
    /// an element out of the array as a value copies its dozen strings and arrays.
    private static func classifications(
        of process: ProcessDefinition,
        elementPosition: @escaping (String) -> Int?,
        flowPosition: @escaping (String) -> Int?
    ) -> [Classification] {
        let lookup = Lookup(
            id: process.id,
            engine: process.engine,
            elements: process.elements,
            flows: process.sequenceFlows,
            elementPosition: elementPosition,
            flowPosition: flowPosition
        )
        return lookup.elements.indices.map { classification(ofElementAt: $0, in: lookup) }
    }

    private static func classification(ofElementAt index: Int, in process: Lookup) -> Classification {
        let elements = process.elements
        let kind = elements[index].kind
        let eventScope = eventScope(ofElementAt: index, in: process)
        var result = Classification(
            eventScope: eventScope,
            hasPersistentTrigger: hasPersistentTrigger(index, in: process),
            camunda7Behavior: elements[index].camunda7Behavior,
            camunda8Type: elements[index].camunda8Type,
            isWaitState: elements[index].isWaitState
        )
        // After an event-based gateway the token rests in the gateway; its catch events are
        // subscriptions of the gateway, not places an instance can be migrated from.
        let followsEventGateway = kind == .intermediateCatchEvent && eventScope != elements[index].id
        switch process.engine {
        case .camunda7:
            // Camunda 7's parser ignores ad-hoc sub-processes and everything in them.
            guard !isInsideAdHocSubProcess(index, in: process) else { return result }
            result.camunda7Behavior = camunda7Behavior(ofElementAt: index, in: process)
            result.isWaitState = isCamunda7WaitState(index, in: elements) && !followsEventGateway
        case .camunda8:
            result.camunda8Type = camunda8Type(of: kind)
            result.isWaitState = isCamunda8WaitState(index, in: elements) && !followsEventGateway
        case .joget:
            break
        }
        return result
    }

    private static func isInsideAdHocSubProcess(_ index: Int, in process: Lookup) -> Bool {
        var kind = process.elements[index].kind
        var flowScope = process.elements[index].flowScope
        var steps = 0
        while steps < 1000 {
            if kind == .adHocSubProcess { return true }
            guard let scope = flowScope, let position = process.position(of: scope) else { return false }
            kind = process.elements[position].kind
            flowScope = process.elements[position].flowScope
            steps += 1
        }
        return false
    }

    // MARK: Scopes

    /// Camunda 7's event scope: boundary events → the attached activity (or its multi-instance
    /// body); event-sub-process start events → the event sub-process's flow scope (the process when
    /// it is at process level); intermediate catch events → themselves, or the event-based gateway
    /// they follow.
    static func eventScope(ofElementAt index: Int, in process: Lookup) -> String? {
        let elements = process.elements
        switch elements[index].kind {
        case .boundaryEvent:
            guard let attached = elements[index].attachedTo else { return nil }
            if elements[index].eventDefinition != .compensation, let position = process.position(of: attached),
               elements[position].multiInstance != nil {
                return FlowElement.multiInstanceBodyID(of: attached)
            }
            return attached
        case .startEvent:
            guard let position = eventSubProcess(around: index, in: process) else { return nil }
            return elements[position].flowScope ?? process.id
        case .intermediateCatchEvent:
            if let gateway = precedingEventBasedGateway(ofElementAt: index, in: process) { return gateway }
            return elements[index].id
        default:
            return nil
        }
    }

    /// The event sub-process an element is directly in, by position.
    private static func eventSubProcess(around index: Int, in process: Lookup) -> Int? {
        guard let scope = process.elements[index].flowScope, let position = process.position(of: scope),
              process.elements[position].kind == .eventSubProcess else { return nil }
        return position
    }

    private static func precedingEventBasedGateway(ofElementAt index: Int, in process: Lookup) -> String? {
        for flowID in process.elements[index].incoming {
            guard let flow = process.flowPosition(flowID),
                  let source = process.position(of: process.flows[flow].source),
                  process.elements[source].kind == .eventBasedGateway else { continue }
            return process.elements[source].id
        }
        return nil
    }

    /// Whether the element's trigger is a subscription or job that exists while its scope is
    /// active: the passive event types Camunda 7 migrates (reference §2.5).
    static func hasPersistentTrigger(_ index: Int, in process: Lookup) -> Bool {
        let definition = process.elements[index].eventDefinition
        switch process.elements[index].kind {
        case .boundaryEvent:
            return definition.map(isPersistent) ?? false
        case .startEvent:
            guard eventSubProcess(around: index, in: process) != nil else { return false }
            return definition.map(isPersistent) ?? false
        default:
            return false
        }
    }

    private static func isPersistent(_ definition: EventDefinition) -> Bool {
        switch definition {
        case .message, .timer, .signal, .conditional, .compensation: true
        case .error, .escalation, .link, .cancel, .terminate: false
        }
    }

    // MARK: Camunda 7

    static func camunda7Behavior(ofElementAt index: Int, in process: Lookup) -> String? {
        let definition = process.elements[index].eventDefinition
        let implementation = process.elements[index].implementation
        switch process.elements[index].kind {
        case .userTask: return "UserTaskActivityBehavior"
        case .receiveTask: return "ReceiveTaskActivityBehavior"
        case .serviceTask, .sendTask, .businessRuleTask:
            return delegateBehavior(implementation)
        case .scriptTask: return "ScriptTaskActivityBehavior"
        case .task: return "TaskActivityBehavior"
        case .manualTask: return "ManualTaskActivityBehavior"
        case .subProcess, .transaction, .adHocSubProcess: return "SubProcessActivityBehavior"
        case .eventSubProcess: return "EventSubProcessActivityBehavior"
        case .callActivity: return "CallActivityBehavior"
        case .exclusiveGateway: return "ExclusiveGatewayActivityBehavior"
        case .parallelGateway: return "ParallelGatewayActivityBehavior"
        case .inclusiveGateway: return "InclusiveGatewayActivityBehavior"
        case .eventBasedGateway: return "EventBasedGatewayActivityBehavior"
        case .complexGateway: return nil
        case .intermediateCatchEvent:
            switch definition {
            case .conditional: return "IntermediateConditionalEventBehavior"
            case .link: return "IntermediateCatchLinkEventActivityBehavior"
            default: return "IntermediateCatchEventActivityBehavior"
            }
        case .boundaryEvent:
            switch definition {
            case .conditional: return "BoundaryConditionalEventActivityBehavior"
            case .cancel: return "CancelBoundaryEventActivityBehavior"
            default: return "BoundaryEventActivityBehavior"
            }
        case .startEvent:
            if eventSubProcess(around: index, in: process) != nil {
                return definition == .conditional
                    ? "EventSubProcessStartConditionalEventActivityBehavior"
                    : "EventSubProcessStartEventActivityBehavior"
            }
            return "NoneStartEventActivityBehavior"
        case .endEvent:
            switch definition {
            case nil: return "NoneEndEventActivityBehavior"
            case .terminate: return "TerminateEndEventActivityBehavior"
            case .error: return "ErrorEndEventActivityBehavior"
            case .cancel: return "CancelEndEventActivityBehavior"
            case .signal: return "ThrowSignalEventActivityBehavior"
            case .escalation: return "ThrowEscalationEventActivityBehavior"
            case .compensation: return "CompensationEventActivityBehavior"
            // A message end event without an implementation throws nothing: Camunda 7 gives it
            // the none-throw behaviour.
            case .message: return delegateBehavior(implementation) ?? "IntermediateThrowNoneEventActivityBehavior"
            default: return "NoneEndEventActivityBehavior"
            }
        case .intermediateThrowEvent:
            switch definition {
            case .signal: return "ThrowSignalEventActivityBehavior"
            case .escalation: return "ThrowEscalationEventActivityBehavior"
            case .compensation: return "CompensationEventActivityBehavior"
            case .message: return delegateBehavior(implementation) ?? "IntermediateThrowNoneEventActivityBehavior"
            // A throwing link event only redirects the flow; Camunda 7 creates no activity for it.
            case .link: return nil
            default: return "IntermediateThrowNoneEventActivityBehavior"
            }
        case .multiInstanceBody:
            return process.elements[index].multiInstance == .sequential
                ? "SequentialMultiInstanceActivityBehavior"
                : "ParallelMultiInstanceActivityBehavior"
        case .normal, .tool, .route, .subflow:
            return nil
        }
    }

    private static func delegateBehavior(_ implementation: Implementation?) -> String? {
        switch implementation {
        case .external: "ExternalTaskActivityBehavior"
        case .javaClass: "ClassDelegateActivityBehavior"
        case .delegateExpression: "ServiceTaskDelegateExpressionActivityBehavior"
        case .expression: "ServiceTaskExpressionActivityBehavior"
        case .connector: "ServiceTaskConnectorActivityBehavior"
        case .dmn: "DmnBusinessRuleTaskActivityBehavior"
        case .builtIn: "MailActivityBehavior"
        case .script, .jobWorker, .zeebeUserTask, nil: nil
        }
    }

    /// Camunda 7 wait states (reference §2.5): user, receive and external tasks; message,
    /// signal, timer and conditional intermediate catch events; event-based gateways; call
    /// activities; parallel and inclusive joins; and any activity with an asynchronous
    /// continuation (its job is a persisted transition instance).
    static func isCamunda7WaitState(_ index: Int, in elements: [FlowElement]) -> Bool {
        if elements[index].asyncBefore || elements[index].asyncAfter { return true }
        switch elements[index].kind {
        case .userTask, .receiveTask, .callActivity, .eventBasedGateway:
            return true
        case .serviceTask, .sendTask, .businessRuleTask:
            return elements[index].implementation == .external
        case .intermediateThrowEvent, .endEvent:
            // A message throw carried out as an external task waits for its worker.
            return elements[index].implementation == .external
        case .intermediateCatchEvent:
            switch elements[index].eventDefinition {
            case .message, .signal, .timer, .conditional: return true
            default: return false
            }
        case .parallelGateway, .inclusiveGateway:
            return elements[index].incoming.count > 1
        default:
            return false
        }
    }

    // MARK: Camunda 8

    static func camunda8Type(of kind: ElementKind) -> String? {
        switch kind {
        case .task: "TASK"
        case .userTask: "USER_TASK"
        case .manualTask: "MANUAL_TASK"
        case .serviceTask: "SERVICE_TASK"
        case .sendTask: "SEND_TASK"
        case .receiveTask: "RECEIVE_TASK"
        case .scriptTask: "SCRIPT_TASK"
        case .businessRuleTask: "BUSINESS_RULE_TASK"
        case .subProcess: "SUB_PROCESS"
        case .eventSubProcess: "EVENT_SUB_PROCESS"
        case .adHocSubProcess: "AD_HOC_SUB_PROCESS"
        case .callActivity: "CALL_ACTIVITY"
        case .exclusiveGateway: "EXCLUSIVE_GATEWAY"
        case .parallelGateway: "PARALLEL_GATEWAY"
        case .inclusiveGateway: "INCLUSIVE_GATEWAY"
        case .eventBasedGateway: "EVENT_BASED_GATEWAY"
        case .startEvent: "START_EVENT"
        case .endEvent: "END_EVENT"
        case .intermediateCatchEvent: "INTERMEDIATE_CATCH_EVENT"
        case .intermediateThrowEvent: "INTERMEDIATE_THROW_EVENT"
        case .boundaryEvent: "BOUNDARY_EVENT"
        case .multiInstanceBody: "MULTI_INSTANCE_BODY"
        case .transaction, .complexGateway, .normal, .tool, .route, .subflow: nil
        }
    }

    /// Camunda 8 wait states (newest list of reference §5.2): job-worker tasks and Zeebe user
    /// tasks, receive tasks, call activities, message/timer/signal/conditional intermediate catch
    /// events, event-based gateways and joining parallel/inclusive gateways. Scopes
    /// (sub-processes, multi-instance bodies) hold wait states but are not wait states
    /// themselves. A conditional catch event waits like the others on an engine that runs it,
    /// although Camunda 8 cannot migrate an instance waiting there (the migration rules say so).
    static func isCamunda8WaitState(_ index: Int, in elements: [FlowElement]) -> Bool {
        switch elements[index].kind {
        case .userTask, .receiveTask, .callActivity, .eventBasedGateway:
            return true
        case .serviceTask, .sendTask:
            return true
        case .scriptTask, .businessRuleTask:
            return elements[index].implementation == .jobWorker
        case .intermediateCatchEvent:
            switch elements[index].eventDefinition {
            case .message, .timer, .signal, .conditional: return true
            default: return false
            }
        case .parallelGateway, .inclusiveGateway:
            return elements[index].incoming.count > 1
        default:
            return false
        }
    }
}
