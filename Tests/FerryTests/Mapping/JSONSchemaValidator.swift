import Foundation
@testable import FerryKit
import FerrySyntax

/// A JSON value, as the schema and the YAML documents checked against it are compared.
indirect enum JSONValue: Hashable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// A YAML tree as an editor's YAML 1.2 language server sees it: plain scalars resolved by the
    /// core schema, quoted ones as strings, keys as strings.
    init(_ node: YAMLNode) {
        switch node {
        case .mapping(let mapping):
            self = .object(Dictionary(mapping.entries.map { ($0.key.value, JSONValue($0.value)) }, uniquingKeysWith: { first, _ in first }))
        case .sequence(let sequence):
            self = .array(sequence.items.map(JSONValue.init))
        case .scalar(let scalar):
            switch scalar.coreValue {
            case .null: self = .null
            case .boolean(let value): self = .bool(value)
            case .integer(let value): self = .number(Double(value))
            case .integerOutOfRange(let text): self = .number(Double(text) ?? .infinity)
            case .float(let value): self = .number(value)
            case .string(let text): self = .string(text)
            }
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The strings of an array of strings; empty for anything else.
    var strings: [String] {
        arrayValue?.compactMap(\.stringValue) ?? []
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let values): "[\(values.map(\.description).joined(separator: ", "))]"
        case .object(let object): "{\(object.keys.sorted().map { "\($0): \(object[$0]!)" }.joined(separator: ", "))}"
        }
    }
}

/// The subset of JSON Schema draft-07 that `grammar/mapping.schema.json` uses, enough to check
/// documents against it in tests. A keyword it does not know is reported as an error, so the
/// schema cannot start relying on a keyword these tests would silently ignore.
struct JSONSchemaValidator {
    static let annotations: Set<String> = ["$schema", "$id", "$comment", "title", "description", "examples", "definitions", "default"]
    static let assertions: Set<String> = [
        "$ref", "allOf", "anyOf", "oneOf", "type", "enum", "properties", "additionalProperties", "required",
        "items", "minItems", "uniqueItems", "minLength", "pattern", "dependencies",
    ]

    let root: JSONValue

    /// Every violation of `instance` against the root schema, as "path: problem"; empty when valid.
    func errors(in instance: JSONValue) -> [String] {
        var errors: [String] = []
        validate(instance, against: root, at: "$", into: &errors)
        return errors
    }

    /// Every violation against one sub-schema.
    func errors(in instance: JSONValue, against schema: JSONValue) -> [String] {
        var errors: [String] = []
        validate(instance, against: schema, at: "$", into: &errors)
        return errors
    }

    private func validate(_ instance: JSONValue, against schema: JSONValue, at path: String, into errors: inout [String]) {
        guard case .object(let keywords) = schema else {
            if schema == .bool(false) { errors.append("\(path): no value is allowed here") }
            return
        }
        for keyword in keywords.keys where !Self.annotations.contains(keyword) && !Self.assertions.contains(keyword) {
            errors.append("\(path): the test validator does not know the keyword '\(keyword)'")
        }
        if let reference = keywords["$ref"]?.stringValue {
            validate(instance, against: resolve(reference), at: path, into: &errors)
        }
        for sub in keywords["allOf"]?.arrayValue ?? [] {
            validate(instance, against: sub, at: path, into: &errors)
        }
        if let alternatives = keywords["anyOf"]?.arrayValue,
           !alternatives.contains(where: { matches(instance, $0, at: path) }) {
            errors.append("\(path): matches none of anyOf")
        }
        if let alternatives = keywords["oneOf"]?.arrayValue {
            let matching = alternatives.filter { matches(instance, $0, at: path) }.count
            if matching != 1 { errors.append("\(path): matches \(matching) of oneOf, not exactly one") }
        }
        if let type = keywords["type"] {
            let types = type.stringValue.map { [$0] } ?? type.strings
            if !types.contains(where: { Self.has(instance, type: $0) }) {
                errors.append("\(path): \(instance) is not of type \(types.joined(separator: " or "))")
            }
        }
        if let values = keywords["enum"]?.arrayValue, !values.contains(instance) {
            errors.append("\(path): \(instance) is not one of \(values)")
        }
        switch instance {
        case .object(let object):
            for name in keywords["required"]?.strings ?? [] where object[name] == nil {
                errors.append("\(path): missing required key '\(name)'")
            }
            let properties = keywords["properties"]?.objectValue ?? [:]
            for (name, value) in object {
                if let property = properties[name] {
                    validate(value, against: property, at: "\(path).\(name)", into: &errors)
                } else if let additional = keywords["additionalProperties"] {
                    validate(value, against: additional, at: "\(path).\(name)", into: &errors)
                }
            }
            for (name, needed) in keywords["dependencies"]?.objectValue ?? [:] where object[name] != nil {
                for other in needed.strings where object[other] == nil {
                    errors.append("\(path): '\(name)' needs '\(other)'")
                }
            }
        case .array(let items):
            if let minimum = keywords["minItems"], case .number(let count) = minimum, Double(items.count) < count {
                errors.append("\(path): fewer than \(Int(count)) items")
            }
            if keywords["uniqueItems"] == .bool(true), Set(items).count != items.count {
                errors.append("\(path): items are not unique")
            }
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() {
                    validate(item, against: itemSchema, at: "\(path)[\(index)]", into: &errors)
                }
            }
        case .string(let text):
            if let minimum = keywords["minLength"], case .number(let length) = minimum, Double(text.unicodeScalars.count) < length {
                errors.append("\(path): shorter than \(Int(length)) characters")
            }
            if let pattern = keywords["pattern"]?.stringValue {
                do {
                    if try Regex(pattern).firstMatch(in: text) == nil {
                        errors.append("\(path): '\(text)' does not match \(pattern)")
                    }
                } catch {
                    errors.append("\(path): pattern \(pattern) does not compile: \(error)")
                }
            }
        default:
            break
        }
    }

    private func matches(_ instance: JSONValue, _ schema: JSONValue, at path: String) -> Bool {
        var errors: [String] = []
        validate(instance, against: schema, at: path, into: &errors)
        return errors.isEmpty
    }

    /// A local reference `#/definitions/name`.
    private func resolve(_ reference: String) -> JSONValue {
        var node = root
        for component in reference.split(separator: "/").dropFirst() {
            node = node[String(component)] ?? .bool(false)
        }
        return node
    }

    private static func has(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", .number(let number)):
            number.rounded() == number
        default:
            false
        }
    }
}
