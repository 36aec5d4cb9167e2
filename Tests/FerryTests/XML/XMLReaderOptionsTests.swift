import Testing
import FerryDiagnostics
import FerrySyntax

private let bpmnNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL"

/// The options that let a front end skip what it would only pass over, and the cheap accessors
/// the BPMN front end reads attributes with.
@Suite struct XMLReaderOptionsTests {
    private static let model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                          xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:v="urn:v" id="d">
          <bpmn:process id="p">
            <bpmn:userTask id="t" name="Review &amp; approve">
              <bpmn:documentation>Check</bpmn:documentation>
              <v:hint level="1">note<v:deeper>hidden</v:deeper></v:hint>
            </bpmn:userTask>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="diagram">
            <bpmndi:BPMNPlane id="plane">
              <bpmndi:BPMNShape id="shape"><dc:Bounds x="1" y="2"/><bpmn:task id="inDiagram"/></bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """

    /// Start and end tags as `<name` and `/name`, text as `"…"` (trimmed, empty runs left out).
    private static func events(
        includingText: Bool = true,
        elementsIn namespaces: Set<String>? = nil
    ) -> (events: [String], diagnostics: [Diagnostic]) {
        var events: [String] = []
        let source = SourceFile(path: "m.bpmn", text: model)
        let diagnostics = XMLReader().read(source, includingText: includingText, elementsIn: namespaces) { event in
            switch event {
            case .startElement(let tag): events.append("<" + tag.name.qualifiedName)
            case .endElement(let tag): events.append("/" + tag.name.qualifiedName)
            case .text(let text):
                let trimmed = text.text.filter { !$0.isWhitespace }
                if !trimmed.isEmpty { events.append("\"\(trimmed)\"") }
            }
        }
        return (events, diagnostics)
    }

    @Test func withoutTextOnlyTagsAreReported() {
        let all = Self.events()
        let tags = Self.events(includingText: false)
        #expect(all.diagnostics.isEmpty && tags.diagnostics.isEmpty)
        #expect(all.events.contains { $0.hasPrefix("\"") })
        #expect(tags.events == all.events.filter { !$0.hasPrefix("\"") })
    }

    @Test func onlyElementsInTheNamespacesAndTheirChildrenAreReported() {
        let (events, diagnostics) = Self.events(elementsIn: [bpmnNamespace])
        #expect(diagnostics.isEmpty)
        #expect(events == [
            "<bpmn:definitions",
            "<bpmn:process",
            "<bpmn:userTask",
            "<bpmn:documentation", "\"Check\"", "/bpmn:documentation",
            // A direct child in another namespace is reported, with its text; what is inside it
            // is not.
            "<v:hint", "\"note\"", "/v:hint",
            "/bpmn:userTask",
            "/bpmn:process",
            "<bpmndi:BPMNDiagram",
            // BPMN's own elements are reported wherever they stand.
            "<bpmn:task", "/bpmn:task",
            "/bpmndi:BPMNDiagram",
            "/bpmn:definitions",
        ])
    }

    @Test func ignoredElementsAndEverythingInsideThemAreNotReported() {
        let text = #"""
            <bpmn:definitions xmlns:bpmn="\#(bpmnNamespace)" xmlns:v="urn:v">
              <bpmn:process id="p">
                <bpmn:task id="t"><bpmn:incoming>f</bpmn:incoming><bpmn:outgoing><bpmn:task id="inside"/><v:x/></bpmn:outgoing></bpmn:task>
                <v:ext><bpmn:incoming>g</bpmn:incoming></v:ext>
              </bpmn:process>
            </bpmn:definitions>
            """#
        var events: [String] = []
        let source = SourceFile(path: "i.bpmn", text: text)
        let diagnostics = XMLReader().read(
            source,
            includingText: false,
            elementsIn: [bpmnNamespace],
            ignoring: [bpmnNamespace: ["incoming", "outgoing"]]
        ) { event in
            switch event {
            case .startElement(let tag): events.append("<" + tag.name.qualifiedName)
            case .endElement(let tag): events.append("/" + tag.name.qualifiedName)
            case .text: break
            }
        }
        #expect(diagnostics.isEmpty)
        #expect(events == [
            "<bpmn:definitions", "<bpmn:process",
            "<bpmn:task", "/bpmn:task",
            "<v:ext", "/v:ext",
            "/bpmn:process", "/bpmn:definitions",
        ])
        // Only the events go: an ignored element is still parsed and checked.
        let broken = SourceFile(path: "b.bpmn", text: #"<bpmn:definitions xmlns:bpmn="\#(bpmnNamespace)"><bpmn:incoming><a></bpmn:incoming></bpmn:definitions>"#)
        let reported = XMLReader().read(broken) { _ in }
        #expect(!reported.isEmpty)
        #expect(XMLReader().read(broken, elementsIn: [bpmnNamespace], ignoring: [bpmnNamespace: ["incoming"]]) { _ in } == reported)
    }

    @Test func skippedElementsStillCountForDepthAndErrors() throws {
        let deep = String(repeating: "<v:d>", count: 5) + String(repeating: "</v:d>", count: 5)
        let text = #"<bpmn:definitions xmlns:bpmn="\#(bpmnNamespace)" xmlns:v="urn:v"><v:x>\#(deep)</v:x></bpmn:definitions>"#
        let source = SourceFile(path: "deep.bpmn", text: text)
        let limits = XMLReader.Limits(maxDepth: 4)
        let everything = XMLReader(limits: limits).read(source) { _ in }
        let filtered = XMLReader(limits: limits).read(source, elementsIn: [bpmnNamespace]) { _ in }
        #expect(everything.map(\.code) == [.xmlTooDeep])
        #expect(filtered == everything)

        let mismatched = SourceFile(
            path: "bad.bpmn",
            text: #"<bpmn:definitions xmlns:bpmn="\#(bpmnNamespace)" xmlns:v="urn:v"><v:x><v:y a="1"></v:x></bpmn:definitions>"#
        )
        let reported = XMLReader().read(mismatched) { _ in }
        #expect(XMLReader().read(mismatched, elementsIn: [bpmnNamespace]) { _ in } == reported)
        #expect(try #require(reported.first).notes.contains { $0.message == "the element was opened here" })
    }

    @Test func attributePartsMatchTheAttribute() throws {
        let source = SourceFile(path: "m.bpmn", text: Self.model)
        var checked = 0
        _ = XMLReader().read(source) { event in
            guard case .startElement(let tag) = event else { return }
            for position in tag.attributes.indices {
                let attribute = tag.attributes[position]
                #expect(tag.attributes.name(at: position) == attribute.name)
                #expect(tag.attributes.nameParseIndex(at: position) == attribute.name.parseIndex)
                #expect(tag.attributes.value(at: position) == attribute.value)
                #expect(tag.attributes.valueByteRange(at: position) == attribute.valueByteRange)
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    @Test func equalNamesOfOneParseShareTheirIndex() {
        var nameByIndex: [Int: XMLName] = [:]
        var indicesOfUserTask: Set<Int> = []
        _ = XMLReader().read(SourceFile(path: "m.bpmn", text: Self.model)) { event in
            guard case .startElement(let tag) = event else { return }
            for name in [tag.name] + tag.attributes.map(\.name) {
                guard let index = name.parseIndex else { continue }
                #expect(nameByIndex[index, default: name] == name)
                nameByIndex[index] = name
                if name.matches("userTask", in: bpmnNamespace) { indicesOfUserTask.insert(index) }
            }
        }
        #expect(indicesOfUserTask.count == 1)
        #expect(XMLName(namespace: nil, localName: "id").parseIndex == nil)
    }
}

@Suite struct SourcePositionCursorTests {
    @Test(arguments: [
        "one\ntwo\r\nthree\rfour",
        "\u{FEFF}ünïcödé line\nascii line\n\u{2028}x\r\n",
        "",
        "<a>\n  <b é=\"1\"/>\n</a>\n",
    ])
    func agreesWithTheFile(text: String) {
        for lineBreaks in [SourceFile.LineBreaks.standard, .yaml] {
            let file = SourceFile(path: "f", text: text, lineBreaks: lineBreaks)
            var inOrder = SourcePositionCursor(file)
            var backwards = SourcePositionCursor(file)
            for offset in -1...(file.bytes.count + 1) {
                #expect(inOrder.position(atOffset: offset) == file.position(atOffset: offset))
            }
            for offset in (0...file.bytes.count).reversed() {
                #expect(backwards.position(atOffset: offset) == file.position(atOffset: offset))
            }
            var cursor = SourcePositionCursor(file)
            #expect(cursor.location(from: 0, to: file.bytes.count) == file.location(from: 0, to: file.bytes.count))
        }
    }

    /// Every kind of line break, non-ASCII text, and runs long enough for the eight-byte steps.
    @Test func agreesAcrossLineBreaksAndLongRuns() {
        let pieces = ["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "é", "ü\r", "abcdefghijklmnopq", "x"]
        var text = "\u{FEFF}"
        for index in 0..<200 {
            text += pieces[(index * 7) % pieces.count] + pieces[(index * 3) % pieces.count]
        }
        for lineBreaks in [SourceFile.LineBreaks.standard, .yaml] {
            let file = SourceFile(path: "f", text: text, lineBreaks: lineBreaks)
            var cursor = SourcePositionCursor(file)
            var stepping = SourcePositionCursor(file)
            for offset in 0...file.bytes.count {
                #expect(cursor.position(atOffset: offset) == file.position(atOffset: offset))
                if offset % 5 == 0 {
                    #expect(stepping.position(atOffset: offset) == file.position(atOffset: offset))
                }
            }
        }
    }
}
