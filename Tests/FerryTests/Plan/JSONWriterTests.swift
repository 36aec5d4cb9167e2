import Foundation
@testable import FerryKit
import Testing

/// The writer every generated document goes through: its layout, its escapes (checked eight
/// bytes at a time, so every position in and across words matters), and draining in chunks.
@Suite("JSON writer")
struct JSONWriterTests {
    private static func document(_ write: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter(capacity: 4)
        write(&json)
        json.finish()
        return String(decoding: json.drain(), as: UTF8.self)
    }

    @Test func layoutIsTwoSpacesWithSmallContainersOnOneLine() {
        let text = Self.document { json in
            json.beginObject()
            json.key("a")
            json.strings(["x", "y"])
            json.key("b")
            json.beginArray()
            json.integer(-3)
            json.bool(true)
            json.null()
            json.beginObject(inline: true)
            json.key("c")
            json.double(0.5)
            json.key("d")
            json.string(nil)
            json.endObject()
            json.endArray()
            json.key("e")
            json.beginArray()
            json.endArray()
            json.endObject()
        }
        #expect(text == """
            {
              "a": ["x", "y"],
              "b": [
                -3,
                true,
                null,
                {"c": 0.5, "d": null}
              ],
              "e": []
            }

            """)
    }

    @Test func escapesQuotesBackslashesAndControlCharactersOnly() {
        let text = Self.document { json in
            json.string("tab\there \"quoted\" back\\slash\nline\u{1}\u{1F} é 😀 </>")
        }
        #expect(text == #""tab\there \"quoted\" back\\slash\nline\u0001\u001f é 😀 </>""# + "\n")
    }

    /// A character that needs an escape at every position of strings of every length up to three
    /// words, and random strings over an alphabet rich in them: the text reads back the same.
    @Test func everyStringReadsBackAsWritten() throws {
        var strings: [String] = []
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "é"] {
            for length in 1...24 {
                for position in 0..<length {
                    var characters = Array(repeating: "a", count: length)
                    characters[position] = special
                    strings.append(characters.joined())
                }
            }
        }
        var random = SeededGenerator(seed: 11)
        let alphabet = ["a", "Z", "0", " ", "\"", "\\", "/", "\t", "\r", "\u{7F}", "\u{80}", "ß", "€", "😀", "\u{1B}"]
        for _ in 0..<500 {
            let length = Int.random(in: 0...40, using: &random)
            strings.append((0..<length).map { _ in alphabet.randomElement(using: &random)! }.joined())
        }
        let text = Self.document { json in
            json.beginArray()
            for string in strings { json.string(string) }
            json.endArray()
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        #expect(decoded == strings)
    }

    @Test func drainingHandsOverWhatWasWrittenAndStartsAgain() {
        var json = JSONWriter(capacity: 2)
        json.beginArray()
        for number in 0..<1_000 { json.integer(number) }
        let first = json.drain()
        #expect(json.count == 0)
        json.endArray()
        json.finish()
        let rest = json.drain()
        let whole = String(decoding: first + rest, as: UTF8.self)
        #expect(whole == "[\n" + (0..<1_000).map { "  \($0)" }.joined(separator: ",\n") + "\n]\n")
    }
}
