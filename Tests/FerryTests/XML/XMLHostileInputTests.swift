import Testing
import FerryDiagnostics
@testable import FerrySyntax

/// One malformed or hostile document, with the diagnostics expected at its markers.
struct HostileXMLCase: CustomTestStringConvertible, Sendable {
    let name: String
    let marked: String
    let expected: [MarkedCode]
    /// libxml2's exact message, where the test pins it.
    let message: String?

    init(_ name: String, _ marked: String, _ expected: [MarkedCode], message: String? = nil) {
        self.name = name
        self.marked = marked
        self.expected = expected
        self.message = message
    }

    var testDescription: String { name }
}

@Suite struct XMLHostileInputTests {
    static let cases: [HostileXMLCase] = [
        HostileXMLCase(
            "mismatched end tag", "<a>\n  <b>\n</a>1️⃣\n", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Opening and ending tag mismatch: b line 2 and a"
        ),
        HostileXMLCase(
            "unclosed element", "<a><b>text1️⃣", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Premature end of data in tag b line 1"
        ),
        HostileXMLCase(
            "duplicate attribute", #"<a b="1" b="2"1️⃣/>"#, [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Attribute b redefined"
        ),
        HostileXMLCase(
            "unbound element prefix", "<p:a1️⃣/>", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Namespace prefix p on a is not defined"
        ),
        HostileXMLCase(
            "unbound attribute prefix", #"<a p:b="1"1️⃣/>"#, [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Namespace prefix p for b on a is not defined"
        ),
        HostileXMLCase(
            "unquoted attribute value", "<a b=1️⃣1/>", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: #"AttValue: " or ' expected"#
        ),
        HostileXMLCase(
            "attributes without space between", #"<a b="1"1️⃣c="2"/>"#, [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "attributes construct error"
        ),
        HostileXMLCase(
            "NUL byte in text", "<a>x1️⃣\u{0}y</a>", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Char 0x0 out of allowed range"
        ),
        HostileXMLCase("empty file", "1️⃣", [MarkedCode("1️⃣", .xmlNotWellFormed)], message: "Document is empty"),
        HostileXMLCase(
            "only whitespace", "  1️⃣", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Start tag expected, '<' not found"
        ),
        HostileXMLCase(
            "text after the root element", "<a/>1️⃣x", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Extra content at the end of the document"
        ),
        HostileXMLCase(
            "second root element", "<a/>\n1️⃣<b/>", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Extra content at the end of the document"
        ),
        HostileXMLCase(
            "undefined entity in text", "<a>&foo;1️⃣</a>", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Entity 'foo' not defined"
        ),
        HostileXMLCase(
            "undefined entity in an attribute", #"<a b="&foo;1️⃣"/>"#, [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "Entity 'foo' not defined"
        ),
        HostileXMLCase(
            "character reference to NUL", "<a>&#0;1️⃣</a>", [MarkedCode("1️⃣", .xmlNotWellFormed)],
            message: "xmlParseCharRef: invalid xmlChar value 0"
        ),
        HostileXMLCase(
            "merge conflict marker", "<a>\n<1️⃣<<<<<< HEAD\n</a>", [MarkedCode("1️⃣", .xmlNotWellFormed)]
        ),
        HostileXMLCase(
            "billion laughs",
            """
            <?xml version="1.0"?>
            1️⃣<!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <lolz>&lol9;</lolz>
            """,
            [MarkedCode("1️⃣", .xmlDoctypeForbidden)]
        ),
        HostileXMLCase(
            "external DTD", #"1️⃣<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>"#, [MarkedCode("1️⃣", .xmlDoctypeForbidden)]
        ),
        HostileXMLCase("empty DOCTYPE", "<!-- x -->\n1️⃣<!DOCTYPE a><a/>", [MarkedCode("1️⃣", .xmlDoctypeForbidden)]),
    ]

