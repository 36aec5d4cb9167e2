import Testing

/// Camunda 8's static preconditions (reference camunda.md §5.3), each with a plan it accepts and
/// one it refuses, on real BPMN and mapping files.
@Suite("Rules: Camunda 8")
struct Camunda8RulesTests {
    /// A minor hop 1.0 → 1.1 of process `p` with the given bodies and `activities:` lines.
    static func minorHop(_ older: String, _ newer: String, activities: String? = nil) throws -> PlanFixture {
        try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda8("1.0.0", older),
            "definitions/b.bpmn": PlanFixture.camunda8("1.1.0", newer),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", activities.map { "activities:\n" + $0 } ?? ""),
        ])
    }

    /// A patch hop 1.0.0 → 1.0.1 of process `p` (identity only).
    static func patchHop(_ older: String, _ newer: String) throws -> PlanFixture {
        try PlanFixture([
            "definitions/a.bpmn": PlanFixture.camunda8("1.0.0", older),
            "definitions/b.bpmn": PlanFixture.camunda8("1.0.1", newer),
        ])
    }

    // MARK: Z8 unsupported element type (FR018)

    @Test func anAdHocSubProcessCannotBeMigrated() throws {
        let body = """
                <bpmn:adHocSubProcess id="research">
                  <bpmn:userTask id="readPapers" />
                </bpmn:adHocSubProcess>
            """
        let plan = try Self.patchHop("1️⃣" + body.trimmingLeadingSpaces, body)
        #expect(try plan.findings() == ["a.bpmn 1️⃣ FR018"])
        let human = try plan.humanOutput()
        #expect(human.contains("Camunda 8 reports: Expected to migrate process instance '<key>' but active element with id 'research' has an unsupported type. The migration of a AD_HOC_SUB_PROCESS is not supported."))
        // Nothing changed between the versions: the help is not the patch hop's.
        #expect(human.contains("help: let those instances leave 'research' before migrating"))
    }

    @Test func anExplicitEntryForAnUnsupportedElementIsReportedAtItsKey() throws {
        let plan = try Self.minorHop(
            #"<bpmn:adHocSubProcess id="research"><bpmn:userTask id="readPapers" /></bpmn:adHocSubProcess>"#,
            #"<bpmn:adHocSubProcess id="study"><bpmn:userTask id="readPapers" /></bpmn:adHocSubProcess>"#,
            activities: "  1️⃣research: study\n"
        )
        // readPapers stays inside the ad-hoc sub-process's target, so only the type is refused.
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR018"])
    }

    @Test func embeddedSubProcessesAndTheirTasksMigrate() throws {
        let body = """
                <bpmn:subProcess id="checks">
                  <bpmn:userTask id="review" />
                </bpmn:subProcess>
            """
        #expect(try Self.patchHop(body, body).findings() == [])
    }

    // MARK: Z9 intermediate catch event type (FR019)

    @Test func aConditionalCatchEventCannotBeMigrated() throws {
        let event = #"<bpmn:intermediateCatchEvent id="stockArrived"><bpmn:conditionalEventDefinition><bpmn:condition>=stock &gt; 0</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>"#
        let plan = try Self.patchHop("1️⃣" + event, event)
        #expect(try plan.findings() == ["a.bpmn 1️⃣ FR019"])
        #expect(try plan.humanOutput().contains("is intermediate catch event of type 'CONDITIONAL'. Migrating active intermediate catch event of this type is not possible yet."))
    }

    @Test func messageTimerAndSignalCatchEventsMigrate() throws {
        let body = """
                <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="recalled"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
            """
        #expect(try Self.patchHop(body, body).findings() == [])
    }

    // MARK: Z10 catch event after an event-based gateway (FR020)

    static func eventGateway(_ gateway: String, _ message: String, _ timer: String) -> String {
        """
            <bpmn:eventBasedGateway id="\(gateway)" />
            <bpmn:sequenceFlow id="toMessage" sourceRef="\(gateway)" targetRef="\(message)" />
            <bpmn:sequenceFlow id="toTimer" sourceRef="\(gateway)" targetRef="\(timer)" />
            <bpmn:intermediateCatchEvent id="\(message)"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="\(timer)"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        """
    }

    @Test func aCatchEventAfterAnUnmappedEventGatewayIsRefused() throws {
        let plan = try Self.minorHop(
            Self.eventGateway("decide", "answered", "deadline"),
            Self.eventGateway("await", "replied", "expired"),
            activities: "  decide: { skip: Instances waiting for an answer are closed by hand }\n  1️⃣answered: replied\n"
        )
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR020"])
    }

    @Test func catchEventsMoveWithTheirMappedEventGateway() throws {
        let plan = try Self.minorHop(
            Self.eventGateway("decide", "answered", "deadline"),
            Self.eventGateway("await", "replied", "expired"),
            activities: "  decide: await\n  answered: replied\n  deadline: expired\n"
        )
        #expect(try plan.findings() == [])
    }

    // MARK: Z14 flow scope (FR021)

    @Test func anElementMovedIntoASubProcessByIdentityIsRefusedAtTheNewerElement() throws {
        let plan = try Self.minorHop(
            #"<bpmn:userTask id="review" />"#,
            """
                <bpmn:subProcess id="checks">
                  1️⃣<bpmn:userTask id="review" />
                </bpmn:subProcess>
            """
        )
        #expect(try plan.findings() == ["b.bpmn 1️⃣ FR021"])
        #expect(try plan.humanOutput().contains("The flow scope of the active element is expected to be 'p' but was 'checks'."))
    }

    @Test func anElementWhoseSubProcessIsNotMigratedIsRefused() throws {
        let plan = try Self.minorHop(
            #"<bpmn:subProcess id="checks"><bpmn:userTask id="approve" /></bpmn:subProcess>"#,
            #"<bpmn:userTask id="review" />"#,
            activities: "  approve: 1️⃣review\n"
        )
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR021"])
        #expect(try plan.humanOutput().contains("no mapping instruction defined for active element with id 'checks'"))
    }

    @Test func aMultiInstanceActivityNeedsItsBodyMapped() throws {
        let older = #"<bpmn:userTask id="pickItem"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>"#
        let newer = #"<bpmn:userTask id="pickLine"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>"#
        let refused = try Self.minorHop(older, newer, activities: "  pickItem: 1️⃣pickLine\n")
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR021"])
        let accepted = try Self.minorHop(older, newer, activities: "  pickItem#multiInstanceBody: pickLine#multiInstanceBody\n  pickItem: pickLine\n")
        #expect(try accepted.findings() == [])
    }

    @Test func aRenamedSubProcessTakesItsTasksAlong() throws {
        let plan = try Self.minorHop(
            #"<bpmn:subProcess id="checks"><bpmn:userTask id="review" /></bpmn:subProcess>"#,
            #"<bpmn:subProcess id="verification"><bpmn:userTask id="review" /></bpmn:subProcess>"#,
            activities: "  checks: verification\n"
        )
        #expect(try plan.findings() == [])
    }

    // MARK: Z15, Z16 boundary and event-sub-process start types (FR019)

    @Test func anEventSubProcessWithACompensationStartKeepsTheProcessFromMigrating() throws {
        let body = """
                <bpmn:userTask id="review" />
                <bpmn:subProcess id="undo" triggeredByEvent="true">
                  %<bpmn:startEvent id="compensate"><bpmn:compensateEventDefinition /></bpmn:startEvent>
                </bpmn:subProcess>
            """
        let plan = try Self.patchHop(body.replacingOccurrences(of: "%", with: "1️⃣"), body.replacingOccurrences(of: "%", with: "2️⃣"))
        #expect(try plan.findings() == ["a.bpmn 1️⃣ FR019", "b.bpmn 2️⃣ FR019"])
        #expect(try plan.humanOutput().contains("active process with id 'p' has one or more event subprocesses with start events of types 'COMPENSATION'"))
    }

    @Test func aBoundaryEventOfAnUnsupportedTypeKeepsItsActivityFromMigrating() throws {
        let plan = try Self.patchHop(
            #"<bpmn:userTask id="review" />1️⃣<bpmn:boundaryEvent id="cancelled" attachedToRef="review"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>"#,
            #"<bpmn:userTask id="review" />"#
        )
        #expect(try plan.findings() == ["a.bpmn 1️⃣ FR019"])
    }

    @Test func messageEventSubProcessesAndTimerBoundaryEventsMigrate() throws {
        let body = """
                <bpmn:userTask id="review" />
                <bpmn:boundaryEvent id="reminder" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:subProcess id="enquiry" triggeredByEvent="true">
                  <bpmn:startEvent id="enquiryReceived" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
                  <bpmn:userTask id="answer" />
                </bpmn:subProcess>
            """
        #expect(try Self.patchHop(body, body).findings() == [])
    }

    // MARK: Z17 catch events stay attached (FR022)

    static let twoTasksWithReminders = """
            <bpmn:userTask id="review" />
            <bpmn:boundaryEvent id="reviewReminder" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="approve" />
            <bpmn:boundaryEvent id="approveReminder" cancelActivity="false" attachedToRef="approve"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        """

    @Test func aBoundaryEventMappedToAnotherTasksEventIsRefused() throws {
        let plan = try Self.minorHop(
            """
                <bpmn:userTask id="check" />
                <bpmn:boundaryEvent id="checkReminder" cancelActivity="false" attachedToRef="check"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            """,
            Self.twoTasksWithReminders,
            activities: "  check: review\n  checkReminder: 1️⃣approveReminder\n"
        )
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR022"])
        #expect(try plan.humanOutput().contains("active element with id 'check' is mapped to an element with id 'review' and has a catch event with id 'checkReminder' that is mapped to a catch event with id 'approveReminder'"))
    }

    @Test func aBoundaryEventMappedWithItsTaskStaysAttached() throws {
        let plan = try Self.minorHop(
            """
                <bpmn:userTask id="check" />
                <bpmn:boundaryEvent id="checkReminder" cancelActivity="false" attachedToRef="check"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            """,
            Self.twoTasksWithReminders,
            activities: "  check: review\n  checkReminder: reviewReminder\n"
        )
        #expect(try plan.findings() == [])
    }

    static func eventSubProcess(_ id: String, start: String) -> String {
        #"<bpmn:subProcess id="\#(id)" triggeredByEvent="true"><bpmn:startEvent id="\#(start)" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent><bpmn:userTask id="\#(id)Task" /></bpmn:subProcess>"#
    }

    @Test func anEventSubProcessStartStaysWithTheScopeAroundIt() throws {
        let older = Self.eventSubProcess("enquiry", start: "enquiryReceived")
        let newer = Self.eventSubProcess("question", start: "questionReceived")
            + #"<bpmn:subProcess id="checks">"# + Self.eventSubProcess("recheck", start: "recheckRequested") + "</bpmn:subProcess>"
        // The process-level subscription may move to another process-level event sub-process…
        let accepted = try Self.minorHop(older, newer, activities: "  enquiry: question\n  enquiryReceived: questionReceived\n  enquiryTask: questionTask\n")
        #expect(try accepted.findings() == [])
        // …but not into a sub-process.
        let refused = try Self.minorHop(older, newer, activities: "  enquiry: question\n  enquiryReceived: 1️⃣recheckRequested\n  enquiryTask: questionTask\n")
        #expect(try refused.findings() == ["1.0-to-1.1.yaml 1️⃣ FR022"])
        #expect(try refused.humanOutput().contains("active element with id 'p' is mapped to an element with id 'p' and has a catch event with id 'enquiryReceived'"))
    }

    // MARK: Z18 catch events merged (FR023)

    static let taskWithTwoTimers = """
            <bpmn:userTask id="review" />
            <bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="escalate" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        """
    static let taskWithOneTimer = """
            <bpmn:userTask id="review" />
            <bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        """

    @Test func twoBoundaryEventsOfOneTaskCannotBecomeOne() throws {
        // remind keeps its id (identity); the entry joins escalate to it.
        let plan = try Self.minorHop(Self.taskWithTwoTimers, Self.taskWithOneTimer, activities: "  escalate: 1️⃣remind\n")
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR023"])
        #expect(try plan.humanOutput().contains("There are multiple mapping instructions that target this catch event: 'escalate', 'remind'."))
    }

    @Test func aBoundaryEventMayTakeTheIdOfOneThatIsLeftBehind() throws {
        let plan = try Self.minorHop(
            Self.taskWithTwoTimers, Self.taskWithOneTimer,
            activities: "  escalate: remind\n  remind: { skip: The old reminder is dropped; the escalation timer keeps its due date }\n"
        )
        #expect(try plan.findings() == [])
    }

    // MARK: Z19 event type (FR007)

    @Test func aTimerBoundaryEventCannotBecomeAMessageBoundaryEvent() throws {
        let plan = try Self.minorHop(
            Self.taskWithOneTimer,
            """
                <bpmn:userTask id="review" />
                <bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:boundaryEvent id="chased" cancelActivity="false" attachedToRef="review"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>
            """,
            activities: "  remind: 1️⃣chased\n"
        )
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR007"])
        #expect(try plan.humanOutput().contains("These catch events have different event types: 'TIMER' and 'MESSAGE'."))
    }

    @Test func aWaitingCatchEventThatChangesItsTypeInAPatchIsRefused() throws {
        let plan = try Self.patchHop(
            #"<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>"#,
            #"1️⃣<bpmn:intermediateCatchEvent id="paid"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"#
        )
        #expect(try plan.findings() == ["b.bpmn 1️⃣ FR007"])
    }

    @Test func aCatchEventKeepingItsTypeMigrates() throws {
        let plan = try Self.minorHop(
            Self.taskWithOneTimer,
            """
                <bpmn:userTask id="review" />
                <bpmn:boundaryEvent id="reminder" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            """,
            activities: "  remind: reminder\n"
        )
        #expect(try plan.findings() == [])
    }

    // MARK: Z20 loop characteristics (FR024)

    @Test func aParallelMultiInstanceCannotBecomeSequential() throws {
        let plan = try Self.patchHop(
            #"<bpmn:userTask id="pick"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>"#,
            #"1️⃣<bpmn:userTask id="pick"><bpmn:multiInstanceLoopCharacteristics isSequential="true" /></bpmn:userTask>"#
        )
        // The body's location is its activity's.
        #expect(try plan.findings() == ["b.bpmn 1️⃣ FR024"])
    }

    @Test func aSequentialMultiInstanceStaysSequential() throws {
        let body = #"<bpmn:userTask id="pick"><bpmn:multiInstanceLoopCharacteristics isSequential="true" /></bpmn:userTask>"#
        #expect(try Self.patchHop(body, body).findings() == [])
    }

    // MARK: Z23, Z24 joining gateways (FR011, FR025)

    /// Three service tasks and a parallel gateway `join`; each flow id leads from the next task
    /// to the gateway. `%` marks the gateway.
    static func join(_ flows: [String]) -> String {
        var lines: [String] = []
        for number in 0..<3 {
            lines.append(#"    <bpmn:serviceTask id="step\#(number)" />"#)
        }
        for (number, flow) in flows.enumerated() {
            lines.append(#"    <bpmn:sequenceFlow id="\#(flow)" sourceRef="step\#(number)" targetRef="join" />"#)
        }
        lines.append(#"    %<bpmn:parallelGateway id="join" />"#)
        return lines.joined(separator: "\n")
    }

    @Test func aJoinThatLosesAnIncomingFlowIsRefused() throws {
        let plan = try Self.patchHop(
            Self.join(["a", "b"]).replacingOccurrences(of: "%", with: ""),
            Self.join(["a"]).replacingOccurrences(of: "%", with: "1️⃣")
        )
        // Fewer flows (Z23), and the taken flow 'b' has nowhere to arrive (Z24).
        #expect(try plan.findings() == ["b.bpmn 1️⃣ FR011", "b.bpmn 1️⃣ FR025"])
    }

    @Test func aJoinWhoseIncomingFlowWasRenamedIsRefused() throws {
        let plan = try Self.patchHop(
            Self.join(["a", "b"]).replacingOccurrences(of: "%", with: ""),
            Self.join(["a", "c"]).replacingOccurrences(of: "%", with: "1️⃣")
        )
        #expect(try plan.findings() == ["b.bpmn 1️⃣ FR025"])
        #expect(try plan.humanOutput().contains("Taken sequence flow with id 'b' must connect to the mapped target gateway with id 'join'"))
    }

    @Test func aJoinKeepingItsIncomingFlowsMigrates() throws {
        let plan = try Self.patchHop(
            Self.join(["a", "b"]).replacingOccurrences(of: "%", with: ""),
            Self.join(["a", "b", "c"]).replacingOccurrences(of: "%", with: "")
        )
        #expect(try plan.findings() == [])
    }
}

extension String {
    /// The text without the spaces that start it.
    fileprivate var trimmingLeadingSpaces: String {
        String(drop { $0 == " " })
    }
}
