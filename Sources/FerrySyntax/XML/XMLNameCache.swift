/// Turns libxml2's interned name strings into ``XMLName``s without building a `String` per event.
///
/// libxml2 interns every element and attribute name, prefix and namespace URI in the parser
/// context's dictionary, so within one parse equal strings have equal pointers. A small cache
/// keyed by those pointers hands out the same `String` storage again; a BPMN model uses a few
/// dozen distinct names, so nearly every lookup hits. Only dictionary strings may be passed in: a
/// pointer into memory libxml2 frees and reuses could alias another string.
///
/// The cache is two-way set-associative: with a few dozen names, two of them landing in the same
/// place is likely (where depends on where libxml2's allocator put the strings), and two names
/// used by turns, such as an element and one of its attributes, would otherwise evict each other
/// at every tag.
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
    /// For each slot, whether an element of that name is reported (always, without
    /// `reportedNamespaces`).
    private var reporting = [XMLElementReporting](repeating: .reported, count: slotCount)
    private var stringKeys = [UInt](repeating: 0, count: slotCount)
    private var stringValues = [String](repeating: "", count: slotCount)
    /// How many names this cache has made: the next name's ``XMLName/parseIndex``.
    private var namesCreated = 0
    /// The namespaces whose elements the reader reports; `nil` for all.
    private let reportedNamespaces: Set<String>?
    /// Local names, by namespace, of elements that are never reported, nor anything inside them.
    private let ignoredElements: [String: Set<String>]

    init(reportedNamespaces: Set<String>? = nil, ignoredElements: [String: Set<String>] = [:]) {
        self.reportedNamespaces = reportedNamespaces
        self.ignoredElements = ignoredElements
    }

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

    /// The name made of three dictionary strings, the byte length of its qualified form, and
    /// whether it is in a namespace whose elements are reported.
    @inline(__always)
    mutating func nameAndReporting(
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        namespace: UnsafePointer<UInt8>?
    ) -> (name: XMLName, qualifiedLength: Int, reporting: XMLElementReporting) {
        let slot = slot(localName: localName, prefix: prefix, namespace: namespace)
        return (nameValues[slot], qualifiedLengths[slot], reporting[slot])
    }

    /// Whether an element with the name made of three dictionary strings is reported, and the
    /// byte length of its qualified form; the name itself is not handed out, which spares a
    /// retain and a release for an element that is not reported.
    @inline(__always)
    mutating func reporting(
        localName: UnsafePointer<UInt8>?,
        prefix: UnsafePointer<UInt8>?,
        namespace: UnsafePointer<UInt8>?
    ) -> (reporting: XMLElementReporting, qualifiedLength: Int) {
        let slot = slot(localName: localName, prefix: prefix, namespace: namespace)
        return (reporting[slot], qualifiedLengths[slot])
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
        let first = 2 * Int(truncatingIfNeeded: hash >> (UInt.bitWidth - Self.slotBits + 1))
        if nameKeys[first] == key { return first }
        if nameKeys[first + 1] == key { return first + 1 }
        // A new name takes the set's first slot; the one there moves to the second, so that of
        // two names used by turns neither evicts the other.
        moveName(from: first, to: first + 1)
        insertName(key: key, slot: first, localName: localName, prefix: prefix, namespace: namespace)
        return first
    }

    private mutating func moveName(from source: Int, to destination: Int) {
        nameKeys[destination] = nameKeys[source]
        nameValues[destination] = nameValues[source]
        qualifiedLengths[destination] = qualifiedLengths[source]
        chunkGenerations[destination] = chunkGenerations[source]
        chunkIndices[destination] = chunkIndices[source]
        reporting[destination] = reporting[source]
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
            prefix: prefix.map { string($0) },
            parseIndex: namesCreated
        )
        namesCreated += 1
        nameKeys[slot] = key
        nameValues[slot] = name
        qualifiedLengths[slot] = name.localName.utf8.count + (name.prefix.map { $0.utf8.count + 1 } ?? 0)
        if let reportedNamespaces {
            if let namespace = name.namespace, ignoredElements[namespace]?.contains(name.localName) == true {
                reporting[slot] = .ignored
            } else {
                reporting[slot] = name.namespace.map(reportedNamespaces.contains) ?? false ? .reported : .outside
            }
        }
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

/// What the reader does with an element of a given name when only some are reported (see
/// ``XMLReader/read(_:includingText:elementsIn:ignoring:_:)``).
enum XMLElementReporting: UInt8 {
    /// In a reported namespace: reported wherever it stands, and so are its direct children.
    case reported
    /// In another namespace: reported only as the direct child of a reported element.
    case outside
    /// Never reported, nor is anything inside it.
    case ignored
}
