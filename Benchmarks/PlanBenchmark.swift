import Foundation
import FerryDiagnostics
import FerryKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ferry-benchmarks plan`: composing every source version of a long history to the newest one
/// and writing the JSON plan, at 250, 500 and 1,000 versions of 1,000 wait states each, with a
/// mapping file per minor that renames, merges and skips. Each size runs in a child process (this
/// executable again, `plan-once`), so that its peak memory (max RSS from `wait4`) is its own.
///
/// Two release cadences: every version a minor with its mapping file (the hardest case: each
/// source's plan lists the steps and skips of every later hop, so the JSON grows faster than the
/// versions), and a minor every ten versions, as in `ferry-benchmarks check`.
///
/// Targets: doubling the versions costs at most 2.2× the time; the 1,000-version run stays under
/// 1 GB. Relating every source to the target is linear in the versions (each source reuses the
/// relation of the versions after it), and so is making and validating the plans. The JSON grows
/// faster than the versions: each source's plan lists the steps and skips of every later hop, so
/// the `via` lists of all plans together grow with the square of the versions (2.6–2.7× per
/// doubling of the JSON when every version is a minor, 2.1–2.2× with a minor every ten). Writing
/// it overlaps composing (each plan is written while the next is made), so it costs wall-clock
/// time only where it outruns composing.
///
/// The models are built in memory (parsing is what `ferry-benchmarks check` measures); the timed
/// part is what `ferry plan -o` does after checking: `PlanComposer.start` (relating every source
/// to the target, printed as "relate") and `PlanJSONEmitter.emit(composing:)` making, validating
/// and writing every plan atomically to a file ("total" includes both). CPU time counts every
/// thread.
func runPlanBenchmark() {
    let runs = Int(ProcessInfo.processInfo.environment["FERRY_BENCH_RUNS"] ?? "") ?? 6
    let generator = PlanChainGenerator(versions: 0)
    print(
        "plan  input: N versions × \(generator.waitStates) user tasks; every mapping file renames \(generator.renames), "
            + "merges \(generator.merges * 2) into \(generator.merges), skips \(generator.skips) and the release adds tasks to keep "
            + "\(generator.waitStates); a variable every \(generator.variableEvery) minors; \(runs) rounds, each running the sizes forwards and back; "
            + "times are each size's best run, ratios the median of the rounds' own ratios"
    )
    for versionsPerMinor in [1, 10] {
        let cadence = versionsPerMinor == 1 ? "every version a minor" : "a minor every \(versionsPerMinor) versions"
        print("plan  \(cadence):")
        guard let series = runPlanSeries(versionsPerMinor: versionsPerMinor, runs: runs) else { return }
        for index in series.sizes.indices.dropLast() {
            let previous = series.best[index], next = series.best[index + 1]
            // A round's own ratio is measured within seconds, on runs placed symmetrically in
            // time; the median of the rounds' ratios is what a slow spell of a shared machine
            // disturbs least.
            func paired(_ value: (PlanRun) -> Double) -> Double {
                median(series.rounds.map { value($0[index + 1]) / value($0[index]) })
            }
            let ratio = paired(\.seconds)
            let relateRatio = paired(\.relateSeconds), cpuRatio = paired(\.cpuSeconds)
            let bytes = Double(next.outputBytes) / Double(previous.outputBytes)
            let label: String = "plan".padded(6) + "\(series.sizes[index]) → \(series.sizes[index + 1]) versions".padded(24)
            let verdict: String = ratio <= 2.2 ? "ok" : "ABOVE TARGET"
            print(
                label + "time " + Bench.format(ratio, decimals: 2) + "x (target <= 2.20x) " + verdict + "   relate "
                    + Bench.format(relateRatio, decimals: 2) + "x   CPU " + Bench.format(cpuRatio, decimals: 2) + "x   JSON size "
                    + Bench.format(bytes, decimals: 2) + "x   (best to best: " + Bench.format(next.seconds / previous.seconds, decimals: 2) + "x)"
            )
        }
        let peak = series.peaks.last ?? 0
        let verdict = peak < 1_000_000_000 ? "ok" : "ABOVE TARGET"
        print("plan".padded(6) + "peak RSS at \(series.sizes.last ?? 0) versions: \(megabytes(peak)) MB (target < 1000 MB) \(verdict)")
    }
}

/// Every round of one cadence: the runs of each size, each size's fastest run and its peak memory.
private struct PlanSeries {
    var sizes: [Int]
    /// One entry per round: per size, its two runs of the round added up.
    var rounds: [[PlanRun]]
    /// Per size, the fastest run of all rounds.
    var best: [PlanRun]
    /// Per size, the highest peak memory of all its runs.
    var peaks: [Int]
}

/// Runs 250, 500 and 1,000 versions, each twice per round in a child, and prints each size's
/// best. A round runs the sizes forwards and then backwards (250, 500, 1,000, 1,000, 500, 250),
/// so that a machine slowing down or speeding up during the round weighs the same on every size
/// of it, and a slow spell longer than a round falls on all of them rather than on one.
private func runPlanSeries(versionsPerMinor: Int, runs: Int) -> PlanSeries? {
    let sizes = [250, 500, 1_000]
    var rounds: [[PlanRun]] = []
    var all: [[PlanRun]] = Array(repeating: [], count: sizes.count)
    for _ in 0..<max(runs, 1) {
        var round: [PlanRun?] = Array(repeating: nil, count: sizes.count)
        for index in Array(sizes.indices) + sizes.indices.reversed() {
            guard let run = runPlanChild(versions: sizes[index], versionsPerMinor: versionsPerMinor) else { return nil }
            all[index].append(run)
            round[index] = round[index].map { $0.adding(run) } ?? run
        }
        rounds.append(round.map { $0! })
    }
    let best = all.map { runs in runs.min { $0.seconds < $1.seconds }! }
    let peaks = all.map { runs in runs.reduce(0) { max($0, $1.maxRSS) } }
    for (index, run) in best.enumerated() {
        var line: String = "plan".padded(6) + "\(sizes[index]) versions".padded(16)
        line += "relate " + secondsText(run.relateSeconds) + "  total " + secondsText(run.seconds)
        line += " (CPU " + secondsText(run.cpuSeconds) + ")"
        line += "  JSON " + (megabytes(run.outputBytes) + " MB").leftPadded(9)
        line += "  peak RSS " + (megabytes(peaks[index]) + " MB").leftPadded(9)
        print(line)
    }
    return PlanSeries(sizes: sizes, rounds: rounds, best: best, peaks: peaks)
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// `ferry-benchmarks plan-once N K`: one timed run (N versions, a minor every K) in this process, reported on standard output
/// as `key=value` words for the parent.
func runPlanOnce(versions: Int, versionsPerMinor: Int) {
    var generator = PlanChainGenerator(versions: versions)
    generator.versionsPerMinor = versionsPerMinor
    let history = generator.history()
    let clock = ContinuousClock()
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-plan-bench-\(getpid()).json").path
    // FERRY_BENCH_KEEP=1 leaves the plan in the temporary folder, to look at.
    defer { if ProcessInfo.processInfo.environment["FERRY_BENCH_KEEP"] == nil { unlink(output) } }

    let startedCPU = processCPUSeconds()
    let started = clock.now
    var composition: PlanComposition? = PlanComposer().start(history)
    let related = clock.now
    var bytes = 0
    var diagnostics: [Diagnostic] = []
    do {
        try OutputFile(path: output).write { sink throws(OutputFile.WriteError) in
            let plans = composition.take()!
            diagnostics = try PlanJSONEmitter().emit(composing: plans, inputs: generator.inputs, planDirectory: PlanChainGenerator.directory) { (chunk: UnsafeBufferPointer<UInt8>) throws(OutputFile.WriteError) in
                bytes += chunk.count
                try sink(chunk)
            }
        }
    } catch {
        fatalError("\(error)")
    }
    let written = clock.now
    let cpu = processCPUSeconds() - startedCPU
    guard diagnostics.isEmpty else {
        let shown = diagnostics.prefix(3).map { "\($0.code.rawValue) \($0.message)" }
        fatalError("the generated history must compose cleanly:\n" + shown.joined(separator: "\n"))
    }
    // FERRY_BENCH_APART=1: also time composing alone, and writing alone into memory, one after the other.
    if ProcessInfo.processInfo.environment["FERRY_BENCH_APART"] != nil {
        var composed = PlanComposer().compose(history).plan
        let composeOnly = clock.measure { composed = PlanComposer().compose(history).plan }
        var counted = 0
        let emitOnly = clock.measure {
            PlanJSONEmitter().emit(composed, inputs: generator.inputs, planDirectory: PlanChainGenerator.directory) { counted += $0.count }
        }
        let steps = composed.plans.reduce(0) { total, plan in
            total + plan.instructions.reduce(0) { $0 + $1.via.count } + plan.skipped.reduce(0) { $0 + $1.via.count }
        }
        FileHandle.standardError.write(Data("compose only: \(seconds(composeOnly)) s; emit only: \(seconds(emitOnly)) s for \(counted) bytes, \(steps) via steps\n".utf8))
    }
    print("relate=\(seconds(related - started)) total=\(seconds(written - started)) cpu=\(cpu) bytes=\(bytes)")
}

/// The history the plan benchmark composes, built as models in memory: version 1.v.0 for v in
/// 0 ..< versions, each a minor release of `waitStates` user tasks, each minor with a mapping file.
///
/// Every mapping file renames `renames` tasks, merges `merges` pairs of tasks into a new one,
/// skips `skips` and the release adds tasks to keep the count; which tasks, moves round the
/// process from one release to the next, so most tasks are renamed at some point of a long history.
struct PlanChainGenerator {
    static let directory = "plans/orders"

    var versions: Int
    /// Versions per minor series: 1 makes every release a minor (a mapping file per hop); 10
    /// gives nine patch releases between minors, as `ferry-benchmarks check` has.
    var versionsPerMinor = 1
    var waitStates = 1_000
    var renames = 3
    var merges = 1
    var skips = 1
    var variableEvery = 50

    var inputs: [InputFingerprint] {
        let zero = String(repeating: "0", count: 64)
        let definitions = (0..<versions).map { InputFingerprint(path: definitionPath($0), sha256: zero) }
        let minors = (versions + versionsPerMinor - 1) / versionsPerMinor
        let mappings = (1..<max(minors, 1)).map { InputFingerprint(path: mappingPath(toMinor: $0), sha256: zero) }
        return definitions + mappings
    }

    func semanticVersion(_ index: Int) -> SemanticVersion {
        SemanticVersion(major: 1, minor: index / versionsPerMinor, patch: index % versionsPerMinor)
    }

    func definitionPath(_ index: Int) -> String { "\(Self.directory)/definitions/orders-\(semanticVersion(index)).bpmn" }
    func mappingPath(toMinor minor: Int) -> String { "\(Self.directory)/mappings/1.\(minor - 1)-to-1.\(minor).yaml" }

    func history() -> ProcessHistory {
        var next = 0
        func fresh() -> String {
            defer { next += 1 }
            return "task\(next)"
        }
        var ids = (0..<waitStates).map { _ in fresh() }
        var definitions: [ProcessDefinition] = []
        var hops: [Hop] = []
        for version in 0..<versions {
            definitions.append(definition(version, ids))
            guard version + 1 < versions else { break }
            if (version + 1) % versionsPerMinor != 0 {
                hops.append(Hop(kind: .patch, from: definitions[version], to: definition(version + 1, ids), mapping: nil))
                continue
            }
            // The next release's mapping: which positions it touches moves round the process.
            let count = ids.count
            var positions: [Int] = []
            var cursor = (version * 37) % count
            while positions.count < renames + 2 * merges + skips {
                if !positions.contains(cursor) { positions.append(cursor) }
                cursor = (cursor + 131) % count
            }
            var entries: [(String, String?)] = []
            var newer = ids
            var removed: Set<String> = []
            var position = positions.makeIterator()
            for _ in 0..<renames {
                let source = ids[position.next()!], target = fresh()
                entries.append((source, target))
                newer[newer.firstIndex(of: source)!] = target
            }
            for _ in 0..<merges {
                let a = ids[position.next()!], b = ids[position.next()!], target = fresh()
                entries += [(a, target), (b, target)]
                newer[newer.firstIndex(of: a)!] = target
                removed.insert(b)
            }
            for _ in 0..<skips {
                let source = ids[position.next()!]
                entries.append((source, nil))
                removed.insert(source)
            }
            newer.removeAll { removed.contains($0) }
            while newer.count < waitStates { newer.append(fresh()) }
            let mapping = mappingFile(toMinor: (version + 1) / versionsPerMinor, entries: entries)
            ids = newer
            let following = definition(version + 1, ids)
            hops.append(Hop(kind: .minor, from: definitions[version], to: following, mapping: mapping))
        }
        return ProcessHistory(processID: "orders", engine: .camunda7, versions: definitions, hops: hops)
    }

    private func definition(_ version: Int, _ ids: [String]) -> ProcessDefinition {
        let file = definitionPath(version)
        var elements: [FlowElement] = []
        elements.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            var element = FlowElement(id: id, kind: .userTask, location: location(file, line: index + 5, column: 5))
            element.camunda7Behavior = "UserTaskActivityBehavior"
            element.isWaitState = true
            elements.append(element)
        }
        return ProcessDefinition(
            file: file, engine: .camunda7, id: "orders", name: "Orders",
            location: location(file, line: 3, column: 3),
            version: semanticVersion(version),
            versionLocation: location(file, line: 3, column: 40),
            elements: elements
        )
    }

    /// `ferry: 1 … activities:` with one line per rename or merge source and two per skip.
    private func mappingFile(toMinor version: Int, entries: [(source: String, target: String?)]) -> MappingFile {
        let path = mappingPath(toMinor: version)
        var line = 6
        var activities: [MappingEntry] = []
        for (source, target) in entries {
            let key = Located(source, at: location(path, line: line, column: 3))
            if let target {
                let written = Located(target, at: location(path, line: line, column: source.count + 5))
                activities.append(MappingEntry(source: key, action: .map(targets: [written], updateEventTrigger: nil), location: key.location))
                line += 1
            } else {
                let reason = Located("Finished on 1.\(version - 1) before the release", at: location(path, line: line + 1, column: 11))
                activities.append(MappingEntry(source: key, action: .skip(reason: reason), location: key.location))
                line += 2
            }
        }
        var variables: [VariableAssignment] = []
        if (version - 1) % variableEvery == 0 {
            let name = Located("release", at: location(path, line: line + 2, column: 5))
            variables.append(VariableAssignment(name: name, value: Located(.string("1.\(version)"), at: name.location), type: nil, location: name.location))
        }
        return MappingFile(
            path: path,
            grammarVersion: Located(1, at: location(path, line: 1, column: 8)),
            process: Located("orders", at: location(path, line: 2, column: 10)),
            from: Located(MinorVersion(major: 1, minor: version - 1), at: location(path, line: 3, column: 7)),
            to: Located(MinorVersion(major: 1, minor: version), at: location(path, line: 4, column: 5)),
            activities: activities,
            variables: variables,
            location: location(path, line: 1, column: 1)
        )
    }

    private func location(_ file: String, line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, range: SourceRange(at: SourcePosition(line: line, column: column, offset: 0)))
    }
}

/// One `plan-once` child: its own timings and output, and its peak memory from `wait4`.
private struct PlanRun {
    /// CPU time (user and system, every thread) of composing and writing.
    var cpuSeconds: Double
    /// Relating every source to the target: what comes before the first plan can be made.
    var relateSeconds: Double
    /// Relating, then making and validating every plan while writing it.
    var seconds: Double
    var outputBytes: Int
    var maxRSS: Int

    /// This run's times plus another's of the same size (its output is the same).
    func adding(_ other: PlanRun) -> PlanRun {
        var sum = self
        sum.cpuSeconds += other.cpuSeconds
        sum.relateSeconds += other.relateSeconds
        sum.seconds += other.seconds
        return sum
    }
}

private func runPlanChild(versions: Int, versionsPerMinor: Int) -> PlanRun? {
    let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-plan-bench-\(getpid())-\(versions).out").path
    defer { unlink(capture) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([own, "plan-once", String(versions), String(versionsPerMinor)] as [String]).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    guard posix_spawn(&pid, own, &actions, nil, argv, environ) == 0 else {
        print("plan".padded(6) + "cannot start \(own)")
        return nil
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 {
        guard errno == EINTR else { return nil }
    }
    guard status == 0, let text = try? String(contentsOfFile: capture, encoding: .utf8) else {
        print("plan".padded(6) + "\(versions) versions: the child failed (status \(status))")
        return nil
    }
    var values: [String: Double] = [:]
    for word in text.split(whereSeparator: \.isWhitespace) {
        let parts = word.split(separator: "=")
        if parts.count == 2 { values[String(parts[0])] = Double(parts[1]) }
    }
    #if os(Linux)
    let maxRSS = Int(usage.ru_maxrss) * 1_024
    #else
    let maxRSS = Int(usage.ru_maxrss)
    #endif
    return PlanRun(
        cpuSeconds: values["cpu"] ?? 0, relateSeconds: values["relate"] ?? 0, seconds: values["total"] ?? 0,
        outputBytes: Int(values["bytes"] ?? 0), maxRSS: maxRSS
    )
}

private func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

private func secondsText(_ value: Double) -> String {
    (Bench.format(value, decimals: 3) + " s").leftPadded(9)
}

private func megabytes(_ bytes: Int) -> String {
    Bench.format(Double(bytes) / 1_000_000, decimals: 1)
}
