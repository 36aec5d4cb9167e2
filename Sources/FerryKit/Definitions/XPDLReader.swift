import FerryDiagnostics
import FerrySyntax

/// The XML namespaces of the XPDL packages Ferry reads: XPDL 1.0, which Joget's process builder
/// and JaWE write, and the XPDL 2.x namespaces that later JaWE versions (Together Workflow
/// Editor) write.
enum XPDLNamespace {
    static let xpdl10 = "http://www.wfmc.org/2002/XPDL1.0"
    static let xpdl20alpha = "http://www.wfmc.org/2004/XPDL2.0alpha"
    static let xpdl21 = "http://www.wfmc.org/2008/XPDL2.1"
    static let all: Set<String> = [xpdl10, xpdl20alpha, xpdl21]
}

/// Reads an XPDL `Package` (Joget) into process models, one per `WorkflowProcess`.
///
/// Activities become `normal`, `tool`, `route` or `subflow` elements, transitions sequence
/// flows. The start and end markers Joget draws are layout attributes
/// (`JaWE_GRAPH_START_OF_WORKFLOW`, `JaWE_GRAPH_END_OF_WORKFLOW`), not activities: the reader
/// never looks into `ExtendedAttributes`. Every problem is reported with its location and
/// reading goes on.
struct XPDLReader: Sendable {
    init() {}

    func read(_ root: XMLElement, source: SourceFile) -> DefinitionFile {
        guard root.name.localName == "Package", let namespace = root.name.namespace,
              XPDLNamespace.all.contains(namespace) else {
            let found = root.name.namespace.map { "'\(root.name.localName)' in namespace '\($0)'" }
                ?? "'\(root.name.localName)' without a namespace"
            return DefinitionFile(path: source.path, processes: [], diagnostics: [Diagnostic(
                .notADefinition,
                "not an XPDL package: the root element is \(found)",
                at: root.startTagLocation,
                help: "an XPDL file has a <Package> root in the namespace \(XPDLNamespace.xpdl10), as Joget's process builder exports it"
            )])
        }
        var reader = XPDLPackageReader(package: root, namespace: namespace)
        let processes = reader.readProcesses()
        return DefinitionFile(path: source.path, processes: processes, diagnostics: reader.diagnostics)
    }
}

/// One read of one package: the diagnostics so far and the package-level facts every process
/// shares (participants, data fields, the fallback version).
private struct XPDLPackageReader {
    let package: XMLElement
    let namespace: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Set once the package's own version has been read for a process, so that a malformed
    /// package version shared by several processes is reported once.
    private var packageVersionReported = false

    init(package: XMLElement, namespace: String) {
        self.package = package
        self.namespace = namespace
    }

    /// What `Activity` may hold besides its type (XPDL 1.0 and 2.x); read without a warning.
    static let activityChildren: Set<String> = [
        "Description", "Limit", "Performer", "Performers", "StartMode", "FinishMode", "Priority",
        "Deadline", "SimulationInformation", "Icon", "Documentation", "TransitionRestrictions",
        "ExtendedAttributes", "Transaction", "DataFields", "InputSets", "OutputSets", "IORules", "Loop",
        "Assignments", "Object", "NodeGraphicsInfos", "Extensions",
    ]
    /// The elements that say what an activity is.
    static let activityTypes = ["Route", "Implementation", "BlockActivity", "Event"]
    /// What `Implementation` may hold: `No`, `Tool` and `SubFlow` in XPDL 1.0, `Task` in 2.x.
    static let implementations = ["No", "Tool", "SubFlow", "Task"]

    // MARK: Package

