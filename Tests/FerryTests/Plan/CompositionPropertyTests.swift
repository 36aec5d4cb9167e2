@testable import FerryKit
import Testing

/// Properties of composition over random histories written as real BPMN and mapping files.
@Suite("Composition properties")
struct CompositionPropertyTests {
    static let seeds: [UInt64] = Array(1...12)

    /// The generator produces what the properties are about: merges, maps onto an element that
    /// stays, skips, patches, and ids removed and added again.
    @Test func theRandomHistoriesHaveEveryKindOfStep() {
        var kinds: Set<String> = []
        for seed in Self.seeds {
            let random = RandomHistory(seed: seed, versions: 9)
            for (hop, written) in random.entries {
                let older = Set(random.versions[hop].ids), newer = Set(random.versions[hop + 1].ids)
                var targets: [String: Int] = [:]
                for (_, action) in written {
                    switch action {
                    case .skip: kinds.insert("skip")
                    case .map(let target):
                        targets[target, default: 0] += 1
                        if older.contains(target) { kinds.insert("onto an element that stays") }
                    }
                }
                if targets.values.contains(where: { $0 > 1 }) { kinds.insert("merge") }
                let earlier = Set(random.versions[..<hop].flatMap(\.ids))
                if newer.contains(where: { !older.contains($0) && earlier.contains($0) }) { kinds.insert("re-added id") }
            }
            if random.versions.contains(where: { !$0.version.hasSuffix(".0") }) { kinds.insert("patch") }
        }
        #expect(kinds == ["skip", "onto an element that stays", "merge", "re-added id", "patch"])
    }

    private func load(_ random: RandomHistory) throws -> (ProcessHistory, PlanFolder) {
        let folder = try PlanFolder(random.files)
        let history = try folder.history()
        #expect(history.versions.count == random.versions.count)
        return (history, folder)
    }

    /// Where no hop skips, the composed instruction of every element is the element reached by
    /// mapping it hop by hop through the chain, with one `via` step per explicit entry on the way;
    /// where one does, the element is skipped with that reason; where the chain ends, nothing.
    @Test(arguments: seeds)
    func composingEqualsChainingEachElement(seed: UInt64) throws {
        let random = RandomHistory(seed: seed, versions: 9)
        let (history, _) = try load(random)
        let composed = PlanComposer().compose(history)
        #expect(composed.diagnostics.isEmpty)
        let last = random.versions.count - 1
        #expect(composed.plan.plans.map(\.source.description) == random.versions.dropLast().map(\.version))
        for (index, (version, ids)) in random.versions.enumerated().dropLast() {
            let plan = try #require(composed.plan.plans.first { $0.source.description == version })
            #expect(plan.target.description == random.versions[last].version)
            var expected: [String: RandomHistory.Outcome] = [:]
            for id in ids { expected[id] = random.chain(id, from: index, to: last) }
            var actual: [String: RandomHistory.Outcome] = [:]
            for instruction in plan.instructions {
                actual[instruction.source] = .targets(Set(instruction.targets), explicitSteps: instruction.via.count)
            }
            for skipped in plan.skipped {
                actual[skipped.element] = .skipped(reason: skipped.reason)
            }
            for id in ids where expected[id] == .notCarried { expected[id] = nil }
            #expect(actual == expected, "source \(version), seed \(seed)")
        }
    }

    /// Composing the hops' relations left to right, right to left or in any other grouping gives
    /// the same relation, provenance included.
    @Test(arguments: seeds)
    func groupingDoesNotMatter(seed: UInt64) throws {
        let (history, _) = try load(RandomHistory(seed: seed, versions: 8))
        let relations = history.hops.map(ElementRelation.init(hop:))
        try #require(relations.count >= 2)
        let leftToRight = relations.dropFirst().reduce(relations[0]) { $0.then($1) }
        let rightToLeft = relations.dropLast().reversed().reduce(relations[relations.count - 1]) { $1.then($0) }
        #expect(leftToRight == rightToLeft)
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<5 {
            #expect(Self.group(relations[...], &generator) == leftToRight)
        }
    }

    /// Composes a run of relations split at a random point, each side grouped the same way.
    private static func group(_ relations: ArraySlice<ElementRelation>, _ generator: inout SeededGenerator) -> ElementRelation {
        guard relations.count > 1 else { return relations.first! }
        let split = relations.startIndex + 1 + Int(generator.next() % UInt64(relations.count - 1))
        let left = group(relations[..<split], &generator)
        let right = group(relations[split...], &generator)
        return left.then(right)
    }

    /// A hop between two identical definitions is the identity relation, and composing with the
    /// identity on either side changes nothing.
    @Test(arguments: seeds)
    func anIdentityHopChangesNothing(seed: UInt64) throws {
        let (history, _) = try load(RandomHistory(seed: seed, versions: 8))
        for hop in history.hops {
            let relation = ElementRelation(hop: hop)
            let before = ElementRelation.identity(over: hop.from.elements.map(\.id))
            let after = ElementRelation.identity(over: hop.to.elements.map(\.id))
            #expect(before.then(relation) == relation)
            #expect(relation.then(after) == relation)
            if hop.kind == .patch {
                #expect(relation == before)
            }
        }
    }

    /// The plan for a source composed backwards from the target (reusing later sources' work) is
    /// the plan composed for that source alone.
    @Test(arguments: seeds)
    func everySourceAloneGivesTheSamePlan(seed: UInt64) throws {
        let (history, _) = try load(RandomHistory(seed: seed, versions: 8))
        let all = PlanComposer().compose(history).plan
        for plan in all.plans {
            let alone = PlanComposer().compose(history, selection: PlanComposer.Selection(from: plan.source)).plan
            #expect(alone.plans == [plan])
        }
    }

    /// An identical patch release inserted after the first version changes no instruction or
    /// skip of the sources before it (only the versions its provenance names), and the patch's
    /// own plan is the same.
    @Test(arguments: seeds)
    func insertingAnIdenticalPatchChangesNoInstruction(seed: UInt64) throws {
        let random = RandomHistory(seed: seed, versions: 6)
        var files = random.files
        let (version, ids) = random.versions[0]
        let patched = "1.0.\(Int(version.split(separator: ".")[2])! + 100)"
        files["definitions/p-\(patched).bpmn"] = PlanFixture.camunda7(patched, ids.map { #"    <bpmn:userTask id="\#($0)" />"# }.joined(separator: "\n"))
        let folder = try PlanFolder(files)
        let longer = PlanComposer().compose(try folder.history()).plan
        let (history, _) = try load(random)
        let shorter = PlanComposer().compose(history).plan
        func shape(_ plan: SourcePlan) -> [String] {
            plan.instructions.map { "\($0.source) → \($0.targets) (\($0.via.count) steps)" } + plan.skipped.map { "\($0.element) skipped: \($0.reason)" }
        }
        let original = try #require(shorter.plans.first { $0.source.description == version })
        let viaPatch = try #require(longer.plans.first { $0.source.description == version })
        let thePatch = try #require(longer.plans.first { $0.source.description == patched })
        #expect(shape(viaPatch) == shape(original))
        #expect(shape(thePatch) == shape(original))
    }
}
