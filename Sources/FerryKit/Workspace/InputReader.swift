import Foundation
public import FerryDiagnostics

/// Reads input files from disk, refusing any over a size limit before reading it.
///
/// This is the one place the check pipeline touches the file system for contents; everything
/// after it works on bytes.
public struct InputReader: Sendable {
    public init() {}

    /// The bytes of `path`, or a located diagnostic saying why they could not be had.
    public func read(_ path: String, maxBytes: Int, kind: String) -> Result<[UInt8], InputError> {
        let manager = FileManager.default
        let size: Int
        do {
            let attributes = try manager.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            return .failure(InputError(Diagnostic(.unreadableFile, "cannot read file: \(Self.reason(error))", at: SourceLocation(wholeFile: path))))
        }
        if size > maxBytes {
            return .failure(InputError(Diagnostic(
                .fileTooLarge,
                "file is \(ByteCount(size)), over the \(ByteCount(maxBytes)) limit for \(kind)",
                at: SourceLocation(wholeFile: path)
            )))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(InputError(Diagnostic(.unreadableFile, "cannot read file: permission denied or not a regular file", at: SourceLocation(wholeFile: path))))
        }
        defer { try? handle.close() }
        do {
            // Read one byte past the limit so a file that grew since the size check is still caught.
            var bytes = try Self.read(handle, upTo: min(size, maxBytes) + 1)
            if bytes.count == min(size, maxBytes) + 1, bytes.count <= maxBytes {
                bytes += try handle.read(upToCount: maxBytes + 1 - bytes.count) ?? Data()
            }
            if bytes.count > maxBytes {
                return .failure(InputError(Diagnostic(
                    .fileTooLarge,
                    "file is over the \(ByteCount(maxBytes)) limit for \(kind)",
                    at: SourceLocation(wholeFile: path)
                )))
            }
            return .success(bytes)
        } catch {
            return .failure(InputError(Diagnostic(.unreadableFile, "cannot read file: \(Self.reason(error))", at: SourceLocation(wholeFile: path))))
        }
    }

    /// Up to `capacity` bytes from the handle, read straight into the array: a definition runs to
    /// megabytes, and going through `Data` would copy each one once more.
    private static func read(_ handle: FileHandle, upTo capacity: Int) throws -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < capacity {
                let result = Foundation.read(handle.fileDescriptor, buffer.baseAddress! + count, capacity - count)
                if result > 0 {
                    count += result
                } else if result == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        if failure != 0 {
            throw NSError(domain: NSPOSIXErrorDomain, code: Int(failure))
        }
        return bytes
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let message = strerror(Int32(underlying.code)) {
            return String(cString: message).lowercased()
        }
        if nsError.domain == NSPOSIXErrorDomain, let message = strerror(Int32(nsError.code)) {
            return String(cString: message).lowercased()
        }
        return nsError.localizedDescription
    }
}

/// A file that could not be read, as the diagnostic to report.
public struct InputError: Error, Sendable {
    public var diagnostic: Diagnostic

    public init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }
}
