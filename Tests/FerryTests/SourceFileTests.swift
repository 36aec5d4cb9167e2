import Testing
import FerryDiagnostics

@Suite struct SourceFileTests {
    @Test func positionsCountScalarsNotBytes() {
        let source = SourceFile(path: "a.yaml", text: "ключ: значение\nb: c\n")
        let afterColon = Array("ключ: ".utf8).count
        #expect(source.position(atOffset: afterColon) == SourcePosition(line: 1, column: 7, offset: afterColon))
        #expect(source.position(zeroBasedLine: 0, column: 6).offset == afterColon)
        #expect(source.position(zeroBasedLine: 1, column: 1) == SourcePosition(line: 2, column: 2, offset: afterColon + 18))
    }

    @Test func yamlLineBreaksIncludeUnicodeSeparators() {
        let text = "a\u{2028}b\u{85}c\r\nd\re"
        let yaml = SourceFile(path: "x", text: text, lineBreaks: .yaml)
        let standard = SourceFile(path: "x", text: text, lineBreaks: .standard)
        #expect(yaml.lineCount == 5)
        #expect(standard.lineCount == 3)
        #expect(yaml.text(ofLine: 1) == "a")
        #expect(yaml.text(ofLine: 3) == "c")
        #expect(yaml.text(ofLine: 5) == "e")
        #expect(standard.text(ofLine: 1) == "a\u{2028}b\u{85}c")
    }

    @Test func byteOrderMarkIsNotAColumn() {
        let source = SourceFile(path: "x", bytes: [0xEF, 0xBB, 0xBF] + Array("ab".utf8))
        #expect(source.position(atOffset: 4) == SourcePosition(line: 1, column: 2, offset: 4))
        #expect(source.position(zeroBasedLine: 0, column: 0).offset == 3)
        #expect(source.text(ofLine: 1) == "ab")
    }

    /// An XML file's table is built on first use; positions near the top are counted without it,
    /// and both ways agree.
    @Test func positionsAgreeBeforeAndAfterTheTableIsBuilt() {
        var text = "\u{FEFF}<a>\r\n"
        for index in 0..<3_000 {
            text += index % 3 == 0 ? "  <b é=\"\(index)\"/>\n" : "  <c x=\"\(index)\"/>\r"
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 2 * 16 * 1024)
        let unbuilt = SourceFile(path: "x", bytes: bytes)
        let early = (0...bytes.count).map { unbuilt.position(atOffset: $0) }
        let built = SourceFile(path: "x", bytes: bytes)
        _ = built.lineCount
        for offset in 0...bytes.count {
            #expect(built.position(atOffset: offset) == early[offset])
        }
    }
}
