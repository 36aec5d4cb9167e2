import Testing
import FerryDiagnostics
@testable import FerrySyntax

/// Parses marked text and returns the result with the (marker, code) pairs of its diagnostics.
private func parse(_ marked: String, limits: YAMLParser.Limits = .mappingFiles) -> (YAMLParseResult, [MarkedCode], MarkedText) {
    let fixture = MarkedText(marked)
    let result = YAMLParser(limits: limits).parse(fixture.bytes, path: "m.yaml")
    return (result, fixture.markedCodes(result.diagnostics, in: result.source), fixture)
}

@Suite("YAML syntax layer: diagnostics")
struct YAMLDiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let expected: [MarkedCode]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "duplicate key", text: """
            activities:
              approveInvoice: reviewInvoice
              1️⃣approveInvoice: other
            """, expected: [MarkedCode("1️⃣", .yamlDuplicateKey)]),
        Case(name: "duplicate key in flow mapping", text: "{a: 1, 1️⃣a: 2}\n", expected: [MarkedCode("1️⃣", .yamlDuplicateKey)]),
        Case(name: "two documents", text: "a: 1\n1️⃣---\nb: 2\n", expected: [MarkedCode("1️⃣", .yamlMultipleDocuments)]),
        Case(name: "complex key", text: "? 1️⃣[a, b]\n: c\nd: e\n", expected: [MarkedCode("1️⃣", .yamlNonScalarKey)]),
        Case(name: "flow mapping as key", text: "1️⃣{a: 1}: x\n", expected: [MarkedCode("1️⃣", .yamlNonScalarKey)]),
        Case(name: "anchor and alias", text: "a: 1️⃣&x 1\nb: 2️⃣*x\n", expected: [MarkedCode("1️⃣", .yamlAnchorOrAlias), MarkedCode("2️⃣", .yamlAnchorOrAlias)]),
        Case(name: "merge key with alias", text: "base: 1️⃣&b {x: 1}\nother:\n  <<: 2️⃣*b\n", expected: [MarkedCode("1️⃣", .yamlAnchorOrAlias), MarkedCode("2️⃣", .yamlAnchorOrAlias)]),
        Case(name: "tab indentation", text: "a:\n1️⃣\tb: 1\n", expected: [MarkedCode("1️⃣", .yamlTabIndentation)]),
        Case(name: "empty file", text: "1️⃣", expected: [MarkedCode("1️⃣", .yamlEmptyFile)]),
        Case(name: "only comments", text: "1️⃣# nothing here\n\n# still nothing\n", expected: [MarkedCode("1️⃣", .yamlEmptyFile)]),
        Case(name: "NUL byte", text: "a: b1️⃣\u{0}c\n", expected: [MarkedCode("1️⃣", .yamlForbiddenCharacter)]),
        Case(name: "control character", text: "a: é1️⃣\u{7}\n", expected: [MarkedCode("1️⃣", .yamlForbiddenCharacter)]),
        Case(name: "bad indentation", text: "activities:\n  a: b\n 1️⃣c: d\n", expected: [MarkedCode("1️⃣", .yamlSyntax)]),
        Case(name: "unexpected colon", text: "a: b1️⃣: c\n", expected: [MarkedCode("1️⃣", .yamlSyntax)]),
        Case(name: "unclosed flow sequence", text: "a: [x, y\n1️⃣", expected: [MarkedCode("1️⃣", .yamlSyntax)]),
        Case(name: "unclosed quote", text: "a: \"abc\n1️⃣", expected: [MarkedCode("1️⃣", .yamlSyntax)]),
        Case(name: "at sign", text: "a: 1️⃣@b\n", expected: [MarkedCode("1️⃣", .yamlSyntax)]),
        Case(
            name: "duplicate key in a large mapping",
            text: (0..<20).map { "key\($0): \($0)\n" }.joined() + "1️⃣key7: again\n",
            expected: [MarkedCode("1️⃣", .yamlDuplicateKey)]
        ),
        Case(
            name: "duplicate of a key written differently",
            text: "\"a\\tb\": 1\n1️⃣'a\tb': 2\n",
            expected: [MarkedCode("1️⃣", .yamlDuplicateKey)]
        ),
    ]

    @Test(arguments: cases)
    func reportsAtTheMarker(_ testCase: Case) {
        let (_, codes, _) = parse(testCase.text)
        #expect(codes == testCase.expected)
    }

    @Test func duplicateKeyNotePointsAtFirstOccurrence() {
        let (result, _, fixture) = parse("1️⃣a: 1\nb: 2\n2️⃣a: 3\n")
        let diagnostic = try! #require(result.diagnostics.first)
        #expect(diagnostic.message == "duplicate key 'a'")
        #expect(diagnostic.location.start == fixture.position(of: "2️⃣", in: result.source))
        #expect(diagnostic.location.end.column == 2)
        #expect(diagnostic.notes.map(\.message) == ["first defined here"])
        #expect(diagnostic.notes.first?.location?.start == fixture.position(of: "1️⃣", in: result.source))
        // The best-effort document keeps the first value.
        guard case .mapping(let mapping)? = result.document?.root else {
            Issue.record("expected a mapping root")
            return
        }
        #expect(mapping.entries.map(\.key.value) == ["a", "b"])
        guard case .scalar(let first) = mapping.entries[0].value else { return }
        #expect(first.value == "1")
    }

    @Test func syntaxErrorHasContextNoteAndOurWording() {
        let (result, _, fixture) = parse("1️⃣activities:\n  a: b\n 2️⃣c: d\n")
        let diagnostic = try! #require(result.diagnostics.first)
        #expect(diagnostic.message == "expected a key at this indentation")
        #expect(diagnostic.location.start == fixture.position(of: "2️⃣", in: result.source))
        #expect(diagnostic.notes.first?.message == "while reading the block mapping that starts here")
        #expect(diagnostic.notes.first?.location?.start == fixture.position(of: "1️⃣", in: result.source))
        #expect(result.document == nil)
    }

    @Test func unclosedQuoteNoteSaysNotClosed() {
        let (result, _, fixture) = parse("a: 1️⃣\"abc\n")
        let diagnostic = try! #require(result.diagnostics.first)
        #expect(diagnostic.message == "unexpected end of file")
        #expect(diagnostic.notes.first?.message == "the quoted scalar that starts here is not closed")
        #expect(diagnostic.notes.first?.location?.start == fixture.position(of: "1️⃣", in: result.source))
    }

    @Test func invalidUTF8IsLocatedFromTheByteOffset() {
        var bytes = Array("ferry: 1\nprocess: caf".utf8)
        bytes.append(0xE9) // Latin-1 "é"
        bytes += Array("\n".utf8)
        let result = YAMLParser().parse(bytes, path: "m.yaml")
        #expect(result.diagnostics.map(\.code) == [.yamlInvalidUTF8])
        #expect(result.diagnostics.first?.location.start == SourcePosition(line: 2, column: 13, offset: 21))
        #expect(result.diagnostics.first?.message == "invalid UTF-8 (0xE9); mapping files must be UTF-8")
        #expect(result.document == nil)
    }

    @Test(arguments: [
        ([0xFF, 0xFE, 0x61, 0x00] as [UInt8], "UTF-16 (little-endian)"),
        ([0xFE, 0xFF, 0x00, 0x61], "UTF-16 (big-endian)"),
    ])
    func utf16IsRejected(_ bytes: [UInt8], _ name: String) {
        let result = YAMLParser().parse(bytes, path: "m.yaml")
        #expect(result.diagnostics.map(\.code) == [.yamlUnsupportedEncoding])
        #expect(result.diagnostics.first?.message == "file is encoded as \(name); mapping files must be UTF-8")
    }

    @Test func fileOverTheSizeLimitIsRefusedNamingTheLimit() {
        let text = String(repeating: "key: value\n", count: 200)
        let result = YAMLParser(limits: .init(maxBytes: 1024)).parse(Array(text.utf8), path: "m.yaml")
        #expect(result.diagnostics.map(\.code) == [.fileTooLarge])
        #expect(result.diagnostics.first?.message == "file is 2.1 KiB, over the 1 KiB limit for mapping files")
        #expect(result.diagnostics.first?.location.start == .start)
    }

    @Test func deepFlowNestingFailsAtTheBound() {
        let text = String(repeating: "[", count: 100_000)
        let result = YAMLParser().parse(Array(text.utf8), path: "m.yaml")
        #expect(result.diagnostics.map(\.code) == [.yamlTooDeep])
        // The 65th '[' opens the level past the bound of 64.
        #expect(result.diagnostics.first?.location.start == SourcePosition(line: 1, column: 65, offset: 64))
    }

    @Test func deepBlockNestingFailsAtTheBound() {
        var text = ""
        for level in 0..<200 {
            text += String(repeating: " ", count: level) + "k\(level):\n"
        }
        let result = YAMLParser().parse(Array(text.utf8), path: "m.yaml")
        #expect(result.diagnostics.map(\.code) == [.yamlTooDeep])
        // k0 opens level 1 on line 1, so the mapping under k63 (line 65) is level 65.
        #expect(result.diagnostics.first?.location.start.line == 65)
    }

    @Test func aliasBombIsRejectedWithoutExpansion() {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (index, name) in "bcdefghi".enumerated() {
            let previous = Array("abcdefghi")[index]
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let result = YAMLParser().parse(Array(text.utf8), path: "m.yaml")
        #expect(result.diagnostics.allSatisfy { $0.code == .yamlAnchorOrAlias })
        #expect(result.diagnostics.count == 9 + 8 * 9)
    }
}