    mutating func readProcesses() -> [ProcessDefinition] {
        let processElements = package.firstChild("WorkflowProcesses", in: namespace)?
            .children("WorkflowProcess", in: namespace) ?? []
        guard !processElements.isEmpty else {
            diagnostics.append(Diagnostic(
                .noProcess,
                "XPDL package '\(package.attribute("Id")?.value ?? "")' has no process",
                at: package.startTagLocation,
                help: "an XPDL package holds its processes in <WorkflowProcesses><WorkflowProcess Id=\"…\">; export the process from Joget's process builder again"
            ))
            return []
        }
        let packageParticipants = participants(in: package)
        let packageDataFields = dataFields(in: package)
        var firstProcessID: [String: XMLAttribute] = [:]
        var processes: [ProcessDefinition] = []
        for element in processElements {
            if let id = element.attribute("Id") {
                if let first = firstProcessID[id.value] {
                    diagnostics.append(duplicate("process", id, first: first))
                    continue
                }
                firstProcessID[id.value] = id
            }
            var process = readProcess(element)
            process.participants = Self.unique(packageParticipants + participants(in: element))
            process.dataFields = Self.merge(packageDataFields, hiddenBy: dataFields(in: element))
            processes.append(process)
        }
        return processes
    }

    private func participants(in container: XMLElement) -> [String] {
        (container.firstChild("Participants", in: namespace)?.children("Participant", in: namespace) ?? [])
            .compactMap { $0.attribute("Id")?.value }
    }

    /// The workflow variables declared in a package or process: its data fields, and (for a
    /// process) its formal parameters, which Shark keeps in the process context beside the data
    /// fields, so that Joget's `var_<id>` sets either.
    private func dataFields(in container: XMLElement) -> [DataField] {
        let fields = container.firstChild("DataFields", in: namespace)?.children("DataField", in: namespace) ?? []
        let parameters = container.firstChild("FormalParameters", in: namespace)?
            .children("FormalParameter", in: namespace) ?? []
        return (fields + parameters).map { field in
            DataField(
                id: field.attribute("Id")?.value ?? "",
                name: field.attribute("Name")?.value,
                type: field.firstChild("DataType", in: namespace).flatMap(dataType),
                location: field.startTagLocation
            )
        }
    }

    /// `STRING` for `<BasicType Type="STRING"/>`, the type's id for a `DeclaredType`, otherwise
    /// the name of the type element (`SchemaType`, `EnumerationType`, …).
    private func dataType(_ dataType: XMLElement) -> String? {
        guard let type = dataType.children.first(where: { $0.name.namespace == namespace }) else { return nil }
        switch type.name.localName {
        case "BasicType": return type.attribute("Type")?.value
        case "DeclaredType": return type.attribute("Id")?.value
        default: return type.name.localName
        }
    }

    /// Package-level fields first; a process-level field with the same id hides the package's,
    /// as XPDL scopes them.
    private static func merge(_ packageFields: [DataField], hiddenBy processFields: [DataField]) -> [DataField] {
        var result = packageFields
        for field in processFields {
            if let index = result.firstIndex(where: { $0.id == field.id }) {
                result[index] = field
            } else {
                result.append(field)
            }
        }
        return result
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }

    // MARK: Versions

    /// The version of a process: its own `RedefinableHeader/Version`, else the package's.
    private mutating func version(of process: XMLElement, id: String) -> (SemanticVersion?, SourceLocation) {
        if let element = versionElement(in: process) {
            return parseVersion(element, of: "process '\(id)'", report: true)
        }
        if let element = versionElement(in: package) {
            let report = !packageVersionReported
            packageVersionReported = true
            return parseVersion(element, of: "package '\(package.attribute("Id")?.value ?? "")'", report: report)
        }
        let prefix = process.name.prefix.map { $0 + ":" } ?? ""
        diagnostics.append(Diagnostic(
            .missingVersion,
            "process '\(id)' has no version",
            at: process.startTagLocation,
            help: """
                add <\(prefix)RedefinableHeader><\(prefix)Version>1.0.0</\(prefix)Version></\(prefix)RedefinableHeader> \
                inside <\(prefix)WorkflowProcess Id="\(id)">, right after its <\(prefix)ProcessHeader> \
                (Joget's process builder does not write a version; add it to the exported XPDL)
                """
        ))
        return (nil, process.startTagLocation)
    }

    private func versionElement(in container: XMLElement) -> XMLElement? {
        container.firstChild("RedefinableHeader", in: namespace)?.firstChild("Version", in: namespace)
    }

