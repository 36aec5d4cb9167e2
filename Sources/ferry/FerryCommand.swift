import ArgumentParser
import FerryKit

@main
struct FerryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ferry",
        abstract: "Compile migration plans for running process instances (Camunda 7, Camunda 8, Joget).",
        discussion: """
            Ferry reads the released process definitions (BPMN or XPDL) and one YAML mapping file \
            per minor version increment, checks every mapping against both definitions, and turns \
            the history into migration plans.

            Exit status: 0 no errors, 1 errors reported, 64 usage error, 70 internal error.
            """,
        version: Ferry.version,
        subcommands: [CheckCommand.self, PlanCommand.self, DiffCommand.self, NewCommand.self, InspectCommand.self, ExplainCommand.self, SchemaCommand.self]
    )
}