@Suite("YAML syntax layer: the node tree")
struct YAMLTreeTests {
    @Test func scalarsAreReadByPositionNotByYAML11() throws {
        let (result, _, _) = parse("""
            from: 1.10
            country: NO
            enabled: on
            zip: 012
            quoted: "yes"
            """)
        #expect(result.diagnostics.isEmpty)
        guard case .mapping(let mapping)? = result.document?.root else {
            Issue.record("expected a mapping")
            return
        }
        let values = mapping.entries.map { entry -> String in
            guard case .scalar(let scalar) = entry.value else { return "?" }
            return "\(scalar.value)/\(scalar.style.rawValue)"
        }
        #expect(values == ["1.10/plain", "NO/plain", "on/plain", "012/plain", "yes/doubleQuoted"])
    }

    @Test func spansCoverNodesInScalarColumns() {
        let (result, _, fixture) = parse("1️⃣ключ: 2️⃣значение3️⃣\nlist: 4️⃣[a, 5️⃣'b']6️⃣\n")
        guard case .mapping(let mapping)? = result.document?.root else {
            Issue.record("expected a mapping")
            return
        }
        let source = result.source
        #expect(mapping.range.start == fixture.position(of: "1️⃣", in: source))
        guard case .scalar(let value) = mapping.entries[0].value else { return }
        #expect(value.range.start == fixture.position(of: "2️⃣", in: source))
        #expect(value.range.start.column == 7)
        #expect(value.range.end == fixture.position(of: "3️⃣", in: source))
        guard case .sequence(let list) = mapping.entries[1].value else { return }
        #expect(list.style == .flow)
        #expect(list.range.start == fixture.position(of: "4️⃣", in: source))
        #expect(list.range.end == fixture.position(of: "6️⃣", in: source))
        guard case .scalar(let quoted) = list.items[1] else { return }
        #expect(quoted.style == .singleQuoted)
        #expect(quoted.range.start == fixture.position(of: "5️⃣", in: source))
        #expect(quoted.sourceText(in: source) == "'b'")
    }

