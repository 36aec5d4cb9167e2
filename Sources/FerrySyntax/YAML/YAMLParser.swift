internal import CLibYAML
public import FerryDiagnostics

/// The result of reading one YAML file: the document when one could be built, and every finding.
///
/// `document` is `nil` after a fatal problem (a syntax error, bad encoding, too deep, too large,
/// empty); recoverable findings (a duplicate or complex key, an anchor) come with a best-effort
/// document in which the offending entry is dropped.
public struct YAMLParseResult: Sendable {
    public var source: SourceFile
    public var document: YAMLDocument?
    public var diagnostics: [Diagnostic]
}

/// Reads a mapping file through libyaml into a ``YAMLNode`` tree with exact positions.
///
/// libyaml is a permissive YAML 1.1 parser; this type adds what a compiler needs on top of it:
/// one document only, scalar and unique keys, no anchors or aliases, bounded size and depth
/// (checked while streaming), UTF-8 only, and every libyaml error rewritten in Ferry's words at
/// the problem mark with a note at the context mark.
public struct YAMLParser: Sendable {
    /// Bounds on hostile or mistaken input.
    public struct Limits: Sendable, Hashable {
        /// Largest file read, in bytes.
        public var maxBytes: Int
        /// Deepest nesting of mappings and sequences.
        public var maxDepth: Int

        public init(maxBytes: Int = 1 << 20, maxDepth: Int = 64) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
        }

        /// The limits `ferry` applies to mapping files.
        public static let mappingFiles = Limits()
    }

    public var limits: Limits

    public init(limits: Limits = .mappingFiles) {
        self.limits = limits
    }

    /// Parses the bytes of the file at `path` (the path is only used in diagnostics).
    public func parse(_ bytes: [UInt8], path: String) -> YAMLParseResult {
        let source = SourceFile(path: path, bytes: bytes, lineBreaks: .yaml)
        if let problem = precheck(source) {
            return YAMLParseResult(source: source, document: nil, diagnostics: [problem])
        }
        var composer = YAMLComposer(source: source, limits: limits)
        let root = composer.run()
        return YAMLParseResult(
            source: source,
            document: root.map { YAMLDocument(root: $0, source: source) },
            diagnostics: composer.diagnostics
        )
    }

    /// Size, encoding and character checks that must happen before libyaml sees the bytes, so
    /// every problem gets a line and column (libyaml's reader errors carry only a byte offset).
    private func precheck(_ source: SourceFile) -> Diagnostic? {
        let bytes = source.bytes
        if bytes.count > limits.maxBytes {
            return Diagnostic(
                .fileTooLarge,
                "file is \(ByteCount(bytes.count)), over the \(ByteCount(limits.maxBytes)) limit for mapping files",
                at: SourceLocation(wholeFile: source.path),
                help: "a mapping file describes one minor increment and is normally a few kilobytes"
            )
        }
        if let encoding = UnicodeSniffer.nonUTF8Encoding(of: bytes) {
            return Diagnostic(
                .yamlUnsupportedEncoding,
                "file is encoded as \(encoding); mapping files must be UTF-8",
                at: SourceLocation(wholeFile: source.path),
                help: "re-save the file as UTF-8"
            )
        }
        guard let problem = UnicodeSniffer.firstProblem(in: bytes) else { return nil }
        let location = source.location(from: problem.offset, to: problem.offset + problem.length)
        switch problem.kind {
        case .invalidUTF8:
            let shown = bytes[problem.offset..<min(bytes.count, problem.offset + max(problem.length, 1))]
                .map { "0x" + String($0, radix: 16, uppercase: true) }
                .joined(separator: " ")
            return Diagnostic(
                .yamlInvalidUTF8,
                "invalid UTF-8 (\(shown)); mapping files must be UTF-8",
                at: location,
                help: "the file was probably saved in another encoding such as Latin-1; re-save it as UTF-8"
            )
        case .nul:
            return Diagnostic(
                .yamlForbiddenCharacter,
                "NUL byte in a YAML file",
                at: location,
                help: "a NUL byte usually means a binary or UTF-16 file was saved with a .yaml extension"
            )
        case .control(let scalar):
            return Diagnostic(
                .yamlForbiddenCharacter,
                "control character \(scalar.codePointDescription) is not allowed in YAML",
                at: location,
                help: "remove the character; YAML allows only tab, line feed and carriage return among the control characters"
            )
        }
    }
}

/// Streams libyaml events into nodes with an explicit stack (no recursion), so the depth bound is
/// checked as each collection opens.
private struct YAMLComposer {
    let source: SourceFile
    let limits: YAMLParser.Limits
    var diagnostics: [Diagnostic] = []

    /// A collection that has started and not yet ended. Its children live in `children`, from
    /// `firstChild` on (keys and values alternating for a mapping); its keys also live in `keys`,
    /// from `firstKey` on, for the duplicate check.
    private struct OpenCollection {
        enum Expecting { case item, key, value, droppedValue }

        var isMapping: Bool
        var style: YAMLCollectionStyle
        var start: SourcePosition
        var firstChild: Int
        var firstKey: Int
        var expecting: Expecting
        /// Key → child index of that key, built once a mapping is too large for a linear search.
        var keyIndex: [String: Int]?
    }

