public import FerryDiagnostics
public import FerrySyntax

/// Reads an instance inventory (`--instances FILE`) into an ``InstanceInventory``.
///
/// The file is JSON, which is YAML, so it goes through Ferry's own YAML layer: every node keeps
/// its line and column, a duplicate key is an error with a note at the first, and a YAML
/// inventory works as well. Scalars are read as written (`120.50` stays `120.50`). Every problem
/// is a located `FE…` diagnostic and decoding goes on after each one, so one run reports all.
///
/// `grammar/joget-instances.schema.json` describes the same format; the key lists below are what
/// a test compares it with.
public struct InstanceInventoryDecoder: Sendable {
    /// The keys of the top-level object, in the order the documentation lists them.
    public static let topLevelKeys = ["instances", "$schema"]
    /// The keys of one instance, in the order the documentation lists them.
    public static let instanceKeys = ["id", "version", "activities", "variables", "recordId"]
    /// The keys every instance has.
    public static let requiredInstanceKeys = ["id", "version", "activities"]

    /// Inventories list every running instance of a process; 64 MiB holds a few hundred thousand.
    public static let limits = YAMLParser.Limits(maxBytes: 64 << 20, maxDepth: 64)

    static let fileKind = YAMLParser.FileKind(
        singular: "instance inventory",
        plural: "instance inventories",
        emptyHelp: #"an instance inventory is a JSON object: {"instances": [{"id": …, "version": …, "activities": […]}]}"#,
        sizeHelp: "split the inventory and run the migration in parts, one inventory each"
    )

    public init() {}

    /// Parses and decodes the bytes of the inventory at `path` (used only in diagnostics).
    /// `inventory` is `nil` when the file could not be read as YAML at all.
    public func decode(_ bytes: [UInt8], path: String) -> (source: SourceFile, inventory: InstanceInventory?, diagnostics: [Diagnostic]) {
        let parsed = YAMLParser(limits: Self.limits, fileKind: Self.fileKind).parse(bytes, path: path)
        let syntax = parsed.diagnostics.map(Self.explainingSurrogates)
        guard let document = parsed.document else {
            return (parsed.source, nil, syntax)
        }
        var decoding = InventoryDecoding(path: path)
        let inventory = decoding.decodeFile(document.root)
        return (parsed.source, inventory, syntax + decoding.diagnostics)
    }

    /// libyaml reads YAML 1.1, which has no UTF-16 surrogate pairs in escapes; JSON writers put
    /// characters beyond the Basic Multilingual Plane that way when told to escape non-ASCII.
    private static func explainingSurrogates(_ diagnostic: Diagnostic) -> Diagnostic {
        guard diagnostic.code == .yamlSyntax, diagnostic.message.contains("Unicode character escape") else { return diagnostic }
        var explained = diagnostic
        explained.help = #"write characters such as emoji as UTF-8 rather than as a "\uD83D\uDE00" surrogate pair (jq and most JSON writers do unless told to escape non-ASCII)"#
        return explained
    }
}

/// One decoding run: the file's path and what was found so far.
private struct InventoryDecoding {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    mutating func decodeFile(_ root: YAMLNode) -> InstanceInventory {
        var inventory = InstanceInventory(path: path, instances: [])
        guard case .mapping(let mapping) = root else {
            report(
                .instancesWrongShape,
                "expected an object with the key 'instances' at the top level, found \(MappingText.describe(root))",
                at: root.range,
                help: #"an instance inventory is {"instances": [{"id": …, "version": …, "activities": […]}, …]}"#
            )
            return inventory
        }
        for entry in mapping.entries {
            switch entry.key.value {
            case "instances":
                guard case .sequence(let list) = entry.value else {
                    reportWrongShape("a list of instances", for: "'instances'", found: entry.value, key: entry.key)
                    continue
                }
                for item in list.items {
                    if let instance = decodeInstance(item) { inventory.instances.append(instance) }
                }
            case "$schema":
                // For editors; any text.
                if case .scalar = entry.value { continue }
                reportWrongShape("the schema's path or URL", for: "'$schema'", found: entry.value, key: entry.key)
            default:
                reportUnknownKey(entry.key, among: InstanceInventoryDecoder.topLevelKeys, place: "at the top level")
            }
        }
        if mapping.entry(forKey: "instances") == nil {
            report(
                .instancesMissingKey,
                "missing required key 'instances'",
                at: SourceRange(at: mapping.range.start),
                help: #"list the running instances: "instances": [{"id": …, "version": …, "activities": […]}]"#
            )
        }
        return inventory
    }

