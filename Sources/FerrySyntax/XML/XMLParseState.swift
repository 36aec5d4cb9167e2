internal import CLibXML2
internal import FerryDiagnostics

/// One libxml2 SAX2 parse: the parser context, the callbacks, and the state they share.
///
/// The state lives in memory allocated for the parse and is reached from every callback through
/// the context's `userData` (and `_private`), so callbacks touch it without reference counting or
/// exclusivity checks. Nothing here is global: each parse has its own context and state, and
/// libxml2's per-thread error handlers are saved and restored around it.
struct XMLParseState {
    private let source: SourceFile
    private let bytes: UnsafePointer<UInt8>
    private let count: Int
    private let maxDepth: Int
    private let handler: (XMLEvent) -> Void
    private let parser: xmlParserCtxtPtr

    private let sourceMap: XMLSourceMap
    /// Where attribute records go; replaced by a larger chunk when full.
    private var chunk: XMLAttributeChunk
    private var names: XMLNameCache
    /// Whether only some elements are reported (see ``XMLReader/read(_:includingText:elementsIn:ignoring:_:)``).
    private let reportsSomeElements: Bool
    /// The open elements, outermost first.
    private var openTags: [OpenElement] = []
    /// Scratch space reused by every start tag.
    private var tokens: [XMLAttributeToken] = []
    private var attributeOffsets: [AttributeOffsets] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Set by the first error; later errors and events are dropped.
    private(set) var failed = false
    /// The last start tag was `<name/>`: the next end-element event is its end.
    private var emptyElementPending = false
    /// Where the last event ended, or -1 when unknown; a text chunk starting here that matches
    /// the file's bytes was written verbatim.
    private var lastEventEnd = -1
    /// libxml2 converts the input from another encoding (accepted only for pure-ASCII files, where
    /// the converted and the original offsets agree).
    private var converting = false

    private init(
        source: SourceFile,
        bytes: UnsafePointer<UInt8>,
        maxDepth: Int,
        reportedNamespaces: Set<String>?,
        ignoredElements: [String: Set<String>],
        handler: @escaping (XMLEvent) -> Void,
        parser: xmlParserCtxtPtr
    ) {
        self.source = source
        self.names = XMLNameCache(reportedNamespaces: reportedNamespaces, ignoredElements: ignoredElements)
        self.reportsSomeElements = reportedNamespaces != nil
        self.bytes = bytes
        self.count = source.bytes.count
        self.maxDepth = maxDepth
        self.handler = handler
        self.parser = parser
        self.sourceMap = XMLSourceMap(source)
        self.chunk = XMLAttributeChunk(sourceMap: sourceMap, capacity: 32, generation: 0)
    }

    /// `XML_PARSE_NONET` so that nothing could ever be fetched; `NOERROR`/`NOWARNING` so that
    /// libxml2's own printing handlers are never installed. Never `NOENT`, `DTDLOAD` or `HUGE`:
    /// entities stay unexpanded, no DTD is loaded, and libxml2's own limits stay on.
    private static let options = Int32(bitPattern:
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// xmlInitParser once per process (it is idempotent and locks internally; this just keeps it
    /// out of the per-parse path).
    private static let libxml2Initialized: Void = xmlInitParser()

    /// Parses a non-empty source of at most `Int32.max` bytes (``XMLReader`` checks both).
    static func parse(
        _ source: SourceFile,
        maxDepth: Int,
        includingText: Bool,
        reportedNamespaces: Set<String>?,
        ignoredElements: [String: Set<String>],
        handler: @escaping (XMLEvent) -> Void
    ) -> [Diagnostic] {
        _ = libxml2Initialized
        return source.bytes.withUnsafeBufferPointer { buffer -> [Diagnostic] in
            // libxml2 must never see a null buffer, and takes its size as an Int32.
            precondition(buffer.count > 0 && buffer.count <= Int(Int32.max), "XMLReader checks the size first")
            let base = buffer.baseAddress.unsafelyUnwrapped
            let created = UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
            }
            guard let parser = created else {
                return [Diagnostic(
                    .xmlNotWellFormed,
                    "libxml2 could not create a parser (out of memory)",
                    at: SourceLocation(wholeFile: source.path)
                )]
            }
            defer { xmlFreeParserCtxt(parser) }

            let state = UnsafeMutablePointer<XMLParseState>.allocate(capacity: 1)
            state.initialize(to: XMLParseState(
                source: source, bytes: base, maxDepth: maxDepth, reportedNamespaces: reportedNamespaces,
                ignoredElements: ignoredElements, handler: handler, parser: parser
            ))
            defer {
                state.deinitialize(count: 1)
                state.deallocate()
            }

            // Replace the default SAX2 handler (which would build a DOM tree) in place; the
            // context frees it.
            parser.pointee.sax.pointee = makeSAXHandler(includingText: includingText)
            parser.pointee.userData = UnsafeMutableRawPointer(state)
            parser.pointee._private = UnsafeMutableRawPointer(state)
            xmlCtxtUseOptions(parser, options)

            // Errors raised without a parser context (encoding conversion, I/O) go to libxml2's
            // per-thread structured handler, whose default prints to stderr. Route them to this
            // parse for its duration, then put back whatever was there.
            let savedHandler = __xmlStructuredError().pointee
            let savedContext = __xmlStructuredErrorContext().pointee
            xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(state), parser.pointee.sax.pointee.serror)
            defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }

