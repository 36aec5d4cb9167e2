import FerryDiagnostics
import FerrySyntax

/// XML namespaces the BPMN front end reads.
enum BPMNNamespace {
    static let model = "http://www.omg.org/spec/BPMN/20100524/MODEL"
    static let camunda = "http://camunda.org/schema/1.0/bpmn"
    static let zeebe = "http://camunda.org/schema/zeebe/1.0"
    static let modeler = "http://camunda.org/schema/modeler/1.0"
}

/// Reads a BPMN 2.0 file (Camunda 7 or Camunda 8) into process models straight from the XML
/// layer's event stream: no element tree is built, and everything outside the processes (the
/// diagram interchange, usually most of the file) is skipped as it streams by.
///
/// Every problem is reported with its location and reading goes on, so one run shows all of them.
struct BPMNReader {
    let source: SourceFile
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var processes: [ProcessDefinition] = []

    /// What the element at each open level of the document is, for deciding what its children mean.
    private enum Frame {
        case definitions
        case process
        /// A flow node of the current process, by index; `isScope` for sub-processes.
        case flowNode(index: Int, isScope: Bool)
        case extensions(ofNode: Int?)
        case skip
    }

    private var frames: [Frame] = []
    private var engine: Engine = .camunda7
    private var isBPMN = true
    private var firstIDs: [String: XMLAttribute] = [:]

    // The process being read.
    private var process: ProcessDefinition?
    private var processTag: XMLStartTag?
    private var zeebeVersion: XMLAttribute?
    private var facts: [NodeFacts] = []
    private var references = References()

    init(source: SourceFile) {
        self.source = source
    }

    /// Reads the file; syntax errors leave no processes, only their diagnostics.
    mutating func read(limits: XMLReader.Limits) {
        let syntax = XMLReader(limits: limits).read(source) { event in
            guard isBPMN else { return }
            switch event {
            case .startElement(let tag): start(tag)
            case .endElement: end()
            case .text: break
            }
        }
        if syntax.contains(where: { $0.severity == .error }) {
            processes = []
            diagnostics = syntax
            return
        }
        diagnostics = syntax + diagnostics
        if isBPMN, processes.isEmpty, let root = rootLocation {
            diagnostics.append(Diagnostic(
                .noProcess,
                "definition has no process",
                at: root,
                help: "a BPMN file for Ferry holds at least one bpmn:process; a pool must reference its process with processRef"
            ))
        }
    }

    private var rootLocation: SourceLocation?

