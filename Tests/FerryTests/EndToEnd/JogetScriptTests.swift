import Foundation
import Testing

/// `ferry plan --emit joget-sh` run against a fake Joget: the calls it makes, its journal, and
/// how it stops on Joget's silent failures. Needs `sh` and `curl`.
@Suite("joget-sh against a fake Joget", .serialized, .enabled(if: ScriptRun.has("curl") && ScriptRun.has("sh")))
struct JogetScriptTests {
    static let definition = "app:latest:p"
    static let activities: Set<String> = ["review", "ship", "bill"]
    static let password = #"pa"ss\w$rd 'x'"#

    /// Every call of a complete migration of the fixture's inventory, in order.
    static let fullRun = [
        "POST /jw/web/json/workflow/process/start/app:latest:p recordId=rec 1 'x'&var_amount=120.50&var_migrated=yes&var_note=\(JogetPlanFixture.note)",
        "POST /jw/web/json/monitoring/activity/start/301_app_p/review abortCurrent=true",
        "POST /jw/web/json/workflow/process/start/app:latest:p var_migrated=yes",
        "POST /jw/web/json/monitoring/activity/start/302_app_p/bill abortCurrent=true",
        "POST /jw/web/json/monitoring/activity/start/302_app_p/ship abortCurrent=false",
        "POST /jw/web/json/workflow/process/start/app:latest:p recordId=r4&var_migrated=yes",
        "POST /jw/web/json/monitoring/activity/start/303_app_p/review abortCurrent=true",
        "POST /jw/web/json/monitoring/activity/start/303_app_p/bill abortCurrent=false",
        "POST /jw/web/json/monitoring/activity/start/303_app_p/ship abortCurrent=false",
    ]

    private func environment(_ server: FakeJogetServer, journal: String?) -> [String: String] {
        var environment = ["JOGET_URL": server.baseURL + "/", "JOGET_USER": "admin", "JOGET_PASSWORD": Self.password]
        if let journal { environment["FERRY_JOURNAL"] = journal }
        return environment
    }

    @Test func migratesEveryInstanceInOrderAndASecondRunCallsNothing() throws {
        let fixture = try JogetPlanFixture()
        let script = try fixture.writeScript()
        let server = try FakeJogetServer(whitelist: [Self.definition], activities: Self.activities)
        defer { server.stop() }
        let journal = fixture.folder.url.appendingPathComponent("journal").path

        let first = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr == "")
        #expect(server.calls.map(\.description) == Self.fullRun)
        #expect(server.calls[0].parameters["var_note"] == JogetPlanFixture.note)
        let credentials = Data("admin:\(Self.password)".utf8).base64EncodedString()
        #expect(server.calls.allSatisfy { $0.authorization == "Basic \(credentials)" })
        #expect(first.stdout.contains("ferry-migrate: 303_app_p: not started: every activity it waits in is skipped\n"))
        #expect(first.stdout.hasSuffix("ferry-migrate: all done: 3 instances migrated to 1.1.0, 1 not started (every activity it waits in is skipped)\n"))

        let odd = "304%20app%27s%20%22odd%22%20%24id"
        #expect(try String(contentsOfFile: journal, encoding: .utf8) == """
            started 301_app_p 301_app_p
            activity 301_app_p review
            done 301_app_p
            started 302_app_p 302_app_p
            activity 302_app_p bill
            activity 302_app_p ship
            done 302_app_p
            started \(odd) 303_app_p
            activity \(odd) review
            activity \(odd) bill
            activity \(odd) ship
            done \(odd)

