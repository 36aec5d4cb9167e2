#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// The machine-readable format of DESIGN.md §4, and nothing more:
///
/// ```json
/// {"diagnostics": [{"severity", "code", "message", "file", "line", "column", "endLine",
///   "endColumn", "notes": [{"message", "file", "line", "column"}]}], "errors": N, "warnings": N}
/// ```
///
/// Keys are sorted and the output is pretty-printed and ends in a line feed. A note without a
/// location has `null` file, line and column. Help texts are not part of the contract.
public struct JSONRenderer: DiagnosticRenderer {
    public init() {}

    public func render(_ report: DiagnosticReport) -> String {
        let document = Document(
            diagnostics: report.sorted.map(Entry.init),
            errors: report.errorCount,
            warnings: report.warningCount
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
        } catch {
            // Strings and integers always encode; reaching this is a bug in Ferry.
            preconditionFailure("encoding diagnostics as JSON failed: \(error)")
        }
    }

    private struct Document: Encodable {
        let diagnostics: [Entry]
        let errors: Int
        let warnings: Int
    }

    private struct Entry: Encodable {
        let severity: String
        let code: String
        let message: String
        let file: String
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int
        let notes: [NoteEntry]

        init(_ diagnostic: Diagnostic) {
            let location = diagnostic.location
            severity = diagnostic.severity.rawValue
            code = diagnostic.code.rawValue
            message = diagnostic.message
            file = location.file
            line = location.start.line
            column = location.start.column
            endLine = location.end.line
            endColumn = location.end.column
            notes = diagnostic.notes.map(NoteEntry.init)
        }
    }

    private struct NoteEntry: Encodable {
        let message: String
        let file: String?
        let line: Int?
        let column: Int?

        init(_ note: Note) {
            message = note.message
            file = note.location?.file
            line = note.location?.start.line
            column = note.location?.start.column
        }

        private enum CodingKeys: String, CodingKey {
            case message, file, line, column
        }

        /// Writes `null` for a missing location instead of leaving the keys out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(message, forKey: .message)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
        }
    }
}
