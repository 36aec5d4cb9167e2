import Testing
import FerryDiagnostics
@testable import FerryKit

/// A Camunda 7 or 8 definition around a process body, as Camunda Modeler would write it.
private func bpmn(_ body: String, engine: Engine = .camunda7, version: String? = "1.0.0", processID: String = "p") -> String {
    let versionAttribute = engine == .camunda7 ? (version.map { " camunda:versionTag=\"\($0)\"" } ?? "") : ""
    let versionElement = engine == .camunda8 ? (version.map { "<bpmn:extensionElements><zeebe:versionTag value=\"\($0)\" /></bpmn:extensionElements>" } ?? "") : ""
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn"\(engine == .camunda8 ? " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"" : "") \
        id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
        <bpmn:process id="\(processID)" isExecutable="true"\(versionAttribute)>\(versionElement)
        \(body)
        </bpmn:process>
        </bpmn:definitions>

        """
}

private func read(_ marked: String) -> (DefinitionFile, [MarkedCode], MarkedText, SourceFile) {
    let fixture = MarkedText(marked)
    let source = SourceFile(path: "d.bpmn", bytes: fixture.bytes)
    let file = DefinitionReader().read(source)
    return (file, fixture.markedCodes(file.diagnostics, in: source), fixture, source)
}

@Suite("BPMN front end: scopes")
struct BPMNScopeTests {
    static let scopes = bpmn("""
        <bpmn:subProcess id="outer">
          <bpmn:subProcess id="inner">
            <bpmn:userTask id="nested" />
          </bpmn:subProcess>
        </bpmn:subProcess>
        <bpmn:userTask id="review">
          <bpmn:multiInstanceLoopCharacteristics camunda:collection="${items}" />
        </bpmn:userTask>
        <bpmn:boundaryEvent id="reminder" cancelActivity="false" attachedToRef="review">
          <bpmn:timerEventDefinition />
        </bpmn:boundaryEvent>
        <bpmn:subProcess id="onCancel" triggeredByEvent="true">
          <bpmn:startEvent id="cancelRequested" isInterrupting="false">
            <bpmn:messageEventDefinition />
          </bpmn:startEvent>
        </bpmn:subProcess>
        <bpmn:eventBasedGateway id="choice" />
        <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="alone"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f1" sourceRef="choice" targetRef="paid" />
        <bpmn:sequenceFlow id="f2" sourceRef="choice" targetRef="timeout" />
        """)

    @Test func flowAndEventScopes() throws {
        let (file, codes, _, _) = read(Self.scopes)
        #expect(codes == [])
        let process = try #require(file.processes.first)
        func scopes(_ id: String) -> [String?] {
            let element = process.element(id)
            return [element?.flowScope, element?.eventScope]
        }
        #expect(process.elements.map(\.id) == [
            "outer", "inner", "nested", "review#multiInstanceBody", "review", "reminder",
            "onCancel", "cancelRequested", "choice", "paid", "timeout", "alone",
        ])
        #expect(scopes("outer") == [nil, nil])
        #expect(scopes("inner") == ["outer", nil])
        #expect(scopes("nested") == ["inner", nil])
        #expect(scopes("review#multiInstanceBody") == [nil, nil])
        #expect(scopes("review") == ["review#multiInstanceBody", nil])
        // A boundary event on a multi-instance activity belongs to its body.
        #expect(scopes("reminder") == [nil, "review#multiInstanceBody"])
        // An event-sub-process start event's event scope is the event sub-process's flow scope.
        #expect(scopes("cancelRequested") == ["onCancel", "p"])
        #expect(scopes("paid") == [nil, "choice"])
        #expect(scopes("timeout") == [nil, "choice"])
        #expect(scopes("alone") == [nil, "alone"])
        #expect(process.element("onCancel")?.kind == .eventSubProcess)
        #expect(process.element("cancelRequested")?.isInterrupting == false)
        #expect(process.element("cancelRequested")?.hasPersistentTrigger == true)
        #expect(process.element("reminder")?.hasPersistentTrigger == true)
        #expect(process.element("review#multiInstanceBody")?.camunda7Behavior == "ParallelMultiInstanceActivityBehavior")
        #expect(process.element("paid")?.incoming == ["f1"])
        #expect(process.element("choice")?.outgoing == ["f1", "f2"])
    }
}

@Suite("BPMN front end: classification")
struct BPMNClassificationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let xml: String
        let kind: ElementKind
        let behavior: String?
        let waitState: Bool
        var testDescription: String { xml }
    }

    static let camunda7: [Case] = [
        Case(xml: #"<bpmn:userTask id="x" />"#, kind: .userTask, behavior: "UserTaskActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:receiveTask id="x" />"#, kind: .receiveTask, behavior: "ReceiveTaskActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:serviceTask id="x" camunda:type="external" camunda:topic="t" />"#, kind: .serviceTask, behavior: "ExternalTaskActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:sendTask id="x" camunda:type="external" camunda:topic="t" />"#, kind: .sendTask, behavior: "ExternalTaskActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:serviceTask id="x" camunda:class="a.B" />"#, kind: .serviceTask, behavior: "ClassDelegateActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:serviceTask id="x" camunda:expression="${a}" />"#, kind: .serviceTask, behavior: "ServiceTaskExpressionActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:serviceTask id="x" camunda:delegateExpression="${a}" />"#, kind: .serviceTask, behavior: "ServiceTaskDelegateExpressionActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:serviceTask id="x" camunda:class="a.B" camunda:asyncBefore="true" />"#, kind: .serviceTask, behavior: "ClassDelegateActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:scriptTask id="x" camunda:asyncAfter="true"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"#, kind: .scriptTask, behavior: "ScriptTaskActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:serviceTask id="x" camunda:class="a.B" camunda:async="true" />"#, kind: .serviceTask, behavior: "ClassDelegateActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:businessRuleTask id="x" camunda:decisionRef="d" />"#, kind: .businessRuleTask, behavior: "DmnBusinessRuleTaskActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:scriptTask id="x"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"#, kind: .scriptTask, behavior: "ScriptTaskActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:manualTask id="x" />"#, kind: .manualTask, behavior: "ManualTaskActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:task id="x" />"#, kind: .task, behavior: "TaskActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:callActivity id="x" calledElement="child" />"#, kind: .callActivity, behavior: "CallActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:transaction id="x" />"#, kind: .transaction, behavior: "SubProcessActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:subProcess id="x" triggeredByEvent="true" />"#, kind: .eventSubProcess, behavior: "EventSubProcessActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:eventBasedGateway id="x" />"#, kind: .eventBasedGateway, behavior: "EventBasedGatewayActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:exclusiveGateway id="x" />"#, kind: .exclusiveGateway, behavior: "ExclusiveGatewayActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:intermediateCatchEvent id="x"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>"#, kind: .intermediateCatchEvent, behavior: "IntermediateCatchEventActivityBehavior", waitState: true),
        Case(xml: #"<bpmn:intermediateCatchEvent id="x"><bpmn:conditionalEventDefinition /></bpmn:intermediateCatchEvent>"#, kind: .intermediateCatchEvent, behavior: "IntermediateConditionalEventBehavior", waitState: true),
        Case(xml: #"<bpmn:intermediateCatchEvent id="x"><bpmn:linkEventDefinition name="l" /></bpmn:intermediateCatchEvent>"#, kind: .intermediateCatchEvent, behavior: "IntermediateCatchLinkEventActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:endEvent id="x"><bpmn:terminateEventDefinition /></bpmn:endEvent>"#, kind: .endEvent, behavior: "TerminateEndEventActivityBehavior", waitState: false),
        Case(xml: #"<bpmn:startEvent id="x" />"#, kind: .startEvent, behavior: "NoneStartEventActivityBehavior", waitState: false),
    ]

    @Test(arguments: camunda7)
    func camunda7Element(_ testCase: Case) throws {
        let (file, codes, _, _) = read(bpmn(testCase.xml))
        #expect(codes == [])
        let element = try #require(file.processes.first?.element("x"))
        #expect(element.kind == testCase.kind)
        #expect(element.camunda7Behavior == testCase.behavior)
        #expect(element.isWaitState == testCase.waitState)
        #expect(element.camunda8Type == nil)
    }

    static let camunda8: [Case] = [
        Case(xml: #"<bpmn:serviceTask id="x"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements></bpmn:serviceTask>"#, kind: .serviceTask, behavior: "SERVICE_TASK", waitState: true),
        Case(xml: #"<bpmn:userTask id="x"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>"#, kind: .userTask, behavior: "USER_TASK", waitState: true),
        Case(xml: #"<bpmn:businessRuleTask id="x"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r" /></bpmn:extensionElements></bpmn:businessRuleTask>"#, kind: .businessRuleTask, behavior: "BUSINESS_RULE_TASK", waitState: false),
        Case(xml: #"<bpmn:scriptTask id="x"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements></bpmn:scriptTask>"#, kind: .scriptTask, behavior: "SCRIPT_TASK", waitState: true),
        Case(xml: #"<bpmn:subProcess id="x" triggeredByEvent="true" />"#, kind: .eventSubProcess, behavior: "EVENT_SUB_PROCESS", waitState: false),
        Case(xml: #"<bpmn:adHocSubProcess id="x" />"#, kind: .adHocSubProcess, behavior: "AD_HOC_SUB_PROCESS", waitState: false),
        Case(xml: #"<bpmn:intermediateCatchEvent id="x"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>"#, kind: .intermediateCatchEvent, behavior: "INTERMEDIATE_CATCH_EVENT", waitState: true),
        Case(xml: #"<bpmn:exclusiveGateway id="x" />"#, kind: .exclusiveGateway, behavior: "EXCLUSIVE_GATEWAY", waitState: false),
    ]

    @Test(arguments: camunda8)
    func camunda8Element(_ testCase: Case) throws {
        let (file, codes, _, _) = read(bpmn(testCase.xml, engine: .camunda8))
        #expect(codes == [])
        let process = try #require(file.processes.first)
        #expect(process.engine == .camunda8)
        let element = try #require(process.element("x"))
        #expect(element.kind == testCase.kind)
        #expect(element.camunda8Type == testCase.behavior)
        #expect(element.isWaitState == testCase.waitState)
        #expect(element.camunda7Behavior == nil)
    }

    @Test func joinsAreWaitStatesSplitsAreNot() throws {
        let (file, _, _, _) = read(bpmn("""
            <bpmn:parallelGateway id="split" /><bpmn:task id="a" /><bpmn:task id="b" /><bpmn:parallelGateway id="join" />
            <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="a" /><bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="b" />
            <bpmn:sequenceFlow id="f3" sourceRef="a" targetRef="join" /><bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="join" />
            """))
        let process = try #require(file.processes.first)
        #expect(process.element("split")?.isWaitState == false)
        #expect(process.element("join")?.isWaitState == true)
    }
}

@Suite("BPMN front end: versions and errors")
struct BPMNErrorTests {
    @Test func camunda7VersionIsReadFromTheVersionTag() throws {
        let (file, codes, fixture, source) = read(bpmn("<bpmn:userTask id=\"a\" />", version: "1.10.2"))
        #expect(codes == [])
        let process = try #require(file.processes.first)
        #expect(process.version == SemanticVersion(major: 1, minor: 10, patch: 2))
        #expect(process.engine == .camunda7)
        _ = (fixture, source)
    }

    @Test func camunda8VersionIsReadFromZeebeVersionTag() throws {
        let (file, codes, _, _) = read(bpmn("<bpmn:userTask id=\"a\" />", engine: .camunda8, version: "3.0.1"))
        #expect(codes == [])
        #expect(file.processes.first?.version?.description == "3.0.1")
    }

    @Test(arguments: [Engine.camunda7, .camunda8])
    func missingVersionIsReportedAtTheProcessWithEngineSpecificHelp(_ engine: Engine) throws {
        let text = bpmn("<bpmn:userTask id=\"a\" />", engine: engine, version: nil)
            .replacingOccurrences(of: "<bpmn:process id=", with: "1️⃣<bpmn:process id=")
        let (file, codes, _, _) = read(text)
        #expect(codes == [MarkedCode("1️⃣", .missingVersion)])
        let help = try #require(file.diagnostics.first?.help)
        #expect(help.contains(engine == .camunda7 ? "camunda:versionTag=\"1.0.0\"" : "<zeebe:versionTag value=\"1.0.0\"/>"))
    }

    @Test(arguments: ["1.2", "v1.2.3", "1.2.3-rc1", "1.2.x", ""])
    func malformedVersionIsReportedAtTheValue(_ version: String) {
        let text = bpmn("<bpmn:userTask id=\"a\" />", version: "@@").replacingOccurrences(of: "camunda:versionTag=\"@@\"", with: "camunda:versionTag=\"1️⃣\(version)\"")
        let (file, codes, _, _) = read(text)
        #expect(codes == [MarkedCode("1️⃣", .malformedVersion)])
        #expect(file.processes.first?.version == nil)
    }

    @Test func duplicateIdIsReportedAtTheSecondWithANoteAtTheFirst() throws {
        let (file, codes, fixture, source) = read(bpmn("<bpmn:userTask id=\"1️⃣a\" />\n<bpmn:serviceTask id=\"2️⃣a\" camunda:type=\"external\" />"))
        #expect(codes == [MarkedCode("2️⃣", .duplicateElementID)])
        let note = try #require(file.diagnostics.first?.notes.first?.location)
        #expect(note.start == fixture.position(of: "1️⃣", in: source))
    }

    @Test func danglingReferencesAreReportedAtTheAttributeValueWithASuggestion() throws {
        let (file, codes, _, _) = read(bpmn("""
            <bpmn:userTask id="review" default="1️⃣toNowhere" />
            <bpmn:boundaryEvent id="b" attachedToRef="2️⃣reveiw"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f" sourceRef="3️⃣reviw" targetRef="end" />
            """))
        #expect(codes == [MarkedCode("1️⃣", .danglingReference), MarkedCode("2️⃣", .danglingReference), MarkedCode("3️⃣", .danglingReference)])
        #expect(file.diagnostics.map(\.help).contains("did you mean 'review'?"))
    }

    @Test func unknownElementIsAWarningWithASuggestion() throws {
        let (file, codes, _, _) = read(bpmn("1️⃣<bpmn:userTaks id=\"a\" />\n2️⃣<camunda:thing />"))
        #expect(codes == [MarkedCode("1️⃣", .unknownElement), MarkedCode("2️⃣", .unknownElement)])
        #expect(file.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(file.diagnostics.first?.help == "did you mean 'bpmn:userTask'?")
    }

    @Test func otherXMLIsNotADefinition() {
        let (_, codes, _, _) = read("<?xml version=\"1.0\"?>\n1️⃣<dmn:definitions xmlns:dmn=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" />\n")
        #expect(codes == [MarkedCode("1️⃣", .notADefinition)])
    }

    @Test func collaborationWithoutProcessHasNoProcess() {
        let (_, codes, _, _) = read("""
            1️⃣<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:collaboration id="c"><bpmn:participant id="pool" /></bpmn:collaboration>
            </bpmn:definitions>
            """)
        #expect(codes == [MarkedCode("1️⃣", .noProcess)])
    }

    @Test func severalProcessesYieldOneModelEach() throws {
        let text = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
              <bpmn:collaboration id="c">
                <bpmn:participant id="p1" processRef="order" /><bpmn:participant id="p2" processRef="billing" /><bpmn:participant id="p3" />
              </bpmn:collaboration>
              <bpmn:process id="order" camunda:versionTag="1.0.0"><bpmn:userTask id="a" /></bpmn:process>
              <bpmn:process id="billing" camunda:versionTag="2.0.0"><bpmn:userTask id="b" /></bpmn:process>
            </bpmn:definitions>
            """
        let (file, codes, _, _) = read(text)
        #expect(codes == [])
        #expect(file.processes.map(\.id) == ["order", "billing"])
        #expect(file.processes.map { $0.version?.description } == ["1.0.0", "2.0.0"])
    }

    @Test func hostileXMLStillFailsCleanly() {
        let (file, codes, _, _) = read("<?xml version=\"1.0\"?>\n1️⃣<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x>&e;</x>\n")
        #expect(codes == [MarkedCode("1️⃣", .xmlDoctypeForbidden)])
        #expect(file.processes.isEmpty)
    }
}
