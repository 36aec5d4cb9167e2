public import FerryDiagnostics

/// One input file of a plan, with the SHA-256 of the bytes that were read.
public struct InputFingerprint: Sendable, Hashable {
    /// The path as given on the command line.
    public var path: String
    /// 64 lower-case hexadecimal digits.
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// One plan directory read for `ferry plan`: its processes' histories, everything `ferry check`
/// finds in it, and the fingerprint of every file read.
public struct LoadedPlan: Sendable {
    public var directory: PlanDirectory
    public var histories: [ProcessHistory]
    public var report: DiagnosticReport
    /// Every definition and mapping file read, by path.
    public var inputs: [InputFingerprint]
}

extension Checker {
    /// Reads one plan directory as `check` does (the same front ends, chain and hop validation,
    /// the same diagnostics) but keeps the models, and fingerprints each file's bytes as read:
    /// the plan then names exactly the bytes it was compiled from.
    public func load(_ plan: PlanDirectory) -> LoadedPlan {
        let read = read(plan, fingerprinting: true)
        return LoadedPlan(directory: plan, histories: read.histories, report: read.report, inputs: read.inputs)
    }
}

extension Checker {
    /// Registers the files of `plan` that findings point into (and that are not registered yet),
    /// so that the renderers can quote them: findings of composition come after loading.
    public func registerSources(quotedBy report: inout DiagnosticReport, in plan: PlanDirectory) {
        var inputs: [String: Bool] = [:]
        for path in plan.definitions { inputs[path] = false }
        for path in plan.mappings { inputs[path] = true }
        registerSources(quotedBy: &report, inputs: inputs)
    }
}

extension LoadedPlan {
    /// The one process a plan is compiled for. A directory with several processes (FE001) or
    /// with no versioned definition (FE002) has none; the diagnostic says why.
    public func singleProcess() -> Result<ProcessHistory, DiagnosticError> {
        let planned = histories.filter { !$0.versions.isEmpty }
        guard let first = planned.first else {
            return .failure(DiagnosticError(Diagnostic(
                .nothingToPlan,
                "the plan directory '\(directory.path)' has no definition with a version",
                at: SourceLocation(wholeFile: directory.definitions.first ?? RelativePaths.join(directory.path, PlanDirectory.definitionsFolder)),
                help: "put one definition per released version under definitions/"
            )))
        }
        guard planned.count == 1 else {
            let second = planned[1]
            return .failure(DiagnosticError(Diagnostic(
                .severalProcesses,
                "the plan directory '\(directory.path)' holds processes \(planned.map { "'\($0.processID)'" }.joined(separator: ", ")); a plan is for one process",
                at: second.versions[0].location,
                notes: [Note("process '\(first.processID)'", at: first.versions[0].location)],
                help: "move each process into a plan directory of its own"
            )))
        }
        return .success(first)
    }
}

/// A problem reported as a diagnostic that ends a command's work.
public struct DiagnosticError: Error, Sendable {
    public var diagnostic: Diagnostic

    public init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }
}
