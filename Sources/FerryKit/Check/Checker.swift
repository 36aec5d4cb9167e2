public import FerryDiagnostics
import FerrySyntax
import Dispatch

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
    /// Reads a plan directory's definitions on as many threads as the machine runs at once; each
    /// file is read by one thread from bytes to model, and the results are taken in file order.
    public var readsConcurrently = true

    public init() {}

    public func check(_ plans: [PlanDirectory]) -> CheckResult {
        var result = CheckResult(report: DiagnosticReport(), planDirectoryCount: plans.count, fileCount: 0)
        for plan in plans {
            // The models go with `read` at the end of each turn; only the findings are kept.
            let read = read(plan, fingerprinting: false)
            result.fileCount += plan.definitions.count + plan.mappings.count
            result.report.merge(read.report)
        }
        return result
    }

    /// One plan directory through every stage up to hop validation: the histories, what was
    /// found (with the files that findings point into registered for quoting) and, when asked,
    /// the SHA-256 of every file as read.
    func read(_ plan: PlanDirectory, fingerprinting: Bool) -> (histories: [ProcessHistory], report: DiagnosticReport, inputs: [InputFingerprint]) {
        var report = DiagnosticReport()
        var fingerprints: [InputFingerprint] = []
        reportIgnoredFiles(of: plan, into: &report)
        var definitions: [ReadDefinition] = []
        for (path, read) in zip(plan.definitions, readDefinitions(plan.definitions, fingerprinting: fingerprinting)) {
            if let source = read.quotedSource { report.register(source) }
            if let sha256 = read.sha256 { fingerprints.append(InputFingerprint(path: path, sha256: sha256)) }
            report.add(contentsOf: read.diagnostics)
            definitions += read.definitions
        }
        var mappings: [MappingFile] = []
        var unreadable: [String] = []
        for path in plan.mappings {
            switch reader.read(path, maxBytes: yamlLimits.maxBytes, kind: "mapping files") {
            case .failure(let error):
                report.add(error.diagnostic)
                unreadable.append(path)
            case .success(let bytes):
                if fingerprinting { fingerprints.append(InputFingerprint(path: path, sha256: SHA256.hex(of: bytes))) }
                if let mapping = parseMapping(path, bytes, into: &report), mapping.header != nil {
                    mappings.append(mapping)
                } else {
                    unreadable.append(path)
                }
            }
        }
        let chain = VersionChain().build(definitions: definitions, mappings: mappings, unreadableMappings: unreadable)
        report.add(contentsOf: chain.diagnostics)
        for history in chain.histories {
            report.add(contentsOf: validateHops(of: history))
        }
        registerSources(quotedBy: &report, in: plan)
        fingerprints.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (chain.histories, report, fingerprints)
    }

    /// Validates every hop of a history, several at a time when ``readsConcurrently``: each
    /// definition is indexed once (a hop's newer side is the next one's older side), then the hops
    /// are validated, and the findings come back in hop order.
    private func validateHops(of history: ProcessHistory) -> [Diagnostic] {
        let hops = history.hops
        var distinct: [ProcessDefinition] = []
        var hopSides: [(older: Int, newer: Int)] = []
        for (position, hop) in hops.enumerated() {
            var older = distinct.count
            if position > 0, HopValidator.isSame(hops[position - 1].to, hop.from) {
                older = hopSides[position - 1].newer
            } else {
                distinct.append(hop.from)
            }
            distinct.append(hop.to)
            hopSides.append((older, distinct.count - 1))
        }
        let definitions = distinct
        let sides = hopSides
        let index = map(definitions.count) { MigrationSpec.index(definitions[$0]) }
        let findings = map(hops.count) { position in
            let side = sides[position]
            return HopValidator().validate(hops[position], older: index[side.older], newer: index[side.newer])
        }
        return findings.flatMap { $0 }
    }

    /// `transform` of 0 ..< count, in order: on several threads when ``readsConcurrently``.
    private func map<Value: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        guard readsConcurrently, count > 1 else { return (0 ..< count).map(transform) }
        let slots = ResultSlots<Value>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
        return slots.values
    }

    /// Reads a plan directory's definitions, for commands that need the models but not a check:
    /// the processes read, and the findings of reading them with their files registered.
    public func readDefinitions(of plan: PlanDirectory) -> (processes: [ProcessDefinition], report: DiagnosticReport) {
        var report = DiagnosticReport()
        var processes: [ProcessDefinition] = []
        for read in readDefinitions(plan.definitions, fingerprinting: false) {
            if let source = read.quotedSource { report.register(source) }
            report.add(contentsOf: read.diagnostics)
            processes += read.definitions.map(\.process)
        }
        registerSources(quotedBy: &report, in: plan)
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

    /// What reading one definition file gave.
    private struct DefinitionFileRead: Sendable {
        var definitions: [ReadDefinition] = []
        var diagnostics: [Diagnostic] = []
        /// The file, when its diagnostics quote it.
        var quotedSource: SourceFile?
        /// The SHA-256 of the bytes read, when asked for.
        var sha256: String?
    }

    /// Reads each definition file, several at a time when ``readsConcurrently``; the results come
    /// back in the order of `paths`, so what is reported does not depend on which finished first.
    private func readDefinitions(_ paths: [String], fingerprinting: Bool) -> [DefinitionFileRead] {
        map(paths.count) { readDefinition(paths[$0], fingerprinting: fingerprinting) }
    }

    private func readDefinition(_ path: String, fingerprinting: Bool) -> DefinitionFileRead {
        switch reader.read(path, maxBytes: xmlLimits.maxBytes, kind: "process definitions") {
        case .failure(let error):
            return DefinitionFileRead(diagnostics: [error.diagnostic])
        case .success(let bytes):
            var read = parsedDefinition(path, bytes)
            if fingerprinting { read.sha256 = SHA256.hex(of: bytes) }
            return read
        }
    }

    /// The processes of a definition file from its bytes, through its front end; a value, for
    /// reading on any thread.
    private func parsedDefinition(_ path: String, _ bytes: [UInt8]) -> DefinitionFileRead {
        // Before parsing, while the bytes just read are still in the cache.
        let fingerprint = ByteFingerprint.of(bytes)
        let source = SourceFile(path: path, bytes: bytes)
        let file = DefinitionReader(limits: xmlLimits).read(source)
        return DefinitionFileRead(
            definitions: file.processes.map { ReadDefinition(process: $0, fingerprint: fingerprint) },
            diagnostics: file.diagnostics,
            quotedSource: file.diagnostics.isEmpty ? nil : source
        )
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// One result per index, each set once by whichever thread computes it and read only after every
/// thread is done (`DispatchQueue.concurrentPerform` returns then), so no two accesses overlap.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Value) {
        slots[index] = value
    }

    var values: [Value] {
        slots.map { $0! }
    }
}
