import FerryDiagnostics
import FerryKit
import Foundation

/// Reads a generated 5,000-element Camunda 7 BPMN file with diagram interchange, laid out as
/// Camunda Modeler writes it (one element per line, two-space indentation, labels with their
/// bounds, ids such as `Activity_0k3d9x1`), into the process model, and compares the time with
/// the raw libxml2 SAX loop over the same bytes, the two run by turns (best of 40 each).
func runModelBenchmark() {
    // FERRY_BENCH_RUNS=n: fewer runs, for a profiler (valgrind --tool=callgrind) that counts
    // instructions rather than timing them.
    let runs = ProcessInfo.processInfo.environment["FERRY_BENCH_RUNS"].flatMap { Int($0) } ?? 40
    do {
        let bytes = makeModeledBPMN(flowNodes: 5_000)
        let reader = DefinitionReader()
        let (raw, model) = Bench.bestByTurns(runs: max(runs, 1)) {
            rawElementCount(bytes)
        } _: {
            let file = reader.read(SourceFile(path: "bench.bpmn", bytes: bytes))
            precondition(file.diagnostics.isEmpty, "benchmark input must read cleanly: \(file.diagnostics.prefix(3))")
            return file.processes.first?.elements.count ?? 0
        }
        let ratio = Bench.megabytesPerSecond(bytes.count, model.seconds) / Bench.megabytesPerSecond(bytes.count, raw.seconds)
        print("model input: \(bytes.count) bytes, 5000 flow nodes with diagram interchange, as Camunda Modeler lays it out")
        print(Bench.line("model", "raw libxml2 SAX2", bytes: bytes.count, seconds: raw.seconds))
        print(
            "model".padded(6) + "Ferry BPMN process model".padded(32)
                + Bench.format(model.seconds * 1000, decimals: 1).leftPadded(8) + " ms   "
                + Bench.format(ratio, decimals: 2) + "x raw (target >= 0.50x) " + (ratio >= 0.5 ? "ok" : "BELOW TARGET")
        )
    }
}

