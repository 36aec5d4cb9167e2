public import FerryDiagnostics

/// Reads XML process definitions (BPMN, XPDL) with libxml2's SAX2 parser, as events or as a tree
/// of elements, with exact positions.
///
/// The reader is safe on hostile input by construction: it refuses files over
/// ``Limits/maxBytes`` before parsing, rejects any DOCTYPE before an entity can be declared (so no
/// entity is ever expanded and nothing is read from disk or the network), stops at nesting deeper
/// than ``Limits/maxDepth``, and never lets libxml2 print anything. Every finding is a
/// ``Diagnostic``; the first error ends the parse.
///
/// Positions are byte offsets into the file, found in the file's own bytes rather than taken
/// from libxml2's columns, and turned into lines and columns by the file's line table (lines end
/// at LF, CR or CRLF; columns count Unicode scalars) only when asked for: events carry
/// `byteRange`s (``FerryDiagnostics/SourceFile/range(of:)`` resolves them), while attributes and
/// elements, which later stages keep, resolve their own `range`s. Pass a ``SourceFile`` made with
/// `.standard` line breaks.
///
/// Input must be UTF-8 (with or without a byte-order mark), or a pure-ASCII file whose
/// declaration names an ASCII-compatible encoding; anything else is ``DiagnosticCode/xmlUnsupportedEncoding``.
public struct XMLReader: Sendable {
    /// Bounds that keep a hostile or mistaken input cheap.
    public struct Limits: Sendable, Hashable {
        /// The deepest element nesting accepted; the root element is at depth 1. Values above 256
        /// act as 256: libxml2 itself stops at 257 levels unless `XML_PARSE_HUGE` is given, which
        /// Ferry never does.
        public var maxDepth: Int
        /// The largest file parsed, in bytes. Values above `Int32.max` act as `Int32.max`, the
        /// most libxml2 takes in one buffer.
        public var maxBytes: Int

        public init(maxDepth: Int = 256, maxBytes: Int = 64 * 1024 * 1024) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
        }

        /// The limits for process definitions: 256 levels, 64 MiB.
        public static let processDefinitions = Limits()
    }

    public var limits: Limits

    public init(limits: Limits = .processDefinitions) {
        self.limits = limits
    }

    /// Streams the events of `source` to `handler` in document order and returns the diagnostics.
    ///
    /// After an error no more events are delivered; events already delivered stand.
    ///
    /// Two options spare a front end the events it would only pass over; the whole document is
    /// parsed and checked all the same, and the diagnostics are the same:
    /// - `includingText: false`: no ``XMLEvent/text(_:)`` events, for a front end that reads
    ///   only tags (each run of indentation would be one).
    /// - `elementsIn`: only the document element, the elements in these namespaces and their
    ///   direct children (of any namespace) are reported, with their end tags and text. Anything
    ///   deeper in an element from another namespace, such as a BPMN file's diagram interchange
    ///   (often most of the file), goes by without an event or an attribute being recorded.
    /// - `ignoring` (with `elementsIn`): local names, by namespace URI, of elements that are not
    ///   reported wherever they stand, nor is anything inside them: elements a front end never
    ///   reads, such as BPMN's `incoming` and `outgoing`, which repeat what the sequence flows say.
    public func read(
        _ source: SourceFile,
        includingText: Bool = true,
        elementsIn namespaces: Set<String>? = nil,
        ignoring ignoredElements: [String: Set<String>] = [:],
        _ handler: (XMLEvent) -> Void
    ) -> [Diagnostic] {
        let maxBytes = min(limits.maxBytes, Int(Int32.max))
        if source.bytes.count > maxBytes {
            return [Diagnostic(
                .fileTooLarge,
                "file is \(Self.describeSize(source.bytes.count, roundingUp: true)), over the "
                    + "\(Self.describeSize(maxBytes, roundingUp: false)) limit for process definitions",
                at: SourceLocation(wholeFile: source.path),
                help: "check that this is the process definition you meant to commit"
            )]
        }
        if source.bytes.isEmpty {
            // libxml2 refuses to create a parser for an empty buffer; this is its own message for
            // a document with no content.
            return [Diagnostic(.xmlNotWellFormed, "Document is empty", at: SourceLocation(wholeFile: source.path))]
        }
        return withoutActuallyEscaping(handler) { handler in
            XMLParseState.parse(
                source,
                maxDepth: min(max(limits.maxDepth, 1), 256),
                includingText: includingText,
                reportedNamespaces: namespaces,
                ignoredElements: ignoredElements,
                handler: handler
            )
        }
    }

    /// Reads `source` into a tree of elements.
    ///
    /// `root` is `nil` whenever there is an error: a tree cut short at the first error would make
    /// later stages report missing elements that are really there.
    public func parseDocument(_ source: SourceFile) -> (root: XMLElement?, diagnostics: [Diagnostic]) {
        var builder = XMLTreeBuilder(source: source)
        let diagnostics = read(source) { builder.consume($0) }
        let failed = diagnostics.contains { $0.severity == .error }
        return (failed ? nil : builder.root, diagnostics)
    }

    /// `70.0 MiB`, `12.5 KiB`, `900 bytes`. A file's size rounds up, so that a file just over a
    /// limit never reads as equal to it; a limit that is a whole number of units has no decimal
    /// (`64 MiB`).
    static func describeSize(_ bytes: Int, roundingUp: Bool) -> String {
        let units: [(size: Int, name: String)] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for unit in units where bytes >= unit.size {
            if !roundingUp, bytes % unit.size == 0 {
                return "\(bytes / unit.size) \(unit.name)"
            }
            let tenths = roundingUp
                ? (bytes * 10 + unit.size - 1) / unit.size
                : (bytes * 10 + unit.size / 2) / unit.size
            return "\(tenths / 10).\(tenths % 10) \(unit.name)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
