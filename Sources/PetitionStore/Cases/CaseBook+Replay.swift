import Dispatch
import PetitionCore

/// Replaying a whole log as it is first read: each batch folded on both cores
/// (docs/decisions/0009-replay-speed.md).
extension CaseBook {
    /// The fold of a whole log as it is first read, batch by batch, on both cores:
    /// cases are independent, so each core folds the events of its own half of the
    /// cases, in log order. The same result as `fold` (CaseBookTests compares them).
    /// Only while no index is kept yet; after that, and for small batches, `fold`.
    func foldAll(_ events: [CaseEvent]) throws(StoreError) {
        guard events.count >= 10_000, index == nil, search == nil, deadlineIndex == nil else { return try fold(events) }
        // In order: each case's place (first registered first) and the numbers used.
        // Cases already known are looked up on both cores (the table is only read);
        // then, in order, each new case is placed (first registered, first placed).
        var owner = Self.positions(of: events, in: position)
        events.withUnsafeBufferPointer { all in
            for k in all.indices where owner[k] < 0 { owner[k] = place(all[k].caseNumber, state: Self.unplaced) }
        }
        var failures = [StoreError?](repeating: nil, count: 2)
        let places = owner
        nonisolated(unsafe) let book = self  // only `history(of:)`, which reads the log
        states.withUnsafeMutableBufferPointer { cases in
            nonisolated(unsafe) let base = cases.baseAddress
            failures.withUnsafeMutableBufferPointer { errors in
                nonisolated(unsafe) let failed = errors.baseAddress
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    guard let base else { return }
                    events.withUnsafeBufferPointer { all in
                        // This core's events grouped by case, each case's in log order (the
                        // key is case place, then event index): a case's fields stay in the
                        // cache while its events in this batch are folded one after another.
                        var mine: [UInt64] = []
                        mine.reserveCapacity(all.count / 2 + 1)
                        for k in all.indices where places[k] & 1 == half { mine.append(UInt64(places[k]) << 32 | UInt64(k)) }
                        mine.sort()
                        // Each event is read where it lies, not copied.
                        for key in mine {
                            let k = Int(truncatingIfNeeded: key & 0xFFFF_FFFF)
                            let state = base.advanced(by: places[k])
                            // A case placed by this batch starts here, on the core that folds it.
                            if state.pointee.number != all[k].caseNumber { state.pointee = CaseState(number: all[k].caseNumber) }
                            if case .voided = all[k].body {
                                // Voiding replays the case: its full events, read back from the log.
                                do throws(StoreError) { state.pointee.events = try book.history(of: state.pointee) } catch {
                                    failed?.advanced(by: half).pointee = error
                                    return
                                }
                            }
                            Workflow.apply(all[k], to: &state.pointee, keepingHistory: false)
                        }
                    }
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        placementCache = nil
    }

    /// Where each event's case is in `known`, or -1 for a case not there, looked up on
    /// both cores. A function of its own, so that its copy of the table is gone before
    /// the caller adds to the table (and never copies it).
    private static func positions(of events: [CaseEvent], in known: CasePositions) -> [Int] {
        var found = [Int](repeating: -1, count: events.count)
        found.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let base = out.baseAddress
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                events.withUnsafeBufferPointer { all in
                    for k in (all.count * half / 2)..<(all.count * (half + 1) / 2) {
                        if let at = known[all[k].caseNumber] { base?[k] = at }
                    }
                }
            }
        }
        return found
    }

    /// What the first fold places for a new case until the core that folds the case
    /// makes its own (so the sequential placing allocates nothing per case). Were a
    /// case ever to carry this very number, the shared box is copied on its first change.
    private static let unplaced = CaseState(number: CaseNumber(organ: "", year: 0, sequence: 0))
}
