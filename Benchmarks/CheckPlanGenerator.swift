/// Writes the plan directory the check benchmark reads: one Camunda 7 process released in many
/// versions of one major, each definition as Camunda Modeler saves it (every flow node with its
/// `incoming`/`outgoing`, a BPMNShape for every flow node and a BPMNEdge with waypoints for every
/// sequence flow), and one mapping file per minor increment renaming a few wait states.
///
/// Patch releases change names and the diagram only; each minor release renames a few user tasks
/// and external tasks, which its mapping file maps, and changes the date of some timers, whose
/// triggers its mapping file re-creates. The whole directory passes `ferry check` without a
/// finding.
struct CheckPlanGenerator {
    var processID = "order_fulfilment"
    /// Flow nodes per definition, sub-process contents included.
    var flowNodes = 1_000
    /// Minor releases 1.0 … 1.(minors-1), each with `patches` patch releases.
    var minors = 20
    var patches = 10

    var versionCount: Int { minors * patches }

    /// A block of the process repeats this many times; fillers pad the rest.
    private var cycles: Int { (flowNodes - 2) / Self.nodesPerCycle }
    /// Nodes in one cycle: review (4), decision (4), parallel work (4), packing sub-process (5),
    /// waiting (2).
    private static let nodesPerCycle = 19

    func definitionFileName(minor: Int, patch: Int) -> String {
        "order-fulfilment-1.\(minor).\(patch).bpmn"
    }

    func mappingFileName(toMinor minor: Int) -> String {
        "1.\(minor - 1)-to-1.\(minor).yaml"
    }

    // MARK: Ids

    /// The minor release in which the review task of cycle `cycle` gets a new id; 0 for never.
    private func reviewRenamedAt(_ cycle: Int) -> Int { cycle % minors }
    /// The minor release in which the external task of cycle `cycle` gets a new id; 0 for never.
    private func externalRenamedAt(_ cycle: Int) -> Int { (cycle + minors / 2) % minors }
    /// The minor release whose mapping file re-creates the timer of cycle `cycle`.
    private func timerUpdatedAt(_ cycle: Int) -> Int { (cycle + 3) % minors }

