import ArgumentParser
import FerryDiagnostics

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic code, such as FY004.",
        discussion: "Without a code, or with --list, prints every code with its title."
    )

    @Argument(help: "A diagnostic code as printed in error[CODE] (case does not matter).")
    var code: String?

    @Flag(help: "List every diagnostic code.")
    var list = false

    func run() throws {
        guard let code, !list else {
            Console.writeOut(DiagnosticCode.allCases.map { "\($0.rawValue)  \($0.defaultSeverity.rawValue.padding(7))  \($0.title)\n" }.joined())
            return
        }
        guard let known = DiagnosticCode(lookup: code) else {
            var message = "error: unknown diagnostic code '\(code)'\n"
            if let suggestion = Suggestions.closest(to: code.uppercased(), among: DiagnosticCode.allCases.map(\.rawValue)) {
                message += "help: did you mean '\(suggestion)'? "
            } else {
                message += "help: "
            }
            message += "'ferry explain --list' prints every code\n"
            Console.writeError(message)
            throw ExitCode(64)
        }
        Console.writeOut("\(known.rawValue): \(known.title) (\(known.defaultSeverity.rawValue))\n\n\(known.explanation)\n")
    }
}

private extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
