import Foundation
import Testing

/// The worked examples in the repository's `plans/` are documentation: they must stay valid as the
/// rules grow, and `ferry inspect` must show what their READMEs describe.
@Suite("Example plan directories")
struct ExamplePlansTests {
    static let majorBoundaryNote =
        "plans/order-fulfilment/definitions/order-fulfilment-2.0.0.bpmn:6:102: note[FV008]: "
        + "instances on 1.x are not migrated to 2.x: majors are never migrated\n"

    @Test func everyExampleChecksCleanTogether() throws {
        let output = try FerryProcess.run(["check", "plans"], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stdout == "")
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.suffix(2) == ["checked 4 plan directories (21 files): no problems found", ""])
        // The only finding is the note that order-fulfilment 2.0.0 starts a new major.
        #expect(output.stderr.hasPrefix(Self.majorBoundaryNote))
        #expect(!output.stderr.contains("error["))
        #expect(!output.stderr.contains("warning["))
    }

    @Test(arguments: ["invoice", "shipment", "expenses", "order-fulfilment"])
    func eachExampleChecksCleanOnItsOwn(directory: String) throws {
        let output = try FerryProcess.run(["check", "plans/\(directory)", "--warnings-as-errors", "--format", "gnu"], in: repositoryRoot)
        #expect(output.status == 0)
        // Notes are allowed (order-fulfilment's major boundary); with --warnings-as-errors any
        // warning would have set the exit status.
        let findings = output.stdout.split(separator: "\n").filter { !$0.contains(": note: ") }
        #expect(findings == [])
        #expect(output.stderr == "")
    }

    /// The generated plan committed beside each example is what `ferry plan` writes now
    /// (regenerate with `scripts/ferry plan plans/<name> -o plans/<name>/plan.json`).
    @Test(arguments: ["invoice", "shipment", "expenses", "order-fulfilment"])
    func committedPlanIsFresh(directory: String) throws {
        let output = try FerryProcess.run(["plan", "plans/\(directory)", "--check", "plans/\(directory)/plan.json"], in: repositoryRoot)
        #expect(output.status == 0, "plans/\(directory)/plan.json is stale:\n\(output.stdout)\(output.stderr)")
        #expect(output.stdout == "")
        let generated = try FerryProcess.run(["plan", "plans/\(directory)"], in: repositoryRoot)
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("plans/\(directory)/plan.json"), encoding: .utf8)
        #expect(generated.stdout == committed)
    }

    @Test func orderFulfilmentMajorIsReportedAsANoteOnly() throws {
        let output = try FerryProcess.run(["check", "plans/order-fulfilment", "--format", "gnu"], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stdout == """
            plans/order-fulfilment/definitions/order-fulfilment-2.0.0.bpmn:6:102: note: instances on 1.x are not migrated to 2.x: majors are never migrated [FV008]
            plans/order-fulfilment/definitions/order-fulfilment-1.2.0.bpmn:6:102: note: the last 1.x version

            """)
    }

    @Test func inspectShowsScopesOfTheOrderFulfilmentExample() throws {
        let output = try FerryProcess.run(["inspect", "plans/order-fulfilment/definitions/order-fulfilment-1.2.0.bpmn"], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        let lines = Set(output.stdout.split(separator: "\n").map(String.init))
        // Indentation is the flow scope: the multi-instance body inside pickAndPack, its inner
        // activity inside the body, start events inside their event sub-processes.
        for expected in [
            "process orderFulfilment \"Order Fulfilment\" (Camunda 7, version 1.2.0)",
            "  pickAndPack                   subProcess                                                      SubProcessActivityBehavior",
            "    pickLine#multiInstanceBody  multiInstanceBody                                               ParallelMultiInstanceActivityBehavior",
            "      pickLine                  userTask (parallel multi-instance)                        *     UserTaskActivityBehavior",
            "    packShipmentReminder        boundaryEvent (timer, non-interrupting, on packShipment)        BoundaryEventActivityBehavior",
            "  stockShortage                 boundaryEvent (error, on pickAndPack)                           BoundaryEventActivityBehavior",
            "  supplierCannotDeliver         boundaryEvent (message, on waitForRestock)                      BoundaryEventActivityBehavior",
            "    bookCarrier                 serviceTask (external)                                    *     ExternalTaskActivityBehavior",
            "  Gateway_1c6v0wb               parallelGateway                                           *     ParallelGatewayActivityBehavior",
            "  deliveryOverdue               intermediateCatchEvent (timer)                                  IntermediateCatchEventActivityBehavior",
            "  orderEnquiry                  eventSubProcess                                                 EventSubProcessActivityBehavior",
            "    enquiryReceived             startEvent (message, non-interrupting)                          EventSubProcessStartEventActivityBehavior",
            "  orderEscalation               eventSubProcess                                                 EventSubProcessActivityBehavior",
            "    orderOverdue                startEvent (timer, non-interrupting)                            EventSubProcessStartEventActivityBehavior",
            "45 elements, 15 wait states (*: an instance can rest there)",
        ] {
            #expect(lines.contains(expected), "missing line: \(expected)")
        }
    }

    @Test func inspectJSONGivesTheFlowAndEventScopes() throws {
        let output = try FerryProcess.run(
            ["inspect", "plans/order-fulfilment/definitions/order-fulfilment-1.0.1.bpmn", "--format", "json"],
            in: repositoryRoot
        )
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let process = try #require((json["processes"] as? [[String: Any]])?.first)
        #expect(process["version"] as? String == "1.0.1")
        let elements = try #require(process["elements"] as? [[String: Any]])
        func element(_ id: String) throws -> [String: Any] {
            try #require(elements.first { $0["id"] as? String == id }, "no element \(id)")
        }
        func scopes(_ id: String) throws -> (kind: String?, flow: String?, event: String?, wait: Bool?) {
            let e = try element(id)
            return (e["kind"] as? String, e["flowScope"] as? String, e["eventScope"] as? String, e["waitState"] as? Bool)
        }
        // id: (kind, flow scope, event scope, wait state); nil = JSON null (process level / none).
        let expected: [(String, String, String?, String?, Bool)] = [
            ("pickAndPack", "subProcess", nil, nil, false),
            ("pickItem#multiInstanceBody", "multiInstanceBody", "pickAndPack", nil, false),
            ("pickItem", "userTask", "pickItem#multiInstanceBody", nil, true),
            ("packParcel", "userTask", "pickAndPack", nil, true),
            ("packingReminder", "boundaryEvent", "pickAndPack", "packParcel", false),
            ("notifyWarehouseLead", "serviceTask", "pickAndPack", nil, true),
            ("stockShortage", "boundaryEvent", nil, "pickAndPack", false),
            ("waitForRestock", "receiveTask", nil, nil, true),
            ("supplierCannotDeliver", "boundaryEvent", nil, "waitForRestock", false),
            ("reserveStock", "serviceTask", nil, nil, true),
            ("sendOrderConfirmation", "sendTask", nil, nil, false),
            ("Gateway_1c6v0wb", "parallelGateway", nil, nil, true),
            ("Gateway_0d3hx8m", "eventBasedGateway", nil, nil, true),
            // Catch events behind the event-based gateway belong to it: not wait states themselves.
            ("deliveryConfirmed", "intermediateCatchEvent", nil, "Gateway_0d3hx8m", false),
            ("deliveryOverdue", "intermediateCatchEvent", nil, "Gateway_0d3hx8m", false),
            ("orderEnquiry", "eventSubProcess", nil, nil, false),
            // An event sub-process start event's event scope is the sub-process's flow scope: the process.
            ("enquiryReceived", "startEvent", "orderEnquiry", "orderFulfilment", false),
            ("answerEnquiry", "userTask", "orderEnquiry", nil, true),
        ]
        for (id, kind, flow, event, wait) in expected {
            let actual = try scopes(id)
            #expect(actual.kind == kind, "\(id) kind")
            #expect(actual.flow == flow, "\(id) flow scope")
            #expect(actual.event == event, "\(id) event scope")
            #expect(actual.wait == wait, "\(id) wait state")
        }
        #expect(elements.filter { $0["waitState"] as? Bool == true }.count == 15)
    }
}
