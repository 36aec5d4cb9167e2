public import FerryDiagnostics
public import FerrySyntax

/// Reads a mapping file's YAML tree into a ``MappingFile`` (DESIGN.md §2.3, grammar version 1).
///
/// Scalars are read by position: versions, ids and texts exactly as written (`from: 1.10` is
/// the series 1.10, an id `no` is the text "no"); only `ferry:`, `updateEventTrigger` and
/// variable values are typed, by the YAML 1.2 core schema. Every problem is a located `FM…`
/// diagnostic at the offending key or value, and decoding goes on after each one, so a single
/// run reports everything.
///
/// `grammar/mapping.schema.json` describes the same grammar for editors; the static lists below
/// are what a test compares it with, and what the decoder itself uses.
public struct MappingDecoder: Sendable {
    /// The grammar versions `ferry:` may name.
    public static let grammarVersions = [1]
    /// The keys of the document's top-level mapping, in the order the documentation lists them.
    public static let topLevelKeys = ["ferry", "process", "from", "to", "description", "activities", "variables"]
    /// The top-level keys every mapping file has.
    public static let requiredKeys = ["ferry", "process", "from", "to"]
    /// The keys of an `activities` entry's long form.
    public static let entryKeys = ["to", "updateEventTrigger", "skip"]
    /// The keys of `variables`.
    public static let variablesKeys = ["set"]
    /// The keys of a variable's long form `{ value, type }`; `value` is required.
    public static let variableKeys = ["value", "type"]
    /// The Camunda 7 type names a variable's long form may give.
    public static let variableTypes = MappingVariableType.allCases.map(\.rawValue)

    public init() {}

    /// Decodes a parsed document. The file holds what could be read; everything else has been
    /// reported.
    public func decode(_ document: YAMLDocument) -> (file: MappingFile, diagnostics: [Diagnostic]) {
        var decoding = MappingDecoding(path: document.source.path)
        let file = decoding.decodeFile(document.root)
        return (file, decoding.diagnostics)
    }

    /// Parses the bytes of the mapping file at `path` (used only in diagnostics) and decodes the
    /// document. `file` is `nil` when the YAML could not be read at all; `diagnostics` holds the
    /// syntax layer's findings followed by the decoder's.
    public func decode(
        _ bytes: [UInt8],
        path: String,
        limits: YAMLParser.Limits = .mappingFiles
    ) -> (source: SourceFile, file: MappingFile?, diagnostics: [Diagnostic]) {
        let parsed = YAMLParser(limits: limits).parse(bytes, path: path)
        guard let document = parsed.document else {
            return (parsed.source, nil, parsed.diagnostics)
        }
        let decoded = decode(document)
        return (parsed.source, decoded.file, parsed.diagnostics + decoded.diagnostics)
    }
}

/// The state of one decoding run: the file's path and the diagnostics found so far.
struct MappingDecoding {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    // MARK: The document

    mutating func decodeFile(_ root: YAMLNode) -> MappingFile {
        var file = MappingFile(path: path, location: location(root.range))
        guard case .mapping(let mapping) = root else {
            report(
                .mappingWrongShape,
                "expected a mapping with the keys 'ferry', 'process', 'from' and 'to' at the top level, found \(MappingText.describe(root))",
                at: root.range,
                help: "a mapping file starts with `ferry: 1`, `process: <id>`, `from: <MAJOR.MINOR>` and `to: <MAJOR.MINOR>`, one per line"
            )
            return file
        }
        for entry in mapping.entries {
            switch entry.key.value {
            case "ferry":
                file.grammarVersion = decodeGrammarVersion(entry)
            case "process":
                file.process = readText(
                    entry.value, key: entry.key, expected: "a process id", subject: "'process'",
                    empty: "'process' is empty",
                    emptyHelp: "write the process id both definitions share (the bpmn:process or WorkflowProcess id)"
                )
            case "from", "to":
                let version = decodeVersion(entry)
                if entry.key.value == "from" { file.from = version } else { file.to = version }
            case "description":
                file.description = readText(
                    entry.value, key: entry.key, expected: "a text", subject: "'description'",
                    empty: "'description' is empty",
                    emptyHelp: "write a one-line summary of the increment, or remove the key"
                )
            case "activities":
                file.activities = decodeActivities(entry.value, key: entry.key)
            case "variables":
                file.variables = decodeVariables(entry.value, key: entry.key)
            default:
                reportUnknownKey(entry.key, among: MappingDecoder.topLevelKeys, place: "at the top level")
            }
        }
        let suggested = versionsInFileName()
        for key in MappingDecoder.requiredKeys where mapping.entry(forKey: key) == nil {
            report(
                .mappingMissingKey,
                "missing required key '\(key)'",
                at: SourceRange(at: mapping.range.start),
                help: Self.missingKeyHelp(key, suggested: suggested)
            )
        }
        if let from = file.from, let to = file.to {
            // A file that migrates backwards or across majors needs its content fixed first;
            // suggesting a file name for it would only add noise.
            if checkDirection(from: from, to: to) {
                checkFileName(from: from, to: to, root: mapping.range)
            }
        }
        return file
    }

