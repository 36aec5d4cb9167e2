import Foundation
import FerryDiagnostics
import FerryKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ferry check` on a generated plan directory of 200 versions × 1,000 flow nodes (Camunda 7 with
/// full diagram interchange) and 19 mapping files, against the raw parse floor: libxml2's SAX
/// loop over every definition plus libyaml's event loop over every mapping file. Also runs the
/// release `ferry` binary as a child process to measure its peak memory (max RSS) against the
/// size of the input.
///
/// Targets: check ≤ 2× the floor; peak RSS below the total input size.
func runCheckBenchmark() {
    let generator = CheckPlanGenerator()
    let fileManager = FileManager.default
    let environment = ProcessInfo.processInfo.environment
    // FERRY_BENCH_KEEP=DIR writes the plan directory there and keeps it (for profiling `ferry check`);
    // FERRY_BENCH_PLAN=DIR checks one written so before instead of generating it again.
    let reused = environment["FERRY_BENCH_PLAN"]
    let kept = reused ?? environment["FERRY_BENCH_KEEP"]
    let root = kept ?? fileManager.temporaryDirectory.appendingPathComponent("ferry-check-bench-\(getpid())").path
    let plan = root + "/orders"
    defer { if kept == nil { try? fileManager.removeItem(atPath: root) } }
    // FERRY_BENCH_RUNS=N takes N turns of floor and check (5 unless told; 1 under a profiler).
    let runs = environment["FERRY_BENCH_RUNS"].flatMap { Int($0) }.map { max($0, 1) } ?? 5

    let generation = ContinuousClock().measure {
        if reused == nil { writePlan(generator, at: plan) }
    }
    let definitions = (try? fileManager.contentsOfDirectory(atPath: plan + "/definitions"))?.sorted().map { plan + "/definitions/" + $0 } ?? []
    let mappings = (try? fileManager.contentsOfDirectory(atPath: plan + "/mappings"))?.sorted().map { plan + "/mappings/" + $0 } ?? []
    let definitionBytes = definitions.reduce(0) { $0 + fileSize($1) }
    let mappingBytes = mappings.reduce(0) { $0 + fileSize($1) }
    let inputBytes = definitionBytes + mappingBytes
    print(
        "check input: \(definitions.count) definitions (\(megabytes(definitionBytes)) MB), \(mappings.count) mapping files "
            + "(\(Bench.format(Double(mappingBytes) / 1_000, decimals: 1)) kB), \(megabytes(inputBytes)) MB in all; "
            + "\(generator.flowNodes) flow nodes per definition; generated in \(Bench.format(seconds(generation), decimals: 1)) s"
    )

    let plans: [PlanDirectory]
    do {
        plans = try PlanDiscovery().planDirectories(under: [root])
    } catch {
        fatalError("the generated plan directory is not found: \(error)")
    }
    // The floor and the check take turns, so that both see the same machine: timings on a shared
    // machine drift by tens of percent within a minute.
    var floorSeconds = Double.infinity
    var checkSeconds = Double.infinity
    var oneThreadSeconds = Double.infinity
    var oneThread = Checker()
    oneThread.readsConcurrently = false
    for _ in 0..<runs {
        floorSeconds = min(floorSeconds, parseFloor(definitions: definitions, mappings: mappings))
        checkSeconds = min(checkSeconds, checkInProcess(plans, Checker()))
        oneThreadSeconds = min(oneThreadSeconds, checkInProcess(plans, oneThread))
    }
    print("check".padded(6) + "raw floor (libxml2 SAX + libyaml)".padded(36) + secondsText(floorSeconds))
    let ratio = checkSeconds / floorSeconds
    print(
        "check".padded(6) + "Checker in-process".padded(36) + secondsText(checkSeconds)
            + "   " + Bench.format(ratio, decimals: 2) + "x floor (target <= 2.00x) " + (ratio <= 2 ? "ok" : "ABOVE TARGET")
    )
    // For information: the same with the definitions read one after another, as the floor is.
    print(
        "check".padded(6) + "Checker in-process, one thread".padded(36) + secondsText(oneThreadSeconds)
            + "   " + Bench.format(oneThreadSeconds / floorSeconds, decimals: 2) + "x floor"
    )

    guard let binary = ferryBinary() else {
        print("check".padded(6) + "ferry binary: not built; run `swift build -c release --scratch-path .build-bench` first")
        return
    }
    var best = Double.infinity
    var bestCPU = 0.0
    var peak = 0
    for _ in 0..<3 {
        guard let run = runChild(binary, ["check", "--format", "json", root]) else { return }
        guard run.status == 0 else {
            print("check".padded(6) + "ferry binary: exit status \(run.status) (expected 0)")
            return
        }
        if run.seconds < best { (best, bestCPU) = (run.seconds, run.cpuSeconds) }
        peak = max(peak, run.maxRSS)
    }
    let binaryRatio = best / floorSeconds
    print(
        "check".padded(6) + "ferry check (release binary)".padded(36) + secondsText(best)
            + "   " + Bench.format(binaryRatio, decimals: 2) + "x floor (target <= 2.00x) " + (binaryRatio <= 2 ? "ok" : "ABOVE TARGET")
            + " (CPU " + Bench.format(bestCPU, decimals: 3) + " s = " + Bench.format(bestCPU / floorSeconds, decimals: 2) + "x floor)"
    )
    let share = Double(peak) / Double(inputBytes)
    let verdict = peak < inputBytes ? "ok" : "ABOVE TARGET"
    let shareText = Bench.format(share, decimals: 2) + "x input of " + megabytes(inputBytes) + " MB (target < 1.00x) " + verdict
    let peakText = (megabytes(peak) + " MB").leftPadded(10)
    print("check".padded(6) + "peak RSS of ferry check".padded(36) + peakText + "   " + shareText)
}

/// The raw parse floor in seconds: libxml2's SAX loop over every definition and libyaml's event
/// loop over every mapping file, each file's bytes read beforehand and not timed. (Never inlined,
/// so that a profiler can collect it alone: `valgrind --tool=callgrind --collect-atstart=no
/// --toggle-collect=…`.)
@inline(never)
private func parseFloor(definitions: [String], mappings: [String]) -> Double {
    let clock = ContinuousClock()
    var parsing = Duration.zero
    var count = 0
    for path in definitions {
        let bytes = readBytes(path)
        parsing += clock.measure { count += rawElementCount(bytes) }
    }
    for path in mappings {
        let bytes = readBytes(path)
        parsing += clock.measure { count += rawEventCount(bytes) }
    }
    precondition(count > 0, "the floor parsed nothing")
    return seconds(parsing)
}