    /// A Camunda Modeler id: a prefix, then seven base-36 characters, the first `0` or `1`.
    static func modelerID(_ prefix: String, _ seed: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &+ 0x9E37_79B9_7F4A_7C15
        state = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        state = (state ^ (state >> 27)) &* 0x94D0_49BB_1331_11EB
        state ^= state >> 31
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var characters: [UInt8] = [state & 1 == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1")]
        state >>= 1
        for _ in 0..<6 {
            characters.append(alphabet[Int(state % 36)])
            state /= 36
        }
        return prefix + "_" + String(decoding: characters, as: UTF8.self)
    }

    /// The id of element `role` of cycle `cycle`; `generation` > 0 after a rename.
    private static func elementID(_ prefix: String, cycle: Int, role: Int, generation: Int = 0) -> String {
        modelerID(prefix, (cycle * 32 + role) * 64 + generation)
    }

    private func reviewID(_ cycle: Int, minor: Int) -> String {
        let renamed = reviewRenamedAt(cycle)
        return Self.elementID("Activity", cycle: cycle, role: 0, generation: renamed != 0 && minor >= renamed ? 1 : 0)
    }

    private func externalID(_ cycle: Int, minor: Int) -> String {
        let renamed = externalRenamedAt(cycle)
        return Self.elementID("Activity", cycle: cycle, role: 6, generation: renamed != 0 && minor >= renamed ? 1 : 0)
    }

    // MARK: Mapping files

    /// The mapping file for `1.(minor-1)` → `1.minor`.
    func mapping(toMinor minor: Int) -> String {
        var text = """
            # yaml-language-server: $schema=../../../grammar/mapping.schema.json
            #
            # Order fulfilment 1.\(minor - 1).x -> 1.\(minor).x
            #
            # Wait states that keep their id and type are migrated by identity and are not listed.
            ferry: 1
            process: \(processID)
            from: 1.\(minor - 1)
            to: 1.\(minor)
            description: Review and warehouse steps renamed after the 1.\(minor) process review

            activities:

            """
        for cycle in 0..<cycles {
            if reviewRenamedAt(cycle) == minor {
                text += "  # Review \(cycle) keeps its form and assignee; only the id changed.\n"
                text += "  \(reviewID(cycle, minor: minor - 1)): \(reviewID(cycle, minor: minor))\n"
            }
            if externalRenamedAt(cycle) == minor {
                text += "  \(externalID(cycle, minor: minor - 1)):\n    to: \(externalID(cycle, minor: minor))\n"
            }
            if timerUpdatedAt(cycle) == minor {
                let timer = Self.elementID("Event", cycle: cycle, role: 18)
                text += "  \(timer):\n    to: \(timer)\n    updateEventTrigger: true\n"
            }
        }
        text += """

            variables:
              set:
                migratedFrom: "1.\(minor - 1)"
                reviewRound: \(minor)
                expedite: { value: false, type: Boolean }

            """
        return text
    }

    // MARK: Definitions

    /// The definition of version `1.minor.patch`.
    func definition(minor: Int, patch: Int) -> String {
        var graph = Graph()
        let start = graph.node("startEvent", "StartEvent_1", name: "Order received", x: 100, y: 200, width: 36, height: 36)
        var previous = start
        var x = 200
        for cycle in 0..<cycles {
            previous = addReview(cycle, after: previous, x: &x, minor: minor, patch: patch, to: &graph)
            previous = addDecision(cycle, after: previous, x: &x, minor: minor, to: &graph)
            previous = addParallelWork(cycle, after: previous, x: &x, to: &graph)
            previous = addPacking(cycle, after: previous, x: &x, patch: patch, to: &graph)
            previous = addWaiting(cycle, after: previous, x: &x, minor: minor, to: &graph)
        }
        var filler = 0
        while graph.nodes.count < flowNodes - 1 {
            let task = graph.node(
                "serviceTask", Self.elementID("Activity", cycle: cycles, role: filler), name: "Book \(filler)",
                attributes: " camunda:class=\"com.example.orders.BookEntry\"", x: x, y: 200
            )
            graph.flow(from: previous, to: task)
            previous = task
            x += 150
            filler += 1
        }
        let end = graph.node("endEvent", "Event_0end001", name: "Order fulfilled", x: x, y: 200, width: 36, height: 36)
        graph.flow(from: previous, to: end)
        return graph.xml(processID: processID, name: "Order fulfilment", version: "1.\(minor).\(patch)", diagramShift: patch)
    }

    /// A user task with a non-interrupting reminder timer that sends a reminder and ends.
    private func addReview(_ cycle: Int, after previous: Int, x: inout Int, minor: Int, patch: Int, to graph: inout Graph) -> Int {
        let review = graph.node(
            "userTask", reviewID(cycle, minor: minor), name: patch % 2 == 0 ? "Review order \(cycle)" : "Review order \(cycle) (rev. \(patch))",
            attributes: " camunda:formKey=\"embedded:app:forms/review-order.html\" camunda:candidateGroups=\"sales\" camunda:dueDate=\"${dueDate}\"",
            body: "      <bpmn:documentation>Check the order lines and the customer's credit before fulfilment.</bpmn:documentation>\n"
                + "      <bpmn:extensionElements>\n        <camunda:inputOutput>\n          <camunda:inputParameter name=\"orderId\">${orderId}</camunda:inputParameter>\n        </camunda:inputOutput>\n      </bpmn:extensionElements>\n",
            x: x, y: 200
        )
        graph.flow(from: previous, to: review)
        let timer = graph.node(
            "boundaryEvent", Self.elementID("Event", cycle: cycle, role: 1), name: "2 days",
            attributes: " cancelActivity=\"false\" attachedToRef=\"\(graph.nodes[review].id)\"",
            body: "      <bpmn:timerEventDefinition id=\"\(Self.elementID("TimerEventDefinition", cycle: cycle, role: 1))\">\n        <bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P2D</bpmn:timeDuration>\n      </bpmn:timerEventDefinition>\n",
            x: x + 62, y: 262, width: 36, height: 36, isBoundary: true
        )
        let remind = graph.node(
            "serviceTask", Self.elementID("Activity", cycle: cycle, role: 2), name: "Send reminder",
            attributes: " camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${reminderSender}\"", x: x + 100, y: 340
        )
        graph.flow(from: timer, to: remind)
        let end = graph.node("endEvent", Self.elementID("Event", cycle: cycle, role: 3), name: "Reminder sent", x: x + 252, y: 362, width: 36, height: 36)
        graph.flow(from: remind, to: end)
        x += 150
        return review
    }

    /// An exclusive split between a Java delegate and an external task, joined again.
    private func addDecision(_ cycle: Int, after previous: Int, x: inout Int, minor: Int, to graph: inout Graph) -> Int {
        let split = graph.node("exclusiveGateway", Self.elementID("Gateway", cycle: cycle, role: 4), name: "In stock?", x: x, y: 215, width: 50, height: 50)
        graph.flow(from: previous, to: split)
        let local = graph.node(
            "serviceTask", Self.elementID("Activity", cycle: cycle, role: 5), name: "Reserve stock",
            attributes: " camunda:class=\"com.example.orders.ReserveStock\"", x: x + 100, y: 120
        )
        let external = graph.node(
            "serviceTask", externalID(cycle, minor: minor), name: "Order from supplier",
            attributes: " camunda:type=\"external\" camunda:topic=\"supplier-order\"", x: x + 100, y: 300
        )
        let defaultFlow = graph.flow(from: split, to: local, name: "yes")
        graph.flow(from: split, to: external, name: "no", condition: "${!inStock}")
        graph.nodes[split].attributes = " default=\"\(defaultFlow)\""
        let join = graph.node("exclusiveGateway", Self.elementID("Gateway", cycle: cycle, role: 7), x: x + 250, y: 215, width: 50, height: 50)
        graph.flow(from: local, to: join)
        graph.flow(from: external, to: join)
        x += 350
        return join
    }

    /// A parallel split into a user task and an external task.
    private func addParallelWork(_ cycle: Int, after previous: Int, x: inout Int, to graph: inout Graph) -> Int {
        let fork = graph.node("parallelGateway", Self.elementID("Gateway", cycle: cycle, role: 8), x: x, y: 215, width: 50, height: 50)
        graph.flow(from: previous, to: fork)
        let invoice = graph.node(
            "userTask", Self.elementID("Activity", cycle: cycle, role: 9), name: "Prepare invoice",
            attributes: " camunda:assignee=\"${accountant}\"", x: x + 100, y: 120
        )
        let label = graph.node(
            "serviceTask", Self.elementID("Activity", cycle: cycle, role: 10), name: "Print shipping label",
            attributes: " camunda:type=\"external\" camunda:topic=\"shipping-label\"", x: x + 100, y: 300
        )
        graph.flow(from: fork, to: invoice)
        graph.flow(from: fork, to: label)
        let join = graph.node("parallelGateway", Self.elementID("Gateway", cycle: cycle, role: 11), x: x + 250, y: 215, width: 50, height: 50)
        graph.flow(from: invoice, to: join)
        graph.flow(from: label, to: join)
        x += 350
        return join
    }

    /// An embedded sub-process: start, a packing task, an expression task, end.
    private func addPacking(_ cycle: Int, after previous: Int, x: inout Int, patch: Int, to graph: inout Graph) -> Int {
        let packing = graph.node(
            "subProcess", Self.elementID("Activity", cycle: cycle, role: 12), name: "Pack order",
            x: x, y: 120, width: 500, height: 220, isExpanded: true
        )
        graph.flow(from: previous, to: packing)
        let start = graph.node("startEvent", Self.elementID("Event", cycle: cycle, role: 13), x: x + 40, y: 212, width: 36, height: 36, scope: packing)
        let pick = graph.node(
            "userTask", Self.elementID("Activity", cycle: cycle, role: 14), name: patch < 5 ? "Pick items" : "Pick and check items",
            attributes: " camunda:candidateGroups=\"warehouse\"", x: x + 120, y: 190, scope: packing
        )
        let weigh = graph.node(
            "serviceTask", Self.elementID("Activity", cycle: cycle, role: 15), name: "Weigh parcel",
            attributes: " camunda:expression=\"${scale.weigh(execution)}\" camunda:resultVariable=\"weight\"", x: x + 270, y: 190, scope: packing
        )
        let end = graph.node("endEvent", Self.elementID("Event", cycle: cycle, role: 16), x: x + 420, y: 212, width: 36, height: 36, scope: packing)
        graph.flow(from: start, to: pick)
        graph.flow(from: pick, to: weigh)
        graph.flow(from: weigh, to: end)
        x += 600
        return packing
    }

    /// A business-rule task and a timer catch event, whose timer changes in the minor release
    /// whose mapping file re-creates it (so that `updateEventTrigger` there is warranted).
    private func addWaiting(_ cycle: Int, after previous: Int, x: inout Int, minor: Int, to graph: inout Graph) -> Int {
        let updated = timerUpdatedAt(cycle)
        let expression = updated != 0 && minor >= updated ? "${pickUpAt.plusHours(2)}" : "${pickUpAt}"
        let rule = graph.node(
            "businessRuleTask", Self.elementID("Activity", cycle: cycle, role: 17), name: "Choose carrier",
            attributes: " camunda:resultVariable=\"carrier\" camunda:decisionRef=\"carrier-choice\" camunda:mapDecisionResult=\"singleEntry\"",
            x: x, y: 200
        )
        graph.flow(from: previous, to: rule)
        let wait = graph.node(
            "intermediateCatchEvent", Self.elementID("Event", cycle: cycle, role: 18), name: "Pick-up window",
            body: "      <bpmn:timerEventDefinition id=\"\(Self.elementID("TimerEventDefinition", cycle: cycle, role: 18))\">\n        <bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">\(expression)</bpmn:timeDate>\n      </bpmn:timerEventDefinition>\n",
            x: x + 150, y: 222, width: 36, height: 36
        )
        graph.flow(from: rule, to: wait)
        x += 250
        return wait
    }
}

/// The flow nodes and sequence flows of one definition, written out as Camunda Modeler does.
private struct Graph {
    struct Node {
        var tag: String
        var id: String
        var name: String?
        var attributes: String
        var body: String
        var incoming: [String] = []
        var outgoing: [String] = []
        var x: Int, y: Int, width: Int, height: Int
        var scope: Int?
        var isBoundary: Bool
        var isExpanded: Bool
    }

