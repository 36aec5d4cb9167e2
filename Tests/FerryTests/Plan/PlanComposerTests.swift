import FerryDiagnostics
@testable import FerryKit
import Foundation
import Testing

private func tasks(_ ids: String...) -> String {
    ids.map { #"    <bpmn:userTask id="\#($0)" />"# }.joined(separator: "\n")
}

private func c7(_ version: String, _ body: String) -> String {
    PlanFixture.camunda7(version, body)
}

/// The three defects of the existing migrator (peers.md §1.5), run through `ferry plan` on real
/// files, and the rest of composition's contract.
@Suite("Composition: regressions for the existing migrator's defects")
struct CompositionRegressionTests {
    /// Its steps were matched with `==` on Java strings (reference equality): ids read from files
    /// never chained. Ferry chains ids read from two YAML files.
    @Test func idsReadFromMappingFilesChain() throws {
        let plan = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve")),
            "definitions/b.bpmn": c7("1.1.0", tasks("review")),
            "definitions/c.bpmn": c7("1.2.0", tasks("check")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2", "activities:\n  review: check\n"),
        ]).plan()
        #expect(PlanSummary.lines(plan, source: "1.0.0") == [
            "approve → check via 1.0.0→1.1.0 mappings/1.0-to-1.1.yaml:6, 1.1.0→1.2.0 mappings/1.1-to-1.2.yaml:6",
        ])
    }

    /// A → C and B → C, then C → D: it rewrote only the last predecessor (A → C, B → D), and
    /// Camunda rejected A → C. Both sources go to D.
    @Test func aMergeFollowedByARenameKeepsBothSources() throws {
        let plan = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("A", "B")),
            "definitions/b.bpmn": c7("1.1.0", tasks("C")),
            "definitions/c.bpmn": c7("1.2.0", tasks("D")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  A: C\n  B: C\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2", "activities:\n  C: D\n"),
        ]).plan()
        #expect(PlanSummary.lines(plan, source: "1.0.0") == [
            "A → D via 1.0.0→1.1.0 mappings/1.0-to-1.1.yaml:6, 1.1.0→1.2.0 mappings/1.1-to-1.2.yaml:6",
            "B → D via 1.0.0→1.1.0 mappings/1.0-to-1.1.yaml:7, 1.1.0→1.2.0 mappings/1.1-to-1.2.yaml:6",
        ])
        #expect(PlanSummary.lines(plan, source: "1.1.0") == ["C → D via 1.1.0→1.2.0 mappings/1.1-to-1.2.yaml:6"])
    }

    /// A → C where C already existed, then C → D: it consumed C → D into A → D, and instances
    /// already waiting in C had no instruction. Both are kept.
    @Test func aSourceThatWasAlsoAnEarlierTargetKeepsItsOwnInstruction() throws {
        let plan = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("A", "C")),
            "definitions/b.bpmn": c7("1.1.0", tasks("C")),
            "definitions/c.bpmn": c7("1.2.0", tasks("D")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  A: C\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2", "activities:\n  C: D\n"),
        ]).plan()
        #expect(PlanSummary.lines(plan, source: "1.0.0") == [
            "A → D via 1.0.0→1.1.0 mappings/1.0-to-1.1.yaml:6, 1.1.0→1.2.0 mappings/1.1-to-1.2.yaml:6",
            "C → D via 1.1.0→1.2.0 mappings/1.1-to-1.2.yaml:6",
        ])
    }

    /// An id removed in 1.1 and added again in 1.2 with another meaning: it composed by string
    /// and sent 1.0 instances of the old element to the new one. The old element's instances
    /// follow its mapping; nothing from 1.0 goes to the new element by id.
    @Test func anIdRemovedAndAddedAgainIsNotChainedThrough() throws {
        let plan = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve", "pay")),
            "definitions/b.bpmn": c7("1.1.0", tasks("review", "pay")),
            "definitions/c.bpmn": c7("1.2.0", tasks("approve", "review", "pay")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2"),
        ]).plan()
        #expect(PlanSummary.lines(plan, source: "1.0.0") == [
            "approve → review via 1.0.0→1.1.0 mappings/1.0-to-1.1.yaml:6",
            "pay → pay",
        ])
    }

    /// The same with a skip: the removed element stays skipped although its id comes back.
    @Test func aSkippedIdAddedAgainStaysSkipped() throws {
        let plan = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve", "pay")),
            "definitions/b.bpmn": c7("1.1.0", tasks("pay")),
            "definitions/c.bpmn": c7("1.2.0", tasks("approve", "pay")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve:\n    skip: Finished by hand\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2"),
        ]).plan()
        #expect(PlanSummary.lines(plan, source: "1.0.0") == [
            "pay → pay",
            "approve skipped: Finished by hand via 1.0.0→1.1.0 mappings/1.0-to-1.1.yaml:6",
        ])
    }
}

