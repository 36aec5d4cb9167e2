import FerryDiagnostics
import Foundation
import Testing
@testable import FerryKit

/// `ferry plan --emit joget|joget-sh --instances FILE`: the committed outputs of the expenses
/// example, determinism, the steps for renames, splits, skips and variables, and every problem
/// an inventory can have, located.
@Suite("ferry plan --emit joget")
struct JogetEmitTests {
    // MARK: The expenses example

    @Test(arguments: [("joget", "joget-steps.json"), ("joget-sh", "migrate.sh")])
    func theCommittedOutputsOfTheExpensesExampleAreFresh(emit: String, file: String) throws {
        let output = try FerryProcess.run(
            ["plan", "plans/expenses", "--emit", emit, "--instances", "plans/expenses/instances.json", "--check", "plans/expenses/\(file)"],
            in: repositoryRoot
        )
        #expect(output.status == 0, "plans/expenses/\(file) is stale; regenerate it with ferry plan plans/expenses --emit \(emit) --instances plans/expenses/instances.json -o plans/expenses/\(file)\n\(output.stdout)\(output.stderr)")
        #expect(output.stderr == "")
    }

    @Test(arguments: ["joget", "joget-sh"])
    func outputIsDeterministicWhereverFerryRuns(emit: String) throws {
        let arguments = ["plan", "plans/expenses", "--emit", emit, "--instances", "plans/expenses/instances.json"]
        let first = try FerryProcess.run(arguments, in: repositoryRoot)
        let second = try FerryProcess.run(arguments, in: repositoryRoot)
        let inside = try FerryProcess.run(["plan", ".", "--emit", emit, "--instances", "instances.json"], in: repositoryRoot.appendingPathComponent("plans/expenses"))
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(inside.stdout == first.stdout)
        #expect(!first.stdout.contains(repositoryRoot.path))
        #expect(!first.stdout.contains("\r"))
    }

