import FerryDiagnostics
import Testing

@Suite struct HumanRendererTests {
    /// Renders one diagnostic spanning `from`..`to` in `marked`, without colour.
    private func render(
        _ marked: String,
        from: String = "1️⃣",
        to: String? = nil,
        severity: Severity = .error,
        notes: (SourceFile, MarkedText) -> [Note] = { _, _ in [] }
    ) -> String {
        let text = MarkedText(marked)
        let file = SourceFile(path: "m.yaml", text: text.text, lineBreaks: .yaml)
        let location = file.location(from: text.offsets[from]!, to: text.offsets[to ?? from]!)
        let diagnostic = Diagnostic(severity, .yamlSyntax, "message", at: location, notes: notes(file, text))
        return HumanRenderer(colors: false).render(DiagnosticReport(diagnostics: [diagnostic], sources: [file]))
    }

    @Test func underlinesThePrimarySpanWithCarets() {
        #expect(render("key: 1️⃣value2️⃣\n", to: "2️⃣") == """
            m.yaml:1:6: error[FY001]: message
              |
            1 | key: value
              |      ^^^^^

            """)
    }

    @Test func anEmptySpanGetsOneCaret() {
        #expect(render("key: 1️⃣value\n").hasSuffix("  |      ^\n"))
    }

    @Test func aSpanOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
        #expect(render("a: 1️⃣[x,\n   y]2️⃣\n", to: "2️⃣").hasSuffix("""
            1 | a: [x,
              |    ^^^

            """))
    }

    @Test func aSpanAtTheEndOfAFileIsMarkedJustAfterTheText() {
        #expect(render("a: [x, y1️⃣").hasSuffix("""
            1 | a: [x, y
              |         ^

            """))
    }

    @Test func aColumnPastTheEndOfTheLineIsClampedToJustAfterTheText() {
        let file = SourceFile(path: "m.yaml", text: "ab\ncd\n")
        let location = SourceLocation(
            file: "m.yaml",
            range: SourceRange(at: SourcePosition(line: 1, column: 40, offset: 2))
        )
        let report = DiagnosticReport(diagnostics: [Diagnostic(.yamlSyntax, "m", at: location)], sources: [file])
        #expect(HumanRenderer(colors: false).render(report).hasSuffix("1 | ab\n  |   ^\n"))
    }

    @Test func tabsAreExpandedAndTheUnderlineShiftsWithThem() {
        #expect(render("\tkey:\t1️⃣value2️⃣\n", to: "2️⃣").hasSuffix("""
            1 |     key:    value
              |             ^^^^^

            """))
    }

    @Test func wideCharactersTakeTwoColumnsAndCombiningMarksNone() {
        #expect(render("e\u{0301}請求: 1️⃣x\n").hasSuffix("""
            1 | e\u{0301}請求: x
              |        ^

            """))
    }

    @Test func controlCharactersInTheQuotedLineAreMadeVisible() {
        let output = render("a: \u{1B}[31m1️⃣red\n")
        #expect(!output.contains("\u{1B}"))
        #expect(output.hasSuffix("""
            1 | a: \u{FFFD}[31mred
              |         ^

            """))
    }

    @Test func notesPointWithDashesAndShareTheWidestGutter() {
        let marked = "1️⃣a: 1\n" + String(repeating: "x: 0\n", count: 10) + "2️⃣a: 2\n"
        let output = render(marked, from: "2️⃣") { file, text in
            [Note("first here", at: file.location(from: text.offsets["1️⃣"]!, to: text.offsets["1️⃣"]! + 1))]
        }
        #expect(output == """
            m.yaml:12:1: error[FY001]: message
               |
            12 | a: 2
               | ^
            m.yaml:1:1: note: first here
               |
            1  | a: 1
               | -

            """)
    }

    @Test func notesWithoutALocationAndHelpFollowUnderTheGutter() {
        let file = SourceFile(path: "m.yaml", text: "a: 1\n")
        let diagnostic = Diagnostic(
            .yamlSyntax, "message", at: file.location(from: 0, to: 1),
            notes: [Note("two\nlines")], help: "do this"
        )
        let output = HumanRenderer(colors: false).render(DiagnosticReport(diagnostics: [diagnostic], sources: [file]))
        #expect(output.hasSuffix("""
              |
            1 | a: 1
              | ^
              = note: two
                      lines
              = help: do this

            """))
    }

    @Test func withoutTheSourceOnlyTheHeaderIsPrinted() {
        let missingFile = Diagnostic(.unreadableFile, "cannot read", at: SourceLocation(wholeFile: "gone.bpmn"))
        let missingLine = Diagnostic(
            .yamlSyntax, "late",
            at: SourceLocation(file: "m.yaml", range: SourceRange(at: SourcePosition(line: 9, column: 1, offset: 99)))
        )
        let report = DiagnosticReport(
            diagnostics: [missingFile, missingLine],
            sources: [SourceFile(path: "m.yaml", text: "a: 1\n")]
        )
        #expect(HumanRenderer(colors: false).render(report) == """
            gone.bpmn:1:1: error[FI001]: cannot read

            m.yaml:9:1: error[FY001]: late

            """)
    }

    @Test(arguments: [(Severity.error, "error[FY001]"), (.warning, "warning[FY001]"), (.note, "note[FY001]")])
    func theHeaderNamesSeverityAndCode(_ severity: Severity, _ label: String) {
        #expect(render("1️⃣a\n", severity: severity).hasPrefix("m.yaml:1:1: \(label): message\n"))
    }

    @Test func coloursOnlyWhenAsked() {
        let plain = HumanRenderer(colors: false).render(SampleReport.report)
        let coloured = HumanRenderer(colors: true).render(SampleReport.report)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1;31merror[FY004]\u{1B}[0m\u{1B}[1m: duplicate key 'approveInvoice'\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;33mwarning[FP001]\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;36mnote\u{1B}[0m: first defined here"))
        #expect(coloured.contains("\u{1B}[1;34m5 |\u{1B}[0m   approveInvoice: approveInvoiceV2"))
        // Without the escape sequences the coloured output is the plain one.
        #expect(coloured.replacing(/\u{1B}\[[0-9;]*m/, with: "") == plain)
    }

    @Test func aBlankLineSeparatesDiagnostics() {
        let file = SourceFile(path: "m.yaml", text: "a: 1\nb: 2\n")
        let report = DiagnosticReport(
            diagnostics: [
                Diagnostic(.yamlSyntax, "second", at: file.location(from: 5, to: 6)),
                Diagnostic(.yamlSyntax, "first", at: file.location(from: 0, to: 1)),
            ],
            sources: [file]
        )
        #expect(HumanRenderer(colors: false).render(report) == """
            m.yaml:1:1: error[FY001]: first
              |
            1 | a: 1
              | ^

            m.yaml:2:1: error[FY001]: second
              |
            2 | b: 2
              | ^

            """)
    }

    @Test func anEmptyReportRendersNothing() {
        #expect(HumanRenderer(colors: true).render(DiagnosticReport()) == "")
    }
}
