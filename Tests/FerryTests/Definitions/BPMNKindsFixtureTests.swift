import Foundation
import Testing
import FerryDiagnostics
@testable import FerryKit

/// The rows of the table in a `*.expected.md` fixture, as column → cell (backticks and `-` removed).
private func expectedRows(_ name: String) throws -> [[String: String]] {
    let url = fixtureDirectory.appendingPathComponent("bpmn/\(name).expected.md")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    guard let headerIndex = lines.firstIndex(where: { $0.hasPrefix("| id |") }) else { return [] }
    func cells(_ line: String) -> [String] {
        line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
    }
    let header = cells(lines[headerIndex])
    return lines[(headerIndex + 2)...].prefix { $0.hasPrefix("|") }.map { line in
        var row: [String: String] = [:]
        for (column, cell) in zip(header, cells(line)) where cell != "-" && cell != "none" {
            row[column] = cell
        }
        return row
    }
}

private let fixtureDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

private func readFixture(_ path: String) throws -> DefinitionFile {
    let url = fixtureDirectory.appendingPathComponent(path)
    let source = SourceFile(path: path, bytes: Array(try Data(contentsOf: url)))
    return DefinitionReader().read(source)
}

@Suite("BPMN front end: every kind, as the engines classify it")
struct BPMNKindsFixtureTests {
    @Test func camunda7KindsMatchTheExpectedTable() throws {
        let file = try readFixture("bpmn/camunda7-kinds.bpmn")
        #expect(file.diagnostics == [])
        let process = try #require(file.processes.first)
        #expect(process.version?.description == "2.1.0")
        let rows = try expectedRows("camunda7-kinds")
        #expect(rows.count == 90)
        #expect(process.elements.map(\.id) == rows.compactMap { $0["id"] }, "document order, MI bodies before their activity")
        for row in rows {
            let id = try #require(row["id"])
            let element = try #require(process.element(id), "\(id)")
            #expect(element.kind.rawValue == row["kind"], "\(id)")
            #expect(element.eventDefinition?.rawValue == row["event definition"], "\(id)")
            #expect(element.implementation?.rawValue == row["implementation"], "\(id)")
            #expect(element.flowScope == row["flow scope"], "\(id)")
            #expect(element.eventScope == row["event scope"], "\(id)")
            #expect(element.camunda7Behavior == row["Camunda 7 behaviour class"], "\(id)")
            #expect(element.isWaitState == (row["wait state"] == "yes"), "\(id)")
            if let interrupting = row["interrupting"] {
                #expect(element.isInterrupting == (interrupting == "yes"), "\(id)")
            }
        }
    }

    @Test func camunda8KindsMatchTheExpectedTable() throws {
        let file = try readFixture("bpmn/camunda8-kinds.bpmn")
        #expect(file.diagnostics == [])
        let process = try #require(file.processes.first)
        #expect(process.engine == .camunda8)
        #expect(process.version?.description == "3.0.0")
        let rows = try expectedRows("camunda8-kinds")
        #expect(process.elements.map(\.id) == rows.compactMap { $0["id"] })
        for row in rows {
            let id = try #require(row["id"])
            let element = try #require(process.element(id), "\(id)")
            #expect(element.kind.rawValue == row["kind"], "\(id)")
            #expect(element.eventDefinition?.rawValue == row["event definition"], "\(id)")
            #expect(element.flowScope == row["flow scope"], "\(id)")
            #expect(element.camunda8Type == row["Camunda 8 element type"], "\(id)")
            #expect(element.implementation?.rawValue == row["implementation"], "\(id)")
            #expect(element.isWaitState == (row["wait state"] == "yes"), "\(id)")
        }
    }

    /// Each error fixture names its expected code and line in an `expect:` comment on line 2.
    @Test(arguments: [
        ("not-bpmn.xml", [DiagnosticCode.notADefinition]),
        ("no-process.bpmn", [.noProcess]),
        ("duplicate-id.bpmn", [.duplicateElementID]),
        ("dangling-sourceRef.bpmn", [.danglingReference]),
        ("dangling-attachedToRef.bpmn", [.danglingReference]),
        ("dangling-default.bpmn", [.danglingReference]),
        ("missing-version-c7.bpmn", [.missingVersion]),
        ("missing-version-c8.bpmn", [.missingVersion]),
        ("bad-version.bpmn", [.malformedVersion]),
        ("unknown-element.bpmn", [.unknownElement]),
        ("two-processes.bpmn", []),
    ])
    func errorFixture(_ name: String, _ codes: [DiagnosticCode]) throws {
        let file = try readFixture("bpmn/errors/\(name)")
        #expect(file.diagnostics.map(\.code) == codes)
        let text = try String(contentsOf: fixtureDirectory.appendingPathComponent("bpmn/errors/\(name)"), encoding: .utf8)
        let comment = text.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        if let diagnostic = file.diagnostics.first, let match = comment.range(of: #"line (\d+)"#, options: .regularExpression) {
            let line = Int(comment[match].dropFirst(5))
            #expect(diagnostic.location.start.line == line, "\(name): \(comment)")
        }
    }

    @Test func twoProcessesYieldTwoModels() throws {
        let file = try readFixture("bpmn/errors/two-processes.bpmn")
        #expect(file.processes.map(\.id) == ["orderIntake", "orderShipping"])
        #expect(file.processes.map { $0.version?.description } == ["1.4.0", "2.0.1"])
    }
}
