/// A size in bytes as messages print it: `512 bytes`, `1 MiB`, `70.3 MiB`.
///
/// Formatted with integer arithmetic so the text never depends on the machine's locale.
public struct ByteCount: CustomStringConvertible, Sendable, Hashable {
    public var bytes: Int

    public init(_ bytes: Int) {
        self.bytes = bytes
    }

    public var description: String {
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for (unit, size) in units where bytes >= size {
            let tenths = (bytes * 10 + size / 2) / size
            return tenths % 10 == 0 ? "\(tenths / 10) \(unit)" : "\(tenths / 10).\(tenths % 10) \(unit)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}

extension Unicode.Scalar {
    /// `U+0007` style, for messages about invisible characters.
    public var codePointDescription: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
