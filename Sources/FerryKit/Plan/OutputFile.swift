import Foundation
private import CFerrySystem

/// Writes a generated file atomically: into a temporary file beside it, flushed to disk, then
/// renamed over the destination. A reader (or a CI job comparing committed plans) sees the old
/// file or the new one, never half of one, and a failed run leaves the old file as it was. Asked
/// not to replace, it leaves an existing file untouched, even one that appears while writing.
public struct OutputFile: Sendable {
    public var path: String
    /// Write straight to the device where the file system allows it (see `FileOutput`); off
    /// only to test the way through the page cache on file systems that have direct I/O.
    var directIO = true
    /// How many bytes are written between two flushes to the device while writing (see
    /// `BackgroundFlush`); smaller only in tests.
    var flushInterval = 16 << 20
    /// Called after each of those flushes, with how many bytes were in the file when it began;
    /// only tests look.
    var flushed: (@Sendable (Int) -> Void)?

    public init(path: String) {
        self.path = path
    }

    /// A file that could not be written, with the operating system's reason.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The file exists and replacing it was not asked for.
        public var exists = false
        /// The producer gave up (``abandoned(_:)``): nothing went wrong with the file.
        public var abandoned = false

        public var description: String { "cannot write '\(path)': \(reason)" }

        /// What a producer throws to give the file up: the temporary file is removed, and a file
        /// already at the path is left as it was.
        public static func abandoned(_ path: String) -> WriteError {
            var error = WriteError(path: path, reason: "not written: its contents were given up")
            error.abandoned = true
            return error
        }
    }

    /// Writes `text` whole; see ``write(replacing:_:)``.
    public func write(_ text: String, replacing: Bool = true) throws(WriteError) {
        try write(replacing: replacing) { (sink: ([UInt8]) throws(WriteError) -> Void) throws(WriteError) in
            try sink(Array(text.utf8))
        }
    }

    /// Calls `produce` with a sink for the contents, in chunks, then puts the file in place;
    /// without `replacing`, only if no file has the name by then.
    public func write(replacing: Bool = true, _ produce: (_ sink: ([UInt8]) throws(WriteError) -> Void) throws(WriteError) -> Void) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(url.lastPathComponent).ferry-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(errno) }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        do throws(WriteError) {
            // The chunks are written by a thread of their own, so that producing the next chunks
            // and waiting for the disk overlap; a few chunks may be in flight.
            let flush = BackgroundFlush(descriptor: descriptor, observer: flushed)
            let writer = ChunkWriter(descriptor: descriptor, directIO: directIO, flush: flush, flushInterval: flushInterval)
            do throws(WriteError) {
                try produce { (chunk: [UInt8]) throws(WriteError) in
                    if let code = writer.enqueue(chunk) { throw failure(code) }
                }
            } catch {
                _ = writer.finish()
                throw error
            }
            if let code = writer.finish() { throw failure(code) }
            guard fsync(descriptor) == 0 else { throw failure(errno) }
            closed = true
            guard close(descriptor) == 0 else { throw failure(errno) }
            if replacing {
                guard rename(temporary, path) == 0 else { throw failure(errno) }
            } else {
                // link(2) fails when the name is taken, so an existing file is never replaced.
                guard link(temporary, path) == 0 else {
                    var error = failure(errno)
                    error.exists = errno == EEXIST
                    throw error
                }
                unlink(temporary)
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private func failure(_ code: Int32) -> WriteError {
        WriteError(path: path, reason: String(cString: strerror(code)).lowercased())
    }
}

/// Writes chunks to a file descriptor on a thread of its own, in order, holding at most a few
/// chunks at a time; the first error stops it, and is handed to whoever enqueues or finishes next.
private final class ChunkWriter: @unchecked Sendable {
    private let chunks = BoundedQueue<[UInt8]>(capacity: 8)
    /// `errno` of the first failed write, written by the writer thread before it stops.
    private var failure: Int32?

    init(descriptor: Int32, directIO: Bool, flush: BackgroundFlush, flushInterval: Int) {
        let thread = Thread { [self] in
            run(FileOutput(descriptor: descriptor, directIO: directIO, flush: flush, flushInterval: flushInterval))
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues a chunk, waiting while the queue is full; the error of an earlier write, if any.
    func enqueue(_ chunk: [UInt8]) -> Int32? {
        chunks.push(chunk) ? nil : failure
    }

    /// Waits until every queued chunk is written; the error of a failed write, if any.
    func finish() -> Int32? {
        chunks.finishProducing()
        chunks.waitUntilConsumingStopped()
        return failure
    }

    private func run(_ file: consuming FileOutput) {
        defer { chunks.stopConsuming() }
        while let chunk = chunks.pop() {
            if let code = file.write(chunk) {
                failure = code
                file.stopFlushing()
                return
            }
        }
        failure = file.finish()
    }
}

/// How the writer thread puts bytes into the file.
///
/// Straight to the device (direct I/O) where the file system allows it: the file is flushed to
/// disk before it is put in place anyway, so going through the page cache would only copy every
/// byte once more, into memory no one reads again (on a virtual machine, memory the host may
/// have to hand back first). The bytes are gathered in a buffer aligned as the device needs and
/// written a few megabytes at a time; the last partial block goes through the page cache.
///
/// Elsewhere (tmpfs, macOS), or should the file system refuse a direct write, through the page
/// cache, asking the system every few megabytes to start writing back, so that the disk works
/// while the rest is produced.
///
/// Either way, every `flushInterval` bytes the file is flushed to the device in the background
/// (``BackgroundFlush``), so that the final `fsync` of a large plan has only the tail left.
private struct FileOutput: ~Copyable {
    private let descriptor: Int32
    /// Direct I/O's aligned buffer, and how much of it is filled; `nil` through the page cache.
    private var staging: UnsafeMutableRawPointer?
    private var staged = 0
    /// Bytes written to the file (not staged); through the page cache, up to where writing back
    /// was asked for; and up to where the last flush was asked for.
    private var offset = 0
    private var writtenBack = 0
    private var flushedUpTo = 0
    private let flush: BackgroundFlush
    private let flushInterval: Int

    /// Direct I/O's alignment: a page, a multiple of every common device block.
    private static let block = 4_096
    private static let stagingSize = 4 << 20
    /// How many bytes are written through the page cache between two requests to write back.
    private static let writebackInterval = 8 << 20

    init(descriptor: Int32, directIO: Bool, flush: BackgroundFlush, flushInterval: Int) {
        self.descriptor = descriptor
        self.flush = flush
        self.flushInterval = max(flushInterval, 1)
        guard directIO, ferry_set_direct_io(descriptor, 1) == 0 else { return }
        var memory: UnsafeMutableRawPointer?
        if posix_memalign(&memory, Self.block, Self.stagingSize) == 0, let memory {
            staging = memory
        } else {
            _ = ferry_set_direct_io(descriptor, 0)
        }
    }

    deinit {
        free(staging)
    }

    /// Ends flushing in the background: waits for a flush under way, and asks for no more. The
    /// descriptor can then be closed.
    func stopFlushing() {
        _ = flush.stop()
    }

    /// Counts `count` bytes as written to the file, and asks for a flush every `flushInterval`.
    private mutating func advance(by count: Int) {
        offset += count
        if offset - flushedUpTo >= flushInterval {
            flush.request(upTo: offset)
            flushedUpTo = offset
        }
    }

    /// Writes a chunk (or stages it); `errno` of a failed write.
    mutating func write(_ chunk: [UInt8]) -> Int32? {
        chunk.withUnsafeBytes { bytes in
            guard let staging else { return writeThrough(bytes) }
            var taken = 0
            while taken < bytes.count {
                let count = min(Self.stagingSize - staged, bytes.count - taken)
                (staging + staged).copyMemory(from: bytes.baseAddress! + taken, byteCount: count)
                staged += count
                taken += count
                if staged == Self.stagingSize, let code = writeStagedBlocks() { return code }
            }
            return nil
        }
    }

    /// Writes what is still staged and stops flushing in the background; `errno` of a failed
    /// write or flush.
    mutating func finish() -> Int32? {
        var code: Int32?
        if staging != nil {
            code = writeStagedBlocks()
            if code == nil { code = leaveDirectIO(keepingFrom: 0) }
        }
        let flushing = flush.stop()
        return code ?? flushing
    }

    /// Writes the whole blocks staged, directly, and moves the rest to the front.
    private mutating func writeStagedBlocks() -> Int32? {
        guard let staging else { return nil }
        let whole = staged / Self.block * Self.block
        var written = 0
        while written < whole {
            let result = Foundation.write(descriptor, staging + written, whole - written)
            if result < 0 && errno == EINTR { continue }
            if result < 0 && errno != EINVAL { return errno }
            // Refused (EINVAL), or a part that is not whole blocks: the rest goes through the cache.
            guard result > 0, result % Self.block == 0 else {
                advance(by: max(result, 0))
                return leaveDirectIO(keepingFrom: written + max(result, 0))
            }
            written += result
            advance(by: result)
        }
        staged -= whole
        if staged > 0 { staging.copyMemory(from: staging + whole, byteCount: staged) }
        return nil
    }

    /// Turns direct I/O off and writes the staged bytes from `start` through the page cache.
    private mutating func leaveDirectIO(keepingFrom start: Int) -> Int32? {
        guard let staging else { return nil }
        if ferry_set_direct_io(descriptor, 0) != 0 { return errno }
        let code = writeThrough(UnsafeRawBufferPointer(start: staging + start, count: staged - start))
        free(staging)
        self.staging = nil
        staged = 0
        return code
    }

    /// Writes through the page cache.
    private mutating func writeThrough(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        var written = 0
        while written < bytes.count {
            let result = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        advance(by: written)
        if offset - writtenBack >= Self.writebackInterval {
            _ = ferry_start_writeback(descriptor, Int64(writtenBack), Int64(offset - writtenBack))
            writtenBack = offset
        }
        return nil
    }
}

/// Flushes a file to the device on a thread of its own while the file is still being written,
/// whenever its writer asks (every `OutputFile.flushInterval` bytes), so that the final `fsync`
/// before the rename has only the last part left to wait for.
///
/// Without it, the whole file reached the device only at that `fsync`, after everything else was
/// done: where a device caches writes (a virtual machine's disk, cached by its host, or a drive's
/// own cache), that final flush grew with the file, 0.57 s of a 2.5 s run for a plan of 410 MB.
/// Flushing in the background overlaps it with producing the rest.
///
/// The thread starts at the first request, so a small file has none. A failed flush is kept and
/// reported by ``stop()``: the kernel reports a write-back error to one `fsync` only, which may be
/// this thread's rather than the final one.
final class BackgroundFlush: @unchecked Sendable {
    private let condition = NSCondition()
    private let descriptor: Int32
    private let observer: (@Sendable (Int) -> Void)?
    /// The size of the file when the latest flush not yet under way was asked for.
    private var requested: Int?
    private var started = false
    private var stopping = false
    private var stopped = false
    private var failure: Int32?

    init(descriptor: Int32, observer: (@Sendable (Int) -> Void)? = nil) {
        self.descriptor = descriptor
        self.observer = observer
    }

    /// Asks for a flush of the file, which holds `size` bytes; one under way, or already asked
    /// for, takes this request along.
    func request(upTo size: Int) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        requested = size
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.stackSize = 1 << 18
            thread.start()
        }
        condition.broadcast()
    }

    /// Waits for a flush under way, drops one asked for and not begun (the caller's own `fsync`
    /// does it), and ends the thread; `errno` of a failed flush, if any.
    func stop() -> Int32? {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while started && !stopped { condition.wait() }
        return failure
    }

    private func run() {
        condition.lock()
        while true {
            while requested == nil && !stopping { condition.wait() }
            guard !stopping, let size = requested, failure == nil else { break }
            requested = nil
            condition.unlock()
            let code: Int32? = ferry_flush_data(descriptor) == 0 ? nil : errno
            if code == nil { observer?(size) }
            condition.lock()
            failure = failure ?? code
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
