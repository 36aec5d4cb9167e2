import FerrySyntax

/// A Camunda 7 variable type that the long form `{ value, type }` can name: the REST API's type
/// names (reference/camunda.md §1.2) whose value is one scalar.
enum MappingVariableType: String, CaseIterable, Sendable {
    case string = "String"
    case boolean = "Boolean"
    case short = "Short"
    case integer = "Integer"
    case long = "Long"
    case double = "Double"
    case date = "Date"
    case json = "Json"
    case xml = "Xml"
    case null = "Null"

    /// Camunda types that need `valueInfo` (a serialization format, a file name), which mapping
    /// files cannot give.
    static let needingValueInfo: Set<String> = ["Object", "File", "Bytes"]

    /// The value the long form writes: the scalar read for this type ("the type decides"), or
    /// why it does not fit. A plain null is null whatever the type, as in the engine.
    func value(of scalar: YAMLScalar) -> Result<VariableValue, MappingVariableMismatch> {
        if scalar.isNull { return .success(.null) }
        let text = scalar.value
        switch self {
        case .string, .date, .json, .xml:
            return .success(.string(text))
        case .boolean:
            if CoreSchema.trueWords.contains(text) { return .success(.boolean(true)) }
            if CoreSchema.falseWords.contains(text) { return .success(.boolean(false)) }
            return .failure(MappingVariableMismatch("'\(MappingText.abbreviated(text))' is not true or false"))
        case .short, .integer, .long:
            let bits = self == .short ? 16 : self == .integer ? 32 : 64
            let limit = bits == 64 ? Int.max : (1 << (bits - 1)) - 1
            switch CoreSchema.integer(text) {
            case .integer(let number)? where number <= limit && number >= -limit - 1:
                return .success(.integer(number))
            case .integer?, .integerOutOfRange?:
                return .failure(MappingVariableMismatch("\(text) does not fit in a \(rawValue) (\(bits) bits)"))
            default:
                return .failure(MappingVariableMismatch("'\(MappingText.abbreviated(text))' is not a whole number"))
            }
        case .double:
            if case .integer(let number)? = CoreSchema.integer(text) { return .success(.float(Double(number))) }
            if let number = CoreSchema.float(text), number.isFinite { return .success(.float(number)) }
            return .failure(MappingVariableMismatch("'\(MappingText.abbreviated(text))' is not a finite number"))
        case .null:
            return .failure(MappingVariableMismatch("a Null variable's value is null (or ~), not '\(MappingText.abbreviated(text))'"))
        }
    }
}

/// Why a value does not fit its type; the message's second half.
struct MappingVariableMismatch: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
