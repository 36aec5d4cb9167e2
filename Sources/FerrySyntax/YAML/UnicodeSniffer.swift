import FerryDiagnostics

/// Byte-level checks YAML input must pass before libyaml reads it.
enum UnicodeSniffer {
    enum ProblemKind: Equatable {
        case invalidUTF8
        case nul
        case control(Unicode.Scalar)
    }

    struct Problem: Equatable {
        var kind: ProblemKind
        var offset: Int
        /// Bytes covered by the problem (at least 1).
        var length: Int
    }

    /// The name of a non-UTF-8 encoding announced by a byte-order mark, if any.
    static func nonUTF8Encoding(of bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 (little-endian)" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
        return nil
    }

    /// The first byte sequence that is not valid UTF-8 or is a character YAML forbids, using
    /// libyaml's own rule: tab, LF, CR, printable ASCII, NEL, and U+00A0 and above except
    /// surrogates, U+FFFE and U+FFFF.
    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                // Eight printable ASCII bytes at a time (nothing below 0x20, no DEL, no high bit).
                while index + 8 <= count {
                    let word = ByteScan.word(buffer, at: index)
                    if ByteScan.hasNonASCII(word) || ByteScan.hasByteBelow(word, 0x20) || ByteScan.hasByte(word, 0x7F) { break }
                    index += 8
                }
                guard index < count else { break }
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte >= 0x20 && byte != 0x7F || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                        index += 1
                        continue
                    }
                    let kind: ProblemKind = byte == 0 ? .nul : .control(Unicode.Scalar(byte))
                    return Problem(kind: kind, offset: index, length: 1)
                }
                let (length, minimum): (Int, UInt32) = switch byte {
                case 0xC2...0xDF: (2, 0x80)
                case 0xE0...0xEF: (3, 0x800)
                case 0xF0...0xF4: (4, 0x10000)
                default: (0, 0)
                }
                guard length > 0, index + length <= count else {
                    return Problem(kind: .invalidUTF8, offset: index, length: 1)
                }
                var value = UInt32(byte) & (0xFF >> (length + 1))
                for next in 1..<length {
                    let continuation = buffer[index + next]
                    guard continuation & 0xC0 == 0x80 else {
                        return Problem(kind: .invalidUTF8, offset: index, length: next)
                    }
                    value = value << 6 | UInt32(continuation & 0x3F)
                }
                guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value),
                      let scalar = Unicode.Scalar(value) else {
                    return Problem(kind: .invalidUTF8, offset: index, length: length)
                }
                if value < 0xA0 && value != 0x85 || value == 0xFFFE || value == 0xFFFF {
                    return Problem(kind: .control(scalar), offset: index, length: length)
                }
                index += length
            }
            return nil
        }
    }
}
