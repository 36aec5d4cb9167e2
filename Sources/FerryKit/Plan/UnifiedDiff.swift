/// A line diff in the unified format of `diff -u` (three lines of context), for
/// `ferry plan --check` to show what changed in a stale committed plan.
///
/// Myers' O((N + M) · D) algorithm after trimming the common head and tail, which is all a
/// regenerated plan usually differs by. When more than `maxEdits` lines differ the diff is one
/// hunk that replaces everything between the common head and tail: still a correct patch, only not
/// the smallest.
public struct UnifiedDiff: Sendable {
    public var context = 3
    public var maxEdits = 2_000

    public init() {}

    /// The diff from `old` to `new` with the two file labels, or `nil` when they are equal.
    public func diff(from old: [UInt8], to new: [UInt8], oldLabel: String, newLabel: String) -> String? {
        guard old != new else { return nil }
        let a = Lines(old), b = Lines(new)
        var ids: [ArraySlice<UInt8>: Int] = [:]
        func identify(_ lines: Lines) -> [Int] {
            lines.lines.indices.map { index in
                // A last line without a line feed differs from the same text with one.
                var key = lines.lines[index]
                if index == lines.lines.count - 1 && !lines.endsWithNewline { key = key + [0xFF] }
                if let id = ids[key] { return id }
                ids[key] = ids.count
                return ids.count - 1
            }
        }
        let x = identify(a), y = identify(b)
        let edits = script(x, y)
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks(edits) {
            out += hunk.header
            for edit in hunk.edits {
                switch edit {
                case .equal(let i, _): out += line(" ", a, i)
                case .delete(let i): out += line("-", a, i)
                case .insert(let j): out += line("+", b, j)
                }
            }
        }
        return out
    }

    // MARK: Lines

    private struct Lines {
        var lines: [ArraySlice<UInt8>] = []
        var endsWithNewline = true

        init(_ bytes: [UInt8]) {
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == 0x0A {
                lines.append(bytes[start..<index])
                start = index + 1
            }
            if start < bytes.count {
                lines.append(bytes[start...])
                endsWithNewline = false
            }
        }
    }

    private func line(_ marker: String, _ lines: Lines, _ index: Int) -> String {
        var text = marker + String(decoding: lines.lines[index], as: UTF8.self) + "\n"
        if index == lines.lines.count - 1 && !lines.endsWithNewline { text += "\\ No newline at end of file\n" }
        return text
    }

    // MARK: Edit script

    private enum Edit {
        case equal(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    private func script(_ x: [Int], _ y: [Int]) -> [Edit] {
        var head = 0
        while head < x.count && head < y.count && x[head] == y[head] { head += 1 }
        var tail = 0
        while tail < x.count - head && tail < y.count - head && x[x.count - 1 - tail] == y[y.count - 1 - tail] { tail += 1 }
        var edits: [Edit] = (0..<head).map { .equal($0, $0) }
        let middleX = Array(x[head..<(x.count - tail)]), middleY = Array(y[head..<(y.count - tail)])
        if let middle = myers(middleX, middleY) {
            for edit in middle {
                switch edit {
                case .equal(let i, let j): edits.append(.equal(i + head, j + head))
                case .delete(let i): edits.append(.delete(i + head))
                case .insert(let j): edits.append(.insert(j + head))
                }
            }
        } else {
            edits += middleX.indices.map { .delete($0 + head) }
            edits += middleY.indices.map { .insert($0 + head) }
        }
        edits += (0..<tail).map { .equal(x.count - tail + $0, y.count - tail + $0) }
        return edits
    }

    /// The shortest edit script, or `nil` when it needs more than `maxEdits` edits.
    private func myers(_ x: [Int], _ y: [Int]) -> [Edit]? {
        let n = x.count, m = y.count
        if n == 0 { return (0..<m).map { .insert($0) } }
        if m == 0 { return (0..<n).map { .delete($0) } }
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var i: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    i = v[offset + k + 1]
                } else {
                    i = v[offset + k - 1] + 1
                }
                var j = i - k
                while i < n && j < m && x[i] == y[j] {
                    i += 1
                    j += 1
                }
                v[offset + k] = i
                if i >= n && j >= m {
                    found = true
                    break search
                }
            }
        }
        guard found else { return nil }
        // Walk back through the saved frontiers (each saved before its round, so round d's
        // frontier is trace[d + 1], or `v` for the last round).
        var edits: [Edit] = []
        var i = n, j = m
        for d in stride(from: trace.count - 1, through: 1, by: -1) {
            let previous = trace[d]
            func at(_ k: Int) -> Int { previous[k + d + 1] }  // previous holds k in -d - 1 ... d + 1
            let k = i - j
            let fromBelow = k == -d || (k != d && at(k - 1) < at(k + 1))
            let previousK = fromBelow ? k + 1 : k - 1
            let previousI = at(previousK)
            let previousJ = previousI - previousK
            while i > previousI + (fromBelow ? 0 : 1) && j > previousJ + (fromBelow ? 1 : 0) {
                i -= 1
                j -= 1
                edits.append(.equal(i, j))
            }
            if fromBelow {
                j -= 1
                edits.append(.insert(j))
            } else {
                i -= 1
                edits.append(.delete(i))
            }
        }
        while i > 0 && j > 0 {
            i -= 1
            j -= 1
            edits.append(.equal(i, j))
        }
        return edits.reversed()
    }

    // MARK: Hunks

    private struct Hunk {
        var header: String
        var edits: [Edit]
    }

    private func hunks(_ edits: [Edit]) -> [Hunk] {
        let changed = edits.indices.filter { if case .equal = edits[$0] { false } else { true } }
        guard let first = changed.first else { return [] }
        var groups: [(Int, Int)] = []
        var start = max(0, first - context), end = min(edits.count, first + context + 1)
        for index in changed.dropFirst() {
            if index - context <= end {
                end = min(edits.count, index + context + 1)
            } else {
                groups.append((start, end))
                start = max(0, index - context)
                end = min(edits.count, index + context + 1)
            }
        }
        groups.append((start, end))
        return groups.map { start, end in
            let slice = Array(edits[start..<end])
            var oldStart = 0, newStart = 0, oldCount = 0, newCount = 0
            // Where the hunk starts in each file: the first line it touches on that side, or the
            // line before when it touches none (diff's convention for empty ranges).
            var oldFirst: Int?, newFirst: Int?
            for edit in slice {
                switch edit {
                case .equal(let i, let j):
                    oldFirst = oldFirst ?? i
                    newFirst = newFirst ?? j
                    oldCount += 1
                    newCount += 1
                case .delete(let i):
                    oldFirst = oldFirst ?? i
                    oldCount += 1
                case .insert(let j):
                    newFirst = newFirst ?? j
                    newCount += 1
                }
            }
            let before = edits[..<start]
            let oldBefore = before.count { if case .insert = $0 { false } else { true } }
            let newBefore = before.count { if case .delete = $0 { false } else { true } }
            oldStart = oldCount == 0 ? oldBefore : (oldFirst ?? oldBefore) + 1
            newStart = newCount == 0 ? newBefore : (newFirst ?? newBefore) + 1
            return Hunk(header: "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n", edits: slice)
        }
    }

    private func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }
}