    @Test func theStepsMatchTheirSchemaAndTheExampleInventoryMatchesItsSchema() throws {
        let output = try FerryProcess.run(["plan", "plans/expenses", "--emit", "joget", "--instances", "plans/expenses/instances.json"], in: repositoryRoot)
        let steps = try JSONSchemaValidator(root: schema("joget-steps.schema.json"))
        #expect(steps.errors(in: try JSONDecoder().decode(JSONValue.self, from: Data(output.stdout.utf8))) == [])
        let fixture = try JogetPlanFixture().run("joget")
        #expect(steps.errors(in: try JSONDecoder().decode(JSONValue.self, from: Data(fixture.stdout.utf8))) == [])

        let inventories = try JSONSchemaValidator(root: schema("joget-instances.schema.json"))
        let example = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: repositoryRoot.appendingPathComponent("plans/expenses/instances.json")))
        #expect(inventories.errors(in: example) == [])
        #expect(inventories.errors(in: try JSONDecoder().decode(JSONValue.self, from: Data(JogetPlanFixture.inventory.utf8))) == [])
    }

    @Test func theInventorySchemaNamesTheKeysTheDecoderReads() throws {
        let root = try schema("joget-instances.schema.json")
        guard case .object(let top) = root, case .object(let properties) = top["properties"],
              case .object(let definitions) = top["definitions"], case .object(let instance) = definitions["instance"],
              case .object(let instanceProperties) = instance["properties"] else {
            Issue.record("unexpected schema shape")
            return
        }
        #expect(Set(properties.keys) == Set(InstanceInventoryDecoder.topLevelKeys))
        #expect(Set(instanceProperties.keys) == Set(InstanceInventoryDecoder.instanceKeys))
        #expect(instance["required"] == .array(InstanceInventoryDecoder.requiredInstanceKeys.map(JSONValue.string)))
    }

    private func schema(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: repositoryRoot.appendingPathComponent("grammar/\(name)")))
    }

    // MARK: Steps

    @Test func renamesSplitsSkipsAndVariablesBecomeTheseSteps() throws {
        let output = try JogetPlanFixture().run("joget")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let instances = try #require(document["instances"] as? [[String: Any]])
        func steps(_ index: Int) -> [String] {
            (instances[index]["steps"] as? [[String: Any]] ?? []).map { step in
                let parameters = (step["parameters"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                return "\(step["path"] as? String ?? "") \(parameters.joined(separator: "&"))"
            }
        }
        #expect(instances.map { $0["id"] as? String } == ["301_app_p", "302_app_p", "303_app_p", #"304 app's "odd" $id"#])
        #expect(steps(0) == [
            "/jw/web/json/workflow/process/start/app:latest:p recordId=rec 1 'x'&var_amount=120.50&var_migrated=yes&var_note=\(JogetPlanFixture.note)",
            "/jw/web/json/monitoring/activity/start/{processId}/review abortCurrent=true",
        ])
        // A split: one activity/start per target (in id order), abortCurrent only on the first.
        #expect(steps(1) == [
            "/jw/web/json/workflow/process/start/app:latest:p var_migrated=yes",
            "/jw/web/json/monitoring/activity/start/{processId}/bill abortCurrent=true",
            "/jw/web/json/monitoring/activity/start/{processId}/ship abortCurrent=false",
        ])
        // Every activity skipped: not started, the reason listed.
        #expect(steps(2) == [])
        let skipped = try #require(instances[2]["skipped"] as? [[String: Any]])
        #expect(skipped.map { $0["reason"] as? String } == ["Retired in 1.1; finished by hand"])
        // Two waiting activities; the plan's variable wins over the instance's.
        #expect(steps(3) == [
            "/jw/web/json/workflow/process/start/app:latest:p recordId=r4&var_migrated=yes",
            "/jw/web/json/monitoring/activity/start/{processId}/review abortCurrent=true",
            "/jw/web/json/monitoring/activity/start/{processId}/bill abortCurrent=false",
            "/jw/web/json/monitoring/activity/start/{processId}/ship abortCurrent=false",
        ])
        #expect(document["packageVersion"] as? String == "latest")
        let inputs = (document["inputs"] as? [[String: String]] ?? []).map { $0["path"] }
        #expect(inputs == ["definitions/a.xpdl", "definitions/b.xpdl", "instances.json", "mappings/1.0-to-1.1.yaml"])
    }

    @Test func targetsSharedByTwoWaitingActivitiesAreStartedOnce() throws {
        let fixture = try JogetPlanFixture(files: [
            "plans/p/definitions/a.xpdl": JogetPlanFixture.definition("1.0.0", JogetPlanFixture.normal("check_budget") + JogetPlanFixture.normal("check_policy")),
            "plans/p/definitions/b.xpdl": JogetPlanFixture.definition("1.1.0", JogetPlanFixture.normal("checks")),
            "plans/p/mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  check_budget: checks\n  check_policy: checks\n"),
        ], inventory: #"{"instances": [{"id": "1_app_p", "version": "1.0.0", "activities": ["check_policy", "check_budget"]}]}"#)
        let output = try fixture.run("joget")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.components(separatedBy: "activity/start/{processId}/checks").count == 2)
    }

    @Test func aPackageVersionReplacesLatest() throws {
        let output = try JogetPlanFixture().run("joget", ["--joget-package-version", "3"])
        #expect(output.status == 0)
        #expect(output.stdout.contains(#""path": "/jw/web/json/workflow/process/start/app:3:p""#))
        #expect(output.stdout.contains(#""packageVersion": "3""#))
    }

    @Test func idsArePercentEncodedInPaths() {
        #expect(JogetStep.pathSegment("app:latest:p") == "app:latest:p")
        #expect(JogetStep.pathSegment("a b/c?d#é") == "a%20b%2Fc%3Fd%23%C3%A9")
        #expect(JogetStep.percentEncoded("304 app's \"odd\" $id") == "304%20app%27s%20%22odd%22%20%24id")
    }

    @Test func minusOWritesAtomicallyAndCheckComparesWithTheFullCommandInItsHelp() throws {
        let fixture = try JogetPlanFixture()
        let written = try fixture.run("joget", ["-o", "plans/p/steps.json"])
        #expect(written.status == 0)
        #expect(written.stdout == "")
        #expect(try fixture.run("joget", ["--check", "plans/p/steps.json"]).status == 0)
        let stale = try fixture.run("joget-sh", ["--check", "plans/p/steps.json"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("help: regenerate it with 'ferry plan plans/p --emit joget-sh --instances plans/p/instances.json -o plans/p/steps.json' and commit it"))
        let intoInventory = try fixture.run("joget", ["-o", "plans/p/instances.json"])
        #expect(intoInventory.status == 64)
        #expect(try String(contentsOf: fixture.folder.url.appendingPathComponent("plans/p/instances.json"), encoding: .utf8) == JogetPlanFixture.inventory)
    }

    @Test(arguments: [
        (["--emit", "joget"], "--emit joget needs --instances FILE"),
        (["--emit", "joget-sh", "--instances", "plans/p/instances.json", "--joget-package-version", "0"], "--joget-package-version must be a positive integer"),
        (["--instances", "plans/p/instances.json"], "--instances is for --emit joget and --emit joget-sh"),
        (["--joget-package-version", "2"], "--joget-package-version is for --emit joget and --emit joget-sh"),
    ])
    func usageErrorsExitWith64(arguments: [String], message: String) throws {
        let fixture = try JogetPlanFixture()
        let output = try FerryProcess.run(["plan", "plans/p"] + arguments, in: fixture.folder.url)
        #expect(output.status == 64)
        #expect(output.stderr.contains(message))
    }

    @Test func aCamundaPlanDirectoryHasNoJogetSteps() throws {
        let output = try FerryProcess.run(["plan", "plans/invoice", "--emit", "joget", "--instances", "plans/expenses/instances.json"], in: repositoryRoot)
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("error: --emit joget writes Joget steps, but the plan directory is for Camunda 7\n"))
    }

    // MARK: Problems

    /// `(marker, code)` for every finding of `ferry plan plans/p --emit joget` in a marked
    /// inventory, from the human output's `file:line:column: severity[CODE]` lines; also checks
    /// that nothing was written.
    private func findings(_ marked: String, files: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String] {
        let inventory = MarkedText(marked)
        let fixture = try JogetPlanFixture(files: files, inventory: inventory.text)
        try fixture.folder.write("plans/p/steps.json", "old\n")
        let output = try fixture.run("joget", ["-o", "plans/p/steps.json"])
        #expect(output.status == 1, sourceLocation: sourceLocation)
        #expect(output.stdout == "", sourceLocation: sourceLocation)
        #expect(try String(contentsOf: fixture.folder.url.appendingPathComponent("plans/p/steps.json"), encoding: .utf8) == "old\n", sourceLocation: sourceLocation)
        return locatedCodes(output.stderr, in: inventory)
    }

    private func locatedCodes(_ stderr: String, in inventory: MarkedText) -> [String] {
        let source = SourceFile(path: "plans/p/instances.json", text: inventory.text)
        let pattern = #/^(?<file>[^:\n]+):(?<line>\d+):(?<column>\d+): (?<severity>error|warning)\[(?<code>F[A-Z]\d{3})\]/#.anchorsMatchLineEndings()
        return stderr.matches(of: pattern).map { match in
            let line = Int(match.output.line)!
            let column = Int(match.output.column)!
            var marker = "?\(line):\(column)"
            if match.output.file == "plans/p/instances.json" {
                for (name, offset) in inventory.offsets {
                    let position = source.position(atOffset: offset)
                    if position.line == line && position.column == column { marker = name }
                }
            } else {
                marker = "\(match.output.file.split(separator: "/").last ?? ""):\(line):\(column)"
            }
            return "\(marker) \(match.output.code)"
        }
    }

    @Test func everyProblemOfAnInventoryIsLocated() throws {
        let found = try findings("""
            {"instances": [
              0️⃣{1️⃣"idd": "a", "version": "1.0.0", "activities": ["approve"]},
              {"id": "b", "version": 2️⃣"1.0", "activities": ["approve"]},
              {"id": "c", "version": 3️⃣"1.5.0", "activities": ["approve"]},
              {"id": "d", "version": "1.0.0", "activities": [4️⃣"aprove", 5️⃣"notify"]},
              {"id": "e", "version": 6️⃣"1.1.0", "activities": ["review"]},
              {"id": 7️⃣"f", "version": "1.0.0", "activities": ["approve", 8️⃣"approve"]},
              {"id": 9️⃣"f", "version": "1.0.0", "activities": ["approve"]},
              {"id": "g", "version": "1.0.0", "activities": 🔟[], "variables": {"x": null}}
            ]}
            """, files: [
                "plans/p/definitions/a.xpdl": JogetPlanFixture.definition(
                    "1.0.0",
                    JogetPlanFixture.normal("approve") + JogetPlanFixture.normal("ship_and_bill") + JogetPlanFixture.normal("legacy") + JogetPlanFixture.tool("notify"),
                    variables: ["amount", "note"]
                ),
            ])
        #expect(found == [
            "0️⃣ FE009", "1️⃣ FE008", "2️⃣ FE007", "3️⃣ FE010", "4️⃣ FE011", "5️⃣ FE011",
            "6️⃣ FE012", "8️⃣ FE013", "9️⃣ FE013", "🔟 FE007", "?9:72 FE007",
        ])
    }

    @Test func messagesSayWhatIsWrongAndWhatToDo() throws {
        let fixture = try JogetPlanFixture(inventory: """
            {"instances": [
              {"id": "a", "version": "1.0.0", "activities": ["aprove"], "recordID": "r"},
              {"id": "b", "version": "1.1.0", "activities": ["review"]}
            ]}
            """)
        let output = try fixture.run("joget")
        #expect(output.status == 1)
        #expect(output.stderr.contains("plans/p/instances.json:2:61: error[FE008]: unknown key 'recordID' in an instance"))
        #expect(output.stderr.contains("help: did you mean 'recordId'?"))
        #expect(output.stderr.contains("plans/p/instances.json:2:50: error[FE011]: 'aprove' is not an activity of p 1.0.0"))
        #expect(output.stderr.contains("help: did you mean 'approve'?"))
        #expect(output.stderr.contains("plans/p/instances.json:3:26: error[FE012]: instance 'b' is on 1.1.0, which is the target version: there is nothing to migrate"))
        #expect(output.stderr.contains("help: remove the instance from the inventory: it runs on the target version already"))
    }

    @Test(arguments: [
        ("{\"instances\": [\n  {\"id\": \"a\", \"version\": \"1.0.0\" \"activities\": []}\n]}\n", "FY001", 2, 34),
        ("[]\n", "FE007", 1, 1),
        ("{}\n", "FE009", 1, 1),
        ("", "FY010", 1, 1),
        ("{\"instances\": [], \"instances\": []}\n", "FY004", 1, 19),
        ("{\"instances\": [{\"id\": \"\\ud83d\\ude00\"}]}\n", "FY001", 1, 26),
        ("{\"instances\": [{\"id\": \"a\", \"version\": \"1.0.0\", \"activities\": [\"approve\"], \"variables\": {\"x\": \"a\\u0000b\"}}]}\n", "FE007", 1, 94),
    ])
    func syntaxAndShapeProblemsStopBeforeAnythingIsWritten(inventory: String, code: String, line: Int, column: Int) throws {
        let fixture = try JogetPlanFixture(inventory: inventory)
        let output = try fixture.run("joget-sh", ["-o", "plans/p/migrate.sh"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("plans/p/instances.json:\(line):\(column): error[\(code)]"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.url.appendingPathComponent("plans/p/migrate.sh").path))
    }

    @Test func aMissingInventoryIsReported() throws {
        let fixture = try JogetPlanFixture()
        let output = try FerryProcess.run(["plan", "plans/p", "--emit", "joget", "--instances", "nowhere.json"], in: fixture.folder.url)
        #expect(output.status == 1)
        #expect(output.stderr.contains("nowhere.json:1:1: error[FI001]: cannot read file"))
    }

    @Test func undeclaredVariablesAndToolsAtTheStartAreWarnedAbout() throws {
        let fixture = try JogetPlanFixture(files: [
            "plans/p/definitions/b.xpdl": JogetPlanFixture.definition(
                "1.1.0",
                JogetPlanFixture.tool("notify") + JogetPlanFixture.normal("review") + JogetPlanFixture.normal("ship") + JogetPlanFixture.normal("bill"),
                variables: ["amount", "migrated"],
                transitions: JogetPlanFixture.transition("t1", from: "notify", to: "review")
                    + JogetPlanFixture.transition("t2", from: "review", to: "ship")
                    + JogetPlanFixture.transition("t3", from: "ship", to: "bill")
            ),
        ])
        let output = try fixture.run("joget")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("plans/p/instances.json:3:18: warning[FE015]: 'note' is not a workflow variable of p 1.1.0; Joget may drop it or refuse the start"))
        #expect(output.stderr.contains("warning[FE016]: process/start runs tool 'notify' at the start of p 1.1.0 for every migrated instance"))
        #expect(output.stdout.contains(#""var_note": "#))
    }

    @Test func aNullVariableInTheMappingCannotBeSent() throws {
        let fixture = try JogetPlanFixture(files: [
            "plans/p/mappings/1.0-to-1.1.yaml": JogetPlanFixture.mapping.replacingOccurrences(of: #"migrated: "yes""#, with: "migrated: null"),
        ])
        let output = try fixture.run("joget")
        #expect(output.status == 1)
        #expect(output.stderr.contains("plans/p/mappings/1.0-to-1.1.yaml:13:5: error[FE014]: variable 'migrated' is set to null"))
    }
}