            xmlParseDocument(parser)
            state.pointee.finish()
            return state.pointee.diagnostics
        }
    }

    // MARK: - SAX callbacks

    /// Without text, libxml2 still checks the character data but calls nobody with it.
    private static func makeSAXHandler(includingText: Bool) -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startDocument = { context in
            parseState(context).pointee.startDocument()
        }
        sax.internalSubset = { context, _, _, _ in
            parseState(context).pointee.doctype()
        }
        sax.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces,
                               attributeCount, _, attributes in
            parseState(context).pointee.startElement(
                localName: localName, prefix: prefix, uri: uri,
                namespaceCount: Int(namespaceCount), namespaces: namespaces,
                attributeCount: Int(attributeCount), attributes: attributes
            )
        }
        sax.endElementNs = { context, localName, prefix, uri in
            parseState(context).pointee.endElement(localName: localName, prefix: prefix, uri: uri)
        }
        if includingText {
            sax.characters = { context, characters, length in
                parseState(context).pointee.text(characters, Int(length), isCDATA: false)
            }
            sax.cdataBlock = { context, characters, length in
                parseState(context).pointee.text(characters, Int(length), isCDATA: true)
            }
        }
        // The same function (or none, both), so that libxml2 never tries to classify whitespace.
        sax.ignorableWhitespace = sax.characters
        sax.serror = { context, error in
            guard let context, let error else { return }
            context.assumingMemoryBound(to: XMLParseState.self).pointee.libxml2Error(error.pointee)
        }
        return sax
    }

    private mutating func startDocument() {
        guard !failed else { return stop() }
        guard let buffer = parser.pointee.input?.pointee.buf, let encoder = buffer.pointee.encoder else { return }
        if Self.isPlainASCII(bytes, count) {
            converting = true
            return
        }
        let encoding = encoder.pointee.name.map { String(cString: $0) } ?? "another encoding"
        fail(Diagnostic(
            .xmlUnsupportedEncoding,
            "the file is encoded in \(encoding), not UTF-8",
            at: source.location(from: 0, to: 0).withRange(encodingDeclarationRange()),
            help: "save the file as UTF-8 and declare encoding=\"UTF-8\""
        ))
    }

    private mutating func doctype() {
        guard !failed else { return stop() }
        let here = currentOffset()
        let start = lastOccurrence(of: Array("<!DOCTYPE".utf8), before: here) ?? here
        fail(Diagnostic(
            .xmlDoctypeForbidden,
            "DOCTYPE declarations are not allowed in process definitions",
            at: location(start, here),
            help: "remove the <!DOCTYPE …> declaration; BPMN and XPDL files never need one"
        ))
    }

    private mutating func startElement(
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        uri: UnsafePointer<UInt8>?,
        namespaceCount: Int,
        namespaces: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
        attributeCount: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) {
        guard !failed else { return stop() }
        // Everything here reads libxml2's own copy of the input around its cursor, which is in
        // the cache, rather than the source file's bytes; a byte at offset o is at
        // `cursor + (o - here)` while that lies inside [bufferStart, bufferEnd).
        let input = parser.pointee.input.unsafelyUnwrapped
        let cursor = input.pointee.cur.unsafelyUnwrapped
        let bufferStart = input.pointee.base.unsafelyUnwrapped
        let bufferEnd = input.pointee.end.unsafelyUnwrapped
        // libxml2 calls back with its cursor on the `>` or the `/` of `/>`.
        let here = offset(of: cursor)
        var tagEnd = here
        var isEmpty = false
        if cursor < bufferEnd {
            if cursor[0] == UInt8(ascii: ">") {
                tagEnd = here + 1
            } else if cursor[0] == UInt8(ascii: "/"), cursor + 1 < bufferEnd, cursor[1] == UInt8(ascii: ">") {
                tagEnd = here + 2
                isEmpty = true
            }
        }

        // (The parent is read in place: a copy of it would retain and release its name.)
        if reportsSomeElements, let parent = openTags.indices.last,
           case let (reporting, qualifiedLength) = names.reporting(localName: localName, prefix: prefix, namespace: uri),
           let unreported = Self.unreported(reporting, inside: openTags[parent].reporting) {
            // Not reported: only kept track of, for its end tag and for messages about it.
            if openTags.count + 1 > maxDepth {
                let name = names.name(localName: localName, prefix: prefix, namespace: uri)
                return fail(tooDeep(name, from: tagStart(endingAt: here), to: tagEnd))
            }
            openTags.append(OpenElement(
                tagStart: nil, tagEnd: tagEnd, name: nil, qualifiedLength: qualifiedLength, reporting: unreported
            ))
            emptyElementPending = isEmpty
            lastEventEnd = tagEnd
            return
        }

        if !chunk.hasRoom(for: attributeCount) {
            chunk = XMLAttributeChunk(
                sourceMap: sourceMap,
                capacity: max(attributeCount, min(chunk.capacity * 2, 8192)),
                generation: chunk.generation + 1
            )
        }
        let base = chunk.count

        // Where each attribute stands. Values that needed no decoding are handed over as slices
        // of libxml2's input buffer, which gives their offsets directly, and the name is just
        // before the value. Values libxml2 decoded (references, non-ASCII, line breaks) and
        // namespace declarations, whose values libxml2 does not hand over, need a scan of the tag.
        var needsScan = namespaceCount > 0
        // The leftmost byte known to be inside the tag, after its `<`.
        var insideTag = cursor
        if attributeCount > 0, !needsScan, let attributes {
            for index in 0..<attributeCount {
                let fields = attributes + index * 5
                let (nameIndex, nameLength) = names.nameIndex(
                    localName: fields[0], prefix: fields[1], namespace: fields[2], in: chunk
                )
                guard let value = fields[3], let valueEnd = fields[4], value > bufferStart, valueEnd < bufferEnd,
                      let name = Self.attributeNameStart(
                          value: value, valueEnd: valueEnd, nameLength: nameLength, bufferStart: bufferStart
                      ) else {
                    needsScan = true
                    break
                }
                if index == 0 { insideTag = name }
                let valueStart = here - (cursor - value)
                chunk.append(XMLAttributeRecord(
                    nameOffset: Int32(truncatingIfNeeded: here - (cursor - name)),
                    valueStart: Int32(truncatingIfNeeded: valueStart),
                    valueEnd: Int32(truncatingIfNeeded: valueStart + (valueEnd - value)),
                    nameIndex: nameIndex,
                    decodedIndex: -1  // a slice of the input: verbatim
                ))
            }
        }
        let (name, qualifiedLength, reporting) = names.nameAndReporting(
            localName: localName, prefix: prefix, namespace: uri
        )
        // Usually the tag is `<` + the name + one space before the first attribute (or `<` + the
        // name before the `>`). Otherwise look back for the `<`: attribute values cannot contain
        // `<`, so the nearest one before the first attribute (or the tag's end) is the tag's own.
        let guess = (needsScan || attributeCount == 0 ? cursor : insideTag - 1) - qualifiedLength - 1
        var tagStart: Int
        if guess >= bufferStart, guess[0] == UInt8(ascii: "<") {
            tagStart = here - (cursor - guess)
        } else {
            var scan = needsScan ? cursor : insideTag
            while scan > bufferStart, scan[0] != UInt8(ascii: "<") { scan -= 1 }
            if scan[0] == UInt8(ascii: "<") {
                tagStart = here - (cursor - scan)
            } else {
                tagStart = min(here - (cursor - scan), count - 1)
                while tagStart > 0, bytes[tagStart] != UInt8(ascii: "<") { tagStart -= 1 }
            }
        }

        if openTags.count + 1 > maxDepth {
            chunk.truncate(to: base)
            return fail(tooDeep(name, from: tagStart, to: tagEnd))
        }

        var declarations: [XMLNamespaceDeclaration] = []
        if needsScan {
            chunk.truncate(to: base)
            scanAttributes(
                tagStart: tagStart, tagEnd: tagEnd, namespaceCount: namespaceCount, namespaces: namespaces,
                attributeCount: attributeCount, into: &declarations
            )
            if let attributes {
                for index in 0..<attributeCount {
                    let fields = attributes + index * 5
                    // Should the scanner and libxml2 ever disagree, the tag itself is the best place to point.
                    let offsets = index < attributeOffsets.count
                        ? attributeOffsets[index]
                        : AttributeOffsets(name: tagStart, valueStart: tagStart, valueEnd: max(tagEnd - 1, tagStart))
                    let decoded = decodedValue(from: fields[3], to: fields[4], offsets: offsets)
                    chunk.append(XMLAttributeRecord(
                        nameOffset: Int32(truncatingIfNeeded: offsets.name),
                        valueStart: Int32(truncatingIfNeeded: offsets.valueStart),
                        valueEnd: Int32(truncatingIfNeeded: offsets.valueEnd),
                        nameIndex: names.nameIndex(localName: fields[0], prefix: fields[1], namespace: fields[2], in: chunk).index,
                        decodedIndex: decoded.map { chunk.addDecodedValue($0) } ?? -1
                    ))
                }
            }
        }

        openTags.append(OpenElement(
            tagStart: tagStart, tagEnd: tagEnd, name: name, qualifiedLength: qualifiedLength,
            reporting: reporting
        ))
        emptyElementPending = isEmpty
        lastEventEnd = tagEnd
        handler(.startElement(XMLStartTag(
            name: name,
            attributes: XMLAttributeList(chunk: chunk, base: base, count: attributeCount),
            namespaceDeclarations: declarations,
            isEmptyElementTag: isEmpty,
            byteRange: tagStart ..< tagEnd
        )))
    }

    /// How an element whose name is reported as `reporting` goes unreported inside an element
    /// reported as `parent`, or `nil` when it is reported.
    @inline(__always)
    private static func unreported(
        _ reporting: XMLElementReporting,
        inside parent: XMLElementReporting
    ) -> XMLElementReporting? {
        if reporting == .ignored || parent == .ignored { return .ignored }
        return reporting == .outside && parent == .outside ? .outside : nil
    }

    /// The error for an element nested deeper than `maxDepth`.
    private func tooDeep(_ name: XMLName, from tagStart: Int, to tagEnd: Int) -> Diagnostic {
        Diagnostic(
            .xmlTooDeep,
            "element '\(name.qualifiedName)' is nested \(openTags.count + 1) levels deep, over the limit of \(maxDepth)",
            at: location(tagStart, tagEnd)
        )
    }

    /// Where the start tag that ends at `offset` (its `>`, or the `/` of `/>`, or just after)
    /// begins: the nearest `<` before, as attribute values cannot contain one.
    private func tagStart(endingAt offset: Int) -> Int {
        var start = min(max(offset - 1, 0), count - 1)
        while start > 0, bytes[start] != UInt8(ascii: "<") { start -= 1 }
        return start
    }

    /// The first byte of the name of the attribute whose value is `value ..< valueEnd` in
    /// libxml2's buffer: before the value come a quote, `=` with optional spaces around it, and
    /// the name, which follows whitespace. `nil` if the bytes do not look like that.
    @inline(__always)
    private static func attributeNameStart(
        value: UnsafePointer<UInt8>,
        valueEnd: UnsafePointer<UInt8>,
        nameLength: Int,
        bufferStart: UnsafePointer<UInt8>
    ) -> UnsafePointer<UInt8>? {
        let quote = value[-1]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"), valueEnd[0] == quote else { return nil }
        // Usually `name="`: no spaces around the `=`.
        let guess = value - 2 - nameLength
        if guess > bufferStart, value[-2] == UInt8(ascii: "="), isSpace(guess[-1]) {
            return guess
        }
        var scan = value - 2
        while scan > bufferStart, isSpace(scan[0]) { scan -= 1 }
        guard scan > bufferStart, scan[0] == UInt8(ascii: "=") else { return nil }
        scan -= 1
        while scan > bufferStart, isSpace(scan[0]) { scan -= 1 }
        while scan > bufferStart, !isSpace(scan[0]) { scan -= 1 }
        guard isSpace(scan[0]) else { return nil }
        return scan + 1
    }

    /// Finds the tag's attributes and namespace declarations by scanning its bytes; fills
    /// `attributeOffsets` in attribute order and `declarations`.
    private mutating func scanAttributes(
        tagStart: Int,
        tagEnd: Int,
        namespaceCount: Int,
        namespaces: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
        attributeCount: Int,
        into declarations: inout [XMLNamespaceDeclaration]
    ) {
        tokens.removeAll(keepingCapacity: true)
        attributeOffsets.removeAll(keepingCapacity: true)
        XMLStartTagScanner.scan(bytes, from: tagStart, to: tagEnd, into: &tokens)
        declarations.reserveCapacity(namespaceCount)
        for token in tokens {
            if token.isNamespaceDeclaration {
                guard let namespaces, declarations.count < namespaceCount else { continue }
                let index = declarations.count * 2
                declarations.append(XMLNamespaceDeclaration(
                    prefix: namespaces[index].map { names.string($0) },
                    uri: namespaces[index + 1].map { names.string($0) } ?? "",
                    byteRange: token.nameStart ..< token.valueEnd + 1,
                    sourceMap: sourceMap
                ))
            } else if attributeOffsets.count < attributeCount {
                attributeOffsets.append(AttributeOffsets(
                    name: token.nameStart, valueStart: token.valueStart, valueEnd: token.valueEnd
                ))
            }
        }
        if let namespaces, declarations.count < namespaceCount {
            for index in declarations.count..<namespaceCount {
                declarations.append(XMLNamespaceDeclaration(
                    prefix: namespaces[index * 2].map { names.string($0) },
                    uri: namespaces[index * 2 + 1].map { names.string($0) } ?? "",
                    byteRange: tagStart ..< tagEnd,
                    sourceMap: sourceMap
                ))
            }
        }
    }

    private mutating func endElement(
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        uri: UnsafePointer<UInt8>?
    ) {
        guard !failed else { return }
        // libxml2 calls back with its cursor just after the `>` of `</name>` or of `<name/>`.
        // As in startElement, read libxml2's copy of the input around the cursor.
        let input = parser.pointee.input.unsafelyUnwrapped
        let cursor = input.pointee.cur.unsafelyUnwrapped
        let bufferStart = input.pointee.base.unsafelyUnwrapped
        let here = offset(of: cursor)
        // libxml2 ends the innermost open element, whose name the stack has.
        guard !openTags.isEmpty else { return }
        let open = openTags.removeLast()
        guard let name = open.name else {
            // Not reported.
            emptyElementPending = false
            lastEventEnd = here
            return
        }
        var start = here
        if emptyElementPending {
            emptyElementPending = false
        } else {
            // Usually `</` + the name + `>`; otherwise (spaces before `>`) look for the `<`.
            let length = 3 + open.qualifiedLength
            if cursor - bufferStart >= length, cursor[-length] == UInt8(ascii: "<"), cursor[1 - length] == UInt8(ascii: "/") {
                start = here - length
            } else {
                var scan = cursor - 1
                while scan > bufferStart, scan[0] != UInt8(ascii: "<") { scan -= 1 }
                start = here - (cursor - scan)
                if scan[0] != UInt8(ascii: "<") {
                    start = max(min(start, count - 1), 0)
                    while start > 0, bytes[start] != UInt8(ascii: "<") { start -= 1 }
                }
            }
        }
        lastEventEnd = here
        handler(.endElement(XMLEndTag(name: name, byteRange: start ..< here)))
    }

    private mutating func text(_ characters: UnsafePointer<UInt8>?, _ length: Int, isCDATA: Bool) {
        guard !failed, let characters, length > 0 else { return }
        if let open = openTags.indices.last, openTags[open].name == nil {
            lastEventEnd = -1
            return
        }
        let chunk = UnsafeBufferPointer(start: characters, count: length)
        var byteRange: Range<Int>?
        if let start = verbatimStart(of: chunk, isCDATA: isCDATA) {
            byteRange = start ..< start + length
            lastEventEnd = isCDATA ? start + length + 3 : start + length
        } else {
            lastEventEnd = -1
        }
        handler(.text(XMLText(characters: chunk, isCDATA: isCDATA, byteRange: byteRange)))
    }

    /// Where `chunk` stands verbatim in the file, if it can be told cheaply and surely.
    @inline(__always)
    private func verbatimStart(of chunk: UnsafeBufferPointer<UInt8>, isCDATA: Bool) -> Int? {
        let length = chunk.count
        let pointer = chunk.baseAddress.unsafelyUnwrapped
        let input = parser.pointee.input.unsafelyUnwrapped
        if !isCDATA, let bufferStart = input.pointee.base, let bufferEnd = input.pointee.end,
           pointer >= bufferStart, pointer + length <= bufferEnd {
            // Plain ASCII character data is handed over as a slice of libxml2's input buffer.
            return offset(of: pointer)
        }
        let candidate: Int
        if isCDATA {
            // libxml2's cursor is after `]]>`; the content must follow `<![CDATA[` directly.
            // Compare in libxml2's buffer, which is in the cache.
            guard let cursor = input.pointee.cur, let bufferStart = input.pointee.base,
                  cursor - bufferStart >= length + 12 else { return nil }
            let content = cursor - 3 - length
            let opener = content - 9
            guard opener[0] == UInt8(ascii: "<"), opener[1] == UInt8(ascii: "!"), opener[2] == UInt8(ascii: "["),
                  opener[3] == UInt8(ascii: "C"), opener[4] == UInt8(ascii: "D"), opener[5] == UInt8(ascii: "A"),
                  opener[6] == UInt8(ascii: "T"), opener[7] == UInt8(ascii: "A"), opener[8] == UInt8(ascii: "[")
            else { return nil }
            for index in 0..<length where content[index] != pointer[index] {
                return nil
            }
            return offset(of: content)
        } else {
            // Other text (non-ASCII, split runs) is copied; it is verbatim only if it starts where
            // the last event ended, matches the file there, and ends at libxml2's cursor (which
            // may still be on the chunk's last character). A reference (`&amp;`, `&#59;`) fails
            // one of those tests.
            guard lastEventEnd >= 0 else { return nil }
            candidate = lastEventEnd
            let cursor = currentOffset()
            guard cursor <= candidate + length, cursor >= candidate + length - 4 else { return nil }
        }
        guard candidate >= 0, candidate + length <= count else { return nil }
        for index in 0..<length where bytes[candidate + index] != pointer[index] {
            return nil
        }
        return candidate
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    // MARK: - Errors

    /// libxml2's structured error callback, for errors with and without a parser context.
    ///
    /// Warnings are dropped: the ones libxml2 2.9 raises for documents without a DTD are about
    /// namespace URIs that are relative (`xmlns:p="rel"`) or do not parse as URIs (that one,
    /// `XML_WAR_NS_URI`, comes at error level, yet libxml2 binds the namespace and goes on),
    /// about `xml:lang`/`xml:space` values, and about XML versions other than 1.0. Such a document
    /// is still well-formed; a namespace that is not BPMN's or XPDL's is the front ends' finding
    /// ("not a BPMN model"), reported in their own words.
    /// Errors (fatal or not) become FX001 with libxml2's message; the first one ends the parse.
    private mutating func libxml2Error(_ error: xmlError) {
        guard error.level != XML_ERR_WARNING, error.code != Int32(XML_WAR_NS_URI.rawValue), !failed else { return }
        let text = error.message.map { String(cString: $0) } ?? "the document is not well-formed XML"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            String($0).trimmingTrailingSpaces()
        }
        let message = lines.isEmpty ? "the document is not well-formed XML" : lines.removeFirst()
        var notes = lines.map { Note($0) }
        if error.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue) || error.code == Int32(XML_ERR_TAG_NOT_FINISHED.rawValue),
           let open = openTags.last {
            let tagStart = open.tagStart ?? tagStart(endingAt: open.tagEnd)
            notes.append(Note("the element was opened here", at: location(tagStart, tagStart)))
        }
        // Not stopped here: libxml2 may still hold pointers into its input, which stopping frees.
        // With the error recorded, no more events are delivered and the next start tag stops it.
        failed = true
        diagnostics.append(Diagnostic(.xmlNotWellFormed, message, at: errorLocation(error), notes: notes))
    }

    /// Where libxml2 stopped: its byte offset while it reads the file itself, else its own line and column.
    private func errorLocation(_ error: xmlError) -> SourceLocation {
        if parser.pointee.inputNr == 1 {
            let consumed = xmlByteConsumed(parser)
            if consumed >= 0 {
                return location(Int(consumed), Int(consumed))
            }
        }
        guard error.line > 0 else { return SourceLocation(wholeFile: source.path) }
        let position = source.position(zeroBasedLine: Int(error.line) - 1, column: max(Int(error.int2) - 1, 0))
        return SourceLocation(file: source.path, range: SourceRange(at: position))
    }

    /// After the parse: a document libxml2 found not well-formed always has a diagnostic.
    private mutating func finish() {
        if !failed, parser.pointee.wellFormed == 0 {
            failed = true
            diagnostics.append(Diagnostic(
                .xmlNotWellFormed,
                "the document is not well-formed XML",
                at: location(currentOffset(), currentOffset())
            ))
        }
    }

    private mutating func fail(_ diagnostic: Diagnostic) {
        failed = true
        diagnostics.append(diagnostic)
        stop()
    }

    /// Stops libxml2 from a SAX callback (the documented way; it frees the input).
    private func stop() {
        xmlStopParser(parser)
    }

    // MARK: - Offsets and positions

    /// The byte offset in the file of libxml2's cursor.
    @inline(__always)
    private func currentOffset() -> Int {
        guard let cur = parser.pointee.input?.pointee.cur else { return count }
        return offset(of: cur)
    }

    /// The byte offset in the file of a pointer into libxml2's current input buffer.
    ///
    /// This is xmlByteConsumed without its cost: libxml2 works on a copy of the file and counts
    /// the bytes it has dropped from the front in `consumed`. When it converts from another
    /// encoding (pure-ASCII files only, one byte per character) the original offset is the raw
    /// bytes consumed minus the converted bytes not yet parsed.
    @inline(__always)
    private func offset(of pointer: UnsafePointer<UInt8>) -> Int {
        let input = parser.pointee.input.unsafelyUnwrapped.pointee
        if converting, let buffer = input.buf {
            return Int(buffer.pointee.rawconsumed) - (input.end.unsafelyUnwrapped - pointer)
        }
        return Int(input.consumed) + (pointer - input.base.unsafelyUnwrapped)
    }

    private func location(_ start: Int, _ end: Int) -> SourceLocation {
        source.location(from: start, to: end)
    }

    private func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        pattern.withUnsafeBufferPointer { matches($0, at: offset) }
    }

    private func matches(_ pattern: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset >= 0, offset + pattern.count <= count else { return false }
        for index in 0..<pattern.count where bytes[offset + index] != pattern[index] {
            return false
        }
        return true
    }

    private func lastOccurrence(of pattern: [UInt8], before end: Int) -> Int? {
        var offset = min(end, count) - pattern.count
        while offset >= 0 {
            if matches(pattern, at: offset) { return offset }
            offset -= 1
        }
        return nil
    }

    /// The `encoding="…"` pseudo-attribute of the XML declaration, or the start of the file.
    private func encodingDeclarationRange() -> SourceRange {
        let declarationEnd = min(count, 200)
        var offset = 0
        let keyword = Array("encoding".utf8)
        while offset + keyword.count <= declarationEnd {
            if matches(keyword, at: offset) {
                var end = offset + keyword.count
                var quotes = 0
                while end < declarationEnd, quotes < 2 {
                    if bytes[end] == UInt8(ascii: "\"") || bytes[end] == UInt8(ascii: "'") { quotes += 1 }
                    end += 1
                }
                return SourceRange(start: source.position(atOffset: offset), end: source.position(atOffset: end))
            }
            if bytes[offset] == UInt8(ascii: ">") { break }
            offset += 1
        }
        return SourceRange(at: source.position(atOffset: 0))
    }

    /// The attribute's value when it is not exactly the bytes between its quotes, else `nil`.
    ///
    /// libxml2 hands values over decoded, except that (without entity substitution) it passes
    /// `&` on as the character reference `&#38;`, for its tree builder to decode again.
    private func decodedValue(
        from start: UnsafePointer<UInt8>?,
        to end: UnsafePointer<UInt8>?,
        offsets: AttributeOffsets
    ) -> String? {
        guard let start, let end, end > start else {
            return offsets.valueEnd > offsets.valueStart ? "" : nil
        }
        let value = UnsafeBufferPointer(start: start, count: end - start)
        // A value with `&` always came from a reference: a literal `&` cannot stand in a value.
        guard value.contains(UInt8(ascii: "&")) else {
            if value.count == offsets.valueEnd - offsets.valueStart, offsets.valueEnd <= count,
               matches(value, at: offsets.valueStart) {
                return nil
            }
            return String(decoding: value, as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(value.count)
        let reference = Array("&#38;".utf8)
        var index = 0
        while index < value.count {
            if value[index] == UInt8(ascii: "&"), index + reference.count <= value.count,
               value[index ..< index + reference.count].elementsEqual(reference) {
                decoded.append(UInt8(ascii: "&"))
                index += reference.count
            } else {
                decoded.append(value[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Whether every byte is 7-bit ASCII other than NUL, so that any ASCII-compatible encoding
    /// reads it byte for byte.
    private static func isPlainASCII(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for index in 0..<count where bytes[index] == 0 || bytes[index] >= 0x80 {
            return false
        }
        return true
    }
}

/// The parse state behind a callback's context pointer (`userData`).
@inline(__always)
private func parseState(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLParseState> {
    context.unsafelyUnwrapped.assumingMemoryBound(to: XMLParseState.self)
}

/// An element whose end tag has not been seen yet.
struct OpenElement {
    /// `nil` for an element that is not reported; ``XMLParseState`` finds it from `tagEnd` when
    /// a message needs it.
    var tagStart: Int?
    var tagEnd: Int
    /// `nil` for an element that is not reported.
    var name: XMLName?
    /// Bytes in `prefix:local`, to find `</prefix:local>` without scanning.
    var qualifiedLength: Int
    /// How the element's name is reported, which decides whether its children are: `.outside`
    /// for a direct child of a reported element that is not in a reported namespace itself.
    var reporting: XMLElementReporting
}

/// Byte offsets of one attribute: its name's first byte and its value between the quotes.
struct AttributeOffsets {
    var name: Int
    var valueStart: Int
    var valueEnd: Int
}

private extension SourceLocation {
    func withRange(_ range: SourceRange) -> SourceLocation {
        SourceLocation(file: file, range: range)
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var result = Substring(self)
        while let last = result.last, last == " " || last == "\t" || last == "\r" {
            result.removeLast()
        }
        return String(result)
    }
}
