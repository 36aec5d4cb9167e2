import Foundation

/// A queue between one producing and one consuming thread that holds a few elements at most: the
/// producer waits while it is full, the consumer while it is empty. Either side can end it, and
/// the other can wait for that: the producer finishes (the consumer takes what is left, then
/// `nil`), or the consumer stops (what is queued is dropped, and the producer's next `push` is
/// refused). Ferry's writers use it to run a stage beside the one feeding it.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Queued and not taken yet, oldest first from `head`; taken elements are moved out.
    private var elements: [Element?] = []
    private var head = 0
    private let capacity: Int
    private var producing = true
    private var consuming = true

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Queues an element, waiting while the queue is full; `false` once the consumer has stopped.
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while elements.count - head >= capacity && consuming {
            condition.wait()
        }
        guard consuming else { return false }
        elements.append(element)
        condition.broadcast()
        return true
    }

    /// The oldest element, waiting for one; `nil` once the producer has finished and everything
    /// is taken, or once the consumer has stopped.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == elements.count && producing && consuming {
            condition.wait()
        }
        guard consuming, head < elements.count else { return nil }
        let element = elements[head].take()
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        }
        condition.broadcast()
        return element
    }

    /// The producer has queued its last element.
    func finishProducing() {
        condition.lock()
        producing = false
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer takes no more: what is queued is let go, and every `push` is refused.
    func stopConsuming() {
        condition.lock()
        consuming = false
        elements.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the producer has finished. What it wrote before finishing is then visible.
    func waitUntilProducingFinished() {
        condition.lock()
        while producing { condition.wait() }
        condition.unlock()
    }

    /// Waits until the consumer has stopped. What it wrote before stopping is then visible.
    func waitUntilConsumingStopped() {
        condition.lock()
        while consuming { condition.wait() }
        condition.unlock()
    }
}
