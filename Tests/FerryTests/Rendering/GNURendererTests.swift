import FerryDiagnostics
import Testing

@Suite struct GNURendererTests {
    @Test func oneLinePerDiagnosticThenItsNotesAndHelp() {
        let file = SourceFile(path: "m.yaml", text: "a: 1\na: 2\n")
        let diagnostic = Diagnostic(
            .yamlDuplicateKey, "duplicate key 'a'", at: file.location(from: 5, to: 6),
            notes: [Note("first defined here", at: file.location(from: 0, to: 1)), Note("no place")],
            help: "keep one"
        )
        #expect(GNURenderer().render(DiagnosticReport(diagnostics: [diagnostic], sources: [file])) == """
            m.yaml:2:1: error: duplicate key 'a' [FY004]
            m.yaml:1:1: note: first defined here
            m.yaml:2:1: note: no place
            m.yaml:2:1: note: help: keep one

            """)
    }

    @Test func aMessageOverSeveralLinesStaysOnOne() {
        let diagnostic = Diagnostic(.ignoredFile, "first\nsecond", at: SourceLocation(wholeFile: "x.txt"))
        #expect(GNURenderer().render(DiagnosticReport(diagnostics: [diagnostic])) == "x.txt:1:1: warning: first second [FP001]\n")
    }
}