    private var open: [OpenCollection] = []
    private let children: NodeStack
    private var keys: [String] = []
    private var root: YAMLNode?
    private var documentCount = 0

    init(source: SourceFile, limits: YAMLParser.Limits) {
        self.source = source
        self.limits = limits
        // Room for about one node per 64 bytes of input up front: a large file then never copies
        // its biggest collection while the stack grows. Pages that are never touched cost nothing.
        children = NodeStack(capacity: max(64, source.bytes.count / 64))
    }

    /// Runs libyaml to the end of the stream or the first fatal problem; returns the root node.
    mutating func run() -> YAMLNode? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            diagnostics.append(Diagnostic(.yamlSyntax, "libyaml could not allocate a parser", at: SourceLocation(wholeFile: source.path)))
            return nil
        }
        defer { yaml_parser_delete(parser) }

        // libyaml keeps the input pointer for the parser's whole life and asserts on NULL, so the
        // whole parse runs inside one buffer access, over a buffer that is never empty.
        let input = source.bytes.isEmpty ? [0] : source.bytes
        let completed: Bool = input.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress!, source.bytes.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    reportParserError(parser.pointee)
                    return false
                }
                defer { yaml_event_delete(&event) }
                switch handle(&event) {
                case .next: continue
                case .finished: return true
                case .abort: return false
                }
            }
        }
        guard completed else { return nil }
        if documentCount == 0 {
            diagnostics.append(Diagnostic(
                .yamlEmptyFile,
                "mapping file is empty",
                at: SourceLocation(wholeFile: source.path),
                help: "a mapping file needs at least the keys 'ferry', 'process', 'from' and 'to'"
            ))
            return nil
        }
        return root
    }

    private enum Step { case next, finished, abort }

    private mutating func handle(_ event: inout yaml_event_t) -> Step {
        switch event.type {
        case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
            return .next
        case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
            // libyaml answers YAML_NO_EVENT after a failure; treat it as the end.
            return .finished
        case YAML_DOCUMENT_START_EVENT:
            documentCount += 1
            if documentCount > 1 {
                diagnostics.append(Diagnostic(
                    .yamlMultipleDocuments,
                    "a mapping file holds exactly one YAML document; a second one starts here",
                    at: location(event.start_mark, event.end_mark),
                    help: "remove the '---' or move the second document into its own mapping file"
                ))
                return .abort
            }
            return .next
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            rejectAnchor(data.anchor, at: event.start_mark)
            let scalar = YAMLScalar(
                value: string(data.value, count: data.length),
                style: scalarStyle(data.style),
                tag: data.tag.map { String(cString: $0) },
                range: range(event.start_mark, event.end_mark)
            )
            deliver(.scalar(scalar))
            return .next
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            let aliasRange = range(event.start_mark, event.end_mark)
            diagnostics.append(Diagnostic(
                .yamlAnchorOrAlias,
                "alias '*\(name)' is not allowed in a mapping file",
                at: SourceLocation(file: source.path, range: aliasRange),
                help: "write out the content the alias stands for"
            ))
            // Keep the structure intact with an empty stand-in; the error already fails the run.
            deliver(.scalar(YAMLScalar(value: "", style: .plain, range: aliasRange)))
            return .next
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            rejectAnchor(data.anchor, at: event.start_mark)
            guard enter(at: event.start_mark) else { return .abort }
            open.append(OpenCollection(
                isMapping: true,
                style: data.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block,
                start: position(event.start_mark),
                firstChild: children.count,
                firstKey: keys.count,
                expecting: .key
            ))
            return .next
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            rejectAnchor(data.anchor, at: event.start_mark)
            guard enter(at: event.start_mark) else { return .abort }
            open.append(OpenCollection(
                isMapping: false,
                style: data.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block,
                start: position(event.start_mark),
                firstChild: children.count,
                firstKey: keys.count,
                expecting: .item
            ))
            return .next
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let collection = open.popLast() else { return .abort }
            deliver(close(collection, endMark: event.end_mark))
            return .next
        default:
            return .next
        }
    }

    /// The node for a collection that just ended, built from its children, which are moved (not
    /// copied) off the child stack.
    private mutating func close(_ collection: OpenCollection, endMark: yaml_mark_t) -> YAMLNode {
        let end = collection.style == .flow ? position(endMark) : (children.last?.range.end ?? collection.start)
        let range = SourceRange(start: collection.start, end: end)
        guard collection.isMapping else {
            return .sequence(YAMLSequence(items: children.popItems(from: collection.firstChild), style: collection.style, range: range))
        }
        keys.removeSubrange(collection.firstKey...)
        return .mapping(YAMLMapping(entries: children.popEntries(from: collection.firstChild), style: collection.style, range: range))
    }

    /// Checks the depth bound as a collection opens.
    private mutating func enter(at mark: yaml_mark_t) -> Bool {
        guard open.count < limits.maxDepth else {
            diagnostics.append(Diagnostic(
                .yamlTooDeep,
                "nesting is deeper than \(limits.maxDepth) levels",
                at: location(mark, mark),
                help: "mapping files are a few levels deep; flatten the structure"
            ))
            return false
        }
        return true
    }

    private mutating func rejectAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: yaml_mark_t) {
        guard let anchor else { return }
        let name = String(cString: anchor)
        let start = position(mark)
        let end = source.position(atOffset: start.offset + 1 + name.utf8.count)
        diagnostics.append(Diagnostic(
            .yamlAnchorOrAlias,
            "anchor '&\(name)' is not allowed in a mapping file",
            at: SourceLocation(file: source.path, range: SourceRange(start: start, end: end)),
            help: "remove the anchor and write out every place that would use it"
        ))
    }

    /// Hands a finished node to the collection being built, or makes it the root.
    private mutating func deliver(_ node: consuming YAMLNode) {
        guard let top = open.indices.last else {
            root = node
            return
        }
        switch open[top].expecting {
        case .item:
            children.push(node)
        case .value:
            children.push(node)
            open[top].expecting = .key
        case .droppedValue:
            open[top].expecting = .key
        case .key:
            if acceptKey(node, in: top) {
                children.push(node)
                open[top].expecting = .value
            } else {
                open[top].expecting = .droppedValue
            }
        }
    }

    /// Whether `node` may be the next key of the open mapping at `top`; reports why not.
    private mutating func acceptKey(_ node: YAMLNode, in top: Int) -> Bool {
        guard case .scalar(let key) = node else {
            diagnostics.append(Diagnostic(
                .yamlNonScalarKey,
                "mapping key is \(node.kindDescription); keys must be plain scalars",
                at: SourceLocation(file: source.path, range: node.range),
                help: "write the key as a plain scalar such as an element id"
            ))
            return false
        }
        guard let first = firstKey(equalTo: key.value, in: top) else {
            if open[top].keyIndex != nil { open[top].keyIndex?[key.value] = keys.count }
            keys.append(key.value)
            return true
        }
        diagnostics.append(Diagnostic(
            .yamlDuplicateKey,
            "duplicate key '\(key.value)'",
            at: SourceLocation(file: source.path, range: key.range),
            notes: [Note("first defined here", at: SourceLocation(file: source.path, range: first))],
            help: "keep one of the two entries; YAML libraries would silently drop the first"
        ))
        return false
    }

    /// The range of the earlier key equal to `value` in the open mapping at `top`. Small mappings
    /// are searched linearly; a large one gets a dictionary once.
    private mutating func firstKey(equalTo value: String, in top: Int) -> SourceRange? {
        let firstKey = open[top].firstKey
        var found: Int?
        if let index = open[top].keyIndex {
            found = index[value]
        } else if keys.count - firstKey < 16 {
            found = keys[firstKey...].firstIndex(of: value)
        } else {
            var index: [String: Int] = [:]
            for position in firstKey..<keys.count where index[keys[position]] == nil {
                index[keys[position]] = position
            }
            open[top].keyIndex = index
            found = index[value]
        }
        // Keys and values alternate on the child stack.
        return found.map { children[open[top].firstChild + 2 * ($0 - firstKey)].range }
    }

    // MARK: Errors

    private mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            // The prechecks catch encoding problems first; this is the fallback with libyaml's
            // byte offset turned into a position.
            let offset = Int(parser.problem_offset)
            diagnostics.append(Diagnostic(
                problem.contains("control") ? .yamlForbiddenCharacter : .yamlInvalidUTF8,
                problem,
                at: source.location(from: offset, to: offset + 1)
            ))
        case YAML_MEMORY_ERROR:
            diagnostics.append(Diagnostic(.yamlSyntax, "libyaml ran out of memory", at: SourceLocation(wholeFile: source.path)))
        default:
            let context = parser.context.map { String(cString: $0) }
            let rewritten = YAMLErrorWording.rewrite(
                problem: problem,
                context: context,
                characterAtProblem: character(at: parser.problem_mark),
                problemIsInIndentation: isInIndentation(parser.problem_mark)
            )
            var notes: [Note] = []
            if let contextNote = rewritten.contextNote {
                notes.append(Note(contextNote, at: location(parser.context_mark, parser.context_mark)))
            }
            diagnostics.append(Diagnostic(
                rewritten.code,
                rewritten.message,
                at: location(parser.problem_mark, parser.problem_mark),
                notes: notes,
                help: rewritten.help
            ))
        }
    }

    private func character(at mark: yaml_mark_t) -> Unicode.Scalar? {
        let offset = position(mark).offset
        guard offset < source.bytes.count else { return nil }
        var iterator = source.bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    private func isInIndentation(_ mark: yaml_mark_t) -> Bool {
        let start = source.position(zeroBasedLine: Int(mark.line), column: 0).offset
        let offset = position(mark).offset
        return source.bytes[start..<offset].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    // MARK: Conversions

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        source.position(zeroBasedLine: Int(mark.line), column: Int(mark.column))
    }

    private func range(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceRange {
        SourceRange(start: position(start), end: position(end))
    }

    private func location(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: source.path, range: range(start, end))
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
        guard let pointer, count > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private func scalarStyle(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