    private mutating func decodeInstance(_ node: YAMLNode) -> RunningInstance? {
        guard case .mapping(let mapping) = node else {
            reportWrongShape("an instance object with 'id', 'version' and 'activities'", for: "an entry of 'instances'", found: node, key: nil)
            return nil
        }
        var id: Located<String>?
        var version: Located<SemanticVersion>?
        var activities: [Located<String>]?
        var variables: [InstanceVariable] = []
        var recordID: Located<String>?
        var complete = true
        for entry in mapping.entries {
            switch entry.key.value {
            case "id":
                id = readText(entry.value, key: entry.key, what: "the process instance id")
                complete = complete && id != nil
            case "version":
                version = readVersion(entry.value, key: entry.key)
                complete = complete && version != nil
            case "activities":
                activities = readActivities(entry.value, key: entry.key)
                complete = complete && activities != nil
            case "variables":
                if let read = readVariables(entry.value, key: entry.key) { variables = read } else { complete = false }
            case "recordId":
                recordID = readText(entry.value, key: entry.key, what: "the form record id")
                complete = complete && recordID != nil
            default:
                reportUnknownKey(entry.key, among: InstanceInventoryDecoder.instanceKeys, place: "in an instance")
            }
        }
        for key in InstanceInventoryDecoder.requiredInstanceKeys where mapping.entry(forKey: key) == nil {
            report(
                .instancesMissingKey,
                "missing required key '\(key)' in an instance",
                at: SourceRange(at: mapping.range.start),
                help: Self.missingKeyHelp[key]
            )
            complete = false
        }
        guard complete, let id, let version, let activities else { return nil }
        return RunningInstance(
            id: id, version: version, activities: activities, variables: variables, recordID: recordID,
            location: location(mapping.range)
        )
    }

    private static let missingKeyHelp = [
        "id": #"add the Joget process instance id, e.g. "id": "224_expense_claims_expense_claim""#,
        "version": #"add the version the instance runs on, as its definition carries it, e.g. "version": "1.0.0""#,
        "activities": #"add the activity definition ids the instance waits in, e.g. "activities": ["approve_claim"]"#,
    ]

    // MARK: Values

    /// A non-empty text; numbers and booleans count as the text they are written as.
    private mutating func readText(_ node: YAMLNode, key: YAMLScalar, what: String) -> Located<String>? {
        guard case .scalar(let scalar) = node, !scalar.isNull else {
            reportWrongShape("a text (\(what))", for: "'\(key.value)'", found: node, key: key)
            return nil
        }
        guard !scalar.value.isEmpty else {
            report(.instancesWrongShape, "'\(key.value)' is empty", at: scalar.range, help: "write \(what), or remove the key")
            return nil
        }
        guard checkNoNUL(scalar) else { return nil }
        return Located(scalar.value, at: location(scalar.range))
    }

    private mutating func readVersion(_ node: YAMLNode, key: YAMLScalar) -> Located<SemanticVersion>? {
        guard let text = readText(node, key: key, what: "the version the instance runs on") else { return nil }
        guard let version = SemanticVersion(parsing: text.value) else {
            report(
                .instancesWrongShape,
                "version '\(MappingText.abbreviated(text.value))' is not MAJOR.MINOR.PATCH",
                at: text.location.range,
                help: "write the version as the instance's definition carries it, such as 1.0.0 (not Joget's package version number)"
            )
            return nil
        }
        return Located(version, at: text.location)
    }

