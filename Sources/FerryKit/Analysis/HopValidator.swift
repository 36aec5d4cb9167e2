public import FerryDiagnostics

/// The analysis stage for one hop (DESIGN.md §3.1). It turns the hop into a migration (the
/// mapping file's instructions plus identity for every other element that holds state and keeps
/// its id), checking on the way that every explicit source and target exists, that only Joget
/// splits, and that every wait state of the older version is mapped or skipped; then runs the
/// engine's rules over the whole migration.
///
/// An explicit instruction's problem is reported at its entry in the mapping file with notes at
/// the definitions; an identity problem at the element in a definition with a note at the other
/// version. On a patch hop, where there is no mapping file, the help says the change needed a
/// minor increment.
public struct HopValidator: Sendable {
    public init() {}

    public func validate(_ hop: Hop) -> [Diagnostic] {
        validate(hop, older: MigrationSpec.index(hop.from), newer: MigrationSpec.index(hop.to))
    }

    /// Whether two definitions of one history are the same one (a history has one per version).
    static func isSame(_ a: ProcessDefinition, _ b: ProcessDefinition) -> Bool {
        a.version == b.version && a.file == b.file && a.id == b.id && a.elements.count == b.elements.count
    }

    /// ``validate(_:)`` with the definitions' elements by id (``MigrationSpec/index(_:)``).
    public func validate(_ hop: Hop, older: [String: FlowElement], newer: [String: FlowElement]) -> [Diagnostic] {
        analyse(hop, older: older, newer: newer).diagnostics
    }

    /// Why identity alone cannot carry a wait state of the older version.
    public enum IdentityGap: Sendable, Equatable {
        /// The newer version has no element with its id.
        case removed
        /// The element with its id in the newer version is of an incompatible type.
        case changedType
        /// The engine's rules refuse the identity instruction (the first finding's code).
        case refused(DiagnosticCode)
    }

    /// The wait states of `from` that identity alone does not carry to `to`, by id, with why:
    /// what a mapping file for the hop must answer (`ferry new`).
    public func identityGaps(from: ProcessDefinition, to: ProcessDefinition) -> [String: IdentityGap] {
        let analysis = analyse(
            Hop(kind: .minor, from: from, to: to, mapping: nil), older: MigrationSpec.index(from), newer: MigrationSpec.index(to)
        )
        var gaps = analysis.gaps
        for (source, code) in analysis.findings.identityFindings where gaps[source] == nil && from.element(source)?.isWaitState == true {
            gaps[source] = .refused(code)
        }
        return gaps
    }

    private func analyse(
        _ hop: Hop,
        older: [String: FlowElement],
        newer: [String: FlowElement]
    ) -> (diagnostics: [Diagnostic], findings: RuleFindings, gaps: [String: IdentityGap]) {
        var builder = Builder(hop: hop, older: older, newer: newer)
        if let mapping = hop.mapping {
            for entry in mapping.activities { builder.add(entry) }
        }
        // A mapping file with errors may have lost entries; their absence then says nothing.
        builder.addIdentity(reportingUncovered: hop.mapping?.hasErrors != true)
        let patchHelp = hop.kind == .patch ? builder.patchHelp : nil
        let settled = Self.settle(builder.spec, patchHelp: patchHelp, rules: EngineRules.rules(for: hop.from.engine))
        return (builder.diagnostics + settled.findings.diagnostics, settled.findings, builder.gaps)
    }

