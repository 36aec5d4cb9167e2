import Foundation
import Testing

/// A valid two-version Camunda 7 plan directory under `plans/p`, which tests then break.
private func validPlan(in folder: TemporaryFolder, at path: String = "plans/p") throws {
    for (version, task) in [("1.0.0", "review"), ("1.1.0", "review")] {
        try folder.write("\(path)/definitions/p-\(version).bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="p" isExecutable="true" camunda:versionTag="\(version)">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="\(task)" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>

            """)
    }
    try folder.write("\(path)/mappings/1.0-to-1.1.yaml", """
        ferry: 1
        process: p
        from: 1.0
        to: 1.1

        """)
}

@Suite("ferry check, end to end")
struct CheckCommandTests {
    @Test func validPlanExitsZeroWithASummaryOnStandardError() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        let output = try FerryProcess.run(["check", "plans"], in: folder.url)
        #expect(output.status == 0)
        #expect(output.stdout == "")
        #expect(output.stderr == "checked 1 plan directory (3 files): no problems found\n")
    }

    @Test func yamlErrorIsReportedWithARelativePathOnStandardError() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", "ferry: 1\nprocess: p\nfrom: 1.0\nto: 1.1\nprocess: q\n")
        let output = try FerryProcess.run(["check", "plans"], in: folder.url)
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix("plans/p/mappings/1.0-to-1.1.yaml:5:1: error[FY004]: duplicate key 'process'\n"))
        #expect(output.stderr.contains("plans/p/mappings/1.0-to-1.1.yaml:2:1: note: first defined here"))
        #expect(output.stderr.hasSuffix("checked 1 plan directory (3 files): 1 error, 0 warnings\n"))
        #expect(!output.stderr.contains("\u{1B}["), "no colour when standard error is not a terminal")
    }

    @Test func pathsArePrintedAsGiven() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", "a: [\n")
        for (argument, prefix) in [(".", "plans/p/"), ("plans/", "plans/p/"), ("./plans", "./plans/p/"), ("plans/p", "plans/p/")] {
            let output = try FerryProcess.run(["check", argument, "--format", "gnu"], in: folder.url)
            #expect(output.stdout.hasPrefix(prefix + "mappings/1.0-to-1.1.yaml:2:1: error: "), "for \(argument): \(output.stdout)")
        }
        let inside = try FerryProcess.run(["check", "--format", "gnu"], in: folder.url.appendingPathComponent("plans/p"))
        #expect(inside.stdout.hasPrefix("mappings/1.0-to-1.1.yaml:2:1: error: "), "\(inside.stdout)")
    }

    @Test func machineFormatsGoToStandardOutputOnly() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", "ferry: 1\n\tprocess: p\n")
        for format in ["gnu", "json", "github", "sarif"] {
            let output = try FerryProcess.run(["check", "plans", "--format", format], in: folder.url)
            #expect(output.status == 1, "\(format)")
            #expect(output.stderr == "", "\(format): \(output.stderr)")
            #expect(output.stdout.contains("FY009"), "\(format): \(output.stdout)")
        }
        let gnu = try FerryProcess.run(["check", "plans", "--format", "gnu"], in: folder.url)
        #expect(gnu.stdout.hasPrefix("plans/p/mappings/1.0-to-1.1.yaml:2:1: error: tab character used for indentation [FY009]\n"))
    }

    @Test func jsonOutputDecodes() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", "ferry: 1\nprocess: p\nfrom: 1.0\nto: 1.1\nto: 1.1\n")
        try folder.write("plans/p/mappings/notes.txt", "not a mapping\n")
        let output = try FerryProcess.run(["check", "plans", "--format", "json"], in: folder.url)
        #expect(output.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["FY004", "FP001"])
        #expect(diagnostics.first?["file"] as? String == "plans/p/mappings/1.0-to-1.1.yaml")
        #expect(diagnostics.first?["line"] as? Int == 5)
        #expect(diagnostics.first?["column"] as? Int == 1)
    }

    @Test func warningsAsErrorsChangesTheExitStatus() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml.bak", "old\n")
        let plain = try FerryProcess.run(["check", "plans"], in: folder.url)
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("warning[FP001]"))
        let strict = try FerryProcess.run(["check", "plans", "--warnings-as-errors"], in: folder.url)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error[FP001]"))
    }

    @Test func hostileXMLFailsCleanly() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.write("plans/p/definitions/p-1.1.0.bpmn", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """)
        let output = try FerryProcess.run(["check", "plans", "--format", "gnu"], in: folder.url)
        #expect(output.status == 1)
        #expect(output.stdout.hasPrefix("plans/p/definitions/p-1.1.0.bpmn:2:1: error: "))
        #expect(output.stdout.contains("[FX002]"))
    }

    @Test func oversizedMappingIsRefusedBeforeReading() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", String(repeating: "# padding\n", count: 120_000))
        let output = try FerryProcess.run(["check", "plans", "--format", "gnu"], in: folder.url)
        #expect(output.status == 1)
        #expect(output.stdout == "plans/p/mappings/1.0-to-1.1.yaml:1:1: error: file is 1.1 MiB, over the 1 MiB limit for mapping files [FI002]\n")
    }

    @Test func colourOnlyWhenAskedAndNeverWithNoColor() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", "a: [\n")
        let coloured = try FerryProcess.run(["check", "plans", "--color", "always"], in: folder.url)
        #expect(coloured.stderr.contains("\u{1B}["))
        let auto = try FerryProcess.run(["check", "plans"], in: folder.url, environment: ["NO_COLOR": "1"])
        #expect(!auto.stderr.contains("\u{1B}["))
    }

    @Test(arguments: [["check", "nowhere"], ["check", "empty"], ["check", "--format", "xml", "plans"], ["check", "--bogus"]])
    func usageErrorsExitWith64(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        try folder.makeFolder("empty")
        let output = try FerryProcess.run(arguments, in: folder.url)
        #expect(output.status == 64, "\(arguments): \(output.stderr)")
        #expect(output.stdout == "")
        #expect(output.stderr.contains("rror"))
    }

    @Test func missingPathNamesThePath() throws {
        let folder = try TemporaryFolder()
        let output = try FerryProcess.run(["check", "plans/nowhere"], in: folder.url)
        #expect(output.stderr == "error: path 'plans/nowhere' does not exist\n")
        let empty = try FerryProcess.run(["check"], in: folder.url)
        #expect(empty.status == 64)
        #expect(empty.stderr.hasPrefix("error: no plan directory under '.'\nhelp: "))
    }

    @Test func aFileSelectsItsPlanDirectory() throws {
        let folder = try TemporaryFolder()
        try validPlan(in: folder)
        let output = try FerryProcess.run(["check", "plans/p/mappings/1.0-to-1.1.yaml"], in: folder.url)
        #expect(output.status == 0)
        #expect(output.stderr == "checked 1 plan directory (3 files): no problems found\n")
    }

    @Test func examplesInTheRepositoryPass() throws {
        let output = try FerryProcess.run(["check", "plans"], in: repositoryRoot)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.hasSuffix("no problems found\n"))
    }
}