    private mutating func parseVersion(_ element: XMLElement, of owner: String, report: Bool) -> (SemanticVersion?, SourceLocation) {
        let (text, location) = element.trimmedContent
        guard let version = SemanticVersion(parsing: text) else {
            if report {
                diagnostics.append(Diagnostic(
                    .malformedVersion,
                    "version '\(text)' of \(owner) is not MAJOR.MINOR.PATCH",
                    at: location,
                    help: "write three numbers, digits only, such as 1.3.0"
                ))
            }
            return (nil, location)
        }
        return (version, location)
    }

    // MARK: Processes

    private mutating func readProcess(_ element: XMLElement) -> ProcessDefinition {
        let id = element.attribute("Id")?.value ?? ""
        let (version, versionLocation) = version(of: element, id: id)
        var process = ProcessDefinition(
            file: element.sourceMap.source.path,
            engine: .joget,
            id: id,
            name: element.attribute("Name")?.value,
            location: element.startTagLocation,
            version: version,
            versionLocation: versionLocation
        )
        process.packageID = package.attribute("Id")?.value
        var walk = ProcessWalk(processID: id, activitySets: activitySets(of: element))
        readContainer(element, flowScope: nil, into: &process, walk: &walk)
        Self.connectFlows(&process)
        checkReferences(process, walk.references)
        return process
    }

    private func activitySets(of process: XMLElement) -> [String: XMLElement] {
        var sets: [String: XMLElement] = [:]
        for set in process.firstChild("ActivitySets", in: namespace)?.children("ActivitySet", in: namespace) ?? [] {
            if let id = set.attribute("Id")?.value, sets[id] == nil { sets[id] = set }
        }
        return sets
    }

    /// Reads the activities and transitions of a process or of an activity set.
    ///
    /// XPDL 1.0 has no embedded sub-processes; its nearest thing is a `BlockActivity` that runs
    /// an `ActivitySet` of the same process. The set's activities are read right after the block,
    /// with the block activity as their flow scope, so that they sit in the tree where the engine
    /// runs them. A set that no block references never runs and is not read; a set referenced by
    /// several blocks is read under the first.
    private mutating func readContainer(
        _ container: XMLElement,
        flowScope: String?,
        into process: inout ProcessDefinition,
        walk: inout ProcessWalk
    ) {
        if let activities = container.firstChild("Activities", in: namespace) {
            for child in xpdlChildren(of: activities, in: "the activities of process '\(walk.processID)'") {
                guard child.name.localName == "Activity" else {
                    diagnostics.append(unknownElement(
                        child,
                        in: "the activities of process '\(walk.processID)'",
                        suggestingFrom: ["Activity"],
                        otherwise: "<Activities> holds only <Activity> elements"
                    ))
                    continue
                }
                guard let (element, activitySet) = readActivity(child, flowScope: flowScope, walk: &walk) else { continue }
                process.elements.append(element)
                guard let activitySet else { continue }
                if let set = walk.activitySets[activitySet.value] {
                    if walk.visitedSets.insert(activitySet.value).inserted {
                        readContainer(set, flowScope: element.id, into: &process, walk: &walk)
                    }
                } else {
                    diagnostics.append(dangling(
                        activitySet,
                        of: "block activity '\(element.id)'",
                        what: "activity set",
                        among: walk.activitySets.keys.sorted(),
                        kind: "ActivitySet"
                    ))
                }
            }
        }
        if let transitions = container.firstChild("Transitions", in: namespace) {
            for child in xpdlChildren(of: transitions, in: "the transitions of process '\(walk.processID)'") {
                guard child.name.localName == "Transition" else {
                    diagnostics.append(unknownElement(
                        child,
                        in: "the transitions of process '\(walk.processID)'",
                        suggestingFrom: ["Transition"],
                        otherwise: "<Transitions> holds only <Transition> elements"
                    ))
                    continue
                }
                if let flow = readTransition(child, walk: &walk) {
                    process.sequenceFlows.append(flow)
                }
            }
        }
    }

