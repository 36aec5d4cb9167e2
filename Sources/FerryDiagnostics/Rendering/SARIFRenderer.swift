#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// A SARIF 2.1.0 log, for GitHub code scanning and other static-analysis dashboards.
///
/// One run; its driver lists one rule per code the report uses, sorted by id, and every result
/// points at its rule by `ruleId` and `ruleIndex`. Columns count Unicode code points, as Ferry's
/// do. Notes with a location become `relatedLocations`; notes without one and the help are
/// appended to the message. Following the standard's appendix on deterministic logs there are
/// no timestamps, no machine-specific properties, and a path that was given relative stays a
/// relative URI.
public struct SARIFRenderer: DiagnosticRenderer {
    /// The `ferry` version, reported as the driver's version.
    public var toolVersion: String
    /// Where to read about the tool (the driver's `informationUri`).
    public var informationURI: String

    public init(toolVersion: String, informationURI: String) {
        self.toolVersion = toolVersion
        self.informationURI = informationURI
    }

    public func render(_ report: DiagnosticReport) -> String {
        let diagnostics = report.sorted
        let codes = Set(diagnostics.map(\.code)).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })

        let log = SARIF.Log(runs: [
            SARIF.Run(
                tool: SARIF.Tool(driver: SARIF.Driver(
                    name: "ferry",
                    version: toolVersion,
                    informationUri: informationURI,
                    rules: codes.map(SARIF.Rule.init)
                )),
                results: diagnostics.map { diagnostic in
                    SARIF.Result(diagnostic, ruleIndex: ruleIndex[diagnostic.code, default: 0])
                }
            ),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(log), as: UTF8.self) + "\n"
        } catch {
            // Strings and integers always encode; reaching this is a bug in Ferry.
            preconditionFailure("encoding diagnostics as SARIF failed: \(error)")
        }
    }

    /// The URI of a path as the user gave it: relative paths stay relative (without a leading
    /// `./`), absolute ones become `file://` URIs; characters a URI may not hold are
    /// percent-encoded as UTF-8, and `/` is kept.
    static func uri(forPath path: String) -> String {
        if path.hasPrefix("/") {
            return "file://" + percentEncoded(path)
        }
        var relative = Substring(path)
        while relative.hasPrefix("./") {
            relative = relative.dropFirst(2)
        }
        return percentEncoded(relative)
    }

    private static func percentEncoded(_ path: some StringProtocol) -> String {
        var result = ""
        for byte in path.utf8 {
            if isAllowedInPath(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    /// RFC 3986 unreserved characters, `/`, `@` and the sub-delimiters. `:` is encoded because in
    /// the first segment of a relative reference it would read as a scheme.
    private static func isAllowedInPath(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "-._~/@!$&'()*+,;=".utf8.contains(byte)
        }
    }
}

// MARK: - The SARIF object model (only what Ferry writes)

/// Namespace for the SARIF objects, named as the standard names them.
private enum SARIF {
    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]

        private enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        let tool: Tool
        let columnKind = "unicodeCodePoints"
        let results: [Result]
    }

    struct Tool: Encodable {
        let driver: Driver
    }

    struct Driver: Encodable {
        let name: String
        let version: String
        let informationUri: String
        let rules: [Rule]
    }

    struct Message: Encodable {
        let text: String
    }

    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Message
        let fullDescription: Message
        let help: Message
        let defaultConfiguration: Configuration

        struct Configuration: Encodable {
            let level: String
        }

        init(_ code: DiagnosticCode) {
            id = code.rawValue
            name = Self.pascalCase(String(describing: code))
            shortDescription = Message(text: code.title)
            fullDescription = Message(text: code.explanation)
            help = Message(text: "\(code.explanation)\n\nRun `ferry explain \(code.rawValue)` to read this in a terminal.")
            defaultConfiguration = Configuration(level: code.defaultSeverity.rawValue)
        }

        /// `yamlDuplicateKey` → `YamlDuplicateKey`, the form SARIF suggests for a rule's name.
        private static func pascalCase(_ caseName: String) -> String {
            caseName.prefix(1).uppercased() + caseName.dropFirst()
        }
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Message
        let locations: [Location]
        let relatedLocations: [Location]?
        /// Keeps an alert the same across runs while lines move: the code, the file and the
        /// message, not the position (SARIF §3.27.17; GitHub code scanning matches on it).
        let partialFingerprints: [String: String]

        init(_ diagnostic: Diagnostic, ruleIndex: Int) {
            ruleId = diagnostic.code.rawValue
            self.ruleIndex = ruleIndex
            level = diagnostic.severity.rawValue
            var text = [diagnostic.message]
            for note in diagnostic.notes where note.location == nil {
                text.append("note: \(note.message)")
            }
            if let help = diagnostic.help {
                text.append("help: \(help)")
            }
            message = Message(text: text.joined(separator: "\n"))
            locations = [Location(id: nil, diagnostic.location, message: nil)]
            let related = diagnostic.notes
                .compactMap { note in note.location.map { (note.message, $0) } }
                .enumerated()
                .map { index, note in Location(id: index + 1, note.1, message: Message(text: note.0)) }
            relatedLocations = related.isEmpty ? nil : related
            let identity = [diagnostic.code.rawValue, SARIFRenderer.uri(forPath: diagnostic.location.file), diagnostic.message]
            partialFingerprints = ["ferryFinding/v1": Self.fingerprint(identity.joined(separator: "\u{0}"))]
        }

        /// FNV-1a, 64 bits, as 16 hexadecimal digits: stable across machines and runs.
        static func fingerprint(_ text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            let digits = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }

    struct Location: Encodable {
        let id: Int?
        let physicalLocation: PhysicalLocation
        let message: Message?

        init(id: Int?, _ location: SourceLocation, message: Message?) {
            self.id = id
            physicalLocation = PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: SARIFRenderer.uri(forPath: location.file)),
                region: Region(
                    startLine: location.start.line,
                    startColumn: location.start.column,
                    endLine: location.end.line,
                    endColumn: location.end.column
                )
            )
            self.message = message
        }
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct ArtifactLocation: Encodable {
        let uri: String
    }

    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
        let endLine: Int
        let endColumn: Int
    }
}
