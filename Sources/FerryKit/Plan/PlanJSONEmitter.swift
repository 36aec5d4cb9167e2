public import FerryDiagnostics

/// Ferry's own plan format, `ferry plan --emit json` (schema: `grammar/plan.schema.json`):
///
/// ```json
/// {"engine", "ferry": 1, "inputs": [{"path", "sha256"}], "notMigratable": [{"reason", "source"}],
///  "plans": [{"instructions": [{"source", "targets", "updateEventTrigger", "via": [step]}],
///             "skipped": [{"element", "reason", "via": [step]}], "source", "target",
///             "variables": {name: {"overrides": [{"setBy", "type", "value"}], "setBy", "type", "value"}}}],
///  "process", "target"}
/// step = {"column", "file", "from", "line", "to"}
/// ```
///
/// Deterministic: keys sorted, plans by source version, instructions and skipped elements in the
/// source definition's document order, variables by name, paths relative to the plan directory
/// with `/`, LF line ends, no timestamps. The same inputs give the same bytes on every machine.
public struct PlanJSONEmitter: Sendable {
    /// The plan format's version, the document's `ferry` key.
    public static let formatVersion = 1

    public init() {}

    /// The whole document.
    public func emit(_ plan: ComposedPlan, inputs: [InputFingerprint], planDirectory: String) -> [UInt8] {
        var document: [UInt8] = []
        emit(plan, inputs: inputs, planDirectory: planDirectory) { document += $0 }
        return document
    }

    /// Writes the document in chunks of about a megabyte to `sink`, so that a plan of hundreds
    /// of megabytes never sits in memory whole. Each chunk is lent to `sink` for the call.
    public func emit<E: Error>(
        _ plan: ComposedPlan,
        inputs: [InputFingerprint],
        planDirectory: String,
        into sink: (UnsafeBufferPointer<UInt8>) throws(E) -> Void
    ) throws(E) {
        var plans = plan.plans.makeIterator()
        try emit(plan, plans: { plans.next() }, inputs: inputs, planDirectory: planDirectory, into: sink)
    }

    /// Writes the document while its plans are composed: `composition` makes and validates the
    /// plans on a thread of its own, each written here as soon as it is made, so that writing
    /// takes little longer than composing. Returns what validating the plans found; the caller
    /// decides whether a document with those findings may be kept (``OutputFile`` discards it
    /// when `sink`'s producer throws).
    public func emit<E: Error>(
        composing composition: consuming PlanComposition,
        inputs: [InputFingerprint],
        planDirectory: String,
        into sink: (UnsafeBufferPointer<UInt8>) throws(E) -> Void
    ) throws(E) -> [Diagnostic] {
        let header = composition.header
        let handoff = PlanHandoff(consume composition)
        do throws(E) {
            try emit(header, plans: handoff.take, inputs: inputs, planDirectory: planDirectory, into: sink)
        } catch {
            _ = handoff.cancel()
            throw error
        }
        return handoff.cancel()
    }

