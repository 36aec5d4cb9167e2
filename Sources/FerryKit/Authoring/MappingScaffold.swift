/// The skeleton of the next mapping file (`ferry new`): every wait state of the older version that
/// identity cannot carry, with the elements of the newer version most likely to take its
/// instances, ranked by evidence. The best one is written as the target only when it is
/// unambiguous; otherwise the entry reads `TODO`, which `ferry check` reports (FM019) until it is
/// answered.
public struct MappingScaffold: Sendable {
    /// One wait state to answer.
    public struct Entry: Sendable {
        public var source: FlowElement
        public var gap: HopValidator.IdentityGap
        /// Best first.
        public var candidates: [Candidate]
        /// The target written into the file, when the best candidate is unambiguous.
        public var chosen: String?
    }

    /// An element of the newer version that could take a wait state's instances.
    public struct Candidate: Sendable {
        public var element: FlowElement
        /// Why it is a candidate, strongest first: `same kind`, `same name`, `same neighbours`,
        /// `same scope`, `new in 1.3.0`.
        public var evidence: [String]
        public var score: Int
    }

    public let older: ProcessDefinition
    public let newer: ProcessDefinition
    public let entries: [Entry]

    public init(older: ProcessDefinition, newer: ProcessDefinition) {
        self.older = older
        self.newer = newer
        let gaps = HopValidator().identityGaps(from: older, to: newer)
        let olderIDs = Set(older.elements.map(\.id))
        let olderNeighbours = Self.neighbours(in: older)
        let newerNeighbours = Self.neighbours(in: newer)
        let targets = newer.elements.filter { $0.isWaitState && $0.kind != .multiInstanceBody }
        var entries: [Entry] = []
        for source in older.elements where gaps[source.id] != nil {
            var candidates: [Candidate] = []
            for target in targets where target.id != source.id {
                guard SameTypeRule.incompatibility(source, target, engine: older.engine) == nil else { continue }
                var evidence: [String] = []
                var score = 0
                if source.kind == target.kind && source.implementation == target.implementation && source.eventDefinition == target.eventDefinition {
                    evidence.append("same kind"); score += 4
                }
                if let a = source.name.map(Self.normalised), let b = target.name.map(Self.normalised), !a.isEmpty, a == b {
                    evidence.append("same name"); score += 3
                }
                let around = olderNeighbours[source.id] ?? [], aroundTarget = newerNeighbours[target.id] ?? []
                if !around.isDisjoint(with: aroundTarget) {
                    evidence.append("same neighbours"); score += 2
                }
                if source.flowScope == target.flowScope {
                    evidence.append("same scope"); score += 1
                }
                if !olderIDs.contains(target.id) {
                    evidence.append("new in \(newer.version?.description ?? "the newer version")"); score += 1
                }
                candidates.append(Candidate(element: target, evidence: evidence, score: score))
            }
            // Best first; equal scores in document order of the newer version.
            candidates = candidates.enumerated()
                .sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
                .map(\.element)
            entries.append(Entry(source: source, gap: gaps[source.id]!, candidates: candidates, chosen: Self.choice(among: candidates)))
        }
        // Two wait states pointed at one target is a merge, which is for a person to decide.
        var claims: [String: Int] = [:]
        for entry in entries { if let chosen = entry.chosen { claims[chosen, default: 0] += 1 } }
        for index in entries.indices where claims[entries[index].chosen ?? ""] ?? 0 > 1 {
            entries[index].chosen = nil
        }
        self.entries = entries
    }

    /// The best candidate when nothing else comes close: it leads the next by more than one piece
    /// of weak evidence, and there is evidence beyond its kind (its name or its neighbours).
    static func choice(among candidates: [Candidate]) -> String? {
        guard let best = candidates.first else { return nil }
        if candidates.count > 1, candidates[1].score + 2 > best.score { return nil }
        guard best.evidence.contains("same name") || best.evidence.contains("same neighbours") else { return nil }
        return best.element.id
    }

