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

/// Reads a mapping file (or another YAML input of Ferry's) through libyaml into a ``YAMLNode`` tree
/// with exact positions.
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

    /// What the files read are called in messages, and what to say about an empty or oversized
    /// one: Ferry reads mapping files and, for `ferry plan --emit joget`, instance inventories.
    public struct FileKind: Sendable, Hashable {
        /// "mapping file"
        public var singular: String
        /// "mapping files"
        public var plural: String
        /// Help for an empty file: what it holds at least.
        public var emptyHelp: String
        /// Help for a file over the size limit.
        public var sizeHelp: String

        public init(singular: String, plural: String, emptyHelp: String, sizeHelp: String) {
            self.singular = singular
            self.plural = plural
            self.emptyHelp = emptyHelp
            self.sizeHelp = sizeHelp
        }

        public static let mappingFile = FileKind(
            singular: "mapping file",
            plural: "mapping files",
            emptyHelp: "a mapping file needs at least the keys 'ferry', 'process', 'from' and 'to'",
            sizeHelp: "a mapping file describes one minor increment and is normally a few kilobytes"
        )
    }

    public var limits: Limits
    public var fileKind: FileKind

    public init(limits: Limits = .mappingFiles, fileKind: FileKind = .mappingFile) {
        self.limits = limits
        self.fileKind = fileKind
    }

    /// Parses the bytes of the file at `path` (the path is only used in diagnostics).
    public func parse(_ bytes: [UInt8], path: String) -> YAMLParseResult {
        let source = SourceFile(path: path, bytes: bytes, lineBreaks: .yaml)
        if let problem = precheck(source) {
            return YAMLParseResult(source: source, document: nil, diagnostics: [problem])
        }
        // libyaml keeps the input pointer for the parser's whole life and asserts on NULL, so the
        // whole parse runs inside one buffer access, over a buffer that is never empty.
        let input = bytes.isEmpty ? [0] : bytes
        let (root, diagnostics) = input.withUnsafeBufferPointer { buffer in
            var composer = YAMLComposer(source: source, limits: limits, fileKind: fileKind, input: buffer)
            let root = composer.run()
            return (root, composer.diagnostics)
        }
        return YAMLParseResult(
            source: source,
            document: root.map { YAMLDocument(root: $0, source: source) },
            diagnostics: diagnostics
        )
    }

    /// Size, encoding and character checks that must happen before libyaml sees the bytes, so
    /// every problem gets a line and column (libyaml's reader errors carry only a byte offset).
    private func precheck(_ source: SourceFile) -> Diagnostic? {
        let bytes = source.bytes
        if bytes.count > limits.maxBytes {
            return Diagnostic(
                .fileTooLarge,
                "file is \(ByteCount(bytes.count)), over the \(ByteCount(limits.maxBytes)) limit for \(fileKind.plural)",
                at: SourceLocation(wholeFile: source.path),
                help: fileKind.sizeHelp
            )
        }
        if let encoding = UnicodeSniffer.nonUTF8Encoding(of: bytes) {
            return Diagnostic(
                .yamlUnsupportedEncoding,
                "file is encoded as \(encoding); \(fileKind.plural) must be UTF-8",
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
                "invalid UTF-8 (\(shown)); \(fileKind.plural) must be UTF-8",
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

/// Streams libyaml events into a ``YAMLTree`` with an explicit stack (no recursion), so the depth
/// bound is checked as each collection opens.
private struct YAMLComposer {
    let source: SourceFile
    let limits: YAMLParser.Limits
    let fileKind: YAMLParser.FileKind
    var diagnostics: [Diagnostic] = []

    /// A collection that has started and not yet ended. Its children are pending in the builder
    /// from `firstChild` on (keys and values alternating for a mapping).
    private struct OpenCollection {
        enum Expecting { case item, key, value, droppedValue }

        var kind: YAMLNodeKind
        var start: Int32
        var firstChild: Int
        var expecting: Expecting
    }

    private var open: [OpenCollection] = []
    /// For each open mapping too large for a linear search, by its index in `open`: key →
    /// pending index of that key. Kept apart so that opening and closing a collection moves no
    /// references.
    private var keyIndexes: [Int: [String: Int]] = [:]
    private var builder: YAMLTreeBuilder
    private var root: YAMLNodeRecord?
    private var documentCount = 0
    /// The input libyaml reads: the file's bytes, or one zero byte for an empty file.
    private let input: UnsafeBufferPointer<UInt8>

    /// `input` must stay valid while the composer runs.
    init(source: SourceFile, limits: YAMLParser.Limits, fileKind: YAMLParser.FileKind, input: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.limits = limits
        self.fileKind = fileKind
        self.input = input
        builder = YAMLTreeBuilder(source: source, input: input)
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

        // libyaml keeps the input pointer for the parser's whole life and asserts on NULL: the
        // input is never empty, and outlives this call.
        yaml_parser_set_input_string(parser, input.baseAddress!, source.bytes.count)
        var event = yaml_event_t()
        var step = Step.next
        while step == .next {
            guard yaml_parser_parse(parser, &event) == 1 else {
                reportParserError(parser.pointee)
                return nil
            }
            step = handle(&event)
            yaml_event_delete(&event)
        }
        guard step == .finished else { return nil }
        if documentCount == 0 {
            diagnostics.append(Diagnostic(
                .yamlEmptyFile,
                "\(fileKind.singular) is empty",
                at: SourceLocation(wholeFile: source.path),
                help: fileKind.emptyHelp
            ))
            return nil
        }
        return root.map { builder.finish(root: $0) }
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
                    "a \(fileKind.singular) holds exactly one YAML document; a second one starts here",
                    at: location(event.start_mark, event.end_mark),
                    help: "remove the '---' or move the second document into its own \(fileKind.singular)"
                ))
                return .abort
            }
            return .next
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            if let anchor = data.anchor { rejectAnchor(anchor, at: event.start_mark) }
            let scalar = builder.scalar(
                scalarKind(data.style),
                start: offset(event.start_mark),
                end: offset(event.end_mark),
                value: data.value.map { UnsafePointer($0) },
                length: data.length,
                tag: data.tag.map { String(cString: $0) }
            )
            deliver(scalar)
            return .next
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            diagnostics.append(Diagnostic(
                .yamlAnchorOrAlias,
                "alias '*\(name)' is not allowed in a \(fileKind.singular)",
                at: location(event.start_mark, event.end_mark),
                help: "write out the content the alias stands for"
            ))
            // Keep the structure intact with an empty stand-in; the error already fails the run.
            deliver(builder.scalar(.plainScalar, start: offset(event.start_mark), end: offset(event.end_mark), value: nil, length: 0, tag: nil))
            return .next
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            if let anchor = data.anchor { rejectAnchor(anchor, at: event.start_mark) }
            guard enter(at: event.start_mark) else { return .abort }
            open.append(OpenCollection(
                kind: data.style == YAML_FLOW_MAPPING_STYLE ? .flowMapping : .blockMapping,
                start: offset(event.start_mark),
                firstChild: builder.pending.count,
                expecting: .key
            ))
            return .next
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            if let anchor = data.anchor { rejectAnchor(anchor, at: event.start_mark) }
            guard enter(at: event.start_mark) else { return .abort }
            open.append(OpenCollection(
                kind: data.style == YAML_FLOW_SEQUENCE_STYLE ? .flowSequence : .blockSequence,
                start: offset(event.start_mark),
                firstChild: builder.pending.count,
                expecting: .item
            ))
            return .next
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let collection = open.popLast() else { return .abort }
            if !keyIndexes.isEmpty { keyIndexes[open.count] = nil }
            deliver(builder.close(
                collection.kind,
                start: collection.start,
                end: collection.kind.isFlow ? offset(event.end_mark) : nil,
                firstChild: collection.firstChild
            ))
            return .next
        default:
            return .next
        }
    }

    /// Checks the depth bound as a collection opens.
    private mutating func enter(at mark: yaml_mark_t) -> Bool {
        guard open.count < limits.maxDepth else {
            diagnostics.append(Diagnostic(
                .yamlTooDeep,
                "nesting is deeper than \(limits.maxDepth) levels",
                at: location(mark, mark),
                help: "\(fileKind.plural) are a few levels deep; flatten the structure"
            ))
            return false
        }
        return true
    }

    private mutating func rejectAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>, at mark: yaml_mark_t) {
        let name = String(cString: anchor)
        let start = position(mark)
        let end = source.position(atOffset: start.offset + 1 + name.utf8.count)
        diagnostics.append(Diagnostic(
            .yamlAnchorOrAlias,
            "anchor '&\(name)' is not allowed in a \(fileKind.singular)",
            at: SourceLocation(file: source.path, range: SourceRange(start: start, end: end)),
            help: "remove the anchor and write out every place that would use it"
        ))
    }

    /// Hands a finished node to the collection being built, or makes it the root.
    private mutating func deliver(_ node: YAMLNodeRecord) {
        guard let top = open.indices.last else {
            root = node
            return
        }
        switch open[top].expecting {
        case .item:
            builder.push(node)
        case .value:
            builder.push(node)
            open[top].expecting = .key
        case .droppedValue:
            open[top].expecting = .key
        case .key:
            if acceptKey(node, in: top) {
                builder.push(node)
                open[top].expecting = .value
            } else {
                open[top].expecting = .droppedValue
            }
        }
    }

    /// Whether `node` may be the next key of the open mapping at `top`; reports why not.
    private mutating func acceptKey(_ node: YAMLNodeRecord, in top: Int) -> Bool {
        guard node.kind.isScalar else {
            diagnostics.append(Diagnostic(
                .yamlNonScalarKey,
                "mapping key is \(node.kind.isMapping ? "a mapping" : "a sequence"); keys must be plain scalars",
                at: SourceLocation(file: source.path, range: builder.range(of: node)),
                help: "write the key as a plain scalar such as an element id"
            ))
            return false
        }
        guard let first = firstKey(equalTo: node, in: top) else {
            if !keyIndexes.isEmpty, keyIndexes[top] != nil { keyIndexes[top]?[builder.value(of: node)] = builder.pending.count }
            return true
        }
        diagnostics.append(Diagnostic(
            .yamlDuplicateKey,
            "duplicate key '\(builder.value(of: node))'",
            at: SourceLocation(file: source.path, range: builder.range(of: node)),
            notes: [Note("first defined here", at: SourceLocation(file: source.path, range: builder.range(of: first)))],
            help: "keep one of the two entries; YAML libraries would silently drop the first"
        ))
        return false
    }

    /// The earlier key equal to `key` in the open mapping at `top`. Small mappings are searched
    /// linearly, comparing bytes; a large one gets a dictionary once.
    private mutating func firstKey(equalTo key: YAMLNodeRecord, in top: Int) -> YAMLNodeRecord? {
        let firstChild = open[top].firstChild
        // Keys and values alternate on the pending children.
        let keyCount = (builder.pending.count - firstChild + 1) / 2
        let hasIndex = !keyIndexes.isEmpty && keyIndexes[top] != nil
        if !hasIndex, keyCount < 16 {
            return builder.pendingKey(equalTo: key, from: firstChild)
        }
        if !hasIndex {
            var index: [String: Int] = [:]
            for position in stride(from: firstChild, to: builder.pending.count, by: 2) {
                let value = builder.value(of: builder.pending[position])
                if index[value] == nil { index[value] = position }
            }
            keyIndexes[top] = index
        }
        return keyIndexes[top]?[builder.value(of: key)].map { builder.pending[$0] }
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

    /// The byte offset of a mark, which is all a node keeps of its position.
    private func offset(_ mark: yaml_mark_t) -> Int32 {
        Int32(clamping: source.offset(zeroBasedLine: Int(mark.line), column: Int(mark.column)))
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        source.position(zeroBasedLine: Int(mark.line), column: Int(mark.column))
    }

    private func location(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: source.path, range: SourceRange(start: position(start), end: position(end)))
    }

    private func scalarKind(_ style: yaml_scalar_style_t) -> YAMLNodeKind {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuotedScalar
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuotedScalar
        case YAML_LITERAL_SCALAR_STYLE: .literalScalar
        case YAML_FOLDED_SCALAR_STYLE: .foldedScalar
        default: .plainScalar
        }
    }
}