    private static func missingKeyHelp(_ key: String, suggested: (from: MinorVersion, to: MinorVersion)?) -> String {
        switch key {
        case "ferry": "add `ferry: 1`, the grammar version this file is written in"
        case "process": "add `process: <id>`, the id of the process in both definitions"
        case "from": "add `from: \(suggested.map { "\($0.from)" } ?? "<MAJOR.MINOR>")`, the minor series instances are migrated from"
        default: "add `to: \(suggested.map { "\($0.to)" } ?? "<MAJOR.MINOR>")`, the minor series instances are migrated to"
        }
    }

    // MARK: Header values

    private mutating func decodeGrammarVersion(_ entry: YAMLMapping.Entry) -> Located<Int>? {
        let supported = MappingDecoder.grammarVersions.map(String.init).joined(separator: ", ")
        guard case .scalar(let scalar) = entry.value else {
            reportWrongShape(expected: "the grammar version \(supported)", subject: "'ferry'", found: entry.value, key: entry.key)
            return nil
        }
        let range = anchor(key: entry.key, value: entry.value)
        switch scalar.coreValue {
        case .integer(let version) where MappingDecoder.grammarVersions.contains(version):
            return Located(version, at: location(scalar.range))
        case .integer(let version):
            report(
                .mappingUnsupportedGrammar,
                "unsupported grammar version \(version); this version of Ferry reads grammar version \(supported)",
                at: range,
                help: "write `ferry: 1`, or use a Ferry release that reads grammar version \(version)"
            )
        case .null:
            report(.mappingUnsupportedGrammar, "'ferry' is empty; expected the grammar version \(supported)", at: range, help: "write `ferry: 1`")
        case let other:
            let quoted = !scalar.isResolvedByContent && CoreSchema.integer(scalar.value) != nil
            report(
                .mappingUnsupportedGrammar,
                "the grammar version must be the number \(supported), found \(quoted ? "the text '\(MappingText.abbreviated(scalar.value))'" : other.description)",
                at: range,
                help: quoted ? "remove the quotes: `ferry: 1`" : "write `ferry: 1`"
            )
        }
        return nil
    }

    private mutating func decodeVersion(_ entry: YAMLMapping.Entry) -> Located<MinorVersion>? {
        let key = entry.key.value
        guard case .scalar(let scalar) = entry.value else {
            reportWrongShape(expected: "a minor series MAJOR.MINOR", subject: "'\(key)'", found: entry.value, key: entry.key)
            return nil
        }
        if let version = MinorVersion(parsing: scalar.value) {
            return Located(version, at: location(scalar.range))
        }
        let text = scalar.value
        if scalar.isNull {
            report(
                .mappingMalformedVersion, "'\(key)' is empty; expected a minor series MAJOR.MINOR",
                at: anchor(key: entry.key, value: entry.value), help: "for example `\(key): 1.2`"
            )
            return nil
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let numeric = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
        let help: String
        if numeric, parts.count == 3 {
            help = "mapping files name minor series, not releases (every patch of a series is migrated by identity): write `\(key): \(parts[0]).\(parts[1])`"
        } else if numeric, parts.count == 1 {
            help = "a minor series has two numbers: write `\(key): \(text).0` for the first minor series of major \(text)"
        } else if let first = text.first, first == "v" || first == "V", let version = MinorVersion(parsing: String(text.dropFirst())) {
            help = "digits only: write `\(key): \(version)`"
        } else {
            help = "write two numbers separated by a dot, for example `\(key): 1.2`"
        }
        report(
            .mappingMalformedVersion,
            "'\(key)' must be a minor series MAJOR.MINOR, found '\(MappingText.abbreviated(text))'",
            at: scalar.range,
            help: help
        )
        return nil
    }

    /// `to` comes after `from`, in the same major; `false` when it does not (reported).
    private mutating func checkDirection(from: Located<MinorVersion>, to: Located<MinorVersion>) -> Bool {
        if from.value.major != to.value.major {
            report(
                .mappingAcrossMajors,
                "'from' \(from.value) and 'to' \(to.value) are in different major versions; majors are never migrated",
                at: to.location.range,
                notes: [Note("'from' is \(from.value)", at: from.location)],
                help: "a change that can be migrated is a minor change: release it as \(from.value.major).\(from.value.minor + 1) and write `to: \(from.value.major).\(from.value.minor + 1)`; otherwise delete this file"
            )
        } else if to.value <= from.value {
            report(
                .mappingVersionNotForward,
                "'to' \(to.value) is not after 'from' \(from.value); a mapping file migrates forward",
                at: to.location.range,
                notes: [Note("'from' is \(from.value)", at: from.location)],
                help: to.value < from.value ? "swap the two values if they were written the wrong way round" : "name the next minor series in 'to'"
            )
        } else {
            return true
        }
        return false
    }

    // MARK: The file name

    /// The `<from>-to-<to>` a file name such as `1.2-to-1.3.yaml` gives, when it has that form.
    private func versionsInFileName() -> (from: MinorVersion, to: MinorVersion)? {
        guard let stem = fileNameStem() else { return nil }
        let parts = stem.split(separator: "-to-", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = MinorVersion(parsing: String(parts[0])), let to = MinorVersion(parsing: String(parts[1])) else {
            return nil
        }
        return (from, to)
    }

    /// The file name without its `.yaml` or `.yml` extension; `nil` for any other extension.
    private func fileNameStem() -> String? {
        let name = fileName
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return nil
    }

    private var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private mutating func checkFileName(from: Located<MinorVersion>, to: Located<MinorVersion>, root: SourceRange) {
        guard let stem = fileNameStem() else { return }
        let expected = "\(from.value)-to-\(to.value)\(fileName.dropFirst(stem.count))"
        guard let named = versionsInFileName() else {
            report(
                .mappingFileNameMismatch,
                "file name '\(fileName)' does not say the increment; mapping files are named '<from>-to-<to>.yaml'",
                at: SourceRange(at: root.start),
                help: "rename the file to '\(expected)'"
            )
            return
        }
        guard named.from != from.value || named.to != to.value else { return }
        let (key, namedVersion, written) = named.from != from.value ? ("from", named.from, from) : ("to", named.to, to)
        report(
            .mappingFileNameMismatch,
            "file name '\(fileName)' says \(key) \(namedVersion), but '\(key)' is \(written.value)",
            at: written.location.range,
            help: "rename the file to '\(expected)', or correct '\(key)' if it was left behind by a copy"
        )
    }

    // MARK: Building blocks

    func location(_ range: SourceRange) -> SourceLocation {
        SourceLocation(file: path, range: range)
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [Note] = [], help: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: location(range), notes: notes, help: help))
    }

