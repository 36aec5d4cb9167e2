import Foundation
import Testing
import FerryDiagnostics
import FerrySyntax
@testable import FerryKit

@Suite("XPDL front end: a Joget package as Joget's process builder exports it")
struct XPDLReaderTests {
    private static func leaveApproval() throws -> (file: DefinitionFile, main: ProcessDefinition, review: ProcessDefinition) {
        let file = try XPDLFixture.read("leave-approval.xpdl")
        let main = try #require(file.processes.first { $0.id == "leave_approval" })
        let review = try #require(file.processes.first { $0.id == "hr_review" })
        return (file, main, review)
    }

    @Test func oneModelPerWorkflowProcess() throws {
        let (file, main, review) = try Self.leaveApproval()
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        #expect(file.path == "xpdl/leave-approval.xpdl")
        #expect(file.processes.map(\.id) == ["leave_approval", "hr_review"])
        #expect(main.engine == .joget)
        #expect(main.name == "Leave Approval Process")
        #expect(main.packageID == "leave_app")
        #expect(review.packageID == "leave_app")
        #expect(main.file == "xpdl/leave-approval.xpdl")
        #expect((main.location.start.line, main.location.start.column) == (37, 9))
    }

    @Test func versionComesFromTheProcessThenThePackage() throws {
        let (_, main, review) = try Self.leaveApproval()
        // The process's own RedefinableHeader wins over the package's.
        #expect(main.version == SemanticVersion(major: 1, minor: 4, patch: 2))
        #expect((main.versionLocation.start.line, main.versionLocation.start.column) == (40, 31))
        #expect((main.versionLocation.end.line, main.versionLocation.end.column) == (40, 36))
        // hr_review has none and falls back to the package's.
        #expect(review.version == SemanticVersion(major: 1, minor: 4, patch: 0))
        #expect((review.versionLocation.start.line, review.versionLocation.start.column) == (9, 23))
    }

    @Test(arguments: [
        ("route_start", ElementKind.route, false),
        ("notify_hr", .tool, false),
        ("approve_leave", .normal, true),
        ("route_decision", .route, false),
        ("revise_request", .normal, true),
        ("notify_rejection", .tool, false),
        ("hr_check", .subflow, true),
        ("route_join", .route, false),
        ("update_balance", .tool, false),
    ])
    func activityKindsAndWaitStates(id: String, kind: ElementKind, waits: Bool) throws {
        let (_, main, _) = try Self.leaveApproval()
        let element = try #require(main.element(id))
        #expect(element.kind == kind)
        #expect(element.isWaitState == waits)
        #expect(element.flowScope == nil)
        #expect(element.eventScope == nil)
        #expect(element.camunda7Behavior == nil)
        #expect(element.camunda8Type == nil)
    }

