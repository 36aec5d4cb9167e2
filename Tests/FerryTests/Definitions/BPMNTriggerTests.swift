import Testing
import FerryDiagnostics
@testable import FerryKit

/// What each element waits for, read for comparing two versions (`updateEventTrigger` warnings)
/// and for Camunda 7's rule on persistent triggers.
@Suite("BPMN front end: triggers")
struct BPMNTriggerTests {
    /// Messages and signals declared after the process, as Camunda Modeler writes them.
    static let definition = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true" camunda:versionTag="1.0.0">
            <bpmn:userTask id="approve">
              <bpmn:extensionElements>
                <camunda:taskListener event="timeout" id="remind" class="x.Remind">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </camunda:taskListener>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="plain" />
            <bpmn:boundaryEvent id="reminder" cancelActivity="false" attachedToRef="plain">
              <bpmn:timerEventDefinition id="t1">
                <bpmn:timeDuration xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  P3D
                </bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="recalled"><bpmn:signalEventDefinition signalRef="Signal_1" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="late">
              <bpmn:conditionalEventDefinition><bpmn:condition>${daysLate &gt; 3}</bpmn:condition></bpmn:conditionalEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="when"><bpmn:timerEventDefinition><bpmn:timeDate>2027-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="bare"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
            <bpmn:receiveTask id="waitForGoods" messageRef="Message_2">
              <bpmn:multiInstanceLoopCharacteristics />
            </bpmn:receiveTask>
            <bpmn:receiveTask id="waitForAnything" />
            <bpmn:intermediateCatchEvent id="unnamed"><bpmn:messageEventDefinition messageRef="Message_3" /></bpmn:intermediateCatchEvent>
          </bpmn:process>
          <bpmn:message id="Message_1" name="PaymentReceived" />
          <bpmn:message id="Message_2" name="GoodsArrived" />
          <bpmn:message id="Message_3" />
          <bpmn:signal id="Signal_1" name="OrderRecalled" />
        </bpmn:definitions>

        """

    @Test func triggersAreReadAsWritten() throws {
        let file = DefinitionReader().read(SourceFile(path: "d.bpmn", bytes: Array(Self.definition.utf8)))
        #expect(file.diagnostics.filter { $0.severity == .error } == [])
        let process = try #require(file.processes.first)
        func trigger(_ id: String) -> String? { process.element(id)?.trigger }
        #expect(trigger("reminder") == "timer duration P3D")
        #expect(trigger("paid") == "message 'PaymentReceived'")
        #expect(trigger("recalled") == "signal 'OrderRecalled'")
        #expect(trigger("late") == "condition ${daysLate &gt; 3}")
        #expect(trigger("when") == "timer date 2027-01-01T00:00:00Z")
        #expect(trigger("bare") == "timer")
        #expect(trigger("waitForGoods") == "message 'GoodsArrived'")
        #expect(trigger("waitForGoods#multiInstanceBody") == nil)
        #expect(trigger("waitForAnything") == nil)
        #expect(trigger("unnamed") == "message 'Message_3'")
        #expect(trigger("approve") == nil)
        #expect(trigger("plain") == nil)
    }

    @Test func timeoutListenersAreNoted() throws {
        let file = DefinitionReader().read(SourceFile(path: "d.bpmn", bytes: Array(Self.definition.utf8)))
        let process = try #require(file.processes.first)
        #expect(process.element("approve")?.hasTimeoutListener == true)
        #expect(process.element("plain")?.hasTimeoutListener == false)
    }
}
