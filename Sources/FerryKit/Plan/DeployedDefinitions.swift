import Foundation
import FerryDiagnostics

/// One process definition deployed on an engine, as the engine lists it.
public struct DeployedDefinition: Sendable, Hashable {
    /// Camunda 7's definition id (`invoice:3:1c7e…`) or Camunda 8's process definition key.
    public var id: String
    /// The process id (Camunda 7 `key`, Camunda 8 `processDefinitionId`).
    public var process: String
    /// The engine's own version counter: higher is newer.
    public var version: Int
    public var versionTag: String?
    public var tenantID: String?

    public init(id: String, process: String, version: Int, versionTag: String?, tenantID: String? = nil) {
        self.id = id
        self.process = process
        self.version = version
        self.versionTag = versionTag
        self.tenantID = tenantID
    }
}

/// `--deployed FILE`: the engine's own list of deployed definitions, which turns version tags
/// into the ids and keys migrations are made between (reference camunda.md §4: a tag is not
/// unique, and engines migrate between definitions, not tags).
///
/// Camunda 7: the response of `GET /process-definition?key=<process>` (an array of
/// `{id, key, version, versionTag, tenantId, …}`). Camunda 8: the response of
/// `POST /v2/process-definitions/search` (`{"items": [{processDefinitionKey, processDefinitionId,
/// version, versionTag, tenantId, …}]}`, keys as strings or numbers), or its `items` array.
public struct DeployedDefinitions: Sendable {
    public var path: String
    public var definitions: [DeployedDefinition]

    public init(path: String, definitions: [DeployedDefinition]) {
        self.path = path
        self.definitions = definitions
    }

    /// Reads the engine's response; anything else is FE005 at the file.
    public static func read(_ bytes: [UInt8], path: String, engine: Engine) -> Result<DeployedDefinitions, DiagnosticError> {
        let expected = engine == .camunda8
            ? "the response of Camunda 8's POST /v2/process-definitions/search"
            : "the response of Camunda 7's GET /process-definition?key=…"
        func invalid(_ why: String) -> Result<DeployedDefinitions, DiagnosticError> {
            .failure(DiagnosticError(Diagnostic(
                .deployedFileInvalid, "'\(path)' is not a list of deployed process definitions: \(why)",
                at: SourceLocation(wholeFile: path),
                help: "pass \(expected), saved as it comes"
            )))
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return invalid("it is not JSON") }
        let entries: [Any]
        if let array = json as? [Any] {
            entries = array
        } else if let object = json as? [String: Any], let items = object["items"] as? [Any] {
            entries = items
        } else {
            return invalid(engine == .camunda8 ? "it has no 'items' array" : "it is not an array")
        }
        var definitions: [DeployedDefinition] = []
        for (index, entry) in entries.enumerated() {
            guard let object = entry as? [String: Any] else { return invalid("entry \(index + 1) is not an object") }
            let idKey = engine == .camunda8 ? "processDefinitionKey" : "id"
            let processKey = engine == .camunda8 ? "processDefinitionId" : "key"
            guard let id = text(object[idKey]), let process = text(object[processKey]) else {
                return invalid("entry \(index + 1) has no '\(idKey)' or '\(processKey)'")
            }
            guard let version = (object["version"] as? NSNumber)?.intValue else {
                return invalid("entry \(index + 1) has no numeric 'version'")
            }
            definitions.append(DeployedDefinition(
                id: id, process: process, version: version,
                versionTag: object["versionTag"] as? String, tenantID: object["tenantId"] as? String
            ))
        }
        return .success(DeployedDefinitions(path: path, definitions: definitions))
    }

    /// A string, or a number written as its digits (Camunda 8 keys are 64-bit integers).
    private static func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    /// The deployments of `process` tagged `tag`, oldest first.
    public func deployments(of process: String, tag: String) -> [DeployedDefinition] {
        definitions.filter { $0.process == process && $0.versionTag == tag }.sorted { ($0.version, $0.id) < ($1.version, $1.id) }
    }
}
