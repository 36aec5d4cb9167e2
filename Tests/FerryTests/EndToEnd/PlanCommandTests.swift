import Foundation
import Testing

private func tasks(_ ids: String...) -> String {
    ids.map { #"    <bpmn:userTask id="\#($0)" />"# }.joined(separator: "\n")
}

private let twoVersions: [String: String] = [
    "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", tasks("approve")),
    "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", tasks("review")),
    "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n"),
]

@Suite("ferry plan, end to end")
struct PlanCommandTests {
    static let examples = ["invoice", "shipment", "expenses", "order-fulfilment"]

    @Test(arguments: examples)
    func emittedPlansMatchTheSchema(example: String) throws {
        let output = try FerryProcess.run(["plan", "plans/\(example)"], in: repositoryRoot)
        #expect(output.status == 0)
        let schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: repositoryRoot.appendingPathComponent("grammar/plan.schema.json")))
        let plan = try JSONDecoder().decode(JSONValue.self, from: Data(output.stdout.utf8))
        #expect(JSONSchemaValidator(root: schema).errors(in: plan) == [])
        let toNewest = try FerryProcess.run(["plan", "plans/\(example)", "--to", example == "order-fulfilment" ? "2.0.0" : "1.0.0"], in: repositoryRoot)
        if toNewest.status == 0 {
            #expect(JSONSchemaValidator(root: schema).errors(in: try JSONDecoder().decode(JSONValue.self, from: Data(toNewest.stdout.utf8))) == [])
        }
    }

    /// Same inputs, same bytes: two runs, and runs from other working folders (paths in the plan
    /// are relative to the plan directory).
    @Test(arguments: examples)
    func outputIsDeterministicWhereverFerryRuns(example: String) throws {
        let first = try FerryProcess.run(["plan", "plans/\(example)"], in: repositoryRoot)
        let second = try FerryProcess.run(["plan", "plans/\(example)"], in: repositoryRoot)
        let inside = try FerryProcess.run(["plan", "."], in: repositoryRoot.appendingPathComponent("plans/\(example)"))
        let absolute = try FerryProcess.run(["plan", repositoryRoot.appendingPathComponent("plans/\(example)/").path], in: URL(fileURLWithPath: "/"))
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(inside.stdout == first.stdout)
        #expect(absolute.stdout == first.stdout)
        #expect(first.stdout.hasSuffix("}\n"))
        #expect(!first.stdout.contains("\r"))
        #expect(!first.stdout.contains(repositoryRoot.path))
    }

    @Test func theInvoicePlanIsExactlyThis() throws {
        let output = try FerryProcess.run(["plan", "plans/invoice"], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        try GoldenFile.expect(output.stdout, matches: "plan.invoice.json")
    }

    @Test func inputsAreFingerprintedWithSHA256() throws {
        let folder = try PlanFolder(twoVersions)
        let plan = try folder.plan()
        let inputs = try #require(plan["inputs"] as? [[String: String]])
        #expect(inputs.map { $0["path"] } == ["definitions/a.bpmn", "definitions/b.bpmn", "mappings/1.0-to-1.1.yaml"])
        let mapping = Array(twoVersions["mappings/1.0-to-1.1.yaml"]!.utf8)
        #expect(inputs[2]["sha256"] == FerryKitSHA.hex(mapping))
    }

    @Test func minusOWritesTheFileAtomicallyAndLeavesNothingElse() throws {
        let folder = try PlanFolder(twoVersions)
        let stdout = try folder.run().stdout
        try folder.folder.write("plans/p/plan.json", "an older plan\n")
        let written = try folder.run(["-o", "plans/p/plan.json"])
        #expect(written.status == 0)
        #expect(written.stdout == "")
        #expect(written.stderr == "")
        #expect(try String(contentsOf: folder.folder.url.appendingPathComponent("plans/p/plan.json"), encoding: .utf8) == stdout)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.folder.url.appendingPathComponent("plans/p").path).sorted()
        #expect(entries == ["definitions", "mappings", "plan.json"])
    }

    @Test func minusORefusesToOverwriteAnInput() throws {
        let folder = try PlanFolder(twoVersions)
        let output = try folder.run(["-o", "plans/p/mappings/1.0-to-1.1.yaml"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("error: -o 'plans/p/mappings/1.0-to-1.1.yaml' is one of the plan's input files"))
        #expect(try String(contentsOf: folder.folder.url.appendingPathComponent("plans/p/mappings/1.0-to-1.1.yaml"), encoding: .utf8) == twoVersions["mappings/1.0-to-1.1.yaml"])
    }

    @Test func checkIsSilentWhenFreshAndShowsAUnifiedDiffWhenStale() throws {
        let folder = try PlanFolder(twoVersions)
        #expect(try folder.run(["-o", "plans/p/plan.json"]).status == 0)
        let fresh = try folder.run(["--check", "plans/p/plan.json"])
        #expect(fresh.status == 0)
        #expect(fresh.stdout == "")
        #expect(fresh.stderr == "")

        try folder.folder.write("plans/p/mappings/1.0-to-1.1.yaml", PlanFixture.mapping("1.0", "1.1", "activities:\n  # renamed\n  approve: review\n"))
        let stale = try folder.run(["--check", "plans/p/plan.json"])
        #expect(stale.status == 1)
        #expect(stale.stdout.hasPrefix("--- plans/p/plan.json\n+++ plans/p/plan.json (generated)\n@@ "))
        #expect(stale.stdout.contains("""
            -            {"column": 3, "file": "mappings/1.0-to-1.1.yaml", "from": "1.0.0", "line": 6, "to": "1.1.0"}
            +            {"column": 3, "file": "mappings/1.0-to-1.1.yaml", "from": "1.0.0", "line": 7, "to": "1.1.0"}

            """))
        #expect(stale.stderr == "error: 'plans/p/plan.json' is not the plan Ferry generates now\nhelp: regenerate it with 'ferry plan plans/p -o plans/p/plan.json' and commit it\n")

        let missing = try folder.run(["--check", "plans/p/none.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: 'plans/p/none.json' does not exist\n"))
        #expect(missing.stdout.hasPrefix("--- plans/p/none.json\n+++ plans/p/none.json (generated)\n@@ -0,0 +1,"))
    }

    @Test(arguments: [
        (["plan", "plans"], "error: 'plans' is not a plan directory (it has no 'definitions/' folder)\nhelp: pass one plan directory at a time: 'plans/p'\n"),
        (["plan", "nowhere"], "error: path 'nowhere' does not exist\n"),
        (["plan", "plans/p/definitions/a.bpmn"], "error: 'plans/p/definitions/a.bpmn' is a file, not a plan directory\nhelp: pass its plan directory, 'plans/p'\n"),
        (["plan", "plans/p", "--to", "1.1"], "error: --to '1.1' is not a version\nhelp: write MAJOR.MINOR.PATCH, such as 1.3.0\n"),
        (["plan", "plans/p", "--from", "1.5.0"], "error: process 'p' has no version 1.5.0 in this plan directory\nhelp: its versions are 1.0.0, 1.1.0\n"),
        (["plan", "plans/p", "--from", "1.1.0", "--to", "1.0.0"], "error: --from 1.1.0 is newer than --to 1.0.0\nhelp: instances are only migrated to a newer version\n"),
    ])
    func usageErrorsExitWith64(arguments: [String], message: String) throws {
        let folder = try PlanFolder(twoVersions)
        let output = try FerryProcess.run(arguments, in: folder.folder.url)
        #expect(output.status == 64)
        #expect(output.stdout == "")
        #expect(output.stderr == message)
    }

    @Test func minusOAndCheckTogetherAreAUsageError() throws {
        let folder = try PlanFolder(twoVersions)
        let output = try folder.run(["-o", "x.json", "--check", "y.json"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("-o and --check cannot be used together"))
    }

    @Test func aDirectoryWithCheckErrorsGivesDiagnosticsAndNoPlan() throws {
        let folder = try PlanFolder([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", tasks("approve")),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", tasks("review")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1"),
        ])
        try folder.expectNoPlanWritten(reporting: "plans/p/definitions/a.bpmn:4:5: error[FR003]: instances waiting in userTask 'approve' of p 1.0.0 have nowhere to go in 1.1.0")
    }

    @Test func aPlanIsForOneProcess() throws {
        var files = twoVersions
        files["definitions/other.bpmn"] = PlanFixture.camunda7("1.0.0", tasks("x")).replacingOccurrences(of: #"id="p""#, with: #"id="other""#)
        let output = try PlanFolder(files).run()
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.contains("error[FE001]: the plan directory 'plans/p' holds processes 'other', 'p'; a plan is for one process"))
    }

    @Test func aDirectoryWithoutDefinitionsHasNothingToPlan() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder("plans/p/definitions")
        let output = try FerryProcess.run(["plan", "plans/p"], in: folder.url)
        #expect(output.status == 1)
        #expect(output.stderr.contains("plans/p/definitions:1:1: error[FE002]: the plan directory 'plans/p' has no definition with a version"))
    }

    /// A Camunda 7 boundary event that keeps its id but moves to another activity passes the hop
    /// (its timer is created anew, as the engine's generator does); the composed plan agrees and
    /// leaves it out rather than reporting it.
    @Test func aTriggerTheHopLeavesBehindIsLeftOutOfThePlanToo() throws {
        let body = #"<bpmn:userTask id="approve" /><bpmn:userTask id="archive" /><bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="ATTACHED"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>"#
        let folder = try PlanFolder([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", body.replacingOccurrences(of: "ATTACHED", with: "approve")),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", body.replacingOccurrences(of: "ATTACHED", with: "archive")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities: {}\n"),
        ])
        let output = try folder.run()
        #expect(output.status == 0)
        #expect(output.stderr == "")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let instructions = ((plan["plans"] as? [[String: Any]])?.first?["instructions"] as? [[String: Any]]) ?? []
        #expect(instructions.map { $0["source"] as? String } == ["approve", "archive"])
    }

    @Test func textIsEscapedAsJSON() throws {
        let folder = try PlanFolder([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", tasks("approve")),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", tasks("review")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", #"activities:\#n  approve:\#n    skip: "Quoted \"done\", back\\slash, tab\there, naïve ✓""# + "\n"),
        ])
        let output = try folder.run()
        #expect(output.stdout.contains(#""reason": "Quoted \"done\", back\\slash, tab\there, naïve ✓","#))
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let skipped = ((plan["plans"] as? [[String: Any]])?.first?["skipped"] as? [[String: Any]])?.first
        #expect(skipped?["reason"] as? String == "Quoted \"done\", back\\slash, tab\there, naïve ✓")
    }
}
