/// `ferry diff --format`.
public enum DiffFormat: String, Sendable, CaseIterable {
    case markdown, text, json
}

extension DiffReport {
    /// The report in `format`; `colors` only for text on a terminal.
    public func render(_ format: DiffFormat, colors: Bool = false) -> String {
        switch format {
        case .markdown: DiffMarkdown(report: self).render()
        case .text: DiffText(report: self, colors: colors).render()
        case .json: DiffJSON(report: self).render()
        }
    }

    var title: String {
        "\(process) \(from) → \(to) (\(engine.displayName))"
    }

    /// The routes reviewers read first: everything but the unchanged ones.
    var notableRoutes: [Route] { routes.filter { $0.outcome != .unchanged } }
    var unchangedRoutes: [Route] { routes.filter { $0.outcome == .unchanged } }

    static func places(_ via: [Step]) -> String {
        via.map(\.place).joined(separator: ", ")
    }
}

// MARK: - Markdown

/// GitHub-flavoured Markdown for a pull-request comment or a job summary: the summary line, the
/// risks, the routes that change, a Mermaid flowchart of them, then the routine detail folded in
/// `<details>`. Kept under GitHub's 65,536 characters per comment by leaving out routine rows,
/// with a visible note; risks are never left out.
struct DiffMarkdown {
    let report: DiffReport
    var limit = DiffMarkdown.commentLimit

    /// GitHub's limit on a comment's body.
    static let commentLimit = 65_536

    func render() -> String {
        let head = header() + risks() + routes() + flowchart()
        var routine = routineSections()
        var body = head + routine.joined()
        var dropped = 0
        let note = { (count: Int) in
            "\n> **Note:** \(count) routine \(count == 1 ? "row was" : "rows were") left out to stay within GitHub's comment size; run `ferry diff --format text` for the whole report.\n"
        }
        while body.utf16.count > limit, !routine.isEmpty {
            // Drop routine rows from the end, one section line at a time.
            let last = routine.removeLast()
            let lines = last.split(separator: "\n", omittingEmptySubsequences: false)
            let rows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| change") && !$0.hasPrefix("| wait state") }
            dropped += max(rows.count, 1)
            body = head + routine.joined() + note(dropped)
        }
        return body
    }

    private func header() -> String {
        "## Ferry: \(Self.code(report.process)) \(report.from) → \(report.to) (\(report.engine.displayName))\n\n**\(report.summary)**\n"
    }

    private func risks() -> String {
        guard !report.risks.isEmpty else { return "\n### Review first\n\nNothing: no wait state is skipped, merged or moved to another scope, no trigger is created anew, no variable is set, and checking found nothing.\n" }
        var out = "\n### Review first\n\n"
        for risk in report.risks {
            out += "- **\(Self.label(risk.kind))**: \(Self.inline(risk.message))"
            if !risk.via.isEmpty { out += " (\(risk.via.map { Self.code($0.place) }.joined(separator: ", ")))" }
            out += "\n"
        }
        return out
    }

    private func routes() -> String {
        let notable = report.notableRoutes
        guard report.notMigratable == nil else { return "" }
        var out = "\n### Where instances go\n\n"
        if notable.isEmpty {
            out += "Every wait state keeps its id: its instances stay where they are.\n"
            return out
        }
        out += "| wait state in \(report.from) | kind | in \(report.to) | why |\n|---|---|---|---|\n"
        for route in notable {
            out += "| \(Self.code(route.source.id)) | \(RuleFindings.describe(route.source)) | \(destination(route)) | \(why(route)) |\n"
        }
        return out
    }

    private func destination(_ route: DiffReport.Route) -> String {
        switch route.outcome {
        case .skipped: "skipped: \(Self.cell(route.reason ?? ""))"
        case .unmapped: "**no destination**"
        case .unchanged, .remapped:
            route.targets.map(Self.code).joined(separator: ", ") + (route.updateEventTrigger ? " (trigger updated)" : "")
        }
    }

    private func why(_ route: DiffReport.Route) -> String {
        route.via.isEmpty ? (route.outcome == .unmapped ? "" : "identity") : route.via.map { Self.code($0.place) }.joined(separator: ", ")
    }

