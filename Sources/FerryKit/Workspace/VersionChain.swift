public import FerryDiagnostics

/// One step between two consecutive versions of a process in one major (DESIGN.md §3.1).
public struct Hop: Sendable {
    public enum Kind: String, Sendable {
        /// Same `MAJOR.MINOR`: migrated by equal ids, no mapping file.
        case patch
        /// A minor increment: migrated by its mapping file plus identity.
        case minor
    }

    public var kind: Kind
    public var from: ProcessDefinition
    public var to: ProcessDefinition
    /// The mapping file of a minor hop; `nil` for a patch, or when it is missing (reported).
    public var mapping: MappingFile?

    public init(kind: Kind, from: ProcessDefinition, to: ProcessDefinition, mapping: MappingFile?) {
        self.kind = kind
        self.from = from
        self.to = to
        self.mapping = mapping
    }
}

/// The released versions of one process in a plan directory, ordered, with the hops between them.
public struct ProcessHistory: Sendable {
    public var processID: String
    public var engine: Engine
    /// One definition per version, oldest first.
    public var versions: [ProcessDefinition]
    /// Hops between consecutive versions of the same major.
    public var hops: [Hop]

    public init(processID: String, engine: Engine, versions: [ProcessDefinition], hops: [Hop]) {
        self.processID = processID
        self.engine = engine
        self.versions = versions
        self.hops = hops
    }

    /// The majors, oldest first.
    public var majors: [Int] {
        var seen: [Int] = []
        for version in versions.compactMap(\.version) where seen.last != version.major {
            seen.append(version.major)
        }
        return seen
    }
}

/// A definition file's process together with a fingerprint of the file's bytes.
public struct ReadDefinition: Sendable {
    public var process: ProcessDefinition
    /// Equal for files with equal bytes (not a cryptographic hash; used to tell a copied file).
    public var fingerprint: UInt64

    public init(process: ProcessDefinition, fingerprint: UInt64) {
        self.process = process
        self.fingerprint = fingerprint
    }
}

/// The workspace stage: groups one plan directory's definitions by process id, orders them by
/// version, connects consecutive versions by hops, and attaches each minor hop's mapping file,
/// reporting every way the history breaks Ferry's version policy (DESIGN.md §2.2).
public struct VersionChain: Sendable {
    public init() {}

    /// `unreadableMappings` are the paths of mapping files whose header could not be read; their
    /// own errors are reported, so a hop they may have been meant for is not called a gap.
    public func build(
        definitions: [ReadDefinition],
        mappings: [MappingFile],
        unreadableMappings: [String] = []
    ) -> (histories: [ProcessHistory], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let versioned = definitions.filter { $0.process.version != nil }
        // Definitions for another engine than the directory's are reported and left out of the
        // chain: comparing a Camunda 7 element with a Camunda 8 one says nothing useful.
        let engine = checkEngines(versioned.map(\.process), into: &diagnostics)
        let usable = versioned.filter { engine == nil || $0.process.engine == engine }

        var byProcess: [String: [ReadDefinition]] = [:]
        for definition in usable { byProcess[definition.process.id, default: []].append(definition) }
        var mappingsByProcess: [String: [MappingFile]] = [:]
        for mapping in mappings {
            guard let header = mapping.header else { continue }
            guard byProcess[header.process.value] != nil else {
                let known = byProcess.keys.sorted()
                diagnostics.append(Diagnostic(
                    .unknownMappingProcess,
                    "no definition in this plan directory has process id '\(header.process.value)'",
                    at: header.process.location,
                    help: Suggestions.closest(to: header.process.value, among: known).map { "did you mean '\($0)'?" }
                        ?? (known.isEmpty ? nil : "the processes here are: \(known.joined(separator: ", "))")
                ))
                continue
            }
            mappingsByProcess[header.process.value, default: []].append(mapping)
        }

        var histories: [ProcessHistory] = []
        for processID in byProcess.keys.sorted() {
            let versions = orderedVersions(byProcess[processID]!, into: &diagnostics)
            let history = connect(
                processID: processID, versions: versions, mappings: mappingsByProcess[processID] ?? [],
                unreadable: unreadableMappings, byProcessCount: byProcess.count, into: &diagnostics
            )
            histories.append(history)
        }
        return (histories, diagnostics)
    }

