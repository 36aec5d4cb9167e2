import FerryDiagnostics
import Testing

/// Each format, as one golden file of the sample report.
enum RenderedFormat: String, CaseIterable, Sendable {
    case human
    case humanColor = "human-color"
    case gnu
    case json
    case github
    case sarif

    var renderer: any DiagnosticRenderer {
        switch self {
        case .human: HumanRenderer(colors: false)
        case .humanColor: HumanRenderer(colors: true)
        case .gnu: GNURenderer()
        case .json: JSONRenderer()
        case .github: GitHubRenderer()
        case .sarif: SARIFRenderer(toolVersion: "0.1.0", informationURI: "https://example.org/ferry")
        }
    }

    var goldenFileName: String { "report.\(rawValue).txt" }
}

@Suite struct RendererGoldenTests {
    @Test(arguments: RenderedFormat.allCases)
    func sampleReportMatchesGoldenFile(_ format: RenderedFormat) throws {
        let output = format.renderer.render(SampleReport.report)
        try GoldenFile.expect(output, matches: format.goldenFileName)
    }

    @Test(arguments: RenderedFormat.allCases)
    func outputUsesLineFeedsOnlyAndEndsWithOne(_ format: RenderedFormat) {
        let output = format.renderer.render(SampleReport.report)
        #expect(!output.utf8.contains(UInt8(ascii: "\r")))
        #expect(output.hasSuffix("\n"))
    }
}
