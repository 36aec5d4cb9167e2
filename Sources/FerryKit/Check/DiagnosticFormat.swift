public import FerryDiagnostics

/// The output formats of `ferry check` (DESIGN.md §4).
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case human
    case gnu
    case json
    case github
    case sarif

    /// Machine formats go to standard output; the human format goes to standard error so it
    /// never mixes with a machine-readable stream.
    public var writesToStandardOutput: Bool { self != .human }

    public func renderer(colors: Bool) -> any DiagnosticRenderer {
        switch self {
        case .human: HumanRenderer(colors: colors)
        case .gnu: GNURenderer()
        case .json: JSONRenderer()
        case .github: GitHubRenderer()
        case .sarif: SARIFRenderer(toolVersion: Ferry.version, informationURI: Ferry.informationURI)
        }
    }
}
