public import FerryDiagnostics

/// An element of a well-formed document, with its children: what the BPMN and XPDL front ends walk.
public struct XMLElement: Sendable, Hashable {
    public let name: XMLName
    /// The attributes in the order they were written, namespace declarations excluded.
    public let attributes: XMLAttributeList
    /// The `xmlns` declarations of this element's start tag (to resolve QName-valued attributes
    /// such as `xsi:type="bpmn:tFormalExpression"`).
    public let namespaceDeclarations: [XMLNamespaceDeclaration]
    public internal(set) var children: [XMLElement]
    /// The element's own character data and CDATA content, concatenated, children's text excluded.
    /// Not trimmed: an element with children usually has the indentation between them here.
    public internal(set) var text: String
    /// The start tag, from `<` to just after `>`.
    public let startTagByteRange: Range<Int>
    /// From the start tag's `<` to the end of the end tag.
    public internal(set) var byteRange: Range<Int>
    public let sourceMap: XMLSourceMap

    init(startTag: XMLStartTag, sourceMap: XMLSourceMap) {
        self.name = startTag.name
        self.attributes = startTag.attributes
        self.namespaceDeclarations = startTag.namespaceDeclarations
        self.children = []
        self.text = ""
        self.startTagByteRange = startTag.byteRange
        self.byteRange = startTag.byteRange
        self.sourceMap = sourceMap
    }

    /// The start tag, from `<` to just after `>`: where findings about the element point.
    public var startTagRange: SourceRange { sourceMap.range(startTagByteRange.lowerBound, startTagByteRange.upperBound) }
    /// ``startTagRange`` in its file, ready for a ``Diagnostic``.
    public var startTagLocation: SourceLocation {
        sourceMap.location(startTagByteRange.lowerBound, startTagByteRange.upperBound)
    }
    /// From the start tag's `<` to the end of the end tag.
    public var range: SourceRange { sourceMap.range(byteRange.lowerBound, byteRange.upperBound) }

    /// The attribute `localName` in `namespace` (`nil`: an unprefixed attribute).
    public func attribute(_ localName: String, in namespace: String? = nil) -> XMLAttribute? {
        attributes.first(localName, in: namespace)
    }

    /// The direct children named `localName` in `namespace`, in document order.
    public func children(_ localName: String, in namespace: String?) -> [XMLElement] {
        children.filter { $0.name.matches(localName, in: namespace) }
    }

    /// The first direct child named `localName` in `namespace`.
    public func firstChild(_ localName: String, in namespace: String?) -> XMLElement? {
        children.first { $0.name.matches(localName, in: namespace) }
    }
}

/// Builds ``XMLElement`` trees from the reader's events.
struct XMLTreeBuilder {
    private let sourceMap: XMLSourceMap
    /// Elements whose end tag has not been seen yet, outermost first.
    private var open: [XMLElement] = []
    private(set) var root: XMLElement?

    init(source: SourceFile) {
        sourceMap = XMLSourceMap(source)
    }

    mutating func consume(_ event: XMLEvent) {
        switch event {
        case .startElement(let tag):
            open.append(XMLElement(startTag: tag, sourceMap: sourceMap))
        case .text(let text):
            guard !open.isEmpty else { return }
            open[open.count - 1].text += text.text
        case .endElement(let tag):
            guard var element = open.popLast() else { return }
            element.byteRange = element.startTagByteRange.lowerBound ..< max(tag.byteRange.upperBound, element.byteRange.upperBound)
            if open.isEmpty {
                root = element
            } else {
                open[open.count - 1].children.append(element)
            }
        }
    }
}
