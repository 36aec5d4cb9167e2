public import FerryDiagnostics

/// Collects the findings of the engine rules on one migration and places each as DESIGN.md §3.1
/// says: an explicit instruction's problem at its entry in the mapping file, with notes at the
/// elements of both definitions; an identity instruction's at the element in a definition, with a
/// note at the other version. The engine's own wording of the rule, when there is one, follows as
/// a note so that users can search for it.
public struct RuleFindings: Sendable {
    /// Which end of an instruction a finding is about.
    public enum Side: Sendable {
        /// The source: the entry's key, or the element in the older definition.
        case source
        /// The target: the target as written, or the element in the newer definition.
        case target
        /// The entry's `updateEventTrigger` where it is written (else the source).
        case updateEventTrigger
    }

    public let spec: MigrationSpec
    /// The help for identity findings on a patch hop, which needed a minor and a mapping file.
    public let patchHelp: String?
    public private(set) var diagnostics: [Diagnostic] = []
    /// The sources of the identity instructions findings were reported for, with the first
    /// finding's code.
    public private(set) var identityFindings: [String: DiagnosticCode] = [:]

    /// The sources of the identity instructions a finding was reported for.
    public var failedIdentities: Set<String> { Set(identityFindings.keys) }

    public init(spec: MigrationSpec, patchHelp: String?) {
        self.spec = spec
        self.patchHelp = patchHelp
    }

    /// Reports a finding about one instruction.
    public mutating func report(
        _ code: DiagnosticCode,
        _ message: String,
        at instruction: MigrationInstruction,
        side: Side = .target,
        engineText: String? = nil,
        notes: [Note] = [],
        help: String? = nil
    ) {
        let location: SourceLocation
        var placed: [Note]
        switch instruction.origin {
        case .explicit(let entry, let target):
            switch side {
            case .source: location = entry.source.location
            case .target: location = target.location
            case .updateEventTrigger: location = instruction.updateEventTriggerLocation ?? entry.source.location
            }
            placed = [
                Note("'\(instruction.source.id)' in \(spec.fromVersion)", at: instruction.source.location),
                Note("'\(instruction.target.id)' in \(spec.toVersion)", at: instruction.target.location),
            ]
        case .identity:
            if identityFindings[instruction.source.id] == nil { identityFindings[instruction.source.id] = code }
            if side != .target {
                location = instruction.source.location
                placed = [Note("'\(instruction.target.id)' in \(spec.toVersion)", at: instruction.target.location)]
            } else {
                location = instruction.target.location
                placed = [Note("'\(instruction.source.id)' in \(spec.fromVersion)", at: instruction.source.location)]
            }
        }
        placed += notes
        if let engineText {
            placed.append(Note("\(spec.engine.displayName) reports: \(engineText)"))
        }
        let identityOnPatch = !instruction.isExplicit && patchHelp != nil
        diagnostics.append(Diagnostic(
            code, message, at: location, notes: placed,
            help: identityOnPatch ? patchHelp : help
        ))
    }

    /// Reports a finding about an element of one definition that no single instruction carries
    /// (an element nothing maps, say).
    public mutating func report(
        _ code: DiagnosticCode,
        _ message: String,
        at element: FlowElement,
        notes: [Note] = [],
        engineText: String? = nil,
        help: String? = nil
    ) {
        var all = notes
        if let engineText {
            all.append(Note("\(spec.engine.displayName) reports: \(engineText)"))
        }
        diagnostics.append(Diagnostic(code, message, at: element.location, notes: all, help: patchHelp ?? help))
    }

    /// Adds a finding built elsewhere.
    public mutating func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// How an element reads in a message: `userTask`, `timer boundaryEvent`,
    /// `serviceTask (external)`.
    public static func describe(_ element: FlowElement) -> String {
        var words = element.kind.rawValue
        if let definition = element.eventDefinition { words = "\(definition.rawValue) \(words)" }
        if let implementation = element.implementation { words += " (\(implementation.rawValue))" }
        return words
    }
}

/// One engine rule, checked against a whole migration (every instruction sees the others, as
/// Camunda 7's instruction validators do).
public protocol MigrationRule: Sendable {
    func check(_ spec: MigrationSpec, into findings: inout RuleFindings)
}
