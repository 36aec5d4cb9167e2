import Foundation
import Testing
@testable import FerryKit

@Suite("Output files: atomic, in order, never clobbered unless asked")
struct OutputFileTests {
    @Test func chunksArriveWholeAndInOrderThroughTheWriterThread() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("plan.json").path
        var expected: [UInt8] = []
        try OutputFile(path: path).write { (sink: Sink) throws(OutputFile.WriteError) in
            for index in 0 ..< 2_000 {
                let chunk = Array("chunk \(index) ".utf8) + [UInt8](repeating: UInt8(index % 251), count: index % 97)
                expected += chunk
                try send(chunk, to: sink)
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
        try OutputFile(path: path).write { (sink: Sink) throws(OutputFile.WriteError) in
            for index in 0 ..< 20 {
                let chunk = [UInt8](repeating: UInt8(ascii: "a") + UInt8(index), count: (1 << 20) + index)
                expected += chunk
                try send(chunk, to: sink)
            }
        }
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == expected)
    }

    /// Where the file system has direct I/O, whole blocks go straight to the device from an
    /// aligned buffer and the tail through the page cache; without it (or on tmpfs before Linux
    /// 6.6), everything goes through the cache. Either way every size arrives whole, however the
    /// chunks fall across blocks and buffers, and past the four buffers of 4 MiB, which are
    /// filled again once written.
    @Test(arguments: [0, 1, 4_095, 4_096, 4_097, (4 << 20) - 1, 4 << 20, (4 << 20) + 1, (9 << 20) + 12_345, (17 << 20) + 4_097])
    func everySizeArrivesWholeWithAndWithoutDirectIO(size: Int) throws {
        let folder = try TemporaryFolder()
        var places = [(folder.url.appendingPathComponent("direct.json").path, true), (folder.url.appendingPathComponent("cached.json").path, false)]
        if FileManager.default.isWritableFile(atPath: "/dev/shm") {
            places.append(("/dev/shm/ferry-output-test-\(getpid())-\(size).json", true))
        }
        // Bytes that differ from block to block, so that a block written twice or out of place shows.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            for index in 0 ..< size { buffer[index] = UInt8(truncatingIfNeeded: (index &* 2_654_435_761) >> 11) }
            count = size
        }
        for (path, directIO) in places {
            defer { if path.hasPrefix("/dev/shm/") { unlink(path) } }
            var file = OutputFile(path: path)
            file.directIO = directIO
            try file.write { (sink: Sink) throws(OutputFile.WriteError) in
                var start = 0, step = 1
                while start < bytes.count {
                    let end = min(bytes.count, start + step)
                    try send(Array(bytes[start ..< end]), to: sink)
                    start = end
                    step = step * 7 % 1_000_003 + 1
                }
            }
            // Compared apart, so that a failure names the file instead of printing megabytes.
            let arrived = FileManager.default.contents(atPath: path).map(Array.init) == bytes
            #expect(arrived, "\(path) is not what was written")
        }
    }

    /// A large file is flushed to the device in the background while it is written, every
    /// `flushInterval` bytes, so that the final `fsync` has only the tail left; the flushes run
    /// beside the writes and must neither lose nor reorder a byte, with or without direct I/O.
    @Test(arguments: [true, false])
    func aLargeFileIsFlushedWhileItIsWrittenAndArrivesWhole(directIO: Bool) throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("flushed.json").path
        let size = (12 << 20) + 777
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            for index in 0 ..< size { buffer[index] = UInt8(truncatingIfNeeded: (index &* 2_246_822_519) >> 13) }
            count = size
        }
        let flushes = FlushLog()
        var file = OutputFile(path: path)
        file.directIO = directIO
        file.flushInterval = 1 << 20
        file.flushed = { flushes.append($0) }
        try file.write { (sink: Sink) throws(OutputFile.WriteError) in
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 300_001)
                try send(Array(bytes[start ..< end]), to: sink)
                start = end
            }
        }
        let arrived = FileManager.default.contents(atPath: path).map(Array.init) == bytes
        #expect(arrived, "\(path) is not what was written")
        // Requests that come while a flush is under way are taken along by the next one, so
        // there are fewer flushes than mebibytes; but at least one, each of more of the file.
        let sizes = flushes.sizes
        #expect(!sizes.isEmpty)
        #expect(sizes == sizes.sorted() && Set(sizes).count == sizes.count)
        #expect(sizes.allSatisfy { $0 >= 1 << 20 && $0 <= size })
    }

    @Test func aSmallFileStartsNoFlushOfItsOwn() throws {
        let folder = try TemporaryFolder()
        let flushes = FlushLog()
        var file = OutputFile(path: folder.url.appendingPathComponent("small.json").path)
        file.flushed = { flushes.append($0) }
        try file.write(String(repeating: "x", count: 100_000))
        #expect(flushes.sizes.isEmpty)
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

/// The file sizes `OutputFile.flushed` was called with, from the flushing thread.
private final class FlushLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Int] = []

    func append(_ size: Int) {
        lock.withLock { recorded.append(size) }
    }

    var sizes: [Int] { lock.withLock { recorded } }
}

private typealias Sink = (UnsafeBufferPointer<UInt8>) throws(OutputFile.WriteError) -> Void

/// Lends `chunk` to an output file's sink, as a producer does.
private func send(_ chunk: [UInt8], to sink: Sink) throws(OutputFile.WriteError) {
    try chunk.withUnsafeBufferPointer { (buffer) throws(OutputFile.WriteError) in try sink(buffer) }
}
