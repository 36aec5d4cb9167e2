/// Word-at-a-time byte tests ("SWAR"): scanning input eight bytes at a time keeps the line table
/// and the YAML character checks far cheaper than libyaml itself.
public enum ByteScan {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is zero.
    @inlinable
    public static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }

    /// Whether any byte of `word` equals `byte`.
    @inlinable
    public static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasZeroByte(word ^ (ones &* UInt64(byte)))
    }

    /// Whether any byte of `word` is 0x80 or above.
    @inlinable
    public static func hasNonASCII(_ word: UInt64) -> Bool {
        word & highBits != 0
    }

    /// Whether any byte of an all-ASCII `word` is below `limit` (limit ≤ 0x80).
    @inlinable
    public static func hasByteBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highBits != 0
    }

    /// The eight bytes at `index`, in memory order.
    @inlinable
    public static func word(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
    }
}