    /// The ids of the elements connected to each element by one sequence flow, either way.
    static func neighbours(in process: ProcessDefinition) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for flow in process.sequenceFlows {
            result[flow.source, default: []].insert(flow.target)
            result[flow.target, default: []].insert(flow.source)
        }
        // A boundary event continues its activity's flow.
        for element in process.elements {
            if let attached = element.attachedTo { result[element.id, default: []].insert(attached) }
        }
        return result
    }

    static func normalised(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Rendering

    /// The mapping file's text. `schema` is the `$schema` path for editors, relative to the
    /// mapping file.
    public func render(schema: String) -> String {
        let from = older.version?.minorSeries ?? "?"
        let to = newer.version?.minorSeries ?? "?"
        let fromVersion = older.version?.description ?? "?"
        let toVersion = newer.version?.description ?? "?"
        var out = "# yaml-language-server: $schema=\(schema)\n#\n"
        out += "# \(older.name ?? older.id) \(from).x -> \(to).x (\(older.engine.displayName)), written by `ferry new`.\n"
        out += "# Checked against \(fromVersion) and \(toVersion); instances on earlier \(from) releases reach\n"
        out += "# \(fromVersion) by identity first.\n#\n"
        if entries.isEmpty {
            out += "# Every wait state of \(fromVersion) keeps its id and type in \(toVersion) and the engine's rules\n"
            out += "# accept it, so identity migrates every instance: there is nothing to map.\n"
        } else {
            out += "# Wait states that keep their id and type are migrated by identity and are not listed.\n"
            out += "# Each entry below is one identity cannot carry. Where a target is written, check it; where\n"
            out += "# an entry reads TODO, map it to the element where its instances continue, or write\n"
            out += "# `{ skip: <reason> }`. `ferry check` fails until no TODO is left.\n"
        }
        out += "ferry: 1\nprocess: \(Self.yamlScalar(older.id))\nfrom: \(from)\nto: \(to)\n"
        guard !entries.isEmpty else { return out }
        out += "\nactivities:\n"
        for (index, entry) in entries.enumerated() {
            if index > 0 { out += "\n" }
            out += "  # \(RuleFindings.describe(entry.source)) '\(entry.source.id)'"
            if let name = entry.source.name, !name.isEmpty { out += " \"\(Self.oneLine(name))\"" }
            out += ": \(reason(entry))\n"
            if entry.candidates.isEmpty {
                out += "  # no element of \(toVersion) can take these instances; skip it with the reason,\n"
                out += "  # or let them finish on \(fromVersion) before migrating\n"
            } else {
                out += "  # candidates in \(toVersion), best first:\n"
                let shown = entry.candidates.prefix(5)
                let width = shown.map(\.element.id.count).max() ?? 0
                for candidate in shown {
                    let padding = String(repeating: " ", count: width - candidate.element.id.count)
                    var line = "  #   \(candidate.element.id)\(padding)  \(RuleFindings.describe(candidate.element))"
                    if let name = candidate.element.name, !name.isEmpty { line += " \"\(Self.oneLine(name))\"" }
                    if !candidate.evidence.isEmpty { line += ": " + candidate.evidence.joined(separator: ", ") }
                    out += line + "\n"
                }
                if entry.candidates.count > shown.count {
                    out += "  #   (\(entry.candidates.count - shown.count) more of a compatible kind)\n"
                }
            }
            out += "  \(Self.yamlScalar(entry.source.id)): \(entry.chosen.map(Self.yamlScalar) ?? "TODO")\n"
        }
        return out
    }

    private func reason(_ entry: Entry) -> String {
        let toVersion = newer.version?.description ?? "the newer version"
        switch entry.gap {
        case .removed:
            return "not in \(toVersion)"
        case .changedType:
            let now = newer.element(entry.source.id).map(RuleFindings.describe) ?? "another kind"
            return "a \(now) in \(toVersion)"
        case .refused(let code):
            return "\(code.title) (\(code.rawValue)) in \(toVersion)"
        }
    }

    /// A scalar as YAML reads it back as the same text: plain when that is safe, else quoted.
    static func yamlScalar(_ text: String) -> String {
        let safe = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "_" || scalar == "-" || scalar == "." || scalar == "#"
        } && !["-", ".", "#"].contains(text.first!) && text != "TODO"
        if safe { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
