/// The format for people, in the style of rustc: a header per diagnostic, the quoted source line
/// under a line-number gutter with `^` under the primary span and `-` under each note's span,
/// then `= note:` and `= help:` lines.
///
/// ```text
/// plans/invoice/mappings/1.2-to-1.3.yaml:5:3: error[FY004]: duplicate key 'approveInvoice'
///   |
/// 5 |   approveInvoice: approveInvoiceV2
///   |   ^^^^^^^^^^^^^^
/// plans/invoice/mappings/1.2-to-1.3.yaml:4:3: note: first defined here
///   |
/// 4 |   approveInvoice: reviewInvoice
///   |   --------------
///   = help: keep one of the two entries
/// ```
///
/// A span over several lines is underlined to the end of its first line; a span past the end of
/// its line is marked just after the text. When the file is not in the report, or the line is not
/// in the file, only the header is printed.
public struct HumanRenderer: DiagnosticRenderer {
    /// Whether to emit ANSI colours. The caller decides: colour on a terminal, never with `NO_COLOR`.
    public var colors: Bool

    public init(colors: Bool) {
        self.colors = colors
    }

    public func render(_ report: DiagnosticReport) -> String {
        report.sorted
            .map { render($0, sources: report.sources) }
            .joined(separator: "\n")
    }

    private func render(_ diagnostic: Diagnostic, sources: [String: SourceFile]) -> String {
        let primary = Snippet(diagnostic.location, in: sources)
        let noteSnippets = diagnostic.notes.map { note in
            note.location.flatMap { Snippet($0, in: sources) }
        }
        // One gutter for the whole diagnostic, as wide as the widest line number it prints.
        let widestLine = ([primary] + noteSnippets).compactMap { $0?.lineNumber }.max() ?? 1
        let gutter = String(widestLine).count
        let style = Style(diagnostic.severity)

        var lines = header(
            diagnostic.location,
            label: "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]",
            style: style,
            message: diagnostic.message,
            messageIsBold: true,
            gutter: gutter
        )
        if let primary {
            lines += snippetLines(primary, marker: "^", style: style, gutter: gutter)
        }
        for (note, snippet) in zip(diagnostic.notes, noteSnippets) {
            if let location = note.location {
                lines += header(
                    location, label: "note", style: .note, message: note.message,
                    messageIsBold: false, gutter: gutter
                )
                if let snippet {
                    lines += snippetLines(snippet, marker: "-", style: .note, gutter: gutter)
                }
            } else {
                lines += trailer(label: "note", text: note.message, gutter: gutter)
            }
        }
        if let help = diagnostic.help {
            lines += trailer(label: "help", text: help, gutter: gutter)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `path:line:column: label: message`; further lines of the message are indented to where
    /// the quoted source text starts.
    private func header(
        _ location: SourceLocation,
        label: String,
        style: Style,
        message: String,
        messageIsBold: Bool,
        gutter: Int
    ) -> [String] {
        let messageLines = message.textLines.map(DisplayLine.sanitized)
        let messageStyle: Style? = messageIsBold ? .bold : nil
        var lines = [
            "\(DisplayLine.sanitized(location.positionPrefix)): "
                + paint(label, style) + paint(": " + messageLines[0], messageStyle),
        ]
        let indent = String(repeating: " ", count: gutter + 3)
        for line in messageLines.dropFirst() {
            lines.append(line.isEmpty ? "" : indent + paint(line, messageStyle))
        }
        return lines
    }

    /// The quoted line between two gutter lines, with the underline.
    private func snippetLines(_ snippet: Snippet, marker: Character, style: Style, gutter: Int) -> [String] {
        let blankGutter = String(repeating: " ", count: gutter) + " |"
        let number = String(snippet.lineNumber)
        let numberGutter = number + String(repeating: " ", count: gutter - number.count) + " |"
        let text = snippet.line.text
        let underline = String(repeating: " ", count: snippet.underline.column)
            + paint(String(repeating: marker, count: snippet.underline.width), style)
        return [
            paint(blankGutter, .gutter),
            paint(numberGutter, .gutter) + (text.isEmpty ? "" : " " + text),
            paint(blankGutter, .gutter) + " " + underline,
        ]
    }

    /// `= note: …` or `= help: …` under the gutter; further lines align with the first.
    private func trailer(label: String, text: String, gutter: Int) -> [String] {
        let textLines = text.textLines.map(DisplayLine.sanitized)
        let indent = String(repeating: " ", count: gutter + 1)
        var lines = [indent + paint("=", .gutter) + " " + paint(label, .bold) + ": " + textLines[0]]
        let continuation = String(repeating: " ", count: gutter + 1 + 2 + label.count + 2)
        for line in textLines.dropFirst() {
            lines.append(line.isEmpty ? "" : continuation + line)
        }
        return lines
    }

    private func paint(_ text: String, _ style: Style?) -> String {
        guard colors, let style, !text.isEmpty else { return text }
        return style.rawValue + text + Style.reset
    }
}

/// ANSI styles, as rustc uses them.
private enum Style: String {
    case error = "\u{1B}[1;31m"
    case warning = "\u{1B}[1;33m"
    case note = "\u{1B}[1;36m"
    case gutter = "\u{1B}[1;34m"
    case bold = "\u{1B}[1m"

    static let reset = "\u{1B}[0m"

    init(_ severity: Severity) {
        switch severity {
        case .error: self = .error
        case .warning: self = .warning
        case .note: self = .note
        }
    }
}

/// The one source line a location starts on, and where its underline goes.
private struct Snippet {
    let lineNumber: Int
    let line: DisplayLine
    let underline: (column: Int, width: Int)

    init?(_ location: SourceLocation, in sources: [String: SourceFile]) {
        guard let source = sources[location.file],
              location.start.line >= 1, location.start.line <= source.lineCount
        else { return nil }
        lineNumber = location.start.line
        line = DisplayLine(source.text(ofLine: lineNumber))
        let start = location.start.column - 1
        let end = location.end.line == location.start.line ? location.end.column - 1 : line.scalarCount
        underline = line.underline(scalars: start..<max(start, end))
    }
}
