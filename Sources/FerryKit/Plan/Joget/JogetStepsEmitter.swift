/// `ferry plan --emit joget`: the Joget JSON-API steps of every instance of an inventory.
///
/// ```json
/// {"engine": "joget", "ferry": 1, "inputs": [{"path", "sha256"}],
///  "instances": [{"id", "moves": [{"activity", "targets", "via"}], "processDefId", "recordId",
///                 "skipped": [{"activity", "reason", "via"}], "source",
///                 "steps": [{"call", "check", "method", "parameters": {name: text}, "path"}],
///                 "target"}],
///  "packageVersion", "process", "target"}
/// ```
///
/// An `activity/start` path holds `{processId}`: the `processId` that the instance's
/// `process/start` answered. Deterministic like the plan JSON: sorted keys, instances in the
/// inventory's order, paths relative to the plan directory.
public struct JogetStepsEmitter: Sendable {
    public init() {}

    public func emit(_ migration: JogetMigration, inputs: [InputFingerprint], planDirectory: String) -> [UInt8] {
        let paths = RelativePaths(directory: planDirectory)
        var json = JSONWriter()
        json.beginObject()
        json.writeHead(engine: Engine.joget.rawValue, inputs: inputs, paths: paths)
        json.key("instances")
        json.beginArray()
        for instance in migration.instances {
            writeInstance(instance, paths, &json)
        }
        json.endArray()
        json.key("packageVersion")
        json.string(migration.packageVersion)
        json.key("process")
        json.string(migration.process)
        json.key("target")
        json.string(migration.target.description)
        json.endObject()
        json.finish()
        return json.drain()
    }

    private func writeInstance(_ instance: InstanceMigration, _ paths: RelativePaths, _ json: inout JSONWriter) {
        json.beginObject()
        json.key("id")
        json.string(instance.id)
        json.key("moves")
        json.beginArray()
        for move in instance.moves {
            json.beginObject()
            json.key("activity")
            json.string(move.activity)
            json.key("targets")
            json.strings(move.targets)
            json.key("via")
            writeVia(move.via, paths, &json)
            json.endObject()
        }
        json.endArray()
        json.key("processDefId")
        json.string(instance.processDefID)
        json.key("recordId")
        json.string(instance.recordID)
        json.key("skipped")
        json.beginArray()
        for skip in instance.skipped {
            json.beginObject()
            json.key("activity")
            json.string(skip.activity)
            json.key("reason")
            json.string(skip.reason)
            json.key("via")
            writeVia(skip.via, paths, &json)
            json.endObject()
        }
        json.endArray()
        json.key("source")
        json.string(instance.source.description)
        json.key("steps")
        json.beginArray()
        for step in JogetStep.steps(of: instance) {
            json.beginObject()
            json.key("call")
            json.string(step.call.rawValue)
            json.key("check")
            json.string(step.call.check)
            json.key("method")
            json.string("POST")
            json.key("parameters")
            json.beginObject()
            for parameter in step.parameters {
                json.key(parameter.name)
                json.string(parameter.value)
            }
            json.endObject()
            json.key("path")
            json.string(step.path(processID: "{processId}"))
            json.endObject()
        }
        json.endArray()
        json.key("target")
        json.string(instance.target.description)
        json.endObject()
    }

    private func writeVia(_ via: Provenance, _ paths: RelativePaths, _ json: inout JSONWriter) {
        json.beginArray()
        for step in via { PlanJSONEmitter.writeStep(step, paths, &json) }
        json.endArray()
    }
}

/// One call of Joget's JSON API in a migration (reference peers.md §3.1).
struct JogetStep: Sendable, Hashable {
    enum Call: String, Sendable {
        case processStart = "process/start"
        case activityStart = "activity/start"

        /// What tells success: Joget answers both with HTTP 200 when it did nothing.
        var check: String {
            switch self {
            case .processStart: "processId is not empty"
            case .activityStart: "result is true"
            }
        }
    }

    struct Parameter: Sendable, Hashable {
        var name: String
        var value: String
    }

    var call: Call
    /// `process/start`: the process definition id; `activity/start`: the activity definition id.
    var subject: String
    /// Form parameters, by name.
    var parameters: [Parameter]

    /// The path under the server's base URL, each id percent-encoded for a path segment;
    /// `activity/start` on the instance `processID`, given as is.
    func path(processID: String) -> String {
        switch call {
        case .processStart:
            "/jw/web/json/workflow/process/start/" + Self.pathSegment(subject)
        case .activityStart:
            "/jw/web/json/monitoring/activity/start/" + processID + "/" + Self.pathSegment(subject)
        }
    }

    /// The calls that migrate one instance: none when every activity it waits in is skipped.
    static func steps(of instance: InstanceMigration) -> [JogetStep] {
        guard instance.isStarted else { return [] }
        var start: [Parameter] = []
        if let record = instance.recordID { start.append(Parameter(name: "recordId", value: record)) }
        for variable in instance.variables { start.append(Parameter(name: "var_" + variable.name, value: variable.value)) }
        var steps = [JogetStep(call: .processStart, subject: instance.processDefID, parameters: start)]
        for (index, activity) in instance.activityStarts.enumerated() {
            steps.append(JogetStep(
                call: .activityStart,
                subject: activity,
                parameters: [Parameter(name: "abortCurrent", value: index == 0 ? "true" : "false")]
            ))
        }
        return steps
    }

    /// RFC 3986's unreserved characters and `:` (which Joget's process definition ids use in
    /// place of `#`) stay; every other byte of the UTF-8 is `%XX`.
    static func pathSegment(_ text: String) -> String {
        percentEncoded(text, keeping: UInt8(ascii: ":"))
    }

    /// `text` with every byte but RFC 3986's unreserved characters (and `kept`) as `%XX`.
    static func percentEncoded(_ text: String, keeping kept: UInt8? = nil) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                if byte == kept {
                    bytes.append(byte)
                } else {
                    bytes += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