@Suite("Composition: skips, variables, majors, re-validation")
struct PlanComposerTests {
    @Test func aSkipLaterOnTheChainSkipsTheSourceWithTheStepsThatLedThere() throws {
        let plan = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve", "pay")),
            "definitions/b.bpmn": c7("1.1.0", tasks("review", "pay")),
            "definitions/b1.bpmn": c7("1.1.1", tasks("review", "pay")),
            "definitions/c.bpmn": c7("1.2.0", tasks("pay")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2", "activities:\n  review:\n    skip: Reviews end with 1.1\n"),
        ]).plan()
        #expect(PlanSummary.lines(plan, source: "1.0.0") == [
            "pay → pay",
            "approve skipped: Reviews end with 1.1 via 1.0.0→1.1.0 mappings/1.0-to-1.1.yaml:6, 1.1.1→1.2.0 mappings/1.1-to-1.2.yaml:6",
        ])
        #expect(PlanSummary.lines(plan, source: "1.1.0") == [
            "pay → pay",
            "review skipped: Reviews end with 1.1 via 1.1.1→1.2.0 mappings/1.1-to-1.2.yaml:6",
        ])
    }

    @Test func variablesMergeWithTheLaterHopWinningAndSayingWhatItOverrides() throws {
        let plan = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve")),
            "definitions/b.bpmn": c7("1.1.0", tasks("approve")),
            "definitions/c.bpmn": c7("1.2.0", tasks("approve")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "variables:\n  set:\n    level: LOW\n    retries: { value: 3, type: Integer }\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2", "variables:\n  set:\n    level: HIGH\n"),
        ]).plan()
        let plans = try #require(plan["plans"] as? [[String: Any]])
        let first = try #require(plans.first?["variables"] as? [String: [String: Any]])
        let level = try #require(first["level"])
        #expect(level["value"] as? String == "HIGH")
        #expect(level["type"] is NSNull)
        #expect((level["setBy"] as? [String: Any])?["file"] as? String == "mappings/1.1-to-1.2.yaml")
        let overrides = try #require(level["overrides"] as? [[String: Any]])
        #expect(overrides.count == 1)
        #expect(overrides.first?["value"] as? String == "LOW")
        #expect((overrides.first?["setBy"] as? [String: Any])?["line"] as? Int == 7)
        #expect(first["retries"]?["value"] as? Int == 3)
        #expect(first["retries"]?["type"] as? String == "Integer")
        let second = try #require(plans.last?["variables"] as? [String: [String: Any]])
        #expect(Set(second.keys) == ["level"])
        #expect((second["level"]?["overrides"] as? [Any])?.isEmpty == true)
    }

    @Test func olderMajorsAreNotMigratableToANewerTarget() throws {
        let folder = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve")),
            "definitions/b.bpmn": c7("1.1.0", tasks("approve")),
            "definitions/c.bpmn": c7("2.0.0", tasks("decide")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1"),
        ])
        let defaults = try folder.plan()
        #expect(defaults["target"] as? String == "2.0.0")
        #expect((defaults["notMigratable"] as? [Any])?.isEmpty == true)
        #expect((defaults["plans"] as? [[String: Any]])?.map { "\($0["source"]!) → \($0["target"]!)" } == ["1.0.0 → 1.1.0"])

        let toTwo = try folder.plan(["--to", "2.0.0"])
        #expect((toTwo["plans"] as? [Any])?.isEmpty == true)
        let notMigratable = try #require(toTwo["notMigratable"] as? [[String: String]])
        #expect(notMigratable == [
            ["source": "1.0.0", "reason": "majors are never migrated: 1.0.0 is on 1.x and the target 2.0.0 on 2.x"],
            ["source": "1.1.0", "reason": "majors are never migrated: 1.1.0 is on 1.x and the target 2.0.0 on 2.x"],
        ])

        let one = try folder.plan(["--from", "1.0.0", "--to", "1.1.0"])
        #expect((one["plans"] as? [[String: Any]])?.map { $0["source"] as? String } == ["1.0.0"])
        #expect(one["target"] as? String == "1.1.0")
    }

    /// A service task with an asynchronous continuation is a wait state; 1.0.1 drops the
    /// continuation (a valid patch: nothing waits there any more in 1.0.1) and 1.1.0 removes
    /// the task (valid: it is no wait state in 1.0.1). Instances on 1.0.0 with a job there have
    /// nowhere to go: only the composed plan shows it.
    @Test func aWaitStateThatNoChainCarriesIsReportedWithEveryHop() throws {
        let folder = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", #"    <bpmn:serviceTask id="charge" camunda:asyncBefore="true" camunda:class="Charge" />"# + "\n" + tasks("approve")),
            "definitions/b.bpmn": c7("1.0.1", #"    <bpmn:serviceTask id="charge" camunda:class="Charge" />"# + "\n" + tasks("approve")),
            "definitions/c.bpmn": c7("1.1.0", tasks("approve")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1"),
        ])
        let history = try folder.history()
        let composed = PlanComposer().compose(history)
        let found = composed.diagnostics.map { "\($0.code.rawValue) \(URL(fileURLWithPath: $0.location.file).lastPathComponent):\($0.location.start.line):\($0.location.start.column)" }
        #expect(found == ["FC002 a.bpmn:4:5"])
        let diagnostic = try #require(composed.diagnostics.first)
        #expect(diagnostic.message == "composed 1.0.0 → 1.1.0: instances waiting in serviceTask (class) 'charge' have nowhere to go in 1.1.0")
        #expect(diagnostic.notes.map(\.message) == [
            "'charge' keeps its id from 1.0.0 to 1.0.1",
            "1.0.1 → 1.1.0: 'charge' goes no further: 1.1.0 has no element 'charge' of the same type and no mapping moves it",
        ])
        #expect(diagnostic.notes.map { $0.location.map { URL(fileURLWithPath: $0.file).lastPathComponent } } == ["b.bpmn", "b.bpmn"])

        let output = try folder.run()
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.contains("error[FC002]: composed 1.0.0 → 1.1.0: instances waiting in serviceTask (class) 'charge' have nowhere to go in 1.1.0"))
    }

    /// A rule that only a composed plan can break (here a test rule refusing explicit
    /// instructions that span more than one minor) is reported as FC001 at the last entry on the
    /// way, naming the rule's own code, with a note at every hop.
    @Test func aViolationOnlyCompositionCreatesHasNotesAtEveryHop() throws {
        let folder = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve", "pay")),
            "definitions/a1.bpmn": c7("1.0.1", tasks("approve", "pay")),
            "definitions/b.bpmn": c7("1.1.0", tasks("review", "pay")),
            "definitions/c.bpmn": c7("1.2.0", tasks("check", "pay")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2", "activities:\n  review: check\n"),
        ])
        var composer = PlanComposer()
        composer.rules = { _ in [OneMinorAtATime()] }
        let composed = composer.compose(try folder.history())
        let placed = composed.diagnostics.map { "\($0.code.rawValue) \(URL(fileURLWithPath: $0.location.file).lastPathComponent):\($0.location.start.line):\($0.location.start.column) \($0.message)" }
        #expect(placed == [
            "FC001 1.1-to-1.2.yaml:6:11 composed 1.0.0 → 1.2.0: 'approve' spans 2 minors",
            "FC001 1.1-to-1.2.yaml:6:11 composed 1.0.1 → 1.2.0: 'approve' spans 2 minors",
        ])
        let notes = try #require(composed.diagnostics.first).notes
        #expect(notes.map(\.message) == [
            "on its own this is FR004: element mapped to an incompatible type",
            "'approve' in 1.0.0",
            "'check' in 1.2.0",
            "'approve' keeps its id from 1.0.0 to 1.0.1",
            "1.0.1 → 1.1.0 maps 'approve' to 'review'",
            "1.1.0 → 1.2.0 maps 'review' to 'check'",
        ])
        #expect(notes.map { $0.location.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.start.line)" } ?? "-" } == [
            "-", "a.bpmn:4", "c.bpmn:4", "a1.bpmn:4", "1.0-to-1.1.yaml:6", "1.1-to-1.2.yaml:6",
        ])

        // The same finding already reported (by `ferry check`) is not repeated.
        let again = composer.compose(try folder.history(), alreadyReported: composed.diagnostics.map {
            Diagnostic(.incompatibleElementTypes, "", at: $0.location)
        })
        #expect(again.diagnostics.isEmpty)
    }

    /// The default rule set is the engine's: a plan that passes every hop passes composed.
    /// Composing backwards shares the later hops' images for elements that keep their id; a
    /// conditional event that keeps its id still updates its trigger, on every hop and composed.
    @Test func elementsKeptAcrossHopsTakeTheirLaterImagesAndConditionalEventsUpdateTheirTrigger() throws {
        let event = #"<bpmn:intermediateCatchEvent id="stockArrived"><bpmn:conditionalEventDefinition><bpmn:condition>${stock &gt; 0}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>"#
        let plan = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve", "pay") + "\n" + event),
            "definitions/b.bpmn": c7("1.1.0", tasks("approve", "pay") + "\n" + event),
            "definitions/c.bpmn": c7("1.2.0", tasks("review", "pay") + "\n" + event),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1"),
            "mappings/1.1-to-1.2.yaml": PlanFixture.mapping("1.1", "1.2", "activities:\n  approve: review\n"),
        ]).plan()
        #expect(PlanSummary.lines(plan, source: "1.0.0") == [
            "approve → review via 1.1.0→1.2.0 mappings/1.1-to-1.2.yaml:6",
            "pay → pay",
            "stockArrived → stockArrived",
        ])
        let plans = plan["plans"] as? [[String: Any]] ?? []
        for source in ["1.0.0", "1.1.0"] {
            let instructions = plans.first { $0["source"] as? String == source }?["instructions"] as? [[String: Any]] ?? []
            let triggers = Dictionary(uniqueKeysWithValues: instructions.map { ($0["source"] as? String ?? "?", $0["updateEventTrigger"] as? Bool) })
            #expect(triggers == ["approve": false, "pay": false, "stockArrived": true], "\(source)")
        }
    }

    /// A definition that repeats an id (an error of `ferry check`) still composes: the id's
    /// first element is the one planned, once.
    @Test func aRepeatedIdIsPlannedOnce() throws {
        let folder = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve", "approve", "pay")),
            "definitions/b.bpmn": c7("1.1.0", tasks("review", "pay")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: review\n"),
        ])
        let loaded = try folder.load()
        #expect(loaded.report.diagnostics.contains { $0.severity == .error })
        let composed = PlanComposer().compose(try loaded.singleProcess().get())
        let plan = try #require(composed.plan.plans.first)
        #expect(PlanSummary.lines(plan, relativeTo: folder.path) == ["approve → review via 1.0.0→1.1.0 mappings/1.0-to-1.1.yaml:6", "pay → pay"])
    }

    @Test func theExamplesComposeWithoutFindings() throws {
        for name in ["invoice", "shipment", "expenses", "order-fulfilment"] {
            let loaded = try Checker().load(PlanDiscovery().planDirectory(at: repositoryRoot.appendingPathComponent("plans/\(name)").path))
            let history = try loaded.singleProcess().get()
            let composed = PlanComposer().compose(history, alreadyReported: loaded.report.diagnostics)
            #expect(composed.diagnostics.isEmpty, "\(name): \(composed.diagnostics.map(\.message))")
            #expect(!composed.plan.plans.isEmpty)
        }
    }

    @Test func selectionErrorsAreUsageErrors() throws {
        let history = try PlanFolder([
            "definitions/a.bpmn": c7("1.0.0", tasks("approve")),
            "definitions/b.bpmn": c7("1.1.0", tasks("approve")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1"),
        ]).history()
        #expect(throws: UsageError("--to '1.1' is not a version", help: "write MAJOR.MINOR.PATCH, such as 1.3.0")) {
            try PlanComposer.Selection(from: nil, to: "1.1", in: history)
        }
        #expect(throws: UsageError("process 'p' has no version 1.2.0 in this plan directory", help: "its versions are 1.0.0, 1.1.0")) {
            try PlanComposer.Selection(from: "1.2.0", to: nil, in: history)
        }
        #expect(throws: UsageError("--from 1.1.0 is newer than --to 1.0.0", help: "instances are only migrated to a newer version")) {
            try PlanComposer.Selection(from: "1.1.0", to: "1.0.0", in: history)
        }
    }
}