    @Test func activitiesKeepDocumentOrderNamesAndLocations() throws {
        let (_, main, review) = try Self.leaveApproval()
        #expect(main.elements.map(\.id) == [
            "route_start", "notify_hr", "approve_leave", "route_decision", "revise_request",
            "notify_rejection", "hr_check", "route_join", "update_balance",
        ])
        let approve = try #require(main.element("approve_leave"))
        #expect(approve.name == "Approve Leave")
        #expect((approve.location.start.line, approve.location.start.column) == (93, 17))
        #expect(review.elements.map(\.id) == ["review_documents", "archive_documents"])
        #expect(review.elements.map(\.kind) == [.normal, .tool])
    }

    @Test func startAndEndMarkersAreLayoutNotActivities() throws {
        let (_, main, _) = try Self.leaveApproval()
        // JaWE_GRAPH_START_OF_WORKFLOW / _END_OF_WORKFLOW connect to route_start, update_balance and
        // notify_rejection; no element stands for the markers themselves.
        #expect(main.elements.count == 9)
        #expect(!main.elements.contains { $0.kind == .startEvent || $0.kind == .endEvent })
        #expect(main.element("route_start")?.incoming == [])
        #expect(main.element("update_balance")?.outgoing == [])
    }

    @Test func subflowNamesItsChildProcess() throws {
        let (_, main, _) = try Self.leaveApproval()
        #expect(main.element("hr_check")?.calledElement == "hr_review")
        #expect(main.elements.filter { $0.calledElement != nil }.map(\.id) == ["hr_check"])
    }

    @Test func transitionsBecomeSequenceFlows() throws {
        let (_, main, _) = try Self.leaveApproval()
        #expect(main.sequenceFlows.map(\.id) == (1...10).map { "transition\($0)" })
        let revise = try #require(main.sequenceFlows.first { $0.id == "transition6" })
        #expect(revise.source == "route_decision")
        #expect(revise.target == "revise_request")
        #expect(revise.name == "revise")
        #expect(main.sequenceFlows.first?.name == nil)
        #expect(main.element("approve_leave")?.incoming == ["transition2", "transition7"])
        #expect(main.element("approve_leave")?.outgoing == ["transition3"])
        #expect(main.element("route_decision")?.outgoing == ["transition4", "transition5", "transition6"])
        #expect(main.element("route_join")?.incoming == ["transition8", "transition9"])
    }

    @Test func dataFieldsIncludeThePackagesAndFormalParameters() throws {
        let (_, main, review) = try Self.leaveApproval()
        #expect(main.dataFields.map(\.id) == ["department", "status", "days", "approver_username"])
        #expect(main.dataFields.map(\.type) == ["STRING", "STRING", "INTEGER", "STRING"])
        #expect(main.dataFields.map(\.name) == ["Department", nil, "Number of Days", nil])
        // Formal parameters are workflow variables of the sub-flow too.
        #expect(review.dataFields.map(\.id) == ["department", "status", "days"])
        #expect(review.dataFields.map(\.type) == ["STRING", "STRING", "INTEGER"])
    }

    @Test func participantsArePackageLevelThenProcessLevel() throws {
        let (_, main, review) = try Self.leaveApproval()
        #expect(main.participants == ["requester", "approver", "hr", "system", "escalation_manager"])
        #expect(review.participants == ["requester", "approver", "hr", "system"])
    }

    // MARK: XPDL 2.x

    @Test func xpdl21PackageWithActivitySets() throws {
        let file = try XPDLFixture.read("order-xpdl21.xpdl")
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        let order = try #require(file.processes.first)
        #expect(order.packageID == "orders")
        // The package's version, written with spaces around it.
        #expect(order.version == SemanticVersion(major: 2, minor: 0, patch: 1))
        #expect((order.versionLocation.start.line, order.versionLocation.start.column) == (10, 24))
        #expect((order.versionLocation.end.line, order.versionLocation.end.column) == (10, 29))
        #expect(order.elements.map(\.id) == ["start", "enter_order", "check_stock", "in_stock", "fulfil", "pack", "ship", "end"])
        #expect(order.elements.map(\.kind) == [.startEvent, .normal, .tool, .route, .subflow, .normal, .tool, .endEvent])
        #expect(order.elements.map(\.isWaitState) == [false, true, false, false, true, true, false, false])
        // The activities of the block's set sit under the block activity; an unused set never runs.
        #expect(order.elements.map(\.flowScope) == [nil, nil, nil, nil, nil, "fulfil", "fulfil", nil])
        #expect(order.element("orphan") == nil)
        #expect(order.element("fulfil")?.calledElement == nil)
        #expect(order.sequenceFlows.map(\.id).sorted() == ["fulfilment_tra1"] + (1...6).map { "order_tra\($0)" })
        #expect(order.element("pack")?.outgoing == ["fulfilment_tra1"])
        #expect(order.dataFields.map(\.type) == ["OrderNumber"])
        #expect(order.participants == ["clerk"])
    }

    // MARK: Errors

    @Test(arguments: [
        ("not-xpdl.xpdl", [XPDLFinding(.notADefinition, 2, 1)]),
        ("no-process.xpdl", [XPDLFinding(.noProcess, 2, 1)]),
        ("duplicate-ids.xpdl", [XPDLFinding(.duplicateElementID, 19, 36), XPDLFinding(.duplicateElementID, 32, 55)]),
        ("dangling-transition.xpdl", [XPDLFinding(.danglingReference, 26, 75), XPDLFinding(.danglingReference, 27, 40)]),
        ("missing-version.xpdl", [XPDLFinding(.missingVersion, 8, 9)]),
        ("malformed-version.xpdl", [XPDLFinding(.malformedVersion, 11, 31)]),
        ("unknown-elements.xpdl", [
            XPDLFinding(.unknownElement, 18, 21), XPDLFinding(.unknownElement, 22, 25), XPDLFinding(.unknownElement, 25, 17),
        ]),
    ])
    func errorFixturesReportCodeAndPosition(fixture: String, expected: [XPDLFinding]) throws {
        let file = try XPDLFixture.read(fixture)
        #expect(file.diagnostics.sorted(by: Diagnostic.reportOrder).map(XPDLFinding.init) == expected)
        #expect(file.diagnostics.allSatisfy { $0.location.file == "xpdl/" + fixture })
    }

    @Test func duplicateIDsPointBackAtTheFirstAndKeepIt() throws {
        let file = try XPDLFixture.read("duplicate-ids.xpdl")
        let diagnostics = file.diagnostics.sorted(by: Diagnostic.reportOrder)
        #expect(diagnostics.map(\.message) == ["duplicate activity id 'approve_claim'", "duplicate transition id 'transition1'"])
        #expect(diagnostics.map { $0.notes.first?.location?.start.line } == [14, 31])
        #expect(diagnostics.map { $0.notes.first?.location?.start.column } == [36, 59])
        let claim = try #require(file.processes.first)
        #expect(claim.elements.map(\.id) == ["approve_claim", "pay_claim"])
        #expect(claim.element("approve_claim")?.kind == .normal)
        #expect(claim.sequenceFlows.map(\.target) == ["pay_claim"])
    }

    @Test func danglingTransitionSuggestsTheClosestActivity() throws {
        let file = try XPDLFixture.read("dangling-transition.xpdl")
        let diagnostics = file.diagnostics.sorted(by: Diagnostic.reportOrder)
        #expect(diagnostics.map(\.message) == [
            "To 'aprove_claim' of transition 'transition1' names no activity of this process",
            "From 'ghost' of transition 'transition2' names no activity of this process",
        ])
        #expect(diagnostics.map(\.help) == ["did you mean 'approve_claim'?", nil])
        // The process is still read, with the broken transitions in it.
        #expect(file.processes.first?.sequenceFlows.count == 2)
        #expect(file.processes.first?.element("submit_claim")?.incoming == ["transition2"])
    }

    @Test func missingVersionSaysHowToAddItForJoget() throws {
        let file = try XPDLFixture.read("missing-version.xpdl")
        let diagnostic = try #require(file.diagnostics.first)
        #expect(diagnostic.message == "process 'claim' has no version")
        let help = try #require(diagnostic.help)
        #expect(help.contains(#"<xpdl:RedefinableHeader><xpdl:Version>1.0.0</xpdl:Version></xpdl:RedefinableHeader> inside <xpdl:WorkflowProcess Id="claim">"#))
        let claim = try #require(file.processes.first)
        #expect(claim.version == nil)
        #expect(claim.versionLocation == claim.location)
        #expect(claim.element("approve_claim")?.kind == .normal)
    }

    @Test func missingVersionHelpUsesTheFilesOwnPrefix() {
        let source = SourceFile(path: "p.xpdl", text: """
            <Package xmlns="http://www.wfmc.org/2002/XPDL1.0" Id="app">
            <WorkflowProcesses><WorkflowProcess Id="p"/></WorkflowProcesses>
            </Package>
            """)
        let help = XPDLFixture.read(source).diagnostics.first?.help ?? ""
        #expect(help.hasPrefix(#"add <RedefinableHeader><Version>1.0.0</Version></RedefinableHeader> inside <WorkflowProcess Id="p">"#))
    }

    @Test func malformedVersionPointsAtTheText() throws {
        let file = try XPDLFixture.read("malformed-version.xpdl")
        let diagnostic = try #require(file.diagnostics.first)
        #expect(diagnostic.message == "version '1.0' of process 'claim' is not MAJOR.MINOR.PATCH")
        #expect((diagnostic.location.end.line, diagnostic.location.end.column) == (11, 34))
        let claim = try #require(file.processes.first)
        #expect(claim.version == nil)
        #expect(claim.versionLocation == diagnostic.location)
    }

    @Test func unknownElementsAreWarningsAndReadingGoesOn() throws {
        let file = try XPDLFixture.read("unknown-elements.xpdl")
        let diagnostics = file.diagnostics.sorted(by: Diagnostic.reportOrder)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(diagnostics.map(\.help) == [
            "did you mean 'xpdl:Performer'?",
            "an implementation is <No/>, <Tool Id=\"…\"/> or <SubFlow Id=\"…\"/>; until then the activity is read as normal, a wait state",
            "did you mean 'xpdl:Activity'?",
        ])
        let claim = try #require(file.processes.first)
        #expect(claim.elements.map(\.id) == ["approve_claim", "send_mail"])
        #expect(claim.elements.map(\.kind) == [.normal, .normal])
    }

    @Test func notAnXPDLNamespaceIsNotADefinition() throws {
        let file = try XPDLFixture.read("not-xpdl.xpdl")
        #expect(file.processes.isEmpty)
        #expect(file.diagnostics.first?.message == "not an XPDL package: the root element is 'Package' in namespace 'http://www.wfmc.org/2002/XPDL2.0'")
    }

    // MARK: Inline cases

    @Test func asynchronousSubflowIsNotAWaitState() throws {
        let source = SourceFile(path: "p.xpdl", text: XPDLFixture.package("""
            <xpdl:WorkflowProcess Id="p"><xpdl:ProcessHeader/>
            <xpdl:RedefinableHeader><xpdl:Version>1.0.0</xpdl:Version></xpdl:RedefinableHeader>
            <xpdl:Activities>
            <xpdl:Activity Id="fire"><xpdl:Implementation><xpdl:SubFlow Execution="ASYNCHR" Id="child"/></xpdl:Implementation></xpdl:Activity>
            <xpdl:Activity Id="wait"><xpdl:Implementation><xpdl:SubFlow Id="child"/></xpdl:Implementation></xpdl:Activity>
            <xpdl:Activity Id="empty"><xpdl:Implementation/></xpdl:Activity>
            </xpdl:Activities>
            </xpdl:WorkflowProcess>
            """))
        let file = XPDLFixture.read(source)
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        let process = try #require(file.processes.first)
        #expect(process.elements.map(\.kind) == [.subflow, .subflow, .normal])
        #expect(process.elements.map(\.isWaitState) == [false, true, true])
        #expect(process.elements.map(\.calledElement) == ["child", "child", nil])
    }

    @Test func markedErrorsInOnePackage() {
        let marked = MarkedText(XPDLFixture.package("""
            <xpdl:WorkflowProcess Id="p"><xpdl:ProcessHeader/>
            <xpdl:RedefinableHeader><xpdl:Version>1️⃣v1.0.0</xpdl:Version></xpdl:RedefinableHeader>
            <xpdl:Activities>
            <xpdl:Activity Id="block"><xpdl:BlockActivity BlockId="2️⃣mising"/>7️⃣<Performer xmlns="">x</Performer><v:Hint xmlns:v="urn:vendor"/></xpdl:Activity>
            3️⃣<xpdl:Activity Id="bare"/>
            </xpdl:Activities>
            <xpdl:Transitions>
            4️⃣<xpdl:Transition Id="t1" To="bare"/>
            </xpdl:Transitions>
            </xpdl:WorkflowProcess>
            5️⃣<xpdl:WorkflowProcess Id="q"/>
            <xpdl:WorkflowProcess Id="6️⃣p"/>
            """))
        let source = SourceFile(path: "p.xpdl", text: marked.text)
        let file = XPDLFixture.read(source)
        #expect(marked.markedCodes(file.diagnostics, in: source) == [
            MarkedCode("1️⃣", .malformedVersion),
            MarkedCode("2️⃣", .danglingReference),
            MarkedCode("7️⃣", .unknownElement),
            MarkedCode("3️⃣", .unknownElement),
            MarkedCode("4️⃣", .danglingReference),
            MarkedCode("5️⃣", .missingVersion),
            MarkedCode("6️⃣", .duplicateElementID),
        ])
        #expect(file.processes.map(\.id) == ["p", "q"])
        #expect(file.processes.first?.element("bare")?.kind == .route)
        #expect(file.diagnostics.first { $0.code == .duplicateElementID }?.help == "give one of the two processes another id")
    }

    @Test func malformedPackageVersionIsReportedOnceForAllItsProcesses() {
        let marked = MarkedText(XPDLFixture.package(
            """
            <xpdl:WorkflowProcess Id="a"/>
            <xpdl:WorkflowProcess Id="b"/>
            """,
            packageHeader: "<xpdl:RedefinableHeader><xpdl:Version>1️⃣1.0.0.1</xpdl:Version></xpdl:RedefinableHeader>"
        ))
        let source = SourceFile(path: "p.xpdl", text: marked.text)
        let file = XPDLFixture.read(source)
        #expect(marked.markedCodes(file.diagnostics, in: source) == [MarkedCode("1️⃣", .malformedVersion)])
        #expect(file.diagnostics.first?.message == "version '1.0.0.1' of package 'app' is not MAJOR.MINOR.PATCH")
        #expect(file.processes.map(\.version) == [nil, nil])
        #expect(file.processes.map(\.versionLocation.start) == [
            marked.position(of: "1️⃣", in: source), marked.position(of: "1️⃣", in: source),
        ])
    }

    @Test func emptyVersionElementPointsAtItsTag() {
        let marked = MarkedText(XPDLFixture.package("""
            <xpdl:WorkflowProcess Id="p"><xpdl:RedefinableHeader>1️⃣<xpdl:Version/></xpdl:RedefinableHeader></xpdl:WorkflowProcess>
            """))
        let source = SourceFile(path: "p.xpdl", text: marked.text)
        let file = XPDLFixture.read(source)
        #expect(marked.markedCodes(file.diagnostics, in: source) == [MarkedCode("1️⃣", .malformedVersion)])
    }

    @Test func definitionReaderDispatchesXPDLPackages() throws {
        let data = try String(contentsOf: XPDLFixture.directory.appending(path: "leave-approval.xpdl"), encoding: .utf8)
        let file = DefinitionReader().read(SourceFile(path: "leave.xpdl", text: data))
        #expect(file.diagnostics.isEmpty)
        #expect(file.processes.map(\.id) == ["leave_approval", "hr_review"])
    }
}
