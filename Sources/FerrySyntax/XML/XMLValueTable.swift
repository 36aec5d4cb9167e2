/// Numbers distinct attribute values by their bytes: 0, 1, 2, … in the order they first come by.
///
/// A front end that checks and connects ids and references (a large BPMN model has tens of
/// thousands) compares numbers instead of strings. Looking a value up here reads its bytes where
/// the parse left them and hashes them with a few multiplications; a `String` is made only for a
/// value not seen before. (Hashing a `String` for a `Dictionary` costs a SipHash round per eight
/// bytes and a check that the string is normalised, and reading an attribute's value as a
/// `String` allocates one when it is longer than fifteen bytes.)
///
/// Values are the same when they are equal as Swift strings, that is canonically equivalent:
/// `"K"` and `"\u{212A}"` (the Kelvin sign) get one number. For ASCII, equal strings are equal
/// bytes, so the table compares bytes while every value it has numbered is ASCII; from the first
/// value that is not (rare in ids), it numbers through a `Dictionary` of strings.
///
/// The hash is seeded per process from the standard library's random hashing seed, so that
/// values crafted to collide in one run do not collide in another.
public struct XMLValueTable: Sendable {
    /// Open addressing with linear probing: each slot holds a value's number plus one, or 0.
    private var slots: [Int32]
    private var mask: Int
    /// By number: the value's hash, where its bytes are in `arena`, and the value.
    private var hashes: [UInt64] = []
    private var spans: [(start: Int32, count: Int32)] = []
    private var values: [String] = []
    private var arena: [UInt8] = []
    private let seed: UInt64
    /// The numbers by string, once a value that is not ASCII has come by; `nil` before.
    private var byString: [String: Int]?

    /// A table with room for about `expectedCount` values before it grows.
    public init(expectedCount: Int = 64) {
        var capacity = 16
        while capacity < 2 * expectedCount { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        hashes.reserveCapacity(expectedCount)
        spans.reserveCapacity(expectedCount)
        values.reserveCapacity(expectedCount)
        arena.reserveCapacity(expectedCount * 16)
        var hasher = Hasher()
        hasher.combine(0x5EED as UInt64)
        seed = UInt64(truncatingIfNeeded: hasher.finalize())
    }

    /// How many distinct values have numbers.
    public var count: Int { values.count }

    /// The value numbered `number`.
    public func value(of number: Int) -> String {
        values[number]
    }

    /// The number of `value`, numbering it if it is new.
    public mutating func number(of value: String) -> Int {
        var contiguous = value
        return contiguous.withUTF8 { bytes in number(of: bytes) { value } }
    }

    /// The number of the value of the attribute at `position` in `attributes`, numbering the
    /// value if it is new: the same number ``number(of:)`` gives the attribute's ``XMLAttributeList/value(at:)``.
    public mutating func number(ofValueAt position: Int, in attributes: XMLAttributeList) -> Int {
        attributes.withValueBytes(at: position) { bytes in
            number(of: bytes) { attributes.value(at: position) }
        }
    }

    /// The number of `value` if it has one.
    public func existingNumber(of value: String) -> Int? {
        if let byString { return byString[value] }
        var contiguous = value
        return contiguous.withUTF8 { bytes in
            // Every value numbered is ASCII; one that is not may still be canonically equal to
            // one of them (the Kelvin sign to `K`). Rare: compare as strings.
            guard Self.isASCII(bytes) else { return values.firstIndex(of: value) }
            let slot = find(bytes, hash: hash(bytes))
            return slots[slot] == 0 ? nil : Int(slots[slot]) - 1
        }
    }

    private mutating func number(of bytes: UnsafeBufferPointer<UInt8>, making value: () -> String) -> Int {
        if byString == nil, !Self.isASCII(bytes) {
            byString = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        }
        if byString != nil {
            let string = value()
            if let number = byString?[string] { return number }
            byString?[string] = values.count
            values.append(string)
            return values.count - 1
        }
        let hash = self.hash(bytes)
        let slot = find(bytes, hash: hash)
        if slots[slot] != 0 {
            return Int(slots[slot]) - 1
        }
        let number = values.count
        slots[slot] = Int32(truncatingIfNeeded: number + 1)
        hashes.append(hash)
        spans.append((Int32(truncatingIfNeeded: arena.count), Int32(truncatingIfNeeded: bytes.count)))
        arena.append(contentsOf: bytes)
        values.append(value())
        if 2 * values.count > slots.count {
            grow()
        }
        return number
    }

    /// The slot that holds `bytes`, or the empty slot where they would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if hashes[number] == hash, equals(number, bytes) {
                return slot
            }
            slot = (slot + 1) & mask
        }
        return slot
    }

    private func equals(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[number]
        guard Int(span.count) == bytes.count else { return false }
        guard !bytes.isEmpty else { return true }
        return arena.withUnsafeBufferPointer { stored in
            let a = UnsafeRawPointer(stored.baseAddress.unsafelyUnwrapped + Int(span.start))
            let b = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
            var offset = 0
            while offset + 8 <= bytes.count {
                if Self.load(a, offset) != Self.load(b, offset) { return false }
                offset += 8
            }
            while offset < bytes.count {
                if a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) { return false }
                offset += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var grown = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(truncatingIfNeeded: number + 1)
        }
        slots = grown
        self.mask = mask
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            if load(raw, offset) & 0x8080_8080_8080_8080 != 0 { return false }
            offset += 8
        }
        while offset < bytes.count {
            if base[offset] >= 0x80 { return false }
            offset += 1
        }
        return true
    }

    // MARK: Hashing

    /// A multiply-and-fold hash in the manner of wyhash: two 64-bit words (overlapping for short
    /// values) per round.
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* Self.prime0)
        guard let base = bytes.baseAddress, count > 0 else { return Self.fold(state, Self.prime1) }
        let raw = UnsafeRawPointer(base)
        let first: UInt64
        let last: UInt64
        if count >= 8 {
            var offset = 0
            while count - offset > 16 {
                state = Self.fold(Self.load(raw, offset) ^ Self.prime1, Self.load(raw, offset + 8) ^ state)
                offset += 16
            }
            first = Self.load(raw, count >= 16 ? count - 16 : 0)
            last = Self.load(raw, count - 8)
        } else if count >= 4 {
            first = UInt64(raw.loadUnaligned(as: UInt32.self))
            last = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else {
            first = UInt64(base[0]) << 16 | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1])
            last = 0
        }
        state = Self.fold(first ^ Self.prime1, last ^ state)
        return Self.fold(state ^ Self.prime2, Self.prime3 ^ UInt64(truncatingIfNeeded: count))
    }

    private static let prime0: UInt64 = 0xA076_1D64_78BD_642F
    private static let prime1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let prime2: UInt64 = 0x8EBC_6AF0_9C88_C6E3
    private static let prime3: UInt64 = 0x5899_65CC_7537_4CC3

    @inline(__always)
    private static func load(_ raw: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    }

    /// The two halves of the 128-bit product, combined.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
