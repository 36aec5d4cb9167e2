import FerryDiagnostics
import Foundation
import FerryKit

/// Reads a generated 5,000-element Camunda 7 BPMN file with diagram interchange into the process
/// model and compares the time with the raw libxml2 SAX loop over the same bytes, the two run
/// by turns (best of 40 each).
func runModelBenchmark() {
    let bytes = makeModeledBPMN(flowNodes: 5_000)
    print("model input: \(bytes.count) bytes, 5000 flow nodes with diagram interchange")
    let reader = DefinitionReader()
    // FERRY_BENCH_RUNS=n: fewer runs, for a profiler (valgrind --tool=callgrind) that counts
    // instructions rather than timing them.
    let runs = ProcessInfo.processInfo.environment["FERRY_BENCH_RUNS"].flatMap { Int($0) } ?? 40
    let (raw, model) = Bench.bestByTurns(runs: max(runs, 1)) {
        rawElementCount(bytes)
    } _: {
        let file = reader.read(SourceFile(path: "bench.bpmn", bytes: bytes))
        precondition(file.diagnostics.isEmpty, "benchmark input must read cleanly: \(file.diagnostics.prefix(3))")
        return file.processes.first?.elements.count ?? 0
    }
    print(Bench.line("model", "raw libxml2 SAX2", bytes: bytes.count, seconds: raw.seconds))
    let ratio = Bench.megabytesPerSecond(bytes.count, model.seconds) / Bench.megabytesPerSecond(bytes.count, raw.seconds)
    print(
        "model".padded(6) + "Ferry BPMN process model".padded(32)
            + Bench.format(model.seconds * 1000, decimals: 1).leftPadded(8) + " ms   "
            + Bench.format(ratio, decimals: 2) + "x raw (target >= 0.50x) " + (ratio >= 0.5 ? "ok" : "BELOW TARGET")
    )
}

/// A process as Camunda Modeler writes it: a chain of user tasks, external service tasks, timer
/// boundary events and gateways, each with its BPMNShape and every flow with its BPMNEdge.
private func makeModeledBPMN(flowNodes: Int) -> [UInt8] {
    var process = ""
    var diagram = ""
    var previous = "start"
    process += "    <bpmn:startEvent id=\"start\"><bpmn:outgoing>Flow_0</bpmn:outgoing></bpmn:startEvent>\n"
    diagram += shape("start", x: 100, y: 100)
    var flows = 0
    var nodes = 1
    while nodes < flowNodes - 1 {
        let id = "Activity_\(nodes)"
        let flowIn = "Flow_\(flows)"
        let flowOut = "Flow_\(flows + 1)"
        switch nodes % 4 {
        case 0:
            process += "    <bpmn:userTask id=\"\(id)\" name=\"Review \(nodes)\" camunda:candidateGroups=\"reviewers\">\n"
                + "      <bpmn:documentation>Step \(nodes) of the review.</bpmn:documentation>\n"
                + "      <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"step\">\(nodes)</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>\n"
                + "      <bpmn:incoming>\(flowIn)</bpmn:incoming><bpmn:outgoing>\(flowOut)</bpmn:outgoing>\n    </bpmn:userTask>\n"
        case 1:
            process += "    <bpmn:serviceTask id=\"\(id)\" name=\"Call \(nodes)\" camunda:type=\"external\" camunda:topic=\"topic-\(nodes)\">"
                + "<bpmn:incoming>\(flowIn)</bpmn:incoming><bpmn:outgoing>\(flowOut)</bpmn:outgoing></bpmn:serviceTask>\n"
        case 2:
            process += "    <bpmn:exclusiveGateway id=\"\(id)\" default=\"\(flowOut)\"><bpmn:incoming>\(flowIn)</bpmn:incoming><bpmn:outgoing>\(flowOut)</bpmn:outgoing></bpmn:exclusiveGateway>\n"
        default:
            process += "    <bpmn:userTask id=\"\(id)\" name=\"Approve \(nodes)\"><bpmn:incoming>\(flowIn)</bpmn:incoming><bpmn:outgoing>\(flowOut)</bpmn:outgoing></bpmn:userTask>\n"
            nodes += 1
            process += "    <bpmn:boundaryEvent id=\"Event_\(nodes)\" cancelActivity=\"false\" attachedToRef=\"\(id)\"><bpmn:timerEventDefinition id=\"Timer_\(nodes)\"><bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>\n"
            diagram += shape("Event_\(nodes)", x: 100 + nodes * 150, y: 160)
        }
        process += "    <bpmn:sequenceFlow id=\"\(flowIn)\" sourceRef=\"\(previous)\" targetRef=\"\(id)\" />\n"
        diagram += "      <bpmndi:BPMNEdge id=\"\(flowIn)_di\" bpmnElement=\"\(flowIn)\"><di:waypoint x=\"\(nodes * 150)\" y=\"120\" /><di:waypoint x=\"\(nodes * 150 + 50)\" y=\"120\" /></bpmndi:BPMNEdge>\n"
        diagram += shape(id, x: 100 + nodes * 150, y: 80)
        previous = id
        flows += 1
        nodes += 1
    }
    process += "    <bpmn:endEvent id=\"end\"><bpmn:incoming>Flow_\(flows)</bpmn:incoming></bpmn:endEvent>\n"
    process += "    <bpmn:sequenceFlow id=\"Flow_\(flows)\" sourceRef=\"\(previous)\" targetRef=\"end\" />\n"
    diagram += shape("end", x: 100 + nodes * 150, y: 100)
    let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.22.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.20.0">
          <bpmn:process id="bench" name="Benchmark" isExecutable="true" camunda:versionTag="1.0.0">
        \(process)  </bpmn:process>
          <bpmndi:BPMNDiagram id="BPMNDiagram_1">
            <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="bench">
        \(diagram)    </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>

        """
    return Array(text.utf8)
}

private func shape(_ id: String, x: Int, y: Int) -> String {
    "      <bpmndi:BPMNShape id=\"\(id)_di\" bpmnElement=\"\(id)\"><dc:Bounds x=\"\(x)\" y=\"\(y)\" width=\"100\" height=\"80\" /><bpmndi:BPMNLabel /></bpmndi:BPMNShape>\n"
}
