public import FerryDiagnostics

/// The engine a definition is written for, inferred from its namespaces (DESIGN.md §2.2).
public enum Engine: String, Sendable, Hashable, CaseIterable, Comparable {
    case camunda7
    case camunda8
    case joget

    public static func < (lhs: Engine, rhs: Engine) -> Bool { lhs.rawValue < rhs.rawValue }

    /// How a person names the engine in a message.
    public var displayName: String {
        switch self {
        case .camunda7: "Camunda 7"
        case .camunda8: "Camunda 8"
        case .joget: "Joget"
        }
    }
}

/// A `MAJOR.MINOR.PATCH` version read from a definition, digits only, ordered numerically per
/// component (1.10.0 > 1.9.0).
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `MAJOR.MINOR.PATCH` with ASCII digits only; `nil` for anything else
    /// (`1.2`, `v1.2.3`, `1.2.3-rc1`, ` 1.2.3`).
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 9, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let number = Int(part) else { return nil }
            numbers.append(number)
        }
        self.init(major: numbers[0], minor: numbers[1], patch: numbers[2])
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    /// `MAJOR.MINOR`, the series a mapping file names.
    public var minorSeries: String { "\(major).\(minor)" }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

/// What kind of flow element something is: the BPMN element's local name, `eventSubProcess` for a
/// sub-process triggered by an event, the XPDL activity types, or `multiInstanceBody`
/// (DESIGN.md §2.4).
public enum ElementKind: String, Sendable, Hashable, CaseIterable {
    // BPMN tasks
    case task, userTask, manualTask, serviceTask, sendTask, receiveTask, scriptTask, businessRuleTask
    // BPMN sub-processes and calls
    case subProcess, eventSubProcess, transaction, adHocSubProcess, callActivity
    // BPMN gateways
    case exclusiveGateway, parallelGateway, inclusiveGateway, eventBasedGateway, complexGateway
    // BPMN events
    case startEvent, endEvent, intermediateCatchEvent, intermediateThrowEvent, boundaryEvent
    // The artificial scope of a multi-instance activity
    case multiInstanceBody
    // XPDL (Joget) activity types
    case normal, tool, route, subflow

    public var isActivity: Bool {
        switch self {
        case .task, .userTask, .manualTask, .serviceTask, .sendTask, .receiveTask, .scriptTask,
             .businessRuleTask, .subProcess, .eventSubProcess, .transaction, .adHocSubProcess,
             .callActivity, .normal, .tool, .subflow:
            true
        default:
            false
        }
    }

    public var isSubProcess: Bool {
        switch self {
        case .subProcess, .eventSubProcess, .transaction, .adHocSubProcess: true
        default: false
        }
    }

    public var isGateway: Bool {
        switch self {
        case .exclusiveGateway, .parallelGateway, .inclusiveGateway, .eventBasedGateway, .complexGateway, .route: true
        default: false
        }
    }

    public var isEvent: Bool {
        switch self {
        case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent: true
        default: false
        }
    }
}

/// The event definition of an event element.
public enum EventDefinition: String, Sendable, Hashable, CaseIterable {
    case message, timer, signal, conditional, error, escalation, compensation, link, cancel, terminate
}

/// How a task is carried out, as far as the engines distinguish it.
public enum Implementation: String, Sendable, Hashable, CaseIterable {
    /// Camunda 7 external task (`camunda:type="external"`).
    case external
    /// Camunda 7 Java delegate (`camunda:class`).
    case javaClass = "class"
    /// Camunda 7 `camunda:expression`.
    case expression
    /// Camunda 7 `camunda:delegateExpression`.
    case delegateExpression
    /// Camunda 7 connector (`camunda:connector`).
    case connector
    /// A DMN decision (`camunda:decisionRef`, `zeebe:calledDecision`).
    case dmn
    /// An inline script (`scriptTask` with a script body or `zeebe:script`).
    case script
    /// Camunda 8 job worker (`zeebe:taskDefinition`), also a job-worker user task.
    case jobWorker
    /// Camunda 8 Zeebe user task (`zeebe:userTask`).
    case zeebeUserTask
    /// Camunda 7 `camunda:type="mail"` or `"shell"` and similar built-ins.
    case builtIn
}

