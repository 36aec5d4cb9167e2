import FerryDiagnostics
import Foundation

/// Makes the plans of a composition on a thread of its own and hands them over one at a time, in
/// order, holding a few at most: the writer of a plan document takes each plan as soon as it is
/// made, and the composition never runs more than a few plans ahead of the writer.
final class PlanHandoff: @unchecked Sendable {
    private let plans: BoundedQueue<SourcePlan>
    /// What the composition found, written by the composing thread before it finishes.
    private var diagnostics: [Diagnostic] = []
    /// Until the composing thread takes it: the thread must be its only owner, so that each
    /// source's relation is let go as soon as its plan is made.
    private var composition: PlanComposition?

    /// `capacity`: how many plans may wait; by default enough to ride out the writer falling
    /// behind for a moment (a plan of 1,000 wait states is about 100 KB).
    init(_ composition: consuming PlanComposition, capacity: Int = 16) {
        self.composition = consume composition
        plans = BoundedQueue(capacity: capacity)
        let thread = Thread { [self] in
            // Nothing else touches `composition` once the thread has started.
            guard var composition = self.composition.take() else { preconditionFailure("a composition is composed once") }
            while let plan = composition.next() {
                guard plans.push(plan) else { break }
            }
            diagnostics = composition.diagnostics
            plans.finishProducing()
        }
        // Validating a plan runs the engine's rules, as deep as checking a hop.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next plan, waiting for it to be made; `nil` after the last.
    func take() -> SourcePlan? {
        plans.pop()
    }

    /// Stops taking: waits until the composing thread has stopped, and returns what the
    /// composition found (all of it when every plan was taken).
    func cancel() -> [Diagnostic] {
        plans.stopConsuming()
        plans.waitUntilProducingFinished()
        return diagnostics
    }
}
