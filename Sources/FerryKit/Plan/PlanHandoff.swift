import FerryDiagnostics
import Foundation

/// Makes the plans of a composition on a thread of its own and hands them over one at a time, in
/// order, holding a few at most: the writer of a plan document takes each plan as soon as it is
/// made, and the composition never runs more than a few plans ahead of the writer.
final class PlanHandoff: @unchecked Sendable {
    private let condition = NSCondition()
    /// Made and not taken yet, oldest first from `head`.
    private var plans: [SourcePlan] = []
    private var head = 0
    /// The composition made its last plan; its findings are `diagnostics`.
    private var finished = false
    private var diagnostics: [Diagnostic] = []
    /// The taker stopped taking: the composing thread stops at its next plan.
    private var cancelled = false
    /// Until the composing thread takes it: the thread must be its only owner, so that each
    /// source's relation is let go as soon as its plan is made.
    private var composition: PlanComposition?
    /// How many plans may wait: by default enough to ride out the writer falling behind for a
    /// moment (a plan of 1,000 wait states is about 100 KB).
    private let capacity: Int

    init(_ composition: consuming PlanComposition, capacity: Int = 16) {
        self.composition = consume composition
        self.capacity = max(capacity, 1)
        let thread = Thread { [self] in
            condition.lock()
            guard var composition = self.composition.take() else { preconditionFailure("a composition is composed once") }
            condition.unlock()
            while let plan = composition.next() {
                guard put(plan) else { break }
            }
            condition.lock()
            diagnostics = composition.diagnostics
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        // Validating a plan runs the engine's rules, as deep as checking a hop.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues a plan, waiting while the queue is full; `false` once the taker has stopped.
    private func put(_ plan: SourcePlan) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while plans.count - head >= capacity && !cancelled {
            condition.wait()
        }
        guard !cancelled else { return false }
        plans.append(plan)
        condition.broadcast()
        return true
    }

    /// The next plan, waiting for it to be made; `nil` after the last.
    func take() -> SourcePlan? {
        condition.lock()
        defer { condition.unlock() }
        while head == plans.count && !finished {
            condition.wait()
        }
        guard head < plans.count else { return nil }
        // Moved out, so that the plan is let go once written, not when the queue next empties.
        let plan = plans[head]
        plans[head] = SourcePlan(source: plan.source, target: plan.target, instructions: [], skipped: [], variables: [])
        head += 1
        if head == plans.count {
            plans.removeAll(keepingCapacity: true)
            head = 0
        }
        condition.broadcast()
        return plan
    }

    /// Stops taking: waits until the composing thread has stopped, and returns what the
    /// composition found (all of it when every plan was taken).
    func cancel() -> [Diagnostic] {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        return diagnostics
    }
}
