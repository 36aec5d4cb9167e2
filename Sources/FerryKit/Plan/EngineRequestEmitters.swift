public import FerryDiagnostics

/// The requests an operator sends to the engine, as one JSON document:
///
/// ```json
/// {"engine", "ferry": 1, "inputs": [{"path", "sha256"}], "notMigratable": [{"reason", "source"}],
///  "process", "requests": [{"body", "method", "path", "skipped": [ids], "source"}], "target"}
/// ```
///
/// Each request is sent as it is: `method` to `path` on the engine's REST API with `body`.
/// `skipped` names the source elements whose instances the request does not move (the engine
/// rejects or fails the migration of an instance waiting there, so it stays where it is).
/// Deterministic like the plan JSON.
public struct EngineRequests: Sendable {
    /// What `emit` made: the document, or the findings that kept it from being made (errors), and
    /// findings to show either way (notes about versions that are not deployed).
    public struct Result: Sendable {
        public var document: [UInt8]?
        public var diagnostics: [Diagnostic]
    }

    struct Request {
        var source: SemanticVersion
        var method = "POST"
        var path: String
        var skipped: [String]
        var body: (inout JSONWriter) -> Void
    }

    static func document(_ plan: ComposedPlan, inputs: [InputFingerprint], planDirectory: String, requests: [Request]) -> [UInt8] {
        let paths = RelativePaths(directory: planDirectory)
        var json = JSONWriter()
        json.beginObject()
        json.writeHead(engine: plan.engine.rawValue, inputs: inputs, paths: paths)
        json.writeNotMigratable(plan.notMigratable)
        json.key("process")
        json.string(plan.process)
        json.key("requests")
        json.beginArray()
        for request in requests {
            json.beginObject()
            json.key("body")
            request.body(&json)
            json.key("method")
            json.string(request.method)
            json.key("path")
            json.string(request.path)
            json.key("skipped")
            json.strings(request.skipped)
            json.key("source")
            json.string(request.source.description)
            json.endObject()
        }
        json.endArray()
        json.key("target")
        json.string(plan.target.description)
        json.endObject()
        json.finish()
        return json.drain()
    }

    /// The newest deployment of each target version, or FE003 for a target that is not deployed.
    static func targets(of plan: ComposedPlan, in deployed: DeployedDefinitions, diagnostics: inout [Diagnostic]) -> [SemanticVersion: DeployedDefinition] {
        var targets: [SemanticVersion: DeployedDefinition] = [:]
        for version in Set(plan.plans.map(\.target)).sorted() {
            if let newest = deployed.deployments(of: plan.process, tag: version.description).last {
                targets[version] = newest
            } else {
                diagnostics.append(Diagnostic(
                    .targetNotDeployed,
                    "'\(deployed.path)' lists no deployment of process '\(plan.process)' with version tag \(version), the target",
                    at: SourceLocation(wholeFile: deployed.path),
                    help: "deploy \(version) first, then save the engine's list of deployed definitions again and pass it with --deployed"
                ))
            }
        }
        return targets
    }

    /// The deployments of a source version; none is a note (no instance can run on it).
    static func sources(of plan: SourcePlan, process: String, in deployed: DeployedDefinitions, diagnostics: inout [Diagnostic]) -> [DeployedDefinition] {
        let deployments = deployed.deployments(of: process, tag: plan.source.description)
        if deployments.isEmpty {
            diagnostics.append(Diagnostic(
                .sourceNotDeployed,
                "'\(deployed.path)' lists no deployment of process '\(process)' with version tag \(plan.source): no instance runs on it, so no request moves it",
                at: SourceLocation(wholeFile: deployed.path)
            ))
        }
        return deployments
    }

    static func failed(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.contains { $0.severity == .error }
    }
}