/// Test rule: an explicit instruction may span one minor increment only.
private struct OneMinorAtATime: MigrationRule {
    func check(_ spec: MigrationSpec, into findings: inout RuleFindings) {
        guard let from = spec.from.version, let to = spec.to.version, to.minor - from.minor > 1 else { return }
        for instruction in spec.instructions where instruction.isExplicit {
            findings.report(.incompatibleElementTypes, "'\(instruction.source.id)' spans \(to.minor - from.minor) minors", at: instruction)
        }
    }
}

@Suite("Relations: splits, merges and the first skip")
struct ElementRelationTests {
    private func step(_ from: String, _ line: Int) -> PlanStep {
        let version = SemanticVersion(parsing: from)!
        return PlanStep(from: version, to: SemanticVersion(major: version.major, minor: version.minor + 1, patch: 0), file: "m\(from).yaml", line: line, column: 3)
    }

    private func mapped(_ targets: [String], _ step: PlanStep?) -> ElementImage {
        .mapped(targets.map { ElementImage.Destination(target: $0, via: step.map { Provenance([$0]) } ?? Provenance()) })
    }

    @Test func aSplitWhoseBranchesMergeAgainReachesTheTargetOnceWithEveryStep() {
        let split = step("1.0.0", 6), left = step("1.1.0", 6), right = step("1.1.0", 7)
        let first = ElementRelation(images: ["x": mapped(["a", "b"], split)])
        let second = ElementRelation(images: ["a": mapped(["c"], left), "b": mapped(["c"], right)])
        #expect(first.then(second) == ElementRelation(images: [
            "x": .mapped([ElementImage.Destination(target: "c", via: Provenance([split, left, right]))]),
        ]))
    }

    @Test func aSkipOnOneBranchOfASplitSkipsTheElementWithTheFirstSkip() {
        let split = step("1.0.0", 6), skipA = step("1.1.0", 9), skipB = step("1.1.0", 6)
        let first = ElementRelation(images: ["x": mapped(["a", "b", "c"], split)])
        let second = ElementRelation(images: [
            "a": .skipped(ElementImage.Skip(reason: "later", step: skipA, via: Provenance([skipA]))),
            "b": .skipped(ElementImage.Skip(reason: "earlier", step: skipB, via: Provenance([skipB]))),
            "c": mapped(["c"], nil),
        ])
        #expect(first.then(second).images["x"] == .skipped(ElementImage.Skip(reason: "earlier", step: skipB, via: Provenance([split, skipB]))))
    }

    @Test func anElementWhoseDestinationsAllEndIsNotCarried() {
        let first = ElementRelation(images: ["x": mapped(["a"], nil), "y": mapped(["b"], nil)])
        let second = ElementRelation(images: ["b": mapped(["b"], nil)])
        #expect(first.then(second) == ElementRelation(images: ["y": mapped(["b"], nil)]))
    }
}
