import FerryDiagnostics
import Testing

/// The same findings give the same bytes, whatever order the stages produced them in.
@Suite struct RendererDeterminismTests {
    @Test(arguments: RenderedFormat.allCases)
    func renderingTwiceGivesIdenticalBytes(_ format: RenderedFormat) {
        let first = format.renderer.render(SampleReport.report)
        let second = format.renderer.render(SampleReport.report)
        #expect(Array(first.utf8) == Array(second.utf8))
    }

    @Test(arguments: RenderedFormat.allCases, [1, 2, 3, 42])
    func shuffledDiagnosticsGiveIdenticalBytes(_ format: RenderedFormat, seed: UInt64) {
        let original = SampleReport.report
        var generator = SeededGenerator(seed: seed)
        var shuffled = DiagnosticReport()
        // Register the sources in the opposite order too.
        for path in original.sources.keys.sorted().reversed() {
            shuffled.register(original.sources[path]!)
        }
        shuffled.add(contentsOf: original.diagnostics.shuffled(using: &generator))
        #expect(Array(format.renderer.render(shuffled).utf8) == Array(format.renderer.render(original).utf8))
    }
}