    @Test func mappingsKeepKeyOrderAndBlockStyle() {
        let (result, _, _) = parse("z: 1\na:\n  - x\n  - y: 2\nm: |\n  text\n")
        guard case .mapping(let mapping)? = result.document?.root else {
            Issue.record("expected a mapping")
            return
        }
        #expect(mapping.entries.map(\.key.value) == ["z", "a", "m"])
        #expect(mapping.style == .block)
        guard case .sequence(let list) = mapping.entries[1].value else { return }
        #expect(list.items.count == 2)
        #expect(list.style == .block)
        guard case .scalar(let literal) = mapping.entries[2].value else { return }
        #expect(literal.value == "text\n")
        #expect(literal.style == .literal)
    }

    @Test func explicitTagsAreKept() {
        let (result, _, _) = parse("a: !!str 12\n")
        guard case .mapping(let mapping)? = result.document?.root,
              case .scalar(let scalar) = mapping.entries[0].value else {
            Issue.record("expected a scalar")
            return
        }
        #expect(scalar.tag == "tag:yaml.org,2002:str")
        #expect(scalar.value == "12")
    }

    @Test func valuesAreDecodedWhereTheyDifferFromTheText() {
        let (result, _, _) = parse("""
            plain: some words
            folded: first
              second
            single: 'it''s'
            double: "tab\\there é"
            literal: |
              kept
            tagged: !!str 12
            empty:
            "é": ok
            """)
        #expect(result.diagnostics.isEmpty)
        guard case .mapping(let mapping)? = result.document?.root else {
            Issue.record("expected a mapping")
            return
        }
        let values = mapping.entries.map { entry -> String in
            guard case .scalar(let scalar) = entry.value else { return "?" }
            return "\(entry.key.value)=\(scalar.value)"
        }
        #expect(values == [
            "plain=some words", "folded=first second", "single=it's", "double=tab\there é",
            "literal=kept\n", "tagged=12", "empty=", "é=ok",
        ])
        #expect(mapping.entry(forKey: "tagged")?.key.tag == nil)
        #expect(mapping.entries.map(\.value).compactMap { node -> String? in
            guard case .scalar(let scalar) = node else { return nil }
            return scalar.tag
        } == ["tag:yaml.org,2002:str"])
    }

    @Test func equalTextGivesEqualTrees() {
        let text = "a: [1, {b: c}]\nd: e\n"
        let first = YAMLParser().parse(Array(text.utf8), path: "m.yaml").document?.root
        let second = YAMLParser().parse(Array(text.utf8), path: "m.yaml").document?.root
        let other = YAMLParser().parse(Array("a: [1, {b: x}]\nd: e\n".utf8), path: "m.yaml").document?.root
        #expect(first != nil)
        #expect(first == second)
        #expect(first?.hashValue == second?.hashValue)
        #expect(first != other)
    }

    @Test func utf8ByteOrderMarkIsAcceptedAndNotCounted() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\nb: [\n".utf8)
        let result = YAMLParser().parse(bytes, path: "m.yaml")
        #expect(result.diagnostics.map(\.code) == [.yamlSyntax])
        let (clean, _, _) = parse("a: 1\n")
        let withBOM = YAMLParser().parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), path: "m.yaml")
        #expect(withBOM.diagnostics.isEmpty)
        guard case .mapping(let mapping)? = withBOM.document?.root, case .mapping(let plain)? = clean.document?.root else {
            Issue.record("expected mappings")
            return
        }
        #expect(mapping.entries[0].key.range.start == SourcePosition(line: 1, column: 1, offset: 3))
        #expect(plain.entries[0].key.range.start == SourcePosition(line: 1, column: 1, offset: 0))
    }

    @Test func crlfAndUnicodeLineBreaksMatchLibyamlLines() {
        let (result, _, _) = parse("a: 1\r\nb: 2\u{2028}c: 3\n")
        guard case .mapping(let mapping)? = result.document?.root else {
            Issue.record("expected a mapping")
            return
        }
        #expect(mapping.entries.map(\.key.range.start.line) == [1, 2, 3])
        #expect(mapping.entries[2].key.range.start.column == 1)
    }
}