/// `ferry plan --emit camunda7`: one `POST /migration/executeAsync` body per source definition id
/// (reference camunda.md §1.2, §4). Several deployments can carry one version tag, and the engine
/// migrates only instances of the plan's source definition, so every deployment of a source
/// version gets its own body; the target is the newest deployment of the target version. One id
/// per `sourceActivityIds`/`targetActivityIds` (the REST layer reads only the first), the
/// instances selected by their definition id, variables as `{type, value}`.
public struct Camunda7Emitter: Sendable {
    public var skipCustomListeners = false
    public var skipIoMappings = false

    public init() {}

    public func emit(_ plan: ComposedPlan, deployed: DeployedDefinitions, inputs: [InputFingerprint], planDirectory: String) -> EngineRequests.Result {
        var diagnostics: [Diagnostic] = []
        let targets = EngineRequests.targets(of: plan, in: deployed, diagnostics: &diagnostics)
        var requests: [EngineRequests.Request] = []
        for sourcePlan in plan.plans {
            guard let target = targets[sourcePlan.target] else { continue }
            for source in EngineRequests.sources(of: sourcePlan, process: plan.process, in: deployed, diagnostics: &diagnostics) {
                requests.append(EngineRequests.Request(
                    source: sourcePlan.source,
                    path: "/migration/executeAsync",
                    skipped: sourcePlan.skipped.map(\.element),
                    body: { json in body(sourcePlan, source: source.id, target: target.id, &json) }
                ))
            }
        }
        guard !EngineRequests.failed(diagnostics) else { return EngineRequests.Result(document: nil, diagnostics: diagnostics) }
        return EngineRequests.Result(
            document: EngineRequests.document(plan, inputs: inputs, planDirectory: planDirectory, requests: requests),
            diagnostics: diagnostics
        )
    }

    private func body(_ plan: SourcePlan, source: String, target: String, _ json: inout JSONWriter) {
        json.beginObject()
        json.key("migrationPlan")
        json.beginObject()
        json.key("instructions")
        json.beginArray()
        for instruction in plan.instructions {
            for id in instruction.targets {
                json.beginObject(inline: true)
                json.key("sourceActivityIds")
                json.beginArray()
                json.string(instruction.source)
                json.endArray()
                json.key("targetActivityIds")
                json.beginArray()
                json.string(id)
                json.endArray()
                json.key("updateEventTrigger")
                json.bool(instruction.updateEventTrigger)
                json.endObject()
            }
        }
        json.endArray()
        json.key("sourceProcessDefinitionId")
        json.string(source)
        json.key("targetProcessDefinitionId")
        json.string(target)
        json.key("variables")
        json.beginObject()
        for variable in plan.variables {
            json.key(variable.name)
            json.beginObject(inline: true)
            json.key("type")
            json.string(variable.setting.type ?? Self.inferredType(of: variable.setting.value))
            json.key("value")
            PlanJSONEmitter.writeValue(variable.setting.value, &json)
            json.endObject()
        }
        json.endObject()
        json.endObject()
        json.key("processInstanceQuery")
        json.beginObject(inline: true)
        json.key("processDefinitionId")
        json.string(source)
        json.endObject()
        json.key("skipCustomListeners")
        json.bool(skipCustomListeners)
        json.key("skipIoMappings")
        json.bool(skipIoMappings)
        json.endObject()
    }

    /// Camunda 7's value type for a value written without one: what the engine would store for it.
    static func inferredType(of value: VariableValue) -> String {
        switch value {
        case .string: "String"
        case .integer(let number): Int32(exactly: number) == nil ? "Long" : "Integer"
        case .float: "Double"
        case .boolean: "Boolean"
        case .null: "Null"
        }
    }
}

