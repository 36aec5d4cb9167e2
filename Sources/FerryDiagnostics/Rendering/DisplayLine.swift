/// One source line as a terminal shows it, so that an underline can be placed under it.
///
/// Tabs become four spaces (the quoted line no longer depends on the terminal's tab stops),
/// East Asian wide characters and emoji take two columns, combining marks none, and characters
/// that would move the cursor or reorder the text (control characters, line separators,
/// bidirectional overrides) are shown as U+FFFD so a hostile input cannot rewrite the terminal.
struct DisplayLine {
    static let tabWidth = 4

    /// The line as printed.
    let text: String
    /// The 0-based display column at which each scalar of the original line starts, followed by
    /// the column just after the line.
    private let columns: [Int]

    init(_ line: String) {
        var text = ""
        var columns: [Int] = []
        var column = 0
        for scalar in line.unicodeScalars {
            columns.append(column)
            if scalar == "\t" {
                text.append(String(repeating: " ", count: Self.tabWidth))
                column += Self.tabWidth
            } else if Self.isUnsafe(scalar) {
                text.unicodeScalars.append(Self.replacement)
                column += 1
            } else {
                text.unicodeScalars.append(scalar)
                column += Self.width(of: scalar)
            }
        }
        columns.append(column)
        self.text = text
        self.columns = columns
    }

    /// The number of Unicode scalars in the original line.
    var scalarCount: Int { columns.count - 1 }

    /// Where to draw the underline for the scalars `range` (0-based, clamped to the line): the
    /// display column it starts at and how many columns it covers, at least one so that an empty
    /// range or one past the end of the line still shows a marker.
    func underline(scalars range: Range<Int>) -> (column: Int, width: Int) {
        let lower = min(max(range.lowerBound, 0), scalarCount)
        let upper = min(max(range.upperBound, lower), scalarCount)
        return (columns[lower], max(1, columns[upper] - columns[lower]))
    }

    /// `text` with the characters that are unsafe in a terminal replaced; tabs are kept.
    static func sanitized(_ text: some StringProtocol) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(scalar != "\t" && isUnsafe(scalar) ? replacement : scalar)
        }
        return result
    }

    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true                  // C0 (tab included), DEL, C1
        case 0x2028, 0x2029: true                            // line and paragraph separators
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional controls
        default: false
        }
    }

    private static func width(of scalar: Unicode.Scalar) -> Int {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
