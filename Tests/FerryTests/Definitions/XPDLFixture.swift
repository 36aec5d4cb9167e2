import Foundation
import FerryDiagnostics
import FerrySyntax
@testable import FerryKit

/// XPDL packages under `Tests/FerryTests/Fixtures/xpdl/`, read as Ferry reads them.
enum XPDLFixture {
    static let directory = URL(filePath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appending(path: "Fixtures/xpdl")

    /// Reads `xpdl/<name>` (the path diagnostics carry) through the XML reader and the XPDL front end.
    static func read(_ name: String) throws -> DefinitionFile {
        let data = try Data(contentsOf: directory.appending(path: name))
        return read(SourceFile(path: "xpdl/" + name, bytes: Array(data)))
    }

    static func read(_ source: SourceFile) -> DefinitionFile {
        let (root, syntax) = XMLReader().parseDocument(source)
        guard let root else {
            return DefinitionFile(path: source.path, processes: [], diagnostics: syntax)
        }
        let file = XPDLReader().read(root, source: source)
        return DefinitionFile(path: file.path, processes: file.processes, diagnostics: syntax + file.diagnostics)
    }

    /// A small XPDL 1.0 package around the given `WorkflowProcess` elements, as Joget writes it.
    static func package(_ processes: String, packageHeader: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xpdl:Package xmlns:xpdl="http://www.wfmc.org/2002/XPDL1.0" xmlns="http://www.wfmc.org/2002/XPDL1.0" Id="app" Name="App">
        <xpdl:PackageHeader><xpdl:XPDLVersion>1.0</xpdl:XPDLVersion></xpdl:PackageHeader>\(packageHeader)
        <xpdl:Script Type="text/javascript"/>
        <xpdl:WorkflowProcesses>
        \(processes)
        </xpdl:WorkflowProcesses>
        </xpdl:Package>
        """
    }
}

/// A diagnostic's code and where it starts, as a test compares it.
struct XPDLFinding: Hashable, CustomStringConvertible {
    let code: DiagnosticCode
    let line: Int
    let column: Int

    init(_ code: DiagnosticCode, _ line: Int, _ column: Int) {
        self.code = code
        self.line = line
        self.column = column
    }

    init(_ diagnostic: Diagnostic) {
        self.init(diagnostic.code, diagnostic.location.start.line, diagnostic.location.start.column)
    }

    var description: String { "\(code.rawValue)@\(line):\(column)" }
}
