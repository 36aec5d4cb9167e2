import Testing

/// The warnings about mappings the engines accept but that are unlikely to mean what they say.
@Suite("Rules: mapping warnings")
struct MappingWarningsTests {
    static func camunda7Hop(_ older: String, _ newer: String, activities: String) throws -> PlanFixture {
        try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", older),
            "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", newer),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n" + activities),
        ])
    }

    static func timer(_ id: String, _ duration: String) -> String {
        #"<bpmn:boundaryEvent id="\#(id)" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>\#(duration)</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"#
    }

    // MARK: FR026 mapping without effect

    @Test func anEntryForAnElementThatHoldsNoStateIsAWarningAtItsKey() throws {
        let plan = try Self.camunda7Hop(
            #"<bpmn:userTask id="review" /><bpmn:scriptTask id="score" scriptFormat="groovy" />"#,
            #"<bpmn:userTask id="review" /><bpmn:scriptTask id="rate" scriptFormat="groovy" />"#,
            activities: "  1️⃣score: rate\n"
        )
        #expect(try plan.findingsWithSeverity() == ["1.0-to-1.1.yaml 1️⃣ FR026 warning"])
    }

    @Test func camunda8AndJogetWarnToo() throws {
        let camunda8 = try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda8("1.0.0", #"<bpmn:exclusiveGateway id="decide" />"#),
            "definitions/b.bpmn": PlanFixture.camunda8("1.1.0", #"<bpmn:exclusiveGateway id="choose" />"#),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  1️⃣decide: choose\n"),
        ])
        #expect(try camunda8.findingsWithSeverity() == ["1.0-to-1.1.yaml 1️⃣ FR026 warning"])
        let joget = try PlanFixture([
            "definitions/a.xpdl": JogetRulesTests.definition("1.0.0", JogetRulesTests.tool("notify")),
            "definitions/b.xpdl": JogetRulesTests.definition("1.1.0", JogetRulesTests.normal("inform") + JogetRulesTests.tool("notify_all")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  1️⃣notify: 2️⃣inform\n"),
        ])
        // A tool to a normal activity: the types differ too.
        #expect(try joget.findingsWithSeverity() == ["1.0-to-1.1.yaml 1️⃣ FR026 warning", "1.0-to-1.1.yaml 2️⃣ FR004 error"])
    }

    @Test func entriesForWaitStatesAndIdentityForEverythingElseAreQuiet() throws {
        // calc keeps its id and holds no state: no identity instruction, no warning. Skipping an
        // element that holds no state is not an instruction either.
        let plan = try Self.camunda7Hop(
            #"<bpmn:userTask id="approve" /><bpmn:scriptTask id="calc" /><bpmn:endEvent id="done" />"#,
            #"<bpmn:userTask id="review" /><bpmn:scriptTask id="calc" />"#,
            activities: "  approve: review\n  done: { skip: The end event is gone }\n"
        )
        #expect(try plan.findings() == [])
    }

    // MARK: FR027 catch event meaning changed (Camunda 7)

    @Test func aMessageCatchMappedToATimerCatchIsAWarningAtTheTarget() throws {
        let plan = try Self.camunda7Hop(
            #"<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="PaymentReceived" /></bpmn:intermediateCatchEvent>"#,
            #"<bpmn:intermediateCatchEvent id="payBy"><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"#,
            activities: "  paid: 1️⃣payBy\n"
        )
        #expect(try plan.findingsWithSeverity() == ["1.0-to-1.1.yaml 1️⃣ FR027 warning"])
        #expect(try plan.humanOutput().contains("a migrated instance keeps waiting for the message 'PaymentReceived'"))
    }

    @Test func aMessageCatchMappedToAMessageCatchIsQuiet() throws {
        let plan = try Self.camunda7Hop(
            #"<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="PaymentReceived" /></bpmn:intermediateCatchEvent>"#,
            #"<bpmn:intermediateCatchEvent id="settled"><bpmn:messageEventDefinition messageRef="PaymentSettled" /></bpmn:intermediateCatchEvent>"#,
            activities: "  paid: settled\n"
        )
        #expect(try plan.findings() == [])
    }

    // MARK: FR028 updateEventTrigger without a change (Camunda 7)

    @Test func updatingAnUnchangedTimerIsAWarningAtTheFlag() throws {
        let plan = try Self.camunda7Hop(
            #"<bpmn:userTask id="review" />"# + Self.timer("reminder", "PT4H"),
            #"<bpmn:userTask id="review" />"# + Self.timer("nudge", "PT4H"),
            activities: "  reminder:\n    to: nudge\n    updateEventTrigger: 1️⃣true\n"
        )
        #expect(try plan.findingsWithSeverity() == ["1.0-to-1.1.yaml 1️⃣ FR028 warning"])
        #expect(try plan.humanOutput().contains("have the same trigger (timer duration PT4H)"))
    }

    @Test func updatingAChangedTimerOrKeepingAnUnchangedOneIsQuiet() throws {
        let changed = try Self.camunda7Hop(
            #"<bpmn:userTask id="review" />"# + Self.timer("reminder", "PT4H"),
            #"<bpmn:userTask id="review" />"# + Self.timer("nudge", "PT2H"),
            activities: "  reminder:\n    to: nudge\n    updateEventTrigger: true\n"
        )
        #expect(try changed.findings() == [])
        let kept = try Self.camunda7Hop(
            #"<bpmn:userTask id="review" />"# + Self.timer("reminder", "PT4H"),
            #"<bpmn:userTask id="review" />"# + Self.timer("nudge", "PT4H"),
            activities: "  reminder:\n    to: nudge\n    updateEventTrigger: false\n"
        )
        #expect(try kept.findings() == [])
    }
}
