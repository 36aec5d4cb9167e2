import FerryKit
import Testing

@Suite struct ByteFingerprintTests {
    /// Values of the reference XXH64 (libxxhash 0.8.1, seed 0): the empty input, the tail paths
    /// (one, four and eight bytes), and the four-lane stripes of inputs of 32 bytes and more.
    @Test(arguments: [
        ("", 0xEF46_DB37_51D8_E999 as UInt64),
        ("a", 0xD24E_C4F1_A98C_6E5B),
        ("abc", 0x44BC_2CF5_AD77_0999),
        ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1),
    ])
    func matchesXXH64(text: String, expected: UInt64) {
        #expect(ByteFingerprint.of(Array(text.utf8)) == expected)
    }

    @Test func matchesXXH64OnALongInput() {
        let bytes = Array(repeating: Array(0...255 as ClosedRange<UInt8>), count: 3).flatMap { $0 } + Array("xyz".utf8)
        #expect(ByteFingerprint.of(bytes) == 0xE921_A1B4_5BD7_79F8)
    }

    @Test func tellsFilesOneByteApart() {
        var bytes = Array(repeating: UInt8(ascii: "x"), count: 4_096)
        let original = ByteFingerprint.of(bytes)
        bytes[2_000] = UInt8(ascii: "y")
        #expect(ByteFingerprint.of(bytes) != original)
    }
}
