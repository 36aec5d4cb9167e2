public import FerryDiagnostics

/// One attribute of a start tag, with the places later stages point at.
///
/// Namespace declarations (`xmlns`, `xmlns:p`) are never attributes; they are
/// ``XMLNamespaceDeclaration``s.
public struct XMLAttribute: Sendable, Hashable {
    public let name: XMLName
    /// The value after XML's rules: character and predefined-entity references replaced, and
    /// tabs and line breaks turned into spaces (attribute-value normalisation).
    public let value: String
    /// The byte offset of the name's first character.
    public let nameOffset: Int
    /// The bytes between the quotes, as written (empty for `name=""`).
    public let valueByteRange: Range<Int>
    public let sourceMap: XMLSourceMap

    init(name: XMLName, value: String, nameOffset: Int, valueByteRange: Range<Int>, sourceMap: XMLSourceMap) {
        self.name = name
        self.value = value
        self.nameOffset = nameOffset
        self.valueByteRange = valueByteRange
        self.sourceMap = sourceMap
    }

    /// `name="value"`, from the first character of the name to just after the closing quote.
    public var byteRange: Range<Int> { nameOffset ..< valueByteRange.upperBound + 1 }
    /// `name="value"`, from the first character of the name to just after the closing quote.
    public var range: SourceRange { sourceMap.range(byteRange.lowerBound, byteRange.upperBound) }
    /// The characters between the quotes. A finding about the value, such as a bad
    /// `camunda:versionTag`, points here.
    public var valueRange: SourceRange { sourceMap.range(valueByteRange.lowerBound, valueByteRange.upperBound) }
    /// ``valueRange`` in its file, ready for a ``Diagnostic``.
    public var valueLocation: SourceLocation {
        sourceMap.location(valueByteRange.lowerBound, valueByteRange.upperBound)
    }
    /// ``range`` in its file.
    public var location: SourceLocation { sourceMap.location(byteRange.lowerBound, byteRange.upperBound) }
}

/// A namespace declaration in a start tag: `xmlns="uri"` (no prefix) or `xmlns:p="uri"`.
public struct XMLNamespaceDeclaration: Sendable, Hashable {
    /// `nil` for the default namespace.
    public let prefix: String?
    /// The URI; empty for `xmlns=""`, which puts unprefixed names back into no namespace.
    public let uri: String
    /// The whole declaration, `xmlns:p="uri"`.
    public let byteRange: Range<Int>
    public let sourceMap: XMLSourceMap

    init(prefix: String?, uri: String, byteRange: Range<Int>, sourceMap: XMLSourceMap) {
        self.prefix = prefix
        self.uri = uri
        self.byteRange = byteRange
        self.sourceMap = sourceMap
    }

    /// The whole declaration, `xmlns:p="uri"`.
    public var range: SourceRange { sourceMap.range(byteRange.lowerBound, byteRange.upperBound) }
}

/// A start tag (`<bpmn:userTask id="a">`) or an empty-element tag (`<bpmn:incoming/>`).
public struct XMLStartTag: Sendable, Hashable {
    public let name: XMLName
    /// The attributes in the order they were written, namespace declarations excluded.
    public let attributes: XMLAttributeList
    /// The `xmlns` declarations written in this tag, in order.
    public let namespaceDeclarations: [XMLNamespaceDeclaration]
    /// `true` for `<name/>`, which is followed at once by its ``XMLEndTag``.
    public let isEmptyElementTag: Bool
    /// From the `<` to just after the `>`. ``FerryDiagnostics/SourceFile/range(of:)`` gives its
    /// lines and columns.
    public let byteRange: Range<Int>

    init(
        name: XMLName,
        attributes: XMLAttributeList,
        namespaceDeclarations: [XMLNamespaceDeclaration],
        isEmptyElementTag: Bool,
        byteRange: Range<Int>
    ) {
        self.name = name
        self.attributes = attributes
        self.namespaceDeclarations = namespaceDeclarations
        self.isEmptyElementTag = isEmptyElementTag
        self.byteRange = byteRange
    }

    /// The attribute `localName` in `namespace` (`nil`: an unprefixed attribute).
    public func attribute(_ localName: String, in namespace: String? = nil) -> XMLAttribute? {
        attributes.first(localName, in: namespace)
    }
}

/// The end of an element.
public struct XMLEndTag: Sendable, Hashable {
    public let name: XMLName
    /// The end tag `</name>`; for an empty-element tag `<name/>`, the empty range just after it.
    /// ``FerryDiagnostics/SourceFile/range(of:)`` gives its lines and columns.
    public let byteRange: Range<Int>

    init(name: XMLName, byteRange: Range<Int>) {
        self.name = name
        self.byteRange = byteRange
    }
}

/// Character data or the content of a CDATA section.
///
/// A run of text between two tags may arrive as several events: libxml2 reports text up to each
/// reference (`&amp;`, `&#10;`) separately, and splits long runs.
public struct XMLText: Sendable, Hashable {
    /// Short text (most of it is the indentation between tags) is kept as its bytes and becomes a
    /// `String` only when read; longer text is a `String` from the start.
    private enum Storage: Sendable {
        case short(UInt64, UInt64, count: UInt8)
        case string(String)
    }

    private let storage: Storage
    public let isCDATA: Bool
    /// Where the characters stand in the file, when they are written there verbatim (almost all
    /// text: everything but references and text whose line breaks were normalised); `nil`
    /// otherwise. ``FerryDiagnostics/SourceFile/range(of:)`` gives its lines and columns.
    public let byteRange: Range<Int>?

    /// `characters` must be valid UTF-8 (libxml2 has checked it).
    init(characters: UnsafeBufferPointer<UInt8>, isCDATA: Bool, byteRange: Range<Int>?) {
        if characters.count <= 16 {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(characters)) }
            storage = .short(words.0, words.1, count: UInt8(characters.count))
        } else {
            storage = .string(String(decoding: characters, as: UTF8.self))
        }
        self.isCDATA = isCDATA
        self.byteRange = byteRange
    }

    /// The characters, references replaced and line breaks normalised to LF.
    public var text: String {
        switch storage {
        case .string(let string):
            return string
        case .short(let first, let second, let count):
            let words = (first, second)
            return withUnsafeBytes(of: words) { bytes in
                String(decoding: bytes.prefix(Int(count)), as: UTF8.self)
            }
        }
    }

    public static func == (lhs: XMLText, rhs: XMLText) -> Bool {
        lhs.text == rhs.text && lhs.isCDATA == rhs.isCDATA && lhs.byteRange == rhs.byteRange
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(isCDATA)
        hasher.combine(byteRange)
    }
}

/// One step of the streaming reader, in document order.
///
/// Comments, processing instructions and the XML declaration produce no events.
public enum XMLEvent: Sendable, Hashable {
    case startElement(XMLStartTag)
    case endElement(XMLEndTag)
    case text(XMLText)
}