    /// The plan directory a definition file is in: the folder above its `definitions/`.
    static func planDirectory(of file: String) -> String {
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return "." }
        parts.removeLast(2)
        let joined = parts.joined(separator: "/")
        return joined.isEmpty ? "/" : joined
    }

    // MARK: Stages

    /// The directory's engine (the one most definitions use), reporting every definition for another.
    private func checkEngines(_ processes: [ProcessDefinition], into diagnostics: inout [Diagnostic]) -> Engine? {
        guard let first = processes.first else { return nil }
        var counts: [Engine: Int] = [:]
        for process in processes { counts[process.engine, default: 0] += 1 }
        guard counts.count > 1 else { return first.engine }
        // The engine most definitions use is taken as the directory's; the others are reported.
        let main = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? first.engine
        let example = processes.first { $0.engine == main }!
        for process in processes where process.engine != main {
            diagnostics.append(Diagnostic(
                .mixedEngines,
                "this definition is for \(process.engine.displayName) but the plan directory's others are for \(main.displayName)",
                at: process.location,
                notes: [Note("a \(main.displayName) definition", at: example.location)],
                help: "move definitions for another engine into a plan directory of their own"
            ))
        }
        return main
    }

    /// Sorts by version and keeps one definition per version, reporting the others.
    private func orderedVersions(_ definitions: [ReadDefinition], into diagnostics: inout [Diagnostic]) -> [ProcessDefinition] {
        let sorted = definitions.sorted {
            ($0.process.version!, $0.process.file) < ($1.process.version!, $1.process.file)
        }
        var kept: [ReadDefinition] = []
        for definition in sorted {
            guard let previous = kept.last, previous.process.version == definition.process.version else {
                kept.append(definition)
                continue
            }
            let identical = previous.fingerprint == definition.fingerprint
            diagnostics.append(Diagnostic(
                identical ? .duplicateDefinitionFile : .duplicateVersion,
                identical
                    ? "this file is the same definition as another one (process '\(definition.process.id)', version \(definition.process.version!))"
                    : "process '\(definition.process.id)' has version \(definition.process.version!) in two definitions",
                at: definition.process.versionLocation,
                notes: [Note("version \(previous.process.version!) is also here", at: previous.process.versionLocation)],
                help: identical ? "remove one of the two files" : "give this definition the version of the release it belongs to"
            ))
        }
        return kept.map(\.process)
    }

    private func connect(
        processID: String,
        versions: [ProcessDefinition],
        mappings: [MappingFile],
        unreadable: [String],
        byProcessCount: Int,
        into diagnostics: inout [Diagnostic]
    ) -> ProcessHistory {
        let minors = Set(versions.compactMap { $0.version.map(MinorVersion.init) })
        let byFrom = checkMappings(mappings, minors: minors, into: &diagnostics)
        var hops: [Hop] = []
        for (older, newer) in zip(versions, versions.dropFirst()) {
            guard let a = older.version, let b = newer.version else { continue }
            if a.major != b.major {
                diagnostics.append(Diagnostic(
                    .majorBoundary,
                    "instances on \(a.major).x are not migrated to \(b.major).x: majors are never migrated",
                    at: newer.versionLocation,
                    notes: [Note("the last \(a.major).x version", at: older.versionLocation)]
                ))
                continue
            }
            if a.minor == b.minor {
                hops.append(Hop(kind: .patch, from: older, to: newer, mapping: nil))
                continue
            }
            let fromMinor = MinorVersion(a)
            let toMinor = MinorVersion(b)
            let mapping = byFrom[fromMinor].flatMap { $0.to?.value == toMinor ? $0 : nil }
            if mapping == nil, byFrom[fromMinor] == nil, !Self.mayBeFor(fromMinor, toMinor, unreadable) {
                diagnostics.append(Diagnostic(
                    .missingMapping,
                    "no mapping file for \(processID) \(fromMinor) → \(toMinor)",
                    at: newer.versionLocation,
                    notes: [Note("the last \(fromMinor).x version", at: older.versionLocation)],
                    help: "run `ferry new \(Self.planDirectory(of: newer.file)) --from \(fromMinor) --to \(toMinor)\(byProcessCount > 1 ? " --process \(processID)" : "")` to write mappings/\(fromMinor)-to-\(toMinor).yaml with every wait state to answer"
                ))
            }
            hops.append(Hop(kind: .minor, from: older, to: newer, mapping: mapping))
        }
        return ProcessHistory(processID: processID, engine: versions.first?.engine ?? .camunda7, versions: versions, hops: hops)
    }

    /// Whether one of the unreadable mapping files may be the one for `from` → `to`: it is named
    /// for that increment, or its name does not say which increment it is for.
    private static func mayBeFor(_ from: MinorVersion, _ to: MinorVersion, _ unreadable: [String]) -> Bool {
        unreadable.contains { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let stem = name.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
            let ends = stem.components(separatedBy: "-to-")
            guard ends.count == 2, let a = MinorVersion(parsing: ends[0]), let b = MinorVersion(parsing: ends[1]) else { return true }
            return a == from && b == to
        }
    }

    /// One mapping file per `from` minor, each naming present, consecutive minors; returns the
    /// files by their `from`.
    private func checkMappings(_ mappings: [MappingFile], minors: Set<MinorVersion>, into diagnostics: inout [Diagnostic]) -> [MinorVersion: MappingFile] {
        var byFrom: [MinorVersion: MappingFile] = [:]
        let ordered = minors.sorted()
        for mapping in mappings.sorted(by: { $0.path < $1.path }) {
            guard let header = mapping.header else { continue }
            var orphan = false
            for end in [header.from, header.to] where !minors.contains(end.value) {
                orphan = true
                diagnostics.append(Diagnostic(
                    .orphanMapping,
                    "no definition of \(header.process.value) is in the \(end.value) series",
                    at: end.location,
                    help: "the plan directory has \(ordered.map { "\($0).x" }.joined(separator: ", ")); add the missing definition or correct the version"
                ))
            }
            if orphan { continue }
            if let fromIndex = ordered.firstIndex(of: header.from.value),
               fromIndex + 1 < ordered.count, ordered[fromIndex + 1] != header.to.value,
               ordered[fromIndex + 1] < header.to.value {
                let next = ordered[fromIndex + 1]
                diagnostics.append(Diagnostic(
                    .nonConsecutiveMapping,
                    "\(header.from.value) → \(header.to.value) skips \(next): a mapping file describes one minor increment",
                    at: header.to.location,
                    help: "map \(header.from.value) → \(next) here and add a file for each later increment"
                ))
                continue
            }
            if let first = byFrom[header.from.value] {
                diagnostics.append(Diagnostic(
                    .forkedMappings,
                    "two mapping files start from \(header.process.value) \(header.from.value): '\(first.path)' and '\(mapping.path)'",
                    at: header.from.location,
                    notes: [Note("the other mapping file from \(header.from.value)", at: first.from?.location)],
                    help: "keep one file per minor increment: renumber one of them after merging the branches"
                ))
                continue
            }
            byFrom[header.from.value] = mapping
        }
        return byFrom
    }
}