    /// Runs `rules` over a migration, a hop's or a composed one. Like Camunda 7's own generator,
    /// identity is kept only where the rules accept it: an event trigger or scope that cannot keep
    /// its id is left behind (its trigger or instance is created anew) and the rest is checked
    /// again. Wait states are never dropped, so their findings stand. Camunda 8 has no generator:
    /// every active element needs its instruction, so nothing is dropped there. The migration
    /// that stands, and its findings.
    static func settle(_ spec: MigrationSpec, patchHelp: String?, rules: [any MigrationRule]) -> (spec: MigrationSpec, findings: RuleFindings) {
        func check(_ spec: MigrationSpec) -> RuleFindings {
            var findings = RuleFindings(spec: spec, patchHelp: patchHelp)
            for rule in rules {
                rule.check(spec, into: &findings)
            }
            return findings
        }
        var spec = spec
        var findings = check(spec)
        for _ in 0 ..< 8 where spec.engine == .camunda7 {
            let dropped = findings.failedIdentities.filter { spec.older[$0]?.isWaitState == false }
            guard !dropped.isEmpty else { break }
            spec = spec.droppingIdentity(of: dropped)
            findings = check(spec)
        }
        return (spec, findings)
    }

    /// The engine's refusal of several instructions for one source: Camunda 7's rule 3
    /// (`OnlyOnceMappedActivityInstructionValidator`), Camunda 8's duplicate source ids (Z3).
    static func splitEngineText(_ source: String, _ targets: [String], engine: Engine) -> String {
        switch engine {
        case .camunda8:
            return "Expected to migrate process instance '<key>' but the mapping instructions contain duplicate source element ids '[\(source)]'."
        default:
            let instructions = targets.map { "ValidatingMigrationInstructionImpl{sourceActivity=Activity(\(source)), targetActivity=Activity(\($0))}" }
            return "There are multiple mappings for source activity id '\(source)': \(instructions.joined(separator: ", "))"
        }
    }

    /// Builds one hop's migration and reports what keeps an instruction from being formed.
    private struct Builder {
        let hop: Hop
        let older: [String: FlowElement]
        let newer: [String: FlowElement]
        var instructions: [MigrationInstruction] = []
        /// Sources listed in the mapping file, mapped or skipped.
        var listed: Set<String> = []
        var skipped: Set<String> = []
        var diagnostics: [Diagnostic] = []
        /// Wait states identity does not carry, and why.
        var gaps: [String: IdentityGap] = [:]

        init(hop: Hop, older: [String: FlowElement], newer: [String: FlowElement]) {
            self.hop = hop
            self.older = older
            self.newer = newer
            // At most one identity instruction per element, and few explicit ones: no regrowing.
            instructions.reserveCapacity(hop.from.elements.count + (hop.mapping?.activities.count ?? 0))
        }

        var engine: Engine { hop.from.engine }
        var fromVersion: String { hop.from.version?.description ?? "?" }
        var toVersion: String { hop.to.version?.description ?? "?" }

        var spec: MigrationSpec {
            MigrationSpec(from: hop.from, to: hop.to, instructions: instructions, skipped: skipped, older: older, newer: newer)
        }

        var patchHelp: String {
            let next = hop.from.version.map { "\($0.major).\($0.minor + 1).0" } ?? "the next minor"
            return "a patch release must keep every wait state's id and type; release this change as \(next) with a mapping file"
        }

        // MARK: Explicit instructions

        mutating func add(_ entry: MappingEntry) {
            listed.insert(entry.source.value)
            let source = older[entry.source.value]
            if source == nil {
                diagnostics.append(Diagnostic(
                    .unknownSourceElement,
                    "'\(entry.source.value)' is not an element of \(hop.from.id) \(fromVersion)",
                    at: entry.source.location,
                    notes: [Note("the \(fromVersion) definition", at: hop.from.location)],
                    help: suggestion(for: entry.source.value, among: hop.from.elements)
                ))
            }
            let targets: [Located<String>]
            let update: Located<Bool>?
            switch entry.action {
            case .skip:
                skipped.insert(entry.source.value)
                return
            case .map(let written, let flag):
                targets = written
                update = flag
            }
            if targets.count > 1, engine != .joget {
                diagnostics.append(Diagnostic(
                    .splitNotSupported,
                    "\(engine.displayName) migrates each instance to exactly one element; '\(entry.source.value)' is mapped to \(targets.count)",
                    at: targets[1].location,
                    notes: [Note("\(engine.displayName) reports: \(HopValidator.splitEngineText(entry.source.value, targets.map(\.value), engine: engine))")],
                    help: "choose one target; only Joget can start several activities for one"
                ))
            }
            for target in targets {
                guard let element = newer[target.value] else {
                    diagnostics.append(Diagnostic(
                        .unknownTargetElement,
                        "'\(target.value)' is not an element of \(hop.to.id) \(toVersion)",
                        at: target.location,
                        notes: [Note("the \(toVersion) definition", at: hop.to.location)],
                        help: suggestion(for: target.value, among: hop.to.elements)
                    ))
                    continue
                }
                guard let source else { continue }
                instructions.append(MigrationInstruction(
                    source: source,
                    target: element,
                    updateEventTrigger: update?.value ?? (source.eventDefinition == .conditional),
                    origin: .explicit(entry: entry, target: target)
                ))
            }
        }

