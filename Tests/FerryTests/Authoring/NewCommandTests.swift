import Foundation
import Testing

/// `ferry new DIR --from --to`: the mapping file skeleton, its suggestions, and that it never
/// replaces a file without `--force`.
@Suite("ferry new")
struct NewCommandTests {
    /// 1.0: approve (renamed to review, same name), archive (kept), clarify (removed, no good
    /// match), wait (a receive task that becomes a user task).
    static let older = PlanFixture.camunda7("1.0.0", """
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="approve" name="Approve invoice" />
            <bpmn:userTask id="clarify" name="Clarify invoice" />
            <bpmn:userTask id="archive" name="Archive" />
            <bpmn:receiveTask id="wait" name="Wait for payment" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="archive" />
        """)
    static let newer = PlanFixture.camunda7("1.1.0", """
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="review" name="Approve  Invoice" />
            <bpmn:userTask id="archive" name="Archive" />
            <bpmn:userTask id="wait" name="Confirm payment" />
            <bpmn:userTask id="audit" name="Audit" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="archive" />
        """)

    private static func folder(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write("plans/p/" + path, text) }
        try folder.write("grammar/mapping.schema.json", "{}")
        return folder
    }

    @Test func writesTheWaitStatesIdentityCannotCarryWithRankedCandidates() throws {
        let folder = try Self.folder(["definitions/a.bpmn": Self.older, "definitions/b.bpmn": Self.newer])
        let run = try FerryProcess.run(["new", "plans/p", "--from", "1.0", "--to", "1.1"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.stderr == "wrote plans/p/mappings/1.0-to-1.1.yaml: 3 wait states to answer (1 filled in, 2 TODO); run `ferry check` when done\n")
        let written = try String(contentsOf: folder.url.appendingPathComponent("plans/p/mappings/1.0-to-1.1.yaml"), encoding: .utf8)
        #expect(written == """
            # yaml-language-server: $schema=../../../grammar/mapping.schema.json
            #
            # p 1.0.x -> 1.1.x (Camunda 7), written by `ferry new`.
            # Checked against 1.0.0 and 1.1.0; instances on earlier 1.0 releases reach
            # 1.0.0 by identity first.
            #
            # Wait states that keep their id and type are migrated by identity and are not listed.
            # Each entry below is one identity cannot carry. Where a target is written, check it; where
            # an entry reads TODO, map it to the element where its instances continue, or write
            # `{ skip: <reason> }`. `ferry check` fails until no TODO is left.
            ferry: 1
            process: p
            from: 1.0
            to: 1.1

            activities:
              # userTask 'approve' "Approve invoice": not in 1.1.0
              # candidates in 1.1.0, best first:
              #   review   userTask "Approve  Invoice": same kind, same name, same neighbours, same scope, new in 1.1.0
              #   audit    userTask "Audit": same kind, same scope, new in 1.1.0
              #   archive  userTask "Archive": same kind, same scope
              #   wait     userTask "Confirm payment": same kind, same scope
              approve: review

              # userTask 'clarify' "Clarify invoice": not in 1.1.0
              # candidates in 1.1.0, best first:
              #   review   userTask "Approve  Invoice": same kind, same scope, new in 1.1.0
              #   audit    userTask "Audit": same kind, same scope, new in 1.1.0
              #   archive  userTask "Archive": same kind, same scope
              #   wait     userTask "Confirm payment": same kind, same scope
              clarify: TODO

              # receiveTask 'wait' "Wait for payment": a userTask in 1.1.0
              # no element of 1.1.0 can take these instances; skip it with the reason,
              # or let them finish on 1.0.0 before migrating
              wait: TODO

            """)

        // Each TODO is an error at its place until it is answered; then the file checks clean.
        let check = try FerryProcess.run(["check", "plans", "--format", "gnu"], in: folder.url)
        #expect(check.status == 1)
        let todos = check.stdout.split(separator: "\n").filter { $0.contains("error:") }
        #expect(todos == [
            "plans/p/mappings/1.0-to-1.1.yaml:31:12: error: entry 'clarify' is still TODO [FM019]",
            "plans/p/mappings/1.0-to-1.1.yaml:36:9: error: entry 'wait' is still TODO [FM019]",
        ])
        let answered = written
            .replacingOccurrences(of: "clarify: TODO", with: "clarify: audit")
            .replacingOccurrences(of: "wait: TODO", with: "wait: { skip: paid by hand on 1.0.0 }")
        try folder.write("plans/p/mappings/1.0-to-1.1.yaml", answered)
        let clean = try FerryProcess.run(["check", "plans"], in: folder.url)
        #expect(clean.status == 0)
    }

    @Test func neverReplacesAFileWithoutForce() throws {
        let folder = try Self.folder([
            "definitions/a.bpmn": Self.older, "definitions/b.bpmn": Self.newer,
            "mappings/1.0-to-1.1.yaml": "# mine\n",
        ])
        let refused = try FerryProcess.run(["new", "plans/p", "--from", "1.0", "--to", "1.1"], in: folder.url)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("error: 'plans/p/mappings/1.0-to-1.1.yaml' exists; it is not replaced"))
        let path = folder.url.appendingPathComponent("plans/p/mappings/1.0-to-1.1.yaml").path
        #expect(FileManager.default.contents(atPath: path) == Data("# mine\n".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("plans/p/mappings").path)
        #expect(leftovers == ["1.0-to-1.1.yaml"])

        let forced = try FerryProcess.run(["new", "plans/p", "--from", "1.0", "--to", "1.1", "--force"], in: folder.url)
        #expect(forced.status == 0)
        #expect(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self).hasPrefix("# yaml-language-server"))
    }

    @Test func whenIdentityCarriesEverythingTheFileHasNoEntries() throws {
        let same = PlanFixture.camunda7("1.0.0", #"<bpmn:userTask id="approve" />"#)
        let folder = try Self.folder([
            "definitions/a.bpmn": same,
            "definitions/b.bpmn": same.replacingOccurrences(of: "1.0.0", with: "1.1.0"),
        ])
        let gap = try FerryProcess.run(["check", "plans"], in: folder.url)
        #expect(gap.stderr.contains("help: run `ferry new plans/p --from 1.0 --to 1.1` to write mappings/1.0-to-1.1.yaml"))
        let run = try FerryProcess.run(["new", "plans/p", "--from", "1.0", "--to", "1.1"], in: folder.url)
        #expect(run.stderr == "wrote plans/p/mappings/1.0-to-1.1.yaml: identity carries every wait state; nothing to map\n")
        let written = try String(contentsOf: folder.url.appendingPathComponent("plans/p/mappings/1.0-to-1.1.yaml"), encoding: .utf8)
        #expect(written.contains("# accept it, so identity migrates every instance: there is nothing to map.\n"))
        #expect(written.hasSuffix("ferry: 1\nprocess: p\nfrom: 1.0\nto: 1.1\n"))
        #expect(try FerryProcess.run(["check", "plans"], in: folder.url).status == 0)
    }

    @Test(arguments: [
        (["--from", "1", "--to", "1.1"], "error: --from '1' is not MAJOR.MINOR"),
        (["--from", "1.0", "--to", "2.0"], "error: --from 1.0 and --to 2.0 are in different majors"),
        (["--from", "1.1", "--to", "1.0"], "error: --to 1.0 is not after --from 1.1"),
        (["--from", "1.0", "--to", "1.2"], "error: no definition of p 1.2.x in 'plans/p'"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let folder = try Self.folder(["definitions/a.bpmn": Self.older, "definitions/b.bpmn": Self.newer])
        let run = try FerryProcess.run(["new", "plans/p"] + arguments, in: folder.url)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix(message))
    }

    @Test func aMinorInBetweenIsNamed() throws {
        let folder = try Self.folder([
            "definitions/a.bpmn": Self.older,
            "definitions/b.bpmn": Self.newer,
            "definitions/c.bpmn": Self.newer.replacingOccurrences(of: "1.1.0", with: "1.2.0"),
        ])
        let run = try FerryProcess.run(["new", "plans/p", "--from", "1.0", "--to", "1.2"], in: folder.url)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("error: 1.1 lies between 1.0 and 1.2; a mapping file covers one increment"))
    }
}
