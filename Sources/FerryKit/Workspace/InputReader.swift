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
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            if data.count > maxBytes {
                return .failure(InputError(Diagnostic(
                    .fileTooLarge,
                    "file is over the \(ByteCount(maxBytes)) limit for \(kind)",
                    at: SourceLocation(wholeFile: path)
                )))
            }
            return .success([UInt8](data))
        } catch {
            return .failure(InputError(Diagnostic(.unreadableFile, "cannot read file: \(Self.reason(error))", at: SourceLocation(wholeFile: path))))
        }
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
