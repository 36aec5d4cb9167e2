import Foundation
import FerrySyntax

/// What a scalar means under the YAML 1.2 core schema: the reading mapping files use wherever a
/// value is typed (`ferry:`, `updateEventTrigger`, short-form variable values).
///
/// Everywhere else (versions, ids, texts) Ferry reads the scalar as written, so nothing here
/// applies to `from: 1.10` or an id `no`.
enum CoreScalar: Equatable {
    case null
    case boolean(Bool)
    case integer(Int)
    /// A plain whole number that does not fit in 64 bits; kept as written.
    case integerOutOfRange(String)
    case float(Double)
    case string(String)

    /// A word for messages: "the integer 3", "the text 'yes'".
    var description: String {
        switch self {
        case .null: "null"
        case .boolean(let value): "the boolean \(value)"
        case .integer(let value): "the integer \(value)"
        case .integerOutOfRange(let text): "the integer \(text)"
        case .float(let value): "the number \(value)"
        case .string(let text): "the text '\(MappingText.abbreviated(text))'"
        }
    }
}

extension YAMLScalar {
    private static let stringTags: Set<String> = ["tag:yaml.org,2002:str", "!"]

    /// Whether the scalar's type comes from its content: plain, and not tagged `!!str` or `!`.
    /// Quoted and block scalars are always text.
    var isResolvedByContent: Bool {
        guard style == .plain else { return false }
        guard let tag else { return true }
        return !Self.stringTags.contains(tag)
    }

    /// Plain and null by the core schema: nothing at all, `~`, `null`, `Null` or `NULL`.
    var isNull: Bool {
        isResolvedByContent && CoreSchema.nullWords.contains(value)
    }

    /// The scalar read by the YAML 1.2 core schema.
    var coreValue: CoreScalar {
        isResolvedByContent ? CoreSchema.resolve(value) : .string(value)
    }
}

/// The YAML 1.2 core schema's tag resolution for plain scalars (YAML 1.2.2 §10.3.2).
enum CoreSchema {
    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let trueWords: Set<String> = ["true", "True", "TRUE"]
    static let falseWords: Set<String> = ["false", "False", "FALSE"]

    static func resolve(_ text: String) -> CoreScalar {
        if nullWords.contains(text) { return .null }
        if trueWords.contains(text) { return .boolean(true) }
        if falseWords.contains(text) { return .boolean(false) }
        if let integer = integer(text) { return integer }
        if let float = float(text) { return .float(float) }
        return .string(text)
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`; `nil` when the text is no integer.
    static func integer(_ text: String) -> CoreScalar? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") || bytes[1] == UInt8(ascii: "x") {
            let radix = bytes[1] == UInt8(ascii: "o") ? 8 : 16
            let digits = text.dropFirst(2)
            guard digits.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }) else { return nil }
            return Int(digits, radix: radix).map(CoreScalar.integer) ?? .integerOutOfRange(text)
        }
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        guard index < bytes.count, bytes[index...].allSatisfy(isDigit) else { return nil }
        return Int(text).map(CoreScalar.integer) ?? .integerOutOfRange(text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)` or
    /// `\.(nan|NaN|NAN)`; `nil` when the text is no float.
    static func float(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        if [".inf", ".Inf", ".INF"].contains(rest) { return negative ? -.infinity : .infinity }
        if index == 0, [".nan", ".NaN", ".NAN"].contains(rest) { return .nan }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        var digits = index - integerStart
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            digits += index - fractionStart
        }
        guard digits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { return nil }
        }
        guard index == bytes.count else { return nil }
        // Swift's parser wants a digit on both sides of the point.
        var normalized = text
        if normalized.hasSuffix(".") { normalized += "0" }
        normalized = normalized.replacingOccurrences(of: ".e", with: ".0e").replacingOccurrences(of: ".E", with: ".0E")
        return Double(normalized)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

/// Helpers for quoting user text in messages.
enum MappingText {
    /// The text cut to a length a one-line message can carry.
    static func abbreviated(_ text: String, limit: Int = 40) -> String {
        let singleLine = text.replacingOccurrences(of: "\n", with: "⏎")
        return singleLine.count <= limit ? singleLine : String(singleLine.prefix(limit - 1)) + "…"
    }

    /// How a node reads in "found …": "a sequence", "nothing", "the text 'abc'".
    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        case .scalar(let scalar):
            if scalar.isNull, scalar.value.isEmpty { "nothing" } else { "'\(abbreviated(scalar.value))'" }
        }
    }
}
