import FerryDiagnostics

/// Which process of a plan directory a command works on: the one `--process` names, or the only
/// one there is.
enum ProcessChoice {
    /// The chosen id among `ids` (sorted, distinct); `none` is the error when there are none.
    static func pick(_ id: String?, among ids: [String], in directory: String, none: UsageError) throws(UsageError) -> String {
        if let id {
            guard ids.contains(id) else {
                throw UsageError(
                    "no definition in '\(directory)' has process id '\(id)'",
                    help: Suggestions.closest(to: id, among: ids).map { "did you mean '\($0)'?" }
                        ?? (ids.isEmpty ? nil : "the processes here are: \(ids.joined(separator: ", "))")
                )
            }
            return id
        }
        guard let only = ids.first else { throw none }
        guard ids.count == 1 else {
            throw UsageError("'\(directory)' holds several processes: \(ids.joined(separator: ", "))", help: "choose one with --process")
        }
        return only
    }
}
