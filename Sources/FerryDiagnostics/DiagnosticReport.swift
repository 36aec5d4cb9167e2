/// Everything a run found, with the source files the renderers quote from.
///
/// Stages append to it; nothing is thrown for problems a user can fix.
public struct DiagnosticReport: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Source files by path, so a renderer can show the offending line.
    public private(set) var sources: [String: SourceFile] = [:]

    public init() {}

    public init(diagnostics: [Diagnostic], sources: [SourceFile] = []) {
        self.diagnostics = diagnostics
        for source in sources { self.sources[source.path] = source }
    }

    public mutating func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func add(contentsOf diagnostics: some Sequence<Diagnostic>) {
        self.diagnostics.append(contentsOf: diagnostics)
    }

    public mutating func register(_ source: SourceFile) {
        sources[source.path] = source
    }

    public mutating func merge(_ other: DiagnosticReport) {
        diagnostics.append(contentsOf: other.diagnostics)
        sources.merge(other.sources) { current, _ in current }
    }

    /// Diagnostics in the deterministic report order.
    public var sorted: [Diagnostic] {
        diagnostics.sorted(by: Diagnostic.reportOrder)
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Turns every warning into an error (`--warnings-as-errors`).
    public func promotingWarnings() -> DiagnosticReport {
        var copy = self
        copy.diagnostics = diagnostics.map { diagnostic in
            var promoted = diagnostic
            if promoted.severity == .warning { promoted.severity = .error }
            return promoted
        }
        return copy
    }
}
