/// Timing helpers shared by the YAML and XML benchmarks.
enum Bench {
    /// The best wall-clock time of `runs` runs of `body`, in seconds. The body returns a count
    /// that is checked to be the same every run, so the optimiser cannot skip the work.
    static func best(runs: Int = 5, _ body: () -> Int) -> (seconds: Double, count: Int) {
        let clock = ContinuousClock()
        var best = Double.infinity
        var count = -1
        for _ in 0..<runs {
            var result = 0
            let duration = clock.measure { result = body() }
            precondition(count == -1 || count == result, "benchmark body is not deterministic")
            count = result
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            best = min(best, seconds)
        }
        return (best, count)
    }

    /// The best wall-clock times of `runs` runs each of `first` and `second`, taken by turns, so
    /// that both see the same machine: on a shared virtual machine the speed drifts over seconds,
    /// and measuring one body after the other would put the drift into their ratio.
    static func bestByTurns(
        runs: Int,
        _ first: () -> Int,
        _ second: () -> Int
    ) -> (first: (seconds: Double, count: Int), second: (seconds: Double, count: Int)) {
        var firstBest = (seconds: Double.infinity, count: -1)
        var secondBest = (seconds: Double.infinity, count: -1)
        for _ in 0..<runs {
            let a = best(runs: 1, first)
            let b = best(runs: 1, second)
            precondition(firstBest.count == -1 || (firstBest.count == a.count && secondBest.count == b.count),
                         "benchmark body is not deterministic")
            firstBest = (min(firstBest.seconds, a.seconds), a.count)
            secondBest = (min(secondBest.seconds, b.seconds), b.count)
        }
        return (firstBest, secondBest)
    }

    static func megabytesPerSecond(_ bytes: Int, _ seconds: Double) -> Double {
        Double(bytes) / 1_000_000 / seconds
    }

    /// One result line: `yaml  Ferry YAML node tree   31.2 MB/s   0.62x raw (target >= 0.60x)`.
    static func line(_ family: String, _ name: String, bytes: Int, seconds: Double, raw: Double? = nil) -> String {
        let rate = megabytesPerSecond(bytes, seconds)
        var text = family.padded(6) + name.padded(32) + format(rate, decimals: 1).leftPadded(8) + " MB/s"
        if let raw {
            let ratio = rate / megabytesPerSecond(bytes, raw)
            text += "   " + format(ratio, decimals: 2) + "x raw (target >= 0.60x) " + (ratio >= 0.6 ? "ok" : "BELOW TARGET")
        }
        return text
    }

    static func format(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = scaled % Int(scale)
        guard decimals > 0 else { return "\(whole)" }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