/// One whole `ferry check` of the plan directories through the library, in seconds.
@inline(never)
private func checkInProcess(_ plans: [PlanDirectory], _ checker: Checker) -> Double {
    var result: CheckResult?
    let duration = ContinuousClock().measure { result = checker.check(plans) }
    guard let result, result.report.diagnostics.isEmpty else {
        let report = result?.report ?? DiagnosticReport()
        let shown = report.sorted.prefix(5).map { "\($0.code.rawValue) \($0.location.file):\($0.location.start.line) \($0.message)" }
        fatalError("the generated plan must check cleanly; \(report.diagnostics.count) findings:\n" + shown.joined(separator: "\n"))
    }
    return seconds(duration)
}

// MARK: Input

private func writePlan(_ generator: CheckPlanGenerator, at plan: String) {
    let fileManager = FileManager.default
    for folder in ["definitions", "mappings"] {
        try! fileManager.createDirectory(atPath: plan + "/" + folder, withIntermediateDirectories: true)
    }
    for minor in 0..<generator.minors {
        for patch in 0..<generator.patches {
            let text = generator.definition(minor: minor, patch: patch)
            write(text, to: plan + "/definitions/" + generator.definitionFileName(minor: minor, patch: patch))
        }
        if minor > 0 {
            write(generator.mapping(toMinor: minor), to: plan + "/mappings/" + generator.mappingFileName(toMinor: minor))
        }
    }
}

private func write(_ text: String, to path: String) {
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        fatalError("cannot write \(path)")
    }
}