    struct Flow {
        var id: String
        var name: String?
        var source: Int
        var target: Int
        var condition: String?
        var scope: Int?
    }

    var nodes: [Node] = []
    var flows: [Flow] = []

    mutating func node(
        _ tag: String, _ id: String, name: String? = nil, attributes: String = "", body: String = "",
        x: Int, y: Int, width: Int = 100, height: Int = 80, scope: Int? = nil,
        isBoundary: Bool = false, isExpanded: Bool = false
    ) -> Int {
        nodes.append(Node(
            tag: tag, id: id, name: name, attributes: attributes, body: body, x: x, y: y, width: width, height: height,
            scope: scope, isBoundary: isBoundary, isExpanded: isExpanded
        ))
        return nodes.count - 1
    }

    @discardableResult
    mutating func flow(from source: Int, to target: Int, name: String? = nil, condition: String? = nil) -> String {
        let id = CheckPlanGenerator.modelerID("Flow", (1 << 40) + flows.count)
        flows.append(Flow(id: id, name: name, source: source, target: target, condition: condition, scope: nodes[target].scope))
        nodes[source].outgoing.append(id)
        nodes[target].incoming.append(id)
        return id
    }

    func xml(processID: String, name: String, version: String, diagramShift: Int) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_0f3k2m1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.22.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.20.0">
              <bpmn:process id="\(processID)" name="\(name)" isExecutable="true" camunda:versionTag="\(version)" camunda:historyTimeToLive="P180D">

