import Foundation
import Testing

/// Whole outputs compared with files under `Tests/FerryTests/Fixtures/golden/`.
///
/// Run the tests with `FERRY_RECORD_GOLDENS=1` to write the files instead of comparing (each
/// write is reported as a warning, so a recording run never passes unnoticed); a mismatch fails
/// with a unified diff from the golden file to the actual output.
enum GoldenFile {
    static let directory = URL(filePath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appending(path: "Fixtures/golden")

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["FERRY_RECORD_GOLDENS"] == "1"
    }

    static func expect(
        _ actual: String,
        matches name: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = directory.appending(path: name)
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record(
                "recorded golden file \(url.path) (FERRY_RECORD_GOLDENS=1)",
                severity: .warning,
                sourceLocation: sourceLocation
            )
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "golden file \(name) is missing; run the tests with FERRY_RECORD_GOLDENS=1 to record it",
                sourceLocation: sourceLocation
            )
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record(
                """
                output differs from golden file \(name) \
                (re-record with FERRY_RECORD_GOLDENS=1 if the change is intended):
                \(unifiedDiff(from: expected, to: actual))
                """,
                sourceLocation: sourceLocation
            )
        }
    }

    /// `diff -u` from the golden text to the actual one.
    static func unifiedDiff(from expected: String, to actual: String) -> String {
        let scratch = FileManager.default.temporaryDirectory
            .appending(path: "ferry-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let expectedURL = scratch.appending(path: "expected")
        let actualURL = scratch.appending(path: "actual")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try Data(expected.utf8).write(to: expectedURL)
            try Data(actual.utf8).write(to: actualURL)
            let process = Process()
            process.executableURL = URL(filePath: "/usr/bin/diff")
            process.arguments = [
                "-u", "--label", "golden", "--label", "actual", expectedURL.path, actualURL.path,
            ]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let diff = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: diff, as: UTF8.self)
        } catch {
            return "(no diff: \(error))\n--- golden\n\(expected)\n+++ actual\n\(actual)"
        }
    }
}
