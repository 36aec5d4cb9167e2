import ArgumentParser
import FerryDiagnostics
import FerryKit
import Foundation

/// `--emit`: what `ferry plan` writes.
enum PlanEmitChoice: String, ExpressibleByArgument, CaseIterable {
    case json
    case joget
    case jogetSh = "joget-sh"
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Compose the migration plans of one plan directory.",
        discussion: """
            Checks the plan directory as 'ferry check' does, then composes the hops from every \
            source version to its target (the newest version of the source's major, or --to) \
            into one plan per source, with the provenance of every instruction, and checks each \
            composed plan again with the engine's rules. Problems are reported on standard error \
            with exit status 1, and nothing is written.

            The plan goes to standard output, or atomically to the file given with -o. With \
            --check FILE nothing is written: Ferry compares FILE with the plan it would write and \
            exits with status 1 and a unified diff when they differ, so that CI keeps committed \
            plans fresh.

            --emit joget writes the Joget JSON-API steps (process/start, then activity/start) \
            that migrate each running instance listed in --instances FILE; --emit joget-sh \
            writes the same steps as a POSIX sh script with curl that stops at the first failure \
            and keeps a journal, so that it can be run again.
            """
    )

    @Argument(help: "The plan directory (a folder with a 'definitions/' folder).")
    var directory: String

    @Option(help: "Only the plan for this source version (MAJOR.MINOR.PATCH).")
    var from: String?

    @Option(help: "The target version (default: the newest version of each source's major).")
    var to: String?

    @Option(help: "What to write: \(PlanEmitChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var emit: PlanEmitChoice = .json

    @Option(help: ArgumentHelp("For --emit joget and joget-sh: the running instances to migrate (JSON, grammar/joget-instances.schema.json).", valueName: "file"))
    var instances: String?

    @Option(help: ArgumentHelp("For --emit joget and joget-sh: Joget's package version (Shark's integer, not the app version) in process definition ids, instead of 'latest'.", valueName: "n"))
    var jogetPackageVersion: Int?

    @Option(name: .customShort("o"), help: ArgumentHelp("Write to this file, atomically, instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Write nothing; exit 1 with a unified diff when this file is not what would be written.", valueName: "file"))
    var check: String?

    @Option(help: "Colour in diagnostics: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if output != nil && check != nil {
            throw ValidationError("-o and --check cannot be used together: --check compares, -o writes")
        }
        try validateJogetOptions()
    }

    func run() throws {
        try Console.guardingInternalErrors {
            let plan: PlanDirectory
            do throws(UsageError) {
                plan = try PlanDiscovery().planDirectory(at: directory)
            } catch {
                throw Console.usageFailure(error)
            }
            let checker = Checker()
            let loaded = checker.load(plan)
            var report = loaded.report
            guard !report.hasErrors else { throw failing(report) }
            let history: ProcessHistory
            switch loaded.singleProcess() {
            case .success(let single):
                history = single
            case .failure(let error):
                report.add(error.diagnostic)
                checker.registerSources(quotedBy: &report, in: plan)
                throw failing(report)
            }
            let selection: PlanComposer.Selection
            do throws(UsageError) {
                selection = try PlanComposer.Selection(from: from, to: to, in: history)
            } catch {
                throw Console.usageFailure(error)
            }
            if let output {
                try refuseToOverwriteInput(output, loaded)
            }

            let composed = PlanComposer().compose(history, selection: selection, alreadyReported: report.diagnostics)
            report.add(contentsOf: composed.diagnostics)
            checker.registerSources(quotedBy: &report, in: plan)
            guard !report.hasErrors else { throw failing(report) }
            if emitsJoget {
                try emitJoget(composed.plan, history: history, loaded: loaded, selection: selection, report: report, checker: checker)
                return
            }
            printFindings(report)

            let emitter = PlanJSONEmitter()
            if let check {
                try compare(emitter.emit(composed.plan, inputs: loaded.inputs, planDirectory: plan.path), with: check)
            } else if let output {
                do throws(OutputFile.WriteError) {
                    try OutputFile(path: output).write { sink throws(OutputFile.WriteError) in
                        try emitter.emit(composed.plan, inputs: loaded.inputs, planDirectory: plan.path, into: sink)
                    }
                } catch {
                    Console.writeError("error: \(error)\n")
                    throw ExitCode(1)
                }
            } else {
                emitter.emit(composed.plan, inputs: loaded.inputs, planDirectory: plan.path) { chunk in
                    FileHandle.standardOutput.write(Data(chunk))
                }
            }
        }
    }

    /// Prints the findings (warnings, or errors with them) and gives the exit status for errors.
    func failing(_ report: DiagnosticReport) -> ExitCode {
        printFindings(report)
        return ExitCode(1)
    }

    func printFindings(_ report: DiagnosticReport) {
        guard !report.diagnostics.isEmpty else { return }
        Console.writeError(HumanRenderer(colors: color.enabled(forStandardError: true)).render(report))
    }

    /// `-o` naming one of the files the plan is compiled from is a slip of the keyboard that
    /// would destroy a definition or mapping file: a usage error.
    private func refuseToOverwriteInput(_ output: String, _ loaded: LoadedPlan) throws {
        func identity(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        let destination = identity(output)
        if loaded.inputs.contains(where: { identity($0.path) == destination }) {
            throw Console.usageFailure(UsageError(
                "-o '\(output)' is one of the plan's input files",
                help: "write the plan beside the plan directory's folders, e.g. '\(RelativeOutput.suggestion(for: loaded.directory.path))'"
            ))
        }
    }

    /// `--check FILE`: silent when FILE is what would be written, else a unified diff on standard
    /// output and exit status 1.
    func compare(_ generated: [UInt8], with path: String) throws {
        let committed: [UInt8]
        if let data = FileManager.default.contents(atPath: path) {
            committed = [UInt8](data)
        } else if FileManager.default.fileExists(atPath: path) {
            Console.writeError("error: cannot read '\(path)'\n")
            throw ExitCode(1)
        } else {
            committed = []
        }
        guard let diff = UnifiedDiff().diff(from: committed, to: generated, oldLabel: path, newLabel: "\(path) (generated)") else { return }
        Console.writeOut(diff)
        let problem = FileManager.default.fileExists(atPath: path) ? "is not the plan Ferry generates now" : "does not exist"
        var command = "ferry plan \(directory)"
        if let from { command += " --from \(from)" }
        if let to { command += " --to \(to)" }
        command += jogetArguments
        Console.writeError("error: '\(path)' \(problem)\nhelp: regenerate it with '\(command) -o \(path)' and commit it\n")
        throw ExitCode(1)
    }
}

private enum RelativeOutput {
    static func suggestion(for directory: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + "plan.json"
    }
}