            """
        text.reserveCapacity(nodes.count * 1_100)
        for index in nodes.indices where nodes[index].scope == nil {
            writeNode(index, indent: "    ", into: &text)
        }
        for flow in flows where flow.scope == nil {
            writeFlow(flow, indent: "    ", into: &text)
        }
        text += """
              </bpmn:process>
              <bpmndi:BPMNDiagram id="BPMNDiagram_1">
                <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="\(processID)">

            """
        for node in nodes {
            let x = node.x + diagramShift
            text += "      <bpmndi:BPMNShape id=\"\(node.id)_di\" bpmnElement=\"\(node.id)\""
            if node.isExpanded { text += " isExpanded=\"true\"" }
            text += ">\n        <dc:Bounds x=\"\(x)\" y=\"\(node.y)\" width=\"\(node.width)\" height=\"\(node.height)\" />\n"
            if node.width < 100, node.name != nil {
                text += "        <bpmndi:BPMNLabel>\n          <dc:Bounds x=\"\(x - 10)\" y=\"\(node.y + node.height + 7)\" width=\"\(node.width + 20)\" height=\"14\" />\n        </bpmndi:BPMNLabel>\n"
            } else if node.width >= 100, node.tag != "subProcess" {
                text += "        <bpmndi:BPMNLabel />\n"
            }
            text += "      </bpmndi:BPMNShape>\n"
        }
        for flow in flows {
            let source = nodes[flow.source]
            let target = nodes[flow.target]
            let startX = source.x + source.width + diagramShift
            let startY = source.isBoundary ? source.y + source.height : source.y + source.height / 2
            let endX = target.x + diagramShift
            let endY = target.y + target.height / 2
            text += "      <bpmndi:BPMNEdge id=\"\(flow.id)_di\" bpmnElement=\"\(flow.id)\">\n"
            text += "        <di:waypoint x=\"\(startX)\" y=\"\(startY)\" />\n"
            if startY != endY {
                text += "        <di:waypoint x=\"\((startX + endX) / 2)\" y=\"\(startY)\" />\n"
                text += "        <di:waypoint x=\"\((startX + endX) / 2)\" y=\"\(endY)\" />\n"
            }
            text += "        <di:waypoint x=\"\(endX)\" y=\"\(endY)\" />\n"
            if let name = flow.name {
                text += "        <bpmndi:BPMNLabel>\n          <dc:Bounds x=\"\(startX + 8)\" y=\"\(startY - 20)\" width=\"\(name.utf8.count * 7)\" height=\"14\" />\n        </bpmndi:BPMNLabel>\n"
            }
            text += "      </bpmndi:BPMNEdge>\n"
        }
        text += """
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>