    private func flowchart() -> String {
        let notable = report.notableRoutes.filter { $0.outcome != .unmapped }
        guard !notable.isEmpty else { return "" }
        var out = "\n```mermaid\nflowchart LR\n"
        out += "  subgraph old[\"\(report.from)\"]\n"
        for (index, route) in notable.enumerated() {
            out += "    s\(index)[\"\(Self.mermaid(route.source.id))\"]\n"
        }
        out += "  end\n  subgraph new[\"\(report.to)\"]\n"
        var targets: [String] = []
        for route in notable { for target in route.targets where !targets.contains(target) { targets.append(target) } }
        for (index, target) in targets.enumerated() {
            out += "    t\(index)[\"\(Self.mermaid(target))\"]\n"
        }
        out += "  end\n"
        if notable.contains(where: { $0.outcome == .skipped }) {
            out += "  skipped((\"skipped\"))\n"
        }
        for (index, route) in notable.enumerated() {
            if route.outcome == .skipped {
                out += "  s\(index) -.-> skipped\n"
            } else {
                for target in route.targets {
                    out += "  s\(index) --> t\(targets.firstIndex(of: target)!)\n"
                }
            }
        }
        return out + "```\n"
    }

    /// The routine detail, each section folded: unchanged wait states, then each hop's changes.
    private func routineSections() -> [String] {
        var sections: [String] = []
        let unchanged = report.unchangedRoutes
        if !unchanged.isEmpty {
            var out = "\n<details><summary>\(unchanged.count) unchanged wait \(unchanged.count == 1 ? "state" : "states")</summary>\n\n"
            out += "| wait state | kind |\n|---|---|\n"
            for route in unchanged { out += "| \(Self.code(route.source.id)) | \(RuleFindings.describe(route.source)) |\n" }
            sections.append(out + "\n</details>\n")
        }
        for hop in report.hops {
            let count = hop.changes.count
            var out = "\n<details><summary>Definition changes \(hop.from) → \(hop.to): \(count) \(count == 1 ? "element" : "elements")</summary>\n\n"
            if hop.changes.isEmpty {
                out += "No element changed.\n"
            } else {
                out += "| change | element | kind | details |\n|---|---|---|---|\n"
                for change in hop.changes {
                    let element = DiffText.elementName(change)
                    let wait = change.isWaitState ? " (wait state)" : ""
                    out += "| \(change.kind.rawValue) | \(Self.cell(element)) | \(RuleFindings.describe(change.element))\(wait) | \(Self.cell(change.details.joined(separator: "; "))) |\n"
                }
            }
            sections.append(out + "\n</details>\n")
        }
        return sections
    }

    static func label(_ kind: DiffReport.Risk.Kind) -> String {
        switch kind {
        case .unmapped: "no destination"
        case .skip: "skipped"
        case .merge: "merged"
        case .scopeMove: "moved scope"
        case .triggerUpdate: "trigger updated"
        case .variable: "variable set"
        case .finding: "finding"
        case .notMigratable: "not migratable"
        }
    }

    static func code(_ text: String) -> String {
        "`" + text.replacingOccurrences(of: "`", with: "'") + "`"
    }

    /// Text inside a table cell: no pipes or line breaks.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Text in a list item: one line, no HTML.
    static func inline(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func mermaid(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }
}

// MARK: - Text

/// The terminal report: symbols `+` `-` `~` `→` with a legend of the symbols used; colour only when
/// asked (a terminal without `NO_COLOR`).
struct DiffText {
    let report: DiffReport
    let colors: Bool

    func render() -> String {
        var used: Set<String> = []
        var out = "\(bold(report.title))\n"
        if !report.risks.isEmpty {
            out += "\n\(bold("Review first"))\n"
            for risk in report.risks {
                out += "  ! \(risk.message)"
                if !risk.via.isEmpty { out += "  [\(DiffReport.places(risk.via))]" }
                out += "\n"
                used.insert("!")
            }
        }
        if report.notMigratable == nil, !report.routes.isEmpty {
            out += "\n\(bold("Where instances go"))\n"
            let width = report.routes.map { $0.source.id.count }.max() ?? 0
            for route in report.notableRoutes + report.unchangedRoutes {
                let name = route.source.id + String(repeating: " ", count: width - route.source.id.count)
                switch route.outcome {
                case .unchanged:
                    out += "    \(name) → \(route.targets.joined(separator: ", "))\n"
                    used.insert("→")
                case .remapped:
                    out += "  \(paint("~", 33)) \(name) → \(route.targets.joined(separator: ", "))\(route.updateEventTrigger ? " (trigger updated)" : "")  [\(DiffReport.places(route.via))]\n"
                    used.formUnion(["~", "→"])
                case .skipped:
                    out += "  \(paint("-", 31)) \(name) skipped: \(route.reason ?? "")  [\(DiffReport.places(route.via))]\n"
                    used.insert("-")
                case .unmapped:
                    out += "  \(paint("!", 31)) \(name) has no destination\n"
                    used.insert("!")
                }
            }
        }
        for hop in report.hops where !hop.changes.isEmpty {
            out += "\n\(bold("Definition changes \(hop.from) → \(hop.to)"))\n"
            for change in hop.changes {
                let symbol: String
                switch change.kind {
                case .added: symbol = paint("+", 32); used.insert("+")
                case .removed: symbol = paint("-", 31); used.insert("-")
                case .renamed, .changed: symbol = paint("~", 33); used.insert("~")
                }
                var line = "  \(symbol) \(Self.elementName(change)) (\(RuleFindings.describe(change.element)))"
                if change.kind == .renamed { line += " renamed" }
                if !change.details.isEmpty { line += ": " + change.details.joined(separator: "; ") }
                if change.isWaitState { line += " *" ; used.insert("*") }
                out += line + "\n"
            }
        }
        let legend: [(String, String)] = [
            ("+", "added"), ("-", "removed or skipped"), ("~", "changed or remapped"), ("→", "where instances go"),
            ("!", "review first"), ("*", "a wait state"),
        ]
        let shown = legend.filter { used.contains($0.0) }
        if !shown.isEmpty {
            out += "\nLegend: " + shown.map { "\($0.0) \($0.1)" }.joined(separator: "  ") + "\n"
        }
        out += "\n\(report.summary)\n"
        return out
    }

