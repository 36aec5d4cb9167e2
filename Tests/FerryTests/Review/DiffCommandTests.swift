import Foundation
import Testing

/// `ferry diff`: goldens on every example, targeted fixtures for each kind of change, the size cap
/// for pull-request comments, and determinism.
@Suite("ferry diff")
struct DiffCommandTests {
    static let examples = ["invoice", "shipment", "expenses", "order-fulfilment"]

    @Test(arguments: examples)
    func markdownOfEveryExampleMatchesItsGolden(example: String) throws {
        let output = try FerryProcess.run(["diff", "plans/\(example)"], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        try GoldenFile.expect(output.stdout, matches: "diff.\(example).md")
    }

    @Test func textAndJSONOfTheInvoiceExampleMatchTheirGoldens() throws {
        let text = try FerryProcess.run(["diff", "plans/invoice", "--format", "text"], in: repositoryRoot)
        try GoldenFile.expect(text.stdout, matches: "diff.invoice.txt")
        let json = try FerryProcess.run(["diff", "plans/invoice", "--format", "json"], in: repositoryRoot)
        try GoldenFile.expect(json.stdout, matches: "diff.invoice.json")
    }

    @Test(arguments: examples)
    func jsonMatchesTheSchema(example: String) throws {
        let output = try FerryProcess.run(["diff", "plans/\(example)", "--format", "json"], in: repositoryRoot)
        let schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: repositoryRoot.appendingPathComponent("grammar/diff.schema.json")))
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(output.stdout.utf8))
        #expect(JSONSchemaValidator(root: schema).errors(in: report) == [])
    }

    @Test(arguments: examples)
    func outputIsDeterministicWhereverFerryRuns(example: String) throws {
        for format in ["markdown", "text", "json"] {
            let first = try FerryProcess.run(["diff", "plans/\(example)", "--format", format], in: repositoryRoot)
            let second = try FerryProcess.run(["diff", "plans/\(example)", "--format", format], in: repositoryRoot)
            let inside = try FerryProcess.run(["diff", ".", "--format", format], in: repositoryRoot.appendingPathComponent("plans/\(example)"))
            #expect(first.stdout == second.stdout)
            #expect(first.stdout == inside.stdout)
        }
    }

    // MARK: Targeted fixtures

    /// `ferry diff plans/p --format json`, decoded; the Markdown report is compared with the
    /// golden file `diff.<golden>.md`.
    private static func diff(_ files: [String: String], golden: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write("plans/p/" + path, text) }
        let output = try FerryProcess.run(["diff", "plans/p", "--format", "json"], in: folder.url)
        let markdown = try FerryProcess.run(["diff", "plans/p"], in: folder.url)
        try GoldenFile.expect(markdown.stdout, matches: "diff.\(golden).md", sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
    }

    private static func routes(_ report: [String: Any]) -> [String] {
        (report["routes"] as? [[String: Any]] ?? []).map { route in
            let targets = (route["targets"] as? [String] ?? []).joined(separator: ",")
            return "\(route["source"] as? String ?? "") \(route["outcome"] as? String ?? "") \(targets)"
        }
    }

    private static func risks(_ report: [String: Any]) -> [String] {
        (report["risks"] as? [[String: Any]] ?? []).map { "\($0["kind"] as? String ?? ""): \($0["message"] as? String ?? "")" }
    }

    private static func changes(_ report: [String: Any]) -> [String] {
        (report["hops"] as? [[String: Any]] ?? []).flatMap { hop in
            (hop["changes"] as? [[String: Any]] ?? []).map { change in
                let details = (change["details"] as? [String] ?? []).joined(separator: "; ")
                return "\(change["change"] as? String ?? "") \(change["old"] as? String ?? "-") \(change["new"] as? String ?? "-")" + (details.isEmpty ? "" : ": \(details)")
            }
        }
    }

    @Test func aRenameAndASkipAcrossTwoHops() throws {
        let report = try Self.diff([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", #"<bpmn:userTask id="approve" /><bpmn:userTask id="clarify" /><bpmn:userTask id="archive" />"#),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", #"<bpmn:userTask id="review" /><bpmn:userTask id="clarify" /><bpmn:userTask id="archive" />"#),
            "definitions/c.bpmn": PlanFixture.camunda7("1.2.0", #"<bpmn:userTask id="check" /><bpmn:userTask id="archive" />"#),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2", "activities:\n  review: check\n  clarify: { skip: done by hand }\n"),
        ], golden: "rename-skip")
        #expect(report["from"] as? String == "1.0.0")
        #expect(report["to"] as? String == "1.2.0")
        #expect(Self.routes(report) == ["approve remapped check", "clarify skipped ", "archive unchanged archive"])
        #expect(Self.risks(report) == ["skip: 'clarify' (userTask) is skipped: done by hand"])
        #expect(Self.changes(report) == ["renamed approve review", "renamed review check", "removed clarify -"])
        #expect((report["summary"] as? [String: Any])?["text"] as? String == "3 wait states: 1 unchanged, 1 remapped, 1 skipped; 0 errors")
    }

    @Test func aMergeAndAScopeMoveAreRisks() throws {
        let report = try Self.diff([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", #"<bpmn:userTask id="payCard" /><bpmn:userTask id="payInvoice" /><bpmn:userTask id="ship" />"#),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", #"<bpmn:userTask id="pay" /><bpmn:subProcess id="shipping"><bpmn:userTask id="ship" /></bpmn:subProcess>"#),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  payCard: pay\n  payInvoice: pay\n"),
        ], golden: "merge-scope-move")
        #expect(Self.risks(report) == [
            "merge: 'payCard', 'payInvoice' are merged into 'pay'",
            "scopeMove: 'ship' moves from process level to 'shipping' as 'ship'",
        ])
        #expect(Self.changes(report).contains("changed ship ship: moved from process level to 'shipping'"))
    }

    @Test func multiInstanceAddedAndAnEventDefinitionChanged() throws {
        let report = try Self.diff([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", """
                <bpmn:userTask id="review" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
                """),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", """
                <bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
                <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
                """),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  review: { skip: restarted as one review per item }\n  wait: { skip: waits for a timer now }\n"),
        ], golden: "multi-instance-event-definition")
        #expect(Self.changes(report) == [
            "changed review review: multi-instance added (parallel)",
            "changed wait wait: kind message intermediateCatchEvent → timer intermediateCatchEvent; trigger message → timer",
        ])
    }

    @Test func aJogetSplitGoesToSeveralTargets() throws {
        let older = JogetRulesTests.definition("1.0.0", JogetRulesTests.normal("approve"))
        let newer = JogetRulesTests.definition("1.1.0", JogetRulesTests.normal("checkBudget") + JogetRulesTests.normal("checkPolicy"))
        let report = try Self.diff([
            "definitions/a.xpdl": older,
            "definitions/b.xpdl": newer,
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: { to: [checkBudget, checkPolicy] }\n"),
        ], golden: "joget-split")
        #expect(Self.routes(report) == ["approve remapped checkBudget,checkPolicy"])
    }

    @Test func aMajorBoundaryIsNotMigrated() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", PlanFixture.camunda7("1.0.0", #"<bpmn:userTask id="approve" />"#))
        try folder.write("plans/p/definitions/b.bpmn", PlanFixture.camunda7("2.0.0", #"<bpmn:userTask id="approve" />"#))
        let output = try FerryProcess.run(["diff", "plans/p", "1.0.0", "2.0.0", "--format", "text"], in: folder.url)
        #expect(output.status == 0)
        #expect(output.stdout.contains("! instances on 1.0.0 are not migrated to 2.0.0: majors are never migrated"))
        #expect(output.stdout.hasSuffix("1 wait state on 1.0.0: not migrated to 2.0.0 (majors are never migrated); 0 errors\n"))
    }

    @Test func usageErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", PlanFixture.camunda7("1.0.0", #"<bpmn:userTask id="approve" />"#))
        let same = try FerryProcess.run(["diff", "plans/p"], in: folder.url)
        #expect(same.status == 64)
        #expect(same.stderr.hasPrefix("error: FROM and TO are both 1.0.0; there is nothing to compare"))
        let unknown = try FerryProcess.run(["diff", "plans/p", "1.5.0"], in: folder.url)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("error: process 'p' has no version 1.5.0 in this plan directory"))
    }

    // MARK: Size

    @Test func markdownStaysWithinACommentAndKeepsEveryRisk() throws {
        // 3,000 wait states that keep their id, and one that is skipped.
        let tasks = (0 ..< 3_000).map { #"<bpmn:userTask id="task\#($0)" name="Step \#($0) of a long review" />"# }.joined(separator: "\n")
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", PlanFixture.camunda7("1.0.0", tasks + #"<bpmn:userTask id="legacy" />"#))
        try folder.write("plans/p/definitions/b.bpmn", PlanFixture.camunda7("1.1.0", tasks + #"<bpmn:userTask id="audit" />"#))
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", PlanFixture.mapping("1.0", "1.1", "activities:\n  legacy: { skip: retired }\n"))
        let output = try FerryProcess.run(["diff", "plans/p"], in: folder.url)
        #expect(output.stdout.utf16.count <= 65_536)
        #expect(output.stdout.contains("- **skipped**: 'legacy' (userTask) is skipped: retired"))
        #expect(output.stdout.contains("routine rows were left out to stay within GitHub's comment size"))
        #expect(output.stdout.contains("**3001 wait states: 3000 unchanged, 0 remapped, 1 skipped; 0 errors**"))
    }
}