    /// The document of `plan`'s header with the plans `next` gives, in order, until `nil`.
    private func emit<E: Error>(
        _ plan: ComposedPlan,
        plans next: () -> SourcePlan?,
        inputs: [InputFingerprint],
        planDirectory: String,
        into sink: (UnsafeBufferPointer<UInt8>) throws(E) -> Void
    ) throws(E) {
        let paths = RelativePaths(directory: planDirectory)
        var steps = StepCache(paths: paths)
        var rendered = InstructionCache()
        var json = JSONWriter()
        json.beginObject()
        json.writeHead(engine: plan.engine.rawValue, inputs: inputs, paths: paths)
        json.writeNotMigratable(plan.notMigratable)
        json.key("plans")
        json.beginArray()
        while let sourcePlan = next() {
            json.beginObject()
            json.key("instructions")
            json.beginArray()
            for instruction in sourcePlan.instructions {
                rendered.write(instruction, into: &json) { json in
                    json.beginObject()
                    json.key(literal: "source")
                    json.string(instruction.source)
                    json.key(literal: "targets")
                    json.strings(instruction.targets)
                    json.key(literal: "updateEventTrigger")
                    json.bool(instruction.updateEventTrigger)
                    json.key(literal: "via")
                    writeVia(instruction.via, &steps, &json)
                    json.endObject()
                }
                if json.count >= Self.chunk { try json.flush(into: sink) }
            }
            json.endArray()
            json.key("skipped")
            json.beginArray()
            for skipped in sourcePlan.skipped {
                json.beginObject()
                json.key(literal: "element")
                json.string(skipped.element)
                json.key(literal: "reason")
                json.string(skipped.reason)
                json.key(literal: "via")
                writeVia(skipped.via, &steps, &json)
                json.endObject()
            }
            json.endArray()
            json.key("source")
            json.string(sourcePlan.source.description)
            json.key("target")
            json.string(sourcePlan.target.description)
            json.key("variables")
            json.beginObject()
            for variable in sourcePlan.variables {
                json.key(variable.name)
                json.beginObject()
                json.key("overrides")
                json.beginArray()
                for earlier in variable.overrides {
                    json.beginObject(inline: true)
                    writeSetting(earlier, paths, &json)
                    json.endObject()
                }
                json.endArray()
                writeSetting(variable.setting, paths, &json)
                json.endObject()
            }
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.key("process")
        json.string(plan.process)
        json.key("target")
        json.string(plan.target.description)
        json.endObject()
        json.finish()
        try json.flush(into: sink)
    }

    private static let chunk = 1 << 20

    private func writeVia(_ via: Provenance, _ steps: inout StepCache, _ json: inout JSONWriter) {
        json.beginArray()
        let indentation = json.lineIndentation
        via.forEachStep { place in
            steps.withLine(place, indentation: indentation) { json.renderedLine($0) }
        }
        json.endArray()
    }

    /// Every step rendered once, on a line of its own: the steps of a long history are shared by
    /// the plans of every source before them, and one hop's step appears in thousands of `via`
    /// lists, which make up most of a long history's plan. The lines are kept end to end in one
    /// buffer, so that finding and copying one costs no reference counting.
    private struct StepCache {
        let paths: RelativePaths
        private var lines: [UInt8] = []
        /// By the step's identity: the indentation it was rendered with, and where its line is.
        private var places: [ObjectIdentifier: (indentation: Int, start: Int, end: Int)] = [:]
        /// The places rendered, kept alive: plans written while others are composed are let go
        /// once written, and a place let go could be reused for another step.
        private var kept: [Provenance] = []

        init(paths: RelativePaths) {
            self.paths = paths
        }

        /// Calls `body` with the step's line, rendered with `indentation`.
        mutating func withLine(_ step: Provenance.Place, indentation: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            let identity = step.identity
            var place = places[identity]
            if place == nil || place?.indentation != indentation {
                var json = JSONWriter(capacity: 128)
                PlanJSONEmitter.writeStep(step.step, paths, &json)
                let start = lines.count
                lines += JSONWriter.line(json.drain(), indentation: indentation)
                place = (indentation, start, lines.count)
                if places.updateValue(place!, forKey: identity) == nil { kept.append(step.retained) }
            }
            let (_, start, end) = place.unsafelyUnwrapped
            lines.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start ..< end])) }
        }
    }

    /// Every instruction rendered once: an element that keeps its id across hops has the same
    /// image, and so the same instruction, in the plans of every source from where it got that
    /// id, so that most instructions of a long history's plan were written for the plan before.
    /// An instruction is the same when its source, target, trigger update and `via` list (the
    /// same list in the same storage, kept alive here) are. Instructions with several targets (a
    /// Joget split) join the lists of their targets anew for every plan, so they are not kept.
    private struct InstructionCache {
        private struct Key: Hashable {
            var source: String
            var target: String
            var updateEventTrigger: Bool
            var via: ObjectIdentifier?
        }

        private var renderings: [UInt8] = []
        /// By instruction: the indentation it was rendered with, and where its bytes are.
        private var places: [Key: (indentation: Int, start: Int, end: Int)] = [:]
        /// The `via` lists of the instructions kept, kept alive so that their identity stays theirs.
        private var kept: [Provenance] = []

        private static func key(_ instruction: ComposedInstruction) -> Key? {
            guard instruction.targets.count == 1 else { return nil }
            return Key(
                source: instruction.source, target: instruction.targets[0],
                updateEventTrigger: instruction.updateEventTrigger, via: instruction.via.identity
            )
        }

        /// Writes the instruction as rendered before at this indentation, else with `render`,
        /// keeping what it wrote. Inlined, so that `render` is not a closure call per
        /// instruction (9% more instructions writing the plans of 250 versions).
        @inline(__always)
        mutating func write(_ instruction: ComposedInstruction, into json: inout JSONWriter, rendering render: (inout JSONWriter) -> Void) {
            let key = Self.key(instruction), indentation = json.lineIndentation
            if let key, let place = places[key], place.indentation == indentation {
                renderings.withUnsafeBufferPointer { json.renderedValue(UnsafeBufferPointer(rebasing: $0[place.start ..< place.end])) }
                return
            }
            let start = json.startValue()
            render(&json)
            guard let key else { return }
            json.withBytes(from: start) { rendering in
                let start = renderings.count
                renderings.append(contentsOf: rendering)
                if places.updateValue((indentation, start, renderings.count), forKey: key) == nil { kept.append(instruction.via) }
            }
        }
    }

    /// A step as every generated document writes it: `{"column", "file", "from", "line", "to"}`
    /// on one line, the file relative to the plan directory.
    static func writeStep(_ step: PlanStep, _ paths: RelativePaths, _ json: inout JSONWriter) {
        json.beginObject(inline: true)
        json.key("column")
        json.integer(step.column)
        json.key("file")
        json.string(paths.relative(step.file))
        json.key("from")
        json.string(step.from.description)
        json.key("line")
        json.integer(step.line)
        json.key("to")
        json.string(step.to.description)
        json.endObject()
    }

    /// `"setBy": step, "type": …, "value": …` inside an open object.
    private func writeSetting(_ setting: ComposedVariable.Setting, _ paths: RelativePaths, _ json: inout JSONWriter) {
        json.key("setBy")
        Self.writeStep(setting.setBy, paths, &json)
        json.key("type")
        json.string(setting.type)
        json.key("value")
        Self.writeValue(setting.value, &json)
    }

    static func writeValue(_ value: VariableValue, _ json: inout JSONWriter) {
        switch value {
        case .string(let text): json.string(text)
        case .integer(let number): json.integer(number)
        case .float(let number): json.double(number)
        case .boolean(let flag): json.bool(flag)
        case .null: json.null()
        }
    }
}

/// Paths as given on the command line, made relative to the plan directory, so that a plan is the
/// same whichever folder Ferry ran in.
struct RelativePaths: Sendable {
    private let prefix: String?

    init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        prefix = trimmed == "." ? nil : (trimmed.hasSuffix("/") ? trimmed : trimmed + "/")
    }

    static func join(_ base: String, _ name: String) -> String {
        PlanDiscovery.join(base, name)
    }

    func relative(_ path: String) -> String {
        guard let prefix, path.hasPrefix(prefix) else { return path }
        return String(path.dropFirst(prefix.count))
    }
}
