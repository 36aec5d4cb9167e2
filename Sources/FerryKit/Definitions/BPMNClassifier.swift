/// Derives what each engine makes of a BPMN element: Camunda 7's behaviour class and event
/// scope (reference camunda.md §2.5), Camunda 8's element type (§5.2), and whether an instance
/// can rest in it on the definition's engine.
enum BPMNClassifier {
    /// Elements and flows of one process by id, built once so classifying is linear.
    struct Lookup {
        let id: String
        let engine: Engine
        let elements: [String: FlowElement]
        let flows: [String: SequenceFlow]

        init(_ process: ProcessDefinition) {
            id = process.id
            engine = process.engine
            elements = Dictionary(process.elements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            flows = Dictionary(process.sequenceFlows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        func element(_ id: String) -> FlowElement? { elements[id] }
    }

    /// Classifies every element of a process.
    static func classify(_ process: inout ProcessDefinition) {
        let lookup = Lookup(process)
        for index in process.elements.indices {
            classify(&process.elements[index], in: lookup)
        }
    }

    static func classify(_ element: inout FlowElement, in process: Lookup) {
        element.eventScope = eventScope(of: element, in: process)
        element.hasPersistentTrigger = hasPersistentTrigger(element, in: process)
        // After an event-based gateway the token rests in the gateway; its catch events are
        // subscriptions of the gateway, not places an instance can be migrated from.
        let followsEventGateway = element.kind == .intermediateCatchEvent && element.eventScope != element.id
        switch process.engine {
        case .camunda7:
            // Camunda 7's parser ignores ad-hoc sub-processes and everything in them.
            guard !isInsideAdHocSubProcess(element, in: process) else { return }
            element.camunda7Behavior = camunda7Behavior(of: element, in: process)
            element.isWaitState = isCamunda7WaitState(element) && !followsEventGateway
        case .camunda8:
            element.camunda8Type = camunda8Type(of: element.kind)
            element.isWaitState = isCamunda8WaitState(element) && !followsEventGateway
        case .joget:
            break
        }
    }

    private static func isInsideAdHocSubProcess(_ element: FlowElement, in process: Lookup) -> Bool {
        var current: FlowElement? = element
        var steps = 0
        while let scope = current, steps < 1000 {
            if scope.kind == .adHocSubProcess { return true }
            current = scope.flowScope.flatMap(process.element)
            steps += 1
        }
        return false
    }

    // MARK: Scopes

    /// Camunda 7's event scope: boundary events → the attached activity (or its multi-instance
    /// body); event-sub-process start events → the event sub-process's flow scope (the process when
    /// it is at process level); intermediate catch events → themselves, or the event-based gateway
    /// they follow.
    static func eventScope(of element: FlowElement, in process: Lookup) -> String? {
        switch element.kind {
        case .boundaryEvent:
            guard let attached = element.attachedTo else { return nil }
            if element.eventDefinition != .compensation,
               process.element(attached)?.multiInstance != nil {
                return FlowElement.multiInstanceBodyID(of: attached)
            }
            return attached
        case .startEvent:
            guard let scope = element.flowScope, let subProcess = process.element(scope),
                  subProcess.kind == .eventSubProcess else { return nil }
            return subProcess.flowScope ?? process.id
        case .intermediateCatchEvent:
            if let gateway = precedingEventBasedGateway(of: element, in: process) { return gateway }
            return element.id
        default:
            return nil
        }
    }

    private static func precedingEventBasedGateway(of element: FlowElement, in process: Lookup) -> String? {
        for flowID in element.incoming {
            guard let flow = process.flows[flowID],
                  let source = process.element(flow.source), source.kind == .eventBasedGateway else { continue }
            return source.id
        }
        return nil
    }

    /// Whether the element's trigger is a subscription or job that exists while its scope is
    /// active: the passive event types Camunda 7 migrates (reference §2.5).
    static func hasPersistentTrigger(_ element: FlowElement, in process: Lookup) -> Bool {
        let persistent: Set<EventDefinition> = [.message, .timer, .signal, .conditional, .compensation]
        switch element.kind {
        case .boundaryEvent:
            return element.eventDefinition.map(persistent.contains) ?? false
        case .startEvent:
            guard let scope = element.flowScope, process.element(scope)?.kind == .eventSubProcess else { return false }
            return element.eventDefinition.map(persistent.contains) ?? false
        default:
            return false
        }
    }

    // MARK: Camunda 7

    static func camunda7Behavior(of element: FlowElement, in process: Lookup) -> String? {
        switch element.kind {
        case .userTask: return "UserTaskActivityBehavior"
        case .receiveTask: return "ReceiveTaskActivityBehavior"
        case .serviceTask, .sendTask, .businessRuleTask:
            return delegateBehavior(element.implementation)
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
            switch element.eventDefinition {
            case .conditional: return "IntermediateConditionalEventBehavior"
            case .link: return "IntermediateCatchLinkEventActivityBehavior"
            default: return "IntermediateCatchEventActivityBehavior"
            }
        case .boundaryEvent:
            switch element.eventDefinition {
            case .conditional: return "BoundaryConditionalEventActivityBehavior"
            case .cancel: return "CancelBoundaryEventActivityBehavior"
            default: return "BoundaryEventActivityBehavior"
            }
        case .startEvent:
            if let scope = element.flowScope, process.element(scope)?.kind == .eventSubProcess {
                return element.eventDefinition == .conditional
                    ? "EventSubProcessStartConditionalEventActivityBehavior"
                    : "EventSubProcessStartEventActivityBehavior"
            }
            return "NoneStartEventActivityBehavior"
        case .endEvent:
            switch element.eventDefinition {
            case nil: return "NoneEndEventActivityBehavior"
            case .terminate: return "TerminateEndEventActivityBehavior"
            case .error: return "ErrorEndEventActivityBehavior"
            case .cancel: return "CancelEndEventActivityBehavior"
            case .signal: return "ThrowSignalEventActivityBehavior"
            case .escalation: return "ThrowEscalationEventActivityBehavior"
            case .compensation: return "CompensationEventActivityBehavior"
            // A message end event without an implementation throws nothing: Camunda 7 gives it
            // the none-throw behaviour.
            case .message: return delegateBehavior(element.implementation) ?? "IntermediateThrowNoneEventActivityBehavior"
            default: return "NoneEndEventActivityBehavior"
            }
        case .intermediateThrowEvent:
            switch element.eventDefinition {
            case .signal: return "ThrowSignalEventActivityBehavior"
            case .escalation: return "ThrowEscalationEventActivityBehavior"
            case .compensation: return "CompensationEventActivityBehavior"
            case .message: return delegateBehavior(element.implementation) ?? "IntermediateThrowNoneEventActivityBehavior"
            // A throwing link event only redirects the flow; Camunda 7 creates no activity for it.
            case .link: return nil
            default: return "IntermediateThrowNoneEventActivityBehavior"
            }
        case .multiInstanceBody:
            return element.multiInstance == .sequential
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
    static func isCamunda7WaitState(_ element: FlowElement) -> Bool {
        if element.asyncBefore || element.asyncAfter { return true }
        switch element.kind {
        case .userTask, .receiveTask, .callActivity, .eventBasedGateway:
            return true
        case .serviceTask, .sendTask, .businessRuleTask:
            return element.implementation == .external
        case .intermediateThrowEvent, .endEvent:
            // A message throw carried out as an external task waits for its worker.
            return element.implementation == .external
        case .intermediateCatchEvent:
            return [.message, .signal, .timer, .conditional].contains(element.eventDefinition)
        case .parallelGateway, .inclusiveGateway:
            return element.incoming.count > 1
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
    /// tasks, receive tasks, call activities, message/timer/signal intermediate catch events,
    /// event-based gateways and joining parallel/inclusive gateways. Scopes (sub-processes,
    /// multi-instance bodies) hold wait states but are not wait states themselves.
    static func isCamunda8WaitState(_ element: FlowElement) -> Bool {
        switch element.kind {
        case .userTask, .receiveTask, .callActivity, .eventBasedGateway:
            return true
        case .serviceTask, .sendTask:
            return true
        case .scriptTask, .businessRuleTask:
            return element.implementation == .jobWorker
        case .intermediateCatchEvent:
            return [.message, .timer, .signal].contains(element.eventDefinition)
        case .parallelGateway, .inclusiveGateway:
            return element.incoming.count > 1
        default:
            return false
        }
    }
}
