public import FerryDiagnostics
import FerrySyntax

/// What `ferry check` found in a set of plan directories.
public struct CheckResult: Sendable {
    public var report: DiagnosticReport
    public var planDirectoryCount: Int
    public var fileCount: Int
}

/// The `ferry check` pipeline: read every input of every plan directory and collect the
/// diagnostics of each stage. Later stages (front ends, workspace, analysis) plug in here.
public struct Checker: Sendable {
    public var reader = InputReader()
    public var yamlLimits = YAMLParser.Limits.mappingFiles
    public var xmlLimits = XMLReader.Limits.processDefinitions

    public init() {}

    public func check(_ plans: [PlanDirectory]) -> CheckResult {
        var report = DiagnosticReport()
        var fileCount = 0
        for plan in plans {
            for path in plan.ignored {
                report.add(Diagnostic(
                    .ignoredFile,
                    "'\(Self.fileName(path))' is not a file Ferry reads here; it is ignored",
                    at: SourceLocation(wholeFile: path),
                    help: "Ferry reads *.bpmn and *.xpdl under definitions/ and *.yaml and *.yml under mappings/"
                ))
            }
            for path in plan.definitions {
                fileCount += 1
                checkDefinition(path, into: &report)
            }
            for path in plan.mappings {
                fileCount += 1
                checkMapping(path, into: &report)
            }
        }
        return CheckResult(report: report, planDirectoryCount: plans.count, fileCount: fileCount)
    }

    private func checkMapping(_ path: String, into report: inout DiagnosticReport) {
        switch reader.read(path, maxBytes: yamlLimits.maxBytes, kind: "mapping files") {
        case .failure(let error):
            report.add(error.diagnostic)
        case .success(let bytes):
            let result = YAMLParser(limits: yamlLimits).parse(bytes, path: path)
            report.register(result.source)
            report.add(contentsOf: result.diagnostics)
        }
    }

    private func checkDefinition(_ path: String, into report: inout DiagnosticReport) {
        switch reader.read(path, maxBytes: xmlLimits.maxBytes, kind: "process definitions") {
        case .failure(let error):
            report.add(error.diagnostic)
        case .success(let bytes):
            let source = SourceFile(path: path, bytes: bytes)
            report.register(source)
            report.add(contentsOf: DefinitionReader(limits: xmlLimits).read(source).diagnostics)
        }
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
