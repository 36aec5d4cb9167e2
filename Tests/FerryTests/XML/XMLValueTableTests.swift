import Testing
import FerryDiagnostics
import FerrySyntax

/// Values numbered from their bytes where the parse left them agree with values numbered from strings.
@Suite struct XMLValueTableTests {
    @Test func attributeValuesAndStringsShareNumbers() {
        let document = """
            <r a="Activity_139h6qc" b="x" c="Activity_139h6qc" d="" e="a &amp; b" f="ünïcödé" g="Activity_139h6qd"/>
            """
        var table = XMLValueTable()
        var numbers: [String: Int] = [:]
        let diagnostics = XMLReader().read(SourceFile(path: "v.xml", text: document)) { event in
            guard case .startElement(let tag) = event else { return }
            for position in tag.attributes.indices {
                numbers[tag.attributes.name(at: position).localName] = table.number(ofValueAt: position, in: tag.attributes)
            }
        }
        #expect(diagnostics.isEmpty)
        #expect(numbers == ["a": 0, "b": 1, "c": 0, "d": 2, "e": 3, "f": 4, "g": 5])
        #expect(table.value(of: 3) == "a & b")
        #expect(table.value(of: 4) == "ünïcödé")
        #expect(table.number(of: "a & b") == 3)
        #expect(table.number(of: "") == 2)
        #expect(table.existingNumber(of: "Activity_139h6qd") == 5)
        #expect(table.existingNumber(of: "Activity_139h6q") == nil)
        #expect(table.count == 6)
    }

    /// Lengths around every word boundary of the hash, and enough values to grow the table.
    @Test(arguments: [1, 8, 100]) func numbersStayPutAsTheTableGrows(expectedCount: Int) {
        var table = XMLValueTable(expectedCount: expectedCount)
        let values = (0..<3_000).map { index in
            String(repeating: "x", count: index % 40) + String(index, radix: 36)
        } + [""]
        for (number, value) in values.enumerated() {
            #expect(table.number(of: value) == number)
        }
        for (number, value) in values.enumerated() {
            #expect(table.number(of: value) == number)
            #expect(table.existingNumber(of: value) == number)
            #expect(table.value(of: number) == value)
        }
        #expect(table.count == values.count)
    }

    /// Values are the same when they are equal as strings, as they were in a `[String: Int]`:
    /// canonically equivalent spellings share a number, also when an ASCII value came first.
    @Test func canonicallyEquivalentValuesShareANumber() {
        var table = XMLValueTable()
        #expect(table.number(of: "K") == 0)
        #expect(table.number(of: "caf\u{E9}") == 1)
        #expect(table.number(of: "\u{212A}") == 0)
        #expect(table.number(of: "cafe\u{301}") == 1)
        #expect(table.existingNumber(of: "cafe\u{301}") == 1)
        #expect(table.existingNumber(of: "K") == 0)
        #expect(table.number(of: "x") == 2)
        #expect(table.value(of: 1) == "caf\u{E9}")
        var asciiFirst = XMLValueTable()
        #expect(asciiFirst.existingNumber(of: "\u{212A}") == nil)
        #expect(asciiFirst.number(of: "K") == 0)
        #expect(asciiFirst.existingNumber(of: "\u{212A}") == 0)
    }
}
