import ArgumentParser
import FerryKit
import Foundation

/// The edges of the process: the two output streams, colour detection and exit statuses.
enum Console {
    static func writeOut(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints a usage error the way swift-argument-parser prints its own and exits with 64.
    static func usageFailure(_ error: UsageError) -> ExitCode {
        var text = "error: \(error.message)\n"
        if let help = error.help { text += "help: \(help)\n" }
        writeError(text)
        return ExitCode.validationFailure
    }

    /// The value `body` gives, or, when it fails with a usage error, that error printed and exit
    /// status 64.
    static func orUsageFailure<T>(_ body: () throws(UsageError) -> T) throws(ExitCode) -> T {
        do throws(UsageError) {
            return try body()
        } catch {
            throw usageFailure(error)
        }
    }

    /// Runs a command body; any error that is not an exit status is Ferry's own fault: it is
    /// reported as an internal error with exit status 70 (EX_SOFTWARE).
    static func guardingInternalErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            writeError("error: internal error: \(error)\nhelp: this is a bug in Ferry; please report it with the input that caused it\n")
            throw ExitCode(70)
        }
    }
}

/// `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never

    /// Colour on a terminal unless NO_COLOR is set to anything non-empty (no-color.org).
    func enabled(forStandardError: Bool) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
            return isatty(forStandardError ? STDERR_FILENO : STDOUT_FILENO) != 0
        }
    }
}