    static func elementName(_ change: DefinitionChanges.Change) -> String {
        switch change.kind {
        case .added: change.newID ?? ""
        case .removed, .changed: change.oldID ?? ""
        case .renamed: "\(change.oldID ?? "") → \(change.newID ?? "")"
        }
    }

    private func paint(_ text: String, _ code: Int) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func bold(_ text: String) -> String {
        colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}

// MARK: - JSON

/// `ferry diff --format json`, the shape of `grammar/diff.schema.json`: keys sorted, paths relative
/// to the plan directory.
struct DiffJSON {
    let report: DiffReport

    func render() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("engine"); json.string(report.engine.rawValue)
        json.key("ferry"); json.integer(1)
        json.key("from"); json.string(report.from.description)
        json.key("hops"); json.beginArray()
        for hop in report.hops {
            json.beginObject()
            json.key("changes"); json.beginArray()
            for change in hop.changes {
                json.beginObject()
                json.key("change"); json.string(change.kind.rawValue)
                json.key("details"); json.strings(change.details)
                json.key("kind"); json.string(RuleFindings.describe(change.element))
                json.key("new"); json.string(change.newID)
                json.key("old"); json.string(change.oldID)
                json.key("waitState"); json.bool(change.isWaitState)
                json.endObject()
            }
            json.endArray()
            json.key("from"); json.string(hop.from)
            json.key("to"); json.string(hop.to)
            json.endObject()
        }
        json.endArray()
        json.key("notMigratable"); json.string(report.notMigratable)
        json.key("process"); json.string(report.process)
        json.key("risks"); json.beginArray()
        for risk in report.risks {
            json.beginObject()
            json.key("kind"); json.string(risk.kind.rawValue)
            json.key("message"); json.string(risk.message)
            json.key("via"); writeVia(risk.via, &json)
            json.endObject()
        }
        json.endArray()
        json.key("routes"); json.beginArray()
        for route in report.routes {
            json.beginObject()
            json.key("kind"); json.string(RuleFindings.describe(route.source))
            json.key("outcome"); json.string(route.outcome.rawValue)
            json.key("reason"); json.string(route.reason)
            json.key("source"); json.string(route.source.id)
            json.key("targets"); json.strings(route.targets)
            json.key("updateEventTrigger"); json.bool(route.updateEventTrigger)
            json.key("via"); writeVia(route.via, &json)
            json.endObject()
        }
        json.endArray()
        json.key("summary"); json.beginObject()
        json.key("errors"); json.integer(report.errors)
        func count(_ outcome: DiffReport.Outcome) {
            json.key(outcome.rawValue); json.integer(report.routes.filter { $0.outcome == outcome }.count)
        }
        count(.remapped)
        count(.skipped)
        json.key("text"); json.string(report.summary)
        count(.unchanged)
        count(.unmapped)
        json.key("waitStates"); json.integer(report.routes.count)
        json.key("warnings"); json.integer(report.warnings)
        json.endObject()
        json.key("to"); json.string(report.to.description)
        json.endObject()
        json.finish()
        return String(decoding: json.drain(), as: UTF8.self)
    }

    private func writeVia(_ via: [DiffReport.Step], _ json: inout JSONWriter) {
        json.beginArray()
        for step in via {
            json.beginObject(inline: true)
            json.key("column"); json.integer(step.column)
            json.key("file"); json.string(step.file)
            json.key("from"); json.string(step.from)
            json.key("line"); json.integer(step.line)
            json.key("to"); json.string(step.to)
            json.endObject()
        }
        json.endArray()
    }
}