    /// The activity as a flow element, and the activity set it runs when it is a block
    /// activity; `nil` for a duplicate, which is reported and left out.
    private mutating func readActivity(
        _ activity: XMLElement,
        flowScope: String?,
        walk: inout ProcessWalk
    ) -> (FlowElement, activitySet: XMLAttribute?)? {
        let idAttribute = activity.attribute("Id")
        let id = idAttribute?.value ?? ""
        if let idAttribute {
            if let first = walk.activityIDs[id] {
                diagnostics.append(duplicate("activity", idAttribute, first: first))
                return nil
            }
            walk.activityIDs[id] = idAttribute
        }
        var type: ActivityType?
        for child in xpdlChildren(of: activity, in: "activity '\(id)'") {
            let localName = child.name.localName
            switch localName {
            case "Route":
                type = type ?? ActivityType(kind: .route, isWaitState: false)
            case "Implementation":
                let implemented = implementationType(child, activityID: id)
                type = type ?? implemented
            case "BlockActivity":
                // No `block` kind exists in the model; a block waits for the activities of its set
                // the way a sub-flow waits for its child process, so it is read as one.
                type = type ?? ActivityType(
                    kind: .subflow,
                    isWaitState: true,
                    activitySet: child.attribute("BlockId") ?? child.attribute("ActivitySetId")
                )
            case "Event":
                type = type ?? eventType(child)
            default:
                if !Self.activityChildren.contains(localName) {
                    diagnostics.append(unknownElement(
                        child,
                        in: "activity '\(id)'",
                        suggestingFrom: Self.activityTypes + Self.activityChildren.sorted(),
                        otherwise: "Joget keeps its own settings in <ExtendedAttributes>"
                    ))
                }
            }
        }
        var element = FlowElement(
            id: id,
            name: activity.attribute("Name")?.value,
            kind: type?.kind ?? .route,
            location: activity.startTagLocation
        )
        element.flowScope = flowScope
        element.calledElement = type?.calledElement
        element.isWaitState = type?.isWaitState ?? false
        if type == nil {
            diagnostics.append(Diagnostic(
                .unknownElement,
                "activity '\(id)' has no Route, Implementation or BlockActivity; it is read as a route",
                at: activity.startTagLocation,
                help: "a manual activity has <Implementation><No/></Implementation>, a tool <Implementation><Tool Id=\"default_application\"/></Implementation>, a route <Route/>"
            ))
        }
        return (element, type?.activitySet)
    }

    /// What an `Implementation` makes of its activity. Several `Tool`s are one tool activity.
    private mutating func implementationType(_ implementation: XMLElement, activityID: String) -> ActivityType {
        var type: ActivityType?
        for child in xpdlChildren(of: implementation, in: "the implementation of activity '\(activityID)'") {
            let found: ActivityType?
            switch child.name.localName {
            case "No":
                found = ActivityType(kind: .normal, isWaitState: true)
            case "Tool":
                found = ActivityType(kind: .tool, isWaitState: false)
            case "SubFlow":
                // A synchronous sub-flow waits for its child process; an asynchronous one starts it
                // and completes at once, so nothing rests on it.
                found = ActivityType(
                    kind: .subflow,
                    isWaitState: child.attribute("Execution")?.value != "ASYNCHR",
                    calledElement: child.attribute("Id")?.value
                )
            case "Task":
                found = Self.taskType(child, namespace: namespace)
            default:
                diagnostics.append(unknownElement(
                    child,
                    in: "the implementation of activity '\(activityID)'",
                    suggestingFrom: Self.implementations,
                    otherwise: "an implementation is <No/>, <Tool Id=\"…\"/> or <SubFlow Id=\"…\"/>; until then the activity is read as normal, a wait state"
                ))
                found = nil
            }
            type = type ?? found
        }
        // XPDL's `No` means "carried out by a person". Reading an empty or unknown implementation
        // as `No` is the cautious choice: coverage then asks what happens to instances that may
        // be resting there.
        return type ?? ActivityType(kind: .normal, isWaitState: true)
    }