            """
        return text
    }

    private func writeNode(_ index: Int, indent: String, into text: inout String) {
        let node = nodes[index]
        text += "\(indent)<bpmn:\(node.tag) id=\"\(node.id)\""
        if let name = node.name { text += " name=\"\(name)\"" }
        text += node.attributes + ">\n"
        text += node.body
        for flow in node.incoming { text += "\(indent)  <bpmn:incoming>\(flow)</bpmn:incoming>\n" }
        for flow in node.outgoing { text += "\(indent)  <bpmn:outgoing>\(flow)</bpmn:outgoing>\n" }
        if node.tag == "subProcess" {
            for child in nodes.indices where nodes[child].scope == index {
                writeNode(child, indent: indent + "  ", into: &text)
            }
            for flow in flows where flow.scope == index {
                writeFlow(flow, indent: indent + "  ", into: &text)
            }
        }
        text += "\(indent)</bpmn:\(node.tag)>\n"
    }

    private func writeFlow(_ flow: Flow, indent: String, into text: inout String) {
        text += "\(indent)<bpmn:sequenceFlow id=\"\(flow.id)\""
        if let name = flow.name { text += " name=\"\(name)\"" }
        text += " sourceRef=\"\(nodes[flow.source].id)\" targetRef=\"\(nodes[flow.target].id)\""
        guard let condition = flow.condition else {
            text += " />\n"
            return
        }
        text += ">\n\(indent)  <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">\(condition)</bpmn:conditionExpression>\n\(indent)</bpmn:sequenceFlow>\n"
    }
}
