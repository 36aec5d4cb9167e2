/// What the reader keeps of one attribute: where its name and value stand, and indices into its
/// chunk's tables for the name and, when the value is not written verbatim, the decoded value.
///
/// A plain value type without references, so writing one costs no reference counting.
struct XMLAttributeRecord {
    var nameOffset: Int32
    var valueStart: Int32
    var valueEnd: Int32
    /// Index into the chunk's names.
    var nameIndex: Int32
    /// Index into the chunk's decoded values; -1 when the value is exactly the bytes between the
    /// quotes (nearly always).
    var decodedIndex: Int32
}

/// The attribute records of one parse, in fixed-size chunks that never move or change once written.
///
/// A model has hundreds of thousands of attributes and a stage looks at a few of each element's,
/// so the reader stores compact records here instead of building an array and value strings per
/// element; ``XMLAttributeList`` materialises an ``XMLAttribute`` when one is asked for. Names are
/// stored once per chunk (a model has a few dozen distinct attribute names), values are read from
/// the file's bytes when asked for, and only values libxml2 had to decode are kept as strings.
///
/// `@unchecked Sendable`: only the parse that owns a chunk appends to it, always before any value
/// referring to the new entries exists; readers only read entries below the counts they were
/// handed, which never change again, and no table ever moves.
final class XMLAttributeChunk: @unchecked Sendable {
    let sourceMap: XMLSourceMap
    let capacity: Int
    /// Distinguishes this chunk from every other of the same parse, for the name cache.
    let generation: Int
    private(set) var count = 0
    private(set) var nameCount = 0
    private var decodedCount = 0
    private let records: UnsafeMutablePointer<XMLAttributeRecord>
    private let names: UnsafeMutablePointer<XMLName>
    private var decodedValues: UnsafeMutablePointer<String>?

    init(sourceMap: XMLSourceMap, capacity: Int, generation: Int) {
        self.sourceMap = sourceMap
        self.capacity = capacity
        self.generation = generation
        self.records = .allocate(capacity: capacity)
        self.names = .allocate(capacity: capacity)
    }

    deinit {
        records.deallocate()
        names.deinitialize(count: nameCount)
        names.deallocate()
        if let decodedValues {
            decodedValues.deinitialize(count: decodedCount)
            decodedValues.deallocate()
        }
    }

    /// Whether `attributeCount` more records, each with a new name or decoded value, fit.
    func hasRoom(for attributeCount: Int) -> Bool {
        capacity - max(count, nameCount, decodedCount) >= attributeCount
    }

    /// Adds a name to this chunk's table and returns its index; there is room, as a chunk never
    /// holds more names than records.
    func addName(_ name: XMLName) -> Int32 {
        (names + nameCount).initialize(to: name)
        nameCount += 1
        return Int32(truncatingIfNeeded: nameCount - 1)
    }

    /// Keeps a decoded value and returns its index.
    func addDecodedValue(_ value: String) -> Int32 {
        let table = decodedValues ?? .allocate(capacity: capacity)
        decodedValues = table
        (table + decodedCount).initialize(to: value)
        decodedCount += 1
        return Int32(truncatingIfNeeded: decodedCount - 1)
    }

    /// Appends a record; the caller has checked ``hasRoom(for:)``.
    @inline(__always)
    func append(_ record: XMLAttributeRecord) {
        (records + count).initialize(to: record)
        count += 1
    }

    /// Drops the records from `newCount` on; only for records no value refers to yet. (Their
    /// names and decoded values stay in the tables, unused.)
    func truncate(to newCount: Int) {
        count = min(count, newCount)
    }

    @inline(__always)
    func record(at index: Int) -> XMLAttributeRecord {
        records[index]
    }

    @inline(__always)
    func name(at index: Int32) -> XMLName {
        names[Int(index)]
    }

    func decodedValue(at index: Int32) -> String {
        decodedValues.unsafelyUnwrapped[Int(index)]
    }
}

