public import FerryDiagnostics

/// The analysis stage for one hop (DESIGN.md §3.1): every explicit source and target exists,
/// every wait state of the older version is mapped (explicitly or by identity) or skipped, each
/// instruction passes the engine's same-type rule, and only Joget splits.
///
/// An explicit instruction's problem is reported at its entry in the mapping file with a note at
/// the definition; an identity problem at the element in a definition with a note at the other
/// version.
public struct HopValidator: Sendable {
    public init() {}

    public func validate(_ hop: Hop) -> [Diagnostic] {
        var context = Context(hop: hop)
        if let mapping = hop.mapping {
            for entry in mapping.activities {
                context.checkExplicit(entry)
            }
        }
        // A mapping file with errors may have lost entries; their absence then says nothing.
        context.checkCoverage(reportingUncovered: hop.mapping?.hasErrors != true)
        return context.diagnostics
    }

    private struct Context {
        let hop: Hop
        let older: [String: FlowElement]
        let newer: [String: FlowElement]
        var explicit: Set<String> = []
        var diagnostics: [Diagnostic] = []

        init(hop: Hop) {
            self.hop = hop
            older = Dictionary(hop.from.elements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            newer = Dictionary(hop.to.elements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        var engine: Engine { hop.from.engine }
        var fromVersion: String { hop.from.version?.description ?? "?" }
        var toVersion: String { hop.to.version?.description ?? "?" }

        // MARK: Explicit instructions

        mutating func checkExplicit(_ entry: MappingEntry) {
            explicit.insert(entry.source.value)
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
            guard case .map(let targets, _) = entry.action else { return }
            if targets.count > 1, engine != .joget {
                diagnostics.append(Diagnostic(
                    .splitNotSupported,
                    "\(engine.displayName) migrates each instance to exactly one element; '\(entry.source.value)' is mapped to \(targets.count)",
                    at: targets[1].location,
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
                if engine == .joget, element.kind != .normal {
                    diagnostics.append(Diagnostic(
                        .targetCannotHoldInstances,
                        "'\(target.value)' is a \(element.kind.rawValue) activity; a Joget migration target must be a normal activity a user can hold",
                        at: target.location,
                        notes: [Note("'\(target.value)' in \(toVersion)", at: element.location)]
                    ))
                }
                if let source, let problem = incompatibility(source, element) {
                    diagnostics.append(Diagnostic(
                        .incompatibleElementTypes,
                        "'\(source.id)' (\(describe(source))) cannot be migrated to '\(element.id)' (\(describe(element)))",
                        at: target.location,
                        notes: [
                            Note("'\(source.id)' in \(fromVersion)", at: source.location),
                            Note("'\(element.id)' in \(toVersion)", at: element.location),
                        ] + problem.engineText.map { [Note("\(engine.displayName) reports: \($0)")] }.orEmpty,
                        help: problem.help
                    ))
                }
            }
        }

        // MARK: Identity and coverage

        mutating func checkCoverage(reportingUncovered: Bool) {
            for element in hop.from.elements where element.isWaitState && !explicit.contains(element.id) {
                guard let counterpart = newer[element.id] else {
                    if reportingUncovered { reportUncovered(element) }
                    continue
                }
                if let problem = incompatibility(element, counterpart) {
                    diagnostics.append(Diagnostic(
                        .incompatibleElementTypes,
                        "'\(element.id)' changed from \(describe(element)) in \(fromVersion) to \(describe(counterpart)) in \(toVersion), so instances waiting there cannot keep their id",
                        at: counterpart.location,
                        notes: [Note("'\(element.id)' in \(fromVersion)", at: element.location)]
                            + problem.engineText.map { [Note("\(engine.displayName) reports: \($0)")] }.orEmpty,
                        help: hop.kind == .patch ? patchHelp : "give the new element a new id and map or skip '\(element.id)' in the mapping file"
                    ))
                }
            }
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
                "instances waiting in \(describe(element)) '\(element.id)' of \(hop.from.id) \(fromVersion) have nowhere to go in \(toVersion)",
                at: element.location,
                notes: notes,
                help: help
            ))
        }

        private var patchHelp: String {
            let next = hop.from.version.map { "\($0.major).\($0.minor + 1).0" } ?? "the next minor"
            return "a patch release must keep every wait state's id and type; release this change as \(next) with a mapping file"
        }

        // MARK: Rules

        struct Problem {
            var engineText: String?
            var help: String?
        }

        /// Why the engine would refuse `source` → `target`, if it would.
        func incompatibility(_ source: FlowElement, _ target: FlowElement) -> Problem? {
            switch engine {
            case .camunda7:
                guard let from = source.camunda7Behavior else { return nil }
                let to = target.camunda7Behavior ?? "no behaviour"
                let groups: [Set<String>] = [
                    ["CallActivityBehavior", "CaseCallActivityBehavior"],
                    ["SubProcessActivityBehavior", "EventSubProcessActivityBehavior"],
                ]
                if from == to || groups.contains(where: { $0.contains(from) && $0.contains(to) }) { return nil }
                return Problem(engineText: "Activities have incompatible types (\(from) is not compatible with \(to))")
            case .camunda8:
                guard let from = source.camunda8Type else { return nil }
                if from != target.camunda8Type {
                    return Problem(engineText: nil, help: "Camunda 8 migrates an element only to an element of the same type")
                }
                if from == "USER_TASK", source.implementation != target.implementation {
                    return Problem(engineText: nil, help: "a user task must keep its implementation (job worker or Zeebe user task)")
                }
                return nil
            case .joget:
                return source.kind == target.kind ? nil : Problem(engineText: nil, help: "Joget migrates an activity only to an activity of the same type")
            }
        }

        func describe(_ element: FlowElement) -> String {
            var words = element.kind.rawValue
            if let definition = element.eventDefinition { words = "\(definition.rawValue) \(words)" }
            if let implementation = element.implementation { words += " (\(implementation.rawValue))" }
            return words
        }

        func suggestion(for id: String, among elements: [FlowElement]) -> String? {
            Suggestions.closest(to: id, among: elements.map(\.id)).map { "did you mean '\($0)'?" }
        }
    }
}

private extension Optional where Wrapped == [Note] {
    var orEmpty: [Note] { self ?? [] }
}