    /// XPDL 2.x `Task`: a user or manual task (or an abstract one) is held by a person, like
    /// XPDL 1.0's `No`; the others run automatically, like a tool.
    private static func taskType(_ task: XMLElement, namespace: String) -> ActivityType {
        let automatic: Set<String> = [
            "TaskApplication", "TaskService", "TaskScript", "TaskSend", "TaskReference", "TaskBusinessRule",
        ]
        let child = task.children.first { $0.name.namespace == namespace }
        if let child, automatic.contains(child.name.localName) {
            return ActivityType(kind: .tool, isWaitState: false)
        }
        return ActivityType(kind: .normal, isWaitState: true)
    }

    /// XPDL 2.x `Event` activities, which JaWE 2.x writes for start and end events; an
    /// intermediate event is read as a catch event, which waits for its trigger.
    private func eventType(_ event: XMLElement) -> ActivityType {
        let child = event.children.first { $0.name.namespace == namespace }
        switch child?.name.localName {
        case "StartEvent": return ActivityType(kind: .startEvent, isWaitState: false)
        case "EndEvent": return ActivityType(kind: .endEvent, isWaitState: false)
        default: return ActivityType(kind: .intermediateCatchEvent, isWaitState: true)
        }
    }

    private mutating func readTransition(_ transition: XMLElement, walk: inout ProcessWalk) -> SequenceFlow? {
        let idAttribute = transition.attribute("Id")
        let id = idAttribute?.value ?? ""
        if let idAttribute {
            if let first = walk.transitionIDs[id] {
                diagnostics.append(duplicate("transition", idAttribute, first: first))
                return nil
            }
            walk.transitionIDs[id] = idAttribute
        }
        for name in ["From", "To"] {
            if let reference = transition.attribute(name) {
                walk.references.append((reference, "transition '\(id)'"))
            } else {
                diagnostics.append(Diagnostic(
                    .danglingReference,
                    "transition '\(id)' has no \(name) attribute",
                    at: transition.startTagLocation,
                    help: "a transition names its activities: <Transition Id=\"…\" From=\"…\" To=\"…\">"
                ))
            }
        }
        return SequenceFlow(
            id: id,
            name: transition.attribute("Name")?.value,
            source: transition.attribute("From")?.value ?? "",
            target: transition.attribute("To")?.value ?? "",
            location: transition.startTagLocation
        )
    }

    // MARK: References

    /// Fills every element's incoming and outgoing transitions.
    private static func connectFlows(_ process: inout ProcessDefinition) {
        var index: [String: Int] = [:]
        for (position, element) in process.elements.enumerated() where index[element.id] == nil {
            index[element.id] = position
        }
        for flow in process.sequenceFlows {
            if let source = index[flow.source] { process.elements[source].outgoing.append(flow.id) }
            if let target = index[flow.target] { process.elements[target].incoming.append(flow.id) }
        }
    }

    /// Transitions may name activities read later (those of an activity set), so their `From`
    /// and `To` are checked once the whole process is read.
    private mutating func checkReferences(_ process: ProcessDefinition, _ references: [(XMLAttribute, String)]) {
        let activityIDs = process.elements.map(\.id)
        let known = Set(activityIDs)
        for (attribute, owner) in references where !known.contains(attribute.value) {
            diagnostics.append(dangling(attribute, of: owner, what: attribute.name.localName, among: activityIDs, kind: "activity"))
        }
    }

    // MARK: Diagnostics

    /// The XPDL children of an element. Elements in another namespace are vendor extensions,
    /// which XPDL 2.x allows, and are skipped; an element in no namespace is a missing prefix or
    /// default namespace, never valid XPDL, and is reported.
    private mutating func xpdlChildren(of element: XMLElement, in place: String) -> [XMLElement] {
        for child in element.children where child.name.namespace == nil {
            diagnostics.append(Diagnostic(
                .unknownElement,
                "element '\(child.name.localName)' in \(place) is in no namespace; it is ignored",
                at: child.startTagLocation,
                help: "XPDL elements are in the namespace \(namespace); write the prefix the file declares for it"
            ))
        }
        return element.children.filter { $0.name.namespace == namespace }
    }

