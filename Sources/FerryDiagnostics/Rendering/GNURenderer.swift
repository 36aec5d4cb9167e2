/// One line per finding, in the shape gcc and clang print and editors parse without
/// configuration (Emacs compile mode, vim quickfix, VS Code problem matchers, Xcode):
///
/// ```text
/// plans/invoice/mappings/1.2-to-1.3.yaml:5:3: error: duplicate key 'approveInvoice' [FY004]
/// plans/invoice/mappings/1.2-to-1.3.yaml:4:3: note: first defined here
/// plans/invoice/mappings/1.2-to-1.3.yaml:5:3: note: help: keep one of the two entries
/// ```
///
/// Each note gets its own `note:` line, at its own location or, when it has none (such as the
/// engine's own wording of a rule), at the diagnostic's position. The help, when there is one, follows as a `note: help:`
/// line at the diagnostic's position. A message over several lines is joined with spaces, since
/// each line must stand on its own.
public struct GNURenderer: DiagnosticRenderer {
    public init() {}

    public func render(_ report: DiagnosticReport) -> String {
        var output = ""
        for diagnostic in report.sorted {
            let location = diagnostic.location
            output += "\(location.positionPrefix): \(diagnostic.severity.rawValue): "
                + "\(Self.oneLine(diagnostic.message)) [\(diagnostic.code.rawValue)]\n"
            for note in diagnostic.notes {
                let noteLocation = note.location ?? location
                output += "\(noteLocation.positionPrefix): note: \(Self.oneLine(note.message))\n"
            }
            if let help = diagnostic.help {
                output += "\(location.positionPrefix): note: help: \(Self.oneLine(help))\n"
            }
        }
        return output
    }

    private static func oneLine(_ text: String) -> String {
        text.textLines.joined(separator: " ")
    }
}
