import Testing

/// Joget's rules: the same activity type, and a target the instance can wait in.
@Suite("Rules: Joget")
struct JogetRulesTests {
    /// An XPDL 1.0 package `app` with process `p` at `version` holding the given activities.
    static func definition(_ version: String, _ activities: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xpdl:Package xmlns:xpdl="http://www.wfmc.org/2002/XPDL1.0" Id="app" Name="App">
          <xpdl:PackageHeader><xpdl:XPDLVersion>1.0</xpdl:XPDLVersion></xpdl:PackageHeader>
          <xpdl:Script Type="text/javascript"/>
          <xpdl:WorkflowProcesses>
            <xpdl:WorkflowProcess Id="p" Name="P">
              <xpdl:RedefinableHeader><xpdl:Version>\(version)</xpdl:Version></xpdl:RedefinableHeader>
              <xpdl:Activities>
        \(activities)
              </xpdl:Activities>
            </xpdl:WorkflowProcess>
          </xpdl:WorkflowProcesses>
        </xpdl:Package>

        """
    }

    static func normal(_ id: String) -> String {
        #"        <xpdl:Activity Id="\#(id)"><xpdl:Implementation><xpdl:No/></xpdl:Implementation></xpdl:Activity>"# + "\n"
    }

    static func tool(_ id: String) -> String {
        #"        <xpdl:Activity Id="\#(id)"><xpdl:Implementation><xpdl:Tool Id="default_application"/></xpdl:Implementation></xpdl:Activity>"# + "\n"
    }

    static func route(_ id: String) -> String {
        #"        <xpdl:Activity Id="\#(id)"><xpdl:Route/></xpdl:Activity>"# + "\n"
    }

    static func subflow(_ id: String) -> String {
        #"        <xpdl:Activity Id="\#(id)"><xpdl:Implementation><xpdl:SubFlow Id="child" Execution="SYNCHR"/></xpdl:Implementation></xpdl:Activity>"# + "\n"
    }

    static func hop(_ older: String, _ newer: String, activities: String) throws -> PlanFixture {
        try PlanFixture([
            "definitions/a.xpdl": definition("1.0.0", older),
            "definitions/b.xpdl": definition("1.1.0", newer),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n" + activities),
        ])
    }

    @Test func aTargetThatIsAToolOrARouteIsRefused() throws {
        let plan = try Self.hop(
            Self.normal("verify") + Self.normal("query"),
            Self.tool("auto_verify") + Self.route("decide"),
            activities: "  verify: 1️⃣auto_verify\n  query: 2️⃣decide\n"
        )
        // Both change type too (normal to tool, normal to route).
        #expect(try plan.findings() == [
            "1.0-to-1.1.yaml 1️⃣ FR004", "1.0-to-1.1.yaml 1️⃣ FR006",
            "1.0-to-1.1.yaml 2️⃣ FR004", "1.0-to-1.1.yaml 2️⃣ FR006",
        ])
        #expect(try plan.humanOutput().contains("'auto_verify' is a tool activity (activity/start runs it at once)"))
    }

    @Test func aSplitNeedsEveryTargetToHoldTheInstance() throws {
        let plan = try Self.hop(
            Self.normal("ship_and_bill"),
            Self.normal("ship") + Self.tool("bill"),
            activities: "  ship_and_bill:\n    to: [ship, 1️⃣bill]\n"
        )
        #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR004", "1.0-to-1.1.yaml 1️⃣ FR006"])
    }

    @Test func normalAndSubFlowTargetsHoldTheInstance() throws {
        let plan = try Self.hop(
            Self.normal("verify") + Self.subflow("audit") + Self.normal("ship_and_bill"),
            Self.normal("review") + Self.subflow("external_audit") + Self.normal("ship") + Self.normal("bill"),
            activities: "  verify: review\n  audit: external_audit\n  ship_and_bill:\n    to: [ship, bill]\n"
        )
        #expect(try plan.findings() == [])
    }

    @Test func aPatchKeepsEveryWaitingActivityByIdAndType() throws {
        let plan = try PlanFixture([
            "definitions/a.xpdl": Self.definition("1.0.0", Self.normal("verify") + Self.tool("notify")),
            "definitions/b.xpdl": Self.definition("1.0.1", Self.normal("verify") + Self.route("notify")),
        ])
        // notify held nothing (a tool): changing it needs no mapping; verify kept id and type.
        #expect(try plan.findings() == [])
    }
}
