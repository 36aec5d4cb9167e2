import Foundation
private import CFerrySystem

/// Writes a generated file atomically: into a temporary file beside it, flushed to disk, then
/// renamed over the destination. A reader (or a CI job comparing committed plans) sees the old
/// file or the new one, never half of one, and a failed run leaves the old file as it was. Asked
/// not to replace, it leaves an existing file untouched, even one that appears while writing.
public struct OutputFile: Sendable {
    public var path: String

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
            let writer = ChunkWriter(descriptor: descriptor)
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
///
/// Every few megabytes it asks the system to start writing them to disk, so that the disk works
/// while the rest is produced and the final `fsync` of a large plan has only the tail left to
/// wait for (and dirty pages never pile up).
private final class ChunkWriter: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var finished = false
    private var done = false
    /// `errno` of the first failed write.
    private var failure: Int32?
    private static let capacity = 8
    /// How many bytes are written between two requests to start writing back.
    private static let writebackInterval = 8 << 20

    init(descriptor: Int32) {
        let thread = Thread { [self] in run(descriptor) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues a chunk, waiting while the queue is full; the error of an earlier write, if any.
    func enqueue(_ chunk: [UInt8]) -> Int32? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count - head >= Self.capacity && failure == nil {
            condition.wait()
        }
        if let failure { return failure }
        chunks.append(chunk)
        condition.broadcast()
        return nil
    }

    /// Waits until every queued chunk is written; the error of a failed write, if any.
    func finish() -> Int32? {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.broadcast()
        while !done { condition.wait() }
        return failure
    }

    private func run(_ descriptor: Int32) {
        var offset = 0
        var writtenBack = 0
        while true {
            condition.lock()
            while head == chunks.count && !finished { condition.wait() }
            if head == chunks.count || failure != nil {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let chunk = chunks[head]
            chunks[head] = []
            head += 1
            if head == chunks.count {
                chunks.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.broadcast()
            condition.unlock()

            var written = 0
            while written < chunk.count {
                let result = chunk.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, chunk.count - written) }
                if result < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    condition.lock()
                    failure = code
                    condition.broadcast()
                    condition.unlock()
                    break
                }
                written += result
            }
            offset += written
            if offset - writtenBack >= Self.writebackInterval {
                _ = ferry_start_writeback(descriptor, Int64(writtenBack), Int64(offset - writtenBack))
                writtenBack = offset
            }
        }
    }
}
