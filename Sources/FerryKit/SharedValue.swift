/// A value kept in one immutable object shared by every copy: copying it is one reference count,
/// however many references the value holds. Setting a part makes a new object, so a copy never
/// sees another's change. For values that are made whole and then copied far more often than
/// changed (mapping entries, migration instructions). `FlowElement` keeps a box of its own that
/// changes its fields in place, since a front end fills them one at a time after making it.
struct SharedValue<Value: Sendable>: Sendable {
    private final class Box: Sendable {
        let value: Value

        init(_ value: Value) {
            self.value = value
        }
    }

    private var box: Box

    init(_ value: Value) {
        box = Box(value)
    }

    var value: Value { box.value }

    mutating func set<Part>(_ part: WritableKeyPath<Value, Part>, _ newValue: Part) {
        var value = box.value
        value[keyPath: part] = newValue
        box = Box(value)
    }
}
