public import FerryDiagnostics
public import FerrySyntax

/// The front end for process definitions: XML bytes in, process models and diagnostics out.
public struct DefinitionReader: Sendable {
    public var limits: XMLReader.Limits

    public init(limits: XMLReader.Limits = .processDefinitions) {
        self.limits = limits
    }

    /// Reads one definition file. BPMN streams straight into the model; XPDL (small files from
    /// Joget) goes through the element tree. A file that is not well-formed XML yields only its
    /// syntax diagnostics.
    public func read(_ source: SourceFile) -> DefinitionFile {
        if Self.rootLocalName(of: source.bytes) != "Package" {
            var reader = BPMNReader(source: source)
            reader.read(limits: limits)
            return DefinitionFile(path: source.path, processes: reader.processes, diagnostics: reader.diagnostics)
        }
        let (root, syntax) = XMLReader(limits: limits).parseDocument(source)
        guard let root else {
            return DefinitionFile(path: source.path, processes: [], diagnostics: syntax)
        }
        guard let namespace = root.name.namespace, XPDLNamespace.all.contains(namespace) else {
            return DefinitionFile(path: source.path, processes: [], diagnostics: syntax + [Self.notADefinition(root.name, at: root.startTagLocation)])
        }
        let file = XPDLReader().read(root, source: source)
        return DefinitionFile(path: source.path, processes: file.processes, diagnostics: syntax + file.diagnostics)
    }

    static func notADefinition(_ name: XMLName, at location: SourceLocation) -> Diagnostic {
        let found = name.namespace.map { "'\(name.localName)' in namespace '\($0)'" } ?? "'\(name.localName)' without a namespace"
        return Diagnostic(
            .notADefinition,
            "not a BPMN or XPDL definition: the root element is \(found)",
            at: location,
            help: "BPMN files have a <bpmn:definitions> root (namespace \(BPMNNamespace.model)); XPDL files a <Package> root (namespace http://www.wfmc.org/2002/XPDL1.0)"
        )
    }

    /// The local name of the first element, read from the bytes without parsing: after the XML
    /// declaration, comments, processing instructions and a DOCTYPE. Only a hint for choosing a
    /// reader; the reader checks the real element.
    static func rootLocalName(of bytes: [UInt8]) -> String? {
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
                index += 2
                continue
            }
            var end = index + 1
            while end < bytes.count, !" \t\r\n/>".utf8.contains(bytes[end]) { end += 1 }
            let qualified = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            return qualified.split(separator: ":").last.map(String.init)
        }
        return nil
    }
}
