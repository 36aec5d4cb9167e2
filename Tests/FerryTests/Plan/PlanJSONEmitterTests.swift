@testable import FerryKit
import Foundation
import Testing

/// The plan document says what the composed plan says: read back, every instruction, skip and
/// `via` step is the composed one, however the writer rendered it (instructions and steps are
/// rendered once and copied wherever they recur).
@Suite("Plan JSON")
struct PlanJSONEmitterTests {
    private typealias Object = [String: Any]

    @Test(arguments: CompositionPropertyTests.seeds)
    func theDocumentReadsBackAsTheComposedPlan(seed: UInt64) throws {
        let folder = try PlanFolder(RandomHistory(seed: seed, versions: 9).files)
        let composed = PlanComposer().compose(try folder.history()).plan
        let document = PlanJSONEmitter().emit(composed, inputs: [], planDirectory: folder.path)
        let describe = { (step: PlanStep) in Self.describe(step, relativeTo: folder.path) }
        let root = try #require(try JSONSerialization.jsonObject(with: Data(document)) as? Object)
        let plans = try #require(root["plans"] as? [Object])
        try #require(plans.count == composed.plans.count)
        for (plan, written) in zip(composed.plans, plans) {
            #expect(written["source"] as? String == plan.source.description)
            let instructions = try #require(written["instructions"] as? [Object])
            try #require(instructions.count == plan.instructions.count)
            for (instruction, object) in zip(plan.instructions, instructions) {
                #expect(object["source"] as? String == instruction.source)
                #expect(object["targets"] as? [String] == instruction.targets)
                #expect(object["updateEventTrigger"] as? Bool == instruction.updateEventTrigger)
                #expect(try steps(object["via"]) == instruction.via.map(describe))
            }
            let skipped = try #require(written["skipped"] as? [Object])
            #expect(skipped.map { $0["element"] as? String } == plan.skipped.map(\.element))
            #expect(try skipped.map { try steps($0["via"]) } == plan.skipped.map { $0.via.map(describe) })
        }
    }

    /// An instruction whose `via` is equal to one rendered before but built anew (another list in
    /// other storage), and instructions that differ only in their target or trigger update, are
    /// each written as they are.
    @Test func instructionsThatDifferInOnePartAreWrittenApart() throws {
        let step = PlanStep(from: SemanticVersion(major: 1, minor: 0, patch: 0), to: SemanticVersion(major: 1, minor: 1, patch: 0), file: "plans/p/mappings/1.0-to-1.1.yaml", line: 4, column: 3)
        let shared = Provenance([step])
        func plan(_ minor: Int, _ instructions: [ComposedInstruction]) -> SourcePlan {
            SourcePlan(
                source: SemanticVersion(major: 1, minor: minor, patch: 0), target: SemanticVersion(major: 1, minor: 9, patch: 0),
                instructions: instructions, skipped: [], variables: []
            )
        }
        let plans = [
            plan(0, [ComposedInstruction(source: "a", targets: ["b"], updateEventTrigger: false, via: shared)]),
            plan(1, [
                ComposedInstruction(source: "a", targets: ["b"], updateEventTrigger: false, via: shared),
                ComposedInstruction(source: "a", targets: ["c"], updateEventTrigger: false, via: shared),
                ComposedInstruction(source: "a", targets: ["b"], updateEventTrigger: true, via: shared),
                ComposedInstruction(source: "a", targets: ["b"], updateEventTrigger: false, via: Provenance([step])),
                ComposedInstruction(source: "a", targets: ["b"], updateEventTrigger: false, via: Provenance()),
                ComposedInstruction(source: "a", targets: ["b", "c"], updateEventTrigger: false, via: shared),
            ]),
        ]
        let composed = ComposedPlan(process: "p", engine: .joget, target: SemanticVersion(major: 1, minor: 9, patch: 0), plans: plans, notMigratable: [])
        let document = PlanJSONEmitter().emit(composed, inputs: [], planDirectory: "plans/p")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(document)) as? Object)
        let written = try #require((root["plans"] as? [Object])?.last?["instructions"] as? [Object])
        #expect(written.map { $0["targets"] as? [String] } == [["b"], ["c"], ["b"], ["b"], ["b"], ["b", "c"]])
        #expect(written.map { $0["updateEventTrigger"] as? Bool } == [false, false, true, false, false, false])
        #expect(try written.map { try steps($0["via"]).count } == [1, 1, 1, 1, 0, 1])
        // Byte for byte, with the layout of every other object of the document.
        func object(_ targets: String, _ update: Bool, steps: Int) -> String {
            let step = #"{"column": 3, "file": "mappings/1.0-to-1.1.yaml", "from": "1.0.0", "line": 4, "to": "1.1.0"}"#
            let via = steps == 0 ? "[]" : "[\n            " + step + "\n          ]"
            return "        {\n          \"source\": \"a\",\n          \"targets\": \(targets),\n          \"updateEventTrigger\": \(update),\n          \"via\": \(via)\n        }"
        }
        let second = [
            object(#"["b"]"#, false, steps: 1), object(#"["c"]"#, false, steps: 1), object(#"["b"]"#, true, steps: 1),
            object(#"["b"]"#, false, steps: 1), object(#"["b"]"#, false, steps: 0), object(#"["b", "c"]"#, false, steps: 1),
        ]
        let text = String(decoding: document, as: UTF8.self)
        #expect(text.contains("\"instructions\": [\n" + object(#"["b"]"#, false, steps: 1) + "\n      ],"))
        #expect(text.contains("\"instructions\": [\n" + second.joined(separator: ",\n") + "\n      ],"))
    }

    private static func describe(_ step: PlanStep, relativeTo directory: String) -> String {
        "\(step.from) \(step.to) \(step.file.replacingOccurrences(of: directory + "/", with: "")) \(step.line) \(step.column)"
    }

    private func steps(_ value: Any?) throws -> [String] {
        let objects = try #require(value as? [Object])
        return try objects.map { object in
            let from = try #require(object["from"] as? String), to = try #require(object["to"] as? String)
            let file = try #require(object["file"] as? String)
            let line = try #require(object["line"] as? Int), column = try #require(object["column"] as? Int)
            return "\(from) \(to) \(file) \(line) \(column)"
        }
    }
}
