import Foundation

/// A Joget plan directory `plans/p` (package `app`, process `p`) with an instance inventory, in
/// a temporary folder, for the `joget` and `joget-sh` emitters.
///
/// 1.0.0 has the normal activities `approve`, `ship_and_bill` and `legacy`; 1.1.0 has `review`,
/// `ship` and `bill`. The mapping renames `approve` to `review`, splits `ship_and_bill` into
/// `ship` and `bill`, skips `legacy`, and sets the variable `migrated`.
struct JogetPlanFixture {
    let folder: TemporaryFolder

    static let older = definition("1.0.0", normal("approve") + normal("ship_and_bill") + normal("legacy"), variables: ["amount", "note"])
    static let newer = definition("1.1.0", normal("review") + normal("ship") + normal("bill"), variables: ["amount", "migrated", "note"])
    static let mapping = PlanFixture.mapping("1.0", "1.1", """
        activities:
          approve: review
          ship_and_bill:
            to: [ship, bill]
          legacy:
            skip: Retired in 1.1; finished by hand
        variables:
          set:
            migrated: "yes"

        """)

    /// Four instances: one renamed with awkward variable values, one split, one skipped, and one
    /// with an awkward id waiting in two activities.
    static let inventory = #"""
        {"instances": [
          {"id": "301_app_p", "version": "1.0.0", "activities": ["approve"],
           "variables": {"note": "it's \"$HOME\" `date` \\ & = + %20 ü\nline 2", "amount": 120.50},
           "recordId": "rec 1 'x'"},
          {"id": "302_app_p", "version": "1.0.0", "activities": ["ship_and_bill"]},
          {"id": "303_app_p", "version": "1.0.0", "activities": ["legacy"], "recordId": "r3"},
          {"id": "304 app's \"odd\" $id", "version": "1.0.0", "activities": ["approve", "ship_and_bill"],
           "variables": {"migrated": "overridden by the plan"}, "recordId": "r4"}
        ]}

        """#

    /// The awkward variable of the first instance, as Joget must receive it.
    static let note = "it's \"$HOME\" `date` \\ & = + %20 ü\nline 2"

    init(files: [String: String] = [:], inventory: String = Self.inventory) throws {
        folder = try TemporaryFolder()
        var all = [
            "plans/p/definitions/a.xpdl": Self.older,
            "plans/p/definitions/b.xpdl": Self.newer,
            "plans/p/mappings/1.0-to-1.1.yaml": Self.mapping,
            "plans/p/instances.json": inventory,
        ]
        all.merge(files) { _, new in new }
        for (path, text) in all { try folder.write(path, text) }
    }

    /// `ferry plan plans/p --emit EMIT --instances plans/p/instances.json` and more arguments.
    func run(_ emit: String, _ extra: [String] = []) throws -> FerryProcess.Output {
        try FerryProcess.run(["plan", "plans/p", "--emit", emit, "--instances", "plans/p/instances.json"] + extra, in: folder.url)
    }

    /// Writes the `joget-sh` script to `plans/p/migrate.sh` and returns its path.
    func writeScript(_ extra: [String] = []) throws -> String {
        let output = try run("joget-sh", ["-o", "plans/p/migrate.sh"] + extra)
        guard output.status == 0 else { throw FixtureError.ferryFailed(output.stderr) }
        return folder.url.appendingPathComponent("plans/p/migrate.sh").path
    }

    enum FixtureError: Error {
        case ferryFailed(String)
    }

    // MARK: XPDL

    /// An XPDL 1.0 package `app` with process `p` at `version`, its workflow variables and
    /// activities.
    static func definition(_ version: String, _ activities: String, variables: [String] = [], transitions: String = "") -> String {
        let fields = variables.map {
            #"        <xpdl:DataField Id="\#($0)" IsArray="FALSE"><xpdl:DataType><xpdl:BasicType Type="STRING"/></xpdl:DataType></xpdl:DataField>"#
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <xpdl:Package xmlns:xpdl="http://www.wfmc.org/2002/XPDL1.0" Id="app" Name="App">
              <xpdl:PackageHeader><xpdl:XPDLVersion>1.0</xpdl:XPDLVersion></xpdl:PackageHeader>
              <xpdl:Script Type="text/javascript"/>
              <xpdl:WorkflowProcesses>
                <xpdl:WorkflowProcess Id="p" Name="P">
                  <xpdl:RedefinableHeader><xpdl:Version>\(version)</xpdl:Version></xpdl:RedefinableHeader>
                  <xpdl:DataFields>
            \(fields)
                  </xpdl:DataFields>
                  <xpdl:Activities>
            \(activities)
                  </xpdl:Activities>
                  <xpdl:Transitions>
            \(transitions)
                  </xpdl:Transitions>
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

    static func transition(_ id: String, from: String, to: String) -> String {
        #"        <xpdl:Transition Id="\#(id)" From="\#(from)" To="\#(to)"/>"# + "\n"
    }
}

/// Runs a generated `sh` script as an operator would, with a watchdog.
enum ScriptRun {
    typealias Output = FerryProcess.Output

    /// `sh SCRIPT` with `environment` over a clean one (PATH, HOME, no proxies).
    static func run(_ script: String, environment: [String: String]) throws -> Output {
        try command("/bin/sh", [script], environment: environment)
    }

    /// `executable` (a path, or a name looked up on the PATH) with `arguments`.
    static func command(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        var env = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": FileManager.default.temporaryDirectory.path,
            "NO_PROXY": "*",
            "no_proxy": "*",
            "LC_ALL": "C.UTF-8",
        ]
        env.merge(environment) { _, new in new }
        process.environment = env
        return try FerryProcess.capture(process, timeout: 60)
    }

    /// Whether `command` is on the PATH.
    static func has(_ command: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(command)")
        }
    }
}
