import FerryDiagnostics
@testable import FerryKit
import Testing

/// Mapping entries and migration instructions keep their parts in one object shared by every
/// copy; they must still behave as values: a change to one copy is never seen through another.
@Suite("Shared storage keeps value semantics")
struct SharedValueTests {
    private static func at(_ line: Int) -> FerryDiagnostics.SourceLocation {
        FerryDiagnostics.SourceLocation(file: "mappings/1.0-to-1.1.yaml", range: SourceRange(at: SourcePosition(line: line, column: 3, offset: 0)))
    }

    @Test func changingACopyOfAMappingEntryLeavesTheOriginal() {
        let original = MappingEntry(
            source: Located("review", at: Self.at(4)),
            action: .map(targets: [Located("approve", at: Self.at(4))], updateEventTrigger: nil),
            location: Self.at(4)
        )
        var copy = original
        copy.source = Located("check", at: Self.at(9))
        copy.action = .skip(reason: Located("gone", at: Self.at(10)))
        copy.location = Self.at(9)

        #expect(original.source.value == "review")
        #expect(original.location == Self.at(4))
        guard case .map(let targets, nil) = original.action else {
            Issue.record("the original's action changed: \(original.action)")
            return
        }
        #expect(targets.map(\.value) == ["approve"])
        #expect(copy.source.value == "check")
        #expect(copy.location == Self.at(9))
        guard case .skip(let reason) = copy.action else {
            Issue.record("the copy's action did not change: \(copy.action)")
            return
        }
        #expect(reason.value == "gone")
    }

    @Test func changingACopyOfAnInstructionLeavesTheOriginal() {
        let review = FlowElement(id: "review", kind: .userTask, location: Self.at(1))
        let approve = FlowElement(id: "approve", kind: .userTask, location: Self.at(2))
        let original = MigrationInstruction(source: review, target: review, updateEventTrigger: false, origin: .identity)
        var copy = original
        copy.target = approve
        copy.updateEventTrigger = true
        copy.origin = .explicit(
            entry: MappingEntry(source: Located("review", at: Self.at(4)), action: .map(targets: [], updateEventTrigger: nil), location: Self.at(4)),
            target: Located("approve", at: Self.at(4))
        )
        copy.source = approve

        #expect(original.source.id == "review")
        #expect(original.target.id == "review")
        #expect(original.updateEventTrigger == false)
        #expect(original.isExplicit == false)
        #expect(copy.source.id == "approve")
        #expect(copy.target.id == "approve")
        #expect(copy.updateEventTrigger)
        #expect(copy.isExplicit)
    }
}