            """)

        let second = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(server.calls.count == Self.fullRun.count)
    }

    @Test func aRerunAfterAFailureResumesWithoutStartingAnInstanceTwice() throws {
        let fixture = try JogetPlanFixture()
        let script = try fixture.writeScript()
        let server = try FakeJogetServer(whitelist: [Self.definition], activities: Self.activities)
        defer { server.stop() }
        let journal = fixture.folder.url.appendingPathComponent("journal").path

        // The 4th call, activity/start of 'bill' on the second instance (split targets go in id
        // order), fails with HTTP 500.
        server.failCall(4)
        let failed = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("ferry-migrate: 302_app_p: activity/start of bill on 302_app_p failed (see curl's message above)\n"))
        #expect(failed.stderr.contains("500"))
        #expect(server.calls.map(\.description) == Array(Self.fullRun.prefix(3)) + [Self.fullRun[3] + " (failed)"])

        server.failCall(nil)
        let resumed = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("ferry-migrate: 302_app_p: continuing on 302_app_p, started before\n"))
        // No second process/start for 302_app_p: the rest of its steps on its recorded id, then the others.
        #expect(server.calls(after: 4).map(\.description) == Array(Self.fullRun.dropFirst(3)))
        let starts = server.calls.filter { $0.path.contains("/process/start/") && !$0.failed }
        #expect(starts.count == 3)
    }

    @Test func aFailedProcessStartIsTriedAgainOnTheNextRun() throws {
        let fixture = try JogetPlanFixture()
        let script = try fixture.writeScript()
        let server = try FakeJogetServer(whitelist: [Self.definition], activities: Self.activities)
        defer { server.stop() }
        let journal = fixture.folder.url.appendingPathComponent("journal").path

        server.failCall(1)
        let failed = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("ferry-migrate: 301_app_p: process/start failed (see curl's message above)\n"))
        #expect(try String(contentsOfFile: journal, encoding: .utf8) == "")

        server.failCall(nil)
        let resumed = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(server.calls(after: 1).count == Self.fullRun.count)
    }

    @Test func anEmptyProcessIdStopsTheScript() throws {
        let fixture = try JogetPlanFixture()
        let script = try fixture.writeScript()
        // The definition is not on the whitelist: Joget answers HTTP 200 with an empty processId.
        let server = try FakeJogetServer(whitelist: [], activities: Self.activities)
        defer { server.stop() }
        let journal = fixture.folder.url.appendingPathComponent("journal").path

        let output = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("ferry-migrate: 301_app_p: Joget started no process (empty processId): is the process on the whitelist of admin, and is the target version published? Response: {"))
        #expect(server.calls.count == 1)
        #expect(try String(contentsOfFile: journal, encoding: .utf8) == "")
    }

    @Test func resultFalseStopsTheScriptAndTheRerunContinuesThere() throws {
        let fixture = try JogetPlanFixture()
        let script = try fixture.writeScript()
        // 'ship' is not an activity Joget knows: activity/start answers HTTP 200 with result false.
        let server = try FakeJogetServer(whitelist: [Self.definition], activities: ["review", "bill"])
        defer { server.stop() }
        let journal = fixture.folder.url.appendingPathComponent("journal").path

        let output = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("ferry-migrate: 302_app_p: Joget did not start activity ship on 302_app_p (result is not true): is it an activity of the target version? Response: {"))
        #expect(server.calls.map(\.description) == Array(Self.fullRun.prefix(5)))

        server.setActivities(Self.activities)
        let resumed = try ScriptRun.run(script, environment: environment(server, journal: journal))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(server.calls(after: 5).map(\.description) == Array(Self.fullRun.dropFirst(4)))
    }

    @Test func theJournalDefaultsToTheScriptsPathAndMissingSettingsAreNamed() throws {
        let fixture = try JogetPlanFixture()
        let script = try fixture.writeScript()
        let server = try FakeJogetServer(whitelist: [Self.definition], activities: Self.activities)
        defer { server.stop() }

        let output = try ScriptRun.run(script, environment: environment(server, journal: nil))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(FileManager.default.fileExists(atPath: script + ".journal"))

        let unset = try ScriptRun.run(script, environment: ["JOGET_USER": "admin", "JOGET_PASSWORD": "x"])
        #expect(unset.status != 0)
        #expect(unset.stderr.contains("JOGET_URL"))
        #expect(unset.stderr.contains("set JOGET_URL to the Joget server"))
        #expect(server.calls.count == Self.fullRun.count)
    }

    @Test func theScriptIsValidShAndPassesShellcheckWhereItIsInstalled() throws {
        let fixture = try JogetPlanFixture()
        let script = try fixture.writeScript()
        let syntax = try ScriptRun.command("/bin/sh", ["-n", script])
        #expect(syntax.status == 0, "\(syntax.stderr)")
        if ScriptRun.has("shellcheck") {
            let check = try ScriptRun.command("shellcheck", ["--shell=sh", script])
            #expect(check.status == 0, "\(check.stdout)")
        }
    }
}
