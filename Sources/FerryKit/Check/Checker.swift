public import FerryDiagnostics
import FerrySyntax

/// What `ferry check` found in a set of plan directories.
public struct CheckResult: Sendable {
    public var report: DiagnosticReport
    public var planDirectoryCount: Int
    public var fileCount: Int
    /// The version history of every process, per plan directory, for later stages.
    public var histories: [ProcessHistory] = []
}

/// The `ferry check` pipeline: read every input of every plan directory through its front end,
/// build each process's version chain, validate every hop, and collect the diagnostics of every
/// stage.
public struct Checker: Sendable {
    public var reader = InputReader()
    public var yamlLimits = YAMLParser.Limits.mappingFiles
    public var xmlLimits = XMLReader.Limits.processDefinitions

    public init() {}

    public func check(_ plans: [PlanDirectory]) -> CheckResult {
        var result = CheckResult(report: DiagnosticReport(), planDirectoryCount: plans.count, fileCount: 0)
        for plan in plans {
            for path in plan.ignored {
                result.report.add(Diagnostic(
                    .ignoredFile,
                    "'\(Self.fileName(path))' is not a file Ferry reads here; it is ignored",
                    at: SourceLocation(wholeFile: path),
                    help: "Ferry reads *.bpmn and *.xpdl under definitions/ and *.yaml and *.yml under mappings/"
                ))
            }
            var definitions: [ReadDefinition] = []
            for path in plan.definitions {
                result.fileCount += 1
                definitions += readDefinition(path, into: &result.report)
            }
            var mappings: [MappingFile] = []
            var unreadable: [String] = []
            for path in plan.mappings {
                result.fileCount += 1
                if let mapping = readMapping(path, into: &result.report), mapping.header != nil {
                    mappings.append(mapping)
                } else {
                    unreadable.append(path)
                }
            }
            let chain = VersionChain().build(definitions: definitions, mappings: mappings, unreadableMappings: unreadable)
            result.report.add(contentsOf: chain.diagnostics)
            for history in chain.histories {
                for hop in history.hops {
                    result.report.add(contentsOf: HopValidator().validate(hop))
                }
            }
            result.histories += chain.histories
        }
        return result
    }

    private func readMapping(_ path: String, into report: inout DiagnosticReport) -> MappingFile? {
        switch reader.read(path, maxBytes: yamlLimits.maxBytes, kind: "mapping files") {
        case .failure(let error):
            report.add(error.diagnostic)
            return nil
        case .success(let bytes):
            let parsed = YAMLParser(limits: yamlLimits).parse(bytes, path: path)
            report.register(parsed.source)
            report.add(contentsOf: parsed.diagnostics)
            guard let document = parsed.document else { return nil }
            let decoded = MappingDecoder().decode(document)
            report.add(contentsOf: decoded.diagnostics)
            var file = decoded.file
            file.hasErrors = (parsed.diagnostics + decoded.diagnostics).contains { $0.severity == .error }
            return file
        }
    }

    private func readDefinition(_ path: String, into report: inout DiagnosticReport) -> [ReadDefinition] {
        switch reader.read(path, maxBytes: xmlLimits.maxBytes, kind: "process definitions") {
        case .failure(let error):
            report.add(error.diagnostic)
            return []
        case .success(let bytes):
            let source = SourceFile(path: path, bytes: bytes)
            report.register(source)
            let file = DefinitionReader(limits: xmlLimits).read(source)
            report.add(contentsOf: file.diagnostics)
            let fingerprint = ByteFingerprint.of(bytes)
            return file.processes.map { ReadDefinition(process: $0, fingerprint: fingerprint) }
        }
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
