import FerryDiagnostics
import Foundation
import Testing

@Suite struct SARIFRendererTests {
    private let renderer = SARIFRenderer(toolVersion: "1.2.3", informationURI: "https://example.org/ferry")

    private func decode(_ report: DiagnosticReport) throws -> [String: Any] {
        let output = renderer.render(report)
        return try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    private func run(of report: DiagnosticReport) throws -> [String: Any] {
        let runs = try #require(try decode(report)["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        return runs[0]
    }

    /// Code scanning keeps an alert across runs by its fingerprint: moving the finding to another
    /// line keeps it; another message or file makes another alert.
    @Test func fingerprintsIgnoreThePositionButNotTheFinding() throws {
        func location(_ file: String, line: Int) -> FerryDiagnostics.SourceLocation {
            SourceLocation(file: file, range: SourceRange(at: SourcePosition(line: line, column: 3, offset: line * 10)))
        }
        let report = DiagnosticReport(diagnostics: [
            Diagnostic(.uncoveredWaitState, "instances waiting in 'a' have nowhere to go", at: location("plans/p/a.bpmn", line: 4)),
            Diagnostic(.uncoveredWaitState, "instances waiting in 'a' have nowhere to go", at: location("plans/p/a.bpmn", line: 40)),
            Diagnostic(.uncoveredWaitState, "instances waiting in 'b' have nowhere to go", at: location("plans/p/a.bpmn", line: 4)),
            Diagnostic(.uncoveredWaitState, "instances waiting in 'a' have nowhere to go", at: location("plans/p/b.bpmn", line: 4)),
        ])
        let results = try #require(run(of: report)["results"] as? [[String: Any]])
        let prints = results.map { ($0["partialFingerprints"] as? [String: String])?["ferryFinding/v1"] ?? "" }
        #expect(prints.allSatisfy { $0.count == 16 })
        // Results come in report order (file, then line); the two 'a' findings of a.bpmn share one.
        let lines = results.map { (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]).flatMap { ($0["region"] as? [String: Any])?["startLine"] as? Int } ?? 0 }
        #expect(lines == [4, 4, 40, 4])
        #expect(prints[0] == prints[2] || prints[1] == prints[2])
        #expect(Set(prints).count == 3)
    }

    @Test func hasEveryPropertySARIFRequires() throws {
        let log = try decode(SampleReport.report)
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try run(of: SampleReport.report)
        let tool = try #require(run["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "ferry")
        #expect(driver["version"] as? String == "1.2.3")
        #expect(driver["informationUri"] as? String == "https://example.org/ferry")
        #expect(run["columnKind"] as? String == "unicodeCodePoints")

        for rule in try #require(driver["rules"] as? [[String: Any]]) {
            #expect(rule["id"] is String)
            #expect(rule["name"] is String)
            for key in ["shortDescription", "fullDescription", "help"] {
                #expect((rule[key] as? [String: Any])?["text"] is String, "rule \(key).text")
            }
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(["error", "warning", "note"].contains(level))
        }

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == SampleReport.report.diagnostics.count)
        for result in results {
            #expect((result["message"] as? [String: Any])?["text"] is String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String))
            let locations = try #require(result["locations"] as? [[String: Any]])
            let related = result["relatedLocations"] as? [[String: Any]] ?? []
            for location in locations + related {
                let physical = try #require(location["physicalLocation"] as? [String: Any])
                let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
                #expect(!uri.hasPrefix("/"), "no absolute machine paths")
                let region = try #require(physical["region"] as? [String: Any])
                #expect(Set(region.keys) == ["startLine", "startColumn", "endLine", "endColumn"])
            }
            let ids = related.compactMap { $0["id"] as? Int }
            #expect(ids.count == related.count && Set(ids).count == ids.count)
            #expect(related.allSatisfy { ($0["message"] as? [String: Any])?["text"] is String })
        }
    }

    @Test func rulesAreTheCodesUsedSortedAndResultsPointAtThem() throws {
        let run = try run(of: SampleReport.report)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let ruleIDs = try #require(driver["rules"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let usedCodes = Set(SampleReport.report.diagnostics.map(\.code.rawValue))
        #expect(ruleIDs == usedCodes.sorted())

        let results = try #require(run["results"] as? [[String: Any]])
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            let ruleIndex = try #require(result["ruleIndex"] as? Int)
            #expect(ruleIDs.indices.contains(ruleIndex) && ruleIDs[ruleIndex] == ruleID)
        }
    }

    @Test func aRuleDescribesItsCode() throws {
        let run = try run(of: SampleReport.report)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let duplicate = try #require(rules.first { $0["id"] as? String == "FY004" })
        #expect(duplicate["name"] as? String == "YamlDuplicateKey")
        #expect((duplicate["shortDescription"] as? [String: Any])?["text"] as? String == "duplicate mapping key")
        #expect((duplicate["fullDescription"] as? [String: Any])?["text"] as? String
            == DiagnosticCode.yamlDuplicateKey.explanation)
        let ignored = try #require(rules.first { $0["id"] as? String == "FP001" })
        #expect((ignored["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")
    }

    @Test func theMessageCarriesUnlocatedNotesAndHelp() throws {
        let results = try #require(try run(of: SampleReport.report)["results"] as? [[String: Any]])
        let duplicate = try #require(results.first { $0["ruleId"] as? String == "FY004" })
        #expect((duplicate["message"] as? [String: Any])?["text"] as? String == """
            duplicate key 'approveInvoice'
            note: most YAML libraries keep the last value and silently drop the first
            help: keep one of the two entries
            """)
        let related = try #require(duplicate["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect((related[0]["message"] as? [String: Any])?["text"] as? String == "first defined here")
    }

    @Test(arguments: [
        ("plans/invoice/mappings/1.2-to-1.3.yaml", "plans/invoice/mappings/1.2-to-1.3.yaml"),
        ("./plans/a.yaml", "plans/a.yaml"),
        ("plans/rechnung prüfen/a.yaml", "plans/rechnung%20pr%C3%BCfen/a.yaml"),
        ("c:d/100%#?.yaml", "c%3Ad/100%25%23%3F.yaml"),
        ("/srv/ci/plans/a.yaml", "file:///srv/ci/plans/a.yaml"),
    ])
    func pathsBecomeURIs(_ path: String, _ uri: String) throws {
        let report = DiagnosticReport(diagnostics: [
            Diagnostic(.unreadableFile, "cannot read", at: SourceLocation(wholeFile: path)),
        ])
        let result = try #require((try run(of: report)["results"] as? [[String: Any]])?.first)
        let location = try #require((result["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == uri)
    }

    @Test func anEmptyReportIsAValidLogWithoutResults() throws {
        let run = try run(of: DiagnosticReport())
        #expect((run["results"] as? [Any])?.isEmpty == true)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect((driver["rules"] as? [Any])?.isEmpty == true)
    }
}