/// A process as Camunda Modeler makes it: a chain of user tasks, external service tasks, timer
/// boundary events and gateways, each with its BPMNShape and every flow with its BPMNEdge.
private func makeModeledBPMN(flowNodes: Int) -> [UInt8] {
    var text = ModelText()
    var ids = ModelerIDs()
    var diagram = ModelText()
    let start = ids.next("StartEvent")
    var flow = ids.next("Flow")
    text.element(2, "<bpmn:startEvent id=\"\(start)\" name=\"Order received\">", [
        "<bpmn:outgoing>\(flow)</bpmn:outgoing>",
    ], "</bpmn:startEvent>")
    diagram.shape(start, x: 152, y: 102, width: 36, height: 36, label: true)
    var previous = start
    var nodes = 1
    while nodes < flowNodes - 1 {
        let kind = nodes % 4
        let id = ids.next(kind == 2 ? "Gateway" : "Activity")
        let next = ids.next("Flow")
        let x = 100 + nodes * 150
        switch kind {
        case 0:
            text.line(2, "<bpmn:userTask id=\"\(id)\" name=\"Review \(nodes)\" camunda:candidateGroups=\"reviewers\">")
            text.line(3, "<bpmn:documentation>Step \(nodes) of the review.</bpmn:documentation>")
            text.line(3, "<bpmn:extensionElements>")
            text.line(4, "<camunda:inputOutput>")
            text.line(5, "<camunda:inputParameter name=\"step\">\(nodes)</camunda:inputParameter>")
            text.line(4, "</camunda:inputOutput>")
            text.line(3, "</bpmn:extensionElements>")
            text.line(3, "<bpmn:incoming>\(flow)</bpmn:incoming>")
            text.line(3, "<bpmn:outgoing>\(next)</bpmn:outgoing>")
            text.line(2, "</bpmn:userTask>")
            diagram.shape(id, x: x, y: 80, width: 100, height: 80, label: false)
        case 1:
            text.element(2, "<bpmn:serviceTask id=\"\(id)\" name=\"Call \(nodes)\" camunda:type=\"external\" camunda:topic=\"topic-\(nodes)\">", [
                "<bpmn:incoming>\(flow)</bpmn:incoming>", "<bpmn:outgoing>\(next)</bpmn:outgoing>",
            ], "</bpmn:serviceTask>")
            diagram.shape(id, x: x, y: 80, width: 100, height: 80, label: false)
        case 2:
            text.element(2, "<bpmn:exclusiveGateway id=\"\(id)\" name=\"Approved?\" default=\"\(next)\">", [
                "<bpmn:incoming>\(flow)</bpmn:incoming>", "<bpmn:outgoing>\(next)</bpmn:outgoing>",
            ], "</bpmn:exclusiveGateway>")
            diagram.shape(id, x: x, y: 95, width: 50, height: 50, label: true)
        default:
            text.element(2, "<bpmn:userTask id=\"\(id)\" name=\"Approve \(nodes)\">", [
                "<bpmn:incoming>\(flow)</bpmn:incoming>", "<bpmn:outgoing>\(next)</bpmn:outgoing>",
            ], "</bpmn:userTask>")
            diagram.shape(id, x: x, y: 80, width: 100, height: 80, label: false)
            nodes += 1
            let event = ids.next("Event")
            text.line(2, "<bpmn:boundaryEvent id=\"\(event)\" name=\"A day\" cancelActivity=\"false\" attachedToRef=\"\(id)\">")
            text.line(3, "<bpmn:timerEventDefinition id=\"\(ids.next("TimerEventDefinition"))\">")
            text.line(4, "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P1D</bpmn:timeDuration>")
            text.line(3, "</bpmn:timerEventDefinition>")
            text.line(2, "</bpmn:boundaryEvent>")
            diagram.shape(event, x: x + 32, y: 142, width: 36, height: 36, label: true)
        }
        text.line(2, "<bpmn:sequenceFlow id=\"\(flow)\" sourceRef=\"\(previous)\" targetRef=\"\(id)\" />")
        diagram.edge(flow, from: x - 50, to: x)
        previous = id
        flow = next
        nodes += 1
    }
    let end = ids.next("Event")
    text.element(2, "<bpmn:endEvent id=\"\(end)\" name=\"Done\">", ["<bpmn:incoming>\(flow)</bpmn:incoming>"], "</bpmn:endEvent>")
    text.line(2, "<bpmn:sequenceFlow id=\"\(flow)\" sourceRef=\"\(previous)\" targetRef=\"\(end)\" />")
    diagram.edge(flow, from: 50 + nodes * 150, to: 100 + nodes * 150)
    diagram.shape(end, x: 100 + nodes * 150, y: 102, width: 36, height: 36, label: true)
    let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.22.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.20.0">
          <bpmn:process id="bench" name="Benchmark" isExecutable="true" camunda:versionTag="1.0.0">
        \(text.text)  </bpmn:process>
          <bpmndi:BPMNDiagram id="BPMNDiagram_1">
            <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="bench">
        \(diagram.text)    </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>

        """
    return Array(document.utf8)
}

/// Ids as Camunda Modeler makes them, `Activity_0k3d9x1`: a prefix and seven base-36 characters,
/// from a fixed pseudo-random sequence so that every run reads the same file.
private struct ModelerIDs {
    private var state: UInt64 = 0x5EED_F00D
    private static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    mutating func next(_ prefix: String) -> String {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var value = state >> 20
        var suffix: [UInt8] = [UInt8(ascii: "0")]
        for _ in 0..<6 {
            suffix.append(Self.digits[Int(value % 36)])
            value /= 36
        }
        return prefix + "_" + String(decoding: suffix, as: UTF8.self)
    }
}

/// Text with Modeler's two-space indentation, one element per line.
private struct ModelText {
    private(set) var text = ""

    mutating func line(_ depth: Int, _ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func element(_ depth: Int, _ start: String, _ children: [String], _ end: String) {
        line(depth, start)
        for child in children { line(depth + 1, child) }
        line(depth, end)
    }

    mutating func shape(_ id: String, x: Int, y: Int, width: Int, height: Int, label: Bool) {
        line(3, "<bpmndi:BPMNShape id=\"\(id)_di\" bpmnElement=\"\(id)\">")
        line(4, "<dc:Bounds x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" />")
        if label {
            line(4, "<bpmndi:BPMNLabel>")
            line(5, "<dc:Bounds x=\"\(x - 10)\" y=\"\(y + height + 7)\" width=\"\(width + 20)\" height=\"14\" />")
            line(4, "</bpmndi:BPMNLabel>")
        } else {
            line(4, "<bpmndi:BPMNLabel />")
        }
        line(3, "</bpmndi:BPMNShape>")
    }

    mutating func edge(_ id: String, from: Int, to: Int) {
        element(3, "<bpmndi:BPMNEdge id=\"\(id)_di\" bpmnElement=\"\(id)\">", [
            "<di:waypoint x=\"\(from)\" y=\"120\" />", "<di:waypoint x=\"\(to)\" y=\"120\" />",
        ], "</bpmndi:BPMNEdge>")
    }
}
