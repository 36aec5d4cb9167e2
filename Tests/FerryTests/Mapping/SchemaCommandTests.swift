import Foundation
import Testing

@Suite("ferry schema, end to end")
struct SchemaCommandTests {
    @Test func printsTheMappingSchemaFile() throws {
        let output = try FerryProcess.run(["schema"], in: repositoryRoot)
        #expect(output.status == 0)
        #expect(output.stderr == "")
        let file = String(decoding: try Data(contentsOf: repositoryRoot.appendingPathComponent("grammar/mapping.schema.json")), as: UTF8.self)
        #expect(output.stdout == file)
    }

    @Test func printedSchemaWorksFromAnyFolder() throws {
        // Built in, not read from the repository: the same bytes from a folder without grammar/.
        let folder = try TemporaryFolder()
        let output = try FerryProcess.run(["schema"], in: folder.url)
        #expect(output.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        #expect(json?["title"] as? String == "ferry mapping file, grammar version 1")
    }

    @Test func isListedInHelp() throws {
        let output = try FerryProcess.run(["--help"], in: repositoryRoot)
        #expect(output.stdout.contains("schema"))
    }
}
