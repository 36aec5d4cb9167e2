import FerryDiagnostics
import FerryKit
import Testing

/// A flow element shares its fields between copies until one changes: it must still behave as a
/// plain value.
@Suite struct FlowElementTests {
    private let element: FlowElement = {
        var element = FlowElement(id: "approveInvoice", name: "Approve invoice", kind: .userTask, location: SourceLocation(wholeFile: "a.bpmn"))
        element.incoming = ["Flow_1"]
        element.isWaitState = true
        return element
    }()

    @Test func changingACopyLeavesTheOriginal() {
        var copy = element
        copy.id = "reviewInvoice"
        copy.incoming.append("Flow_2")
        copy.isWaitState = false
        #expect(element.id == "approveInvoice")
        #expect(element.incoming == ["Flow_1"])
        #expect(element.isWaitState)
        #expect(copy.id == "reviewInvoice")
        #expect(copy.incoming == ["Flow_1", "Flow_2"])
        #expect(!copy.isWaitState)
    }

    @Test func equalFieldsAreEqualElements() {
        var rebuilt = FlowElement(id: "approveInvoice", name: "Approve invoice", kind: .userTask, location: SourceLocation(wholeFile: "a.bpmn"))
        rebuilt.incoming = ["Flow_1"]
        rebuilt.isWaitState = true
        #expect(rebuilt == element)
        #expect(Set([rebuilt, element]).count == 1)
        rebuilt.camunda7Behavior = "UserTaskActivityBehavior"
        #expect(rebuilt != element)
    }
}
