/// One composed instruction: instances resting in `source` (in the plan's source version) move to
/// `targets` (in its target version).
public struct ComposedInstruction: Sendable, Hashable {
    public var source: String
    /// One target, or several for a Joget split; ordered by id.
    public var targets: [String]
    /// Re-create the event trigger from the target model: some hop on the way updates it.
    public var updateEventTrigger: Bool
    /// The explicit steps on the way to every target; identity hops are implied.
    public var via: Provenance

    public init(source: String, targets: [String], updateEventTrigger: Bool, via: Provenance) {
        self.source = source
        self.targets = targets
        self.updateEventTrigger = updateEventTrigger
        self.via = via
    }
}

/// An element of the source version whose instances are not migrated: a hop on the way skips it.
public struct SkippedElement: Sendable, Hashable {
    public var element: String
    public var reason: String
    /// The explicit steps from the source version up to and including the `skip`.
    public var via: Provenance

    public init(element: String, reason: String, via: Provenance) {
        self.element = element
        self.reason = reason
        self.via = via
    }
}

/// A process variable written during the migration, with the hop that set it and the earlier
/// hops it overrides (later hops win).
public struct ComposedVariable: Sendable, Hashable {
    /// One hop's `variables.set` entry for the variable.
    public struct Setting: Sendable, Hashable {
        public var value: VariableValue
        /// The engine type of the long form, `nil` for the short form.
        public var type: String?
        public var setBy: PlanStep

        public init(value: VariableValue, type: String?, setBy: PlanStep) {
            self.value = value
            self.type = type
            self.setBy = setBy
        }
    }

    public var name: String
    /// The winning setting: the latest hop's.
    public var setting: Setting
    /// Settings of earlier hops that this one overrides, earliest first.
    public var overrides: [Setting]

    public init(name: String, setting: Setting, overrides: [Setting] = []) {
        self.name = name
        self.setting = setting
        self.overrides = overrides
    }
}

/// The composed migration of one source version to its target.
public struct SourcePlan: Sendable, Hashable {
    public var source: SemanticVersion
    public var target: SemanticVersion
    /// In the source definition's document order.
    public var instructions: [ComposedInstruction]
    /// In the source definition's document order.
    public var skipped: [SkippedElement]
    /// By name.
    public var variables: [ComposedVariable]

    public init(source: SemanticVersion, target: SemanticVersion, instructions: [ComposedInstruction], skipped: [SkippedElement], variables: [ComposedVariable]) {
        self.source = source
        self.target = target
        self.instructions = instructions
        self.skipped = skipped
        self.variables = variables
    }
}

/// A version whose instances are not migrated at all, and why.
public struct NotMigratable: Sendable, Hashable {
    public var source: SemanticVersion
    public var reason: String

    public init(source: SemanticVersion, reason: String) {
        self.source = source
        self.reason = reason
    }
}

/// Every composed plan of one process (DESIGN.md §3.2): one per source version, to the target.
public struct ComposedPlan: Sendable, Hashable {
    public var process: String
    public var engine: Engine
    /// `--to` when given, otherwise the newest version in the plan directory.
    public var target: SemanticVersion
    /// By source version, oldest first.
    public var plans: [SourcePlan]
    /// By source version, oldest first.
    public var notMigratable: [NotMigratable]

    public init(process: String, engine: Engine, target: SemanticVersion, plans: [SourcePlan], notMigratable: [NotMigratable]) {
        self.process = process
        self.engine = engine
        self.target = target
        self.plans = plans
        self.notMigratable = notMigratable
    }
}
