internal import CLibXML2
import FerryDiagnostics
import FerrySyntax

/// Measures Ferry's XML streaming layer against a bare libxml2 SAX2 loop on the same ~10 MB
/// BPMN-like document (the shape of reference/swift.md §A3: prefixed elements, camunda:
/// attributes, about 140k elements).
func runXMLBenchmark() {
    let bytes = makeBPMNLikeXML(targetBytes: 10_000_000)
    let source = SourceFile(path: "bench.bpmn", bytes: bytes)
    let elementCount = rawElementCount(bytes)
    print("xml   input: \(bytes.count) bytes, \(elementCount) elements, \(attributeCount(source)) attributes")

    let raw = Bench.best { rawElementCount(bytes) }
    print(Bench.line("xml", "raw libxml2 SAX2", bytes: bytes.count, seconds: raw.seconds))

    let reader = XMLReader(limits: .init(maxBytes: Int(Int32.max)))
    let layer = Bench.best {
        var events = 0
        let diagnostics = reader.read(source) { _ in events += 1 }
        precondition(diagnostics.isEmpty, "benchmark input must parse cleanly: \(diagnostics)")
        return events
    }
    print(Bench.line("xml", "Ferry XML layer", bytes: bytes.count, seconds: layer.seconds, raw: raw.seconds))

    let tree = Bench.best {
        let result = reader.parseDocument(source)
        precondition(result.diagnostics.isEmpty, "benchmark input must parse cleanly")
        return result.root?.children.count ?? 0
    }
    // For information: the tree builder on top (no target).
    print(Bench.line("xml", "Ferry XML element tree", bytes: bytes.count, seconds: tree.seconds))
}

/// A Camunda-7-style model: one `bpmn:process` with tasks, gateways, events and sequence flows
/// carrying `camunda:` attributes, extension elements and condition expressions, then a diagram.
private func makeBPMNLikeXML(targetBytes: Int) -> [UInt8] {
    var text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" \
        xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
        xmlns:di="http://www.omg.org/spec/DD/20100524/DI" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="invoice" name="Invoice Receipt" isExecutable="true" camunda:versionTag="1.4.2">

        """
    text.reserveCapacity(targetBytes + 4096)
    var shapes = ""
    var index = 0
    while text.utf8.count + shapes.utf8.count < targetBytes {
        let id = String(index)
        switch index % 4 {
        case 0:
            text += """
                    <bpmn:userTask id="Task_\(id)" camunda:assignee="${approver}">
                      <bpmn:documentation>Approve invoice \(id) before it is archived</bpmn:documentation>
                      <bpmn:incoming>Flow_\(id)</bpmn:incoming>
                      <bpmn:outgoing>Flow_\(index + 1)</bpmn:outgoing>
                    </bpmn:userTask>

                """
        case 1:
            text += """
                    <bpmn:serviceTask id="Task_\(id)" camunda:class="org.example.Archive">
                      <bpmn:extensionElements>
                        <camunda:inputOutput>
                          <camunda:inputParameter name="target">archive-\(id)</camunda:inputParameter>
                        </camunda:inputOutput>
                      </bpmn:extensionElements>
                      <bpmn:incoming>Flow_\(id)</bpmn:incoming>
                    </bpmn:serviceTask>

                """
        case 2:
            text += """
                    <bpmn:exclusiveGateway id="Gateway_\(id)" default="Flow_\(id)_no">
                      <bpmn:incoming>Flow_\(id)</bpmn:incoming>
                      <bpmn:outgoing>Flow_\(id)_no</bpmn:outgoing>
                    </bpmn:exclusiveGateway>
                    <bpmn:sequenceFlow id="Flow_\(id)" sourceRef="Task_\(index - 1)" targetRef="Gateway_\(id)">
                      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"><![CDATA[${approved && amount < 1000}]]></bpmn:conditionExpression>
                    </bpmn:sequenceFlow>

                """
        default:
            text += """
                    <bpmn:boundaryEvent id="Event_\(id)" attachedToRef="Task_\(index - 2)">
                      <bpmn:outgoing>Flow_\(id)_t</bpmn:outgoing>
                      <bpmn:timerEventDefinition id="Timer_\(id)"><bpmn:timeDuration>PT\(index % 48)H</bpmn:timeDuration></bpmn:timerEventDefinition>
                    </bpmn:boundaryEvent>

                """
        }
        if index % 2 == 0 {
            shapes += """
                      <bpmndi:BPMNShape id="Shape_\(id)" bpmnElement="Task_\(id)">
                        <dc:Bounds x="\(index % 1000)" y="\(index / 1000)" width="100" height="80" />
                      </bpmndi:BPMNShape>

                """
        }
        index += 1
    }
    text += """
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram_1">
            <bpmndi:BPMNPlane id="Plane_1" bpmnElement="invoice">

        """
    text += shapes
    text += """
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>

        """
    return Array(text.utf8)
}

/// Attributes in the input, namespace declarations excluded, for the input summary line.
private func attributeCount(_ source: SourceFile) -> Int {
    var count = 0
    _ = XMLReader(limits: .init(maxBytes: Int(Int32.max))).read(source) { event in
        if case .startElement(let tag) = event { count += tag.attributes.count }
    }
    return count
}

/// What the raw loop's callback updates through `userData`.
private struct RawCounter {
    var elements = 0
    var nameBytes = 0
}

/// libxml2's SAX2 parser with a start-element callback that counts elements and copies each
/// local name into a `String`, and nothing else: the baseline. Same context, options and input
/// as Ferry's reader.
func rawElementCount(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer -> Int in
        let created = UnsafeRawPointer(buffer.baseAddress!).withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
        }
        guard let parser = created else { return -1 }
        defer { xmlFreeParserCtxt(parser) }
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localName, _, _, _, _, _, _, _ in
            let counter = context.unsafelyUnwrapped.assumingMemoryBound(to: RawCounter.self)
            let name = String(cString: localName.unsafelyUnwrapped)
            counter.pointee.elements += 1
            counter.pointee.nameBytes += name.utf8.count
        }
        parser.pointee.sax.pointee = sax
        var counter = RawCounter()
        return withUnsafeMutablePointer(to: &counter) { pointer in
            parser.pointee.userData = UnsafeMutableRawPointer(pointer)
            xmlCtxtUseOptions(parser, Int32(bitPattern:
                XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
            xmlParseDocument(parser)
            precondition(parser.pointee.wellFormed == 1, "benchmark input must be well-formed")
            return pointer.pointee.elements
        }
    }
}
