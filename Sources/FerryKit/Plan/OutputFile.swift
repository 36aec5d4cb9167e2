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
        try write(Array(text.utf8), replacing: replacing)
    }

    /// Writes `bytes` whole; see ``write(replacing:_:)``.
    public func write(_ bytes: [UInt8], replacing: Bool = true) throws(WriteError) {
        try write(replacing: replacing) { (sink: (UnsafeBufferPointer<UInt8>) throws(WriteError) -> Void) throws(WriteError) in
            try bytes.withUnsafeBufferPointer { (buffer) throws(WriteError) in try sink(buffer) }
        }
    }

    /// Calls `produce` with a sink for the contents, in chunks, then puts the file in place;
    /// without `replacing`, only if no file has the name by then. The sink copies each chunk (the
    /// buffer is the producer's again once the sink returns).
    public func write(
        replacing: Bool = true,
        _ produce: (_ sink: (UnsafeBufferPointer<UInt8>) throws(WriteError) -> Void) throws(WriteError) -> Void
    ) throws(WriteError) {
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
            // The bytes are written by a thread of their own, so that producing the next ones and
            // waiting for the disk overlap; a few buffers may be in flight.
            let writer = BlockWriter(descriptor: descriptor, directIO: directIO, flushInterval: flushInterval, flushed: flushed)
            do throws(WriteError) {
                try produce { (chunk: UnsafeBufferPointer<UInt8>) throws(WriteError) in
                    if let code = writer.append(chunk) { throw failure(code) }
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

/// Gathers the bytes of a file in a few aligned buffers of a few megabytes and writes each full
/// buffer on a thread of its own, in order; the writer thread hands written buffers back to be
/// filled again. The first error stops it, and is handed to whoever appends or finishes next.
///
/// The buffers are aligned as direct I/O needs them (see `FileOutput`), so a full buffer goes
/// from memory to the device with no further copy, and being reused, they cost no fresh memory.
private final class BlockWriter: @unchecked Sendable {
    /// Full buffers, in file order, for the writer thread (the last one may be partly filled).
    private let written = BoundedQueue<Buffer>(capacity: BlockWriter.buffers)
    /// Written buffers, handed back by the writer thread; `nil` from `pop` once it has stopped.
    private let returned = BoundedQueue<Buffer>(capacity: BlockWriter.buffers)
    /// `errno` of the first failed write or flush, set by the writer thread before it stops.
    private var failure: Int32?
    /// The producer's: the buffer being filled, and every buffer made.
    private var filling: Buffer?
    private var made: [UnsafeMutableRawPointer] = []

    /// A buffer's memory and how many bytes of it are filled.
    private struct Buffer: @unchecked Sendable {
        var base: UnsafeMutableRawPointer
        var count = 0
    }

    /// Direct I/O's alignment: a page, a multiple of every common device block.
    static let block = 4_096
    static let size = 4 << 20
    static let buffers = 4

    init(descriptor: Int32, directIO: Bool, flushInterval: Int, flushed: (@Sendable (Int) -> Void)?) {
        let thread = Thread { [self] in
            run(FileOutput(descriptor: descriptor, directIO: directIO, flushInterval: flushInterval, flushed: flushed))
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        for base in made { free(base) }
    }

    /// Copies `bytes` into the buffers, handing each full one to the writer thread; the error of
    /// an earlier write, if any.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let source = UnsafeRawBufferPointer(bytes).baseAddress else { return nil }
        var taken = 0
        while taken < bytes.count {
            // No buffer: the writer thread has stopped (with its error), or there is no memory.
            guard var buffer = filling ?? nextBuffer() else { return failure ?? ENOMEM }
            let count = min(Self.size - buffer.count, bytes.count - taken)
            (buffer.base + buffer.count).copyMemory(from: source + taken, byteCount: count)
            buffer.count += count
            taken += count
            filling = buffer
            if buffer.count == Self.size {
                filling = nil
                guard written.push(buffer) else { return failure }
            }
        }
        return nil
    }

    /// Hands over what is left and waits until every byte is written; the error of a failed
    /// write or flush, if any.
    func finish() -> Int32? {
        if let buffer = filling, buffer.count > 0 { _ = written.push(buffer) }
        filling = nil
        written.finishProducing()
        written.waitUntilConsumingStopped()
        return failure
    }

    /// A buffer to fill: a new one while fewer than `buffers` are made, else one the writer
    /// thread hands back (waiting for it); `nil` once the writer thread has stopped, or when not
    /// even one buffer could be made.
    private func nextBuffer() -> Buffer? {
        if made.count < Self.buffers {
            var memory: UnsafeMutableRawPointer?
            if posix_memalign(&memory, Self.block, Self.size) == 0, let memory {
                made.append(memory)
                return Buffer(base: memory)
            }
            if made.isEmpty { return nil }
        }
        return returned.pop()
    }

    private func run(_ file: consuming FileOutput) {
        defer {
            written.stopConsuming()
            returned.finishProducing()
        }
        var code: Int32?
        while code == nil, let buffer = written.pop() {
            code = file.write(UnsafeRawBufferPointer(start: buffer.base, count: buffer.count))
            _ = returned.push(Buffer(base: buffer.base))
        }
        // Also after a failed write: the flushing thread must be done before the file is closed.
        let flushing = file.finish()
        failure = code ?? flushing
    }
}

/// How the writer thread puts bytes into the file.
///
/// Straight to the device (direct I/O) where the file system allows it: the file is flushed to
/// disk before it is put in place anyway, so going through the page cache would only copy every
/// byte once more, into memory no one reads again (on a virtual machine, memory the host may
/// have to hand back first). Every buffer but the last is whole blocks from an aligned address,
/// so the file offset stays aligned too; the last buffer's partial block goes through the page
/// cache.
///
/// Elsewhere (tmpfs, macOS), or should the file system refuse a direct write, through the page
/// cache, asking the system every few megabytes to start writing back, so that the disk works
/// while the rest is produced.
///
/// Either way, every `flushInterval` bytes the file is flushed to the device in the background
/// (``BackgroundFlush``), so that the final `fsync` of a large plan has only the tail left.
private struct FileOutput: ~Copyable {
    private let descriptor: Int32
    private var direct: Bool
    /// Bytes written to the file; through the page cache, up to where writing back was asked
    /// for; and up to where the last flush was asked for.
    private var offset = 0
    private var writtenBack = 0
    private var flushedUpTo = 0
    private let flush: BackgroundFlush
    private let flushInterval: Int

    /// How many bytes are written through the page cache between two requests to write back.
    private static let writebackInterval = 8 << 20

    init(descriptor: Int32, directIO: Bool, flushInterval: Int, flushed: (@Sendable (Int) -> Void)?) {
        self.descriptor = descriptor
        flush = BackgroundFlush(descriptor: descriptor, observer: flushed)
        self.flushInterval = max(flushInterval, 1)
        direct = directIO && ferry_set_direct_io(descriptor, 1) == 0
    }

    /// Counts `count` bytes as written to the file, and asks for a flush every `flushInterval`.
    private mutating func advance(by count: Int) {
        offset += count
        if offset - flushedUpTo >= flushInterval {
            flush.request(upTo: offset)
            flushedUpTo = offset
        }
    }

    /// Writes a buffer from an aligned address; only the last may end in a partial block.
    /// `errno` of a failed write.
    mutating func write(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        if direct {
            let whole = bytes.count / BlockWriter.block * BlockWriter.block
            while written < whole {
                let result = Foundation.write(descriptor, base + written, whole - written)
                if result < 0 && errno == EINTR { continue }
                if result < 0 && errno != EINVAL { return errno }
                if result > 0 {
                    written += result
                    advance(by: result)
                }
                // Refused (EINVAL), or a part that is not whole blocks: the rest goes through the cache.
                if result <= 0 || result % BlockWriter.block != 0 { break }
            }
            // A partial block at the end, or a write refused: the file's offset leaves the blocks.
            if written < bytes.count {
                if ferry_set_direct_io(descriptor, 0) != 0 { return errno }
                direct = false
            }
        }
        return writeThrough(UnsafeRawBufferPointer(rebasing: bytes[written...]))
    }

    /// After the last buffer (or a failed write): waits for a flush under way and asks for no
    /// more, so that the descriptor can be closed; `errno` of a failed flush.
    func finish() -> Int32? {
        flush.stop()
    }

    /// Writes through the page cache.
    private mutating func writeThrough(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let result = Foundation.write(descriptor, base + written, bytes.count - written)
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
private final class BackgroundFlush: @unchecked Sendable {
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

    /// Asks for a flush of the file, which holds `size` bytes: it begins when the flush under way
    /// (if any) ends, together with every other request made meanwhile.
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
