/// The catalogue of stable diagnostic codes.
///
/// A code never changes meaning once released; tests, JSON output, SARIF rules and
/// `ferry explain` all key on it. Families (STYLE.md §4):
/// `FI` input files, `FY` YAML syntax, `FX` XML syntax, `FP` plan directories,
/// `FM` mapping language, `FD` definitions, `FV` versions and chain, `FR` engine rules,
/// `FC` composition, `FE` emit.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Comparable {
    // Input files
    case unreadableFile = "FI001"
    case fileTooLarge = "FI002"

    // YAML syntax
    case yamlSyntax = "FY001"
    case yamlMultipleDocuments = "FY002"
    case yamlNonScalarKey = "FY003"
    case yamlDuplicateKey = "FY004"
    case yamlAnchorOrAlias = "FY005"
    case yamlTooDeep = "FY006"
    case yamlInvalidUTF8 = "FY007"
    case yamlForbiddenCharacter = "FY008"
    case yamlTabIndentation = "FY009"
    case yamlEmptyFile = "FY010"
    case yamlUnsupportedEncoding = "FY011"

    // XML syntax
    case xmlNotWellFormed = "FX001"
    case xmlDoctypeForbidden = "FX002"
    case xmlTooDeep = "FX003"
    case xmlUnsupportedEncoding = "FX004"

    // Plan directories
    case ignoredFile = "FP001"

    // Mapping language
    case mappingUnknownKey = "FM001"
    case mappingWrongShape = "FM002"
    case mappingMissingKey = "FM003"
    case mappingUnsupportedGrammar = "FM004"
    case mappingMalformedVersion = "FM005"
    case mappingVersionNotForward = "FM006"
    case mappingAcrossMajors = "FM007"
    case mappingEmptyTargets = "FM008"
    case mappingSkipWithoutReason = "FM009"
    case mappingMapAndSkip = "FM010"
    case mappingInvalidBoolean = "FM011"
    case mappingTriggerOnSkip = "FM012"
    case mappingUnknownVariableType = "FM013"
    case mappingVariableWithoutValue = "FM014"
    case mappingFileNameMismatch = "FM015"
    case mappingEmptyValue = "FM016"
    case mappingDuplicateTarget = "FM017"
    case mappingVariableTypeMismatch = "FM018"
    case mappingTodo = "FM019"

    // Process definitions
    case notADefinition = "FD001"
    case noProcess = "FD002"
    case duplicateElementID = "FD003"
    case danglingReference = "FD004"
    case missingVersion = "FD005"
    case malformedVersion = "FD006"
    case unknownElement = "FD007"

    // Versions and the chain of hops
    case duplicateVersion = "FV001"
    case duplicateDefinitionFile = "FV002"
    case mixedEngines = "FV003"
    case missingMapping = "FV004"
    case forkedMappings = "FV005"
    case orphanMapping = "FV006"
    case unknownMappingProcess = "FV007"
    case majorBoundary = "FV008"
    case nonConsecutiveMapping = "FV009"

    // Engine rules and hop validation
    case unknownSourceElement = "FR001"
    case unknownTargetElement = "FR002"
    case uncoveredWaitState = "FR003"
    case incompatibleElementTypes = "FR004"
    case splitNotSupported = "FR005"
    case targetCannotHoldInstances = "FR006"
    case eventTypeChanged = "FR007"
    case multiInstanceBodyAdded = "FR008"
    case multiInstanceInnerActivityNotTargeted = "FR009"
    case multiInstanceInnerActivityLeftBehind = "FR010"
    case gatewayLosesIncomingFlows = "FR011"
    case gatewayScopeNotMigrated = "FR012"
    case gatewaysMerged = "FR013"
    case eventScopeNotPreserved = "FR014"
    case noPersistentTriggerToUpdate = "FR015"
    case scopeHierarchyNotPreserved = "FR016"
    case conditionalEventWithoutTriggerUpdate = "FR017"
    case unsupportedActiveElement = "FR018"
    case unsupportedCatchEventType = "FR019"
    case catchEventBehindEventGateway = "FR020"
    case flowScopeChanged = "FR021"
    case catchEventDetached = "FR022"
    case catchEventsMerged = "FR023"
    case loopCharacteristicsChanged = "FR024"
    case joinFlowNotConnected = "FR025"
    case mappingWithoutEffect = "FR026"
    case catchEventMeaningChanged = "FR027"
    case triggerUpdateWithoutChange = "FR028"

    // Composition
    case composedRuleViolation = "FC001"
    case composedWaitStateUncovered = "FC002"

    // Emit
    case severalProcesses = "FE001"
    case nothingToPlan = "FE002"
    case targetNotDeployed = "FE003"
    case sourceNotDeployed = "FE004"
    case deployedFileInvalid = "FE005"
    case variablesNotSupported = "FE006"
    case instancesWrongShape = "FE007"
    case instancesUnknownKey = "FE008"
    case instancesMissingKey = "FE009"
    case instanceUnknownVersion = "FE010"
    case instanceActivityNotWaiting = "FE011"
    case instanceNotMigrated = "FE012"
    case instanceListedTwice = "FE013"
    case jogetCannotExpress = "FE014"
    case jogetUndeclaredVariable = "FE015"
    case jogetStartRunsTool = "FE016"

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Looks a code up as a user types it (`fy004` works too).
    public init?(lookup text: String) {
        self.init(rawValue: text.uppercased())
    }

    /// A short noun phrase naming the problem (SARIF `shortDescription`, `ferry explain` title).
    public var title: String {
        switch self {
        case .unreadableFile: "file cannot be read"
        case .fileTooLarge: "file exceeds the size limit"
        case .yamlSyntax: "YAML syntax error"
        case .yamlMultipleDocuments: "more than one YAML document"
        case .yamlNonScalarKey: "mapping key is not a scalar"
        case .yamlDuplicateKey: "duplicate mapping key"
        case .yamlAnchorOrAlias: "YAML anchor or alias"
        case .yamlTooDeep: "YAML nesting too deep"
        case .yamlInvalidUTF8: "invalid UTF-8"
        case .yamlForbiddenCharacter: "NUL or control character in YAML"
        case .yamlTabIndentation: "tab used for indentation"
        case .yamlEmptyFile: "empty mapping file"
        case .yamlUnsupportedEncoding: "mapping file is not UTF-8"
        case .xmlNotWellFormed: "XML is not well-formed"
        case .xmlDoctypeForbidden: "DOCTYPE declaration not allowed"
        case .xmlTooDeep: "XML nesting too deep"
        case .xmlUnsupportedEncoding: "process definition is not UTF-8"
        case .ignoredFile: "file ignored in a plan directory"
        case .mappingUnknownKey: "unknown key in a mapping file"
        case .mappingWrongShape: "value has the wrong shape"
        case .mappingMissingKey: "required key missing"
        case .mappingUnsupportedGrammar: "unsupported grammar version"
        case .mappingMalformedVersion: "minor series is not MAJOR.MINOR"
        case .mappingVersionNotForward: "'to' is not after 'from'"
        case .mappingAcrossMajors: "mapping across major versions"
        case .mappingEmptyTargets: "empty target list"
        case .mappingSkipWithoutReason: "skip without a reason"
        case .mappingMapAndSkip: "entry both maps and skips"
        case .mappingInvalidBoolean: "not a YAML 1.2 boolean"
        case .mappingTriggerOnSkip: "updateEventTrigger on a skipped entry"
        case .mappingUnknownVariableType: "unknown variable type"
        case .mappingVariableWithoutValue: "variable without a value"
        case .mappingFileNameMismatch: "file name disagrees with 'from' and 'to'"
        case .mappingEmptyValue: "empty id or text"
        case .mappingDuplicateTarget: "target listed twice"
        case .mappingVariableTypeMismatch: "variable value does not fit its type"
        case .mappingTodo: "unanswered TODO in a mapping file"
        case .notADefinition: "not a BPMN or XPDL definition"
        case .noProcess: "definition has no process"
        case .duplicateElementID: "duplicate element id"
        case .danglingReference: "reference to a missing element"
        case .missingVersion: "process has no version"
        case .malformedVersion: "version is not MAJOR.MINOR.PATCH"
        case .unknownElement: "unknown element in a process"
        case .duplicateVersion: "two definitions with one version"
        case .duplicateDefinitionFile: "the same definition twice"
        case .mixedEngines: "plan directory mixes engines"
        case .missingMapping: "minor increment without a mapping file"
        case .forkedMappings: "two mapping files from one minor"
        case .orphanMapping: "mapping file names a minor with no definitions"
        case .unknownMappingProcess: "mapping file names an unknown process"
        case .majorBoundary: "major version boundary"
        case .nonConsecutiveMapping: "mapping file skips a minor"
        case .unknownSourceElement: "mapping source is not in the older definition"
        case .unknownTargetElement: "mapping target is not in the newer definition"
        case .uncoveredWaitState: "wait state neither mapped nor skipped"
        case .incompatibleElementTypes: "element mapped to an incompatible type"
        case .splitNotSupported: "one source mapped to several targets"
        case .targetCannotHoldInstances: "target cannot hold a waiting instance"
        case .eventTypeChanged: "event mapped to an event of another type"
        case .multiInstanceBodyAdded: "target inside a multi-instance body nothing migrates into"
        case .multiInstanceInnerActivityNotTargeted: "multi-instance body mapped without its inner activity"
        case .multiInstanceInnerActivityLeftBehind: "multi-instance body migrated, inner activity left behind"
        case .gatewayLosesIncomingFlows: "joining gateway has fewer incoming flows"
        case .gatewayScopeNotMigrated: "joining gateway's scope is not migrated"
        case .gatewaysMerged: "several gateways mapped to one"
        case .eventScopeNotPreserved: "event scope not migrated with the event"
        case .noPersistentTriggerToUpdate: "updateEventTrigger on an element without a persistent trigger"
        case .scopeHierarchyNotPreserved: "migration breaks the scope hierarchy"
        case .conditionalEventWithoutTriggerUpdate: "conditional event without updateEventTrigger"
        case .unsupportedActiveElement: "element type Camunda 8 cannot migrate"
        case .unsupportedCatchEventType: "catch event type Camunda 8 cannot migrate"
        case .catchEventBehindEventGateway: "catch event after an event-based gateway mapped"
        case .flowScopeChanged: "element moved to another flow scope"
        case .catchEventDetached: "catch event detached from its element"
        case .catchEventsMerged: "several catch events mapped to one"
        case .loopCharacteristicsChanged: "multi-instance changes between parallel and sequential"
        case .joinFlowNotConnected: "joining gateway loses an incoming flow"
        case .mappingWithoutEffect: "mapped element holds no state"
        case .catchEventMeaningChanged: "catch event mapped to one waiting for something else"
        case .triggerUpdateWithoutChange: "updateEventTrigger on an unchanged trigger"
        case .composedRuleViolation: "composed migration breaks an engine rule"
        case .composedWaitStateUncovered: "wait state not carried to the target"
        case .severalProcesses: "plan directory holds several processes"
        case .nothingToPlan: "no versioned definition to plan"
        case .targetNotDeployed: "target version not deployed"
        case .sourceNotDeployed: "source version not deployed"
        case .deployedFileInvalid: "not the engine's list of deployed definitions"
        case .variablesNotSupported: "engine cannot set variables during a migration"
        case .instancesWrongShape: "instance inventory value has the wrong shape"
        case .instancesUnknownKey: "unknown key in an instance inventory"
        case .instancesMissingKey: "required key missing in an instance inventory"
        case .instanceUnknownVersion: "instance on a version not in the plan directory"
        case .instanceActivityNotWaiting: "instance waits in an activity that is no wait state"
        case .instanceNotMigrated: "instance on a version the plan does not migrate"
        case .instanceListedTwice: "instance or activity listed twice"
        case .jogetCannotExpress: "migration step Joget's JSON API cannot express"
        case .jogetUndeclaredVariable: "variable is not a workflow variable of the target"
        case .jogetStartRunsTool: "process/start runs a tool before the instance is placed"
        }
    }

    /// The severity a diagnostic with this code has unless its stage says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .ignoredFile, .unknownElement, .duplicateDefinitionFile: .warning
        case .majorBoundary, .sourceNotDeployed: .note
        case .mappingFileNameMismatch: .warning
        case .jogetUndeclaredVariable, .jogetStartRunsTool: .warning
        case .mappingWithoutEffect, .catchEventMeaningChanged, .triggerUpdateWithoutChange: .warning
        default: .error
        }
    }
}
