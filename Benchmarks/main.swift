/// `ferry-benchmarks [yaml|xml|model|check|plan]…`: the named benchmarks, or all of them without an argument.
import Foundation

// `plan-once N K` is the plan benchmark's child process (one size, measured on its own).
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "plan-once",
   let versions = Int(CommandLine.arguments[2]), let versionsPerMinor = Int(CommandLine.arguments[3]) {
    runPlanOnce(versions: versions, versionsPerMinor: versionsPerMinor)
    exit(0)
}

let benchmarks: [(name: String, run: () -> Void)] = [
    ("yaml", runYAMLBenchmark),
    ("xml", runXMLBenchmark),
    ("model", runModelBenchmark),
    ("check", runCheckBenchmark),
    ("plan", runPlanBenchmark),
]
if CommandLine.arguments.count > 2, CommandLine.arguments[1] == measureChildArgument {
    exit(measureChild(Array(CommandLine.arguments.dropFirst(2))))
}
let selected = Array(CommandLine.arguments.dropFirst())
let unknown = selected.filter { name in !benchmarks.contains { $0.name == name } }
guard unknown.isEmpty else {
    print("unknown benchmark \(unknown.joined(separator: ", ")); choose from \(benchmarks.map(\.name).joined(separator: ", "))")
    exit(64)
}
for benchmark in benchmarks where selected.isEmpty || selected.contains(benchmark.name) {
    benchmark.run()
}
