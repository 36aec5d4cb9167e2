public import FerryDiagnostics

/// The composition stage (DESIGN.md §3.2): one migration per source version to its target, as
/// the relational composition of the hops between them, restricted to what instances on the
/// source can hold, with the provenance of every instruction; then validated again against
/// (source, target) with the engine's whole rule set.
///
/// Every source of one target is related to it in one pass backwards from the target: the
/// relation of version *v* is *v*'s hop followed by the relation of *v + 1*, which is already
/// there. Composing all sources therefore costs one hop's worth of work per version, not one per
/// pair of versions. The plans are then made from the relations oldest source first, the order
/// they are written in, so that each can be written while the next is made (``start``).
public struct PlanComposer: Sendable {
    /// The rules every composed plan is checked against: by default the engine's whole rule set,
    /// so that a rule added to `EngineRules` applies to composed plans as well as to hops.
    public var rules: @Sendable (Engine) -> [any MigrationRule] = { EngineRules.rules(for: $0) }

    public init() {}

    /// Which plans to compose: `--from` and `--to`, checked against the versions of a process.
    public struct Selection: Sendable, Hashable {
        /// Only this source version; every version when `nil`.
        public var from: SemanticVersion?
        /// The target of every plan; the newest version of each source's major when `nil`.
        public var to: SemanticVersion?

        public init(from: SemanticVersion? = nil, to: SemanticVersion? = nil) {
            self.from = from
            self.to = to
        }

        /// Reads `--from` and `--to` as written on the command line. A version that is malformed,
        /// not in the history, or a `--from` newer than `--to` is a usage error.
        public init(from: String?, to: String?, in history: ProcessHistory) throws(UsageError) {
            self.from = try history.version(from, named: "--from")
            self.to = try history.version(to, named: "--to")
            if let from = self.from, let to = self.to, to < from {
                throw UsageError("--from \(from) is newer than --to \(to)", help: "instances are only migrated to a newer version")
            }
        }
    }

    /// Composes the plans `selection` asks for. `alreadyReported` are the findings of checking the
    /// plan directory: a finding of the composed validation that one of them already makes (same
    /// code, same place) is not repeated.
    public func compose(
        _ history: ProcessHistory,
        selection: Selection = Selection(),
        alreadyReported: [Diagnostic] = []
    ) -> (plan: ComposedPlan, diagnostics: [Diagnostic]) {
        start(history, selection: selection, alreadyReported: alreadyReported).finish()
    }

    /// Composes the plans `selection` asks for in two stages, so that a plan can be written while
    /// the next one is composed: this relates every source to its target (walking back from the
    /// target, which gives the plans' order backwards); ``PlanComposition/next()`` then makes
    /// and validates the plans one at a time, oldest source first.
    public func start(
        _ history: ProcessHistory,
        selection: Selection = Selection(),
        alreadyReported: [Diagnostic] = []
    ) -> PlanComposition {
        let versions = history.versions.filter { $0.version != nil }
        let newest = versions.last?.version ?? PlanStep.unversioned
        var header = ComposedPlan(
            process: history.processID, engine: history.engine, target: selection.to ?? newest,
            plans: [], notMigratable: []
        )
        var context = Context(history: history, versions: versions, rules: rules(history.engine), reported: Set(alreadyReported.map(ReportedKey.init)))
        func selected(_ index: Int) -> Bool {
            selection.from == nil || versions[index].version == selection.from
        }

        var targets: [Int] = []
        if let to = selection.to, let index = versions.firstIndex(where: { $0.version == to }) {
            targets = [index]
            for (position, definition) in versions.enumerated() where selected(position) {
                guard let version = definition.version, version.major < to.major else { continue }
                header.notMigratable.append(NotMigratable(
                    source: version,
                    reason: "majors are never migrated: \(version) is on \(version.major).x and the target \(to) on \(to.major).x"
                ))
            }
        } else if selection.to == nil {
            for (index, definition) in versions.enumerated()
            where index + 1 == versions.count || versions[index + 1].version?.major != definition.version?.major {
                targets.append(index)
            }
        }

        var pending: [PendingPlan] = []
        for targetIndex in targets {
            let major = versions[targetIndex].version?.major
            let sources = (0..<targetIndex).filter { versions[$0].version?.major == major && selected($0) }
            guard let lowest = sources.first else { continue }
            pending += context.relateBackwards(to: targetIndex, down: lowest, sources: Set(sources), notMigratable: &header.notMigratable)
        }
        header.notMigratable.sort { $0.source < $1.source }
        // Newest source first, so that `next()` takes the oldest from the end.
        pending.sort { $0.sourceIndex > $1.sourceIndex }
        return PlanComposition(header: header, context: context, pending: pending)
    }

