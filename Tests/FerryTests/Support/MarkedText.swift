import FerryDiagnostics

/// Inline fixture text with position markers (`1️⃣`, `2️⃣`, …), in the style of swift-format's
/// `MarkedText`: the markers are removed and their byte offsets remembered, so a test can assert
/// "diagnostic FY004 at 2️⃣" without counting columns by hand.
struct MarkedText {
    static let markers = ["0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"]

    /// The text with every marker removed.
    let text: String
    /// Byte offset into `text` of each marker, by marker.
    let offsets: [String: Int]

    init(_ marked: String) {
        var text = ""
        var offsets: [String: Int] = [:]
        var rest = Substring(marked)
        while !rest.isEmpty {
            if let marker = Self.markers.first(where: { rest.hasPrefix($0) }) {
                offsets[marker] = text.utf8.count
                rest = rest.dropFirst(marker.count)
            } else {
                text.append(rest.removeFirst())
            }
        }
        self.text = text
        self.offsets = offsets
    }

    var bytes: [UInt8] { Array(text.utf8) }

    /// The position of a marker in a source file made from `text`.
    func position(of marker: String, in source: SourceFile) -> SourcePosition {
        guard let offset = offsets[marker] else {
            fatalError("fixture has no marker \(marker)")
        }
        return source.position(atOffset: offset)
    }

    /// `(marker, code)` pairs for diagnostics whose primary location starts exactly at a marker;
    /// diagnostics at no marker come out as `("?line:column", code)` so a failing test shows where
    /// they were.
    func markedCodes(_ diagnostics: [Diagnostic], in source: SourceFile) -> [MarkedCode] {
        let markerAtOffset = Dictionary(offsets.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        return diagnostics.sorted(by: Diagnostic.reportOrder).map { diagnostic in
            let start = diagnostic.location.start
            let marker = markerAtOffset[start.offset] ?? "?\(start.line):\(start.column)"
            return MarkedCode(marker, diagnostic.code)
        }
    }
}

/// A diagnostic's position as a marker, with its code; what fixture tests compare.
struct MarkedCode: Hashable, CustomStringConvertible {
    let marker: String
    let code: DiagnosticCode

    init(_ marker: String, _ code: DiagnosticCode) {
        self.marker = marker
        self.code = code
    }

    var description: String { "(\(marker), \(code.rawValue))" }
}
