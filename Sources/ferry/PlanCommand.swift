import ArgumentParser
import FerryDiagnostics
import FerryKit
import Foundation

/// `--emit`: what `ferry plan` writes.
enum PlanEmitChoice: String, ExpressibleByArgument, CaseIterable {
    case json
    case camunda7
    case camunda8
    case joget
    case jogetSh = "joget-sh"

    /// The engine whose requests the format is, for the Camunda formats.
    var engine: Engine? {
        switch self {
        case .json, .joget, .jogetSh: nil
        case .camunda7: .camunda7
        case .camunda8: .camunda8
        }
    }
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

            --emit json (the default) writes Ferry's plan with the provenance of every \
            instruction. --emit camunda7 writes one POST /migration/executeAsync body per source \
            definition id, --emit camunda8 the migration requests (one per source version, and a \
            batch request per source definition key); both need --deployed FILE, the engine's \
            own list of deployed definitions, to turn version tags into ids.

            The output goes to standard output, or atomically to the file given with -o. With \
            --check FILE nothing is written: Ferry compares FILE with what it would write and \
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

    @Option(help: ArgumentHelp(
        "The engine's list of deployed definitions, for --emit camunda7 (GET /process-definition?key=…) and camunda8 (POST /v2/process-definitions/search).",
        valueName: "file"
    ))
    var deployed: String?

    @Flag(help: "Camunda 7: skip custom listeners during the migration.")
    var skipCustomListeners = false

    @Flag(help: "Camunda 7: skip input/output mappings during the migration.")
    var skipIoMappings = false

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
            let plan: PlanDirectory = try Console.orUsageFailure { () throws(UsageError) in try PlanDiscovery().planDirectory(at: directory) }
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
            let selection: PlanComposer.Selection = try Console.orUsageFailure { () throws(UsageError) in try PlanComposer.Selection(from: from, to: to, in: history) }
            if let output {
                try refuseToOverwriteInput(output, loaded)
            }

            let composition = PlanComposer().start(history, selection: selection, alreadyReported: report.diagnostics)
            if emit == .json, output != nil || check != nil {
                try writeWhileComposing(consume composition, inputs: loaded.inputs, report: report, checker: checker, plan: plan)
                return
            }
            let composed = composition.finish()
            report.add(contentsOf: composed.diagnostics)
            checker.registerSources(quotedBy: &report, in: plan)
            guard !report.hasErrors else { throw failing(report) }
            if emitsJoget {
                try emitJoget(composed.plan, history: history, loaded: loaded, selection: selection, report: report, checker: checker)
                return
            }

            guard let engine = emit.engine else {
                // `--emit json` to standard output (a file or `--check` is written while composing).
                printFindings(report)
                PlanJSONEmitter().emit(composed.plan, inputs: loaded.inputs, planDirectory: plan.path) { chunk in
                    FileHandle.standardOutput.write(Data(chunk))
                }
                return
            }
            var inputs = loaded.inputs
            let deployments = try readDeployed(for: engine, history: history, inputs: &inputs)
            let result = engine == .camunda7
                ? camunda7Emitter.emit(composed.plan, deployed: deployments, inputs: inputs, planDirectory: plan.path)
                : Camunda8Emitter().emit(composed.plan, history: history, deployed: deployments, inputs: inputs, planDirectory: plan.path)
            report.add(contentsOf: result.diagnostics)
            checker.registerSources(quotedBy: &report, in: plan)
            guard let document = result.document else { throw failing(report) }
            printFindings(report)