/// The attributes of one start tag, in the order they were written, namespace declarations
/// excluded.
///
/// A random-access collection of ``XMLAttribute``; each element is built when it is read, so
/// look attributes up by name with ``first(_:in:)`` rather than iterating when only one is needed.
public struct XMLAttributeList: RandomAccessCollection, Sendable, Hashable {
    /// `nil` for a tag without attributes.
    private let chunk: XMLAttributeChunk?
    /// Index of the first record in `chunk`.
    private let base: Int
    public let count: Int

    init(chunk: XMLAttributeChunk?, base: Int, count: Int) {
        self.chunk = count > 0 ? chunk : nil
        self.base = base
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> XMLAttribute {
        let (chunk, record) = self.record(at: position)
        return XMLAttribute(
            name: chunk.name(at: record.nameIndex),
            value: Self.value(of: record, in: chunk),
            nameOffset: Int(record.nameOffset),
            valueByteRange: Int(record.valueStart) ..< Int(record.valueEnd),
            sourceMap: chunk.sourceMap
        )
    }

    // Parts of one attribute, for a front end that looks at every name of a tag once and reads
    // only the values it wants: an ``XMLAttribute`` holds three references, and building and
    // dropping one for each of a large model's attributes costs more than reading them.

    /// The name of the attribute at `position`.
    public func name(at position: Int) -> XMLName {
        let (chunk, record) = self.record(at: position)
        return chunk.name(at: record.nameIndex)
    }

    /// The ``XMLName/parseIndex`` of the name of the attribute at `position`, without handing
    /// the name out.
    public func nameParseIndex(at position: Int) -> Int? {
        let (chunk, record) = self.record(at: position)
        return chunk.name(at: record.nameIndex).parseIndex
    }

    /// The ``XMLAttribute/value`` of the attribute at `position`.
    public func value(at position: Int) -> String {
        let (chunk, record) = self.record(at: position)
        return Self.value(of: record, in: chunk)
    }

    /// Calls `body` with the UTF-8 bytes of ``value(at:)``, read where they are: in the file when
    /// the value is written verbatim, which is nearly always.
    func withValueBytes<Result>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let (chunk, record) = self.record(at: position)
        if record.decodedIndex >= 0 {
            var value = chunk.decodedValue(at: record.decodedIndex)
            return value.withUTF8(body)
        }
        return chunk.sourceMap.withBytes(Int(record.valueStart), Int(record.valueEnd), body)
    }

    /// The ``XMLAttribute/valueByteRange`` of the attribute at `position`.
    public func valueByteRange(at position: Int) -> Range<Int> {
        let record = self.record(at: position).record
        return Int(record.valueStart) ..< Int(record.valueEnd)
    }

    @inline(__always)
    private func record(at position: Int) -> (chunk: XMLAttributeChunk, record: XMLAttributeRecord) {
        precondition(position >= 0 && position < count, "attribute index out of range")
        let chunk = chunk.unsafelyUnwrapped
        return (chunk, chunk.record(at: base + position))
    }

    private static func value(of record: XMLAttributeRecord, in chunk: XMLAttributeChunk) -> String {
        record.decodedIndex >= 0
            ? chunk.decodedValue(at: record.decodedIndex)
            : chunk.sourceMap.text(Int(record.valueStart), Int(record.valueEnd))
    }

    /// The attribute `localName` in `namespace` (`nil`: an unprefixed attribute).
    public func first(_ localName: String, in namespace: String? = nil) -> XMLAttribute? {
        guard let chunk else { return nil }
        for index in 0..<count
        where chunk.name(at: chunk.record(at: base + index).nameIndex).matches(localName, in: namespace) {
            return self[index]
        }
        return nil
    }

    public static func == (lhs: XMLAttributeList, rhs: XMLAttributeList) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for attribute in self {
            hasher.combine(attribute)
        }
    }
}