/// The Joget planner in process: what `ferry plan` never lets through (its checks refuse such a
/// plan first) is still refused by the emitter, located at the mapping entry.
@Suite("Joget steps: what the JSON API cannot express")
struct JogetMigrationPlannerTests {
    @Test func aTargetThatIsNoActivityToWaitInIsRefusedAtTheMappingEntry() throws {
        let folder = try PlanFolder([
            "definitions/a.xpdl": JogetPlanFixture.definition("1.0.0", JogetPlanFixture.normal("approve")),
            "definitions/b.xpdl": JogetPlanFixture.definition("1.1.0", JogetPlanFixture.normal("review") + JogetPlanFixture.tool("notify")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n"),
        ])
        let history = try folder.history()
        var composed = PlanComposer().compose(history).plan
        composed.plans[0].instructions[0].targets = ["review", "notify"]
        let inventory = InstanceInventory(path: "i.json", instances: [RunningInstance(
            id: Located("1_app_p", at: SourceLocation(wholeFile: "i.json")),
            version: Located(SemanticVersion(major: 1, minor: 0, patch: 0), at: SourceLocation(wholeFile: "i.json")),
            activities: [Located("approve", at: SourceLocation(wholeFile: "i.json"))],
            location: SourceLocation(wholeFile: "i.json")
        )])
        let planned = JogetMigrationPlanner().plan(composed, history: history, inventory: inventory)
        #expect(planned.migration == nil)
        let errors = planned.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.jogetCannotExpress])
        let diagnostic = try #require(errors.first)
        #expect(diagnostic.location.file.hasSuffix("mappings/1.0-to-1.1.yaml"))
        #expect(diagnostic.location.start.line == 6)
        #expect(diagnostic.message == "'notify' is a tool activity; Joget's activity/start can only leave an instance waiting in a normal or sub-flow activity")
    }

    @Test func everyCodeIsExplained() {
        for code in DiagnosticCode.allCases {
            #expect(!code.title.isEmpty, "\(code.rawValue) has no title")
            #expect(code.explanation.count > 150, "\(code.rawValue) needs a real explanation")
            if code.rawValue.hasPrefix("FE") {
                #expect(code.explanation.count > 300, "\(code.rawValue) needs a real explanation")
            }
        }
    }
}