/// How a multi-instance activity runs its instances.
public enum MultiInstanceMode: String, Sendable, Hashable {
    case parallel
    case sequential
}

/// One flow element of a process as Ferry understood it.
///
/// A value like any other, kept in one shared, copy-on-write box: analysis copies elements by
/// the thousand (into indexes by id, into instructions), and copying the box retains one object
/// where copying its fields would retain a dozen strings and arrays.
public struct FlowElement: Sendable, Hashable {
    private var storage: Storage

    public init(id: String, name: String? = nil, kind: ElementKind, location: SourceLocation) {
        storage = Storage(id: id, name: name, kind: kind, location: location)
    }

    /// The id Camunda gives the artificial multi-instance body of an activity.
    public static func multiInstanceBodyID(of id: String) -> String {
        id + "#multiInstanceBody"
    }

    public static func == (lhs: FlowElement, rhs: FlowElement) -> Bool {
        lhs.storage.buffer === rhs.storage.buffer || lhs.storage.fields.pointee == rhs.storage.fields.pointee
    }

    public func hash(into hasher: inout Hasher) {
        storage.fields.pointee.hash(into: &hasher)
    }

    /// The fields, in a box of their own: copied first unless this element is its only owner.
    private var uniqueFields: UnsafeMutablePointer<Fields> {
        mutating get {
            if !isKnownUniquelyReferenced(&storage.buffer) {
                storage = Storage(storage.fields.pointee)
            }
            return storage.fields
        }
    }

    /// The box: a managed buffer whose one tail element holds the fields. They are reached
    /// through the element's address, which costs no run-time exclusivity check (a class's stored
    /// property, or a managed buffer's header property, would cost one on every access).
    /// Sendable because the fields are changed only through ``uniqueFields``, so no other element
    /// sees a change.
    private struct Storage: @unchecked Sendable {
        var buffer: FieldsBox

        init(_ fields: Fields) {
            buffer = FieldsBox.make()
            buffer.withUnsafeMutablePointerToElements { $0.initialize(to: fields) }
        }

        /// A new element's box: the fields start as ``Fields/blank``, whose strings need no
        /// reference counting, and the four given are stored into them. (Making the fields as
        /// one value and storing that copies every field and then destroys the original: twenty
        /// reference-counting calls per element, for a front end that makes thousands.)
        init(id: String, name: String?, kind: ElementKind, location: SourceLocation) {
            buffer = FieldsBox.make()
            buffer.withUnsafeMutablePointerToElements { fields in
                fields.initialize(to: Fields.blank)
                fields.pointee.id = id
                if let name { fields.pointee.name = name }
                fields.pointee.kind = kind
                fields.pointee.location = location
            }
        }

        /// Valid as long as `buffer` is: the element holding this storage keeps it alive for
        /// the duration of any access.
        var fields: UnsafeMutablePointer<Fields> {
            buffer.withUnsafeMutablePointerToElements { $0 }
        }
    }

    /// A managed buffer with room for one `Fields`, which whoever makes it initialises at once
    /// and which goes with the buffer.
    private final class FieldsBox: ManagedBuffer<Void, Fields> {
        static func make() -> FieldsBox {
            unsafeDowncast(create(minimumCapacity: 1) { _ in }, to: FieldsBox.self)
        }

        deinit {
            _ = withUnsafeMutablePointerToElements { $0.deinitialize(count: 1) }
        }
    }

    /// The stored properties, words first and bytes last so that no padding falls between them.
    private struct Fields: Hashable {
        var id: String
        var name: String?
        var attachedTo: String?
        var flowScope: String?
        var eventScope: String?
        var calledElement: String?
        var camunda7Behavior: String?
        var camunda8Type: String?
        var trigger: String?
        var location: SourceLocation
        var incoming: [String] = []
        var outgoing: [String] = []
        var kind: ElementKind
        var eventDefinition: EventDefinition?
        var implementation: Implementation?
        var isInterrupting: Bool?
        var multiInstance: MultiInstanceMode?
        var asyncBefore = false
        var asyncAfter = false
        var hasPersistentTrigger = false
        var isCompensationHandler = false
        var isWaitState = false
        var hasTimeoutListener = false

