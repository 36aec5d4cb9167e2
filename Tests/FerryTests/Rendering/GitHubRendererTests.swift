import FerryDiagnostics
import Testing

@Suite struct GitHubRendererTests {
    private func lines(_ report: DiagnosticReport) -> [Substring] {
        GitHubRenderer().render(report).split(separator: "\n")
    }

    @Test func escapesMessagesAndPropertyValues() {
        let path = "odd:dir,1/100%.yaml"
        let file = SourceFile(path: path, text: "a: 1\n")
        let diagnostic = Diagnostic(
            .yamlSyntax, "50% done: a, b\r\nnext", at: file.location(from: 0, to: 1),
            notes: [Note("see: here", at: file.location(from: 3, to: 4))], help: "fix, then: retry"
        )
        #expect(lines(DiagnosticReport(diagnostics: [diagnostic], sources: [file])) == [
            "::error file=odd%3Adir%2C1/100%25.yaml,line=1,col=1,endLine=1,endColumn=2,title=FY001::"
                + "50%25 done: a, b%0D%0Anext%0Anote: see: here (odd:dir,1/100%25.yaml:1:4)%0Ahelp: fix, then: retry",
        ])
    }

    @Test func severitiesBecomeErrorWarningAndNotice() {
        let location = SourceLocation(wholeFile: "a.yaml")
        let report = DiagnosticReport(diagnostics: [
            Diagnostic(.error, .yamlSyntax, "e", at: location),
            Diagnostic(.warning, .ignoredFile, "w", at: location),
            Diagnostic(.note, .yamlTabIndentation, "n", at: location),
        ])
        #expect(lines(report).map { $0.prefix { $0 != " " } } == ["::error", "::warning", "::notice"])
    }

    @Test func aSpanOverSeveralLinesHasNoColumns() {
        let file = SourceFile(path: "a.bpmn", text: "<a>\n</b>\n")
        let report = DiagnosticReport(diagnostics: [Diagnostic(.xmlNotWellFormed, "m", at: file.location(from: 0, to: 8))])
        #expect(lines(report) == ["::error file=a.bpmn,line=1,endLine=2,title=FX001::m"])
    }

    @Test(arguments: [
        (25, 3, "15 errors were not annotated"),
        (11, 12, "1 error and 2 warnings were not annotated"),
        (3, 11, "1 warning was not annotated"),
    ])
    func annotatesAtMostTenErrorsAndTenWarningsThenSaysHowManyWereLeftOut(
        errors: Int, warnings: Int, summary: String
    ) throws {
        var report = DiagnosticReport()
        for index in 0..<errors {
            report.add(Diagnostic(.yamlSyntax, "error \(index)", at: SourceLocation(wholeFile: "e\(index + 100).yaml")))
        }
        for index in 0..<warnings {
            report.add(Diagnostic(.ignoredFile, "warning \(index)", at: SourceLocation(wholeFile: "w\(index + 100).txt")))
        }
        let output = lines(report)
        #expect(output.count { $0.hasPrefix("::error ") } == min(errors, 10))
        #expect(output.count { $0.hasPrefix("::warning ") } == min(warnings, 10))
        // The first ten in report order are the ones annotated.
        let annotatedErrors = output.filter { $0.hasPrefix("::error ") }.map { $0.split(separator: "::").last! }
        #expect(annotatedErrors == (0..<min(errors, 10)).map { "error \($0)" })

        let notice = try #require(output.last)
        #expect(notice.hasPrefix("::notice::\(summary): GitHub shows at most 10 errors and 10 warnings per step."))
        #expect(notice.contains("Run `ferry check` locally or read the SARIF report"))
        #expect(output.count { $0.hasPrefix("::notice") } == 1)
    }

    @Test func noNoticeWhenEverythingFits() {
        var report = DiagnosticReport()
        for index in 0..<10 {
            report.add(Diagnostic(.yamlSyntax, "e", at: SourceLocation(wholeFile: "e\(index).yaml")))
            report.add(Diagnostic(.ignoredFile, "w", at: SourceLocation(wholeFile: "w\(index).txt")))
        }
        let output = lines(report)
        #expect(output.count == 20)
        #expect(!output.contains { $0.hasPrefix("::notice") })
    }
}