    private mutating func readActivities(_ node: YAMLNode, key: YAMLScalar) -> [Located<String>]? {
        guard case .sequence(let list) = node else {
            reportWrongShape("a list of activity definition ids", for: "'activities'", found: node, key: key)
            return nil
        }
        guard !list.items.isEmpty else {
            report(
                .instancesWrongShape,
                "'activities' is empty; a running instance waits in at least one activity",
                at: list.range,
                help: "list the activity definition ids of the instance's open activities"
            )
            return nil
        }
        var activities: [Located<String>] = []
        var complete = true
        for item in list.items {
            guard case .scalar(let scalar) = item, !scalar.isNull, !scalar.value.isEmpty else {
                reportWrongShape("an activity definition id", for: "an entry of 'activities'", found: item, key: nil)
                complete = false
                continue
            }
            guard checkNoNUL(scalar) else {
                complete = false
                continue
            }
            activities.append(Located(scalar.value, at: location(scalar.range)))
        }
        return complete ? activities : nil
    }

    private mutating func readVariables(_ node: YAMLNode, key: YAMLScalar) -> [InstanceVariable]? {
        guard case .mapping(let mapping) = node else {
            reportWrongShape("an object of workflow variables", for: "'variables'", found: node, key: key)
            return nil
        }
        var variables: [InstanceVariable] = []
        var complete = true
        for entry in mapping.entries {
            guard !entry.key.value.isEmpty else {
                report(.instancesWrongShape, "a variable has an empty name", at: entry.key.range, help: "write the workflow variable's id")
                complete = false
                continue
            }
            guard case .scalar(let scalar) = entry.value, !scalar.isNull else {
                reportWrongShape(
                    "a text", for: "variable '\(MappingText.abbreviated(entry.key.value))'", found: entry.value, key: entry.key,
                    help: #"Joget's workflow variables are text; write "" for an empty value"#
                )
                complete = false
                continue
            }
            guard checkNoNUL(entry.key), checkNoNUL(scalar) else {
                complete = false
                continue
            }
            variables.append(InstanceVariable(name: Located(entry.key.value, at: location(entry.key.range)), value: scalar.value))
        }
        return complete ? variables : nil
    }

    /// A `\0` escape gives a NUL character, which no form parameter and no shell word can carry.
    private mutating func checkNoNUL(_ scalar: YAMLScalar) -> Bool {
        guard scalar.value.utf8.contains(0) else { return true }
        report(.instancesWrongShape, "text with a NUL character (\\0 or \\u0000)", at: scalar.range, help: "remove the NUL character; Joget cannot receive it")
        return false
    }

    // MARK: Reporting

    private func location(_ range: SourceRange) -> SourceLocation {
        SourceLocation(file: path, range: range)
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [Note] = [], help: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location(range), notes: notes, help: help))
    }

    /// A value of the wrong kind, reported at the value (at the key when the value is nothing).
    private mutating func reportWrongShape(_ expected: String, for subject: String, found node: YAMLNode, key: YAMLScalar?, help: String? = nil) {
        var range = node.range
        if let key, case .scalar(let scalar) = node, scalar.value.isEmpty, scalar.range.start == scalar.range.end {
            range = key.range
        }
        report(.instancesWrongShape, "expected \(expected) for \(subject), found \(MappingText.describe(node))", at: range, help: help)
    }

    private mutating func reportUnknownKey(_ key: YAMLScalar, among valid: [String], place: String) {
        let help = Suggestions.closest(to: key.value, among: valid).map { "did you mean '\($0)'?" }
            ?? "valid keys here: \(valid.joined(separator: ", "))"
        report(.instancesUnknownKey, "unknown key '\(MappingText.abbreviated(key.value))' \(place)", at: key.range, help: help)
    }
}
