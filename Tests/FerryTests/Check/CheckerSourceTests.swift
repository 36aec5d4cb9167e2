import FerryDiagnostics
import FerryKit
import Testing

/// The checker keeps models, not files: only the files that findings quote are in the report, and
/// a file that a later stage finds fault with is read again to be quoted.
@Suite struct CheckerSourceTests {
    private static let plan: [String: String] = [
        "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", #"<bpmn:userTask id="approve" />"#),
        "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", #"<bpmn:userTask id="review" />"#),
        "definitions/c.bpmn": PlanFixture.camunda7("1.1.1", #"<bpmn:userTask id="review" />"#),
        "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1"),
    ]

    private func check(_ fixture: PlanFixture) throws -> CheckResult {
        let plans = try PlanDiscovery().planDirectories(under: [fixture.folder.url.path + "/plans"])
        return Checker().check(plans)
    }

    @Test func onlyQuotedFilesAreKept() throws {
        let result = try check(PlanFixture(Self.plan))
        // 'approve' of 1.0.0 has nowhere to go: found while validating the hop, after reading.
        #expect(result.report.diagnostics.map(\.code) == [.uncoveredWaitState])
        let kept = Set(result.report.sources.keys.map { $0.split(separator: "/").suffix(2).joined(separator: "/") })
        #expect(kept == ["definitions/a.bpmn", "mappings/1.0-to-1.1.yaml"])
    }

    @Test func aFileFoundFaultWithAfterReadingIsQuoted() throws {
        let result = try check(PlanFixture(Self.plan))
        let output = HumanRenderer(colors: false).render(result.report)
        #expect(output.contains(#"<bpmn:userTask id="approve" />"#))
        #expect(output.contains("ferry: 1"))
    }

    @Test func aMappingFileIsQuotedWithYAMLLineBreaks() throws {
        // NEL (U+0085) ends a line for libyaml: the finding on the line after it must be quoted
        // from the same line table as the parser's.
        var files = Self.plan
        files["mappings/1.0-to-1.1.yaml"] = PlanFixture.mapping("1.0", "1.1", "# a\u{85}activities:\n  approve: nowhere\n")
        let result = try check(PlanFixture(files))
        let unknown = try #require(result.report.diagnostics.first { $0.code == .unknownTargetElement })
        let source = try #require(result.report.sources[unknown.location.file])
        #expect(source.text(ofLine: unknown.location.start.line).contains("approve: nowhere"))
    }

    /// Reading definitions and validating hops on several threads reports exactly what one thread
    /// does, in the same order: findings in several files and hops, a file that is not XML, and
    /// a copied file.
    @Test func concurrentReadingReportsWhatOneThreadReports() throws {
        var files = Self.plan
        files["definitions/d.bpmn"] = PlanFixture.camunda7("1.1.2", #"<bpmn:userTask id="renamed" />"#)
        files["definitions/e.bpmn"] = PlanFixture.camunda7("1.1.3", #"<bpmn:userTask id="renamed" /><bpmn:task id="renamed" />"#)
        files["definitions/f.bpmn"] = "<bpmn:definitions"
        files["definitions/g.bpmn"] = PlanFixture.camunda7("1.1.1", #"<bpmn:userTask id="review" />"#)
        let fixture = try PlanFixture(files)
        let plans = try PlanDiscovery().planDirectories(under: [fixture.folder.url.path + "/plans"])
        var oneThread = Checker()
        oneThread.readsConcurrently = false
        let expected = oneThread.check(plans)
        #expect(expected.report.diagnostics.count >= 5)
        for _ in 0..<5 {
            let result = Checker().check(plans)
            #expect(result.report.diagnostics == expected.report.diagnostics)
            #expect(result.report.sources.keys.sorted() == expected.report.sources.keys.sorted())
            #expect(result.fileCount == expected.fileCount)
        }
    }
}
