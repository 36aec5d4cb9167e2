public import FerryDiagnostics

/// A value with the place it was written, so every later finding about it can point there.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A minor series as a mapping file names it: `MAJOR.MINOR`, read as written (`1.10` stays 1.10).
public struct MinorVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `MAJOR.MINOR`, ASCII digits only; `nil` for anything else (`1`, `1.2.3`, `v1.2`).
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 9, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let number = Int(part) else { return nil }
            numbers.append(number)
        }
        self.init(major: numbers[0], minor: numbers[1])
    }

    /// The minor series a full version belongs to.
    public init(_ version: SemanticVersion) {
        self.init(major: version.major, minor: version.minor)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: MinorVersion, rhs: MinorVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

/// One entry of `activities:`: what happens to instances resting in one source element.
public struct MappingEntry: Sendable {
    public enum Action: Sendable {
        /// Move to one target, or several (a split, Joget only). `updateEventTrigger` when given.
        case map(targets: [Located<String>], updateEventTrigger: Located<Bool>?)
        /// Not migrated; the reason is required.
        case skip(reason: Located<String>)
    }

    /// The entry's parts, shared by every copy: an entry travels with every instruction and
    /// plan step made from it (a composed plan copies each instruction once per rule it runs), and
    /// one reference costs one reference count where its five strings and arrays cost five.
    private struct Fields: Sendable {
        var source: Located<String>
        var action: Action
        var location: SourceLocation
    }

    private var shared: SharedValue<Fields>

    /// The source element id (the entry's key).
    public var source: Located<String> {
        get { shared.value.source }
        set { shared.set(\.source, newValue) }
    }

    public var action: Action {
        get { shared.value.action }
        set { shared.set(\.action, newValue) }
    }

    /// The whole entry, key to end of value: where instruction-level findings land.
    public var location: SourceLocation {
        get { shared.value.location }
        set { shared.set(\.location, newValue) }
    }

    public init(source: Located<String>, action: Action, location: SourceLocation) {
        shared = SharedValue(Fields(source: source, action: action, location: location))
    }
}

/// A variable value as the mapping file gives it.
public enum VariableValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case null
}

/// One entry of `variables.set`.
public struct VariableAssignment: Sendable {
    public var name: Located<String>
    public var value: Located<VariableValue>
    /// The engine type from the long form `{ value, type }`, e.g. `Integer`; `nil` in the short form.
    public var type: Located<String>?
    public var location: SourceLocation

    public init(name: Located<String>, value: Located<VariableValue>, type: Located<String>?, location: SourceLocation) {
        self.name = name
        self.value = value
        self.type = type
        self.location = location
    }
}

/// A decoded mapping file (DESIGN.md §2.3, grammar version 1).
///
/// The decoder fills in what it could read; anything it could not is `nil` or absent and has
/// been reported. Later stages skip a file whose header (`process`, `from`, `to`) is incomplete.
public struct MappingFile: Sendable {
    public var path: String
    public var grammarVersion: Located<Int>?
    public var process: Located<String>?
    public var from: Located<MinorVersion>?
    public var to: Located<MinorVersion>?
    public var description: Located<String>?
    public var activities: [MappingEntry]
    public var variables: [VariableAssignment]
    /// The whole document, for findings about the file as such.
    public var location: SourceLocation
    /// Whether reading the file reported an error. Later stages then keep quiet about what the
    /// unread parts would have said (an entry that failed to decode is not an uncovered wait state).
    public var hasErrors = false

    public init(
        path: String,
        grammarVersion: Located<Int>? = nil,
        process: Located<String>? = nil,
        from: Located<MinorVersion>? = nil,
        to: Located<MinorVersion>? = nil,
        description: Located<String>? = nil,
        activities: [MappingEntry] = [],
        variables: [VariableAssignment] = [],
        location: SourceLocation
    ) {
        self.path = path
        self.grammarVersion = grammarVersion
        self.process = process
        self.from = from
        self.to = to
        self.description = description
        self.activities = activities
        self.variables = variables
        self.location = location
    }

    /// `process`, `from` and `to`, when all three were read.
    public var header: (process: Located<String>, from: Located<MinorVersion>, to: Located<MinorVersion>)? {
        guard let process, let from, let to else { return nil }
        return (process, from, to)
    }
}
