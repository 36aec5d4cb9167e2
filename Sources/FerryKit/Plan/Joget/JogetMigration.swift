public import FerryDiagnostics

/// The Joget JSON-API steps that migrate the running instances of an inventory (reference
/// peers.md §3.4): per instance, `process/start` on the target version with the record id and the
/// workflow variables, then `activity/start` for each activity the instance must wait in, the
/// first with `abortCurrent=true` (to abort the activity the start opened) and the rest with
/// `false`.
public struct JogetMigration: Sendable {
    public var process: String
    /// `--to` when given, otherwise the newest version in the plan directory (as the plan JSON).
    public var target: SemanticVersion
    /// The package version part of the process definition ids: `latest` or Shark's integer.
    public var packageVersion: String
    /// In the order of the inventory.
    public var instances: [InstanceMigration]
}

/// The migration of one running instance.
public struct InstanceMigration: Sendable {
    /// Where one waiting activity goes, and the mapping entries that sent it there.
    public struct Move: Sendable, Hashable {
        public var activity: String
        public var targets: [String]
        public var via: Provenance
    }

    /// A waiting activity the plan skips, with the reason and the entries that led there.
    public struct Skip: Sendable, Hashable {
        public var activity: String
        public var reason: String
        public var via: Provenance
    }

    public var id: String
    public var source: SemanticVersion
    public var target: SemanticVersion
    /// `package:version:process`: the process definition id with `#` written as `:`, as the
    /// JSON API's paths take it.
    public var processDefID: String
    public var recordID: String?
    /// The instance's variables merged with the plan's `variables.set` (the plan wins), by name.
    public var variables: [(name: String, value: String)]
    /// In the order of the inventory's activities.
    public var moves: [Move]
    public var skipped: [Skip]
    /// The activities `activity/start` puts the instance on: every move's targets in order, each
    /// once. Empty when every waiting activity is skipped: then the instance is not started.
    public var activityStarts: [String]

    public var isStarted: Bool { !activityStarts.isEmpty }
}

/// Turns a composed Joget plan and an instance inventory into ``JogetMigration``, checking the
/// inventory against the plan directory: each instance's version must be there and have a plan,
/// its activities must be wait states of that version, no instance or activity twice; and every
/// step must be one the JSON API can express.
public struct JogetMigrationPlanner: Sendable {
    /// `--joget-package-version N`: Shark's package version in the process definition ids;
    /// `nil` for `latest`, the version Joget has published.
    public var packageVersion: Int?

    public init(packageVersion: Int? = nil) {
        self.packageVersion = packageVersion
    }

    /// The migration, or `nil` when an error was reported; the diagnostics hold warnings too.
    public func plan(
        _ composed: ComposedPlan,
        history: ProcessHistory,
        inventory: InstanceInventory,
        selection: PlanComposer.Selection = PlanComposer.Selection()
    ) -> (migration: JogetMigration?, diagnostics: [Diagnostic]) {
        var planning = Planning(composed: composed, history: history, selection: selection, packageVersion: packageVersion.map(String.init) ?? "latest")
        var instances: [InstanceMigration] = []
        var firstSeen: [String: SourceLocation] = [:]
        for instance in inventory.instances {
            if let first = firstSeen[instance.id.value] {
                planning.report(Diagnostic(
                    .instanceListedTwice,
                    "instance '\(MappingText.abbreviated(instance.id.value))' is listed twice",
                    at: instance.id.location,
                    notes: [Note("first listed here", at: first)],
                    help: "keep one entry per instance: migrating it twice would start two new instances"
                ))
                continue
            }
            firstSeen[instance.id.value] = instance.id.location
            if let migration = planning.migrate(instance) { instances.append(migration) }
        }
        let diagnostics = planning.diagnostics.sorted(by: Diagnostic.reportOrder)
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        let migration = JogetMigration(process: composed.process, target: composed.target, packageVersion: planning.packageVersion, instances: instances)
        return (migration, diagnostics)
    }
}

