import Foundation

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

        public var description: String { "cannot write '\(path)': \(reason)" }
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
            try produce { (chunk: [UInt8]) throws(WriteError) in
                var written = 0
                while written < chunk.count {
                    let result = chunk.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, chunk.count - written) }
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw failure(errno)
                    }
                    written += result
                }
            }
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
