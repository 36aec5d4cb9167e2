import Foundation

/// Writes an output file whole or not at all: the text goes to a temporary file beside the target,
/// which then takes the target's name in one step. An existing file is replaced only when asked
/// to; otherwise it is left untouched, even if it appears while the text is written.
public enum OutputFile {
    public enum Failure: Error, Sendable, Equatable {
        /// The file exists and replacing it was not asked for.
        case exists
        /// The operating system's reason.
        case system(String)
    }

    public static func write(_ text: String, to path: String, replacing: Bool) throws(Failure) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).ferry-\(getpid())-\(UInt32.random(in: .min ... .max)).tmp"
        let bytes = Array(text.utf8)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .system(String(cString: strerror(errno))) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw .system(reason)
            }
            written += result
        }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .system(reason)
        }
        defer { unlink(temporary) }
        if replacing {
            guard rename(temporary, path) == 0 else { throw .system(String(cString: strerror(errno))) }
        } else {
            // link(2) fails when the name is taken, so an existing file is never replaced.
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw .exists }
                throw .system(String(cString: strerror(errno)))
            }
        }
    }
}
