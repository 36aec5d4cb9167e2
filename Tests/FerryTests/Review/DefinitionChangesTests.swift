import FerryDiagnostics
@testable import FerryKit
import Testing

@Suite("Review: definition changes")
struct DefinitionChangesTests {
    private static func process(_ version: String, _ body: String) throws -> ProcessDefinition {
        let text = PlanFixture.camunda7(version, body)
        let file = DefinitionReader().read(SourceFile(path: "\(version).bpmn", bytes: Array(text.utf8)))
        #expect(file.diagnostics.filter { $0.severity == .error } == [])
        return try #require(file.processes.first)
    }

    @Test func everyKindOfChangeWaitStatesFirst() throws {
        let older = try Self.process("1.0.0", """
            <bpmn:scriptTask id="prepare" />
            <bpmn:userTask id="approve" />
            <bpmn:userTask id="check" />
            <bpmn:receiveTask id="wait" />
            <bpmn:userTask id="pack" />
            <bpmn:subProcess id="shipping"><bpmn:userTask id="label" /></bpmn:subProcess>
            <bpmn:intermediateCatchEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="legacy" />
            """)
        let newer = try Self.process("1.1.0", """
            <bpmn:scriptTask id="prepare" />
            <bpmn:userTask id="review" />
            <bpmn:userTask id="check"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
            <bpmn:userTask id="wait" />
            <bpmn:subProcess id="packing"><bpmn:userTask id="pack" /></bpmn:subProcess>
            <bpmn:subProcess id="delivery"><bpmn:userTask id="label" /></bpmn:subProcess>
            <bpmn:intermediateCatchEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="audit" />
            """)
        let changes = DefinitionChanges(from: older, to: newer, renames: ["approve": ["review"], "shipping": ["delivery"]])
        let summary = changes.changes.map { change in
            "\(change.kind.rawValue) \(change.oldID ?? "-") \(change.newID ?? "-")" + (change.details.isEmpty ? "" : ": " + change.details.joined(separator: "; "))
        }
        #expect(summary == [
            "renamed approve review",
            "changed check check: multi-instance added (parallel)",
            "changed wait wait: kind receiveTask → userTask",
            "changed pack pack: moved from process level to 'packing'",
            "changed late late: trigger timer duration P3D → timer duration P2D",
            "removed legacy -",
            "added - audit",
            "renamed shipping delivery",
            "added - packing",
        ])
    }
}
