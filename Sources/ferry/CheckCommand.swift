import ArgumentParser
import FerryKit

extension DiagnosticFormat: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check plan directories: mapping files and process definitions.",
        discussion: """
            Finds every plan directory (a folder with a 'definitions/' folder) below the given \
            paths and reports every problem in its files with file:line:column and a stable code. \
            'ferry explain CODE' describes a code.

            The human format goes to standard error; gnu, json, github and sarif go to standard \
            output.
            """
    )

    @Argument(help: "Plan directories, folders holding them, or files inside one (default: the current folder).")
    var paths: [String] = []

    @Option(help: "Output format: \(DiagnosticFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: DiagnosticFormat = .human

    @Flag(help: "Treat warnings as errors: they set exit status 1.")
    var warningsAsErrors = false

    @Option(help: "Colour in the human format: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        try Console.guardingInternalErrors {
            let plans: [PlanDirectory]
            do throws(UsageError) {
                plans = try PlanDiscovery().planDirectories(under: paths)
            } catch {
                throw Console.usageFailure(error)
            }
            var result = Checker().check(plans)
            if warningsAsErrors {
                result.report = result.report.promotingWarnings()
            }
            let renderer = format.renderer(colors: color.enabled(forStandardError: true))
            let output = renderer.render(result.report)
            if format.writesToStandardOutput {
                Console.writeOut(output)
            } else {
                Console.writeError(output)
                Console.writeError(CheckSummary.line(for: result) + "\n")
            }
            if result.report.hasErrors {
                throw ExitCode(1)
            }
        }
    }
}
