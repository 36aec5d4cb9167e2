import Foundation

/// The output formats of `ferry inspect`.
public enum InspectFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// Renders what the front end understood of one definition file, for `ferry inspect`.
public struct InspectRenderer: Sendable {
    public var format: InspectFormat

    public init(format: InspectFormat) {
        self.format = format
    }

    public func render(_ file: DefinitionFile) -> String {
        switch format {
        case .text: renderText(file)
        case .json: renderJSON(file)
        }
    }

    // MARK: Text

    private func renderText(_ file: DefinitionFile) -> String {
        var out = "\(file.path)\n"
        for process in file.processes {
            out += "\nprocess \(process.id)"
            if let name = process.name { out += " \"\(name)\"" }
            out += " (\(process.engine.displayName), version \(process.version?.description ?? "missing"))\n\n"
            let behaviourHeader: String
            switch process.engine {
            case .camunda7: behaviourHeader = "Camunda 7 behaviour"
            case .camunda8: behaviourHeader = "Camunda 8 type"
            case .joget: behaviourHeader = ""
            }
            let depths = scopeDepths(process)
            var rows = [["element", "kind", "wait", behaviourHeader]]
            for element in process.elements {
                let indent = String(repeating: "  ", count: depths[element.id] ?? 0)
                rows.append([
                    indent + element.id,
                    kindDescription(element),
                    element.isWaitState ? "*" : "",
                    element.camunda7Behavior ?? element.camunda8Type ?? "",
                ])
            }
            out += table(rows)
            let waits = process.elements.filter(\.isWaitState).count
            out += "\n\(process.elements.count) elements, \(waits) wait \(waits == 1 ? "state" : "states") (*: an instance can rest there)\n"
        }
        return out
    }

    /// `userTask`, `boundaryEvent timer, non-interrupting, on approveInvoice`, …
    private func kindDescription(_ element: FlowElement) -> String {
        var details: [String] = []
        if let definition = element.eventDefinition { details.append(definition.rawValue) }
        if let implementation = element.implementation { details.append(implementation.rawValue) }
        if element.isInterrupting == false { details.append("non-interrupting") }
        if let mode = element.multiInstance, element.kind != .multiInstanceBody { details.append("\(mode.rawValue) multi-instance") }
        if element.asyncBefore { details.append("async before") }
        if element.asyncAfter { details.append("async after") }
        if let attached = element.attachedTo { details.append("on \(attached)") }
        return details.isEmpty ? element.kind.rawValue : "\(element.kind.rawValue) (\(details.joined(separator: ", ")))"
    }

    private func scopeDepths(_ process: ProcessDefinition) -> [String: Int] {
        var depths: [String: Int] = [:]
        for element in process.elements {
            depths[element.id] = element.flowScope.map { (depths[$0] ?? 0) + 1 } ?? 0
        }
        return depths
    }

    private func table(_ rows: [[String]]) -> String {
        let columns = rows[0].count
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for column in 0..<columns {
                let cell = row[column]
                line += column == columns - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return "  " + line + "\n"
        }.joined()
    }

    // MARK: JSON

    private func renderJSON(_ file: DefinitionFile) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(InspectJSON(file))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The JSON shape of `ferry inspect --format json` (`grammar/inspect.schema.json`). Absent values
/// are written as `null`, so every key is always present.
private struct InspectJSON: Encodable {
    let file: DefinitionFile

    init(_ file: DefinitionFile) { self.file = file }

    enum Keys: String, CodingKey { case file, processes }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(file.path, forKey: .file)
        try container.encode(file.processes.map(ProcessJSON.init), forKey: .processes)
    }
}

private struct ProcessJSON: Encodable {
    let process: ProcessDefinition

    enum Keys: String, CodingKey { case id, name, engine, version, elements }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(process.id, forKey: .id)
        try container.encode(process.name, forKey: .name)
        try container.encode(process.engine.rawValue, forKey: .engine)
        try container.encode(process.version?.description, forKey: .version)
        try container.encode(process.elements.map(ElementJSON.init), forKey: .elements)
    }
}

private struct ElementJSON: Encodable {
    let element: FlowElement

    enum Keys: String, CodingKey {
        case id, name, kind, flowScope, eventScope, waitState, camunda7Behavior, camunda8Type
        case asyncBefore, asyncAfter, incoming, outgoing, line, column
        case eventDefinition, implementation, attachedTo, trigger
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(element.id, forKey: .id)
        try container.encode(element.name, forKey: .name)
        try container.encode(element.kind.rawValue, forKey: .kind)
        try container.encode(element.flowScope, forKey: .flowScope)
        try container.encode(element.eventScope, forKey: .eventScope)
        try container.encode(element.isWaitState, forKey: .waitState)
        try container.encode(element.camunda7Behavior, forKey: .camunda7Behavior)
        try container.encode(element.camunda8Type, forKey: .camunda8Type)
        try container.encode(element.asyncBefore, forKey: .asyncBefore)
        try container.encode(element.asyncAfter, forKey: .asyncAfter)
        try container.encode(element.incoming, forKey: .incoming)
        try container.encode(element.outgoing, forKey: .outgoing)
        try container.encode(element.location.start.line, forKey: .line)
        try container.encode(element.location.start.column, forKey: .column)
        try container.encode(element.eventDefinition?.rawValue, forKey: .eventDefinition)
        try container.encode(element.implementation?.rawValue, forKey: .implementation)
        try container.encode(element.attachedTo, forKey: .attachedTo)
        try container.encode(element.trigger, forKey: .trigger)
    }
}
