/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    /// Errors sort before warnings before notes.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, usually pointing at a related place
/// (the first occurrence of a duplicated key, the context libyaml was parsing, …).
public struct Note: Hashable, Sendable {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// One finding about the user's input: the single value type every stage produces and every
/// renderer consumes.
public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    public var code: DiagnosticCode
    /// One line, lower-case start, no trailing period (rustc style).
    public var message: String
    public var location: SourceLocation
    public var notes: [Note]
    /// How to fix it, when there is something concrete to say.
    public var help: String?

    public init(
        _ severity: Severity,
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation,
        notes: [Note] = [],
        help: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
        self.help = help
    }

    /// A diagnostic at the code's default severity.
    public init(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation,
        notes: [Note] = [],
        help: String? = nil
    ) {
        self.init(code.defaultSeverity, code, message, at: location, notes: notes, help: help)
    }
}

extension Diagnostic {
    /// The order every renderer uses: by file, then position, then severity and code. Stages
    /// may emit in any order; output stays deterministic.
    public static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.location.file != rhs.location.file { return lhs.location.file < rhs.location.file }
        if lhs.location.start != rhs.location.start { return lhs.location.start < rhs.location.start }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        if lhs.message != rhs.message { return lhs.message < rhs.message }
        if lhs.location.end != rhs.location.end { return lhs.location.end < rhs.location.end }
        // Last resort, so that no two distinct diagnostics compare equal: notes, then help.
        let lhsTail = lhs.notes.map(\.message).joined(separator: "\n") + "\n" + (lhs.help ?? "")
        let rhsTail = rhs.notes.map(\.message).joined(separator: "\n") + "\n" + (rhs.help ?? "")
        return lhsTail < rhsTail
    }
}