/// XXH64 (seed 0) of a file's bytes: tells identical copies apart from different files.
///
/// Not a cryptographic hash. XXH64 reads eight bytes at a time in four independent lanes, so
/// fingerprinting every definition costs a few percent of parsing it (FNV-1a's one multiply per
/// byte cost a third). Same values as the reference implementation (xxhash.com).
public enum ByteFingerprint {
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { xxh64($0) }
    }

    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    private static func xxh64(_ input: UnsafeRawBufferPointer) -> UInt64 {
        let count = input.count
        var offset = 0
        var hash: UInt64
        if count >= 32 {
            var lanes = (prime1 &+ prime2, prime2, UInt64(0), 0 &- prime1)
            while offset + 32 <= count {
                lanes.0 = round(lanes.0, word(input, offset))
                lanes.1 = round(lanes.1, word(input, offset + 8))
                lanes.2 = round(lanes.2, word(input, offset + 16))
                lanes.3 = round(lanes.3, word(input, offset + 24))
                offset += 32
            }
            hash = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
            hash = merge(hash, lanes.0)
            hash = merge(hash, lanes.1)
            hash = merge(hash, lanes.2)
            hash = merge(hash, lanes.3)
        } else {
            hash = prime5
        }
        hash &+= UInt64(count)
        while offset + 8 <= count {
            hash ^= round(0, word(input, offset))
            hash = rotate(hash, 27) &* prime1 &+ prime4
            offset += 8
        }
        if offset + 4 <= count {
            hash ^= UInt64(input.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian) &* prime1
            hash = rotate(hash, 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < count {
            hash ^= UInt64(input[offset]) &* prime5
            hash = rotate(hash, 11) &* prime1
            offset += 1
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }

    private static func word(_ input: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        input.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    private static func round(_ lane: UInt64, _ input: UInt64) -> UInt64 {
        rotate(lane &+ input &* prime2, 31) &* prime1
    }

    private static func merge(_ hash: UInt64, _ lane: UInt64) -> UInt64 {
        (hash ^ round(0, lane)) &* prime1 &+ prime4
    }

    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }
}
