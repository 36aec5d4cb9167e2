import FerryDiagnostics

/// Rewrites libyaml's scanner and parser errors in Ferry's words.
///
/// libyaml's problems are terse and name its internals ("did not find expected key"); users read
/// them in a CI log, so each known problem gets a message about their file, a help line where the
/// usual cause is clear, and a note naming the construct libyaml was reading (its context mark).
enum YAMLErrorWording {
    struct Rewritten: Equatable {
        var code: DiagnosticCode = .yamlSyntax
        var message: String
        var help: String?
        var contextNote: String?
    }

    static func rewrite(
        problem: String,
        context: String?,
        characterAtProblem: Unicode.Scalar?,
        problemIsInIndentation: Bool
    ) -> Rewritten {
        var result = rewriteProblem(problem, character: characterAtProblem, inIndentation: problemIsInIndentation)
        if let context {
            result.contextNote = contextNote(for: context, problem: problem)
        }
        return result
    }

    private static func rewriteProblem(_ problem: String, character: Unicode.Scalar?, inIndentation: Bool) -> Rewritten {
        switch problem {
        case "found character that cannot start any token":
            switch character {
            case "\t":
                return tabIndentation(inIndentation)
            case "@", "`":
                return Rewritten(
                    message: "'\(character!)' cannot start a plain scalar",
                    help: "quote the value: YAML reserves '@' and '`' at the start of a scalar"
                )
            case let character?:
                return Rewritten(message: "unexpected character '\(character.escaped(asASCII: false))'")
            case nil:
                return Rewritten(message: "unexpected character")
            }
        case "found a tab character that violates indentation",
             "found a tab character where an indentation space is expected":
            return tabIndentation(true)
        case "did not find expected key":
            return Rewritten(
                message: "expected a key at this indentation",
                help: "check that this line is indented like the other keys of its mapping"
            )
        case "mapping values are not allowed in this context":
            return Rewritten(
                message: "unexpected ':' here",
                help: "a value that contains ': ' must be quoted; otherwise check this line's indentation"
            )
        case "could not find expected ':'":
            return Rewritten(
                message: "expected ':' after a key",
                help: "a key and its ':' must be on the same line"
            )
        case "found unexpected ':'":
            return Rewritten(message: "unexpected ':'", help: "quote a value that contains ':'")
        case "did not find expected '-' indicator":
            return Rewritten(
                message: "expected a '-' list item at this indentation",
                help: "check that this line is indented like the other items of its list"
            )
        case "block sequence entries are not allowed in this context":
            return Rewritten(
                message: "a '-' list item is not allowed here",
                help: "start the list on the line after its key, indented, or put the value in brackets"
            )
        case "did not find expected ',' or ']'":
            return Rewritten(message: "expected ',' or ']' in a bracketed list")
        case "did not find expected ',' or '}'":
            return Rewritten(message: "expected ',' or '}' in a braced mapping")
        case "did not find expected node content":
            return Rewritten(message: "expected a value here")
        case "found unexpected end of stream":
            return Rewritten(message: "unexpected end of file")
        case "found unknown escape character":
            return Rewritten(
                message: "unknown escape sequence in a double-quoted string",
                help: "use single quotes for text with backslashes, or escape the backslash as '\\\\'"
            )
        case "found unexpected document indicator":
            return Rewritten(message: "a document marker ('---' or '...') inside a quoted string")
        case "found incompatible YAML document":
            return Rewritten(message: "unsupported YAML version; only %YAML 1.1 and 1.2 documents are read")
        case "did not find expected <document start>":
            return Rewritten(message: "expected the start of a document ('---')")
        case "found undefined tag handle":
            return Rewritten(message: "undefined tag handle")
        case "found duplicate %YAML directive", "found duplicate %TAG directive":
            return Rewritten(message: problem.replacingPrefix("found ", with: ""))
        case "mapping keys are not allowed in this context":
            return Rewritten(message: "a '?' complex key is not allowed here")
        case "found a comment without whitespace":
            return Rewritten(message: "a '#' comment must be preceded by a space")
        default:
            return Rewritten(message: "YAML syntax error: \(problem)")
        }
    }

    private static func tabIndentation(_ inIndentation: Bool) -> Rewritten {
        Rewritten(
            code: .yamlTabIndentation,
            message: inIndentation ? "tab character used for indentation" : "tab character where YAML expects a token",
            help: "indent YAML with spaces, never tabs"
        )
    }

    /// "while parsing a block mapping" becomes "the block mapping started here".
    private static func contextNote(for context: String, problem: String) -> String {
        for prefix in ["while parsing ", "while scanning "] where context.hasPrefix(prefix) {
            var construct = String(context.dropFirst(prefix.count))
            for article in ["a ", "an ", "the "] where construct.hasPrefix(article) {
                construct = String(construct.dropFirst(article.count))
            }
            if problem == "found unexpected end of stream" {
                return "the \(construct) that starts here is not closed"
            }
            return "while reading the \(construct) that starts here"
        }
        return context
    }
}

private extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
