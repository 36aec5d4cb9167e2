import ArgumentParser
import FerryDiagnostics
import FerryKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write the skeleton of the next mapping file.",
        discussion: """
            Compares the newest definition of the --from minor with the first of the --to minor \
            and writes mappings/<from>-to-<to>.yaml: every wait state identity cannot carry \
            (removed, changed kind, or refused by the engine's rules), each with the most likely \
            targets as comments. The best target is filled in only when it is unambiguous; \
            otherwise the entry reads TODO, which `ferry check` reports as an error until it is \
            answered. An existing file is never replaced without --force.
            """
    )

    @Argument(help: "The plan directory (a folder with definitions/ and mappings/).")
    var directory: String

    @Option(help: "The minor series migrated from, such as 1.2.")
    var from: String

    @Option(help: "The minor series migrated to, such as 1.3.")
    var to: String

    @Option(help: "The process id, when the directory holds several processes.")
    var process: String?

    @Flag(help: "Replace the mapping file if it exists.")
    var force = false

    @Option(help: "Colour in diagnostics: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        try Console.guardingInternalErrors {
            let outcome: NewMapping.Outcome = try Console.orUsageFailure { () throws(UsageError) in try NewMapping().prepare(.init(directory: directory, from: from, to: to, process: process)) }
            switch outcome {
            case .definitionErrors(let report):
                Console.writeError(HumanRenderer(colors: color.enabled(forStandardError: true)).render(report))
                Console.writeError("error: the definitions have errors; fix them before writing a mapping file\n")
                throw ExitCode(1)
            case .scaffold(let path, let text, let scaffold):
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                do throws(OutputFile.WriteError) {
                    try OutputFile(path: path).write(text, replacing: force)
                } catch where error.exists {
                    throw Console.usageFailure(UsageError("'\(path)' exists; it is not replaced", help: "pass --force to replace it, or edit it"))
                } catch {
                    Console.writeError("error: \(error)\n")
                    throw ExitCode(1)
                }
                Console.writeError(Self.summary(path: path, scaffold))
            }
        }
    }

    static func summary(path: String, _ scaffold: MappingScaffold) -> String {
        let entries = scaffold.entries
        guard !entries.isEmpty else {
            return "wrote \(path): identity carries every wait state; nothing to map\n"
        }
        let filled = entries.filter { $0.chosen != nil }.count
        let todo = entries.count - filled
        let states = entries.count == 1 ? "1 wait state" : "\(entries.count) wait states"
        return "wrote \(path): \(states) to answer (\(filled) filled in, \(todo) TODO); run `ferry check` when done\n"
    }
}
