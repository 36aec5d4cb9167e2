internal import CLibYAML
import FerrySyntax

/// Measures Ferry's YAML node tree against the raw libyaml event loop on the same ~20 MB input.
func runYAMLBenchmark() {
    let bytes = makeMappingLikeYAML(targetBytes: 20_000_000)
    print("yaml  input: \(bytes.count) bytes of mapping-like entries")

    let raw = Bench.best { rawEventCount(bytes) }
    print(Bench.line("yaml", "raw libyaml event loop", bytes: bytes.count, seconds: raw.seconds))

    let parser = YAMLParser(limits: .init(maxBytes: Int.max, maxDepth: 64))
    let tree = Bench.best {
        let result = parser.parse(bytes, path: "bench.yaml")
        precondition(result.diagnostics.isEmpty, "benchmark input must parse cleanly: \(result.diagnostics)")
        guard case .sequence(let entries)? = result.document?.root else { return 0 }
        return entries.items.count
    }
    print(Bench.line("yaml", "Ferry YAML node tree", bytes: bytes.count, seconds: tree.seconds, raw: raw.seconds))
}

/// A list of entries shaped like mapping-file instructions: short and long forms, flow lists,
/// quoted strings and nested variable maps.
private func makeMappingLikeYAML(targetBytes: Int) -> [UInt8] {
    var text = "# generated benchmark input\n"
    text.reserveCapacity(targetBytes + 1024)
    var index = 0
    while text.utf8.count < targetBytes {
        let id = String(index)
        switch index % 4 {
        case 0:
            text += "- source: Activity_\(id)\n  to: Activity_\(id)_v2\n"
        case 1:
            text += "- source: Event_\(id)\n  to: Event_\(id)\n  updateEventTrigger: true\n  description: \"Timer \(id) re-created from the new model\"\n"
        case 2:
            text += "- source: Task_\(id)\n  to: [Task_\(id)_ship, Task_\(id)_bill]\n  variables: {riskLevel: LOW, retries: 3, owner: 'team-\(id)'}\n"
        default:
            text += "- source: legacy_\(id)\n  skip: Instances waiting here are finished by hand before the release\n  variables:\n    set:\n      reviewed: false\n      score: \(index % 100)\n"
        }
        index += 1
    }
    return Array(text.utf8)
}

/// libyaml's own event loop and nothing else: the baseline.
func rawEventCount(_ bytes: [UInt8]) -> Int {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else { return -1 }
    defer { yaml_parser_delete(parser) }
    return bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(parser, buffer.baseAddress!, buffer.count)
        var event = yaml_event_t()
        var count = 0
        while yaml_parser_parse(parser, &event) == 1 {
            let done = event.type == YAML_STREAM_END_EVENT || event.type == YAML_NO_EVENT
            yaml_event_delete(&event)
            count += 1
            if done { break }
        }
        return count
    }
}
