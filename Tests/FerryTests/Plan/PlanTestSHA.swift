import FerryKit

/// SHA-256 for end-to-end tests that compare fingerprints.
enum FerryKitSHA {
    static func hex(_ bytes: [UInt8]) -> String { SHA256.hex(of: bytes) }
}
