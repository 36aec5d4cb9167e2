import ArgumentParser
import FerryDiagnostics
import FerryKit
import Foundation

extension DiffFormat: ExpressibleByArgument {}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show reviewers what a version change does to running instances.",
        discussion: """
            Compares FROM with TO (default: the oldest version of TO's major and the newest \
            version; one hop or a chain of hops alike): where the instances waiting in each wait \
            state of FROM go and why, the findings to review first (skips, merges, scope moves, \
            updated triggers, variables, warnings), and the definition changes of every hop.

            Markdown is for pull requests and job summaries (kept under GitHub's 65,536 \
            characters by folding away routine rows, never risks), text for the terminal, JSON \
            for tools (grammar/diff.schema.json). The report is written even when the plan \
            directory has errors; they are listed in it, printed on standard error, and the exit \
            status is 1.
            """
    )

    @Argument(help: "The plan directory (a folder with a 'definitions/' folder).")
    var directory: String

    @Argument(help: "The version instances are on (MAJOR.MINOR.PATCH).")
    var from: String?

    @Argument(help: "The version they move to (MAJOR.MINOR.PATCH).")
    var to: String?

    @Option(help: "Output format: markdown, text or json.")
    var format: DiffFormat = .markdown

    @Option(help: "The process id, when the directory holds several processes.")
    var process: String?

    @Option(name: .customShort("o"), help: ArgumentHelp("Write to this file, atomically, instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Colour: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        try Console.guardingInternalErrors {
            let plan: PlanDirectory = try Console.orUsageFailure { () throws(UsageError) in try PlanDiscovery().planDirectory(at: directory) }
            let checker = Checker()
            let loaded = checker.load(plan)
            var report = loaded.report
            let history: ProcessHistory
            do throws(UsageError) {
                history = try DiffSelection.history(process, in: loaded)
            } catch {
                printFindings(report)
                throw Console.usageFailure(error)
            }
            let versions: (from: SemanticVersion, to: SemanticVersion)
            do throws(UsageError) {
                versions = try DiffSelection.versions(from: from, to: to, in: history)
            } catch {
                throw Console.usageFailure(error)
            }
            let composed = PlanComposer().compose(
                history,
                selection: PlanComposer.Selection(from: versions.from, to: versions.to),
                alreadyReported: report.diagnostics
            )
            report.add(contentsOf: composed.diagnostics)
            checker.registerSources(quotedBy: &report, in: plan)
            let findings = report.diagnostics.filter { Self.concerns($0, history) }
            let diff = DiffReport(
                history: history, from: versions.from, to: versions.to, composed: composed.plan,
                findings: findings, planDirectory: plan.path
            )
            let text = diff.render(format, colors: format == .text && output == nil && color.enabled(forStandardError: false))
            if let output {
                do throws(OutputFile.WriteError) {
                    try OutputFile(path: output).write(text)
                } catch {
                    Console.writeError("error: \(error)\n")
                    throw ExitCode(1)
                }
            } else {
                Console.writeOut(text)
            }
            printFindings(report)
            if report.hasErrors { throw ExitCode(1) }
        }
    }

    /// Findings about this process's files (all of them when the directory holds one process).
    private static func concerns(_ diagnostic: Diagnostic, _ history: ProcessHistory) -> Bool {
        let files = Set(history.versions.map(\.file) + history.hops.compactMap { $0.mapping?.path })
        return files.contains(diagnostic.location.file) || !diagnostic.location.file.contains("/definitions/") && !diagnostic.location.file.contains("/mappings/")
    }

    /// Errors and warnings go to standard error; notes alone (a major boundary) are in the report.
    private func printFindings(_ report: DiagnosticReport) {
        guard report.diagnostics.contains(where: { $0.severity != .note }) else { return }
        Console.writeError(HumanRenderer(colors: color.enabled(forStandardError: true)).render(report))
    }
}
