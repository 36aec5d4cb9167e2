import Foundation

/// Finds the plan directories below the paths given on the command line (DESIGN.md §2.1): every
/// directory that has a `definitions/` folder.
public struct PlanDiscovery: Sendable {
    /// Deepest directory level searched below a given path; stops symlink loops and runaway walks.
    public var maxDepth = 16

    public init() {}

    /// The plan directories found below every path, in path order, each once.
    ///
    /// A path that does not exist, or under which there is no plan directory, is a usage error.
    /// A file path selects the plan directory that contains it.
    public func planDirectories(under paths: [String]) throws(UsageError) -> [PlanDirectory] {
        var found: [PlanDirectory] = []
        var seen: Set<String> = []
        for path in paths.isEmpty ? ["."] : paths {
            for directory in try planDirectoryPaths(for: path) {
                let identity = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
                guard seen.insert(identity).inserted else { continue }
                found.append(contents(ofPlanDirectory: directory))
            }
        }
        return found
    }

    /// The one plan directory at `path`, for commands that work on one (`ferry plan`).
    ///
    /// A path that does not exist, a file, or a folder that is not itself a plan directory is a
    /// usage error; for a folder holding plan directories, the help names them.
    public func planDirectory(at path: String) throws(UsageError) -> PlanDirectory {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UsageError("path '\(path)' does not exist")
        }
        guard isDirectory.boolValue else {
            throw UsageError(
                "'\(path)' is a file, not a plan directory",
                help: enclosingPlanDirectory(ofFile: path).map { "pass its plan directory, '\($0)'" }
                    ?? "a plan directory is a folder with a 'definitions/' folder"
            )
        }
        guard isPlanDirectory(path) else {
            var below: [String] = []
            collect(path, depth: 0, into: &below)
            let shown = below.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (below.count > 5 ? ", …" : "")
            throw UsageError(
                "'\(path)' is not a plan directory (it has no 'definitions/' folder)",
                help: below.isEmpty
                    ? "a plan directory is a folder with a 'definitions/' folder"
                    : "pass one plan directory at a time: \(shown)"
            )
        }
        return contents(ofPlanDirectory: path)
    }

    private func planDirectoryPaths(for path: String) throws(UsageError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UsageError("path '\(path)' does not exist")
        }
        if !isDirectory.boolValue {
            guard let enclosing = enclosingPlanDirectory(ofFile: path) else {
                throw UsageError(
                    "'\(path)' is not inside a plan directory",
                    help: "a plan directory is a folder with a 'definitions/' folder; pass it or a folder above it"
                )
            }
            return [enclosing]
        }
        var results: [String] = []
        collect(path, depth: 0, into: &results)
        guard !results.isEmpty else {
            throw UsageError(
                "no plan directory under '\(path)'",
                help: "a plan directory is a folder with a 'definitions/' folder (and usually 'mappings/')"
            )
        }
        return results
    }

    private func collect(_ path: String, depth: Int, into results: inout [String]) {
        if isPlanDirectory(path) {
            results.append(path)
            return
        }
        guard depth < maxDepth else { return }
        for name in sortedEntries(of: path) where !Self.isSkipped(name) {
            let child = Self.join(path, name)
            guard isDirectory(child) else { continue }
            collect(child, depth: depth + 1, into: &results)
        }
    }

    /// The nearest ancestor of a file that is a plan directory, in the file path's own form.
    private func enclosingPlanDirectory(ofFile path: String) -> String? {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while components.count > 1 {
            components.removeLast()
            let candidate = components.joined(separator: "/")
            let probe = candidate.isEmpty ? "/" : candidate
            if isPlanDirectory(probe) { return probe }
        }
        return isPlanDirectory(".") ? "." : nil
    }

    private func contents(ofPlanDirectory path: String) -> PlanDirectory {
        var plan = PlanDirectory(path: path)
        let definitions = Self.join(path, PlanDirectory.definitionsFolder)
        for file in files(below: definitions) {
            if PlanDirectory.definitionExtensions.contains(Self.pathExtension(file)) {
                plan.definitions.append(file)
            } else {
                plan.ignored.append(file)
            }
        }
        let mappings = Self.join(path, PlanDirectory.mappingsFolder)
        for file in files(below: mappings) {
            if PlanDirectory.mappingExtensions.contains(Self.pathExtension(file)) {
                plan.mappings.append(file)
            } else {
                plan.ignored.append(file)
            }
        }
        plan.ignored.sort()
        return plan
    }

    /// Regular files below a folder, recursively, sorted by path; hidden files are left out.
    private func files(below folder: String, depth: Int = 0) -> [String] {
        guard depth < maxDepth, isDirectory(folder) else { return [] }
        var result: [String] = []
        for name in sortedEntries(of: folder) where !name.hasPrefix(".") {
            let child = Self.join(folder, name)
            if isDirectory(child) {
                result += files(below: child, depth: depth + 1)
            } else {
                result.append(child)
            }
        }
        return result
    }

    private func isPlanDirectory(_ path: String) -> Bool {
        isDirectory(Self.join(path, PlanDirectory.definitionsFolder))
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Directory entries sorted by their UTF-8 bytes, so every machine walks in the same order.
    private func sortedEntries(of path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Hidden folders and build output are never searched for plan directories.
    private static func isSkipped(_ name: String) -> Bool {
        name.hasPrefix(".") || name == "node_modules"
    }

    static func join(_ base: String, _ name: String) -> String {
        if base == "." { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }

    static func pathExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
