import Foundation
import Testing
import FerryDiagnostics
@testable import FerryKit
import FerrySyntax

/// `grammar/mapping.schema.json`, its copy in the binary, and its agreement with the decoder.
@Suite("Mapping schema")
struct MappingSchemaTests {
    static let schemaURL = repositoryRoot.appendingPathComponent("grammar/mapping.schema.json")
    static let generatedURL = repositoryRoot.appendingPathComponent("Sources/FerryKit/Mapping/MappingSchema.swift")

    static func schema() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: schemaURL))
    }

    static func validator() throws -> JSONSchemaValidator {
        JSONSchemaValidator(root: try schema())
    }

    static func definition(_ name: String) throws -> JSONValue {
        try #require(try schema()["definitions"]?[name])
    }

    // MARK: The copy in the binary

    /// The Swift source that embeds `text`: what `MappingSchema.swift` must be.
    static func generatedSource(embedding text: String) -> String {
        let body = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "\n" : "    \($0)\n" }
            .joined()
        return """
            // Generated from grammar/mapping.schema.json: do not edit. After changing the schema, run
            // `FERRY_RECORD_GOLDENS=1 swift test --filter MappingSchemaTests` to write this file again;
            // a test fails while the two differ.

            /// The JSON Schema of mapping files (grammar version 1), byte for byte the text of
            /// `grammar/mapping.schema.json`: what `ferry schema` prints.
            public enum MappingSchema {
                public static let text = #\"\"\"

            """ + body + """

                \"\"\"#
            }

            """
    }

    @Test func binaryCarriesTheSchemaFileByteForByte() throws {
        let file = String(decoding: try Data(contentsOf: Self.schemaURL), as: UTF8.self)
        #expect(file.hasSuffix("}\n"))
        #expect(!file.contains("\"\"\"#") && !file.contains("\\#"), "the schema cannot be embedded in a raw string literal")
        if GoldenFile.isRecording {
            try Data(Self.generatedSource(embedding: file).utf8).write(to: Self.generatedURL)
            Issue.record("wrote \(Self.generatedURL.path) (FERRY_RECORD_GOLDENS=1)", severity: .warning)
            return
        }
        // Compared as bytes, reported briefly: the whole schema in a failure message helps nobody.
        let regenerate = "run the tests with FERRY_RECORD_GOLDENS=1 to write MappingSchema.swift again"
        let embeddedIsFile = Array(MappingSchema.text.utf8) == Array(file.utf8)
        #expect(embeddedIsFile, "MappingSchema.text differs from grammar/mapping.schema.json; \(regenerate)")
        let generated = String(decoding: try Data(contentsOf: Self.generatedURL), as: UTF8.self)
        let generatedIsCurrent = generated == Self.generatedSource(embedding: file)
        #expect(generatedIsCurrent, "MappingSchema.swift is not what the generator writes; \(regenerate)")
    }

    // MARK: The schema as editors read it

    @Test func isADraft07SchemaWithIdentity() throws {
        let schema = try Self.schema()
        #expect(schema["$schema"] == .string("http://json-schema.org/draft-07/schema#"))
        #expect(schema["$id"]?.stringValue?.hasSuffix("/grammar/mapping.schema.json") == true)
        #expect(schema["title"]?.stringValue?.isEmpty == false)
        #expect(schema["description"]?.stringValue?.contains("\nDocs: https://") == true)
    }

    /// Every key an editor completes has a description with an example and a docs line, and
    /// examples; every example is valid.
    @Test func everyKeyIsDocumentedWithValidExamples() throws {
        let validator = try Self.validator()
        var keys: [(path: String, schema: JSONValue)] = []
        func collect(_ node: JSONValue, at path: String) {
            guard case .object(let object) = node else { return }
            for (name, property) in object["properties"]?.objectValue ?? [:] {
                keys.append(("\(path).\(name)", property))
                collect(property, at: "\(path).\(name)")
            }
            for (name, definition) in object["definitions"]?.objectValue ?? [:] {
                collect(definition, at: "#\(name)")
            }
        }
        collect(try Self.schema(), at: "")
        #expect(keys.count == 13)
        for (path, property) in keys {
            let description = property["description"]?.stringValue ?? ""
            #expect(description.contains("\nExample: "), "\(path) needs an example in its description")
            #expect(description.contains("\nDocs: https://"), "\(path) needs a docs line")
            let examples = property["examples"]?.arrayValue ?? []
            #expect(!examples.isEmpty, "\(path) needs examples")
            for example in examples {
                #expect(validator.errors(in: example, against: property).isEmpty, "\(path): example \(example) is invalid")
            }
        }
    }

    // MARK: Agreement with the decoder

    @Test func sameKeysAtEveryLevel() throws {
        let schema = try Self.schema()
        func keys(_ node: JSONValue?) -> Set<String> { Set(node?["properties"]?.objectValue?.keys ?? [:].keys) }
        #expect(keys(schema) == Set(MappingDecoder.topLevelKeys))
        #expect(keys(try Self.definition("longEntry")) == Set(MappingDecoder.entryKeys))
        #expect(keys(schema["properties"]?["variables"]) == Set(MappingDecoder.variablesKeys))
        #expect(keys(try Self.definition("longVariable")) == Set(MappingDecoder.variableKeys))
        // Every object is closed, as the decoder rejects unknown keys.
        for object in [schema, try Self.definition("longEntry"), schema["properties"]?["variables"], try Self.definition("longVariable")] {
            #expect(object?["additionalProperties"] == .bool(false))
        }
    }

    @Test func sameRequiredKeysTypesAndGrammarVersions() throws {
        let schema = try Self.schema()
        #expect(schema["required"]?.strings == MappingDecoder.requiredKeys)
        #expect(try Self.definition("longVariable")["required"]?.strings == ["value"])
        #expect(try Self.definition("longEntry")["oneOf"] == .array([
            .object(["required": .array([.string("to")])]),
            .object(["required": .array([.string("skip")])]),
        ]))
        #expect(try Self.definition("longVariable")["properties"]?["type"]?["enum"]?.strings == MappingDecoder.variableTypes)
        #expect(schema["properties"]?["ferry"]?["enum"] == .array(MappingDecoder.grammarVersions.map { .number(Double($0)) }))
    }

    /// Documents that differ from a valid file in one place: the decoder reports an error exactly
    /// when the schema rejects the document. This is what "same shapes" means in practice.
    struct ShapeCase: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let valid: Bool
        var testDescription: String { name }

        init(_ name: String, _ yaml: String, valid: Bool) {
            self.name = name
            self.yaml = yaml
            self.valid = valid
        }

        static func body(_ name: String, _ body: String, valid: Bool) -> ShapeCase {
            ShapeCase(name, mappingHeader + body, valid: valid)
        }
    }

    static let shapeCases: [ShapeCase] = [
        ShapeCase("minimal file", mappingHeader, valid: true),
        ShapeCase("missing process", "ferry: 1\nfrom: 1.2\nto: 1.3\n", valid: false),
        ShapeCase("missing ferry", "process: p\nfrom: 1.2\nto: 1.3\n", valid: false),
        ShapeCase("document is a list", "- ferry: 1\n", valid: false),
        ShapeCase("grammar version 2", "ferry: 2\nprocess: p\nfrom: 1.2\nto: 1.3\n", valid: false),
        ShapeCase("grammar version quoted", "ferry: '1'\nprocess: p\nfrom: 1.2\nto: 1.3\n", valid: false),
        ShapeCase("grammar version as a list", "ferry: [1]\nprocess: p\nfrom: 1.2\nto: 1.3\n", valid: false),
        ShapeCase("quoted versions", "ferry: 1\nprocess: p\nfrom: '1.2'\nto: \"1.3\"\n", valid: true),
        ShapeCase("release for a version", "ferry: 1\nprocess: p\nfrom: 1.2.0\nto: 1.3\n", valid: false),
        ShapeCase("v prefix", "ferry: 1\nprocess: p\nfrom: v1.2\nto: 1.3\n", valid: false),
        ShapeCase("version as a list", "ferry: 1\nprocess: p\nfrom: [1, 2]\nto: 1.3\n", valid: false),
        ShapeCase("process no", "ferry: 1\nprocess: no\nfrom: 1.2\nto: 1.3\n", valid: true),
        ShapeCase("process 0012", "ferry: 1\nprocess: 0012\nfrom: 1.2\nto: 1.3\n", valid: true),
        ShapeCase("process empty", "ferry: 1\nprocess:\nfrom: 1.2\nto: 1.3\n", valid: false),
        ShapeCase("process blank", "ferry: 1\nprocess: ' '\nfrom: 1.2\nto: 1.3\n", valid: false),
        ShapeCase("process as a mapping", "ferry: 1\nprocess: {id: p}\nfrom: 1.2\nto: 1.3\n", valid: false),
        .body("unknown key", "colour: blue\n", valid: false),
        .body("description", "description: Review split\n", valid: true),
        .body("empty description", "description: ''\n", valid: false),
        .body("empty activities", "activities:\n", valid: true),
        .body("activities as a list", "activities:\n  - a: b\n", valid: false),
        .body("activities as a scalar", "activities: a\n", valid: false),
        .body("short form", "activities:\n  a: b\n", valid: true),
        .body("short form id on", "activities:\n  a: on\n", valid: true),
        .body("short form without target", "activities:\n  a:\n", valid: false),
        .body("short form null target", "activities:\n  a: null\n", valid: false),
        .body("entry as a list", "activities:\n  a: [b, c]\n", valid: false),
        .body("long form to", "activities:\n  a: { to: b }\n", valid: true),
        .body("long form split", "activities:\n  a: { to: [b, c] }\n", valid: true),
        .body("long form empty split", "activities:\n  a: { to: [] }\n", valid: false),
        .body("long form split twice the same", "activities:\n  a: { to: [b, b] }\n", valid: false),
        .body("long form split with a list", "activities:\n  a: { to: [b, [c]] }\n", valid: false),
        .body("long form split with a null", "activities:\n  a: { to: [b, ~] }\n", valid: false),
        .body("long form to as a mapping", "activities:\n  a: { to: { b: c } }\n", valid: false),
        .body("long form trigger", "activities:\n  a: { to: b, updateEventTrigger: true }\n", valid: true),
        .body("long form trigger yes", "activities:\n  a: { to: b, updateEventTrigger: yes }\n", valid: false),
        .body("long form trigger quoted", "activities:\n  a: { to: b, updateEventTrigger: 'true' }\n", valid: false),
        .body("long form trigger number", "activities:\n  a: { to: b, updateEventTrigger: 1 }\n", valid: false),
        .body("long form trigger alone", "activities:\n  a: { updateEventTrigger: true }\n", valid: false),
        .body("long form skip", "activities:\n  a: { skip: gone }\n", valid: true),
        .body("long form skip empty", "activities:\n  a: { skip: '' }\n", valid: false),
        .body("long form skip null", "activities:\n  a: { skip: ~ }\n", valid: false),
        .body("long form skip as a list", "activities:\n  a: { skip: [gone] }\n", valid: false),
        .body("long form to and skip", "activities:\n  a: { to: b, skip: gone }\n", valid: false),
        .body("long form skip and trigger", "activities:\n  a: { skip: gone, updateEventTrigger: true }\n", valid: false),
        .body("long form unknown key", "activities:\n  a: { to: b, note: x }\n", valid: false),
        .body("long form empty", "activities:\n  a: {}\n", valid: false),
        .body("empty variables", "variables:\n", valid: true),
        .body("empty set", "variables:\n  set:\n", valid: true),
        .body("variables as a list", "variables: [a]\n", valid: false),
        .body("variables unknown key", "variables:\n  unset: [a]\n", valid: false),
        .body("set as a list", "variables:\n  set: [a]\n", valid: false),
        .body("short variables of every type", "variables:\n  set: { a: LOW, b: 3, c: 2.5, d: true, e: ~, f: '3' }\n", valid: true),
        .body("variable as a list", "variables:\n  set: { a: [1] }\n", valid: false),
        .body("long variable", "variables:\n  set: { a: { value: 3, type: Integer } }\n", valid: true),
        .body("long variable without type", "variables:\n  set: { a: { value: 3 } }\n", valid: true),
        .body("long variable null", "variables:\n  set: { a: { value: null, type: Null } }\n", valid: true),
        .body("long variable without value", "variables:\n  set: { a: { type: Integer } }\n", valid: false),
        .body("long variable unknown type", "variables:\n  set: { a: { value: 3, type: integer } }\n", valid: false),
        .body("long variable Object type", "variables:\n  set: { a: { value: x, type: Object } }\n", valid: false),
        .body("long variable type as a list", "variables:\n  set: { a: { value: 3, type: [Integer] } }\n", valid: false),
        .body("long variable value as a list", "variables:\n  set: { a: { value: [3], type: Json } }\n", valid: false),
        .body("long variable unknown key", "variables:\n  set: { a: { value: 3, type: Integer, scope: local } }\n", valid: false),
    ]

    @Test(arguments: shapeCases)
    func decoderAndSchemaAgreeOnShape(_ testCase: ShapeCase) throws {
        let result = MappingDecoder().decode(Array(testCase.yaml.utf8), path: "1.2-to-1.3.yaml")
        #expect(!result.diagnostics.contains { $0.code.rawValue.hasPrefix("FY") }, "the case must be valid YAML")
        let decoderAccepts = !result.diagnostics.contains { $0.severity == .error }
        let document = try #require(YAMLParser().parse(Array(testCase.yaml.utf8), path: "1.2-to-1.3.yaml").document)
        let schemaErrors = try Self.validator().errors(in: JSONValue(document.root))
        #expect(decoderAccepts == testCase.valid, "decoder: \(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(schemaErrors.isEmpty == testCase.valid, "schema: \(schemaErrors)")
    }

    // MARK: plans/

    static func planMappingFiles() throws -> [URL] {
        let plans = repositoryRoot.appendingPathComponent("plans")
        var files: [URL] = []
        for plan in try FileManager.default.contentsOfDirectory(atPath: plans.path).sorted() {
            let mappings = plans.appendingPathComponent(plan).appendingPathComponent("mappings")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: mappings.path) else { continue }
            files += names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { mappings.appendingPathComponent($0) }
        }
        return files
    }

    @Test func everyMappingFileInPlansDecodesCleanlyAndValidates() throws {
        let files = try Self.planMappingFiles()
        #expect(files.count >= 3)
        let validator = try Self.validator()
        for url in files {
            let path = "plans/" + url.pathComponents.suffix(3).joined(separator: "/")
            let bytes = Array(try Data(contentsOf: url))
            let decoded = MappingDecoder().decode(bytes, path: path)
            #expect(decoded.diagnostics.isEmpty, "\(path): \(decoded.diagnostics.map { "\($0.location.start.line):\($0.location.start.column) \($0.code.rawValue) \($0.message)" })")
            #expect(decoded.file?.header != nil, "\(path)")
            let document = try #require(YAMLParser().parse(bytes, path: path).document)
            let errors = validator.errors(in: JSONValue(document.root))
            #expect(errors.isEmpty, "\(path) does not validate against the schema: \(errors)")
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("# yaml-language-server: $schema=../../../grammar/mapping.schema.json\n"), "\(path) should name the schema for editors")
        }
    }

    @Test func validatorRejectsWhatItShould() throws {
        // The validator itself, so that a lenient validator cannot make the agreement tests pass.
        let validator = try Self.validator()
        #expect(!validator.errors(in: .object([:])).isEmpty)
        #expect(!validator.errors(in: .array([])).isEmpty)
        let valid: JSONValue = .object(["ferry": .number(1), "process": .string("p"), "from": .number(1.2), "to": .string("1.3")])
        #expect(validator.errors(in: valid).isEmpty)
        guard case .object(var extra) = valid else { return }
        extra["colour"] = .string("blue")
        #expect(validator.errors(in: .object(extra)) == ["$.colour: no value is allowed here"])
        let unknownKeyword = JSONSchemaValidator(root: .object(["format": .string("uri")]))
        #expect(!unknownKeyword.errors(in: .string("x")).isEmpty)
    }
}