    /// A source related to its target, its plan not made yet.
    fileprivate struct PendingPlan: Sendable {
        var sourceIndex: Int
        var targetIndex: Int
        var relation: ElementRelation
        var variables: [ComposedVariable]
        /// The target's elements by id, shared by every source of the target. (The source's are
        /// indexed again when its plan is made: kept for every source until then, they would
        /// double what relating holds.)
        var target: [String: FlowElement]
    }

    /// A finding's identity for "already reported".
    fileprivate struct ReportedKey: Hashable, Sendable {
        var code: DiagnosticCode
        var location: SourceLocation

        init(_ diagnostic: Diagnostic) {
            code = diagnostic.code
            location = diagnostic.location
        }
    }

    /// The state of one composition: the history and what was found so far.
    fileprivate struct Context: Sendable {
        let history: ProcessHistory
        let versions: [ProcessDefinition]
        let rules: [any MigrationRule]
        let reported: Set<ReportedKey>
        /// Hops by the position of their older version in `versions`.
        let hops: [Int: Hop]
        var diagnostics: [Diagnostic] = []

        init(history: ProcessHistory, versions: [ProcessDefinition], rules: [any MigrationRule], reported: Set<ReportedKey>) {
            self.history = history
            self.versions = versions
            self.rules = rules
            self.reported = reported
            var position: [SemanticVersion: Int] = [:]
            for (index, definition) in versions.enumerated() {
                if let version = definition.version { position[version] = index }
            }
            var hops: [Int: Hop] = [:]
            for hop in history.hops {
                guard let from = hop.from.version, let to = hop.to.version,
                      let index = position[from], position[to] == index + 1 else { continue }
                hops[index] = hop
            }
            self.hops = hops
        }

        var engine: Engine { history.engine }

        /// Relates every source in `sources` (positions between `lowest` and the target) to the
        /// target, walking the hops backwards from the target; newest source first.
        mutating func relateBackwards(to targetIndex: Int, down lowest: Int, sources: Set<Int>, notMigratable: inout [NotMigratable]) -> [PendingPlan] {
            let targetElements = MigrationSpec.index(versions[targetIndex])
            var relation = ElementRelation.identity(over: targetElements.keys)
            var variables = VariableMerge()
            var newer = targetElements
            var pending: [PendingPlan] = []
            for index in stride(from: targetIndex - 1, through: lowest, by: -1) {
                guard let hop = hops[index] else {
                    // `ferry check` reports the broken chain; nothing below it reaches the target.
                    for source in sources.sorted() where source <= index {
                        notMigratable.append(NotMigratable(
                            source: versions[source].version ?? PlanStep.unversioned,
                            reason: "no migration connects \(versionText(index)) to \(versionText(index + 1))"
                        ))
                    }
                    break
                }
                relation = ElementRelation(hop: hop, newer: newer, then: relation)
                variables.precede(with: hop)
                let older = MigrationSpec.index(versions[index])
                if sources.contains(index) {
                    pending.append(PendingPlan(
                        sourceIndex: index, targetIndex: targetIndex, relation: relation, variables: variables.sorted,
                        target: targetElements
                    ))
                }
                newer = older
            }
            return pending
        }

        /// The plan of a related source, validated against its target.
        mutating func plan(_ pending: PendingPlan) -> SourcePlan {
            let older = MigrationSpec.index(versions[pending.sourceIndex])
            let plan = sourcePlan(pending, older: older)
            return validate(plan, sourceIndex: pending.sourceIndex, targetIndex: pending.targetIndex, older: older, newer: pending.target)
        }

        func versionText(_ index: Int) -> String {
            versions[index].version?.description ?? "?"
        }

        /// The relation restricted to what instances on the source can hold, in document order.
        func sourcePlan(_ pending: PendingPlan, older: [String: FlowElement]) -> SourcePlan {
            let source = versions[pending.sourceIndex], relation = pending.relation
            var instructions: [ComposedInstruction] = []
            instructions.reserveCapacity(older.count)
            var skipped: [SkippedElement] = []
            // Ids are unique unless the index of the source's elements by id is smaller than
            // the list (which `ferry check` reports); then only an id's first element counts.
            let unique = older.count == source.elements.count
            var seen: Set<String> = []
            for element in source.elements where element.holdsState(on: engine) && (unique || seen.insert(element.id).inserted) {
                switch relation.images[element.id] {
                case nil:
                    continue
                case .skipped(let skip):
                    skipped.append(SkippedElement(element: element.id, reason: skip.reason, via: skip.via))
                case .mapped(let destinations):
                    var via = destinations[0].via
                    for destination in destinations.dropFirst() { via = via.union(destination.via) }
                    instructions.append(ComposedInstruction(
                        source: element.id,
                        targets: destinations.map(\.target),
                        updateEventTrigger: destinations.contains { $0.updateEventTrigger },
                        via: via
                    ))
                }
            }
            return SourcePlan(
                source: source.version ?? PlanStep.unversioned,
                target: versions[pending.targetIndex].version ?? PlanStep.unversioned,
                instructions: instructions,
                skipped: skipped,
                variables: pending.variables
            )
        }

        // MARK: Validation of the composed plan

        /// Runs the engine's rules over the composed migration (source, target) and checks that
        /// every wait state of the source is carried or skipped. Findings here are ones no single
        /// hop has (the hops passed `ferry check`), so each gets notes at every hop involved.
        /// The plan comes back without the identity instructions the engine's generator would
        /// leave out, as each hop's validation leaves them out (``HopValidator/settle``).
        mutating func validate(_ plan: SourcePlan, sourceIndex: Int, targetIndex: Int, older: [String: FlowElement], newer: [String: FlowElement]) -> SourcePlan {
            let source = versions[sourceIndex], target = versions[targetIndex]
            var instructions: [MigrationInstruction] = []
            instructions.reserveCapacity(plan.instructions.count)
            for instruction in plan.instructions {
                guard let from = older[instruction.source] else { continue }
                for id in instruction.targets {
                    guard let to = newer[id] else { continue }
                    instructions.append(MigrationInstruction(
                        source: from, target: to,
                        updateEventTrigger: instruction.updateEventTrigger,
                        origin: Self.origin(of: id, via: instruction.via)
                    ))
                }
            }
            let skipped = Set(plan.skipped.map(\.element))
            let settled = HopValidator.settle(
                MigrationSpec(from: source, to: target, instructions: instructions, skipped: skipped, older: older, newer: newer),
                patchHelp: nil,
                rules: rules
            )
            let spec = settled.spec, findings = settled.findings
            let composed = "composed \(plan.source) → \(plan.target)"
            for finding in findings.diagnostics where !reported.contains(ReportedKey(finding)) {
                var notes = [Note("on its own this is \(finding.code.rawValue): \(finding.code.title)")] + finding.notes
                for id in involvedSources(of: finding, in: spec) {
                    notes += trace(id, from: sourceIndex, to: targetIndex)
                }
                diagnostics.append(Diagnostic(
                    finding.severity, .composedRuleViolation,
                    "\(composed): \(finding.message)",
                    at: finding.location,
                    notes: Self.unique(notes),
                    help: finding.help ?? "change the mapping file of one of the hops below so that the composed migration passes too"
                ))
            }
            // The wait states the hops' coverage rule covers: those that hold state on the engine.
            for element in source.elements
            where element.isWaitState && !spec.isMapped(element.id) && !skipped.contains(element.id) && element.holdsState(on: engine) {
                diagnostics.append(Diagnostic(
                    .composedWaitStateUncovered,
                    "\(composed): instances waiting in \(RuleFindings.describe(element)) '\(element.id)' have nowhere to go in \(plan.target)",
                    at: element.location,
                    notes: trace(element.id, from: sourceIndex, to: targetIndex),
                    help: "map or skip '\(element.id)' (or the element it became) in the mapping file of the hop where its chain ends"
                ))
            }
            guard spec.instructions.count < instructions.count else { return plan }
            let dropped = Set(instructions.map(\.source.id)).subtracting(spec.instructions.map(\.source.id))
            var kept = plan
            kept.instructions.removeAll { dropped.contains($0.source) }
            return kept
        }

        /// A composed instruction's origin for the rules: the last explicit step that leads to
        /// `target` (every hop after it keeps the id, so it names `target` itself), or identity.
        static func origin(of target: String, via: Provenance) -> MigrationInstruction.Origin {
            guard let last = via.last else { return .identity }
            if let entry = last.entry, case .map(let targets, _) = entry.action, let written = targets.first(where: { $0.value == target }) {
                return .explicit(entry: entry, target: written)
            }
            // Several targets (a Joget split) may have different last steps.
            for step in via.steps.reversed() {
                guard let entry = step.entry, case .map(let targets, _) = entry.action,
                      let written = targets.first(where: { $0.value == target }) else { continue }
                return .explicit(entry: entry, target: written)
            }
            return .identity
        }

        /// The source ids of the instructions a finding is about: those placed where it is (an
        /// entry, a target as written, an element), else those touching the element it is at.
        func involvedSources(of finding: Diagnostic, in spec: MigrationSpec) -> [String] {
            var ids: [String] = []
            for instruction in spec.instructions {
                var places = [instruction.source.location, instruction.target.location]
                if case .explicit(let entry, let target) = instruction.origin {
                    places += [entry.source.location, target.location]
                }
                if places.contains(finding.location), !ids.contains(instruction.source.id) {
                    ids.append(instruction.source.id)
                }
            }
            return ids
        }

        /// Notes for every hop an element of the source meets on its way to the target: the
        /// entries that move or skip it, the runs of hops that keep its id, and where it stops.
        func trace(_ id: String, from sourceIndex: Int, to targetIndex: Int) -> [Note] {
            var notes: [Note] = []
            var current = [id]
            var runStart: [String: Int] = [id: sourceIndex]
            func endRun(_ element: String, at index: Int) {
                guard let start = runStart.removeValue(forKey: element), start < index else { return }
                notes.append(Note(
                    "'\(element)' keeps its id from \(versionText(start)) to \(versionText(index))",
                    at: versions[index].element(element)?.location
                ))
            }
            for index in sourceIndex..<targetIndex {
                guard let hop = hops[index], !current.isEmpty else { break }
                let relation = ElementRelation(hop: hop)
                let hopText = "\(versionText(index)) → \(versionText(index + 1))"
                var next: [String] = []
                for element in current {
                    switch relation.images[element] {
                    case nil:
                        endRun(element, at: index)
                        notes.append(Note(
                            "\(hopText): '\(element)' goes no further: \(versionText(index + 1)) has no element '\(element)' of the same type and no mapping moves it",
                            at: versions[index].element(element)?.location
                        ))
                    case .skipped(let skip):
                        endRun(element, at: index)
                        notes.append(Note("\(hopText) skips '\(element)': \(skip.reason)", at: skip.step.entry?.source.location))
                    case .mapped(let destinations):
                        for destination in destinations {
                            if destination.via.isEmpty {
                                if runStart[element] == nil { runStart[element] = index }
                                next.append(element)
                                continue
                            }
                            endRun(element, at: index)
                            let step = destination.via.steps.last
                            notes.append(Note("\(hopText) maps '\(element)' to '\(destination.target)'", at: step?.entry?.source.location))
                            runStart[destination.target] = index + 1
                            next.append(destination.target)
                        }
                    }
                }
                current = Self.unique(next)
            }
            for element in current { endRun(element, at: targetIndex) }
            return notes
        }

        static func unique<T: Hashable>(_ values: [T]) -> [T] {
            var seen: Set<T> = []
            return values.filter { seen.insert($0).inserted }
        }
    }
}

