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
/// layer's event stream: no element tree is built, and everything outside the processes is
/// skipped as it streams by. The diagram interchange, usually most of the file, is not even
/// reported: the XML layer is asked for BPMN's own elements and what is written directly in them.
///
/// Every problem is reported with its location and reading goes on, so one run shows all of them.
///
/// A large model has a few dozen distinct names, tens of thousands of tags and as many ids and
/// references, so strings are compared and hashed as seldom as possible: the reader works out
/// what a name means the first time the parse hands it over (``ElementName``, ``AttributeName``)
/// and finds that again by the name's ``FerrySyntax/XMLName/parseIndex``; it numbers each id and
/// reference once (``IDTable``) and checks and connects by number; and it keeps elements in
/// place rather than copying them around (a flow element holds a dozen strings and arrays).
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
        /// A timer or conditional event definition of a flow node, by index.
        case eventDefinition(ofNode: Int, EventDefinition)
        /// An element whose text is the node's trigger (`timeDuration`, `condition`), by index,
        /// with what the text is.
        case triggerText(ofNode: Int, TriggerExpression, start: Int)
        case skip
    }

    private var frames: [Frame] = []
    private var engine: Engine = .camunda7
    private var isBPMN = true
    private var ids: IDTable
    /// Where the flow nodes and flows are: tens of thousands of places, asked for in file order.
    private var positions: SourcePositionCursor
    private var elementNames = NameTable<ElementName>()
    private var attributeNames = NameTable<AttributeName>()
    /// Where the attributes the reader reads stand in the tag being read.
    private var attributes = AttributePositions()

    // The process being read. Its flow elements and sequence flows are kept apart from `process`
    // until it ends, so that filling one in place never copies it out of an optional.
    private var process: ProcessDefinition?
    private var processTag: XMLStartTag?
    private var elements: [FlowElement] = []
    /// The number of each element's id (see ``IDTable``).
    private var elementIDs: [Int] = []
    private var sequenceFlows: [SequenceFlow] = []
    /// The numbers of each sequence flow's id, source and target.
    private var flowIDs: [(id: Int, source: Int, target: Int)] = []
    /// The first flow node and the first sequence flow with each id, by number.
    private var nodePositions = FirstPositions()
    private var flowPositions = FirstPositions()
    /// The first element with each id once multi-instance bodies are in, when there are any.
    private var expandedPositions = FirstPositions()
    private var zeebeVersion: XMLAttribute?
    private var facts: [NodeFacts] = []
    private var references = References()
    /// Messages and signals named by the process being read: (node index, `message` or `signal`,
    /// the id of the `bpmn:message` or `bpmn:signal`).
    private var triggerReferences: [(node: Int, word: String, reference: String)] = []
    /// The same across the file, with the element's final position: resolved once the whole file
    /// is read, since `bpmn:message` and `bpmn:signal` may come after the process.
    private var pendingTriggers: [(process: Int, element: Int, word: String, reference: String)] = []
    /// `bpmn:message` and `bpmn:signal` names by id.
    private var eventNames: [String: String] = [:]

    init(source: SourceFile) {
        self.source = source
        // Camunda Modeler writes about one BPMN id per 400 bytes (as many again belong to the
        // diagram), a model with terser diagram interchange one per 250; room for them up front
        // spares the table its regrowing, which rehashes every id.
        ids = IDTable(expectedCount: source.bytes.count / 250)
        positions = SourcePositionCursor(source)
    }

    /// Reads the file; syntax errors leave no processes, only their diagnostics.
    mutating func read(limits: XMLReader.Limits) {
        let syntax = XMLReader(limits: limits).read(
            source,
            includingText: false,
            elementsIn: [BPMNNamespace.model],
            ignoring: Self.unreadElements
        ) { event in
            guard isBPMN else { return }
            switch event {
            case .startElement(let tag): start(tag)
            case .endElement(let tag): end(tag)
            case .text: break
            }
        }
        if syntax.contains(where: { $0.severity == .error }) {
            processes = []
            diagnostics = syntax
            return
        }
        resolveTriggerNames()
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

    /// Elements the reader never reads, left out by the XML layer. `incoming` and `outgoing`,
    /// two per flow node in files Camunda Modeler writes, repeat what the sequence flows say and
    /// have no id to check.
    static let unreadElements = [BPMNNamespace.model: Set(["incoming", "outgoing"])]

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

    /// An element whose text is a trigger: kept as a plain value so that names and frames, copied
    /// at every tag, hold no reference.
    private enum TriggerExpression: Equatable {
        case timeDuration, timeDate, timeCycle, condition

        /// What comes before the text in a trigger's description.
        var words: String {
            switch self {
            case .timeDuration: "timer duration"
            case .timeDate: "timer date"
            case .timeCycle: "timer cycle"
            case .condition: "condition"
            }
        }
    }

    /// What an element name means to the reader.
    private enum ElementName: Equatable {
        case definitions, process, extensionElements, sequenceFlow
        case flowNode(ElementKind)
        case eventDefinition(EventDefinition)
        case multiInstanceLoopCharacteristics, script
        /// `bpmn:message` and `bpmn:signal`, declared beside the processes.
        case message, signal
        /// `timeDuration`, `timeDate`, `timeCycle`, `condition`: the text of a trigger.
        case triggerExpression(TriggerExpression)
        case camundaTaskListener
        /// One of ``ignoredScopeChildren``.
        case ignoredScopeChild
        /// Any other name in the BPMN model namespace.
        case otherModelElement
        case zeebeVersionTag, zeebeUserTask, zeebeCalledDecision, zeebeScript, zeebeTaskDefinition, zeebeCalledElement
        case camundaConnector
        /// A name in no namespace or another one (diagram interchange, vendor extensions).
        case other

        init(_ name: XMLName) {
            let localName = name.localName
            switch name.namespace {
            case BPMNNamespace.model?:
                if let kind = BPMNReader.flowNodeKinds[localName] {
                    self = .flowNode(kind)
                } else if let definition = BPMNReader.eventDefinitions[localName] {
                    self = .eventDefinition(definition)
                } else if BPMNReader.ignoredScopeChildren.contains(localName) {
                    self = .ignoredScopeChild
                } else {
                    switch localName {
                    case "definitions": self = .definitions
                    case "process": self = .process
                    case "extensionElements": self = .extensionElements
                    case "sequenceFlow": self = .sequenceFlow
                    case "multiInstanceLoopCharacteristics": self = .multiInstanceLoopCharacteristics
                    case "script": self = .script
                    case "message": self = .message
                    case "signal": self = .signal
                    case "timeDuration": self = .triggerExpression(.timeDuration)
                    case "timeDate": self = .triggerExpression(.timeDate)
                    case "timeCycle": self = .triggerExpression(.timeCycle)
                    case "condition": self = .triggerExpression(.condition)
                    default: self = .otherModelElement
                    }
                }
            case BPMNNamespace.zeebe?:
                switch localName {
                case "versionTag": self = .zeebeVersionTag
                case "userTask": self = .zeebeUserTask
                case "calledDecision": self = .zeebeCalledDecision
                case "script": self = .zeebeScript
                case "taskDefinition": self = .zeebeTaskDefinition
                case "calledElement": self = .zeebeCalledElement
                default: self = .other
                }
            case BPMNNamespace.camunda?:
                switch localName {
                case "connector": self = .camundaConnector
                case "taskListener": self = .camundaTaskListener
                default: self = .other
                }
            default:
                self = .other
            }
        }

        var isInModelNamespace: Bool {
            switch self {
            case .definitions, .process, .extensionElements, .sequenceFlow, .flowNode, .eventDefinition,
                 .multiInstanceLoopCharacteristics, .script, .ignoredScopeChild, .otherModelElement,
                 .message, .signal, .triggerExpression:
                true
            case .zeebeVersionTag, .zeebeUserTask, .zeebeCalledDecision, .zeebeScript, .zeebeTaskDefinition,
                 .zeebeCalledElement, .camundaConnector, .camundaTaskListener, .other:
                false
            }
        }
    }

    /// The attributes of BPMN elements that the reader reads, by what their names mean.
    private enum AttributeName: Int, CaseIterable {
        case id, name, `default`, attachedToRef, cancelActivity, isInterrupting, calledElement
        case isForCompensation, triggeredByEvent, isSequential, sourceRef, targetRef, messageRef, signalRef
        case camundaAsyncBefore, camundaAsync, camundaAsyncAfter
        case camundaType, camundaClass, camundaDelegateExpression, camundaExpression, camundaDecisionRef, camundaResource
        /// Any attribute the reader does not read.
        case other

        init(_ name: XMLName) {
            switch name.namespace {
            case nil:
                switch name.localName {
                case "id": self = .id
                case "name": self = .name
                case "default": self = .default
                case "attachedToRef": self = .attachedToRef
                case "cancelActivity": self = .cancelActivity
                case "isInterrupting": self = .isInterrupting
                case "calledElement": self = .calledElement
                case "isForCompensation": self = .isForCompensation
                case "triggeredByEvent": self = .triggeredByEvent
                case "isSequential": self = .isSequential
                case "sourceRef": self = .sourceRef
                case "targetRef": self = .targetRef
                case "messageRef": self = .messageRef
                case "signalRef": self = .signalRef
                default: self = .other
                }
            case BPMNNamespace.camunda?:
                switch name.localName {
                case "asyncBefore": self = .camundaAsyncBefore
                case "async": self = .camundaAsync
                case "asyncAfter": self = .camundaAsyncAfter
                case "type": self = .camundaType
                case "class": self = .camundaClass
                case "delegateExpression": self = .camundaDelegateExpression
                case "expression": self = .camundaExpression
                case "decisionRef": self = .camundaDecisionRef
                case "resource": self = .camundaResource
                default: self = .other
                }
            default:
                self = .other
            }
        }
    }

    // MARK: Events

    private mutating func start(_ tag: XMLStartTag) {
        let name = elementNames.meaning(of: tag.name, ElementName.init)
        // Every BPMN element's id is checked, and its other attributes are found once, here. (The
        // few of vendor extensions that matter are looked up by name where they are read.)
        var id: ElementID?
        if name.isInModelNamespace {
            attributes.locate(in: tag.attributes, names: &attributeNames)
            if let position = attributes[.id] {
                id = recordID(ids.number(ofValueAt: position, in: tag.attributes), at: tag.attributes.valueByteRange(at: position))
            }
        } else {
            attributes.removeAll()
        }
        guard let top = frames.last else {
            startRoot(tag, name)
            return
        }
        switch top {
        case .skip:
            frames.append(.skip)
        case .definitions:
            switch name {
            case .process:
                startProcess(tag, id: id)
            case .message, .signal:
                if let id { eventNames[id.value] = value(.name, of: tag) ?? id.value }
                frames.append(.skip)
            default:
                frames.append(.skip)
            }
        case .process:
            if name == .extensionElements {
                frames.append(.extensions(ofNode: nil))
            } else {
                startScopeChild(tag, name, id: id, flowScope: nil)
            }
        case .flowNode(let index, let isScope):
            startNodeChild(tag, name, id: id, node: index, isScope: isScope)
        case .extensions(let node):
            startExtension(tag, name, node: node)
            frames.append(.skip)
        case .eventDefinition(let node, _):
            if case .triggerExpression(let expression) = name {
                frames.append(.triggerText(ofNode: node, expression, start: tag.byteRange.upperBound))
            } else {
                frames.append(.skip)
            }
        case .triggerText:
            frames.append(.skip)
        }
    }

    private mutating func end(_ tag: XMLEndTag) {
        guard let frame = frames.popLast() else { return }
        switch frame {
        case .process:
            finishProcess()
        case .triggerText(let node, let expression, let start):
            let words = expression.words
            let text = Self.collapsingWhitespace(source.bytes[start ..< max(start, tag.byteRange.lowerBound)])
            elements[node].trigger = text.isEmpty ? words : "\(words) \(text)"
        case .eventDefinition(let node, let definition):
            if elements[node].trigger == nil { elements[node].trigger = definition.rawValue }
        default:
            break
        }
    }

    /// Text as written, without the white space around it and with every run of white space
    /// inside it made one space.
    static func collapsingWhitespace(_ bytes: ArraySlice<UInt8>) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        let trimmed = bytes[first ... last]
        guard trimmed.contains(where: isSpace) else { return String(decoding: trimmed, as: UTF8.self) }
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(trimmed.count)
        for byte in trimmed {
            if isSpace(byte) {
                if collapsed.last != 0x20 { collapsed.append(0x20) }
            } else {
                collapsed.append(byte)
            }
        }
        return String(decoding: collapsed, as: UTF8.self)
    }

    /// Names each message and signal trigger once the whole file is read.
    private mutating func resolveTriggerNames() {
        for pending in pendingTriggers {
            let name = eventNames[pending.reference] ?? pending.reference
            processes[pending.process].elements[pending.element].trigger = "\(pending.word) '\(name)'"
        }
        pendingTriggers = []
    }

    /// The value of the attribute `name` of `tag`, the tag being read.
    private func value(_ name: AttributeName, of tag: XMLStartTag) -> String? {
        attributes[name].map { tag.attributes.value(at: $0) }
    }

    /// The attribute `name` of `tag`, the tag being read, as a reference to check once the
    /// process is read.
    private mutating func reference(_ name: AttributeName, of tag: XMLStartTag, owner: ElementID) -> Reference? {
        guard let position = attributes[name] else { return nil }
        let range = tag.attributes.valueByteRange(at: position)
        return Reference(
            attribute: name,
            number: ids.number(ofValueAt: position, in: tag.attributes),
            valueStart: Int32(truncatingIfNeeded: range.lowerBound),
            valueEnd: Int32(truncatingIfNeeded: range.upperBound),
            owner: owner.number
        )
    }

    private mutating func startRoot(_ tag: XMLStartTag, _ name: ElementName) {
        rootLocation = location(of: tag)
        guard name == .definitions else {
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

    private mutating func startProcess(_ tag: XMLStartTag, id: ElementID?) {
        let location = nextLocation(of: tag)
        process = ProcessDefinition(
            file: source.path,
            engine: engine,
            id: id?.value ?? "",
            name: value(.name, of: tag),
            location: location,
            version: nil,
            versionLocation: location
        )
        processTag = tag
        zeebeVersion = nil
        elements = []
        elementIDs = []
        sequenceFlows = []
        flowIDs = []
        facts = []
        references = References()
        // Room for a process that fills the file, as Camunda Modeler writes about one flow node
        // and one sequence flow per 600 bytes: growing these from empty copies them a dozen times.
        let expected = min(source.bytes.count / 600, 1 << 20)
        elements.reserveCapacity(expected)
        elementIDs.reserveCapacity(expected)
        facts.reserveCapacity(expected)
        sequenceFlows.reserveCapacity(expected)
        flowIDs.reserveCapacity(expected)
        references.flowEnds.reserveCapacity(2 * expected)
        triggerReferences = []
        nodePositions.removeAll()
        flowPositions.removeAll()
        expandedPositions.removeAll()
        frames.append(.process)
    }

    /// A child of a process or sub-process: a flow node, a sequence flow, or something to skip.
    private mutating func startScopeChild(
        _ tag: XMLStartTag,
        _ name: ElementName,
        id: ElementID?,
        flowScope: String?
    ) {
        switch name {
        case .sequenceFlow:
            startSequenceFlow(tag, id: id ?? ElementID(value: "", number: ids.number(of: "")))
        case .flowNode(var kind):
            if kind == .subProcess, value(.triggeredByEvent, of: tag) == "true" {
                kind = .eventSubProcess
            }
            let id = id ?? ElementID(value: "", number: ids.number(of: ""))
            addFlowNode(tag, id: id, kind: kind, flowScope: flowScope)
            if let defaultFlow = reference(.default, of: tag, owner: id) {
                references.defaults.append(defaultFlow)
            }
            if kind == .boundaryEvent, let attached = reference(.attachedToRef, of: tag, owner: id) {
                elements[elements.count - 1].attachedTo = ids.value(of: attached.number)
                references.attachments.append(attached)
            }
            if kind == .receiveTask, let message = value(.messageRef, of: tag) {
                triggerReferences.append((elements.count - 1, "message", message))
            }
            var nodeFacts = NodeFacts()
            nodeFacts.add(camundaAttributesOf: tag, at: attributes)
            facts.append(nodeFacts)
            frames.append(.flowNode(index: facts.count - 1, isScope: kind.isSubProcess))
            return
        case .ignoredScopeChild:
            break
        default:
            diagnostics.append(unknownElement(tag, scope: flowScope))
        }
        frames.append(.skip)
    }

    private mutating func startSequenceFlow(_ tag: XMLStartTag, id: ElementID) {
        let sourceRef = reference(.sourceRef, of: tag, owner: id)
        let targetRef = reference(.targetRef, of: tag, owner: id)
        flowPositions.record(sequenceFlows.count, for: id.number)
        flowIDs.append((
            id: id.number,
            source: sourceRef?.number ?? ids.number(of: ""),
            target: targetRef?.number ?? ids.number(of: "")
        ))
        sequenceFlows.append(SequenceFlow(
            id: id.value,
            name: value(.name, of: tag),
            source: sourceRef.map { ids.value(of: $0.number) } ?? "",
            target: targetRef.map { ids.value(of: $0.number) } ?? "",
            location: nextLocation(of: tag)
        ))
        if let sourceRef { references.flowEnds.append(sourceRef) }
        if let targetRef { references.flowEnds.append(targetRef) }
    }

    /// A child of a flow node: its event definition, loop characteristics, extensions or script,
    /// or (for a sub-process) a nested flow element.
    private mutating func startNodeChild(
        _ tag: XMLStartTag,
        _ name: ElementName,
        id: ElementID?,
        node: Int,
        isScope: Bool
    ) {
        switch name {
        case .eventDefinition(let definition):
            let isFirst = elements[node].eventDefinition == nil
            if isFirst {
                elements[node].eventDefinition = definition
            }
            // Camunda 7 puts a message event's implementation on its event definition.
            if definition == .message {
                facts[node].add(camundaAttributesOf: tag, at: attributes)
            }
            switch definition {
            case .message where isFirst, .signal where isFirst:
                let reference = value(definition == .message ? .messageRef : .signalRef, of: tag)
                if let reference, !reference.isEmpty {
                    triggerReferences.append((node, definition.rawValue, reference))
                } else {
                    elements[node].trigger = definition.rawValue
                }
                frames.append(.skip)
            case .timer where isFirst, .conditional where isFirst:
                frames.append(.eventDefinition(ofNode: node, definition))
            default:
                frames.append(.skip)
            }
        case .multiInstanceLoopCharacteristics:
            elements[node].multiInstance = value(.isSequential, of: tag) == "true" ? .sequential : .parallel
            frames.append(.skip)
        case .extensionElements:
            frames.append(.extensions(ofNode: node))
        case .script:
            facts[node].hasScriptBody = true
            frames.append(.skip)
        default:
            if isScope {
                startScopeChild(tag, name, id: id, flowScope: elements[node].id)
            } else {
                frames.append(.skip)
            }
        }
    }

    /// What an `extensionElements` child says about its process or flow node.
    private mutating func startExtension(_ tag: XMLStartTag, _ name: ElementName, node: Int?) {
        guard let node else {
            if name == .zeebeVersionTag {
                zeebeVersion = tag.attribute("value")
            }
            return
        }
        switch name {
        case .zeebeUserTask: facts[node].zeebeUserTask = true
        case .zeebeCalledDecision: facts[node].zeebeCalledDecision = true
        case .zeebeScript: facts[node].zeebeScript = true
        case .zeebeTaskDefinition: facts[node].zeebeTaskDefinition = true
        case .zeebeCalledElement:
            // Camunda 7's `calledElement` attribute, read with the start tag, comes first.
            if elements[node].kind == .callActivity, elements[node].calledElement == nil {
                elements[node].calledElement = tag.attribute("processId")?.value
            }
        case .camundaConnector: facts[node].camundaConnector = true
        case .camundaTaskListener:
            if tag.attribute("event")?.value == "timeout" { elements[node].hasTimeoutListener = true }
        default: break
        }
    }

    // MARK: Flow nodes

    /// Adds the flow node of `tag` to the process's elements.
    private mutating func addFlowNode(_ tag: XMLStartTag, id: ElementID, kind: ElementKind, flowScope: String?) {
        nodePositions.record(elements.count, for: id.number)
        elementIDs.append(id.number)
        // Filled in place: a flow element holds a dozen strings and arrays, and the optimiser
        // copies one that is built in a variable and then changed.
        elements.append(FlowElement(id: id.value, name: value(.name, of: tag), kind: kind, location: nextLocation(of: tag)))
        let index = elements.count - 1
        if let flowScope { elements[index].flowScope = flowScope }
        switch kind {
        case .boundaryEvent:
            // `attachedTo` is set with the reference, as the one string all its uses share.
            elements[index].isInterrupting = value(.cancelActivity, of: tag) != "false"
        case .startEvent:
            elements[index].isInterrupting = value(.isInterrupting, of: tag) != "false"
        case .callActivity:
            elements[index].calledElement = value(.calledElement, of: tag)
        default:
            break
        }
        // Most nodes have none of these; a field is written (a uniqueness check and a store) only
        // when the attribute says so.
        if value(.isForCompensation, of: tag) == "true" { elements[index].isCompensationHandler = true }
        if value(.camundaAsyncBefore, of: tag) == "true" || value(.camundaAsync, of: tag) == "true" {
            elements[index].asyncBefore = true
        }
        if value(.camundaAsyncAfter, of: tag) == "true" { elements[index].asyncAfter = true }
    }

    /// Attributes and extension elements that decide a task's implementation: plain values, so
    /// that keeping one per flow node costs no reference counting.
    private struct NodeFacts {
        /// What `camunda:type` says, when it is written.
        enum CamundaType { case external, builtIn, other }

        var camundaType: CamundaType?
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

        mutating func add(camundaAttributesOf tag: XMLStartTag, at attributes: AttributePositions) {
            if let type = attributes[.camundaType] {
                switch tag.attributes.value(at: type) {
                case "external": camundaType = .external
                case "mail", "shell": camundaType = .builtIn
                default: camundaType = .other
                }
            }
            if attributes[.camundaClass] != nil { camundaClass = true }
            if attributes[.camundaDelegateExpression] != nil { camundaDelegateExpression = true }
            if attributes[.camundaExpression] != nil { camundaExpression = true }
            if attributes[.camundaDecisionRef] != nil { camundaDecisionRef = true }
            if attributes[.camundaResource] != nil { camundaResource = true }
        }

        /// The implementation these facts describe, Camunda 8 extensions first.
        func implementation(for kind: ElementKind, engine: Engine) -> Implementation? {
            if zeebeUserTask { return .zeebeUserTask }
            if zeebeCalledDecision { return .dmn }
            if zeebeScript { return .script }
            if zeebeTaskDefinition { return .jobWorker }
            switch camundaType {
            case .external: return .external
            case .builtIn: return .builtIn
            case .other, nil: break
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
        var hasMultiInstance = false
        for index in elements.indices {
            let kind = elements[index].kind
            if let implementation = facts[index].implementation(for: kind, engine: engine) {
                elements[index].implementation = implementation
            }
            hasMultiInstance = hasMultiInstance || elements[index].multiInstance != nil
        }
        if hasMultiInstance {
            addMultiInstanceBodies()
        }
        // Moved, not shared: the process's arrays must be their only owners to change in place.
        process.elements = elements
        process.sequenceFlows = sequenceFlows
        elements = []
        sequenceFlows = []
        // Flows connect to, and the classifier looks up, every element, bodies included;
        // references may name only flow nodes.
        let elementPositions = hasMultiInstance ? expandedPositions : nodePositions
        for trigger in triggerReferences {
            guard let position = elementPositions[elementIDs[trigger.node]] else { continue }
            pendingTriggers.append((processes.count, position, trigger.word, trigger.reference))
        }
        triggerReferences = []
        connectFlows(&process, elementPositions: elementPositions)
        checkReferences(process)
        let ids = self.ids
        let flows = flowPositions
        BPMNClassifier.classify(
            &process,
            elementPosition: { id in ids.existingNumber(of: id).flatMap { elementPositions[$0] } },
            flowPosition: { id in ids.existingNumber(of: id).flatMap { flows[$0] } }
        )
        processes.append(process)
        self.process = nil
        self.processTag = nil
    }

    /// Puts each multi-instance activity's body (Camunda's artificial scope) just before it, and
    /// records where every element, body or not, now stands.
    private mutating func addMultiInstanceBodies() {
        var expanded: [FlowElement] = []
        expanded.reserveCapacity(elements.count + 4)
        for (index, var element) in elements.enumerated() {
            if let mode = element.multiInstance {
                var body = FlowElement(
                    id: FlowElement.multiInstanceBodyID(of: element.id),
                    name: element.name,
                    kind: .multiInstanceBody,
                    location: element.location
                )
                body.flowScope = element.flowScope
                body.multiInstance = mode
                expandedPositions.record(expanded.count, for: ids.number(of: body.id))
                expanded.append(body)
                element.flowScope = body.id
            }
            expandedPositions.record(expanded.count, for: elementIDs[index])
            expanded.append(element)
        }
        elements = expanded
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
    ///
    /// (Slices of two arrays shared by all elements would spare two allocations per element, but
    /// a slice takes 32 bytes where an array takes 8, and a long history keeps a million elements.)
    private func connectFlows(_ process: inout ProcessDefinition, elementPositions: FirstPositions) {
        for (flow, ends) in flowIDs.enumerated() {
            let id = process.sequenceFlows[flow].id
            if let source = elementPositions[ends.source] {
                process.elements[source].outgoing.append(id)
            }
            if let target = elementPositions[ends.target] {
                process.elements[target].incoming.append(id)
            }
        }
    }

    // MARK: Checks

    /// An attribute naming another element or flow, checked once every element is known: plain
    /// numbers, as a large model has tens of thousands; the strings a message needs are made
    /// only for a reference that dangles.
    private struct Reference {
        /// The attribute, by what it names.
        let attribute: AttributeName
        /// The value's number in ``IDTable``.
        let number: Int
        /// Where the value stands.
        let valueStart: Int32
        let valueEnd: Int32
        /// The number of the id of the flow or flow node that has the attribute.
        let owner: Int
    }

    /// Reference attributes met while reading, checked once every element is known.
    private struct References {
        var flowEnds: [Reference] = []
        var attachments: [Reference] = []
        var defaults: [Reference] = []
    }

    private mutating func checkReferences(_ process: ProcessDefinition) {
        // The candidates for a suggestion, only needed when a reference dangles.
        func nodeIDs() -> [String] {
            process.elements.filter { $0.kind != .multiInstanceBody }.map(\.id)
        }
        for reference in references.flowEnds where nodePositions[reference.number] == nil {
            diagnostics.append(dangling(reference, of: "sequence flow ", among: nodeIDs()))
        }
        for reference in references.attachments where nodePositions[reference.number] == nil {
            diagnostics.append(dangling(reference, of: "boundary event ", among: nodeIDs()))
        }
        for reference in references.defaults where flowPositions[reference.number] == nil {
            diagnostics.append(dangling(reference, of: "", among: process.sequenceFlows.map(\.id)))
        }
    }

    /// `owner` is what the owner is, followed by a space (or nothing).
    private func dangling(_ reference: Reference, of owner: String, among candidates: [String]) -> Diagnostic {
        let value = ids.value(of: reference.number)
        let what = switch reference.attribute {
        case .default: "default flow"
        case .attachedToRef: "attachedToRef"
        case .sourceRef: "sourceRef"
        default: "targetRef"
        }
        let suggestion = Suggestions.closest(to: value, among: candidates)
        return Diagnostic(
            .danglingReference,
            "\(what) '\(value)' of \(owner)'\(ids.value(of: reference.owner))' names no element of this process",
            at: source.location(of: Int(reference.valueStart) ..< Int(reference.valueEnd)),
            help: suggestion.map { "did you mean '\($0)'?" }
        )
    }

    /// Ids are unique across the whole document (BPMN elements only: diagram interchange and
    /// vendor extensions have ids of their own kind).
    private mutating func recordID(_ number: Int, at valueRange: Range<Int>) -> ElementID {
        let id = ids.value(of: number)
        if let earlier = ids.define(number, at: valueRange) {
            diagnostics.append(Diagnostic(
                .duplicateElementID,
                "duplicate id '\(id)'",
                at: source.location(of: valueRange),
                notes: [Note("first used here", at: source.location(of: earlier))],
                help: "give one of the two elements another id"
            ))
        }
        return ElementID(value: id, number: number)
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

    /// ``location(of:)`` for the tags whose places are kept, which come in file order.
    private mutating func nextLocation(of tag: XMLStartTag) -> SourceLocation {
        positions.location(from: tag.byteRange.lowerBound, to: tag.byteRange.upperBound)
    }
}

// MARK: - Bookkeeping

extension BPMNReader {
    /// What each name of one parse means, worked out the first time the name comes by.
    private struct NameTable<Meaning> {
        /// By ``FerrySyntax/XMLName/parseIndex``; `nil` where not worked out yet.
        private var meanings: [Meaning?] = []

        mutating func meaning(of name: XMLName, _ resolve: (XMLName) -> Meaning) -> Meaning {
            meaning(parseIndex: name.parseIndex, of: name, resolve)
        }

        /// The meaning of the name with `parseIndex`; `name` gives the name itself, asked for only
        /// the first time.
        mutating func meaning(
            parseIndex: Int?,
            of name: @autoclosure () -> XMLName,
            _ resolve: (XMLName) -> Meaning
        ) -> Meaning {
            guard let index = parseIndex else { return resolve(name()) }
            if index < meanings.count, let meaning = meanings[index] {
                return meaning
            }
            if index >= meanings.count {
                meanings.append(contentsOf: repeatElement(nil, count: index + 1 - meanings.count))
            }
            let meaning = resolve(name())
            meanings[index] = meaning
            return meaning
        }
    }

    /// Where the attributes the reader reads stand in one BPMN start tag, found in one pass over
    /// the tag's attribute names; a value is read only when asked for.
    private struct AttributePositions {
        /// For each ``AttributeName`` (by raw value), the last tag it was found in, counted by
        /// `tag`, and its position there: nothing needs clearing between tags.
        private var found = [(tag: Int, position: Int)](repeating: (-1, 0), count: AttributeName.allCases.count)
        private var tag = 0

        /// Finds the attributes of `list`.
        mutating func locate(in list: XMLAttributeList, names: inout NameTable<AttributeName>) {
            tag += 1
            for position in list.indices {
                let name = names.meaning(
                    parseIndex: list.nameParseIndex(at: position),
                    of: list.name(at: position),
                    AttributeName.init
                )
                found[name.rawValue] = (tag, position)
            }
        }

        /// None: for a tag outside the BPMN namespace, whose attributes are not read.
        mutating func removeAll() {
            tag += 1
        }

        subscript(_ name: AttributeName) -> Int? {
            let entry = found[name.rawValue]
            return entry.tag == tag && name != .other ? entry.position : nil
        }
    }

    /// The ids of the document and the values of its reference attributes, each string numbered
    /// the first time it comes by.
    ///
    /// A large model has tens of thousands of ids and references, and hashing a string costs
    /// more than everything else done with it: numbered once, duplicates, references and flows
    /// are checked and connected by number. The model keeps the first string of each number
    /// wherever that id is written (an element's id, the flows and boundary events naming it), so
    /// each id is stored once however often it is referenced.
    private struct IDTable {
        /// The numbers, by the values' bytes: a value already numbered is found without making
        /// a string of it.
        private var numbers: XMLValueTable
        /// By number: where the value of the first BPMN element with that id stands, or
        /// ``undefined`` while only references have named it (32-bit offsets: libxml2 reads at
        /// most `Int32.max` bytes).
        private var definitions: [(start: Int32, end: Int32)] = []
        private static let undefined: (start: Int32, end: Int32) = (-1, -1)

        init(expectedCount: Int) {
            numbers = XMLValueTable(expectedCount: expectedCount)
            definitions.reserveCapacity(expectedCount)
        }

        /// The number of `id`, numbering it if it is new.
        mutating func number(of id: String) -> Int {
            numbered(numbers.number(of: id))
        }

        /// The number of the value of the attribute at `position`, numbering it if it is new.
        mutating func number(ofValueAt position: Int, in attributes: XMLAttributeList) -> Int {
            numbered(numbers.number(ofValueAt: position, in: attributes))
        }

        private mutating func numbered(_ number: Int) -> Int {
            if number == definitions.count {
                definitions.append(Self.undefined)
            }
            return number
        }

        /// The string numbered `number`, first of its equals.
        func value(of number: Int) -> String {
            numbers.value(of: number)
        }

        func existingNumber(of id: String) -> Int? {
            numbers.existingNumber(of: id)
        }

        /// Records an element with the id `number` whose value stands at `valueRange`, and returns
        /// where the first element with that id has it when this one is not the first.
        mutating func define(_ number: Int, at valueRange: Range<Int>) -> Range<Int>? {
            let earlier = definitions[number]
            if earlier.start >= 0 {
                return Int(earlier.start) ..< Int(earlier.end)
            }
            definitions[number] = (Int32(truncatingIfNeeded: valueRange.lowerBound), Int32(truncatingIfNeeded: valueRange.upperBound))
            return nil
        }
    }

    /// The first position with each id number in one process's elements or flows.
    private struct FirstPositions {
        /// By id number: the round of recording (see `round`) the position is from, and the
        /// position; entries from earlier rounds are forgotten without being cleared. 32 bits
        /// each, half the memory a large model's ids would take otherwise (libxml2 reads at most
        /// `Int32.max` bytes, so positions and rounds stay below 2³¹).
        private var entries: [(round: Int32, position: Int32)] = []
        private var round: Int32 = 0

        subscript(_ number: Int) -> Int? {
            guard number < entries.count, entries[number].round == round else { return nil }
            return Int(entries[number].position)
        }

        /// Records `position` for `number` unless an earlier one is recorded.
        mutating func record(_ position: Int, for number: Int) {
            if number >= entries.count {
                let count = max(number + 1, 2 * entries.count)
                entries.append(contentsOf: repeatElement((round: -1, position: 0), count: count - entries.count))
            }
            if entries[number].round != round {
                entries[number] = (round, Int32(truncatingIfNeeded: position))
            }
        }

        mutating func removeAll() {
            round += 1
        }
    }

    /// An element's id and its number in ``IDTable``.
    private struct ElementID {
        let value: String
        let number: Int
    }
}
