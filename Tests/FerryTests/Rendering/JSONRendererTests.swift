import FerryDiagnostics
import Foundation
import Testing

@Suite struct JSONRendererTests {
    private func decode(_ report: DiagnosticReport) throws -> [String: Any] {
        let output = JSONRenderer().render(report)
        #expect(output.hasSuffix("}\n"))
        return try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    @Test func hasExactlyTheKeysOfTheContract() throws {
        let document = try decode(SampleReport.report)
        #expect(Set(document.keys) == ["diagnostics", "errors", "warnings"])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == SampleReport.report.diagnostics.count)
        for diagnostic in diagnostics {
            #expect(Set(diagnostic.keys) == [
                "severity", "code", "message", "file", "line", "column", "endLine", "endColumn", "notes",
            ])
            for note in try #require(diagnostic["notes"] as? [[String: Any]]) {
                #expect(Set(note.keys) == ["message", "file", "line", "column"])
            }
        }
    }

    @Test func countsErrorsAndWarnings() throws {
        let document = try decode(SampleReport.report)
        #expect(document["errors"] as? Int == 7)
        #expect(document["warnings"] as? Int == 1)
    }

    @Test func carriesPositionsAndNullsForANoteWithoutLocation() throws {
        let document = try decode(SampleReport.report)
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        let duplicate = try #require(diagnostics.first { $0["code"] as? String == "FY004" })
        #expect(duplicate["severity"] as? String == "error")
        #expect(duplicate["file"] as? String == SampleReport.mappingPath)
        #expect(duplicate["line"] as? Int == 5)
        #expect(duplicate["column"] as? Int == 3)
        #expect(duplicate["endLine"] as? Int == 5)
        #expect(duplicate["endColumn"] as? Int == 17)
        let notes = try #require(duplicate["notes"] as? [[String: Any]])
        #expect(notes.count == 2)
        #expect(notes[0]["message"] as? String == "first defined here")
        #expect(notes[0]["line"] as? Int == 4)
        #expect(notes[1]["file"] is NSNull)
        #expect(notes[1]["line"] is NSNull)
        #expect(notes[1]["column"] is NSNull)
    }

    @Test func messagesRoundTrip() throws {
        let document = try decode(SampleReport.report)
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        let messages = diagnostics.compactMap { $0["message"] as? String }
        #expect(messages == SampleReport.report.sorted.map(\.message))
    }

    @Test func anEmptyReportIsAnEmptyList() throws {
        let document = try decode(DiagnosticReport())
        #expect((document["diagnostics"] as? [Any])?.isEmpty == true)
        #expect(document["errors"] as? Int == 0)
        #expect(document["warnings"] as? Int == 0)
    }
}