private func readBytes(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
    return [UInt8](data)
}

private func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}

// MARK: The ferry binary

/// The release `ferry` next to this benchmark's own executable (one scratch path builds both).
private func ferryBinary() -> String? {
    let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let candidate = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("ferry").path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}

/// What one run of a child process took: wall-clock time, exit status and peak resident memory.
private struct ChildRun {
    var seconds: Double
    /// User plus system time.
    var cpuSeconds: Double
    var status: Int32
    /// Bytes (getrusage reports kilobytes on Linux and bytes on macOS).
    var maxRSS: Int
}

/// The argument that makes `ferry-benchmarks` run the rest of its arguments as a child and print
/// what the child took (see ``measureChild(_:)``).
let measureChildArgument = "--measure-child"

/// Runs `path` with `arguments` through a fresh `ferry-benchmarks --measure-child`, which reports
/// the child's resource usage.
///
/// Not spawned from here directly: `posix_spawn` starts the child in the benchmark's own memory
/// until it executes, and Linux counts that memory's high-water mark in the child's `ru_maxrss`,
/// so after the in-process checks the figure would be the benchmark's, not ferry's. The helper
/// is small when it spawns ferry.
private func runChild(_ path: String, _ arguments: [String]) -> ChildRun? {
    let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { return nil }
    guard let helper = spawnAndWait(own, [measureChildArgument, path] + arguments, standardOutput: pipeEnds[1], closing: pipeEnds[0]) else {
        close(pipeEnds[0])
        return nil
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    while true {
        let count = read(pipeEnds[0], &buffer, buffer.count)
        if count > 0 { output += buffer[0..<count] } else if count == 0 || errno != EINTR { break }
    }
    close(pipeEnds[0])
    let fields = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isWhitespace)
    guard helper.status == 0, fields.count == 4, let seconds = Double(fields[0]), let cpu = Double(fields[1]),
          let status = Int32(fields[2]), let maxRSS = Int(fields[3]) else {
        print("check".padded(6) + "ferry binary: the measuring helper failed")
        return nil
    }
    return ChildRun(seconds: seconds, cpuSeconds: cpu, status: status, maxRSS: maxRSS)
}

/// `ferry-benchmarks --measure-child PATH ARGUMENTS…`: runs the child with its output discarded
/// and prints its wall-clock seconds, CPU seconds, exit status and peak RSS in bytes.
func measureChild(_ command: [String]) -> Int32 {
    guard let path = command.first, let run = spawnAndWait(path, Array(command.dropFirst())) else { return 1 }
    print(run.seconds, run.cpuSeconds, run.status, run.maxRSS)
    return 0
}

/// Runs `path` with `arguments`, its standard error discarded and its standard output discarded
/// or sent to `standardOutput`, and reports its own resource usage from `wait4`.
private func spawnAndWait(_ path: String, _ arguments: [String], standardOutput: Int32? = nil, closing: Int32? = nil) -> ChildRun? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let standardOutput {
        posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        posix_spawn_file_actions_addclose(&actions, standardOutput)
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    if let closing { posix_spawn_file_actions_addclose(&actions, closing) }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { if let standardOutput { close(standardOutput) } }
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let clock = ContinuousClock()
    let started = clock.now
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else {
        print("check".padded(6) + "ferry binary: cannot start \(path)")
        return nil
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 {
        guard errno == EINTR else { return nil }
    }
    let elapsed = clock.now - started
    #if os(Linux)
    let maxRSS = Int(usage.ru_maxrss) * 1_024
    #else
    let maxRSS = Int(usage.ru_maxrss)
    #endif
    let exited = status & 0x7F == 0
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return ChildRun(
        seconds: seconds(elapsed), cpuSeconds: cpu, status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), maxRSS: maxRSS
    )
}

// MARK: Formatting

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

private func secondsText(_ value: Double) -> String {
    (Bench.format(value, decimals: 3) + " s").leftPadded(10)
}

private func megabytes(_ bytes: Int) -> String {
    Bench.format(Double(bytes) / 1_000_000, decimals: 1)
}
