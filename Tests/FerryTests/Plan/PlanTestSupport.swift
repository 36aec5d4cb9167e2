import FerryDiagnostics
@testable import FerryKit
import Foundation
import Testing

/// A plan directory `plans/p` written to a temporary folder from real BPMN and mapping files,
/// planned by the built `ferry` binary or loaded in-process.
struct PlanFolder {
    let folder: TemporaryFolder

    init(_ files: [String: String]) throws {
        folder = try TemporaryFolder()
        for (path, text) in files {
            try folder.write("plans/p/" + path, text)
        }
    }

    var path: String { folder.url.appendingPathComponent("plans/p").path }

    /// `ferry plan plans/p` with more arguments, run in the temporary folder.
    func run(_ extra: [String] = []) throws -> FerryProcess.Output {
        try FerryProcess.run(["plan", "plans/p"] + extra, in: folder.url)
    }

    /// The plan JSON of a successful run.
    func plan(_ extra: [String] = []) throws -> [String: Any] {
        let output = try run(extra)
        #expect(output.status == 0, "ferry plan failed: \(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    /// `ferry plan plans/p -o plans/p/plan.json` over an older plan, where it must fail: status 1,
    /// nothing on standard output, `message` among the findings, and the older plan as it was.
    func expectNoPlanWritten(reporting message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try folder.write("plans/p/plan.json", "old\n")
        let output = try run(["-o", "plans/p/plan.json"])
        #expect(output.status == 1, sourceLocation: sourceLocation)
        #expect(output.stdout == "", sourceLocation: sourceLocation)
        #expect(output.stderr.contains(message), "\(output.stderr)", sourceLocation: sourceLocation)
        let kept = try String(contentsOf: folder.url.appendingPathComponent("plans/p/plan.json"), encoding: .utf8)
        #expect(kept == "old\n", sourceLocation: sourceLocation)
    }

    /// The directory read in-process, as `ferry plan` reads it.
    func load() throws -> LoadedPlan {
        try Checker().load(PlanDiscovery().planDirectory(at: path))
    }

    /// The one process's history, after checking that the directory has no errors.
    func history() throws -> ProcessHistory {
        let loaded = try load()
        let errors = loaded.report.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "check errors: \(errors.map { "\($0.code.rawValue) \($0.message)" })")
        return try loaded.singleProcess().get()
    }
}

extension DiagnosticError: CustomStringConvertible {
    public var description: String { "\(diagnostic.code.rawValue): \(diagnostic.message)" }
}

/// A composed plan for one source as readable lines: `"A → D via 6:3 6:3"` (the line and column
/// of each explicit step, in order), `"C skipped: reason via 7:3"`.
enum PlanSummary {
    static func lines(_ json: [String: Any], source: String) -> [String] {
        let plans = json["plans"] as? [[String: Any]] ?? []
        guard let plan = plans.first(where: { $0["source"] as? String == source }) else { return ["no plan for \(source)"] }
        var lines: [String] = []
        for instruction in plan["instructions"] as? [[String: Any]] ?? [] {
            let targets = (instruction["targets"] as? [String] ?? []).joined(separator: ", ")
            lines.append("\(instruction["source"] as? String ?? "?") → \(targets)" + via(instruction["via"]))
        }
        for skipped in plan["skipped"] as? [[String: Any]] ?? [] {
            lines.append("\(skipped["element"] as? String ?? "?") skipped: \(skipped["reason"] as? String ?? "?")" + via(skipped["via"]))
        }
        return lines
    }

    private static func via(_ value: Any?) -> String {
        let steps = value as? [[String: Any]] ?? []
        guard !steps.isEmpty else { return "" }
        return " via " + steps.map { step in
            "\(step["from"] as? String ?? "?")→\(step["to"] as? String ?? "?") \(step["file"] as? String ?? "?"):\(step["line"] as? Int ?? 0)"
        }.joined(separator: ", ")
    }

    /// The same lines from a composed plan in memory.
    static func lines(_ plan: SourcePlan, relativeTo directory: String) -> [String] {
        let paths = RelativePaths(directory: directory)
        func via(_ provenance: Provenance) -> String {
            provenance.isEmpty ? "" : " via " + provenance.map { "\($0.from)→\($0.to) \(paths.relative($0.file)):\($0.line)" }.joined(separator: ", ")
        }
        return plan.instructions.map { "\($0.source) → \($0.targets.joined(separator: ", "))" + via($0.via) }
            + plan.skipped.map { "\($0.element) skipped: \($0.reason)" + via($0.via) }
    }
}
