/// A problem with how Ferry was invoked rather than with the files it read: exit status 64.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var help: String?

    public init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }

    public var description: String { message }
}
