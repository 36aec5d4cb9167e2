import Testing

/// Camunda 7's instruction validators 2 and 4–11 (reference camunda.md §2.3), each with a case the
/// engine accepts and one it refuses, on real BPMN files and mapping files.
@Suite("Rules: Camunda 7 instruction validators")
struct Camunda7RulesTests {
    private static func plan(_ older: String, _ newer: String, _ activities: String, from: String = "1.0.0", to: String = "1.1.0") throws -> PlanFixture {
        try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda7(from, older),
            "definitions/b.bpmn": PlanFixture.camunda7(to, newer),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", activities),
        ])
    }

    // MARK: Rule 2

    @Test func aBoundaryEventKeepsItsEventType() throws {
        let task = #"<bpmn:userTask id="approve" />"#
        let accepted = try Self.plan("""
            \(task)
            <bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="approve"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
            """, """
            \(task)
            <bpmn:boundaryEvent id="remindLater" cancelActivity="false" attachedToRef="approve"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
            """, "activities:\n  remind: remindLater\n")
        #expect(try accepted.findings() == [])

        let refused = try Self.plan("""
            \(task)
            <bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="approve"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
            """, """
            \(task)
            <bpmn:boundaryEvent id="cancelled" attachedToRef="approve"><bpmn:messageEventDefinition /></bpmn:boundaryEvent>
            """, "activities:\n  remind: 1️⃣cancelled\n")
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR007"])
        #expect(try refused.humanOutput().contains("Camunda 7 reports: Events are not of the same type (boundaryTimer != boundaryMessage)"))
    }

    // MARK: Rules 4–6

    @Test func aTaskThatBecomesMultiInstanceCannotKeepItsInstancesByIdentity() throws {
        let accepted = try Self.plan("""
            <bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${a}" /></bpmn:userTask>
            """, """
            <bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${b}" /></bpmn:userTask>
            """, "activities: {}\n")
        #expect(try accepted.findings() == [])

        // Parallel to sequential changes the body's behaviour: the body is not carried, so the
        // inner activity would need a body nothing migrates into.
        let changed = try Self.plan("""
            <bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
            """, """
            1️⃣<bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics isSequential="true" /></bpmn:userTask>
            """, "activities: {}\n")
        #expect(try changed.findings() == ["b.bpmn 1️⃣ FR008"])
        #expect(try changed.humanOutput().contains("changes from parallel to sequential, which Camunda 7 cannot migrate"))

        let refused = try Self.plan("""
            <bpmn:userTask id="review" />
            """, """
            1️⃣<bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
            """, "activities: {}\n")
        #expect(try refused.findings() == ["b.bpmn 1️⃣ FR008"])
        #expect(try refused.humanOutput().contains("Target activity 'review' is a descendant of multi-instance body 'review#multiInstanceBody' that is not mapped from the source process definition."))
    }

    @Test func aMultiInstanceBodyMovesWithItsInnerActivity() throws {
        let older = #"<bpmn:userTask id="check"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>"#
        let newer = #"<bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>"#
        let accepted = try Self.plan(older, newer, "activities:\n  check#multiInstanceBody: review#multiInstanceBody\n  check: review\n")
        #expect(try accepted.findings() == [])

        let refused = try Self.plan(older, newer, """
            activities:
              2️⃣check#multiInstanceBody: 1️⃣review#multiInstanceBody
              check: { skip: finished by hand }

            """)
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 2️⃣ FR010", "1.0-to-1.1.yaml 1️⃣ FR009"])
    }

    @Test func aMigratedBodyMustTakeItsInnerActivityAlong() throws {
        let refused = try Self.plan("""
            <bpmn:userTask id="check"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
            <bpmn:userTask id="other" />
            """, """
            <bpmn:userTask id="review"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
            """, """
            activities:
              1️⃣check#multiInstanceBody: review#multiInstanceBody
              other: review
              check: { skip: finished by hand }

            """)
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR010"])
        #expect(try refused.humanOutput().contains("Cannot remove the inner activity of a multi-instance body when the body is mapped"))
    }

    // MARK: Rule 7

    private static func join(_ id: String, from tasks: [String], scope: String = "") -> String {
        var xml = tasks.map { #"<bpmn:userTask id="\#(scope)\#($0)" />"# }.joined(separator: "\n")
        xml += "\n" + #"<bpmn:parallelGateway id="\#(id)" />"#
        for task in tasks {
            xml += "\n" + #"<bpmn:sequenceFlow id="\#(scope)\#(task)To\#(id)" sourceRef="\#(scope)\#(task)" targetRef="\#(id)" />"#
        }
        return xml
    }

    @Test func aJoinKeepsItsIncomingFlows() throws {
        let accepted = try Self.plan(Self.join("join", from: ["a", "b"]), Self.join("join", from: ["a", "b", "c"]), "activities: {}\n")
        #expect(try accepted.findings() == [])

        let refused = try Self.plan(
            Self.join("join", from: ["a", "b", "c"]),
            Self.join("join", from: ["a", "b"]).replacingOccurrences(of: #"<bpmn:parallelGateway id="join" />"#, with: #"1️⃣<bpmn:parallelGateway id="join" />"#),
            "activities:\n  c: { skip: no longer done }\n"
        )
        #expect(try refused.findings() == ["b.bpmn 1️⃣ FR011"])
    }

    @Test func aJoinInASubProcessNeedsItsSubProcessMigrated() throws {
        let body = "<bpmn:subProcess id=\"SUB\">\n" + Self.join("join", from: ["a", "b"]) + "\n</bpmn:subProcess>"
        let accepted = try Self.plan(body.replacingOccurrences(of: "SUB", with: "sub"), body.replacingOccurrences(of: "SUB", with: "sub2"), "activities:\n  sub: sub2\n")
        #expect(try accepted.findings() == [])

        let refused = try Self.plan(body.replacingOccurrences(of: "SUB", with: "sub"), body.replacingOccurrences(of: "SUB", with: "sub2"), """
            activities:
              sub: { skip: restarted }
              1️⃣join: join

            """)
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR012"])
        #expect(try refused.humanOutput().contains("The gateway's flow scope 'sub' must be mapped"))
    }

    @Test func twoJoinsCannotBecomeOne() throws {
        let refused = try Self.plan(
            Self.join("j1", from: ["a", "b"]) + "\n" + Self.join("j2", from: ["c", "e"]),
            Self.join("j", from: ["a", "b"]) + "\n" + #"<bpmn:userTask id="c" /><bpmn:userTask id="e" />"#,
            "activities:\n  j1: j\n  j2: 1️⃣j\n"
        )
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR013"])
    }

    // MARK: Rule 8

    private static let reminderOnApprove = """
        <bpmn:userTask id="approve" />
        <bpmn:userTask id="archive" />
        <bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="approve"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
        """

    @Test func aBoundaryEventMovesWithTheActivityItIsAttachedTo() throws {
        let moved = Self.reminderOnApprove.replacingOccurrences(of: #"attachedToRef="approve""#, with: #"attachedToRef="archive""#)
        // By identity the moved reminder is left behind (its timer is created anew), as Camunda
        // 7's own generator does.
        let accepted = try Self.plan(Self.reminderOnApprove, moved, "activities: {}\n")
        #expect(try accepted.findings() == [])

        let refused = try Self.plan(Self.reminderOnApprove, moved, "activities:\n  remind: 1️⃣remind\n")
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR014"])
        #expect(try refused.humanOutput().contains("The source activity's event scope (approve) must be mapped to the target activity's event scope (archive)"))
    }

    @Test func aCatchEventAfterAnEventBasedGatewayStaysBehindAGateway() throws {
        let older = """
            <bpmn:eventBasedGateway id="choice" />
            <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="late"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="choice" targetRef="paid" />
            <bpmn:sequenceFlow id="f2" sourceRef="choice" targetRef="late" />
            """
        let newer = older + "\n" + #"<bpmn:intermediateCatchEvent id="settled"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>"#
        #expect(try Self.plan(older, newer, "activities: {}\n").findings() == [])
        let refused = try Self.plan(older, newer, "activities:\n  paid: 1️⃣settled\n")
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR014"])
    }

    // MARK: Rules 9 and 11

    @Test func updateEventTriggerNeedsAPersistentTrigger() throws {
        let accepted = try Self.plan("""
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="approve" />
            """, """
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="review" />
            """, "activities:\n  wait: { to: wait, updateEventTrigger: true }\n  approve: review\n")
        #expect(try accepted.findings() == [])

        let refused = try Self.plan(#"<bpmn:userTask id="approve" />"#, #"<bpmn:userTask id="review" />"#,
                                    "activities:\n  approve: { to: review, updateEventTrigger: 1️⃣true }\n")
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR015"])
        #expect(try refused.humanOutput().contains("Cannot update event trigger because the activity does not define a persistent event trigger"))
    }

    @Test func aUserTaskWithATimeoutListenerHasATriggerToUpdate() throws {
        let listener = """
            <bpmn:userTask id="approve"><bpmn:extensionElements>
              <camunda:taskListener event="timeout" id="t" class="x.Remind"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></camunda:taskListener>
            </bpmn:extensionElements></bpmn:userTask>
            """
        let plan = try Self.plan(listener, listener.replacingOccurrences(of: "approve", with: "review"),
                                 "activities:\n  approve: { to: review, updateEventTrigger: true }\n")
        #expect(try plan.findings() == [])
    }

    @Test func aConditionalEventAlwaysTakesTheNewCondition() throws {
        let older = #"<bpmn:intermediateCatchEvent id="late"><bpmn:conditionalEventDefinition><bpmn:condition>${late}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>"#
        let newer = older.replacingOccurrences(of: "${late}", with: "${veryLate}")
        #expect(try Self.plan(older, newer, "activities:\n  late: late\n").findings() == [])
        let refused = try Self.plan(older, newer, "activities:\n  late: { to: late, updateEventTrigger: 1️⃣false }\n")
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR017"])
        #expect(try refused.humanOutput().contains("Conditional event has to migrate with update event trigger."))
    }

    // MARK: Rule 10

    @Test func aTaskMayMoveIntoANewSubProcessButNotOutOfAMigratedOne() throws {
        let accepted = try Self.plan(#"<bpmn:userTask id="pack" />"#, #"<bpmn:subProcess id="shipping"><bpmn:userTask id="pack" /></bpmn:subProcess>"#, "activities: {}\n")
        #expect(try accepted.findings() == [])

        let refused = try Self.plan(
            #"<bpmn:subProcess id="shipping"><bpmn:userTask id="pack" /></bpmn:subProcess>"#,
            "<bpmn:subProcess id=\"shipping\" />\n1️⃣<bpmn:userTask id=\"pack\" />",
            "activities: {}\n"
        )
        #expect(try refused.findings() == ["b.bpmn 1️⃣ FR016"])
        #expect(try refused.humanOutput().contains("The closest mapped ancestor 'shipping' is mapped to scope 'shipping' which is not an ancestor of target scope 'pack'"))
    }
}