@Suite("ferry explain, --version and --help")
struct CommandLineTests {
    @Test func explainPrintsTheLongExplanation() throws {
        let folder = try TemporaryFolder()
        let output = try FerryProcess.run(["explain", "fy004"], in: folder.url)
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("FY004: duplicate mapping key (error)\n\n"))
        #expect(output.stdout.contains("with a note at the first"))
    }

    @Test func unknownCodeExits64WithAHint() throws {
        let folder = try TemporaryFolder()
        let output = try FerryProcess.run(["explain", "FY040"], in: folder.url)
        #expect(output.status == 64)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: unknown diagnostic code 'FY040'\nhelp: did you mean 'FY004'? 'ferry explain --list' prints every code\n")
    }

    @Test func explainListsEveryCode() throws {
        let folder = try TemporaryFolder()
        let output = try FerryProcess.run(["explain", "--list"], in: folder.url)
        #expect(output.status == 0)
        #expect(output.stdout.contains("FY004  error    duplicate mapping key\n"))
        #expect(output.stdout.contains("FP001  warning  file ignored in a plan directory\n"))
    }

    @Test func versionIsPrinted() throws {
        let folder = try TemporaryFolder()
        let output = try FerryProcess.run(["--version"], in: folder.url)
        #expect(output.status == 0)
        #expect(output.stdout.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil)
    }

    @Test(arguments: [["--help"], ["check", "--help"], ["explain", "--help"], ["help", "check"]])
    func helpIsAvailableForEveryCommand(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        let output = try FerryProcess.run(arguments, in: folder.url)
        #expect(output.status == 0)
        #expect(output.stdout.contains("USAGE: ferry"))
    }
}
