import FerryDiagnostics

/// The report every renderer's golden file shows: one of each situation a renderer has to get
/// right. Positions come from `MarkedText` markers, so nothing here counts columns by hand.
enum SampleReport {
    static let mappingPath = "plans/invoice/mappings/1.2-to-1.3.yaml"
    static let definitionPath = "plans/invoice/definitions/invoice-1.3.bpmn"
    static let truncatedPath = "plans/invoice/mappings/1.3-to-1.4.yaml"
    static let ignoredPath = "plans/invoice/mappings/notes.txt"
    static let unreadablePath = "plans/invoice/definitions/invoice-1.4.bpmn"
    static let escapingPath = "plans/rechnung prüfen/mappings/2.0-to-2.1.yaml"

    /// A duplicate key with a note at the first one; a line with a decomposed `ü` (two scalars,
    /// one column) and wide CJK characters (one scalar, two columns) before the span; a line
    /// indented with a tab and with a tab before its value.
    static let mapping = MarkedText("""
        ferry: 1
        process: invoice
        activities:
          0️⃣approveInvoice1️⃣: reviewInvoice
          2️⃣approveInvoice3️⃣: approveInvoiceV2
          pru\u{0308}fung: 請求書チェック4️⃣:5️⃣ x
        6️⃣\t7️⃣checkStock:8️⃣\t9️⃣preflightChecks

        """)

    /// An element that spans several lines and closes with the wrong tag; line numbers reach
    /// two digits, so the gutter widens.
    static let definition = MarkedText("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          id="invoice-definitions">
          <bpmn:process id="invoice" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="toApprove" sourceRef="start" targetRef="approveInvoice" />
            0️⃣<bpmn:userTask id="approveInvoice"
                           name="Approve invoice">
              <bpmn:incoming>toApprove</bpmn:incoming>
            1️⃣</bpmn:task>2️⃣
          </bpmn:process>
        </bpmn:definitions>

        """)

    /// A file that ends, without a final line break, inside a flow sequence.
    static let truncated = MarkedText("""
        ferry: 1
        process: invoice
        activities:
          approveInvoice: 0️⃣[reviewInvoice, checkStock1️⃣
        """)

    static let ignored = MarkedText("remember: map checkStock before 1.4\n")

    /// A message with every character the machine formats must escape.
    static let escaping = MarkedText("""
        ferry: 1
        process: rechnung
        activities:
          rabatt: 0️⃣*rate_50%1️⃣

        """)

    static var report: DiagnosticReport {
        let mappingFile = SourceFile(path: mappingPath, text: mapping.text, lineBreaks: .yaml)
        let definitionFile = SourceFile(path: definitionPath, text: definition.text)
        let truncatedFile = SourceFile(path: truncatedPath, text: truncated.text, lineBreaks: .yaml)
        let ignoredFile = SourceFile(path: ignoredPath, text: ignored.text)
        let escapingFile = SourceFile(path: escapingPath, text: escaping.text, lineBreaks: .yaml)

        func span(_ text: MarkedText, _ file: SourceFile, _ from: String, _ to: String) -> SourceLocation {
            file.location(from: text.offsets[from]!, to: text.offsets[to]!)
        }

        let diagnostics = [
            Diagnostic(
                .yamlDuplicateKey, "duplicate key 'approveInvoice'",
                at: span(mapping, mappingFile, "2️⃣", "3️⃣"),
                notes: [
                    Note("first defined here", at: span(mapping, mappingFile, "0️⃣", "1️⃣")),
                    Note("most YAML libraries keep the last value and silently drop the first"),
                ],
                help: "keep one of the two entries"
            ),
            Diagnostic(
                .yamlSyntax, "mapping values are not allowed in this context",
                at: span(mapping, mappingFile, "4️⃣", "5️⃣")
            ),
            Diagnostic(
                .yamlTabIndentation, "found a tab character where an indentation space is expected",
                at: span(mapping, mappingFile, "6️⃣", "7️⃣"),
                help: "indent with spaces, two per level"
            ),
            Diagnostic(
                .note, .yamlTabIndentation, "this tab separates the key from its value, which YAML allows",
                at: span(mapping, mappingFile, "8️⃣", "9️⃣")
            ),
            Diagnostic(
                .xmlNotWellFormed, "opening and ending tag mismatch: bpmn:userTask and bpmn:task",
                at: span(definition, definitionFile, "0️⃣", "2️⃣"),
                notes: [Note("closed as 'bpmn:task' here", at: span(definition, definitionFile, "1️⃣", "2️⃣"))],
                help: "close the element with </bpmn:userTask>"
            ),
            Diagnostic(
                .unreadableFile, "cannot read file: permission denied",
                at: SourceLocation(wholeFile: unreadablePath)
            ),
            Diagnostic(
                .yamlSyntax, "did not find expected ',' or ']'",
                at: span(truncated, truncatedFile, "1️⃣", "1️⃣"),
                notes: [Note("the flow sequence started here", at: span(truncated, truncatedFile, "0️⃣", "0️⃣"))],
                help: "close the sequence with ']'"
            ),
            Diagnostic(
                .ignoredFile, "file 'notes.txt' is ignored: mappings/ holds only *.yaml and *.yml files",
                at: SourceLocation(wholeFile: ignoredPath),
                help: "rename the file, or move it out of the plan directory"
            ),
            Diagnostic(
                .yamlAnchorOrAlias, "alias '*rate_50%' is not allowed: write the value itself,\nas in 'rabatt: 50%'",
                at: span(escaping, escapingFile, "0️⃣", "1️⃣")
            ),
        ]
        return DiagnosticReport(
            diagnostics: diagnostics,
            sources: [mappingFile, definitionFile, truncatedFile, ignoredFile, escapingFile]
        )
    }
}
