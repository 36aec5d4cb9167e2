public import FerryDiagnostics

/// What a change of process versions does to running instances, for reviewers (`ferry diff`):
/// where the instances waiting in each wait state of FROM go in TO and why, the findings a
/// reviewer must look at first, and what changed in the definitions hop by hop. Built from the
/// composed plan, so one hop and a chain of hops read alike.
public struct DiffReport: Sendable {
    /// One explicit mapping entry on the way, with its file relative to the plan directory.
    public struct Step: Sendable, Hashable {
        public var from: String
        public var to: String
        public var file: String
        public var line: Int
        public var column: Int

        /// `mappings/1.2-to-1.3.yaml:16:3`.
        public var place: String { "\(file):\(line):\(column)" }
    }

    /// What happens to the instances waiting in one wait state.
    public enum Outcome: String, Sendable {
        /// Same id, nothing explicit on the way.
        case unchanged
        /// Moved by at least one mapping entry.
        case remapped
        /// A `skip` on the way.
        case skipped
        /// Nothing carries them to TO (an error of its own).
        case unmapped
    }

    public struct Route: Sendable {
        public var source: FlowElement
        public var outcome: Outcome
        public var targets: [String]
        /// The skip's reason.
        public var reason: String?
        public var updateEventTrigger: Bool
        public var via: [Step]
    }

    /// A finding a reviewer must look at before the routine detail.
    public struct Risk: Sendable {
        public enum Kind: String, Sendable {
            case unmapped, skip, merge, scopeMove, triggerUpdate, variable, finding, notMigratable
        }

        public var kind: Kind
        public var message: String
        public var via: [Step]
    }

    /// The definition changes of one hop.
    public struct HopChanges: Sendable {
        public var from: String
        public var to: String
        public var changes: [DefinitionChanges.Change]
    }

    public var process: String
    public var engine: Engine
    public var from: SemanticVersion
    public var to: SemanticVersion
    /// Why FROM is not migrated to TO, when it is not (a major boundary).
    public var notMigratable: String?
    public var routes: [Route]
    public var risks: [Risk]
    public var hops: [HopChanges]
    public var errors: Int
    public var warnings: Int

    /// Terraform-style closing line: `12 wait states: 9 unchanged, 2 remapped, 1 skipped; 0 errors`.
    public var summary: String {
        let count = routes.count
        var text = "\(count) wait \(count == 1 ? "state" : "states")"
        if let notMigratable {
            text += " on \(from): not migrated to \(to) (\(notMigratable))"
        } else {
            var parts: [String] = []
            for outcome in [Outcome.unchanged, .remapped, .skipped, .unmapped] {
                let n = routes.filter { $0.outcome == outcome }.count
                if n > 0 || outcome != .unmapped { parts.append("\(n) \(outcome == .unmapped ? "without destination" : outcome.rawValue)") }
            }
            text += ": " + parts.joined(separator: ", ")
        }
        text += "; \(errors) \(errors == 1 ? "error" : "errors")"
        if warnings > 0 { text += ", \(warnings) \(warnings == 1 ? "warning" : "warnings")" }
        return text
    }

    // MARK: Building

    /// The report for `from` → `to` of one process. `composed` is the composed plan with FROM as
    /// a source (absent across a major); `findings` are everything checking the plan directory and
    /// composing found.
    public init(
        history: ProcessHistory,
        from: SemanticVersion,
        to: SemanticVersion,
        composed: ComposedPlan,
        findings: [Diagnostic],
        planDirectory: String
    ) {
        let paths = RelativePaths(directory: planDirectory)
        func steps(_ provenance: Provenance) -> [Step] {
            provenance.map { Step(from: $0.from.description, to: $0.to.description, file: paths.relative($0.file), line: $0.line, column: $0.column) }
        }
        process = history.processID
        engine = history.engine
        self.from = from
        self.to = to
        errors = findings.filter { $0.severity == .error }.count
        warnings = findings.filter { $0.severity == .warning }.count
        let versions = history.versions.filter { $0.version != nil }
        let older = versions.first { $0.version == from }
        let newer = versions.first { $0.version == to }
        let plan = composed.plans.first { $0.source == from && $0.target == to }
        let blocked = composed.notMigratable.first { $0.source == from }
        notMigratable = blocked.map { _ in "majors are never migrated" }

        var routes: [Route] = []
        var risks: [Risk] = []
        if let older {
            let instructions = Dictionary(plan?.instructions.map { ($0.source, $0) } ?? [], uniquingKeysWith: { first, _ in first })
            let skipped = Dictionary(plan?.skipped.map { ($0.element, $0) } ?? [], uniquingKeysWith: { first, _ in first })
            for element in older.elements where element.isWaitState && element.kind != .multiInstanceBody {
                if let skip = skipped[element.id] {
                    routes.append(Route(source: element, outcome: .skipped, targets: [], reason: skip.reason, updateEventTrigger: false, via: steps(skip.via)))
                } else if let instruction = instructions[element.id] {
                    let unchanged = instruction.via.isEmpty && instruction.targets == [element.id]
                    routes.append(Route(
                        source: element, outcome: unchanged ? .unchanged : .remapped, targets: instruction.targets,
                        reason: nil, updateEventTrigger: instruction.updateEventTrigger, via: steps(instruction.via)
                    ))
                } else {
                    routes.append(Route(source: element, outcome: .unmapped, targets: [], reason: nil, updateEventTrigger: false, via: []))
                }
            }
            if let plan, let newer, notMigratable == nil {
                risks = Self.risks(routes: routes, plan: plan, older: older, newer: newer, steps: steps)
            }
        }
        if let reason = blocked?.reason {
            risks.insert(Risk(kind: .notMigratable, message: "instances on \(from) are not migrated to \(to): \(reason)", via: []), at: 0)
        }
        // Versions on older majors than TO's never reach it.
        let olderMajors = versions.compactMap(\.version).filter { $0.major < to.major && $0 != from }
        if !olderMajors.isEmpty {
            let list = olderMajors.map(\.description).joined(separator: ", ")
            risks.append(Risk(kind: .notMigratable, message: "instances on \(list) are not migrated to \(to): majors are never migrated", via: []))
        }
        for finding in findings where finding.severity != .note {
            let place = "\(paths.relative(finding.location.file)):\(finding.location.start.line):\(finding.location.start.column)"
            risks.append(Risk(kind: .finding, message: "\(finding.severity.rawValue)[\(finding.code.rawValue)] \(place): \(finding.message)", via: []))
        }
        self.routes = routes
        self.risks = risks

        var hops: [HopChanges] = []
        let inRange = versions.filter { $0.version! >= from && $0.version! <= to }
        for (a, b) in zip(inRange, inRange.dropFirst()) {
            let hop = history.hops.first { $0.from.version == a.version && $0.to.version == b.version }
            var renames: [String: [String]] = [:]
            for entry in hop?.mapping?.activities ?? [] {
                if case .map(let targets, _) = entry.action { renames[entry.source.value] = targets.map(\.value) }
            }
            let changes = DefinitionChanges(from: a, to: b, renames: renames)
            hops.append(HopChanges(from: a.version!.description, to: b.version!.description, changes: changes.changes))
        }
        self.hops = hops
    }