/// `ferry plan --emit camunda8`: per source version, the migration request for one instance
/// (`POST /v2/process-instances/{processInstanceKey}/migration`) and, per deployment of the source
/// version, the batch request that migrates every active instance of it (`POST
/// /v2/process-instances/migration` filtered by its process definition key); reference
/// camunda.md §5.1. Zeebe generates nothing itself, so every element an instance can be active in
/// — each scope and multi-instance body — gets an explicit instruction, and only ids of the source
/// version appear. Zeebe has no `updateEventTrigger`: a boundary or event-sub-process start event
/// whose trigger is to be updated is left unmapped, so that Zeebe closes its subscription and opens
/// the target's. It cannot set variables during a migration (FE006).
public struct Camunda8Emitter: Sendable {
    public init() {}

    public func emit(_ plan: ComposedPlan, history: ProcessHistory, deployed: DeployedDefinitions, inputs: [InputFingerprint], planDirectory: String) -> EngineRequests.Result {
        var diagnostics: [Diagnostic] = []
        for sourcePlan in plan.plans {
            for variable in sourcePlan.variables where !diagnostics.contains(where: { $0.message.contains("'\(variable.name)'") }) {
                diagnostics.append(Diagnostic(
                    .variablesNotSupported,
                    "Camunda 8 cannot set variables during a migration; '\(variable.name)' would not be set",
                    at: SourceLocation(
                        file: variable.setting.setBy.file,
                        range: SourceRange(at: SourcePosition(line: variable.setting.setBy.line, column: variable.setting.setBy.column, offset: 0))
                    ),
                    help: "remove it from variables.set and set it after the migration (or let the process set it)"
                ))
            }
        }
        let targets = EngineRequests.targets(of: plan, in: deployed, diagnostics: &diagnostics)
        var triggers: [SemanticVersion: Set<String>] = [:]
        for definition in history.versions {
            guard let version = definition.version else { continue }
            triggers[version] = Set(definition.elements.filter(\.isEventTrigger).map(\.id))
        }
        var requests: [EngineRequests.Request] = []
        for sourcePlan in plan.plans {
            guard let target = targets[sourcePlan.target] else { continue }
            let renewed = triggers[sourcePlan.source] ?? []
            let instructions = sourcePlan.instructions.flatMap { instruction in
                instruction.updateEventTrigger && renewed.contains(instruction.source)
                    ? [] : instruction.targets.map { (instruction.source, $0) }
            }
            let skipped = sourcePlan.skipped.map(\.element)
            let deployments = EngineRequests.sources(of: sourcePlan, process: plan.process, in: deployed, diagnostics: &diagnostics)
            guard !deployments.isEmpty else { continue }
            requests.append(EngineRequests.Request(
                source: sourcePlan.source,
                path: "/v2/process-instances/{processInstanceKey}/migration",
                skipped: skipped,
                body: { json in Self.migrationPlan(instructions, target: target.id, &json) }
            ))
            for source in deployments {
                requests.append(EngineRequests.Request(
                    source: sourcePlan.source,
                    path: "/v2/process-instances/migration",
                    skipped: skipped,
                    body: { json in
                        json.beginObject()
                        json.key("filter")
                        json.beginObject(inline: true)
                        json.key("processDefinitionKey")
                        json.string(source.id)
                        json.endObject()
                        json.key("migrationPlan")
                        Self.migrationPlan(instructions, target: target.id, &json)
                        json.endObject()
                    }
                ))
            }
        }
        guard !EngineRequests.failed(diagnostics) else { return EngineRequests.Result(document: nil, diagnostics: diagnostics) }
        return EngineRequests.Result(
            document: EngineRequests.document(plan, inputs: inputs, planDirectory: planDirectory, requests: requests),
            diagnostics: diagnostics
        )
    }

    private static func migrationPlan(_ instructions: [(String, String)], target: String, _ json: inout JSONWriter) {
        json.beginObject()
        json.key("mappingInstructions")
        json.beginArray()
        for (source, targetID) in instructions {
            json.beginObject(inline: true)
            json.key("sourceElementId")
            json.string(source)
            json.key("targetElementId")
            json.string(targetID)
            json.endObject()
        }
        json.endArray()
        json.key("targetProcessDefinitionKey")
        json.string(target)
        json.endObject()
    }
}
