import Testing
import FerryDiagnostics
import FerryKit

/// A valid header for a file named `1.2-to-1.3.yaml`.
let mappingHeader = "ferry: 1\nprocess: invoice\nfrom: 1.2\nto: 1.3\n"

/// Decodes marked text as the mapping file at `path`; returns the diagnostics as (marker, code).
func decodeMarked(_ marked: String, path: String = "1.2-to-1.3.yaml") -> (codes: [MarkedCode], diagnostics: [Diagnostic], file: MappingFile?) {
    let fixture = MarkedText(marked)
    let result = MappingDecoder().decode(fixture.bytes, path: path)
    return (fixture.markedCodes(result.diagnostics, in: result.source), result.diagnostics, result.file)
}

@Suite("Mapping decoder: diagnostics")
struct MappingDecoderDiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var path = "1.2-to-1.3.yaml"
        let expected: [MarkedCode]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // FM001 unknown key
        Case(name: "unknown top-level key", text: mappingHeader + "1️⃣descripton: x\n", expected: [MarkedCode("1️⃣", .mappingUnknownKey)]),
        Case(name: "keys are case-sensitive", text: "0️⃣ferry: 1\nprocess: invoice\n1️⃣From: 1.2\nto: 1.3\n", expected: [
            MarkedCode("0️⃣", .mappingMissingKey), MarkedCode("1️⃣", .mappingUnknownKey),
        ]),
        Case(name: "unknown key in an entry", text: mappingHeader + """
            activities:
              reminderTimer:
                to: reminderTimer
                1️⃣updateEventTriger: true
            """, expected: [MarkedCode("1️⃣", .mappingUnknownKey)]),
        Case(name: "unknown key under variables", text: mappingHeader + "variables:\n  1️⃣sets:\n    a: 1\n", expected: [MarkedCode("1️⃣", .mappingUnknownKey)]),
        Case(name: "unknown key in a variable's long form", text: mappingHeader + "variables:\n  set:\n    a: { value: 1, 1️⃣typ: Integer }\n", expected: [MarkedCode("1️⃣", .mappingUnknownKey)]),
        Case(name: "entry key at the top level", text: mappingHeader + "1️⃣skip: gone\n", expected: [MarkedCode("1️⃣", .mappingUnknownKey)]),

        // FM002 wrong shape
        Case(name: "document is a sequence", text: "1️⃣- ferry: 1\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "document is a scalar", text: "1️⃣hello\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "activities as a list", text: mappingHeader + "activities:\n  1️⃣- approveInvoice: reviewInvoice\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "activities as a scalar", text: mappingHeader + "activities: 1️⃣none\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "process as a list", text: "ferry: 1\nprocess: 1️⃣[a, b]\nfrom: 1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "from as a mapping", text: "ferry: 1\nprocess: p\nfrom: 1️⃣{major: 1}\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "ferry as a list", text: "ferry: 1️⃣[1]\nprocess: p\nfrom: 1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "entry as a list", text: mappingHeader + "activities:\n  shipAndBill: 1️⃣[ship, bill]\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "to as a mapping", text: mappingHeader + "activities:\n  a:\n    to: 1️⃣{b: c}\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "target list item as a list", text: mappingHeader + "activities:\n  a:\n    to: [b, 1️⃣[c]]\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "skip as a list", text: mappingHeader + "activities:\n  a:\n    skip: 1️⃣[reason]\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "updateEventTrigger as a list", text: mappingHeader + "activities:\n  a:\n    to: b\n    updateEventTrigger: 1️⃣[true]\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "variables as a list", text: mappingHeader + "variables: 1️⃣[a]\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "set as a scalar", text: mappingHeader + "variables:\n  set: 1️⃣a\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "variable as a list", text: mappingHeader + "variables:\n  set:\n    a: 1️⃣[1, 2]\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "variable value as a mapping", text: mappingHeader + "variables:\n  set:\n    a: { value: 1️⃣{ x: 1 }, type: Json }\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),
        Case(name: "variable type as a list", text: mappingHeader + "variables:\n  set:\n    a: { value: 1, type: 1️⃣[Integer] }\n", expected: [MarkedCode("1️⃣", .mappingWrongShape)]),

        // FM003 missing required key
        Case(name: "missing to", text: "# header comment\n1️⃣ferry: 1\nprocess: p\nfrom: 1.2\n", expected: [MarkedCode("1️⃣", .mappingMissingKey)]),
        Case(name: "only ferry", text: "1️⃣ferry: 1\n", expected: Array(repeating: MarkedCode("1️⃣", .mappingMissingKey), count: 3)),
        Case(name: "long form with neither to nor skip", text: mappingHeader + "activities:\n  1️⃣reminderTimer:\n    updateEventTrigger: true\n", expected: [MarkedCode("1️⃣", .mappingMissingKey)]),

        // FM004 grammar version
        Case(name: "grammar version 2", text: "ferry: 1️⃣2\nprocess: p\nfrom: 1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingUnsupportedGrammar)]),
        Case(name: "grammar version quoted", text: "ferry: 1️⃣\"1\"\nprocess: p\nfrom: 1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingUnsupportedGrammar)]),
        Case(name: "grammar version 1.0", text: "ferry: 1️⃣1.0\nprocess: p\nfrom: 1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingUnsupportedGrammar)]),
        Case(name: "grammar version empty", text: "1️⃣ferry:\nprocess: p\nfrom: 1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingUnsupportedGrammar)]),

        // FM005 malformed minor series
        Case(name: "release instead of minor", text: "ferry: 1\nprocess: p\nfrom: 1️⃣1.2.0\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingMalformedVersion)]),
        Case(name: "quoted release instead of minor", text: "ferry: 1\nprocess: p\nfrom: 1.2\nto: 1️⃣\"1.3.0\"\n", expected: [MarkedCode("1️⃣", .mappingMalformedVersion)]),
        Case(name: "v prefix", text: "ferry: 1\nprocess: p\nfrom: 1️⃣v1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingMalformedVersion)]),
        Case(name: "major only", text: "ferry: 1\nprocess: p\nfrom: 1.2\nto: 1️⃣2\n", expected: [MarkedCode("1️⃣", .mappingMalformedVersion)]),
        Case(name: "empty version", text: "ferry: 1\nprocess: p\n1️⃣from:\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingMalformedVersion)]),

        // FM006 not forward, FM007 across majors
        Case(name: "to before from", text: "ferry: 1\nprocess: p\nfrom: 1.3\nto: 1️⃣1.2\n", path: "1.3-to-1.2.yaml", expected: [MarkedCode("1️⃣", .mappingVersionNotForward)]),
        Case(name: "to equals from", text: "ferry: 1\nprocess: p\nfrom: 1.3\nto: 1️⃣1.3\n", path: "1.3-to-1.3.yaml", expected: [MarkedCode("1️⃣", .mappingVersionNotForward)]),
        Case(name: "1.9 is before 1.10", text: "ferry: 1\nprocess: p\nfrom: 1.10\nto: 1️⃣1.9\n", path: "1.10-to-1.9.yaml", expected: [MarkedCode("1️⃣", .mappingVersionNotForward)]),
        Case(name: "across majors", text: "ferry: 1\nprocess: p\nfrom: 1.4\nto: 1️⃣2.0\n", path: "1.4-to-2.0.yaml", expected: [MarkedCode("1️⃣", .mappingAcrossMajors)]),
        Case(name: "back across majors", text: "ferry: 1\nprocess: p\nfrom: 2.0\nto: 1️⃣1.4\n", path: "2.0-to-1.4.yaml", expected: [MarkedCode("1️⃣", .mappingAcrossMajors)]),

        // FM008 empty target list
        Case(name: "empty target list", text: mappingHeader + "activities:\n  shipAndBill:\n    to: 1️⃣[]\n", expected: [MarkedCode("1️⃣", .mappingEmptyTargets)]),

        // FM009 skip without a reason
        Case(name: "skip with nothing", text: mappingHeader + "activities:\n  a:\n    1️⃣skip:\n", expected: [MarkedCode("1️⃣", .mappingSkipWithoutReason)]),
        Case(name: "skip with empty text", text: mappingHeader + "activities:\n  a:\n    skip: 1️⃣\"  \"\n", expected: [MarkedCode("1️⃣", .mappingSkipWithoutReason)]),
        Case(name: "skip with null", text: mappingHeader + "activities:\n  a: { skip: 1️⃣~ }\n", expected: [MarkedCode("1️⃣", .mappingSkipWithoutReason)]),

        // FM010 to and skip
        Case(name: "to and skip", text: mappingHeader + "activities:\n  a:\n    to: b\n    1️⃣skip: gone\n", expected: [MarkedCode("1️⃣", .mappingMapAndSkip)]),

        // FM011 updateEventTrigger not a boolean
        Case(name: "trigger yes", text: mappingHeader + "activities:\n  a:\n    to: b\n    updateEventTrigger: 1️⃣yes\n", expected: [MarkedCode("1️⃣", .mappingInvalidBoolean)]),
        Case(name: "trigger no", text: mappingHeader + "activities:\n  a: { to: b, updateEventTrigger: 1️⃣no }\n", expected: [MarkedCode("1️⃣", .mappingInvalidBoolean)]),
        Case(name: "trigger on", text: mappingHeader + "activities:\n  a: { to: b, updateEventTrigger: 1️⃣on }\n", expected: [MarkedCode("1️⃣", .mappingInvalidBoolean)]),
        Case(name: "trigger off", text: mappingHeader + "activities:\n  a: { to: b, updateEventTrigger: 1️⃣off }\n", expected: [MarkedCode("1️⃣", .mappingInvalidBoolean)]),
        Case(name: "trigger True", text: mappingHeader + "activities:\n  a: { to: b, updateEventTrigger: 1️⃣True }\n", expected: [MarkedCode("1️⃣", .mappingInvalidBoolean)]),
        Case(name: "trigger quoted", text: mappingHeader + "activities:\n  a: { to: b, updateEventTrigger: 1️⃣\"true\" }\n", expected: [MarkedCode("1️⃣", .mappingInvalidBoolean)]),
        Case(name: "trigger number", text: mappingHeader + "activities:\n  a: { to: b, updateEventTrigger: 1️⃣1 }\n", expected: [MarkedCode("1️⃣", .mappingInvalidBoolean)]),
        Case(name: "trigger empty", text: mappingHeader + "activities:\n  a:\n    to: b\n    1️⃣updateEventTrigger:\n", expected: [MarkedCode("1️⃣", .mappingInvalidBoolean)]),

        // FM012 updateEventTrigger on a skip
        Case(name: "trigger on a skip", text: mappingHeader + "activities:\n  a:\n    skip: gone\n    1️⃣updateEventTrigger: true\n", expected: [MarkedCode("1️⃣", .mappingTriggerOnSkip)]),

        // FM013 unknown variable type
        Case(name: "type in lower case", text: mappingHeader + "variables:\n  set:\n    retries: { value: 3, type: 1️⃣integer }\n", expected: [MarkedCode("1️⃣", .mappingUnknownVariableType)]),
        Case(name: "type needing valueInfo", text: mappingHeader + "variables:\n  set:\n    order: { value: x, type: 1️⃣Object }\n", expected: [MarkedCode("1️⃣", .mappingUnknownVariableType)]),
        Case(name: "type empty", text: mappingHeader + "variables:\n  set:\n    order:\n      value: x\n      1️⃣type:\n", expected: [MarkedCode("1️⃣", .mappingUnknownVariableType)]),

        // FM014 long form without value
        Case(name: "long form without value", text: mappingHeader + "variables:\n  set:\n    1️⃣retries: { type: Integer }\n", expected: [MarkedCode("1️⃣", .mappingVariableWithoutValue)]),

        // FM015 file name
        Case(name: "file name names another to", text: "ferry: 1\nprocess: p\nfrom: 1.2\nto: 1️⃣1.3\n", path: "plans/x/mappings/1.2-to-1.4.yaml", expected: [MarkedCode("1️⃣", .mappingFileNameMismatch)]),
        Case(name: "file name names another from", text: "ferry: 1\nprocess: p\nfrom: 1️⃣1.2\nto: 1.3\n", path: "1.1-to-1.3.yml", expected: [MarkedCode("1️⃣", .mappingFileNameMismatch)]),
        Case(name: "file name 1.1 is not 1.10", text: "ferry: 1\nprocess: p\nfrom: 1️⃣1.10\nto: 1.11\n", path: "1.1-to-1.11.yaml", expected: [MarkedCode("1️⃣", .mappingFileNameMismatch)]),
        Case(name: "file name without the increment", text: "# comment\n1️⃣ferry: 1\nprocess: p\nfrom: 1.2\nto: 1.3\n", path: "review.yaml", expected: [MarkedCode("1️⃣", .mappingFileNameMismatch)]),

        // FM016 empty id or text
        Case(name: "entry without target", text: mappingHeader + "activities:\n  1️⃣approveInvoice:\n  b: c\n", expected: [MarkedCode("1️⃣", .mappingEmptyValue)]),
        Case(name: "process empty string", text: "ferry: 1\nprocess: 1️⃣\"\"\nfrom: 1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingEmptyValue)]),
        Case(name: "process null", text: "ferry: 1\nprocess: 1️⃣null\nfrom: 1.2\nto: 1.3\n", expected: [MarkedCode("1️⃣", .mappingEmptyValue)]),
        Case(name: "target list with null", text: mappingHeader + "activities:\n  a:\n    to: [b, 1️⃣~]\n", expected: [MarkedCode("1️⃣", .mappingEmptyValue)]),
        Case(name: "empty source id", text: mappingHeader + "activities:\n  1️⃣\"\": b\n", expected: [MarkedCode("1️⃣", .mappingEmptyValue)]),
        Case(name: "empty description", text: mappingHeader + "1️⃣description:\n", expected: [MarkedCode("1️⃣", .mappingEmptyValue)]),

        // FM017 duplicate target
        Case(name: "target listed twice", text: mappingHeader + "activities:\n  a:\n    to: [b, c, 1️⃣b]\n", expected: [MarkedCode("1️⃣", .mappingDuplicateTarget)]),

        // FM018 value does not fit its type
        Case(name: "text for an Integer", text: mappingHeader + "variables:\n  set:\n    a: { value: 1️⃣many, type: Integer }\n", expected: [MarkedCode("1️⃣", .mappingVariableTypeMismatch)]),
        Case(name: "too large for a Short", text: mappingHeader + "variables:\n  set:\n    a: { value: 1️⃣70000, type: Short }\n", expected: [MarkedCode("1️⃣", .mappingVariableTypeMismatch)]),
        Case(name: "yes for a Boolean", text: mappingHeader + "variables:\n  set:\n    a: { value: 1️⃣yes, type: Boolean }\n", expected: [MarkedCode("1️⃣", .mappingVariableTypeMismatch)]),
        Case(name: "value for a Null", text: mappingHeader + "variables:\n  set:\n    a: { value: 1️⃣0, type: Null }\n", expected: [MarkedCode("1️⃣", .mappingVariableTypeMismatch)]),
        Case(name: "short form beyond 64 bits", text: mappingHeader + "variables:\n  set:\n    a: 1️⃣99999999999999999999\n", expected: [MarkedCode("1️⃣", .mappingVariableTypeMismatch)]),
        Case(name: "short form infinity", text: mappingHeader + "variables:\n  set:\n    a: 1️⃣.inf\n", expected: [MarkedCode("1️⃣", .mappingVariableTypeMismatch)]),
    ]

    @Test(arguments: cases)
    func reportsAtTheMarker(_ testCase: Case) {
        let (codes, _, _) = decodeMarked(testCase.text, path: testCase.path)
        #expect(codes == testCase.expected)
    }

    @Test func everythingIsReportedInOneRun() {
        let (codes, _, file) = decodeMarked("""
            ferry: 1️⃣2
            process: invoice
            from: 2️⃣1.2.0
            to: 1.3
            3️⃣colour: blue
            activities:
              a: 4️⃣[b]
              c:
                to: 5️⃣[]
              d:
                to: e
                updateEventTrigger: 6️⃣yes
              f: g
            variables:
              set:
                x: { value: 7️⃣abc, type: Integer }
                y: 1
            """)
        #expect(codes == [
            MarkedCode("1️⃣", .mappingUnsupportedGrammar),
            MarkedCode("2️⃣", .mappingMalformedVersion),
            MarkedCode("3️⃣", .mappingUnknownKey),
            MarkedCode("4️⃣", .mappingWrongShape),
            MarkedCode("5️⃣", .mappingEmptyTargets),
            MarkedCode("6️⃣", .mappingInvalidBoolean),
            MarkedCode("7️⃣", .mappingVariableTypeMismatch),
        ])
        // What could be read was read.
        #expect(file?.process?.value == "invoice")
        #expect(file?.to?.value == MinorVersion(major: 1, minor: 3))
        #expect(file?.activities.map(\.source.value) == ["d", "f"])
        #expect(file?.variables.map(\.name.value) == ["y"])
    }

    @Test func unknownKeySuggestsTheClosestKeyValidThere() throws {
        let (_, diagnostics, _) = decodeMarked(mappingHeader + "activities:\n  a:\n    to: b\n    updateEventTriger: true\ndescripton: x\n")
        #expect(diagnostics.map(\.message) == ["unknown key 'updateEventTriger' in entry 'a'", "unknown key 'descripton' at the top level"])
        #expect(diagnostics.map(\.help) == ["did you mean 'updateEventTrigger'?", "did you mean 'description'?"])
        let placed = decodeMarked(mappingHeader + "set:\n  a: 1\n").diagnostics
        #expect(placed.first?.help == "'set' belongs under 'variables'; valid keys here: ferry, process, from, to, description, activities, variables")
    }

    @Test func wrongShapeSaysWhatWasExpectedAndFound() {
        let (_, diagnostics, _) = decodeMarked(mappingHeader + "activities:\n  - approveInvoice: reviewInvoice\n")
        #expect(diagnostics.map(\.message) == ["expected a mapping of source ids to targets for 'activities', found a sequence"])
    }

    @Test func missingKeyNamesTheKeyAtTheRootMapping() throws {
        let (_, diagnostics, _) = decodeMarked("# Invoice\n\nferry: 1\nprocess: invoice\nto: 1.3\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.message == "missing required key 'from'")
        #expect(diagnostic.location.start.line == 3)
        #expect(diagnostic.location.start.column == 1)
        // The file name says which series is meant.
        #expect(diagnostic.help == "add `from: 1.2`, the minor series instances are migrated from")
    }

    @Test func releaseNumberHintsAtMinorSeries() throws {
        let (_, diagnostics, _) = decodeMarked("ferry: 1\nprocess: p\nfrom: \"1.2.0\"\nto: 1.3\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "'from' must be a minor series MAJOR.MINOR, found '1.2.0'")
        #expect(diagnostic.help?.contains("mapping files name minor series") == true)
        #expect(diagnostic.help?.hasSuffix("write `from: 1.2`") == true)
        #expect(diagnostic.location.start.column == 7)
        #expect(diagnostic.location.end.column == 14)
    }

    @Test(arguments: [("yes", "true"), ("no", "false"), ("on", "true"), ("off", "false"), ("True", "true"), ("FALSE", "false")])
    func yaml11BooleanGetsTheYAML12Hint(_ written: String, _ meant: String) throws {
        let (_, diagnostics, _) = decodeMarked(mappingHeader + "activities:\n  a: { to: b, updateEventTrigger: \(written) }\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == .mappingInvalidBoolean)
        #expect(diagnostic.help == "YAML 1.2 booleans are `true` and `false` only, in lower case; '\(written)' is text here: write `updateEventTrigger: \(meant)`")
    }

    @Test func unknownVariableTypeListsTheTypes() throws {
        let (_, diagnostics, _) = decodeMarked(mappingHeader + "variables:\n  set:\n    a: { value: 1, type: integer }\n    b: { value: 1, type: Number }\n")
        #expect(diagnostics.map(\.help) == [
            "did you mean 'Integer'? The types are String, Boolean, Short, Integer, Long, Double, Date, Json, Xml, Null",
            "the types are String, Boolean, Short, Integer, Long, Double, Date, Json, Xml, Null (Camunda 7 type names, case-sensitive)",
        ])
    }

    @Test func directionProblemsHaveANoteAtFrom() throws {
        let (_, diagnostics, _) = decodeMarked("ferry: 1\nprocess: p\nfrom: 1.4\nto: 2.0\n", path: "1.4-to-2.0.yaml")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "'from' 1.4 and 'to' 2.0 are in different major versions; majors are never migrated")
        #expect(diagnostic.notes.map(\.message) == ["'from' is 1.4"])
        #expect(diagnostic.notes.first?.location?.start.line == 3)
    }

    @Test func mapAndSkipKeepsTheEntryAsSkipped() throws {
        let (_, diagnostics, file) = decodeMarked(mappingHeader + "activities:\n  a:\n    to: b\n    skip: gone\n")
        #expect(diagnostics.first?.notes.map(\.message) == ["'to' is here"])
        guard case .skip(let reason)? = file?.activities.first?.action else {
            Issue.record("expected a skip")
            return
        }
        #expect(reason.value == "gone")
    }

    @Test func duplicateTargetNotesTheFirst() throws {
        let (_, diagnostics, file) = decodeMarked(mappingHeader + "activities:\n  a:\n    to: [b, c, b]\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.notes.first?.location?.start.column == 10)
        guard case .map(let targets, _)? = file?.activities.first?.action else {
            Issue.record("expected a map")
            return
        }
        #expect(targets.map(\.value) == ["b", "c"])
    }

    @Test func fileNameWarningIsAWarning() throws {
        let (_, diagnostics, _) = decodeMarked(mappingHeader, path: "mappings/1.2-to-1.4.yaml")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message == "file name '1.2-to-1.4.yaml' says to 1.4, but 'to' is 1.3")
        #expect(diagnostic.help == "rename the file to '1.2-to-1.3.yaml', or correct 'to' if it was left behind by a copy")
    }

    @Test func nullIdGetsAQuotingHint() throws {
        let (_, diagnostics, _) = decodeMarked(mappingHeader + "activities:\n  a: null\n")
        #expect(diagnostics.first?.help == "a plain 'null' is YAML's null; quote it ('null') if it really is the id")
    }

    @Test func syntaxErrorsComeFromTheYAMLLayer() {
        let result = MappingDecoder().decode(Array("ferry: [1\n".utf8), path: "1.2-to-1.3.yaml")
        #expect(result.file == nil)
        #expect(result.diagnostics.map(\.code) == [.yamlSyntax])
    }

    @Test func duplicateKeysAreReportedAndTheRestDecoded() {
        let (codes, _, file) = decodeMarked(mappingHeader + "activities:\n  a: b\n  1️⃣a: c\n")
        #expect(codes == [MarkedCode("1️⃣", .yamlDuplicateKey)])
        #expect(file?.activities.count == 1)
    }

    @Test func anUnansweredTodoIsAnErrorAtTheTodo() {
        let (codes, _, file) = decodeMarked(mappingHeader + """
            activities:
              a: 1️⃣TODO
              b: { to: 2️⃣TODO }
              c: { skip: 3️⃣TODO }
              d: 'TODO'

            """)
        #expect(codes == [MarkedCode("1️⃣", .mappingTodo), MarkedCode("2️⃣", .mappingTodo), MarkedCode("3️⃣", .mappingTodo)])
        // Unanswered entries migrate nothing; a quoted 'TODO' is an id like any other.
        #expect(file?.activities.map(\.source.value) == ["a", "b", "c", "d"])
        if case .map(let targets, _) = file?.activities.last?.action {
            #expect(targets.map(\.value) == ["TODO"])
        } else {
            Issue.record("'d' should map to the element 'TODO'")
        }
    }

    @Test func everyMappingCodeIsExplained() {
        let codes = DiagnosticCode.allCases.filter { $0.rawValue.hasPrefix("FM") }
        #expect(codes.count == 19)
        for code in codes {
            #expect(!code.title.isEmpty)
            #expect(code.explanation.count > 300, "\(code.rawValue) needs a real explanation")
        }
        #expect(DiagnosticCode.mappingFileNameMismatch.defaultSeverity == .warning)
    }
}
