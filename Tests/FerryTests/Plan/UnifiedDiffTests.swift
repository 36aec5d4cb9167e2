import FerryKit
import Testing

@Suite("Unified diff (ferry plan --check)")
struct UnifiedDiffTests {
    private func diff(_ old: String, _ new: String) -> String? {
        UnifiedDiff().diff(from: Array(old.utf8), to: Array(new.utf8), oldLabel: "old", newLabel: "new")
    }

    @Test func equalInputsHaveNoDiff() {
        #expect(diff("a\nb\n", "a\nb\n") == nil)
    }

    @Test func oneChangedLineWithThreeLinesOfContext() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(diff(old, new) == """
            --- old
            +++ new
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test func distantChangesMakeTwoHunks() throws {
        let old = (1...20).map { "\($0)\n" }.joined()
        var lines = (1...20).map { "\($0)" }
        lines[1] = "two"
        lines[17] = "eighteen"
        let new = lines.map { $0 + "\n" }.joined()
        let result = try #require(diff(old, new))
        #expect(result.split(separator: "\n").filter { $0.hasPrefix("@@ ") }.count == 2)
        #expect(result.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"))
        #expect(result.contains("@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n"))
    }

    @Test func insertionIntoAnEmptyFileAndAMissingFinalNewline() {
        #expect(diff("", "a\nb\n") == "--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(diff("a\nb", "a\nb\n") == "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
    }

    /// Applying the diff to the old text gives the new one, for random edits of random texts.
    @Test(arguments: Array(UInt64(1)...40))
    func applyingTheDiffGivesTheNewText(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let alphabet = ["a", "b", "c", "d", "e", "{", "}", "  \"x\": 1,"]
        var old: [String] = (0..<Int(random.next() % 60)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
        var new = old
        for _ in 0..<Int(random.next() % 8) {
            let position = new.isEmpty ? 0 : Int(random.next() % UInt64(new.count))
            switch random.next() % 3 {
            case 0: new.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
            case 1: if !new.isEmpty { new.remove(at: position) }
            default: if !new.isEmpty { new[position] = "changed" }
            }
        }
        if seed % 5 == 0 { old = [] }
        let oldText = old.map { $0 + "\n" }.joined(), newText = new.map { $0 + "\n" }.joined()
        guard let patch = diff(oldText, newText) else {
            #expect(oldText == newText)
            return
        }
        #expect(try apply(patch, to: old) == new)
    }

    /// A minimal `patch` for the tests: hunks applied at their stated old line numbers.
    private func apply(_ patch: String, to old: [String]) throws -> [String] {
        var lines = patch.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeFirst(2)
        var result: [String] = []
        var position = 0
        var index = 0
        while index < lines.count, lines[index].hasPrefix("@@ ") {
            let header = lines[index].split(separator: " ")
            let oldRange = header[1].dropFirst().split(separator: ",")
            var start = Int(oldRange[0])!
            let count = oldRange.count > 1 ? Int(oldRange[1])! : 1
            if count > 0 { start -= 1 }
            result += old[position..<start]
            position = start
            index += 1
            while index < lines.count, let marker = lines[index].first, marker != "@" {
                let text = String(lines[index].dropFirst())
                switch marker {
                case " ":
                    try #require(old[position] == text)
                    result.append(text)
                    position += 1
                case "-":
                    try #require(old[position] == text)
                    position += 1
                default:
                    result.append(text)
                }
                index += 1
            }
            if index < lines.count, lines[index].isEmpty { index += 1 }
        }
        result += old[position...]
        return result
    }
}
