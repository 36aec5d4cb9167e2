import Foundation
import Testing

/// A Camunda 7 definition of process `p` at a version with the given flow elements.
private func process(_ version: String, _ body: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
      <bpmn:process id="p" isExecutable="true" camunda:versionTag="\(version)">
    \(body)
      </bpmn:process>
    </bpmn:definitions>

    """
}

private let header = "ferry: 1\nprocess: p\nfrom: 1.0\nto: 1.1\n"

private func check(_ files: [String: String]) throws -> FerryProcess.Output {
    let folder = try TemporaryFolder()
    for (path, text) in files { try folder.write("plans/p/" + path, text) }
    return try FerryProcess.run(["check", "plans", "--format", "gnu"], in: folder.url)
}

@Suite("Hop validation: existence, coverage and the same-type rule")
struct HopValidationTests {
    @Test func renamedWaitStateMappedExplicitlyPasses() throws {
        let output = try check([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:userTask id="approve" />"#),
            "definitions/b.bpmn": process("1.1.0", #"    <bpmn:userTask id="review" />"#),
            "mappings/1.0-to-1.1.yaml": header + "activities:\n  approve: review\n",
        ])
        #expect(output.stdout == "")
        #expect(output.status == 0)
    }

    @Test func unknownSourceAndTargetAreReportedAtTheEntryWithSuggestions() throws {
        let output = try check([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:userTask id="approve" />"#),
            "definitions/b.bpmn": process("1.1.0", #"    <bpmn:userTask id="review" />"#),
            "mappings/1.0-to-1.1.yaml": header + "activities:\n  aprove: reveiw\n",
        ])
        #expect(output.status == 1)
        #expect(output.stdout.contains("plans/p/mappings/1.0-to-1.1.yaml:6:3: error: 'aprove' is not an element of p 1.0.0 [FR001]"))
        #expect(output.stdout.contains("plans/p/mappings/1.0-to-1.1.yaml:6:11: error: 'reveiw' is not an element of p 1.1.0 [FR002]"))
        let folder = try folderWith([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:userTask id="approve" />"#),
            "definitions/b.bpmn": process("1.1.0", #"    <bpmn:userTask id="review" />"#),
            "mappings/1.0-to-1.1.yaml": header + "activities:\n  aprove: reveiw\n",
        ])
        let human = try FerryProcess.run(["check", "plans"], in: folder.url)
        #expect(human.stderr.contains("help: did you mean 'approve'?"))
        #expect(human.stderr.contains("help: did you mean 'review'?"))
    }

    @Test func anUncoveredWaitStateIsReportedAtTheElementWithANoteAtTheMappingFile() throws {
        let output = try check([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:userTask id="approve" />"#),
            "definitions/b.bpmn": process("1.1.0", #"    <bpmn:userTask id="review" />"#),
            "mappings/1.0-to-1.1.yaml": header,
        ])
        #expect(output.status == 1)
        #expect(output.stdout.contains("plans/p/definitions/a.bpmn:4:5: error: instances waiting in userTask 'approve' of p 1.0.0 have nowhere to go in 1.1.0 [FR003]"))
        #expect(output.stdout.contains("plans/p/mappings/1.0-to-1.1.yaml:1:1: note: this mapping file neither maps nor skips it"))
    }

    @Test func aSkipCoversAWaitState() throws {
        let output = try check([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:userTask id="approve" />"#),
            "definitions/b.bpmn": process("1.1.0", #"    <bpmn:userTask id="review" />"#),
            "mappings/1.0-to-1.1.yaml": header + "activities:\n  approve:\n    skip: Finished by hand\n",
        ])
        #expect(output.stdout == "")
    }

    @Test func aWaitStateThatChangesTypeInAPatchNeedsAMinor() throws {
        let output = try check([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:userTask id="approve" />"#),
            "definitions/b.bpmn": process("1.0.1", #"    <bpmn:serviceTask id="approve" camunda:type="external" camunda:topic="t" />"#),
        ])
        #expect(output.status == 1)
        #expect(output.stdout.contains("plans/p/definitions/b.bpmn:4:5: error: 'approve' changed from userTask in 1.0.0 to serviceTask (external) in 1.0.1, so instances waiting there cannot keep their id [FR004]"))
        #expect(output.stdout.contains("note: Camunda 7 reports: Activities have incompatible types (UserTaskActivityBehavior is not compatible with ExternalTaskActivityBehavior)"))
        #expect(output.stdout.contains("release this change as 1.1.0 with a mapping file"))
    }

    @Test func aWaitStateRemovedInAPatchNeedsAMinor() throws {
        let output = try check([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:receiveTask id="wait" />"#),
            "definitions/b.bpmn": process("1.0.1", #"    <bpmn:userTask id="review" />"#),
        ])
        #expect(output.status == 1)
        #expect(output.stdout.contains("plans/p/definitions/a.bpmn:4:5: error: instances waiting in receiveTask 'wait' of p 1.0.0 have nowhere to go in 1.0.1 [FR003]"))
    }

    @Test func anExplicitMappingToAnotherBehaviourIsRejected() throws {
        let output = try check([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:userTask id="approve" />"#),
            "definitions/b.bpmn": process("1.1.0", #"    <bpmn:receiveTask id="awaitApproval" />"#),
            "mappings/1.0-to-1.1.yaml": header + "activities:\n  approve: awaitApproval\n",
        ])
        #expect(output.stdout.contains("plans/p/mappings/1.0-to-1.1.yaml:6:12: error: 'approve' (userTask) cannot be migrated to 'awaitApproval' (receiveTask) [FR004]"))
    }

    @Test func camundaCannotSplit() throws {
        let output = try check([
            "definitions/a.bpmn": process("1.0.0", #"    <bpmn:userTask id="approve" />"#),
            "definitions/b.bpmn": process("1.1.0", #"    <bpmn:userTask id="review" /><bpmn:userTask id="sign" />"#),
            "mappings/1.0-to-1.1.yaml": header + "activities:\n  approve:\n    to: [review, sign]\n",
        ])
        #expect(output.stdout.contains("plans/p/mappings/1.0-to-1.1.yaml:7:18: error: Camunda 7 migrates each instance to exactly one element; 'approve' is mapped to 2 [FR005]"))
        #expect(output.stdout.contains("note: Camunda 7 reports: There are multiple mappings for source activity id 'approve': ValidatingMigrationInstructionImpl{sourceActivity=Activity(approve), targetActivity=Activity(review)}, ValidatingMigrationInstructionImpl{sourceActivity=Activity(approve), targetActivity=Activity(sign)}"))
    }
}

private func folderWith(_ files: [String: String]) throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    for (path, text) in files { try folder.write("plans/p/" + path, text) }
    return folder
}
