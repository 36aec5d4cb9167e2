import Foundation
import Testing

private let c7Deployed = "Tests/FerryTests/Fixtures/deployed/invoice-camunda7.json"
private let c8Deployed = "Tests/FerryTests/Fixtures/deployed/shipment-camunda8.json"

private func tasks(_ ids: String...) -> String {
    ids.map { #"    <bpmn:userTask id="\#($0)" />"# }.joined(separator: "\n")
}

@Suite("ferry plan --emit camunda7 and camunda8")
struct EngineEmitTests {
    /// Two deployments carry 1.2.0: each gets its own body, both to the one 1.3.0 deployment.
    @Test func camunda7WritesOneExecuteAsyncBodyPerSourceDefinitionId() throws {
        let output = try FerryProcess.run(["plan", "plans/invoice", "--emit", "camunda7", "--deployed", c7Deployed], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        try GoldenFile.expect(output.stdout, matches: "plan.invoice.camunda7.json")
        let again = try FerryProcess.run(["plan", "plans/invoice", "--emit", "camunda7", "--deployed", c7Deployed], in: repositoryRoot)
        #expect(again.stdout == output.stdout)
    }

    @Test func camunda7FlagsGoIntoEveryBody() throws {
        let output = try FerryProcess.run(
            ["plan", "plans/invoice", "--emit", "camunda7", "--deployed", c7Deployed, "--skip-custom-listeners", "--skip-io-mappings"],
            in: repositoryRoot
        )
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let bodies = (document["requests"] as? [[String: Any]] ?? []).compactMap { $0["body"] as? [String: Any] }
        #expect(bodies.count == 2)
        for body in bodies {
            #expect(body["skipCustomListeners"] as? Bool == true)
            #expect(body["skipIoMappings"] as? Bool == true)
        }
    }

    /// A request per source version for one instance, and a batch request per deployment.
    @Test func camunda8WritesAnInstanceRequestAndABatchPerSourceKey() throws {
        let output = try FerryProcess.run(["plan", "plans/shipment", "--emit", "camunda8", "--deployed", c8Deployed], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        try GoldenFile.expect(output.stdout, matches: "plan.shipment.camunda8.json")
    }

    @Test func withoutDeployedTheErrorSaysWhatToPass() throws {
        let output = try FerryProcess.run(["plan", "plans/shipment", "--emit", "camunda8"], in: repositoryRoot)
        #expect(output.status == 64)
        #expect(output.stdout == "")
        #expect(output.stderr == """
            error: --emit camunda8 needs --deployed FILE, the engine's list of deployed definitions of 'shipment', to turn version tags into process definition keys
            help: save it with: curl -s -X POST http://localhost:8080/v2/process-definitions/search -H 'Content-Type: application/json' -d '{"filter": {"processDefinitionId": "shipment"}}' > deployed.json

            """)
    }

    @Test func anEngineFormatForAnotherEngineIsAUsageError() throws {
        let output = try FerryProcess.run(["plan", "plans/invoice", "--emit", "camunda8", "--deployed", c8Deployed], in: repositoryRoot)
        #expect(output.status == 64)
        #expect(output.stderr == "error: --emit camunda8 writes Camunda 8 requests, but the plan directory is for Camunda 7\nhelp: use --emit camunda7\n")
    }

    @Test func aTargetThatIsNotDeployedIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("deployed.json", #"[{"id": "invoice:3:a", "key": "invoice", "version": 3, "versionTag": "1.2.0"}]"#)
        let output = try FerryProcess.run(
            ["plan", repositoryRoot.appendingPathComponent("plans/invoice").path, "--emit", "camunda7", "--deployed", "deployed.json"],
            in: folder.url
        )
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.contains("deployed.json:1:1: error[FE003]: 'deployed.json' lists no deployment of process 'invoice' with version tag 1.3.0, the target"))
    }

    @Test func aSourceThatIsNotDeployedGetsNoRequestAndANote() throws {
        let folder = try TemporaryFolder()
        try folder.write("deployed.json", #"[{"id": "invoice:5:b", "key": "invoice", "version": 5, "versionTag": "1.3.0"}, {"id": "other:1:c", "key": "other", "version": 1, "versionTag": "1.2.0"}]"#)
        let output = try FerryProcess.run(
            ["plan", repositoryRoot.appendingPathComponent("plans/invoice").path, "--emit", "camunda7", "--deployed", "deployed.json"],
            in: folder.url
        )
        #expect(output.status == 0)
        #expect(output.stderr.contains("note[FE004]: 'deployed.json' lists no deployment of process 'invoice' with version tag 1.2.0: no instance runs on it, so no request moves it"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((document["requests"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: [
        ("{}", "it is not an array"),
        ("[1]", "entry 1 is not an object"),
        (#"[{"id": "a", "key": "invoice"}]"#, "entry 1 has no numeric 'version'"),
        ("not json", "it is not JSON"),
    ])
    func aFileThatIsNotTheEnginesListIsReported(text: String, why: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("deployed.json", text)
        let output = try FerryProcess.run(
            ["plan", repositoryRoot.appendingPathComponent("plans/invoice").path, "--emit", "camunda7", "--deployed", "deployed.json"],
            in: folder.url
        )
        #expect(output.status == 1)
        #expect(output.stderr.contains("error[FE005]: 'deployed.json' is not a list of deployed process definitions: \(why)"))
    }

    @Test func camunda8CannotSetVariables() throws {
        let c8 = { (version: String, body: String) in PlanFixture.camunda8(version, body) }
        let folder = try PlanFolder([
            "definitions/a.bpmn": c8("1.0.0", tasks("approve")),
            "definitions/b.bpmn": c8("1.1.0", tasks("approve")),
            "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "variables:\n  set:\n    level: LOW\n"),
        ])
        try folder.folder.write("deployed.json", #"{"items": [{"processDefinitionKey": 1, "processDefinitionId": "p", "version": 1, "versionTag": "1.0.0"}, {"processDefinitionKey": 2, "processDefinitionId": "p", "version": 2, "versionTag": "1.1.0"}]}"#)
        let output = try folder.run(["--emit", "camunda8", "--deployed", "deployed.json"])
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.contains("plans/p/mappings/1.0-to-1.1.yaml:7:5: error[FE006]: Camunda 8 cannot set variables during a migration; 'level' would not be set"))
    }
}
