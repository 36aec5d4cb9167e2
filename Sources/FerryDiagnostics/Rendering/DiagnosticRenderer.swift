/// Turns a report into the text of one output format.
///
/// Every renderer walks ``DiagnosticReport/sorted`` and never iterates a dictionary unordered,
/// stamps a date or reads the machine it runs on, so the same report always gives the same
/// bytes (STYLE.md §8). Lines end in LF; non-empty output ends in a line feed.
public protocol DiagnosticRenderer: Sendable {
    func render(_ report: DiagnosticReport) -> String
}

extension SourceLocation {
    /// `path:line:column`, the position prefix of the human and GNU formats.
    var positionPrefix: String {
        "\(file):\(start.line):\(start.column)"
    }
}

extension String {
    /// The lines of a possibly multi-line text (LF, CRLF, CR and the Unicode line breaks).
    var textLines: [Substring] {
        split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }
}
