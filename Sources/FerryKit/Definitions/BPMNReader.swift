import FerryDiagnostics
import FerrySyntax

/// XML namespaces the BPMN front end reads.
enum BPMNNamespace {
    static let model = "http://www.omg.org/spec/BPMN/20100524/MODEL"
    static let camunda = "http://camunda.org/schema/1.0/bpmn"
    static let zeebe = "http://camunda.org/schema/zeebe/1.0"
    static let modeler = "http://camunda.org/schema/modeler/1.0"
}

/// Reads a BPMN 2.0 `definitions` element (Camunda 7 or Camunda 8) into process models.
///
/// Every problem is reported with its location and reading goes on, so one run shows all of them.
struct BPMNReader {
    let source: SourceFile
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceFile) {
        self.source = source
    }

    /// Flow-node elements and the kind each becomes.
    static let flowNodeKinds: [String: ElementKind] = [
        "task": .task, "userTask": .userTask, "manualTask": .manualTask, "serviceTask": .serviceTask,
        "sendTask": .sendTask, "receiveTask": .receiveTask, "scriptTask": .scriptTask,
        "businessRuleTask": .businessRuleTask, "subProcess": .subProcess, "transaction": .transaction,
        "adHocSubProcess": .adHocSubProcess, "callActivity": .callActivity,
        "exclusiveGateway": .exclusiveGateway, "parallelGateway": .parallelGateway,
        "inclusiveGateway": .inclusiveGateway, "eventBasedGateway": .eventBasedGateway,
        "complexGateway": .complexGateway, "startEvent": .startEvent, "endEvent": .endEvent,
        "intermediateCatchEvent": .intermediateCatchEvent, "intermediateThrowEvent": .intermediateThrowEvent,
        "boundaryEvent": .boundaryEvent,
    ]

    /// BPMN elements that may stand in a process or sub-process and hold no flow semantics Ferry
    /// needs; they are skipped without a warning.
    static let ignoredScopeChildren: Set<String> = [
        "documentation", "extensionElements", "laneSet", "dataObject", "dataObjectReference",
        "dataStoreReference", "textAnnotation", "association", "group", "property", "ioSpecification",
        "ioBinding", "auditing", "monitoring", "multiInstanceLoopCharacteristics",
        "standardLoopCharacteristics", "incoming", "outgoing", "completionCondition", "dataInputAssociation",
        "dataOutputAssociation", "dataInput", "dataOutput", "inputSet", "outputSet", "supportedInterfaceRef",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "correlationSubscription",
    ]

    static let eventDefinitions: [String: EventDefinition] = [
        "messageEventDefinition": .message, "timerEventDefinition": .timer, "signalEventDefinition": .signal,
        "conditionalEventDefinition": .conditional, "errorEventDefinition": .error,
        "escalationEventDefinition": .escalation, "compensateEventDefinition": .compensation,
        "linkEventDefinition": .link, "cancelEventDefinition": .cancel, "terminateEventDefinition": .terminate,
    ]

    mutating func read(_ root: XMLElement) -> [ProcessDefinition] {
        let engine = Self.engine(of: root)
        checkDuplicateIDs(root)
        let processes = root.children.filter { $0.name.matches("process", in: BPMNNamespace.model) }
        guard !processes.isEmpty else {
            diagnostics.append(Diagnostic(
                .noProcess,
                "definition has no process",
                at: root.startTagLocation,
                help: "a BPMN file for Ferry holds at least one bpmn:process; a pool must reference its process with processRef"
            ))
            return []
        }
        return processes.map { readProcess($0, engine: engine) }
    }

    /// Camunda 8 when the file uses Zeebe's namespace or says it targets Camunda Cloud/8.
    static func engine(of root: XMLElement) -> Engine {
        if root.namespaceDeclarations.contains(where: { $0.uri == BPMNNamespace.zeebe }) { return .camunda8 }
        if let platform = root.attribute("executionPlatform", in: BPMNNamespace.modeler)?.value,
           platform == "Camunda Cloud" || platform.hasPrefix("Camunda 8") {
            return .camunda8
        }
        return .camunda7
    }

    // MARK: Processes

    private mutating func readProcess(_ element: XMLElement, engine: Engine) -> ProcessDefinition {
        let id = element.attribute("id")?.value ?? ""
        let (version, versionLocation) = readVersion(of: element, id: id, engine: engine)
        var process = ProcessDefinition(
            file: source.path,
            engine: engine,
            id: id,
            name: element.attribute("name")?.value,
            location: element.startTagLocation,
            version: version,
            versionLocation: versionLocation
        )
        var references = References()
        readScope(element, flowScope: nil, into: &process, references: &references)
        connectFlows(&process)
        checkReferences(process, references)
        BPMNClassifier.classify(&process)
        return process
    }

    private mutating func readVersion(of process: XMLElement, id: String, engine: Engine) -> (SemanticVersion?, SourceLocation) {
        let attribute: XMLAttribute?
        switch engine {
        case .camunda8:
            attribute = process.firstChild("extensionElements", in: BPMNNamespace.model)?
                .firstChild("versionTag", in: BPMNNamespace.zeebe)?
                .attribute("value")
        default:
            attribute = process.attribute("versionTag", in: BPMNNamespace.camunda)
        }
        guard let attribute else {
            let how = engine == .camunda8
                ? "add <zeebe:versionTag value=\"1.0.0\"/> inside the process's <bpmn:extensionElements> (Camunda Modeler: \"Version tag\" in the properties panel)"
                : "add camunda:versionTag=\"1.0.0\" to <bpmn:process id=\"\(id)\"> (Camunda Modeler: \"Version tag\" in the properties panel)"
            diagnostics.append(Diagnostic(
                .missingVersion,
                "process '\(id)' has no version",
                at: process.startTagLocation,
                help: how
            ))
            return (nil, process.startTagLocation)
        }
        guard let version = SemanticVersion(parsing: attribute.value) else {
            diagnostics.append(Diagnostic(
                .malformedVersion,
                "version '\(attribute.value)' of process '\(id)' is not MAJOR.MINOR.PATCH",
                at: attribute.valueLocation,
                help: "write three numbers, digits only, such as 1.3.0"
            ))
            return (nil, attribute.valueLocation)
        }
        return (version, attribute.valueLocation)
    }

    /// Reads the flow elements directly inside a process or sub-process, recursing into
    /// sub-processes.
    private mutating func readScope(
        _ scope: XMLElement,
        flowScope: String?,
        into process: inout ProcessDefinition,
        references: inout References
    ) {
        for child in scope.children {
            guard child.name.namespace == BPMNNamespace.model else {
                diagnostics.append(unknownElement(child, in: scope))
                continue
            }
            let localName = child.name.localName
            if localName == "sequenceFlow" {
                let id = child.attribute("id")?.value ?? ""
                for name in ["sourceRef", "targetRef"] {
                    if let attribute = child.attribute(name) { references.flowEnds.append((attribute, id)) }
                }
                process.sequenceFlows.append(SequenceFlow(
                    id: child.attribute("id")?.value ?? "",
                    name: child.attribute("name")?.value,
                    source: child.attribute("sourceRef")?.value ?? "",
                    target: child.attribute("targetRef")?.value ?? "",
                    location: child.startTagLocation
                ))
                continue
            }
            guard var kind = Self.flowNodeKinds[localName] else {
                if !Self.ignoredScopeChildren.contains(localName) {
                    diagnostics.append(unknownElement(child, in: scope))
                }
                continue
            }
            if kind == .subProcess, child.attribute("triggeredByEvent")?.value == "true" {
                kind = .eventSubProcess
            }
            var element = readFlowNode(child, kind: kind, flowScope: flowScope)
            if let defaultFlow = child.attribute("default") {
                references.defaults.append((defaultFlow, element.id))
            }
            if kind == .boundaryEvent, let attached = child.attribute("attachedToRef") {
                references.attachments.append((attached, element.id))
            }
            if let mode = element.multiInstance {
                var body = FlowElement(
                    id: FlowElement.multiInstanceBodyID(of: element.id),
                    name: element.name,
                    kind: .multiInstanceBody,
                    location: element.location
                )
                body.flowScope = flowScope
                body.multiInstance = mode
                process.elements.append(body)
                element.flowScope = body.id
            }
            process.elements.append(element)
            if kind.isSubProcess {
                readScope(child, flowScope: element.id, into: &process, references: &references)
            }
        }
    }

    private func readFlowNode(_ node: XMLElement, kind: ElementKind, flowScope: String?) -> FlowElement {
        var element = FlowElement(
            id: node.attribute("id")?.value ?? "",
            name: node.attribute("name")?.value,
            kind: kind,
            location: node.startTagLocation
        )
        element.flowScope = flowScope
        for child in node.children where child.name.namespace == BPMNNamespace.model {
            if let definition = Self.eventDefinitions[child.name.localName], element.eventDefinition == nil {
                element.eventDefinition = definition
            } else if child.name.localName == "multiInstanceLoopCharacteristics" {
                element.multiInstance = child.attribute("isSequential")?.value == "true" ? .sequential : .parallel
            }
        }
        switch kind {
        case .boundaryEvent:
            element.attachedTo = node.attribute("attachedToRef")?.value
            element.isInterrupting = node.attribute("cancelActivity")?.value != "false"
        case .startEvent:
            element.isInterrupting = node.attribute("isInterrupting")?.value != "false"
        default:
            break
        }
        element.isCompensationHandler = node.attribute("isForCompensation")?.value == "true"
        element.asyncBefore = node.attribute("asyncBefore", in: BPMNNamespace.camunda)?.value == "true"
            || node.attribute("async", in: BPMNNamespace.camunda)?.value == "true"
        element.asyncAfter = node.attribute("asyncAfter", in: BPMNNamespace.camunda)?.value == "true"
        element.implementation = Self.implementation(of: node, kind: kind)
        if kind == .callActivity {
            element.calledElement = node.attribute("calledElement")?.value
                ?? node.firstChild("extensionElements", in: BPMNNamespace.model)?
                    .firstChild("calledElement", in: BPMNNamespace.zeebe)?.attribute("processId")?.value
        }
        return element
    }

    /// The implementation of a task (or of a message event carried out like one).
    static func implementation(of node: XMLElement, kind: ElementKind) -> Implementation? {
        let extensions = node.firstChild("extensionElements", in: BPMNNamespace.model)
        // Camunda 8
        if let extensions {
            if extensions.firstChild("userTask", in: BPMNNamespace.zeebe) != nil { return .zeebeUserTask }
            if extensions.firstChild("calledDecision", in: BPMNNamespace.zeebe) != nil { return .dmn }
            if extensions.firstChild("script", in: BPMNNamespace.zeebe) != nil { return .script }
            if extensions.firstChild("taskDefinition", in: BPMNNamespace.zeebe) != nil { return .jobWorker }
        }
        // Camunda 7
        switch node.attribute("type", in: BPMNNamespace.camunda)?.value {
        case "external": return .external
        case "mail", "shell": return .builtIn
        default: break
        }
        if node.attribute("class", in: BPMNNamespace.camunda) != nil { return .javaClass }
        if node.attribute("delegateExpression", in: BPMNNamespace.camunda) != nil { return .delegateExpression }
        if node.attribute("expression", in: BPMNNamespace.camunda) != nil { return .expression }
        if node.attribute("decisionRef", in: BPMNNamespace.camunda) != nil { return .dmn }
        if extensions?.firstChild("connector", in: BPMNNamespace.camunda) != nil { return .connector }
        if kind == .scriptTask, node.firstChild("script", in: BPMNNamespace.model) != nil
            || node.attribute("resource", in: BPMNNamespace.camunda) != nil {
            return .script
        }
        // A Camunda 8 user task without zeebe:userTask is a job-worker user task.
        return nil
    }

    private func unknownElement(_ element: XMLElement, in scope: XMLElement) -> Diagnostic {
        let known = Array(Self.flowNodeKinds.keys).sorted() + ["sequenceFlow"]
        let suggestion = element.name.namespace == BPMNNamespace.model
            ? Suggestions.closest(to: element.name.localName, among: known)
            : nil
        return Diagnostic(
            .unknownElement,
            "unknown element '\(element.name.qualifiedName)' in \(scope.name.localName) '\(scope.attribute("id")?.value ?? "")'; it is ignored",
            at: element.startTagLocation,
            help: suggestion.map { "did you mean 'bpmn:\($0)'?" } ?? "vendor extensions belong in bpmn:extensionElements"
        )
    }

    // MARK: References

    /// Fills every element's incoming and outgoing flows from the sequence flows.
    private func connectFlows(_ process: inout ProcessDefinition) {
        var index: [String: Int] = [:]
        for (position, element) in process.elements.enumerated() where index[element.id] == nil {
            index[element.id] = position
        }
        for flow in process.sequenceFlows {
            if let source = index[flow.source] { process.elements[source].outgoing.append(flow.id) }
            if let target = index[flow.target] { process.elements[target].incoming.append(flow.id) }
        }
    }

    /// Reference attributes met while reading, checked once every element is known.
    struct References {
        var flowEnds: [(XMLAttribute, String)] = []
        var attachments: [(XMLAttribute, String)] = []
        var defaults: [(XMLAttribute, String)] = []
    }

    private mutating func checkReferences(_ process: ProcessDefinition, _ references: References) {
        let nodeIDs = process.elements.filter { $0.kind != .multiInstanceBody }.map(\.id)
        let nodes = Set(nodeIDs)
        let flows = Set(process.sequenceFlows.map(\.id))
        for (attribute, flow) in references.flowEnds where !nodes.contains(attribute.value) {
            diagnostics.append(dangling(attribute, of: "sequence flow '\(flow)'", among: nodeIDs))
        }
        for (attribute, boundary) in references.attachments where !nodes.contains(attribute.value) {
            diagnostics.append(dangling(attribute, of: "boundary event '\(boundary)'", among: nodeIDs))
        }
        for (attribute, owner) in references.defaults where !flows.contains(attribute.value) {
            diagnostics.append(dangling(attribute, of: "'\(owner)'", among: process.sequenceFlows.map(\.id), what: "default flow"))
        }
    }

    private func dangling(_ attribute: XMLAttribute, of owner: String, among candidates: [String], what: String? = nil) -> Diagnostic {
        let name = attribute.name.localName
        let suggestion = Suggestions.closest(to: attribute.value, among: candidates)
        return Diagnostic(
            .danglingReference,
            "\(what ?? name) '\(attribute.value)' of \(owner) names no element of this process",
            at: attribute.valueLocation,
            help: suggestion.map { "did you mean '\($0)'?" }
        )
    }

    /// Ids are unique across the whole document (BPMN elements only; diagram interchange and
    /// vendor extensions have ids of their own kind).
    private mutating func checkDuplicateIDs(_ root: XMLElement) {
        var first: [String: XMLAttribute] = [:]
        collectIDs(root, into: &first)
    }

    private mutating func collectIDs(_ element: XMLElement, into first: inout [String: XMLAttribute]) {
        guard element.name.namespace == BPMNNamespace.model else { return }
        if let id = element.attribute("id") {
            if let earlier = first[id.value] {
                diagnostics.append(Diagnostic(
                    .duplicateElementID,
                    "duplicate id '\(id.value)'",
                    at: id.valueLocation,
                    notes: [Note("first used here", at: earlier.valueLocation)],
                    help: "give one of the two elements another id"
                ))
            } else {
                first[id.value] = id
            }
        }
        for child in element.children {
            collectIDs(child, into: &first)
        }
    }
}