    // MARK: Tables

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
        "documentation", "laneSet", "dataObject", "dataObjectReference",
        "dataStoreReference", "textAnnotation", "association", "group", "property", "ioSpecification",
        "ioBinding", "auditing", "monitoring", "standardLoopCharacteristics", "incoming", "outgoing",
        "completionCondition", "dataInputAssociation", "dataOutputAssociation", "dataInput", "dataOutput",
        "inputSet", "outputSet", "supportedInterfaceRef", "resourceRole", "performer", "humanPerformer",
        "potentialOwner", "correlationSubscription", "conditionExpression",
    ]

    static let eventDefinitions: [String: EventDefinition] = [
        "messageEventDefinition": .message, "timerEventDefinition": .timer, "signalEventDefinition": .signal,
        "conditionalEventDefinition": .conditional, "errorEventDefinition": .error,
        "escalationEventDefinition": .escalation, "compensateEventDefinition": .compensation,
        "linkEventDefinition": .link, "cancelEventDefinition": .cancel, "terminateEventDefinition": .terminate,
    ]

    // MARK: Events

    private mutating func start(_ tag: XMLStartTag) {
        if tag.name.namespace == BPMNNamespace.model, let id = tag.attribute("id") {
            recordID(id)
        }
        guard let top = frames.last else {
            startRoot(tag)
            return
        }
        switch top {
        case .skip:
            frames.append(.skip)
        case .definitions:
            if tag.name.matches("process", in: BPMNNamespace.model) {
                startProcess(tag)
            } else {
                frames.append(.skip)
            }
        case .process:
            if tag.name.matches("extensionElements", in: BPMNNamespace.model) {
                frames.append(.extensions(ofNode: nil))
            } else {
                startScopeChild(tag, flowScope: nil)
            }
        case .flowNode(let index, let isScope):
            startNodeChild(tag, node: index, isScope: isScope)
        case .extensions(let node):
            startExtension(tag, node: node)
            frames.append(.skip)
        }
    }

    private mutating func end() {
        guard let frame = frames.popLast() else { return }
        if case .process = frame { finishProcess() }
    }

    private mutating func startRoot(_ tag: XMLStartTag) {
        rootLocation = location(of: tag)
        guard tag.name.matches("definitions", in: BPMNNamespace.model) else {
            isBPMN = false
            diagnostics.append(DefinitionReader.notADefinition(tag.name, at: location(of: tag)))
            return
        }
        engine = Self.engine(of: tag)
        frames.append(.definitions)
    }

    /// Camunda 8 when the file uses Zeebe's namespace or says it targets Camunda Cloud/8.
    static func engine(of root: XMLStartTag) -> Engine {
        if root.namespaceDeclarations.contains(where: { $0.uri == BPMNNamespace.zeebe }) { return .camunda8 }
        if let platform = root.attribute("executionPlatform", in: BPMNNamespace.modeler)?.value,
           platform == "Camunda Cloud" || platform.hasPrefix("Camunda 8") {
            return .camunda8
        }
        return .camunda7
    }

    private mutating func startProcess(_ tag: XMLStartTag) {
        let location = location(of: tag)
        process = ProcessDefinition(
            file: source.path,
            engine: engine,
            id: tag.attribute("id")?.value ?? "",
            name: tag.attribute("name")?.value,
            location: location,
            version: nil,
            versionLocation: location
        )
        processTag = tag
        zeebeVersion = nil
        facts = []
        references = References()
        frames.append(.process)
    }

    /// A child of a process or sub-process: a flow node, a sequence flow, or something to skip.
    private mutating func startScopeChild(_ tag: XMLStartTag, flowScope: String?) {
        guard tag.name.namespace == BPMNNamespace.model else {
            diagnostics.append(unknownElement(tag, scope: flowScope))
            frames.append(.skip)
            return
        }
        let localName = tag.name.localName
        if localName == "sequenceFlow" {
            startSequenceFlow(tag)
            frames.append(.skip)
            return
        }
        guard var kind = Self.flowNodeKinds[localName] else {
            if !Self.ignoredScopeChildren.contains(localName) {
                diagnostics.append(unknownElement(tag, scope: flowScope))
            }
            frames.append(.skip)
            return
        }
        if kind == .subProcess, tag.attribute("triggeredByEvent")?.value == "true" {
            kind = .eventSubProcess
        }
        let element = flowNode(tag, kind: kind, flowScope: flowScope)
        process?.elements.append(element)
        facts.append(NodeFacts(tag))
        let index = facts.count - 1
        if let defaultFlow = tag.attribute("default") {
            references.defaults.append((defaultFlow, element.id))
        }
        if kind == .boundaryEvent, let attached = tag.attribute("attachedToRef") {
            references.attachments.append((attached, element.id))
        }
        frames.append(.flowNode(index: index, isScope: kind.isSubProcess))
    }

    private mutating func startSequenceFlow(_ tag: XMLStartTag) {
        let id = tag.attribute("id")?.value ?? ""
        let sourceRef = tag.attribute("sourceRef")
        let targetRef = tag.attribute("targetRef")
        for attribute in [sourceRef, targetRef].compactMap({ $0 }) {
            references.flowEnds.append((attribute, id))
        }
        let flow = SequenceFlow(
            id: id,
            name: tag.attribute("name")?.value,
            source: sourceRef?.value ?? "",
            target: targetRef?.value ?? "",
            location: location(of: tag)
        )
        process?.sequenceFlows.append(flow)
    }

    /// A child of a flow node: its event definition, loop characteristics, extensions or script,
    /// or (for a sub-process) a nested flow element.
    private mutating func startNodeChild(_ tag: XMLStartTag, node: Int, isScope: Bool) {
        if tag.name.namespace == BPMNNamespace.model {
            let localName = tag.name.localName
            if let definition = Self.eventDefinitions[localName] {
                if process?.elements[node].eventDefinition == nil {
                    process?.elements[node].eventDefinition = definition
                }
                // Camunda 7 puts a message event's implementation on its event definition.
                if definition == .message {
                    facts[node].add(camundaAttributesOf: tag)
                }
                frames.append(.skip)
                return
            }
            switch localName {
            case "multiInstanceLoopCharacteristics":
                process?.elements[node].multiInstance = tag.attribute("isSequential")?.value == "true" ? .sequential : .parallel
                frames.append(.skip)
                return
            case "extensionElements":
                frames.append(.extensions(ofNode: node))
                return
            case "script":
                facts[node].hasScriptBody = true
                frames.append(.skip)
                return
            default:
                break
            }
        }
        if isScope, let id = process?.elements[node].id {
            startScopeChild(tag, flowScope: id)
        } else {
            frames.append(.skip)
        }
    }

    /// What an `extensionElements` child says about its process or flow node.
    private mutating func startExtension(_ tag: XMLStartTag, node: Int?) {
        guard let node else {
            if tag.name.matches("versionTag", in: BPMNNamespace.zeebe) {
                zeebeVersion = tag.attribute("value")
            }
            return
        }
        switch (tag.name.namespace, tag.name.localName) {
        case (BPMNNamespace.zeebe?, "userTask"): facts[node].zeebeUserTask = true
        case (BPMNNamespace.zeebe?, "calledDecision"): facts[node].zeebeCalledDecision = true
        case (BPMNNamespace.zeebe?, "script"): facts[node].zeebeScript = true
        case (BPMNNamespace.zeebe?, "taskDefinition"): facts[node].zeebeTaskDefinition = true
        case (BPMNNamespace.zeebe?, "calledElement"): facts[node].zeebeCalledProcess = tag.attribute("processId")?.value
        case (BPMNNamespace.camunda?, "connector"): facts[node].camundaConnector = true
        default: break
        }
    }

    // MARK: Flow nodes

    private func flowNode(_ tag: XMLStartTag, kind: ElementKind, flowScope: String?) -> FlowElement {
        var element = FlowElement(
            id: tag.attribute("id")?.value ?? "",
            name: tag.attribute("name")?.value,
            kind: kind,
            location: location(of: tag)
        )
        element.flowScope = flowScope
        switch kind {
        case .boundaryEvent:
            element.attachedTo = tag.attribute("attachedToRef")?.value
            element.isInterrupting = tag.attribute("cancelActivity")?.value != "false"
        case .startEvent:
            element.isInterrupting = tag.attribute("isInterrupting")?.value != "false"
        case .callActivity:
            element.calledElement = tag.attribute("calledElement")?.value
        default:
            break
        }
        element.isCompensationHandler = tag.attribute("isForCompensation")?.value == "true"
        element.asyncBefore = tag.attribute("asyncBefore", in: BPMNNamespace.camunda)?.value == "true"
            || tag.attribute("async", in: BPMNNamespace.camunda)?.value == "true"
        element.asyncAfter = tag.attribute("asyncAfter", in: BPMNNamespace.camunda)?.value == "true"
        return element
    }

    /// Attributes and extension elements that decide a task's implementation.
    struct NodeFacts {
        var camundaType: String?
        var camundaClass = false
        var camundaDelegateExpression = false
        var camundaExpression = false
        var camundaDecisionRef = false
        var camundaResource = false
        var camundaConnector = false
        var hasScriptBody = false
        var zeebeUserTask = false
        var zeebeCalledDecision = false
        var zeebeScript = false
        var zeebeTaskDefinition = false
        var zeebeCalledProcess: String?

        init(_ tag: XMLStartTag) {
            add(camundaAttributesOf: tag)
        }

        mutating func add(camundaAttributesOf tag: XMLStartTag) {
            for attribute in tag.attributes where attribute.name.namespace == BPMNNamespace.camunda {
                switch attribute.name.localName {
                case "type": camundaType = attribute.value
                case "class": camundaClass = true
                case "delegateExpression": camundaDelegateExpression = true
                case "expression": camundaExpression = true
                case "decisionRef": camundaDecisionRef = true
                case "resource": camundaResource = true
                default: break
                }
            }
        }

        /// The implementation these facts describe, Camunda 8 extensions first.
        func implementation(for kind: ElementKind, engine: Engine) -> Implementation? {
            if zeebeUserTask { return .zeebeUserTask }
            if zeebeCalledDecision { return .dmn }
            if zeebeScript { return .script }
            if zeebeTaskDefinition { return .jobWorker }
            switch camundaType {
            case "external": return .external
            case "mail", "shell": return .builtIn
            default: break
            }
            if camundaClass { return .javaClass }
            if camundaDelegateExpression { return .delegateExpression }
            if camundaExpression { return .expression }
            if camundaDecisionRef { return .dmn }
            if camundaConnector { return .connector }
            if kind == .scriptTask, hasScriptBody || camundaResource { return .script }
            // A Camunda 8 user task without zeebe:userTask is a job-worker user task.
            if engine == .camunda8, kind == .userTask { return .jobWorker }
            return nil
        }
    }

    // MARK: Finishing a process

    private mutating func finishProcess() {
        guard var process, let processTag else { return }
        readVersion(of: processTag, into: &process)
        var elements: [FlowElement] = []
        elements.reserveCapacity(process.elements.count + 4)
        for (index, var element) in process.elements.enumerated() {
            element.implementation = facts[index].implementation(for: element.kind, engine: engine)
            if element.kind == .callActivity, element.calledElement == nil {
                element.calledElement = facts[index].zeebeCalledProcess
            }
            if let mode = element.multiInstance {
                var body = FlowElement(
                    id: FlowElement.multiInstanceBodyID(of: element.id),
                    name: element.name,
                    kind: .multiInstanceBody,
                    location: element.location
                )
                body.flowScope = element.flowScope
                body.multiInstance = mode
                elements.append(body)
                element.flowScope = body.id
            }
            elements.append(element)
        }
        process.elements = elements
        connectFlows(&process)
        checkReferences(process)
        BPMNClassifier.classify(&process)
        processes.append(process)
        self.process = nil
        self.processTag = nil
    }

    private mutating func readVersion(of tag: XMLStartTag, into process: inout ProcessDefinition) {
        let attribute = engine == .camunda8 ? zeebeVersion : tag.attribute("versionTag", in: BPMNNamespace.camunda)
        guard let attribute else {
            let how = engine == .camunda8
                ? "add <zeebe:versionTag value=\"1.0.0\"/> inside the process's <bpmn:extensionElements> (Camunda Modeler: \"Version tag\" in the properties panel)"
                : "add camunda:versionTag=\"1.0.0\" to <bpmn:process id=\"\(process.id)\"> (Camunda Modeler: \"Version tag\" in the properties panel)"
            diagnostics.append(Diagnostic(
                .missingVersion,
                "process '\(process.id)' has no version",
                at: process.location,
                help: how
            ))
            return
        }
        process.versionLocation = attribute.valueLocation
        guard let version = SemanticVersion(parsing: attribute.value) else {
            diagnostics.append(Diagnostic(
                .malformedVersion,
                "version '\(attribute.value)' of process '\(process.id)' is not MAJOR.MINOR.PATCH",
                at: attribute.valueLocation,
                help: "write three numbers, digits only, such as 1.3.0"
            ))
            return
        }
        process.version = version
    }

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

    // MARK: Checks

    /// Reference attributes met while reading, checked once every element is known.
    private struct References {
        var flowEnds: [(XMLAttribute, String)] = []
        var attachments: [(XMLAttribute, String)] = []
        var defaults: [(XMLAttribute, String)] = []
    }

    private mutating func checkReferences(_ process: ProcessDefinition) {
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
        let suggestion = Suggestions.closest(to: attribute.value, among: candidates)
        return Diagnostic(
            .danglingReference,
            "\(what ?? attribute.name.localName) '\(attribute.value)' of \(owner) names no element of this process",
            at: attribute.valueLocation,
            help: suggestion.map { "did you mean '\($0)'?" }
        )
    }

    /// Ids are unique across the whole document (BPMN elements only: diagram interchange and
    /// vendor extensions have ids of their own kind).
    private mutating func recordID(_ id: XMLAttribute) {
        if let earlier = firstIDs[id.value] {
            diagnostics.append(Diagnostic(
                .duplicateElementID,
                "duplicate id '\(id.value)'",
                at: id.valueLocation,
                notes: [Note("first used here", at: earlier.valueLocation)],
                help: "give one of the two elements another id"
            ))
        } else {
            firstIDs[id.value] = id
        }
    }

    private func unknownElement(_ tag: XMLStartTag, scope: String?) -> Diagnostic {
        let suggestion = tag.name.namespace == BPMNNamespace.model
            ? Suggestions.closest(to: tag.name.localName, among: Self.flowNodeKinds.keys.sorted() + ["sequenceFlow"])
            : nil
        let container = scope.map { "sub-process '\($0)'" } ?? "process '\(process?.id ?? "")'"
        return Diagnostic(
            .unknownElement,
            "unknown element '\(tag.name.qualifiedName)' in \(container); it is ignored",
            at: location(of: tag),
            help: suggestion.map { "did you mean 'bpmn:\($0)'?" } ?? "vendor extensions belong in bpmn:extensionElements"
        )
    }

    private func location(of tag: XMLStartTag) -> SourceLocation {
        source.location(of: tag.byteRange)
    }
}