            if let check {
                try compare(document, with: check)
            } else if let output {
                do throws(OutputFile.WriteError) {
                    try OutputFile(path: output).write(document)
                } catch {
                    Console.writeError("error: \(error)\n")
                    throw ExitCode(1)
                }
            } else {
                FileHandle.standardOutput.write(Data(document))
            }
        }
    }

    /// `--emit json` to a file (`-o`) or compared with one (`--check`): each plan is written
    /// while the next is composed. The findings of composing are only complete at the end, so a
    /// document with errors is given up then: `-o` leaves no file and replaces none, `--check`
    /// compares nothing.
    private func writeWhileComposing(
        _ composition: consuming PlanComposition,
        inputs: [InputFingerprint],
        report: DiagnosticReport,
        checker: Checker,
        plan: PlanDirectory
    ) throws {
        var report = report
        func settle(_ diagnostics: [Diagnostic]) -> Bool {
            report.add(contentsOf: diagnostics)
            checker.registerSources(quotedBy: &report, in: plan)
            return !report.hasErrors
        }
        let emitter = PlanJSONEmitter()
        if let check {
            var document: [UInt8] = []
            let diagnostics = emitter.emit(composing: consume composition, inputs: inputs, planDirectory: plan.path) { document += $0 }
            guard settle(diagnostics) else { throw failing(report) }
            printFindings(report)
            try compare(document, with: check)
            return
        }
        guard let output else { return }
        var unwritten: PlanComposition? = consume composition
        do throws(OutputFile.WriteError) {
            try OutputFile(path: output).write { sink throws(OutputFile.WriteError) in
                guard let composition = unwritten.take() else { preconditionFailure("the plan is written once") }
                let diagnostics = try emitter.emit(composing: consume composition, inputs: inputs, planDirectory: plan.path, into: sink)
                guard settle(diagnostics) else { throw OutputFile.WriteError.abandoned(output) }
            }
        } catch where error.abandoned {
            throw failing(report)
        } catch {
            Console.writeError("error: \(error)\n")
            throw ExitCode(1)
        }
        printFindings(report)
    }

    private var camunda7Emitter: Camunda7Emitter {
        var emitter = Camunda7Emitter()
        emitter.skipCustomListeners = skipCustomListeners
        emitter.skipIoMappings = skipIoMappings
        return emitter
    }

    /// `--deployed FILE` for an engine format: read, fingerprinted (it is an input of the output)
    /// and checked. Missing, or for another engine than the plan directory's, is a usage error
    /// that says what to pass; a file that is not the engine's list is FE005.
    private func readDeployed(for engine: Engine, history: ProcessHistory, inputs: inout [InputFingerprint]) throws -> DeployedDefinitions {
        guard history.engine == engine else {
            throw Console.usageFailure(UsageError(
                "--emit \(emit.rawValue) writes \(engine.displayName) requests, but the plan directory is for \(history.engine.displayName)",
                help: history.engine == .joget ? "Joget plans are written with --emit json" : "use --emit \(history.engine.rawValue)"
            ))
        }
        let example = engine == .camunda7
            ? "curl -s 'http://localhost:8080/engine-rest/process-definition?key=\(history.processID)' > deployed.json"
            : "curl -s -X POST http://localhost:8080/v2/process-definitions/search -H 'Content-Type: application/json' -d '{\"filter\": {\"processDefinitionId\": \"\(history.processID)\"}}' > deployed.json"
        guard let deployed else {
            throw Console.usageFailure(UsageError(
                "--emit \(emit.rawValue) needs --deployed FILE, the engine's list of deployed definitions of '\(history.processID)', to turn version tags into \(engine == .camunda7 ? "definition ids" : "process definition keys")",
                help: "save it with: \(example)"
            ))
        }
        switch InputReader().read(deployed, maxBytes: 64 << 20, kind: "deployed definition lists") {
        case .failure(let error):
            throw failing(DiagnosticReport(diagnostics: [error.diagnostic]))
        case .success(let bytes):
            inputs.append(InputFingerprint(path: deployed, sha256: SHA256.hex(of: bytes)))
            inputs.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            switch DeployedDefinitions.read(bytes, path: deployed, engine: engine) {
            case .success(let list): return list
            case .failure(let error):
                throw failing(DiagnosticReport(diagnostics: [error.diagnostic]))
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
