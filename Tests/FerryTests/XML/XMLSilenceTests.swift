#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import FerryDiagnostics
import FerrySyntax

/// libxml2 prints errors and warnings to stderr unless every path is routed elsewhere, and some
/// (encoding conversion) are raised without a parser context. Ferry's output must be its own.
@Suite(.serialized) struct XMLSilenceTests {
    /// Inputs that make libxml2 raise errors and warnings on each of its paths.
    private static let noisyDocuments: [[UInt8]] = [
        Array("<a><b></a>".utf8),
        Array(#"<a b="1" b="2"/>"#.utf8),
        Array("<p:a/>".utf8),
        Array("<a>&foo;</a>".utf8),
        Array(#"<a xmlns:p="relative" xmlns:q="not a uri"><p:b/></a>"#.utf8),
        Array(#"<?xml version="1.1"?><a/>"#.utf8),
        Array(#"<?xml version="1.0" encoding="no-such-encoding"?><a/>"#.utf8),
        Array("<a>".utf8) + [0xFF, 0xFE] + Array("</a>".utf8),
        [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x3E, 0x00, 0x00, 0xD8, 0x41, 0x00],
        Array(#"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#.utf8),
        Array("<a/>trailing".utf8),
        [],
    ]

    @Test func libxml2PrintsNothing() throws {
        var diagnosticCount = 0
        let output = try Self.capturingStandardOutputAndError {
            for bytes in Self.noisyDocuments {
                diagnosticCount += XMLReader().read(SourceFile(path: "noisy.bpmn", bytes: bytes)) { _ in }.count
            }
        }
        // Namespace URI and XML version warnings are no finding; everything else is one error.
        #expect(diagnosticCount == Self.noisyDocuments.count - 2)
        for signature in ["parser error", "parser warning", "namespace error", "namespace warning",
                          "encoding error", "I/O error", "Bytes: 0x", "not defined"] {
            #expect(!output.contains(signature), "libxml2 printed: \(output)")
        }
    }

    /// Runs `body` with file descriptors 1 and 2 sent to a temporary file; returns what was written.
    private static func capturingStandardOutputAndError(_ body: () -> Void) throws -> String {
        var template = Array("/tmp/ferry-xml-silence-XXXXXX".utf8CString)
        let file = mkstemp(&template)
        try #require(file >= 0)
        defer {
            close(file)
            unlink(template)
        }
        fflush(nil)
        let savedOutput = dup(1)
        let savedError = dup(2)
        dup2(file, 1)
        dup2(file, 2)
        body()
        fflush(nil)
        dup2(savedOutput, 1)
        dup2(savedError, 2)
        close(savedOutput)
        close(savedError)

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        lseek(file, 0, SEEK_SET)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
