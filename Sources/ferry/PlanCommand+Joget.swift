import ArgumentParser
import FerryDiagnostics
import FerryKit
import Foundation

/// `ferry plan --emit joget|joget-sh --instances FILE [--joget-package-version N]`.
extension PlanCommand {
    var emitsJoget: Bool { emit == .joget || emit == .jogetSh }

    func validateJogetOptions() throws {
        if emitsJoget && instances == nil {
            throw ValidationError("--emit \(emit.rawValue) needs --instances FILE, the running instances to migrate (see grammar/joget-instances.schema.json)")
        }
        if !emitsJoget && instances != nil {
            throw ValidationError("--instances is for --emit joget and --emit joget-sh")
        }
        if !emitsJoget && jogetPackageVersion != nil {
            throw ValidationError("--joget-package-version is for --emit joget and --emit joget-sh")
        }
        if let version = jogetPackageVersion, version < 1 {
            throw ValidationError("--joget-package-version must be a positive integer: Joget's package version, as in 'app#3#process'")
        }
    }

    /// What `--check` tells to run again, after `ferry plan DIR [--from] [--to]`.
    var jogetArguments: String {
        guard emitsJoget, let instances else { return "" }
        var arguments = " --emit \(emit.rawValue) --instances \(instances)"
        if let jogetPackageVersion { arguments += " --joget-package-version \(jogetPackageVersion)" }
        return arguments
    }

    /// Reads the inventory, plans each instance's steps and writes them (or compares them with
    /// `--check`). Any error in the inventory or in the steps: diagnostics, exit 1, nothing written.
    func emitJoget(
        _ plan: ComposedPlan,
        history: ProcessHistory,
        loaded: LoadedPlan,
        selection: PlanComposer.Selection,
        report: DiagnosticReport,
        checker: Checker
    ) throws {
        guard let instances else { throw ExitCode.validationFailure }
        guard history.engine == .joget else {
            throw Console.usageFailure(UsageError(
                "--emit \(emit.rawValue) writes Joget steps, but the plan directory is for \(history.engine.displayName)",
                help: "use --emit json for this plan directory"
            ))
        }
        if let output, Self.sameFile(output, instances) {
            throw Console.usageFailure(UsageError("-o '\(output)' is the instance inventory", help: "write the steps to a file of their own"))
        }
        var report = report
        let bytes: [UInt8]
        switch InputReader().read(instances, maxBytes: InstanceInventoryDecoder.limits.maxBytes, kind: "instance inventories") {
        case .failure(let error):
            report.add(error.diagnostic)
            throw failing(report)
        case .success(let read):
            bytes = read
        }
        let decoded = InstanceInventoryDecoder().decode(bytes, path: instances)
        report.register(decoded.source)
        report.add(contentsOf: decoded.diagnostics)
        // Instances the decoder could read are checked against the plan even when others could
        // not: one run reports every problem.
        guard let inventory = decoded.inventory else { throw failing(report) }
        let planned = JogetMigrationPlanner(packageVersion: jogetPackageVersion).plan(plan, history: history, inventory: inventory, selection: selection)
        report.add(contentsOf: planned.diagnostics)
        checker.registerSources(quotedBy: &report, in: loaded.directory)
        guard let migration = planned.migration, !report.hasErrors else { throw failing(report) }
        printFindings(report)

        var inputs = loaded.inputs
        inputs.append(InputFingerprint(path: instances, sha256: SHA256.hex(of: bytes)))
        inputs.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let document = emit == .joget
            ? JogetStepsEmitter().emit(migration, inputs: inputs, planDirectory: loaded.directory.path)
            : JogetShellEmitter().emit(migration, inputs: inputs, planDirectory: loaded.directory.path)
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

    private static func sameFile(_ first: String, _ second: String) -> Bool {
        func identity(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return identity(first) == identity(second)
    }
}