    /// `what` is `activity`, `transition` or `process`.
    private func duplicate(_ what: String, _ id: XMLAttribute, first: XMLAttribute) -> Diagnostic {
        let plural = ["activity": "activities", "process": "processes"][what] ?? what + "s"
        return Diagnostic(
            .duplicateElementID,
            "duplicate \(what) id '\(id.value)'",
            at: id.valueLocation,
            notes: [Note("first used here", at: first.valueLocation)],
            help: "give one of the two \(plural) another id"
        )
    }

    private func dangling(_ attribute: XMLAttribute, of owner: String, what: String, among candidates: [String], kind: String) -> Diagnostic {
        let suggestion = Suggestions.closest(to: attribute.value, among: candidates)
        return Diagnostic(
            .danglingReference,
            "\(what) '\(attribute.value)' of \(owner) names no \(kind) of this process",
            at: attribute.valueLocation,
            help: suggestion.map { "did you mean '\($0)'?" }
        )
    }

    private func unknownElement(
        _ element: XMLElement,
        in place: String,
        suggestingFrom candidates: [String],
        otherwise hint: String
    ) -> Diagnostic {
        let suggestion = Suggestions.closest(to: element.name.localName, among: candidates)
        let prefix = element.name.prefix.map { $0 + ":" } ?? ""
        return Diagnostic(
            .unknownElement,
            "unknown element '\(element.name.qualifiedName)' in \(place); it is ignored",
            at: element.startTagLocation,
            help: suggestion.map { "did you mean '\(prefix)\($0)'?" } ?? hint
        )
    }
}

/// What the type elements of an activity make of it.
private struct ActivityType {
    var kind: ElementKind
    var isWaitState: Bool
    var calledElement: String?
    /// The `BlockId` (XPDL 1.0) or `ActivitySetId` (2.x) of a block activity.
    var activitySet: XMLAttribute?

    init(kind: ElementKind, isWaitState: Bool, calledElement: String? = nil, activitySet: XMLAttribute? = nil) {
        self.kind = kind
        self.isWaitState = isWaitState
        self.calledElement = calledElement
        self.activitySet = activitySet
    }
}

/// The state of reading one process: ids seen so far and references to check at the end.
private struct ProcessWalk {
    let processID: String
    let activitySets: [String: XMLElement]
    var visitedSets: Set<String> = []
    /// The `Id` attribute of the first activity (across the process and its activity sets, as
    /// XPDL keys them) and of the first transition with each id.
    var activityIDs: [String: XMLAttribute] = [:]
    var transitionIDs: [String: XMLAttribute] = [:]
    /// `From` and `To` attributes, with the transition they belong to.
    var references: [(XMLAttribute, String)] = []

    init(processID: String, activitySets: [String: XMLElement]) {
        self.processID = processID
        self.activitySets = activitySets
    }
}

extension XMLElement {
    /// The element's character content without surrounding whitespace, and where it stands: what
    /// a finding about a value written as element text (`<Version>1.0</Version>`) points at. An
    /// element with no content points at its start tag.
    fileprivate var trimmedContent: (text: String, location: SourceLocation) {
        let bytes = sourceMap.source.bytes
        var start = startTagByteRange.upperBound
        var end = byteRange.upperBound
        // `byteRange` ends after the end tag; the content ends where the end tag begins.
        if end > start {
            var index = end - 2
            while index >= start {
                if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/") {
                    end = index
                    break
                }
                index -= 1
            }
        }
        while start < end, Self.isXMLSpace(bytes[start]) { start += 1 }
        while end > start, Self.isXMLSpace(bytes[end - 1]) { end -= 1 }
        let scalars = text.unicodeScalars
        let trimmed = scalars
            .drop { $0.isASCII && Self.isXMLSpace(UInt8($0.value)) }
            .reversed()
            .drop { $0.isASCII && Self.isXMLSpace(UInt8($0.value)) }
            .reversed()
        var value = String.UnicodeScalarView()
        value.append(contentsOf: trimmed)
        let location = start < end ? sourceMap.location(start, end) : startTagLocation
        return (String(value), location)
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
