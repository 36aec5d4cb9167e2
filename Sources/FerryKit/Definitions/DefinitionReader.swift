public import FerryDiagnostics
import FerrySyntax

/// The front end for process definitions: XML bytes in, process models and diagnostics out.
public struct DefinitionReader: Sendable {
    public var limits: XMLReader.Limits

    public init(limits: XMLReader.Limits = .processDefinitions) {
        self.limits = limits
    }

    static let xpdlNamespaces: Set<String> = [
        "http://www.wfmc.org/2002/XPDL1.0",
        "http://www.wfmc.org/2004/XPDL2.0alpha",
        "http://www.wfmc.org/2008/XPDL2.1",
    ]

    /// Reads one definition file; a file that is not well-formed XML yields only its syntax
    /// diagnostics.
    public func read(_ source: SourceFile) -> DefinitionFile {
        let (root, syntax) = XMLReader(limits: limits).parseDocument(source)
        guard let root else {
            return DefinitionFile(path: source.path, processes: [], diagnostics: syntax)
        }
        if root.name.matches("definitions", in: BPMNNamespace.model) {
            var reader = BPMNReader(source: source)
            let processes = reader.read(root)
            return DefinitionFile(path: source.path, processes: processes, diagnostics: syntax + reader.diagnostics)
        }
        if root.name.localName == "Package", let namespace = root.name.namespace, Self.xpdlNamespaces.contains(namespace) {
            let file = XPDLReader().read(root, source: source)
            return DefinitionFile(path: source.path, processes: file.processes, diagnostics: syntax + file.diagnostics)
        }
        let found = root.name.namespace.map { "'\(root.name.localName)' in namespace '\($0)'" } ?? "'\(root.name.localName)' without a namespace"
        return DefinitionFile(path: source.path, processes: [], diagnostics: syntax + [Diagnostic(
            .notADefinition,
            "not a BPMN or XPDL definition: the root element is \(found)",
            at: root.startTagLocation,
            help: "BPMN files have a <bpmn:definitions> root (namespace \(BPMNNamespace.model)); XPDL files a <Package> root (namespace http://www.wfmc.org/2002/XPDL1.0)"
        )])
    }
}