/// One planning run: the inputs, indexes over them, and what was found so far.
private struct Planning {
    let composed: ComposedPlan
    let history: ProcessHistory
    let selection: PlanComposer.Selection
    let packageVersion: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Findings about the plan itself are made once however many instances meet them.
    private var reported: Set<Diagnostic> = []
    private var undeclaredReported: Set<String> = []
    private var startToolsChecked: Set<SemanticVersion> = []

    private let definitions: [SemanticVersion: ProcessDefinition]
    private let plans: [SemanticVersion: SourcePlan]

    init(composed: ComposedPlan, history: ProcessHistory, selection: PlanComposer.Selection, packageVersion: String) {
        self.composed = composed
        self.history = history
        self.selection = selection
        self.packageVersion = packageVersion
        var definitions: [SemanticVersion: ProcessDefinition] = [:]
        for definition in history.versions {
            if let version = definition.version { definitions[version] = definition }
        }
        self.definitions = definitions
        self.plans = Dictionary(composed.plans.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func report(_ diagnostic: Diagnostic) {
        guard reported.insert(diagnostic).inserted else { return }
        diagnostics.append(diagnostic)
    }

    // MARK: One instance

    mutating func migrate(_ instance: RunningInstance) -> InstanceMigration? {
        let version = instance.version.value
        guard let source = definitions[version] else {
            let known = history.versions.compactMap(\.version).map(\.description)
            report(Diagnostic(
                .instanceUnknownVersion,
                "instance '\(MappingText.abbreviated(instance.id.value))' is on version \(version), which the plan directory has no definition of",
                at: instance.version.location,
                help: (Suggestions.closest(to: version.description, among: known).map { "did you mean \($0)? " } ?? "")
                    + "the versions of '\(history.processID)' are \(known.joined(separator: ", "))"
            ))
            return nil
        }
        let activities = checkedActivities(instance, in: source)
        guard let plan = plans[version] else {
            let why = whyNotMigrated(version)
            report(Diagnostic(
                .instanceNotMigrated,
                "instance '\(MappingText.abbreviated(instance.id.value))' is on \(version), which \(why.reason)",
                at: instance.version.location,
                help: why.help
            ))
            return nil
        }
        guard let activities, let target = definitions[plan.target] else { return nil }

        let instructions = Dictionary(plan.instructions.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
        let skips = Dictionary(plan.skipped.map { ($0.element, $0) }, uniquingKeysWith: { first, _ in first })
        var moves: [InstanceMigration.Move] = []
        var skipped: [InstanceMigration.Skip] = []
        var starts: [String] = []
        var expressible = true
        for activity in activities {
            if let skip = skips[activity.value] {
                skipped.append(InstanceMigration.Skip(activity: activity.value, reason: skip.reason, via: skip.via))
                continue
            }
            guard let instruction = instructions[activity.value] else {
                report(Diagnostic(
                    .jogetCannotExpress,
                    "the plan from \(version) to \(plan.target) has no instruction for '\(activity.value)'",
                    at: activity.location,
                    help: "map or skip '\(activity.value)' in the mapping file of its minor increment"
                ))
                expressible = false
                continue
            }
            for targetID in instruction.targets {
                expressible = checkTarget(targetID, of: instruction, in: target) && expressible
                if !starts.contains(targetID) { starts.append(targetID) }
            }
            moves.append(InstanceMigration.Move(activity: activity.value, targets: instruction.targets, via: instruction.via))
        }
        let variables = mergedVariables(instance, plan: plan, target: target, expressible: &expressible)
        guard let packageID = target.packageID, !packageID.isEmpty else {
            report(Diagnostic(
                .jogetCannotExpress,
                "the definition of \(history.processID) \(plan.target) has no package id, which Joget's process definition ids start with",
                at: target.location,
                help: "export the definition from Joget's process builder, which writes the app id as the Package's Id"
            ))
            return nil
        }
        if !starts.isEmpty { checkStartTools(target, version: plan.target) }
        guard expressible else { return nil }
        return InstanceMigration(
            id: instance.id.value,
            source: version,
            target: plan.target,
            processDefID: "\(packageID):\(packageVersion):\(history.processID)",
            recordID: instance.recordID?.value,
            variables: variables,
            moves: moves,
            skipped: skipped,
            activityStarts: starts
        )
    }

    /// The instance's activities when each is a wait state of its version and none is listed
    /// twice; `nil` after reporting.
    private mutating func checkedActivities(_ instance: RunningInstance, in source: ProcessDefinition) -> [Located<String>]? {
        var seen: [String: SourceLocation] = [:]
        var valid = true
        for activity in instance.activities {
            if let first = seen[activity.value] {
                report(Diagnostic(
                    .instanceListedTwice,
                    "activity '\(MappingText.abbreviated(activity.value))' is listed twice for instance '\(MappingText.abbreviated(instance.id.value))'",
                    at: activity.location,
                    notes: [Note("first listed here", at: first)],
                    help: "list each open activity once"
                ))
                valid = false
                continue
            }
            seen[activity.value] = activity.location
            let subject = "\(history.processID) \(instance.version.value)"
            guard let element = source.element(activity.value) else {
                let waitStates = source.elements.filter { $0.holdsState(on: .joget) }.map(\.id)
                report(Diagnostic(
                    .instanceActivityNotWaiting,
                    "'\(MappingText.abbreviated(activity.value))' is not an activity of \(subject)",
                    at: activity.location,
                    help: Suggestions.closest(to: activity.value, among: waitStates).map { "did you mean '\($0)'?" }
                        ?? "the activities an instance of \(subject) can wait in are \(waitStates.map { "'\($0)'" }.joined(separator: ", "))"
                ))
                valid = false
                continue
            }
            guard element.holdsState(on: .joget) else {
                report(Diagnostic(
                    .instanceActivityNotWaiting,
                    "'\(element.id)' is a \(element.kind.rawValue) activity of \(subject); an instance does not wait there",
                    at: activity.location,
                    notes: [Note("'\(element.id)' is defined here", at: element.location)],
                    help: "list the normal or sub-flow activities the instance waits in (its open assignments)"
                ))
                valid = false
                continue
            }
        }
        return valid ? instance.activities : nil
    }

    /// Why a version of the plan directory has no plan, and what to do about its instances.
    private func whyNotMigrated(_ version: SemanticVersion) -> (reason: String, help: String) {
        let remove = "remove the instance from the inventory"
        if let entry = composed.notMigratable.first(where: { $0.source == version }) {
            return ("is not migrated: \(entry.reason)", "\(remove), or plan with a --to on its own major")
        }
        if composed.plans.contains(where: { $0.target == version }) || version == composed.target {
            return ("is the target version: there is nothing to migrate", "\(remove): it runs on the target version already")
        }
        if let from = selection.from, from != version {
            return ("this plan does not migrate: --from selects \(from) only", "\(remove), or plan without --from")
        }
        let newerInMajor = history.versions.contains { ($0.version.map { $0.major == version.major && $0 > version }) ?? false }
        if newerInMajor {
            return ("has no plan to its target", "\(remove), or plan with a --to after \(version)")
        }
        return ("is the newest version of its major: there is nothing to migrate", "\(remove): it runs on the newest version of its major already")
    }

    /// Joget's `activity/start` leaves an instance waiting only on a normal or sub-flow activity
    /// (rule FR006 refuses other targets when the plan is checked; this is the emitter's own check).
    private mutating func checkTarget(_ id: String, of instruction: ComposedInstruction, in target: ProcessDefinition) -> Bool {
        guard let element = target.element(id) else {
            report(Diagnostic(
                .jogetCannotExpress,
                "target '\(id)' of '\(instruction.source)' is not an activity of \(history.processID) \(target.version?.description ?? "")",
                at: mappingLocation(instruction.via) ?? target.location
            ))
            return false
        }
        guard element.kind != .normal, element.kind != .subflow else { return true }
        report(Diagnostic(
            .jogetCannotExpress,
            "'\(id)' is a \(element.kind.rawValue) activity; Joget's activity/start can only leave an instance waiting in a normal or sub-flow activity",
            at: mappingLocation(instruction.via) ?? element.location,
            notes: [Note("'\(id)' is defined here", at: element.location)],
            help: "map '\(instruction.source)' to the normal activity that follows, or skip it with the reason"
        ))
        return false
    }

    /// The mapping entry that last moved an element: where a finding about its target belongs.
    private func mappingLocation(_ via: Provenance) -> SourceLocation? {
        via.steps.last { $0.entry != nil }?.entry?.location
    }

    /// The instance's variables with the plan's `variables.set` over them, by name; texts only.
    private mutating func mergedVariables(_ instance: RunningInstance, plan: SourcePlan, target: ProcessDefinition, expressible: inout Bool) -> [(name: String, value: String)] {
        let declared = Set(target.dataFields.map(\.id))
        var merged: [String: String] = [:]
        for variable in instance.variables {
            merged[variable.name.value] = variable.value
            if !declared.contains(variable.name.value), undeclaredReported.insert(variable.name.value).inserted {
                report(undeclared(variable.name.value, at: variable.name.location, target: target, declared: declared))
            }
        }
        for variable in plan.variables {
            let location = variableLocation(variable)
            let text: String
            switch variable.setting.value {
            case .string(let value): text = value
            case .integer(let value): text = String(value)
            case .float(let value): text = "\(value)"
            case .boolean(let value): text = value ? "true" : "false"
            case .null:
                report(Diagnostic(
                    .jogetCannotExpress,
                    "variable '\(variable.name)' is set to null; Joget's workflow variables are text and process/start cannot send a null",
                    at: location,
                    help: #"give the variable a text value, such as """#
                ))
                expressible = false
                continue
            }
            merged[variable.name] = text
            if !declared.contains(variable.name), undeclaredReported.insert(variable.name).inserted {
                report(undeclared(variable.name, at: location, target: target, declared: declared))
            }
        }
        return merged.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { (name: $0.key, value: $0.value) }
    }

    private func undeclared(_ name: String, at location: SourceLocation, target: ProcessDefinition, declared: Set<String>) -> Diagnostic {
        let version = target.version?.description ?? ""
        let suggestion = Suggestions.closest(to: name, among: declared.sorted()).map { "did you mean '\($0)'? " } ?? ""
        return Diagnostic(
            .jogetUndeclaredVariable,
            "'\(MappingText.abbreviated(name))' is not a workflow variable of \(history.processID) \(version); Joget may drop it or refuse the start",
            at: location,
            notes: [Note("\(history.processID) \(version) is defined here", at: target.location)],
            help: suggestion + (declared.isEmpty
                ? "\(version) declares no workflow variables"
                : "its workflow variables are \(declared.sorted().map { "'\($0)'" }.joined(separator: ", "))")
        )
    }

    /// The `variables.set` entry a plan variable comes from, as exactly as the hop's mapping file
    /// tells; else the step's line and column.
    private func variableLocation(_ variable: ComposedVariable) -> SourceLocation {
        let step = variable.setting.setBy
        let hop = history.hops.first { $0.from.version == step.from && $0.mapping?.path == step.file }
        if let assignment = hop?.mapping?.variables.first(where: { $0.name.value == variable.name }) {
            return assignment.name.location
        }
        return SourceLocation(file: step.file, range: SourceRange(at: SourcePosition(line: step.line, column: step.column, offset: 0)))
    }

    /// Warns once per target version about tools at the start of the process, which
    /// `process/start` runs before `activity/start` places the instance.
    private mutating func checkStartTools(_ target: ProcessDefinition, version: SemanticVersion) {
        guard startToolsChecked.insert(version).inserted else { return }
        for element in target.elements where element.kind == .tool && element.incoming.isEmpty && element.flowScope == nil {
            report(Diagnostic(
                .jogetStartRunsTool,
                "process/start runs tool '\(element.id)' at the start of \(history.processID) \(version) for every migrated instance",
                at: element.location,
                help: "make sure running it again is harmless for migrated instances, or make it depend on a variable the mapping file sets"
            ))
        }
    }
}
