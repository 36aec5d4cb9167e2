import Foundation
import Testing

@Suite("ferry inspect, end to end")
struct InspectCommandTests {
    @Test func textShowsTheElementTreeOfTheExample() throws {
        let output = try FerryProcess.run(["inspect", "plans/invoice/definitions/invoice-1.2.0.bpmn"], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        try GoldenFile.expect(output.stdout, matches: "inspect.invoice-1.2.0.txt")
    }

    @Test func jsonHasExactlyTheDocumentedKeys() throws {
        let output = try FerryProcess.run(["inspect", "plans/invoice/definitions/invoice-1.3.0.bpmn", "--format", "json"], in: repositoryRoot)
        #expect(output.status == 0)
        let schemaData = try Data(contentsOf: repositoryRoot.appendingPathComponent("grammar/inspect.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        let definitions = try #require(schema["definitions"] as? [String: Any])
        func required(_ name: String) throws -> Set<String> {
            let definition = try #require(definitions[name] as? [String: Any])
            return Set(try #require(definition["required"] as? [String]))
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == Set(try #require(schema["required"] as? [String])))
        #expect(json["file"] as? String == "plans/invoice/definitions/invoice-1.3.0.bpmn")
        let processes = try #require(json["processes"] as? [[String: Any]])
        let process = try #require(processes.first)
        #expect(Set(process.keys) == (try required("process")))
        #expect(process["engine"] as? String == "camunda7")
        #expect(process["version"] as? String == "1.3.0")
        let elements = try #require(process["elements"] as? [[String: Any]])
        let elementKeys = try required("element")
        for element in elements {
            #expect(Set(element.keys) == elementKeys)
        }
        let review = try #require(elements.first { $0["id"] as? String == "reviewInvoice" })
        #expect(review["kind"] as? String == "userTask")
        #expect(review["waitState"] as? Bool == true)
        #expect(review["flowScope"] is NSNull)
        #expect(review["camunda7Behavior"] as? String == "UserTaskActivityBehavior")
        let reminder = try #require(elements.first { $0["id"] as? String == "reviewInvoiceReminder" })
        #expect(reminder["eventScope"] as? String == "reviewInvoice")
        #expect(reminder["eventDefinition"] as? String == "timer")
    }

    @Test func problemsGoToStandardErrorAndSetTheExitStatus() throws {
        let folder = try TemporaryFolder()
        try folder.write("x.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:process id="p"><bpmn:userTask id="a" /></bpmn:process>
            </bpmn:definitions>
            """)
        let output = try FerryProcess.run(["inspect", "x.bpmn"], in: folder.url)
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("x.bpmn:2:3: error[FD005]: process 'p' has no version\n"))
        #expect(output.stdout.contains("process p (Camunda 7, version missing)"))
    }

    @Test func missingFileIsAnError() throws {
        let folder = try TemporaryFolder()
        let output = try FerryProcess.run(["inspect", "nope.bpmn"], in: folder.url)
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("nope.bpmn:1:1: error[FI001]: cannot read file: "))
    }
}
