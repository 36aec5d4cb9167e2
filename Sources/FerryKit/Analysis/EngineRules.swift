/// The rules each engine applies to a whole migration, in the engine's order, followed by the
/// warnings about mappings the engine accepts but that are unlikely to mean what they say.
public enum EngineRules {
    public static func rules(for engine: Engine) -> [any MigrationRule] {
        engineRules(for: engine) + MappingWarnings.rules(for: engine)
    }

    private static func engineRules(for engine: Engine) -> [any MigrationRule] {
        switch engine {
        case .camunda7: [
            SameTypeRule(), Camunda7SameEventTypeRule(), Camunda7MultiInstanceRules(), Camunda7GatewayRule(),
            Camunda7EventScopeRule(), Camunda7EventTriggerRules(), Camunda7ScopeHierarchyRule(),
        ]
        case .camunda8: Camunda8Rules.all
        case .joget: JogetRules.all
        }
    }
}
