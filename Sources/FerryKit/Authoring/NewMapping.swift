public import FerryDiagnostics
import Foundation

/// `ferry new DIR --from MAJOR.MINOR --to MAJOR.MINOR`: picks the two definitions of the
/// increment in a plan directory and writes the skeleton of its mapping file.
public struct NewMapping: Sendable {
    /// What `ferry new` is asked for.
    public struct Request: Sendable {
        public var directory: String
        public var from: String
        public var to: String
        public var process: String?

        public init(directory: String, from: String, to: String, process: String? = nil) {
            self.directory = directory
            self.from = from
            self.to = to
            self.process = process
        }
    }

    /// What it prepared: the file to write and its text, or the definitions' errors.
    public enum Outcome: Sendable {
        case scaffold(path: String, text: String, scaffold: MappingScaffold)
        case definitionErrors(DiagnosticReport)
    }

    public var checker = Checker()

    public init() {}

    public func prepare(_ request: Request) throws(UsageError) -> Outcome {
        let plan = try PlanDiscovery().planDirectory(at: request.directory)
        let from = try Self.series(request.from, option: "--from")
        let to = try Self.series(request.to, option: "--to")
        guard from.major == to.major else {
            throw UsageError(
                "--from \(request.from) and --to \(request.to) are in different majors",
                help: "majors are never migrated (DESIGN.md §2.2); a mapping file goes from one minor to the next of the same major"
            )
        }
        guard to.minor > from.minor else {
            throw UsageError("--to \(request.to) is not after --from \(request.from)", help: "a mapping file goes from one minor to a later one")
        }

        let read = checker.readDefinitions(of: plan)
        if read.report.hasErrors { return .definitionErrors(read.report) }
        let id = try ProcessChoice.pick(
            request.process, among: Set(read.processes.map(\.id)).sorted(), in: request.directory,
            none: UsageError("'\(request.directory)' holds no process definitions")
        )
        let processes = read.processes.filter { $0.id == id }

        let inMajor = processes.filter { $0.version?.major == from.major }
        let older = inMajor.filter { $0.version?.minor == from.minor }.max { $0.version! < $1.version! }
        let newer = inMajor.filter { $0.version?.minor == to.minor }.min { $0.version! < $1.version! }
        let released = Set(inMajor.compactMap(\.version).map(\.minorSeries)).sorted { a, b in
            a.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes(b.split(separator: ".").compactMap { Int($0) })
        }
        guard let older, let newer else {
            let missing = older == nil ? request.from : request.to
            throw UsageError(
                "no definition of \(processes[0].id) \(missing).x in '\(request.directory)'",
                help: released.isEmpty ? nil : "the minors released in major \(from.major) are: \(released.joined(separator: ", "))"
            )
        }
        if let between = inMajor.first(where: { ($0.version!.minor > from.minor) && ($0.version!.minor < to.minor) }) {
            throw UsageError(
                "\(between.version!.minorSeries) lies between \(request.from) and \(request.to); a mapping file covers one increment",
                help: "write \(request.from)-to-\(between.version!.minorSeries) first, then the next"
            )
        }

        let scaffold = MappingScaffold(older: older, newer: newer)
        let mappings = Self.join(plan.path, PlanDirectory.mappingsFolder)
        let path = Self.join(mappings, "\(request.from)-to-\(request.to).yaml")
        let text = scaffold.render(schema: Self.schemaPath(from: mappings))
        return .scaffold(path: path, text: text, scaffold: scaffold)
    }

    // MARK: Steps

    /// `MAJOR.MINOR`, digits only.
    static func series(_ text: String, option: String) throws(UsageError) -> (major: Int, minor: Int) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let major = Int(parts[0]), let minor = Int(parts[1]) else {
            throw UsageError("\(option) '\(text)' is not MAJOR.MINOR", help: "write the minor series, such as 1.3")
        }
        return (major, minor)
    }

    /// The `$schema` path: the repository's `grammar/mapping.schema.json` when one is found above
    /// the mappings folder, else `mapping.schema.json` in the plan directory (which
    /// `ferry schema > DIR/mapping.schema.json` writes).
    static func schemaPath(from mappings: String) -> String {
        var directory = URL(fileURLWithPath: mappings).standardizedFileURL.deletingLastPathComponent()
        var ups = 1
        while ups < 12 {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("grammar/mapping.schema.json").path) {
                return String(repeating: "../", count: ups) + "grammar/mapping.schema.json"
            }
            guard directory.path != "/" else { break }
            directory = directory.deletingLastPathComponent()
            ups += 1
        }
        return "../mapping.schema.json"
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
