import Testing
import FerryDiagnostics
import FerrySyntax

private let bpmnNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL"
private let camundaNamespace = "http://camunda.org/schema/1.0/bpmn"
private let zeebeNamespace = "http://camunda.org/schema/zeebe/1.0"

@Suite struct XMLReaderTests {
    private static let camundaModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1">
          <bpmn:process id="invoice" 1️⃣camunda:versionTag="2️⃣1.4.23️⃣"4️⃣ isExecutable="true">
            <bpmn:serviceTask id="charge" name="Charge card">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="charge-card" />
              </bpmn:extensionElements>
            </bpmn:serviceTask>
          </bpmn:process>
        </bpmn:definitions>
        """

    @Test func namespacesAreResolved() throws {
        let marked = MarkedText(Self.camundaModel)
        let source = SourceFile(path: "invoice.bpmn", text: marked.text)
        let (root, diagnostics) = XMLReader().parseDocument(source)
        #expect(diagnostics.isEmpty)
        let definitions = try #require(root)
        #expect(definitions.name.matches("definitions", in: bpmnNamespace))
        #expect(definitions.name.prefix == "bpmn")
        #expect(definitions.name.qualifiedName == "bpmn:definitions")

        let process = try #require(definitions.firstChild("process", in: bpmnNamespace))
        let versionTag = try #require(process.attribute("versionTag", in: camundaNamespace))
        #expect(versionTag.value == "1.4.2")
        #expect(versionTag.name.prefix == "camunda")
        #expect(process.attribute("versionTag") == nil)
        #expect(process.attribute("id")?.value == "invoice")
        #expect(process.attribute("id")?.name.namespace == nil)

        let task = try #require(process.firstChild("serviceTask", in: bpmnNamespace))
        let definition = try #require(
            task.firstChild("extensionElements", in: bpmnNamespace)?.firstChild("taskDefinition", in: zeebeNamespace)
        )
        #expect(definition.attribute("type")?.value == "charge-card")
    }

    @Test func attributeRangesPointAtTheValue() throws {
        let marked = MarkedText(Self.camundaModel)
        let source = SourceFile(path: "invoice.bpmn", text: marked.text)
        let process = try #require(XMLReader().parseDocument(source).root?.firstChild("process", in: bpmnNamespace))
        let versionTag = try #require(process.attribute("versionTag", in: camundaNamespace))
        #expect(versionTag.valueRange.start == marked.position(of: "2️⃣", in: source))
        #expect(versionTag.valueRange.end == marked.position(of: "3️⃣", in: source))
        #expect(versionTag.range.start == marked.position(of: "1️⃣", in: source))
        #expect(versionTag.range.end == marked.position(of: "4️⃣", in: source))
        #expect((versionTag.valueRange.start.line, versionTag.valueRange.start.column) == (5, 50))
        #expect(versionTag.valueLocation.file == "invoice.bpmn")
        #expect(source.bytes[versionTag.valueByteRange].elementsEqual("1.4.2".utf8))
    }

    @Test func namespaceDeclarationsAreNotAttributes() throws {
        let source = SourceFile(path: "invoice.bpmn", text: MarkedText(Self.camundaModel).text)
        let root = try #require(XMLReader().parseDocument(source).root)
        #expect(root.attributes.map(\.name.qualifiedName) == ["id"])
        #expect(root.namespaceDeclarations.map(\.prefix) == ["bpmn", "camunda", "zeebe"])
        #expect(root.namespaceDeclarations.map(\.uri) == [bpmnNamespace, camundaNamespace, zeebeNamespace])
        let camunda = root.namespaceDeclarations[1]
        #expect(source.bytes[camunda.byteRange].elementsEqual(#"xmlns:camunda="http://camunda.org/schema/1.0/bpmn""#.utf8))
        #expect((camunda.range.start.line, camunda.range.start.column) == (3, 19))
    }

    @Test func defaultNamespaceAppliesToElementsNotAttributes() throws {
        let text = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:c="urn:c">
              <process id="p" c:x="1"><inner xmlns=""/></process>
            </definitions>
            """
        let root = try #require(XMLReader().parseDocument(SourceFile(path: "d.bpmn", text: text)).root)
        #expect(root.name.matches("definitions", in: bpmnNamespace))
        #expect(root.name.prefix == nil)
        #expect(root.namespaceDeclarations.map(\.prefix) == [nil, "c"])
        let process = try #require(root.firstChild("process", in: bpmnNamespace))
        #expect(process.attributes.map(\.name) == [
            XMLName(namespace: nil, localName: "id"),
            XMLName(namespace: "urn:c", localName: "x", prefix: "c"),
        ])
        // `xmlns=""` takes unprefixed names back out of any namespace.
        #expect(process.firstChild("inner", in: nil) != nil)
        #expect(process.children.first?.namespaceDeclarations.first?.uri == "")
    }

    @Test func theXMLPrefixIsAlwaysBound() throws {
        let root = try #require(XMLReader().parseDocument(SourceFile(path: "x.bpmn", text: #"<a xml:lang="de"/>"#)).root)
        #expect(root.attribute("lang", in: "http://www.w3.org/XML/1998/namespace")?.value == "de")
    }

    @Test func startTagPositionsCountScalarsOnLaterLines() throws {
        let marked = MarkedText("<a>\n  ключ 😀 1️⃣<b c=\"2️⃣значение3️⃣\" d='4️⃣x5️⃣'/>6️⃣ 7️⃣<e\n   f=\"8️⃣y\"\n>9️⃣</e></a>")
        let source = SourceFile(path: "p.bpmn", text: marked.text)
        var tags: [XMLStartTag] = []
        let diagnostics = XMLReader().read(source) { event in
            if case .startElement(let tag) = event { tags.append(tag) }
        }
        #expect(diagnostics.isEmpty)
        #expect(tags.map(\.name.localName) == ["a", "b", "e"])
        let b = tags[1]
        #expect(source.range(of: b.byteRange).start == marked.position(of: "1️⃣", in: source))
        #expect(source.range(of: b.byteRange).end == marked.position(of: "6️⃣", in: source))
        // "  ключ 😀 " is nine scalars.
        #expect((source.range(of: b.byteRange).start.line, source.range(of: b.byteRange).start.column) == (2, 10))
        #expect(b.isEmptyElementTag)
        let c = try #require(b.attribute("c"))
        #expect(c.valueRange.start == marked.position(of: "2️⃣", in: source))
        #expect(c.valueRange.end == marked.position(of: "3️⃣", in: source))
        #expect(c.valueRange.start.column == 16)
        #expect(c.valueRange.end.column == 24)
        #expect(c.value == "значение")
        let d = try #require(b.attribute("d"))
        #expect(d.valueRange.start == marked.position(of: "4️⃣", in: source))
        #expect(d.valueRange.end == marked.position(of: "5️⃣", in: source))

        let e = tags[2]
        #expect(source.range(of: e.byteRange).start == marked.position(of: "7️⃣", in: source))
        #expect(source.range(of: e.byteRange).end == marked.position(of: "9️⃣", in: source))
        #expect(e.attribute("f")?.valueRange.start == marked.position(of: "8️⃣", in: source))
        #expect(e.attribute("f")?.valueRange.start.line == 3)
    }

    @Test func positionsAfterAByteOrderMarkAndCRLF() throws {
        let marked = MarkedText("<a>\r\n\r\n  1️⃣<b x=\"2️⃣1\"/></a>")
        let source = SourceFile(path: "crlf.bpmn", bytes: [0xEF, 0xBB, 0xBF] + marked.bytes)
        var startTags: [XMLStartTag] = []
        #expect(XMLReader().read(source) { if case .startElement(let tag) = $0 { startTags.append(tag) } }.isEmpty)
        let b = try #require(startTags.last)
        #expect(b.byteRange.lowerBound == marked.offsets["1️⃣"]! + 3)
        #expect(source.range(of: b.byteRange).start.line == 3)
        #expect(source.range(of: b.byteRange).start.column == 3)
        #expect(b.attribute("x")?.valueByteRange.lowerBound == marked.offsets["2️⃣"]! + 3)
    }

    @Test func attributeValuesAreDecoded() throws {
        let marked = MarkedText(
            #"<a t="1️⃣x &amp; y2️⃣" u="&#38;" v="&lt;&#x41;&gt;" w="a"# + "\t" + #"b" q='"' e=""/>"#
        )
        let source = SourceFile(path: "v.bpmn", text: marked.text)
        let root = try #require(XMLReader().parseDocument(source).root)
        #expect(root.attributes.map(\.value) == ["x & y", "&", "<A>", "a b", "\"", ""])
        // A value with references still points at its text as written.
        let t = try #require(root.attribute("t"))
        #expect(t.valueRange.start == marked.position(of: "1️⃣", in: source))
        #expect(t.valueRange.end == marked.position(of: "2️⃣", in: source))
        #expect(root.attribute("e")?.valueByteRange.isEmpty == true)
    }

    @Test func textCDATAAndReferences() throws {
        let marked = MarkedText("<a>1️⃣x 2️⃣&lt;3️⃣ y<![CDATA[4️⃣<b>&amp;5️⃣]]>&#x20AC;ü</a>")
        let source = SourceFile(path: "t.bpmn", text: marked.text)
        var texts: [XMLText] = []
        #expect(XMLReader().read(source) { if case .text(let text) = $0 { texts.append(text) } }.isEmpty)
        #expect(texts.map(\.text).joined() == "x < y<b>&amp;€ü")
        #expect(texts.first?.text == "x ")
        #expect(texts.first?.byteRange == marked.offsets["1️⃣"]! ..< marked.offsets["2️⃣"]!)
        #expect(texts.first(where: { $0.text == "<" })?.byteRange == nil)
        let cdata = try #require(texts.first { $0.isCDATA })
        #expect(cdata.text == "<b>&amp;")
        #expect(cdata.byteRange == marked.offsets["4️⃣"]! ..< marked.offsets["5️⃣"]!)
        #expect(texts.filter(\.isCDATA).count == 1)
        // Every range a text has is exactly its characters.
        for text in texts {
            if let range = text.byteRange {
                #expect(source.bytes[range].elementsEqual(text.text.utf8))
            }
        }

        let root = try #require(XMLReader().parseDocument(source).root)
        #expect(root.text == "x < y<b>&amp;€ü")
    }

    @Test func nonASCIITextHasARangeWhenVerbatim() throws {
        let marked = MarkedText("<a>\n  <b>1️⃣Rechnung prüfen2️⃣</b>\n</a>")
        let source = SourceFile(path: "t.bpmn", text: marked.text)
        var texts: [XMLText] = []
        _ = XMLReader().read(source) { if case .text(let text) = $0 { texts.append(text) } }
        // libxml2 hands the ASCII start and the rest over separately; both are verbatim.
        let label = texts.dropFirst().dropLast()
        #expect(label.map(\.text).joined() == "Rechnung prüfen")
        let ranges = try label.map { try #require($0.byteRange) }
        #expect(ranges.first?.lowerBound == marked.offsets["1️⃣"]!)
        #expect(ranges.last?.upperBound == marked.offsets["2️⃣"]!)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(source.range(of: ranges.last!).end.column == 21)
    }

    @Test func lineBreaksInTextAreNormalised() throws {
        let source = SourceFile(path: "n.bpmn", text: "<a>one\r\ntwo\rthree</a>")
        let root = try #require(XMLReader().parseDocument(source).root)
        #expect(root.text == "one\ntwo\nthree")
    }

    @Test func eventsComeInDocumentOrder() {
        let marked = MarkedText("<?xml version=\"1.0\"?>\n<!-- c -->1️⃣<a>2️⃣<b/>3️⃣<?pi x?>4️⃣</a>5️⃣")
        let source = SourceFile(path: "o.bpmn", text: marked.text)
        var log: [String] = []
        _ = XMLReader().read(source) { event in
            switch event {
            case .startElement(let tag): log.append("start \(tag.name) \(tag.byteRange)")
            case .endElement(let tag): log.append("end \(tag.name) \(tag.byteRange)")
            case .text(let text): log.append("text \(text.text)")
            }
        }
        let o = marked.offsets
        #expect(log == [
            "start a \(o["1️⃣"]! ..< o["2️⃣"]!)",
            "start b \(o["2️⃣"]! ..< o["3️⃣"]!)",
            "end b \(o["3️⃣"]! ..< o["3️⃣"]!)",
            "end a \(o["4️⃣"]! ..< o["5️⃣"]!)",
        ])
    }

    @Test func endTagRangesAllowSpaceBeforeTheBracket() {
        let marked = MarkedText("<a><bpmn:b xmlns:bpmn=\"urn:b\">1️⃣</bpmn:b >2️⃣</a>")
        let source = SourceFile(path: "s.bpmn", text: marked.text)
        var ends: [XMLEndTag] = []
        _ = XMLReader().read(source) { if case .endElement(let tag) = $0 { ends.append(tag) } }
        #expect(ends.first?.byteRange == marked.offsets["1️⃣"]! ..< marked.offsets["2️⃣"]!)
        #expect(ends.first?.name.namespace == "urn:b")
    }

    @Test func theTreeHasTheDocumentsShape() throws {
        let marked = MarkedText("""
            1️⃣<process id="p">
              2️⃣<task id="t1">3️⃣<name>Check</name><name>ed</name></task>4️⃣
              <task id="t2"/>
              <flow source="t1" target="t2">yes</flow>
            </process>5️⃣
            """)
        let source = SourceFile(path: "tree.bpmn", text: marked.text)
        let (root, diagnostics) = XMLReader().parseDocument(source)
        #expect(diagnostics.isEmpty)
        let process = try #require(root)
        #expect(process.children.map(\.name.localName) == ["task", "task", "flow"])
        #expect(process.children("task", in: nil).compactMap { $0.attribute("id")?.value } == ["t1", "t2"])
        #expect(process.children[2].text == "yes")
        #expect(process.text.allSatisfy { $0 == " " || $0 == "\n" })
        let first = process.children[0]
        #expect(first.children.map(\.text) == ["Check", "ed"])
        #expect(first.startTagRange.start == marked.position(of: "2️⃣", in: source))
        #expect(first.startTagRange.end == marked.position(of: "3️⃣", in: source))
        #expect(first.range.end == marked.position(of: "4️⃣", in: source))
        #expect(first.startTagLocation.file == "tree.bpmn")
        #expect(process.range.start == marked.position(of: "1️⃣", in: source))
        #expect(process.range.end == marked.position(of: "5️⃣", in: source))
        #expect(process.children[1].range == process.children[1].startTagRange)
    }

    @Test func parsingTwiceGivesEqualValues() {
        let source = SourceFile(path: "invoice.bpmn", text: MarkedText(Self.camundaModel).text)
        #expect(XMLReader().parseDocument(source).root == XMLReader().parseDocument(source).root)
    }

    @Test func readersRunConcurrently() async {
        let source = SourceFile(path: "invoice.bpmn", text: MarkedText(Self.camundaModel).text)
        let expected = XMLReader().parseDocument(source).root
        let broken = SourceFile(path: "broken.bpmn", text: "<a><b></a>")
        await withTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    if index % 2 == 0 {
                        return XMLReader().parseDocument(source).root == expected
                    }
                    return XMLReader().parseDocument(broken).diagnostics.map(\.message)
                        == ["Opening and ending tag mismatch: b line 1 and a"]
                }
            }
            for await ok in group {
                #expect(ok)
            }
        }
    }

    @Test func largeFilesParse() throws {
        // Over libxml2's 10 MB lookup limit for pushed input, which the memory parser does not have.
        var text = "<process>\n"
        let task = "  <task id=\"Task_0000000\" name=\"A task with a reasonably long name\"/>\n"
        text.reserveCapacity(12_100_000)
        var tasks = 0
        while text.utf8.count < 12_000_000 {
            text += task
            tasks += 1
        }
        text += "</process>\n"
        let (root, diagnostics) = XMLReader().parseDocument(SourceFile(path: "large.bpmn", text: text))
        #expect(diagnostics.isEmpty)
        #expect(root?.children.count == tasks)
    }
}
