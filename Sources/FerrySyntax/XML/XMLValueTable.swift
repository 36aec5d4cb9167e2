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
    /// Open addressing with linear probing: each slot holds a value's number plus one in its low
    /// 32 bits (0: empty) and the high 32 bits of the value's hash in its high bits, so that a
    /// probe passes over other values without reading anything else.
    private var slots: [UInt64]
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
        slots = [UInt64](repeating: 0, count: capacity)
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
            let (hash, isASCII) = self.hash(bytes)
            guard isASCII else { return values.firstIndex(of: value) }
            let slot = find(bytes, hash: hash)
            return Self.number(in: slots[slot])
        }
    }

    private mutating func number(of bytes: UnsafeBufferPointer<UInt8>, making value: () -> String) -> Int {
        let (hash, isASCII) = self.hash(bytes)
        if byString == nil, !isASCII {
            byString = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        }
        if byString != nil {
            let string = value()
            if let number = byString?[string] { return number }
            byString?[string] = values.count
            values.append(string)
            return values.count - 1
        }
        let slot = find(bytes, hash: hash)
        if let number = Self.number(in: slots[slot]) {
            return number
        }
        let number = values.count
        slots[slot] = Self.slot(number, hash)
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
        let tag = hash & 0xFFFF_FFFF_0000_0000
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if hashes[number] == hash, equals(number, bytes) {
                    return slot
                }
            }
            slot = (slot + 1) & mask
        }
        return slot
    }

    /// What a slot holds for the value `number` with `hash`.
    @inline(__always)
    private static func slot(_ number: Int, _ hash: UInt64) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(truncatingIfNeeded: number + 1)
    }

    /// The number of the value in a slot; `nil` when it is empty.
    @inline(__always)
    private static func number(in entry: UInt64) -> Int? {
        entry == 0 ? nil : Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
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
        var grown = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Self.slot(number, hash)
        }
        slots = grown
        self.mask = mask
    }

    // MARK: Hashing

    /// A multiply-and-fold hash in the manner of wyhash: two 64-bit words (overlapping for short
    /// values) per round; and, from the same words, whether every byte is ASCII.
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, isASCII: Bool) {
        let count = bytes.count
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* Self.prime0)
        guard let base = bytes.baseAddress, count > 0 else { return (Self.fold(state, Self.prime1), true) }
        let raw = UnsafeRawPointer(base)
        let first: UInt64
        let last: UInt64
        // The bytes' high bits, or-ed together: every byte is read by one of the loads.
        var highBits: UInt64 = 0
        if count >= 8 {
            var offset = 0
            while count - offset > 16 {
                let a = Self.load(raw, offset), b = Self.load(raw, offset + 8)
                highBits |= a | b
                state = Self.fold(a ^ Self.prime1, b ^ state)
                offset += 16
            }
            first = Self.load(raw, count >= 16 ? count - 16 : 0)
            last = Self.load(raw, count - 8)
            highBits |= first | last
        } else if count >= 4 {
            first = UInt64(raw.loadUnaligned(as: UInt32.self))
            last = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            highBits = first | last
        } else {
            first = UInt64(base[0]) << 16 | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1])
            last = 0
            highBits = first
        }
        state = Self.fold(first ^ Self.prime1, last ^ state)
        let hash = Self.fold(state ^ Self.prime2, Self.prime3 ^ UInt64(truncatingIfNeeded: count))
        return (hash, highBits & 0x8080_8080_8080_8080 == 0)
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
