import Foundation
import Testing
@testable import FerryKit

@Suite("Output files: atomic, in order, never clobbered unless asked")
struct OutputFileTests {
    @Test func chunksArriveWholeAndInOrderThroughTheWriterThread() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("plan.json").path
        var expected: [UInt8] = []
        try OutputFile(path: path).write { (sink: ([UInt8]) throws(OutputFile.WriteError) -> Void) throws(OutputFile.WriteError) in
            for index in 0 ..< 2_000 {
                let chunk = Array("chunk \(index) ".utf8) + [UInt8](repeating: UInt8(index % 251), count: index % 97)
                expected += chunk
                try sink(chunk)
            }
        }
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["plan.json"])
    }

    @Test func aFileOfManyMegabytesIsWrittenBackAsItGoesAndArrivesWhole() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("large.json").path
        var expected: [UInt8] = []
        // 20 MiB in chunks of a mebibyte and a bit: the writer starts writing back every 8 MiB.
        try OutputFile(path: path).write { (sink: ([UInt8]) throws(OutputFile.WriteError) -> Void) throws(OutputFile.WriteError) in
            for index in 0 ..< 20 {
                let chunk = [UInt8](repeating: UInt8(ascii: "a") + UInt8(index), count: (1 << 20) + index)
                expected += chunk
                try sink(chunk)
            }
        }
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == expected)
    }

    @Test func withoutReplacingAnExistingFileIsLeftAsItWas() throws {
        let folder = try TemporaryFolder()
        try folder.write("mine.yaml", "# mine\n")
        let path = folder.url.appendingPathComponent("mine.yaml").path
        #expect(throws: OutputFile.WriteError.self) {
            try OutputFile(path: path).write("generated\n", replacing: false)
        }
        do throws(OutputFile.WriteError) {
            try OutputFile(path: path).write("generated\n", replacing: false)
        } catch {
            #expect(error.exists)
        }
        #expect(FileManager.default.contents(atPath: path) == Data("# mine\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["mine.yaml"])
        try OutputFile(path: path).write("generated\n")
        #expect(FileManager.default.contents(atPath: path) == Data("generated\n".utf8))
    }

    @Test func aFolderThatIsNotThereIsAnErrorWithTheReason() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-missing-\(UUID().uuidString)/plan.json").path
        do throws(OutputFile.WriteError) {
            try OutputFile(path: path).write("x")
            Issue.record("writing into a missing folder must fail")
        } catch {
            #expect(error.description == "cannot write '\(path)': no such file or directory")
            #expect(!error.exists)
        }
    }
}
