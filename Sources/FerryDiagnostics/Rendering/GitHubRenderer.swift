/// GitHub Actions workflow commands, which GitHub turns into annotations on the changed lines:
///
/// ```text
/// ::error file=plans/invoice/mappings/1.2-to-1.3.yaml,line=5,col=3,endLine=5,endColumn=17,title=FY004::duplicate key 'approveInvoice'%0Anote: first defined here (plans/invoice/mappings/1.2-to-1.3.yaml:4:3)%0Ahelp: keep one of the two entries
/// ```
///
/// Errors become `::error`, warnings `::warning`, note-severity diagnostics `::notice`; the notes
/// and help follow the message on further lines. `col` and `endColumn` are given only for spans
/// on one line, the only ones GitHub accepts them for.
///
/// GitHub shows only ``annotationLimit`` error and as many warning annotations per step and drops
/// the rest silently, so the renderer emits at most that many of each, in report order, and then
/// one `::notice` saying how many were left out and where to see them all.
public struct GitHubRenderer: DiagnosticRenderer {
    /// How many error annotations, and how many warning annotations, GitHub shows per step.
    public static let annotationLimit = 10

    public init() {}

    public func render(_ report: DiagnosticReport) -> String {
        var output = ""
        var shown: [Severity: Int] = [:]
        var leftOut: [Severity: Int] = [:]
        for diagnostic in report.sorted {
            let severity = diagnostic.severity
            if severity != .note {
                guard shown[severity, default: 0] < Self.annotationLimit else {
                    leftOut[severity, default: 0] += 1
                    continue
                }
                shown[severity, default: 0] += 1
            }
            output += annotation(for: diagnostic)
        }
        let errorsLeftOut = leftOut[.error, default: 0]
        let warningsLeftOut = leftOut[.warning, default: 0]
        let counts = [Self.count(errorsLeftOut, "error"), Self.count(warningsLeftOut, "warning")]
            .compactMap { $0 }
        if !counts.isEmpty {
            let total = errorsLeftOut + warningsLeftOut
            let summary = "\(counts.joined(separator: " and ")) \(total == 1 ? "was" : "were") not "
                + "annotated: GitHub shows at most \(Self.annotationLimit) errors and "
                + "\(Self.annotationLimit) warnings per step. Run `ferry check` locally or read "
                + "the SARIF report to see every finding."
            output += "::notice::\(Self.escapedData(summary))\n"
        }
        return output
    }

    private func annotation(for diagnostic: Diagnostic) -> String {
        let command = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        let location = diagnostic.location
        var properties = [("file", location.file), ("line", String(location.start.line))]
        if location.start.line == location.end.line {
            properties.append(("col", String(location.start.column)))
            properties += [("endLine", String(location.end.line)), ("endColumn", String(location.end.column))]
        } else {
            properties.append(("endLine", String(location.end.line)))
        }
        properties.append(("title", diagnostic.code.rawValue))

        var text = [diagnostic.message]
        for note in diagnostic.notes {
            let place = note.location.map { " (\($0.positionPrefix))" } ?? ""
            text.append("note: \(note.message)\(place)")
        }
        if let help = diagnostic.help {
            text.append("help: \(help)")
        }

        let propertyList = properties
            .map { name, value in "\(name)=\(Self.escapedProperty(value))" }
            .joined(separator: ",")
        return "::\(command) \(propertyList)::\(Self.escapedData(text.joined(separator: "\n")))\n"
    }

    private static func count(_ number: Int, _ noun: String) -> String? {
        switch number {
        case 0: nil
        case 1: "1 \(noun)"
        default: "\(number) \(noun)s"
        }
    }

    /// The escaping of a command's message: `%`, CR and LF.
    static func escapedData(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The escaping of a property value: the message's, plus `:` and `,`.
    static func escapedProperty(_ text: String) -> String {
        var result = ""
        for scalar in escapedData(text).unicodeScalars {
            switch scalar {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