/// The plans of a ``PlanComposer/start(_:selection:alreadyReported:)``: every source related to
/// its target, each plan made and validated when asked for, oldest source first. A composition
/// owns what it needs and can be handed to another thread.
public struct PlanComposition: Sendable {
    /// The plan's process, engine, target and the versions that are not migratable; no plans.
    public let header: ComposedPlan
    private var context: PlanComposer.Context
    /// Newest first: the next plan is the last.
    private var pending: [PlanComposer.PendingPlan]

    fileprivate init(header: ComposedPlan, context: PlanComposer.Context, pending: [PlanComposer.PendingPlan]) {
        self.header = header
        self.context = context
        self.pending = pending
    }

    /// The next source's plan, validated against its target; `nil` after the last. Each plan's
    /// relation is let go once its plan is made.
    public mutating func next() -> SourcePlan? {
        guard let pending = pending.popLast() else { return nil }
        return context.plan(pending)
    }

    /// What validating the plans found so far, in report order: all of it once `next()` has
    /// returned `nil`.
    public var diagnostics: [Diagnostic] {
        context.diagnostics.sorted(by: Diagnostic.reportOrder)
    }

    /// Every plan still to make, and what validating them found.
    public consuming func finish() -> (plan: ComposedPlan, diagnostics: [Diagnostic]) {
        var plan = header
        plan.plans.reserveCapacity(pending.count)
        while let next = next() { plan.plans.append(next) }
        return (plan, diagnostics)
    }
}

/// The variables of the hops from one source version to the target, built backwards: a hop
/// further back is overridden by every later one that sets the same variable.
struct VariableMerge: Sendable {
    private var byName: [String: ComposedVariable] = [:]

    mutating func precede(with hop: Hop) {
        for assignment in hop.mapping?.variables ?? [] {
            let setting = ComposedVariable.Setting(
                value: assignment.value.value,
                type: assignment.type?.value,
                setBy: PlanStep(hop: hop, at: assignment.name.location.start)
            )
            let name = assignment.name.value
            if var variable = byName[name] {
                variable.overrides.insert(setting, at: 0)
                byName[name] = variable
            } else {
                byName[name] = ComposedVariable(name: name, setting: setting)
            }
        }
    }

    /// By name, in UTF-8 order.
    var sorted: [ComposedVariable] {
        byName.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}
