import FerryDiagnostics
import FerrySyntax

/// `variables: set:`: name → scalar (short form, typed by the YAML 1.2 core schema) or
/// name → `{ value, type }` (long form, typed by `type`).
extension MappingDecoding {
    mutating func decodeVariables(_ node: YAMLNode, key: YAMLScalar) -> [VariableAssignment] {
        if case .scalar(let scalar) = node, scalar.isNull { return [] }
        guard case .mapping(let mapping) = node else {
            reportWrongShape(
                expected: "a mapping with 'set'", subject: "'variables'", found: node, key: key,
                help: "variables written during migration go under `variables:` → `set:`, one `name: value` per line"
            )
            return []
        }
        var assignments: [VariableAssignment] = []
        for entry in mapping.entries {
            if entry.key.value == "set" {
                assignments += decodeSet(entry.value, key: entry.key)
            } else {
                reportUnknownKey(entry.key, among: MappingDecoder.variablesKeys, place: "under 'variables'")
            }
        }
        return assignments
    }

    private mutating func decodeSet(_ node: YAMLNode, key: YAMLScalar) -> [VariableAssignment] {
        if case .scalar(let scalar) = node, scalar.isNull { return [] }
        guard case .mapping(let mapping) = node else {
            reportWrongShape(expected: "a mapping of variable names to values", subject: "'set'", found: node, key: key)
            return []
        }
        return mapping.entries.compactMap { decodeVariable($0) }
    }

    private mutating func decodeVariable(_ entry: YAMLMapping.Entry) -> VariableAssignment? {
        let name = readText(entry.key, at: entry.key.range, empty: "empty variable name", emptyHelp: "write the variable's name")
        let shown = MappingText.abbreviated(entry.key.value)
        let decoded: (value: Located<VariableValue>, type: Located<String>?)?
        switch entry.value {
        case .scalar(let scalar):
            decoded = shortValue(scalar, variable: shown).map { ($0, nil) }
        case .sequence:
            reportWrongShape(
                expected: "a value or `{ value, type }`", subject: "variable '\(shown)'", found: entry.value, key: entry.key,
                help: "a variable holds one scalar; for a list, write JSON text with `type: Json`"
            )
            decoded = nil
        case .mapping(let longForm):
            decoded = decodeLongForm(longForm, name: entry.key)
        }
        guard let name, let decoded else { return nil }
        return VariableAssignment(
            name: name, value: decoded.value, type: decoded.type,
            location: location(entry.key.range.union(entry.value.range))
        )
    }

    /// A value without `type`: the YAML 1.2 core schema decides (quoted scalars are text).
    private mutating func shortValue(_ scalar: YAMLScalar, variable: String) -> Located<VariableValue>? {
        let value: VariableValue
        switch scalar.coreValue {
        case .null: value = .null
        case .boolean(let boolean): value = .boolean(boolean)
        case .integer(let integer): value = .integer(integer)
        case .string(let text): value = .string(text)
        case .float(let number) where number.isFinite: value = .float(number)
        case .float:
            report(
                .mappingVariableTypeMismatch,
                "variable '\(variable)': '\(scalar.value)' is not a finite number",
                at: scalar.range,
                help: "engines store finite numbers only; quote the value to write it as text"
            )
            return nil
        case .integerOutOfRange(let text):
            report(
                .mappingVariableTypeMismatch,
                "variable '\(variable)': \(text) does not fit in 64 bits",
                at: scalar.range,
                help: "quote the value to write it as text, or write `{ value: '\(text)', type: String }`"
            )
            return nil
        }
        return Located(value, at: location(scalar.range))
    }

    private mutating func decodeLongForm(_ mapping: YAMLMapping, name: YAMLScalar) -> (value: Located<VariableValue>, type: Located<String>?)? {
        let shown = MappingText.abbreviated(name.value)
        var valueEntry: YAMLMapping.Entry?
        var typeEntry: YAMLMapping.Entry?
        for entry in mapping.entries {
            switch entry.key.value {
            case "value": valueEntry = entry
            case "type": typeEntry = entry
            default: reportUnknownKey(entry.key, among: MappingDecoder.variableKeys, place: "in variable '\(shown)'")
            }
        }

        var type: (kind: MappingVariableType, written: Located<String>)?
        var typeIsUsable = true
        if let typeEntry {
            type = decodeType(typeEntry, variable: shown)
            typeIsUsable = type != nil
        }

        guard let valueEntry else {
            report(
                .mappingVariableWithoutValue,
                "variable '\(shown)' has no 'value'",
                at: name.range,
                help: "write `\(shown): { value: …, type: … }`, `value: null` for a null, or the short form `\(shown): …`"
            )
            return nil
        }
        guard case .scalar(let scalar) = valueEntry.value else {
            reportWrongShape(
                expected: "a scalar", subject: "'value' of variable '\(shown)'", found: valueEntry.value, key: valueEntry.key,
                help: "write structured values as JSON text with `type: Json`, for example `value: '{\"limit\": 10}'`"
            )
            return nil
        }
        guard typeIsUsable else { return nil }
        guard let type else {
            return shortValue(scalar, variable: shown).map { ($0, nil) }
        }
        switch type.kind.value(of: scalar) {
        case .success(let value):
            return (Located(value, at: location(scalar.range)), type.written)
        case .failure(let mismatch):
            report(
                .mappingVariableTypeMismatch,
                "value of variable '\(shown)' does not fit type \(type.kind.rawValue): \(mismatch.reason)",
                at: anchor(key: valueEntry.key, value: valueEntry.value),
                notes: [Note("type given here", at: type.written.location)],
                help: "correct the value, or name the type that matches it"
            )
            return nil
        }
    }

    private mutating func decodeType(_ entry: YAMLMapping.Entry, variable: String) -> (kind: MappingVariableType, written: Located<String>)? {
        let allowed = MappingDecoder.variableTypes.joined(separator: ", ")
        guard case .scalar(let scalar) = entry.value else {
            reportWrongShape(expected: "a type name (\(allowed))", subject: "'type' of variable '\(variable)'", found: entry.value, key: entry.key)
            return nil
        }
        if let kind = MappingVariableType(rawValue: scalar.value) {
            return (kind, Located(scalar.value, at: location(scalar.range)))
        }
        let help: String
        if MappingVariableType.needingValueInfo.contains(scalar.value) {
            help = "\(scalar.value) variables need valueInfo, which mapping files cannot give; the types here are \(allowed)"
        } else if let suggestion = Suggestions.closest(to: scalar.value, among: MappingDecoder.variableTypes) {
            help = "did you mean '\(suggestion)'? The types are \(allowed)"
        } else {
            help = "the types are \(allowed) (Camunda 7 type names, case-sensitive)"
        }
        report(
            .mappingUnknownVariableType,
            scalar.isNull && scalar.value.isEmpty
                ? "'type' of variable '\(variable)' is empty"
                : "unknown variable type '\(MappingText.abbreviated(scalar.value))' for variable '\(variable)'",
            at: anchor(key: entry.key, value: entry.value),
            help: help
        )
        return nil
    }
}
