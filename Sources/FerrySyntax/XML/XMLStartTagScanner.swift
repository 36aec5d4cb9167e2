/// Where one `name="value"` of a start tag stands, as byte offsets into the file.
struct XMLAttributeToken {
    var nameStart: Int
    var nameEnd: Int
    /// The first byte after the opening quote.
    var valueStart: Int
    /// The closing quote; the attribute ends one byte later.
    var valueEnd: Int
    /// `xmlns` or `xmlns:p`.
    var isNamespaceDeclaration: Bool
}

/// Finds the attributes in the bytes of a start tag that libxml2 has already accepted.
///
/// libxml2 reports attribute values but not where they are. Since the tag is well-formed, a
/// small scanner suffices: names end at whitespace or `=`, values end at the matching quote (an
/// attribute value cannot contain its own quote character or `<`). Every loop is bounded by the
/// tag's end, so a surprise cannot read outside the tag.
enum XMLStartTagScanner {
    /// Appends the tokens of the tag `bytes[start ..< end]` (from `<` to after `>`) to `tokens`.
    static func scan(
        _ bytes: UnsafePointer<UInt8>,
        from start: Int,
        to end: Int,
        into tokens: inout [XMLAttributeToken]
    ) {
        var index = start + 1
        // The element name.
        while index < end, !isNameEnd(bytes[index]) { index += 1 }
        while index < end {
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: ">") else {
                return
            }
            let nameStart = index
            while index < end, !isNameEnd(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let nameEnd = index
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else { return }
            index += 1
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { return }
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return }
            index += 1
            let valueStart = index
            while index < end, bytes[index] != quote { index += 1 }
            guard index < end else { return }
            let valueEnd = index
            index += 1
            tokens.append(XMLAttributeToken(
                nameStart: nameStart,
                nameEnd: nameEnd,
                valueStart: valueStart,
                valueEnd: valueEnd,
                isNamespaceDeclaration: isNamespaceDeclaration(bytes, nameStart, nameEnd)
            ))
        }
    }

    /// Whether `bytes[start ..< end]` is `xmlns` or starts with `xmlns:`.
    private static func isNamespaceDeclaration(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length == 5 || (length > 6 && bytes[start + 5] == UInt8(ascii: ":")) else { return false }
        return bytes[start] == UInt8(ascii: "x") && bytes[start + 1] == UInt8(ascii: "m")
            && bytes[start + 2] == UInt8(ascii: "l") && bytes[start + 3] == UInt8(ascii: "n")
            && bytes[start + 4] == UInt8(ascii: "s")
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    @inline(__always)
    private static func isNameEnd(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }
}