        // MARK: Identity and coverage

        /// Adds identity for every element that holds state and keeps its id, reporting the
        /// wait states that are neither listed nor kept.
        ///
        /// An element that holds state but changed type keeps no identity instruction (Camunda
        /// 7's own generator drops it; its scope or trigger is created anew); when instances
        /// wait there, that is an error.
        mutating func addIdentity(reportingUncovered: Bool) {
            for element in hop.from.elements where element.holdsState(on: engine) && !listed.contains(element.id) {
                guard let counterpart = newer[element.id] else {
                    if element.isWaitState {
                        gaps[element.id] = .removed
                        if reportingUncovered { reportUncovered(element) }
                    }
                    continue
                }
                if let problem = SameTypeRule.incompatibility(element, counterpart, engine: engine) {
                    if element.isWaitState {
                        gaps[element.id] = .changedType
                        reportChangedType(element, counterpart, problem)
                    }
                    continue
                }
                instructions.append(MigrationInstruction(
                    source: element,
                    target: counterpart,
                    updateEventTrigger: element.eventDefinition == .conditional,
                    origin: .identity
                ))
            }
        }

        private mutating func reportChangedType(_ element: FlowElement, _ counterpart: FlowElement, _ problem: SameTypeRule.Problem) {
            diagnostics.append(Diagnostic(
                .incompatibleElementTypes,
                "'\(element.id)' changed from \(RuleFindings.describe(element)) in \(fromVersion) to \(RuleFindings.describe(counterpart)) in \(toVersion), so instances waiting there cannot keep their id",
                at: counterpart.location,
                notes: [Note("'\(element.id)' in \(fromVersion)", at: element.location)]
                    + (problem.engineText.map { [Note("\(engine.displayName) reports: \($0)")] } ?? []),
                help: hop.kind == .patch ? patchHelp : "give the new element a new id and map or skip '\(element.id)' in the mapping file"
            ))
        }

        private mutating func reportUncovered(_ element: FlowElement) {
            var notes: [Note] = []
            let help: String
            if hop.kind == .patch {
                notes.append(Note("\(toVersion) has no element '\(element.id)'", at: hop.to.location))
                help = patchHelp
            } else if let mapping = hop.mapping {
                notes.append(Note("this mapping file neither maps nor skips it", at: mapping.location))
                help = "add '\(element.id): <target>' or '\(element.id): { skip: <reason> }' under activities:"
            } else {
                notes.append(Note("\(toVersion) has no element '\(element.id)'", at: hop.to.location))
                help = "add the mapping file for this increment and map or skip '\(element.id)'"
            }
            diagnostics.append(Diagnostic(
                .uncoveredWaitState,
                "instances waiting in \(RuleFindings.describe(element)) '\(element.id)' of \(hop.from.id) \(fromVersion) have nowhere to go in \(toVersion)",
                at: element.location,
                notes: notes,
                help: help
            ))
        }

        func suggestion(for id: String, among elements: [FlowElement]) -> String? {
            Suggestions.closest(to: id, among: elements.map(\.id)).map { "did you mean '\($0)'?" }
        }
    }
}
