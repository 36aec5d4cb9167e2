public import FerryDiagnostics
import FerrySyntax

/// What `ferry check` found in a set of plan directories.
public struct CheckResult: Sendable {
    public var report: DiagnosticReport
    public var planDirectoryCount: Int
    public var fileCount: Int
}

/// The `ferry check` pipeline: read every input of every plan directory through its front end,
/// build each process's version chain, validate every hop, and collect the diagnostics of every
/// stage.
///
/// Only compact models outlive reading a file: its bytes, line table and syntax are dropped as
/// soon as its front end is done, and a plan directory's models once its hops are validated, so a
/// run holds about one plan directory's models however large the inputs. The few files that end
/// up with findings are read again at the end for the renderers to quote.
public struct Checker: Sendable {
    public var reader = InputReader()
    public var yamlLimits = YAMLParser.Limits.mappingFiles
    public var xmlLimits = XMLReader.Limits.processDefinitions

    public init() {}

    public func check(_ plans: [PlanDirectory]) -> CheckResult {
        var result = CheckResult(report: DiagnosticReport(), planDirectoryCount: plans.count, fileCount: 0)
        // Every input read, and whether it is a mapping file (YAML counts lines its own way).
        var inputs: [String: Bool] = [:]
        for plan in plans {
            reportIgnoredFiles(of: plan, into: &result.report)
            var definitions: [ReadDefinition] = []
            for path in plan.definitions {
                result.fileCount += 1
                inputs[path] = false
                definitions += readDefinition(path, into: &result.report)
            }
            var mappings: [MappingFile] = []
            var unreadable: [String] = []
            for path in plan.mappings {
                result.fileCount += 1
                inputs[path] = true
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
        }
        registerSources(quotedBy: &result.report, inputs: inputs)
        return result
    }

    /// Reads a plan directory's definitions, for commands that need the models but not a check:
    /// the processes read, and the findings of reading them with their files registered.
    public func readDefinitions(of plan: PlanDirectory) -> (processes: [ProcessDefinition], report: DiagnosticReport) {
        var report = DiagnosticReport()
        var processes: [ProcessDefinition] = []
        for path in plan.definitions {
            processes += readDefinition(path, into: &report).map(\.process)
        }
        registerSources(quotedBy: &report, inputs: Dictionary(uniqueKeysWithValues: plan.definitions.map { ($0, false) }))
        return (processes, report)
    }

    func reportIgnoredFiles(of plan: PlanDirectory, into report: inout DiagnosticReport) {
        for path in plan.ignored {
            report.add(Diagnostic(
                .ignoredFile,
                "'\(Self.fileName(path))' is not a file Ferry reads here; it is ignored",
                at: SourceLocation(wholeFile: path),
                help: "Ferry reads *.bpmn and *.xpdl under definitions/ and *.yaml and *.yml under mappings/"
            ))
        }
    }

    /// Reads again the inputs that findings point into and that are not registered yet, for the
    /// renderers to quote: findings about a hop come after the files' bytes are gone. An input that
    /// cannot be read any more is left out; its findings are then shown without a source line.
    func registerSources(quotedBy report: inout DiagnosticReport, inputs: [String: Bool]) {
        var wanted: Set<String> = []
        for diagnostic in report.diagnostics {
            wanted.insert(diagnostic.location.file)
            for note in diagnostic.notes {
                if let file = note.location?.file { wanted.insert(file) }
            }
        }
        for path in wanted.sorted() where report.sources[path] == nil {
            guard let isMapping = inputs[path] else { continue }
            let limit = isMapping ? yamlLimits.maxBytes : xmlLimits.maxBytes
            guard case .success(let bytes) = reader.read(path, maxBytes: limit, kind: isMapping ? "mapping files" : "process definitions") else { continue }
            report.register(SourceFile(path: path, bytes: bytes, lineBreaks: isMapping ? .yaml : .standard))
        }
    }

    private func readMapping(_ path: String, into report: inout DiagnosticReport) -> MappingFile? {
        switch reader.read(path, maxBytes: yamlLimits.maxBytes, kind: "mapping files") {
        case .failure(let error):
            report.add(error.diagnostic)
            return nil
        case .success(let bytes):
            return parseMapping(path, bytes, into: &report)
        }
    }

    /// A mapping file from its bytes, through the YAML parser and the mapping decoder.
    func parseMapping(_ path: String, _ bytes: [UInt8], into report: inout DiagnosticReport) -> MappingFile? {
        let parsed = YAMLParser(limits: yamlLimits).parse(bytes, path: path)
        if !parsed.diagnostics.isEmpty { report.register(parsed.source) }
        report.add(contentsOf: parsed.diagnostics)
        guard let document = parsed.document else { return nil }
        let decoded = MappingDecoder().decode(document)
        if !decoded.diagnostics.isEmpty { report.register(parsed.source) }
        report.add(contentsOf: decoded.diagnostics)
        var file = decoded.file
        file.hasErrors = (parsed.diagnostics + decoded.diagnostics).contains { $0.severity == .error }
        return file
    }

    private func readDefinition(_ path: String, into report: inout DiagnosticReport) -> [ReadDefinition] {
        switch reader.read(path, maxBytes: xmlLimits.maxBytes, kind: "process definitions") {
        case .failure(let error):
            report.add(error.diagnostic)
            return []
        case .success(let bytes):
            return parseDefinition(path, bytes, into: &report)
        }
    }

    /// The processes of a definition file from its bytes, through its front end.
    func parseDefinition(_ path: String, _ bytes: [UInt8], into report: inout DiagnosticReport) -> [ReadDefinition] {
        let source = SourceFile(path: path, bytes: bytes)
        let file = DefinitionReader(limits: xmlLimits).read(source)
        if !file.diagnostics.isEmpty { report.register(source) }
        report.add(contentsOf: file.diagnostics)
        let fingerprint = ByteFingerprint.of(bytes)
        return file.processes.map { ReadDefinition(process: $0, fingerprint: fingerprint) }
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