    @Test(arguments: cases)
    func hostileInputIsDiagnosedAtItsMarker(_ testCase: HostileXMLCase) {
        let marked = MarkedText(testCase.marked)
        let source = SourceFile(path: "hostile.bpmn", text: marked.text)
        var events: [XMLEvent] = []
        let diagnostics = XMLReader().read(source) { events.append($0) }
        #expect(marked.markedCodes(diagnostics, in: source) == testCase.expected)
        if let message = testCase.message {
            #expect(diagnostics.first?.message == message)
        }
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.location.file == "hostile.bpmn" })
        #expect(XMLReader().parseDocument(source).root == nil)
    }

    @Test func tagMismatchHasANoteAtTheOpenElement() throws {
        let marked = MarkedText("<a>\n  1️⃣<b>\n</a>2️⃣")
        let source = SourceFile(path: "m.bpmn", text: marked.text)
        let diagnostic = try #require(XMLReader().read(source) { _ in }.first)
        #expect(diagnostic.location.start == marked.position(of: "2️⃣", in: source))
        #expect(diagnostic.location.start.line == 3 && diagnostic.location.start.column == 5)
        #expect(diagnostic.notes.map(\.message) == ["the element was opened here"])
        #expect(diagnostic.notes.first?.location?.start == marked.position(of: "1️⃣", in: source))
    }

    @Test func invalidUTF8IsReportedAtTheBadByte() throws {
        let bytes = Array("<a>\nok ".utf8) + [0xFF] + Array("</a>".utf8)
        let source = SourceFile(path: "bad.bpmn", bytes: bytes)
        let diagnostics = XMLReader().read(source) { _ in }
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == .xmlNotWellFormed)
        #expect(diagnostic.message == "Input is not proper UTF-8, indicate encoding !")
        #expect(diagnostic.notes.map(\.message) == ["Bytes: 0xFF 0x3C 0x2F 0x61"])
        #expect(diagnostic.location.start.offset == 7)
        #expect((diagnostic.location.start.line, diagnostic.location.start.column) == (2, 4))
    }

    @Test func aTruncatedMultiByteCharacterIsNotWellFormed() {
        let bytes = Array("<a>caf".utf8) + [0xC3] + Array("</a>".utf8)
        let diagnostics = XMLReader().read(SourceFile(path: "t.bpmn", bytes: bytes)) { _ in }
        #expect(diagnostics.map(\.code) == [.xmlNotWellFormed])
    }

    @Test func externalEntitiesAreNeverRead() {
        // The entity names a real file; if anything read it, its content would show up as text.
        let documents = [
            #"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#,
            #"<!DOCTYPE a [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><a/>"#,
            #"<!DOCTYPE a PUBLIC "-//X//Y" "http://127.0.0.1:9/x.dtd"><a/>"#,
            #"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a b="&x;"/>"#,
        ]
        for document in documents {
            let source = SourceFile(path: "xxe.bpmn", text: document)
            var texts: [String] = []
            let diagnostics = XMLReader().read(source) { event in
                if case .text(let text) = event { texts.append(text.text) }
            }
            #expect(diagnostics.map(\.code) == [.xmlDoctypeForbidden])
            #expect(diagnostics.first?.location.start.offset == 0)
            #expect(texts.isEmpty)
            #expect(!diagnostics.contains { $0.message.contains("root:") || $0.notes.contains { $0.message.contains("root:") } })
        }
    }

    @Test func billionLaughsStopsBeforeAnyEntityIsDeclared() {
        let lines = (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let document = "<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">" + lines.joined() + "]><lolz>&lol9;</lolz>"
        let clock = ContinuousClock()
        var eventCount = 0
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure {
            diagnostics = XMLReader().read(SourceFile(path: "lol.bpmn", text: document)) { _ in eventCount += 1 }
        }
        #expect(diagnostics.map(\.code) == [.xmlDoctypeForbidden])
        #expect(eventCount == 0)
        #expect(elapsed < .seconds(1))
    }

    @Test func deepNestingStopsAtTheLimit() throws {
        let depth = 100_000
        let document = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let source = SourceFile(path: "deep.bpmn", text: document)
        var starts = 0
        var diagnostics: [Diagnostic] = []
        let elapsed = ContinuousClock().measure {
            diagnostics = XMLReader().read(source) { event in
                if case .startElement = event { starts += 1 }
            }
        }
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == .xmlTooDeep)
        #expect(diagnostic.message == "element 'a' is nested 257 levels deep, over the limit of 256")
        // The 257th `<a>` starts after 256 of them.
        #expect(diagnostic.location.start.offset == 256 * 3)
        #expect(diagnostic.location.end.offset == 257 * 3)
        #expect(starts == 256)
        #expect(elapsed < .seconds(2))
    }

    @Test func aSmallerDepthLimitIsHonoured() {
        let source = SourceFile(path: "d.bpmn", text: "<a><b><c><d/></c></b></a>")
        let diagnostics = XMLReader(limits: .init(maxDepth: 3)).read(source) { _ in }
        #expect(diagnostics.map(\.code) == [.xmlTooDeep])
        #expect(diagnostics.first?.location.start.column == 10)
        #expect(XMLReader(limits: .init(maxDepth: 4)).read(source) { _ in }.isEmpty)
    }

    @Test func oversizedFilesAreRefusedBeforeParsing() throws {
        let document = "<a>" + String(repeating: "x", count: 1529) + "</a>"  // 1536 bytes
        let source = SourceFile(path: "big.bpmn", text: document)
        var events = 0
        let diagnostics = XMLReader(limits: .init(maxBytes: 1024)).read(source) { _ in events += 1 }
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == .fileTooLarge)
        #expect(diagnostic.message == "file is 1.5 KiB, over the 1 KiB limit for process definitions")
        #expect(diagnostic.location.start == SourcePosition(line: 1, column: 1, offset: 0))
        #expect(events == 0)
        #expect(XMLReader(limits: .init(maxBytes: 1536)).read(source) { _ in }.isEmpty)
    }

    @Test func sizesReadAsInTheCatalogue() {
        #expect(XMLReader.describeSize(70 * 1024 * 1024, roundingUp: true) == "70.0 MiB")
        #expect(XMLReader.describeSize(64 * 1024 * 1024 + 1, roundingUp: true) == "64.1 MiB")
        #expect(XMLReader.describeSize(64 * 1024 * 1024, roundingUp: false) == "64 MiB")
        #expect(XMLReader.describeSize(900, roundingUp: true) == "900 bytes")
        #expect(XMLReader.Limits().maxBytes == 67_108_864)
        #expect(XMLReader.Limits().maxDepth == 256)
    }

    @Test func theFirstErrorEndsTheEvents() {
        let source = SourceFile(path: "e.bpmn", text: "<a><b/><c>t</a><d/>")
        var names: [String] = []
        let diagnostics = XMLReader().read(source) { event in
            switch event {
            case .startElement(let tag): names.append("<" + tag.name.qualifiedName)
            case .endElement(let tag): names.append("/" + tag.name.qualifiedName)
            case .text(let text): names.append(text.text)
            }
        }
        #expect(diagnostics.count == 1)
        #expect(names == ["<a", "<b", "/b", "<c", "t"])
    }

    @Test func namespaceWarningsAreNotFindings() {
        let source = SourceFile(
            path: "w.bpmn",
            text: #"<a xmlns:p="relative" xmlns:q="not a uri" xml:lang="??"><p:b/><q:c/></a>"#
        )
        var starts = 0
        let diagnostics = XMLReader().read(source) { event in
            if case .startElement = event { starts += 1 }
        }
        #expect(diagnostics.isEmpty)
        #expect(starts == 3)
    }

    @Test func nonUTF8EncodingsAreRefused() throws {
        let latin1 = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?>"#.utf8) + Array("\n<a>Gr".utf8) + [0xFC] + Array("n</a>".utf8)
        let latin1Diagnostics = XMLReader().read(SourceFile(path: "l.bpmn", bytes: latin1)) { _ in }
        let diagnostic = try #require(latin1Diagnostics.first)
        #expect(latin1Diagnostics.map(\.code) == [.xmlUnsupportedEncoding])
        #expect(diagnostic.message == "the file is encoded in ISO-8859-1, not UTF-8")
        #expect((diagnostic.location.start.column, diagnostic.location.end.column) == (21, 42))

        // UTF-16 with a byte-order mark, as Windows editors save "Unicode".
        let utf16: [UInt8] = [0xFF, 0xFE] + "<a>ü</a>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16Diagnostics = XMLReader().read(SourceFile(path: "u.bpmn", bytes: utf16)) { _ in }
        #expect(utf16Diagnostics.map(\.code) == [.xmlUnsupportedEncoding])
        #expect(utf16Diagnostics.first?.message == "the file is encoded in UTF-16LE, not UTF-8")

        // Bytes that are not UTF-16 at all fail in libxml2's converter, which reports without a
        // parser context; the reader still hears of it, and nothing is printed.
        let broken: [UInt8] = [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x3E, 0x00, 0x00, 0xD8, 0x41, 0x00]
        let brokenDiagnostics = XMLReader().read(SourceFile(path: "b.bpmn", bytes: broken)) { _ in }
        #expect(brokenDiagnostics.count == 1)
        #expect(brokenDiagnostics.first?.code == .xmlNotWellFormed)

        let unknown = #"<?xml version="1.0" encoding="no-such-encoding"?><a/>"#
        let unknownDiagnostics = XMLReader().read(SourceFile(path: "n.bpmn", text: unknown)) { _ in }
        #expect(unknownDiagnostics.map(\.message) == ["Unsupported encoding no-such-encoding"])
    }

    @Test func anASCIIFileMayDeclareALatinEncoding() throws {
        let marked = MarkedText(#"<?xml version="1.0" encoding="ISO-8859-1"?>"# + "\n<a>\n  <b c=\"1️⃣x2️⃣\">t</b>\n</a>")
        let source = SourceFile(path: "a.bpmn", text: marked.text)
        let (root, diagnostics) = XMLReader().parseDocument(source)
        #expect(diagnostics.isEmpty)
        let attribute = try #require(root?.firstChild("b", in: nil)?.attribute("c"))
        #expect(attribute.valueRange.start == marked.position(of: "1️⃣", in: source))
        #expect(attribute.valueRange.end == marked.position(of: "2️⃣", in: source))
        #expect(root?.firstChild("b", in: nil)?.text == "t")
    }
}
