import ArgumentParser
import FerryDiagnostics
import FerryKit

extension InspectFormat: ExpressibleByArgument {}

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the process model Ferry reads from one definition (BPMN or XPDL).",
        discussion: """
            Prints every flow element of every process in the file, by scope, with its kind, \
            whether an instance can rest there (a wait state) and the engine's behaviour class or \
            element type. Problems in the file are reported on standard error; the exit status is \
            1 when there are errors.
            """
    )

    @Argument(help: "A definition file (*.bpmn or *.xpdl).")
    var file: String

    @Option(help: "Output format: text or json.")
    var format: InspectFormat = .text

    @Option(help: "Colour in diagnostics: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        try Console.guardingInternalErrors {
            let limits = DefinitionReader().limits
            let bytes: [UInt8]
            switch InputReader().read(file, maxBytes: limits.maxBytes, kind: "process definitions") {
            case .success(let read):
                bytes = read
            case .failure(let error):
                Console.writeError(HumanRenderer(colors: color.enabled(forStandardError: true)).render(DiagnosticReport(diagnostics: [error.diagnostic])))
                throw ExitCode(1)
            }
            let source = SourceFile(path: file, bytes: bytes)
            let definition = DefinitionReader().read(source)
            let report = DiagnosticReport(diagnostics: definition.diagnostics, sources: [source])
            if !report.diagnostics.isEmpty {
                Console.writeError(HumanRenderer(colors: color.enabled(forStandardError: true)).render(report))
            }
            Console.writeOut(InspectRenderer(format: format).render(definition))
            if report.hasErrors { throw ExitCode(1) }
        }
    }
}