    private static func risks(
        routes: [Route],
        plan: SourcePlan,
        older: ProcessDefinition,
        newer: ProcessDefinition,
        steps: (Provenance) -> [Step]
    ) -> [Risk] {
        var risks: [Risk] = []
        for route in routes where route.outcome == .unmapped {
            risks.append(Risk(kind: .unmapped, message: "instances waiting in \(RuleFindings.describe(route.source)) '\(route.source.id)' have no destination in \(newer.version!)", via: []))
        }
        for route in routes where route.outcome == .skipped {
            risks.append(Risk(kind: .skip, message: "'\(route.source.id)' (\(RuleFindings.describe(route.source))) is skipped: \(route.reason ?? "")", via: route.via))
        }
        // Several wait states into one target.
        var sourcesByTarget: [String: [Route]] = [:]
        for route in routes where route.outcome == .remapped || route.outcome == .unchanged {
            for target in route.targets { sourcesByTarget[target, default: []].append(route) }
        }
        for target in newer.elements.map(\.id) {
            guard let merged = sourcesByTarget[target], merged.count > 1 else { continue }
            let names = merged.map { "'\($0.source.id)'" }.joined(separator: ", ")
            risks.append(Risk(kind: .merge, message: "\(names) are merged into '\(target)'", via: merged.flatMap(\.via)))
        }
        // A wait state that ends up in another scope than its scope's instances.
        let olderIndex = MigrationSpec.index(older), newerIndex = MigrationSpec.index(newer)
        let targetOf = Dictionary(plan.instructions.map { ($0.source, $0.targets.first ?? $0.source) }, uniquingKeysWith: { first, _ in first })
        for route in routes where route.outcome == .remapped || route.outcome == .unchanged {
            guard let target = route.targets.first.flatMap({ newerIndex[$0] }) else { continue }
            let oldScope = DefinitionChanges.scope(of: route.source, in: olderIndex)
            let expected = oldScope.map { targetOf[$0] ?? $0 }
            let newScope = DefinitionChanges.scope(of: target, in: newerIndex)
            if expected != newScope {
                risks.append(Risk(
                    kind: .scopeMove,
                    message: "'\(route.source.id)' moves from \(Self.describe(scope: oldScope)) to \(Self.describe(scope: newScope)) as '\(target.id)'",
                    via: route.via
                ))
            }
        }
        for instruction in plan.instructions where instruction.updateEventTrigger {
            let source = olderIndex[instruction.source]
            let target = instruction.targets.first.flatMap { newerIndex[$0] }
            var message = "the trigger of '\(instruction.source)' is created anew from \(newer.version!)"
            if let old = source?.trigger, let new = target?.trigger {
                message += old == new ? " (\(new), unchanged)" : " (\(old) → \(new))"
            }
            risks.append(Risk(kind: .triggerUpdate, message: message, via: steps(instruction.via)))
        }
        for variable in plan.variables {
            var message = "sets the variable '\(variable.name)' to \(Self.describe(variable.setting.value))"
            if let type = variable.setting.type { message += " (\(type))" }
            if !variable.overrides.isEmpty {
                message += ", overriding " + variable.overrides.map { "\(Self.describe($0.value)) from \($0.setBy.from) → \($0.setBy.to)" }.joined(separator: ", ")
            }
            risks.append(Risk(kind: .variable, message: message, via: steps(Provenance([variable.setting.setBy]))))
        }
        return risks
    }

    static func describe(scope: String?) -> String {
        scope.map { "'\($0)'" } ?? "process level"
    }

    static func describe(_ value: VariableValue) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .integer(let number): String(number)
        case .float(let number): String(number)
        case .boolean(let flag): String(flag)
        case .null: "null"
        }
    }
}
