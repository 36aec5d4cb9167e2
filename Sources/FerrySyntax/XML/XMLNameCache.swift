/// Turns libxml2's interned name strings into ``XMLName``s without building a `String` per event.
///
/// libxml2 interns every element and attribute name, prefix and namespace URI in the parser
/// context's dictionary, so within one parse equal strings have equal pointers. A small
/// direct-mapped cache keyed by those pointers hands out the same `String` storage again; a BPMN
/// model uses a few dozen distinct names, so nearly every lookup hits. Only dictionary strings may
/// be passed in: a pointer into memory libxml2 frees and reuses could alias another string.
struct XMLNameCache {
    private struct Key: Equatable {
        var localName: UInt
        var prefix: UInt
        var namespace: UInt
    }

    private static let slotBits = 9
    private static let slotCount = 1 << slotBits
    private var nameKeys = [Key](repeating: Key(localName: 0, prefix: 0, namespace: 0), count: slotCount)
    private var nameValues = [XMLName](repeating: XMLName(namespace: nil, localName: ""), count: slotCount)
    /// For each slot, the length in bytes of the qualified name (`prefix:local`).
    private var qualifiedLengths = [Int](repeating: 0, count: slotCount)
    /// For each slot, the chunk whose name table holds the slot's name, and where.
    private var chunkGenerations = [Int](repeating: -1, count: slotCount)
    private var chunkIndices = [Int32](repeating: 0, count: slotCount)
    private var stringKeys = [UInt](repeating: 0, count: slotCount)
    private var stringValues = [String](repeating: "", count: slotCount)

    /// The index in `chunk`'s name table of the name made of three dictionary strings (adding the
    /// name to the table the first time the chunk sees it), and the qualified name's length.
    @inline(__always)
    mutating func nameIndex(
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        namespace: UnsafePointer<UInt8>?,
        in chunk: XMLAttributeChunk
    ) -> (index: Int32, qualifiedLength: Int) {
        let slot = self.slot(localName: localName, prefix: prefix, namespace: namespace)
        if chunkGenerations[slot] != chunk.generation {
            chunkIndices[slot] = chunk.addName(nameValues[slot])
            chunkGenerations[slot] = chunk.generation
        }
        return (chunkIndices[slot], qualifiedLengths[slot])
    }

    /// The name made of three dictionary strings (`prefix` and `namespace` may be null).
    @inline(__always)
    mutating func name(
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        namespace: UnsafePointer<UInt8>?
    ) -> XMLName {
        nameValues[slot(localName: localName, prefix: prefix, namespace: namespace)]
    }

    /// The name and the byte length of its qualified form, as written in tags.
    @inline(__always)
    mutating func nameAndLength(
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        namespace: UnsafePointer<UInt8>?
    ) -> (name: XMLName, qualifiedLength: Int) {
        let slot = slot(localName: localName, prefix: prefix, namespace: namespace)
        return (nameValues[slot], qualifiedLengths[slot])
    }

    /// The slot that holds the name, filled if it held another.
    @inline(__always)
    private mutating func slot(
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        namespace: UnsafePointer<UInt8>?
    ) -> Int {
        let key = Key(
            localName: UInt(bitPattern: localName),
            prefix: UInt(bitPattern: prefix),
            namespace: UInt(bitPattern: namespace)
        )
        let hash = (key.localName &+ key.prefix &* 3 &+ key.namespace &* 5) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: hash >> (UInt.bitWidth - Self.slotBits))
        if nameKeys[slot] != key {
            insertName(key: key, slot: slot, localName: localName, prefix: prefix, namespace: namespace)
        }
        return slot
    }

    private mutating func insertName(
        key: Key,
        slot: Int,
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        namespace: UnsafePointer<UInt8>?
    ) {
        let name = XMLName(
            namespace: namespace.map { string($0) },
            localName: localName.map { string($0) } ?? "",
            prefix: prefix.map { string($0) }
        )
        nameKeys[slot] = key
        nameValues[slot] = name
        qualifiedLengths[slot] = name.localName.utf8.count + (name.prefix.map { $0.utf8.count + 1 } ?? 0)
        chunkGenerations[slot] = -1
    }

    /// The `String` of one NUL-terminated dictionary string.
    mutating func string(_ pointer: UnsafePointer<UInt8>) -> String {
        let key = UInt(bitPattern: pointer)
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (UInt.bitWidth - Self.slotBits))
        if stringKeys[slot] == key {
            return stringValues[slot]
        }
        let string = String(cString: pointer)
        stringKeys[slot] = key
        stringValues[slot] = string
        return string
    }
}