    /// Where a finding about a value lands: the value, or its key when the value is nothing at all
    /// (an empty range after the colon would put the caret on the next line).
    func anchor(key: YAMLScalar, value: YAMLNode) -> SourceRange {
        if case .scalar(let scalar) = value, scalar.value.isEmpty, scalar.range.start == scalar.range.end {
            return key.range
        }
        return value.range
    }

    mutating func reportWrongShape(expected: String, subject: String, found node: YAMLNode, key: YAMLScalar?, help: String? = nil) {
        report(
            .mappingWrongShape,
            "expected \(expected) for \(subject), found \(MappingText.describe(node))",
            at: key.map { anchor(key: $0, value: node) } ?? node.range,
            help: help
        )
    }

    /// Reports a key that grammar version 1 does not have at this place, with the closest valid
    /// key or the place the key belongs.
    mutating func reportUnknownKey(_ key: YAMLScalar, among valid: [String], place: String) {
        let name = key.value
        let help: String
        if let suggestion = Suggestions.closest(to: name, among: valid) {
            help = "did you mean '\(suggestion)'?"
        } else if let home = Self.placeOfKey(name), !valid.contains(name) {
            help = "'\(name)' belongs \(home); valid keys here: \(valid.joined(separator: ", "))"
        } else {
            help = "valid keys here: \(valid.joined(separator: ", "))"
        }
        report(.mappingUnknownKey, "unknown key '\(MappingText.abbreviated(name))' \(place)", at: key.range, help: help)
    }

    private static func placeOfKey(_ key: String) -> String? {
        if MappingDecoder.topLevelKeys.contains(key) { return "at the top level" }
        if MappingDecoder.entryKeys.contains(key) { return "in the long form of an entry of 'activities'" }
        if MappingDecoder.variablesKeys.contains(key) { return "under 'variables'" }
        if MappingDecoder.variableKeys.contains(key) { return "in the long form of a variable under 'variables.set'" }
        return nil
    }

    /// An id or a text, read as written; `nil` (reported) when it is not a scalar or is empty.
    /// Nothing, `~`, `null` and blank text are empty: YAML's null is never an id.
    mutating func readText(
        _ node: YAMLNode, key: YAMLScalar?, expected: String, subject: String, empty: String, emptyHelp: String
    ) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            reportWrongShape(expected: expected, subject: subject, found: node, key: key)
            return nil
        }
        return readText(scalar, at: key.map { anchor(key: $0, value: node) } ?? scalar.range, empty: empty, emptyHelp: emptyHelp)
    }

    /// A key or value scalar read as written; `nil` (reported at `range`) when empty.
    mutating func readText(_ scalar: YAMLScalar, at range: SourceRange, empty: String, emptyHelp: String) -> Located<String>? {
        if scalar.isNull || scalar.value.allSatisfy(\.isWhitespace) {
            let help = scalar.isNull && !scalar.value.isEmpty
                ? "a plain '\(scalar.value)' is YAML's null; quote it ('\(scalar.value)') if it really is the id"
                : emptyHelp
            report(.mappingEmptyValue, empty, at: range, help: help)
            return nil
        }
        return Located(scalar.value, at: location(scalar.range))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
