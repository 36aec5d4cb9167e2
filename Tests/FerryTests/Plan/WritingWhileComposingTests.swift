import FerryDiagnostics
@testable import FerryKit
import Foundation
import Testing

/// `ferry plan -o` and `--check` write each plan while the next is composed
/// (``PlanJSONEmitter/emit(composing:inputs:planDirectory:into:)``): the same bytes and findings
/// as composing first and writing after, and nothing kept when composing finds an error.
@Suite("Writing plans while composing them")
struct WritingWhileComposingTests {
    private static let chargeTask = #"    <bpmn:serviceTask id="charge" camunda:asyncBefore="true" camunda:class="Charge" />"#

    /// Every hop passes `ferry check`; only the composed plan of 1.0.0 loses the instances
    /// waiting in 'charge' (FC002).
    private static let composedError: [String: String] = [
        "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", chargeTask + "\n" + #"    <bpmn:userTask id="approve" />"#),
        "definitions/b.bpmn": PlanFixture.camunda7("1.0.1", chargeTask.replacingOccurrences(of: #" camunda:asyncBefore="true""#, with: "") + "\n" + #"    <bpmn:userTask id="approve" />"#),
        "definitions/c.bpmn": PlanFixture.camunda7("1.1.0", #"    <bpmn:userTask id="approve" />"#),
        "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1"),
    ]

    private func bothWays(_ history: ProcessHistory) -> (composedFirst: [UInt8], whileComposing: [UInt8], diagnostics: [[Diagnostic]]) {
        let inputs = [InputFingerprint(path: "plans/p/definitions/a.bpmn", sha256: String(repeating: "0", count: 64))]
        let composed = PlanComposer().compose(history)
        let first = PlanJSONEmitter().emit(composed.plan, inputs: inputs, planDirectory: "plans/p")
        var streamed: [UInt8] = []
        let found = PlanJSONEmitter().emit(composing: PlanComposer().start(history), inputs: inputs, planDirectory: "plans/p") { streamed += $0 }
        return (first, streamed, [composed.diagnostics, found])
    }

    @Test(arguments: CompositionPropertyTests.seeds)
    func theSameBytesAsComposingFirst(seed: UInt64) throws {
        let history = try PlanFolder(RandomHistory(seed: seed, versions: 9).files).history()
        let result = bothWays(history)
        #expect(result.whileComposing == result.composedFirst)
        #expect(result.composedFirst.count > 1_000)
        #expect(result.diagnostics[1].isEmpty)
    }

    @Test func theSameFindingsAsComposingFirst() throws {
        let result = bothWays(try PlanFolder(Self.composedError).history())
        #expect(result.whileComposing == result.composedFirst)
        #expect(result.diagnostics[1].map(\.code.rawValue) == ["FC002"])
        #expect(result.diagnostics[1] == result.diagnostics[0])
    }

    /// The writer stops taking plans (its disk is full): composing stops too, with plans still
    /// to make, and the error reaches the caller.
    @Test func aFailedWriteStopsComposing() throws {
        let history = try PlanFolder(RandomHistory(seed: 3, versions: 9).files).history()
        struct DiskFull: Error, Equatable {}
        #expect(throws: DiskFull()) {
            _ = try PlanJSONEmitter().emit(composing: PlanComposer().start(history), inputs: [], planDirectory: "plans/p") { (_: UnsafeBufferPointer<UInt8>) throws(DiskFull) in
                throw DiskFull()
            }
        }

        // More plans than the handoff holds: the composing thread waits for room, and stopping
        // wakes it. The plans come oldest first.
        let handoff = PlanHandoff(PlanComposer().start(history), capacity: 2)
        let oldest = try #require(handoff.take())
        #expect(oldest.source.description == "1.0.0")
        #expect(handoff.cancel().isEmpty)

        let all = PlanHandoff(PlanComposer().start(history), capacity: 2)
        var sources: [String] = []
        while let plan = all.take() { sources.append(plan.source.description) }
        #expect(sources == PlanComposer().compose(history).plan.plans.map(\.source.description))
        #expect(sources.count == 8)
        #expect(all.take() == nil)
    }

    @Test func aComposedErrorLeavesNoPlanAndComparesNothing() throws {
        let folder = try PlanFolder(Self.composedError)
        try folder.expectNoPlanWritten(reporting: "error[FC002]: composed 1.0.0 → 1.1.0: instances waiting in serviceTask (class) 'charge' have nowhere to go in 1.1.0")
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(entries == ["definitions", "mappings", "plan.json"])

        let checked = try folder.run(["--check", "plans/p/plan.json"])
        #expect(checked.status == 1)
        #expect(checked.stdout == "")
        #expect(checked.stderr.contains("error[FC002]"))
        #expect(!checked.stderr.contains("is not the plan Ferry generates now"))
    }
}
