import FerryDiagnostics
import Foundation

/// A plan directory written to disk from marked texts, checked by the built `ferry` binary, with
/// its findings given as markers: a rule test writes real BPMN, XPDL and mapping files, puts
/// `1️⃣`, `2️⃣`, … where findings are expected, and compares
/// `["1.1.yaml 1️⃣ FR004", "b.bpmn 2️⃣ FR003"]`-style strings.
///
/// ```swift
/// let plan = try PlanFixture([
///     "definitions/a.bpmn": PlanFixture.camunda7("1.0.0", #"<bpmn:userTask id="approve" />"#),
///     "definitions/b.bpmn": PlanFixture.camunda7("1.1.0", #"<bpmn:receiveTask id="review" />"#),
///     "mappings/1.0-to-1.1.yaml": PlanFixture.mapping("1.0", "1.1", "activities:\n  approve: 1️⃣review\n"),
/// ])
/// #expect(try plan.findings() == ["1.0-to-1.1.yaml 1️⃣ FR004"])
/// ```
struct PlanFixture {
    /// The plan directory's files by path inside it, markers removed.
    let files: [String: MarkedText]
    let folder: TemporaryFolder

    init(_ files: [String: String]) throws {
        self.files = files.mapValues(MarkedText.init)
        folder = try TemporaryFolder()
        for (path, marked) in self.files {
            try folder.write("plans/p/" + path, marked.text)
        }
    }

    /// Runs `ferry check plans --format json` and returns the exit status and the diagnostics.
    func run(_ extra: [String] = []) throws -> (status: Int32, diagnostics: [[String: Any]]) {
        let output = try FerryProcess.run(["check", "plans", "--format", "json"] + extra, in: folder.url)
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return (output.status, object?["diagnostics"] as? [[String: Any]] ?? [])
    }

    /// Every finding (errors, warnings and notes) as `"<file name> <marker> <code>"`, in report
    /// order; a finding at no marker shows as `"<file name> ?line:column <code>"`.
    func findings() throws -> [String] {
        try run().diagnostics.map(describe)
    }

    /// The findings with their severity, as `"<file name> <marker> <severity> <code>"`.
    func findingsWithSeverity() throws -> [String] {
        try run().diagnostics.map { "\(describe($0)) \($0["severity"] as? String ?? "?")" }
    }

    /// The whole of the human output (standard error), for checking messages, notes and help.
    func humanOutput() throws -> String {
        try FerryProcess.run(["check", "plans"], in: folder.url).stderr
    }

    private func describe(_ diagnostic: [String: Any]) -> String {
        let file = diagnostic["file"] as? String ?? "?"
        let line = diagnostic["line"] as? Int ?? 0
        let column = diagnostic["column"] as? Int ?? 0
        let code = diagnostic["code"] as? String ?? "?"
        let relative = file.hasPrefix("plans/p/") ? String(file.dropFirst("plans/p/".count)) : file
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        return "\(name) \(marker(in: relative, line: line, column: column)) \(code)"
    }

    private func marker(in path: String, line: Int, column: Int) -> String {
        if let marked = files[path] {
            let source = SourceFile(path: path, text: marked.text)
            for (marker, offset) in marked.offsets.sorted(by: { $0.value < $1.value }) {
                let position = source.position(atOffset: offset)
                if position.line == line && position.column == column { return marker }
            }
        }
        return "?\(line):\(column)"
    }

    // MARK: File makers

    /// A Camunda 7 definition of process `p` at `version` with the given process body (flow
    /// elements, one per line is easiest to mark).
    static func camunda7(_ version: String, _ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="p" isExecutable="true" camunda:versionTag="\(version)">
        \(body)
          </bpmn:process>
        </bpmn:definitions>

        """
    }

    /// A Camunda 8 definition of process `p` at `version` with the given process body.
    static func camunda8(_ version: String, _ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.7.0">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:extensionElements><zeebe:versionTag value="\(version)" /></bpmn:extensionElements>
        \(body)
          </bpmn:process>
        </bpmn:definitions>

        """
    }

    /// A mapping file for process `p` from `from` to `to`, followed by `rest`.
    static func mapping(_ from: String, _ to: String, _ rest: String = "") -> String {
        "ferry: 1\nprocess: p\nfrom: \(from)\nto: \(to)\n" + rest
    }
}
