import Foundation
import Testing

/// A Camunda 7 (or 8) definition of process `p` with a user task, at a version.
private func definition(_ version: String, process: String = "p", engine8: Bool = false, task: String = "review") -> String {
    let zeebe = engine8 ? " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"" : ""
    let versionTag = engine8
        ? "<bpmn:extensionElements><zeebe:versionTag value=\"\(version)\" /></bpmn:extensionElements>"
        : ""
    let attribute = engine8 ? "" : " camunda:versionTag=\"\(version)\""
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"\(zeebe) id="d">
          <bpmn:process id="\(process)" isExecutable="true"\(attribute)>\(versionTag)
            <bpmn:userTask id="\(task)" />
          </bpmn:process>
        </bpmn:definitions>

        """
}

private func mapping(_ from: String, _ to: String, process: String = "p") -> String {
    "ferry: 1\nprocess: \(process)\nfrom: \(from)\nto: \(to)\n"
}

/// `(file:line:column, severity, code)` of every finding, from the gnu format.
private func findings(_ folder: TemporaryFolder) throws -> (status: Int32, lines: [String]) {
    let output = try FerryProcess.run(["check", "plans", "--format", "gnu"], in: folder.url)
    let lines = output.stdout.split(separator: "\n").map(String.init).filter { !$0.contains(": note: ") || $0.hasSuffix("]") }
    return (output.status, lines.map { line in
        let code = line.range(of: #"\[F[A-Z]\d{3}\]$"#, options: .regularExpression).map { String(line[$0]) } ?? "?"
        let position = line.split(separator: ":").prefix(3).joined(separator: ":")
        let severity = line.split(separator: ":").dropFirst(3).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
        return "\(position) \(severity) \(code)"
    })
}

@Suite("Version chain: plan directories and the semantic-version policy")
struct VersionChainTests {
    @Test func patchAndMinorHopsWithTheirMappingPass() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.0.1"))
        try folder.write("plans/p/definitions/c.bpmn", definition("1.1.0"))
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", mapping("1.0", "1.1"))
        let result = try findings(folder)
        #expect(result.lines == [])
        #expect(result.status == 0)
    }

    @Test func aMinorHopWithoutMappingIsAGapAtTheNewerVersion() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.1.0"))
        let result = try findings(folder)
        #expect(result.status == 1)
        #expect(result.lines == ["plans/p/definitions/b.bpmn:3:64 error [FV004]"])
    }

    @Test func aMappingFileThatCannotBeReadIsNotAlsoCalledAGap() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.1.0"))
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", "ferry: 1\nprocess: [p\n")
        let result = try findings(folder)
        #expect(result.status == 1)
        #expect(result.lines.allSatisfy { $0.contains("1.0-to-1.1.yaml") }, "\(result.lines)")
        // A file named for another increment does not excuse this one.
        try folder.write("plans/p/definitions/c.bpmn", definition("1.2.0"))
        #expect(try findings(folder).lines.contains("plans/p/definitions/c.bpmn:3:64 error [FV004]"))
    }

    @Test func anEntryThatFailedToDecodeDoesNotLeaveItsWaitStateUncovered() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0", task: "approve"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.1.0", task: "review"))
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", mapping("1.0", "1.1") + "activities:\n  approve:\n    too: review\n")
        let result = try findings(folder)
        #expect(result.status == 1)
        #expect(result.lines == ["plans/p/mappings/1.0-to-1.1.yaml:6:3 error [FM003]", "plans/p/mappings/1.0-to-1.1.yaml:7:5 error [FM001]"])
    }

    @Test func twoMappingsFromOneMinorAreAFork() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.1.0"))
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", mapping("1.0", "1.1"))
        try folder.write("plans/p/mappings/1.0-to-1.1-hotfix.yaml", mapping("1.0", "1.1"))
        let output = try FerryProcess.run(["check", "plans", "--format", "gnu"], in: folder.url)
        #expect(output.status == 1)
        #expect(output.stdout.contains("plans/p/mappings/1.0-to-1.1.yaml:3:7: error: two mapping files start from p 1.0: 'plans/p/mappings/1.0-to-1.1-hotfix.yaml' and 'plans/p/mappings/1.0-to-1.1.yaml' [FV005]"))
    }

    @Test func aMappingToAnAbsentMinorIsAnOrphan() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.1.0"))
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", mapping("1.0", "1.1"))
        try folder.write("plans/p/mappings/1.1-to-1.2.yaml", mapping("1.1", "1.2"))
        let result = try findings(folder)
        #expect(result.lines == ["plans/p/mappings/1.1-to-1.2.yaml:4:5 error [FV006]"])
    }

    @Test func aMappingForAnUnknownProcessSuggestsTheClosest() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0", process: "invoice"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.1.0", process: "invoice"))
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", mapping("1.0", "1.1", process: "invoce"))
        let output = try FerryProcess.run(["check", "plans"], in: folder.url)
        #expect(output.stderr.contains("plans/p/mappings/1.0-to-1.1.yaml:2:10: error[FV007]: no definition in this plan directory has process id 'invoce'"))
        #expect(output.stderr.contains("help: did you mean 'invoice'?"))
        // The real process still has its gap reported.
        #expect(output.stderr.contains("error[FV004]"))
    }

    @Test func duplicateVersionsAndIdenticalCopies() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/a-copy.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/z.bpmn", definition("1.0.0", task: "approve"))
        let result = try findings(folder)
        #expect(result.lines == [
            "plans/p/definitions/a.bpmn:3:64 warning [FV002]",
            "plans/p/definitions/z.bpmn:3:64 error [FV001]",
        ])
    }

    @Test func mixedEnginesAreReported() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.0.1"))
        try folder.write("plans/p/definitions/c.bpmn", definition("1.0.2", engine8: true))
        let result = try findings(folder)
        #expect(result.lines == ["plans/p/definitions/c.bpmn:3:3 error [FV003]"])
    }

    @Test func aMajorBoundaryIsANoteNotAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.4.2"))
        try folder.write("plans/p/definitions/b.bpmn", definition("2.0.0"))
        let output = try FerryProcess.run(["check", "plans", "--format", "gnu"], in: folder.url)
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("plans/p/definitions/b.bpmn:3:64: note: instances on 1.x are not migrated to 2.x: majors are never migrated [FV008]\n"))
    }

    @Test func aMappingThatSkipsAMinorIsReported() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.0.0"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.1.0"))
        try folder.write("plans/p/definitions/c.bpmn", definition("1.2.0"))
        try folder.write("plans/p/mappings/1.0-to-1.2.yaml", mapping("1.0", "1.2"))
        try folder.write("plans/p/mappings/1.1-to-1.2.yaml", mapping("1.1", "1.2"))
        let result = try findings(folder)
        #expect(result.lines == [
            "plans/p/definitions/b.bpmn:3:64 error [FV004]",
            "plans/p/mappings/1.0-to-1.2.yaml:4:5 error [FV009]",
        ])
    }

    @Test func versionsOrderNumerically() throws {
        let folder = try TemporaryFolder()
        try folder.write("plans/p/definitions/a.bpmn", definition("1.9.0"))
        try folder.write("plans/p/definitions/b.bpmn", definition("1.10.0"))
        try folder.write("plans/p/mappings/1.9-to-1.10.yaml", mapping("1.9", "1.10"))
        let result = try findings(folder)
        #expect(result.lines == [])
    }
}
