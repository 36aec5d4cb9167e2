import Testing

@Suite("Rules: same type, every engine")
struct SameTypeRuleTests {
    @Test func camunda7AcceptsTheSameBehaviourAndItsEquivalents() throws {
        let plan = try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", """
                    <bpmn:userTask id="approve" />
                    <bpmn:callActivity id="sub" calledElement="child" />
                """),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", """
                    <bpmn:userTask id="review" />
                    <bpmn:callActivity id="subCase" camunda:caseRef="childCase" />
                """),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n  sub: subCase\n"),
        ])
        #expect(try plan.findings() == [])
    }

    @Test func camunda7RejectsAnotherBehaviourAtTheTargetAsWritten() throws {
        let plan = try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", """
                    <bpmn:userTask id="2️⃣approve" />
                """),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", """
                    <bpmn:receiveTask id="3️⃣awaitApproval" />
                """),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: 1️⃣awaitApproval\n"),
        ])
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR004"])
        let human = try plan.humanOutput()
        #expect(human.contains("Camunda 7 reports: Activities have incompatible types (UserTaskActivityBehavior is not compatible with ReceiveTaskActivityBehavior)"))
    }

    @Test func anIdentityChangeOfAWaitStateIsReportedAtTheNewerElement() throws {
        let plan = try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", """
                    <bpmn:userTask id="approve" />
                """),
            "definitions/b.bpmn": PlanFixture.camunda7("1.0.1", """
                    1️⃣<bpmn:receiveTask id="approve" />
                """),
        ])
        #expect(try plan.findings() == ["b.bpmn 1️⃣ FR004"])
    }

    @Test func camunda8ComparesElementTypeAndUserTaskImplementation() throws {
        let plan = try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda8("1.0.0", """
                    <bpmn:userTask id="approve" />
                    <bpmn:serviceTask id="charge"><bpmn:extensionElements><zeebe:taskDefinition type="charge" /></bpmn:extensionElements></bpmn:serviceTask>
                """),
            "definitions/b.bpmn": PlanFixture.camunda8("1.1.0", """
                    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
                    <bpmn:serviceTask id="chargeCard"><bpmn:extensionElements><zeebe:taskDefinition type="charge" /></bpmn:extensionElements></bpmn:serviceTask>
                """),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: 1️⃣review\n  charge: chargeCard\n"),
        ])
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR004"])
    }
}
