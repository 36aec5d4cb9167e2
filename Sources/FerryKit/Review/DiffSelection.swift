import FerryDiagnostics

/// Which process and which two versions `ferry diff` compares.
public enum DiffSelection {
    /// The process named by `--process`, or the only one with versions.
    public static func history(_ id: String?, in loaded: LoadedPlan) throws(UsageError) -> ProcessHistory {
        let planned = loaded.histories.filter { !$0.versions.isEmpty }
        let chosen = try ProcessChoice.pick(
            id, among: planned.map(\.processID), in: loaded.directory.path,
            none: UsageError("'\(loaded.directory.path)' holds no definition with a version", help: "put one definition per released version under definitions/")
        )
        return planned.first { $0.processID == chosen }!
    }

    /// FROM and TO. By default FROM is the oldest migratable version (the oldest with a newer
    /// version in its major; with TO given, the oldest of TO's major) and TO the newest version of
    /// FROM's major.
    public static func versions(from: String?, to: String?, in history: ProcessHistory) throws(UsageError) -> (from: SemanticVersion, to: SemanticVersion) {
        let known = history.versions.compactMap(\.version)
        let given = (try history.version(from, named: "FROM"), try history.version(to, named: "TO"))
        guard let newest = known.last else { throw UsageError("process '\(history.processID)' has no version") }
        _ = newest
        let source: SemanticVersion
        let target: SemanticVersion
        switch given {
        case (let from?, let to?):
            (source, target) = (from, to)
        case (let from?, nil):
            (source, target) = (from, known.last { $0.major == from.major } ?? newest)
        case (nil, let to?):
            (source, target) = (known.first { $0.major == to.major } ?? to, to)
        case (nil, nil):
            // The oldest version that has somewhere to go in its major, to the newest of that major.
            let migratable = known.first { version in known.contains { $0.major == version.major && $0 > version } }
            source = migratable ?? newest
            target = known.last { $0.major == source.major } ?? newest
        }
        guard source < target else {
            throw UsageError(
                source == target ? "FROM and TO are both \(source); there is nothing to compare" : "FROM \(source) is newer than TO \(target)",
                help: "instances move from an older version to a newer one; the versions are \(known.map(\.description).joined(separator: ", "))"
            )
        }
        return (source, target)
    }
}

extension ProcessHistory {
    /// A version as written on the command line (`name` is how the message calls it: `--from`,
    /// `FROM`); `nil` when none is given. A malformed version, or one the history does not have,
    /// is a usage error.
    public func version(_ text: String?, named name: String) throws(UsageError) -> SemanticVersion? {
        guard let text else { return nil }
        let known = versions.compactMap(\.version)
        guard let version = SemanticVersion(parsing: text) else {
            throw UsageError("\(name) '\(text)' is not a version", help: "write MAJOR.MINOR.PATCH, such as 1.3.0")
        }
        guard known.contains(version) else {
            throw UsageError(
                "process '\(processID)' has no version \(version) in this plan directory",
                help: "its versions are \(known.map(\.description).joined(separator: ", "))"
            )
        }
        return version
    }
}
