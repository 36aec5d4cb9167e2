import ArgumentParser
import FerryKit

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of mapping files (grammar version 1).",
        discussion: """
            The schema is the one in grammar/mapping.schema.json, built into this binary. Save it \
            next to your plans and point your editor at it from the first line of a mapping file \
            (yaml-language-server, used by the YAML extension of VS Code and by other editors):

              ferry schema > mapping.schema.json
              # yaml-language-server: $schema=../../mapping.schema.json

            or map it to **/mappings/*.yaml in the editor's yaml.schemas setting.
            """
    )

    func run() throws {
        Console.writeOut(MappingSchema.text)
    }
}
