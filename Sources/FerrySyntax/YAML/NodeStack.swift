/// The children of every open collection, in document order, in one growable buffer.
///
/// Nodes are moved in and moved out, never copied: closing a collection moves its children into
/// the new collection's storage and just shortens the stack. Measured on the 20 MB benchmark, this
/// (rather than an `Array` with copy-and-remove) is what keeps the tree within reach of libyaml's
/// own speed.
final class NodeStack {
    private var base: UnsafeMutablePointer<YAMLNode>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ node: consuming YAMLNode) {
        if count == capacity {
            let grown = UnsafeMutablePointer<YAMLNode>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: node)
        count += 1
    }

    var last: YAMLNode? {
        count > 0 ? base[count - 1] : nil
    }

    subscript(index: Int) -> YAMLNode {
        precondition(index >= 0 && index < count)
        return base[index]
    }

    /// Moves the nodes from `first` to the top out as an array.
    func popItems(from first: Int) -> [YAMLNode] {
        let moved = count - first
        let items = [YAMLNode](unsafeUninitializedCapacity: moved) { items, initialized in
            items.baseAddress!.moveInitialize(from: base + first, count: moved)
            initialized = moved
        }
        count = first
        return items
    }

    /// Moves the nodes from `first` to the top out as mapping entries: keys (always scalars) and
    /// values alternate.
    func popEntries(from first: Int) -> [YAMLMapping.Entry] {
        let pairs = (count - first) / 2
        let entries = [YAMLMapping.Entry](unsafeUninitializedCapacity: pairs) { entries, initialized in
            for pair in 0..<pairs {
                let key = (base + first + 2 * pair).move()
                let value = (base + first + 2 * pair + 1).move()
                guard case .scalar(let scalar) = consume key else {
                    preconditionFailure("only scalar keys are pushed")
                }
                (entries.baseAddress! + pair).initialize(to: YAMLMapping.Entry(key: scalar, value: value))
            }
            initialized = pairs
        }
        // A key without a value cannot come from libyaml, but never leak one.
        if (count - first) % 2 == 1 {
            (base + count - 1).deinitialize(count: 1)
        }
        count = first
        return entries
    }
}
