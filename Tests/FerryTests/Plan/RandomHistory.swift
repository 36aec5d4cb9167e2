/// A random but valid Camunda 7 history of one process whose wait states are user tasks: patch
/// releases that change nothing and minor releases whose mapping files rename, merge, map onto an
/// element that stays, skip, remove and add elements, and re-add ids removed earlier (a different
/// element under an old id). Written as real BPMN and YAML files; it also knows, independently of
/// Ferry's composition, where each element's instances go (`chain`), from its own operations.
struct RandomHistory {
    enum Action: Equatable {
        case map(String)
        case skip(String)
    }

    /// Every version, oldest first, with its element ids in document order.
    var versions: [(version: String, ids: [String])] = []
    /// The entries of each minor hop's mapping file, by the position of its older version.
    var entries: [Int: [(source: String, action: Action)]] = [:]

    init(seed: UInt64, versions count: Int) {
        var random = SeededGenerator(seed: seed)
        var next = 0
        func fresh() -> String {
            defer { next += 1 }
            return "task\(next)"
        }
        var ids = (0..<5).map { _ in fresh() }
        var removed: [String] = []
        var minor = 0, patch = 0
        versions.append(("1.0.0", ids))
        for _ in 1..<count {
            if random.next() % 4 == 0 {
                patch += 1
                versions.append(("1.\(minor).\(patch)", ids))
                continue
            }
            let hop = versions.count - 1
            minor += 1
            patch = 0
            var newer = ids
            var listed: Set<String> = []
            var targets: Set<String> = []
            var written: [(String, Action)] = []
            /// An id for a new element: usually new, sometimes one removed earlier (re-added).
            func newID() -> String {
                if let index = removed.indices.randomElement(using: &random), random.next() % 3 == 0,
                   !ids.contains(removed[index]), !newer.contains(removed[index]) {
                    return removed.remove(at: index)
                }
                return fresh()
            }
            func pickSource() -> String? {
                ids.filter { !listed.contains($0) && !targets.contains($0) }.randomElement(using: &random)
            }
            func drop(_ id: String) {
                newer.removeAll { $0 == id }
                removed.append(id)
            }
            for _ in 0..<(1 + Int(random.next() % 3)) {
                switch random.next() % 5 {
                case 0: // rename
                    guard let source = pickSource() else { continue }
                    let target = newID()
                    listed.insert(source)
                    targets.insert(target)
                    drop(source)
                    newer.append(target)
                    written.append((source, .map(target)))
                case 1: // merge two into one, new or staying
                    guard let a = pickSource() else { continue }
                    listed.insert(a)
                    guard let b = pickSource() else {
                        listed.remove(a)
                        continue
                    }
                    listed.insert(b)
                    let staying = newer.filter { !listed.contains($0) && $0 != a && $0 != b }.randomElement(using: &random)
                    let target = random.next() % 2 == 0 ? (staying ?? newID()) : newID()
                    targets.insert(target)
                    drop(a)
                    drop(b)
                    if !newer.contains(target) { newer.append(target) }
                    written += [(a, .map(target)), (b, .map(target))]
                case 2: // map onto an element that stays (its own instances keep their id)
                    guard let source = pickSource(),
                          let target = newer.filter({ $0 != source && !listed.contains($0) }).randomElement(using: &random) else { continue }
                    listed.insert(source)
                    targets.insert(target)
                    drop(source)
                    written.append((source, .map(target)))
                case 3: // skip
                    guard let source = pickSource() else { continue }
                    listed.insert(source)
                    drop(source)
                    written.append((source, .skip("reason \(hop) \(source)")))
                default: // add
                    let id = newID()
                    if !newer.contains(id) { newer.append(id) }
                }
            }
            while newer.count < 3 { newer.append(fresh()) }
            ids = newer
            entries[hop] = written
            versions.append(("1.\(minor).0", ids))
        }
    }

    /// The plan directory's files.
    var files: [String: String] {
        var files: [String: String] = [:]
        for (version, ids) in versions {
            let body = ids.map { #"    <bpmn:userTask id="\#($0)" />"# }.joined(separator: "\n")
            files["definitions/p-\(version).bpmn"] = PlanFixture.camunda7(version, body)
        }
        for (hop, written) in entries {
            let from = minor(versions[hop].version), to = minor(versions[hop + 1].version)
            var text = PlanFixture.mapping(from, to)
            if !written.isEmpty {
                text += "activities:\n"
                for (source, action) in written {
                    switch action {
                    case .map(let target): text += "  \(source): \(target)\n"
                    case .skip(let reason): text += "  \(source):\n    skip: \(reason)\n"
                    }
                }
            }
            files["mappings/\(from)-to-\(to).yaml"] = text
        }
        return files
    }

    private func minor(_ version: String) -> String {
        version.split(separator: ".").prefix(2).joined(separator: ".")
    }

    enum Outcome: Equatable {
        case targets(Set<String>, explicitSteps: Int)
        case skipped(reason: String)
        case notCarried
    }

    /// Where instances resting in `id` of version `from` end up in version `to`, hop by hop:
    /// an entry moves or skips it; otherwise it keeps its id when the newer version has it.
    func chain(_ id: String, from: Int, to: Int) -> Outcome {
        var current = id
        var explicit = 0
        for hop in from..<to {
            if let entry = entries[hop]?.first(where: { $0.source == current }) {
                switch entry.action {
                case .skip(let reason): return .skipped(reason: reason)
                case .map(let target):
                    current = target
                    explicit += 1
                }
            } else if !versions[hop + 1].ids.contains(current) {
                return .notCarried
            }
        }
        return .targets([current], explicitSteps: explicit)
    }
}