        init(id: String, name: String?, kind: ElementKind, location: SourceLocation) {
            self.id = id
            self.name = name
            self.kind = kind
            self.location = location
        }

        /// Fields with nothing but string literals and `nil` in them.
        static let blank = Fields(id: "", name: nil, kind: .task, location: SourceLocation(wholeFile: ""))
    }

    public var id: String {
        get { storage.fields.pointee.id }
        _modify { yield &uniqueFields.pointee.id }
    }

    public var name: String? {
        get { storage.fields.pointee.name }
        _modify { yield &uniqueFields.pointee.name }
    }

    public var kind: ElementKind {
        get { storage.fields.pointee.kind }
        _modify { yield &uniqueFields.pointee.kind }
    }

    /// Where the element's start tag is (for a multi-instance body: the inner activity's).
    public var location: SourceLocation {
        get { storage.fields.pointee.location }
        _modify { yield &uniqueFields.pointee.location }
    }

    public var eventDefinition: EventDefinition? {
        get { storage.fields.pointee.eventDefinition }
        _modify { yield &uniqueFields.pointee.eventDefinition }
    }

    public var implementation: Implementation? {
        get { storage.fields.pointee.implementation }
        _modify { yield &uniqueFields.pointee.implementation }
    }

    /// `false` for a non-interrupting boundary event or event-sub-process start.
    public var isInterrupting: Bool? {
        get { storage.fields.pointee.isInterrupting }
        _modify { yield &uniqueFields.pointee.isInterrupting }
    }

    /// The activity a boundary event is attached to (`attachedToRef`, as written).
    public var attachedTo: String? {
        get { storage.fields.pointee.attachedTo }
        _modify { yield &uniqueFields.pointee.attachedTo }
    }

    /// Set on the inner activity of a multi-instance activity.
    public var multiInstance: MultiInstanceMode? {
        get { storage.fields.pointee.multiInstance }
        _modify { yield &uniqueFields.pointee.multiInstance }
    }

    public var asyncBefore: Bool {
        get { storage.fields.pointee.asyncBefore }
        _modify { yield &uniqueFields.pointee.asyncBefore }
    }

    public var asyncAfter: Bool {
        get { storage.fields.pointee.asyncAfter }
        _modify { yield &uniqueFields.pointee.asyncAfter }
    }

    /// The enclosing sub-process or multi-instance body; `nil` at process level.
    public var flowScope: String? {
        get { storage.fields.pointee.flowScope }
        _modify { yield &uniqueFields.pointee.flowScope }
    }

    /// Camunda 7's event scope (reference §2.5); `nil` when the element has none.
    public var eventScope: String? {
        get { storage.fields.pointee.eventScope }
        _modify { yield &uniqueFields.pointee.eventScope }
    }

    /// The ids of the sequence flows into the element, in document order.
    public var incoming: [String] {
        get { storage.fields.pointee.incoming }
        _modify { yield &uniqueFields.pointee.incoming }
    }

    /// The ids of the sequence flows out of the element, in document order.
    public var outgoing: [String] {
        get { storage.fields.pointee.outgoing }
        _modify { yield &uniqueFields.pointee.outgoing }
    }

    /// A boundary or event-sub-process start event whose trigger persists (a subscription or job).
    public var hasPersistentTrigger: Bool {
        get { storage.fields.pointee.hasPersistentTrigger }
        _modify { yield &uniqueFields.pointee.hasPersistentTrigger }
    }

    /// What the element waits for, as written in the definition, for comparing two versions:
    /// `timer duration PT5M`, `message 'orderPaid'`, `signal 'recall'`, `condition ${late}`.
    /// Set on catch events, boundary and start events, and receive tasks with a message; `nil`
    /// when the element has no trigger.
    public var trigger: String? {
        get { storage.fields.pointee.trigger }
        _modify { yield &uniqueFields.pointee.trigger }
    }

    /// A user task with a Camunda 7 timeout task listener (`camunda:taskListener event="timeout"`),
    /// whose timer is a persistent trigger of the task.
    public var hasTimeoutListener: Bool {
        get { storage.fields.pointee.hasTimeoutListener }
        _modify { yield &uniqueFields.pointee.hasTimeoutListener }
    }

    /// `isForCompensation="true"`.
    public var isCompensationHandler: Bool {
        get { storage.fields.pointee.isCompensationHandler }
        _modify { yield &uniqueFields.pointee.isCompensationHandler }
    }

    /// The called process of a call activity or XPDL sub-flow, as written.
    public var calledElement: String? {
        get { storage.fields.pointee.calledElement }
        _modify { yield &uniqueFields.pointee.calledElement }
    }

    /// Camunda 7's behaviour class name (reference §2.5); `nil` for other engines.
    public var camunda7Behavior: String? {
        get { storage.fields.pointee.camunda7Behavior }
        _modify { yield &uniqueFields.pointee.camunda7Behavior }
    }

    /// Camunda 8's element type (`SERVICE_TASK`, …); `nil` for other engines.
    public var camunda8Type: String? {
        get { storage.fields.pointee.camunda8Type }
        _modify { yield &uniqueFields.pointee.camunda8Type }
    }

    /// Whether an instance can rest here persistently on this definition's engine.
    public var isWaitState: Bool {
        get { storage.fields.pointee.isWaitState }
        _modify { yield &uniqueFields.pointee.isWaitState }
    }
}

/// A sequence flow (BPMN) or transition (XPDL).
public struct SequenceFlow: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var source: String
    public var target: String
    public var location: SourceLocation

    public init(id: String, name: String? = nil, source: String, target: String, location: SourceLocation) {
        self.id = id
        self.name = name
        self.source = source
        self.target = target
        self.location = location
    }
}

/// A workflow variable declared by the definition (XPDL `DataField`).
public struct DataField: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var type: String?
    public var location: SourceLocation

    public init(id: String, name: String? = nil, type: String? = nil, location: SourceLocation) {
        self.id = id
        self.name = name
        self.type = type
        self.location = location
    }
}

/// One process of one definition file: the front ends' output and every later stage's input.
public struct ProcessDefinition: Sendable, Hashable {
    public var file: String
    public var engine: Engine
    public var id: String
    public var name: String?
    /// Where the process element is.
    public var location: SourceLocation
    /// `nil` when the version is missing or malformed (an error was reported).
    public var version: SemanticVersion?
    /// Where the version is written, or where it should be (the process element).
    public var versionLocation: SourceLocation
    /// Flow elements in document order; a multi-instance body comes right before its activity.
    public var elements: [FlowElement]
    public var sequenceFlows: [SequenceFlow]
    /// XPDL data fields (workflow variables); empty for BPMN.
    public var dataFields: [DataField] = []
    /// XPDL participants (swimlanes); empty for BPMN.
    public var participants: [String] = []
    /// XPDL `Package@Id`; `nil` for BPMN.
    public var packageID: String?

    public init(
        file: String,
        engine: Engine,
        id: String,
        name: String?,
        location: SourceLocation,
        version: SemanticVersion?,
        versionLocation: SourceLocation,
        elements: [FlowElement] = [],
        sequenceFlows: [SequenceFlow] = []
    ) {
        self.file = file
        self.engine = engine
        self.id = id
        self.name = name
        self.location = location
        self.version = version
        self.versionLocation = versionLocation
        self.elements = elements
        self.sequenceFlows = sequenceFlows
    }

    /// The element with `id`, if any.
    public func element(_ id: String) -> FlowElement? {
        elements.first { $0.id == id }
    }
}

/// What a front end read from one definition file.
public struct DefinitionFile: Sendable {
    public var path: String
    public var processes: [ProcessDefinition]
    public var diagnostics: [Diagnostic]

    public init(path: String, processes: [ProcessDefinition], diagnostics: [Diagnostic]) {
        self.path = path
        self.processes = processes
        self.diagnostics = diagnostics
    }
}
