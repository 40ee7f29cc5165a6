import CChecksum
import Dispatch
import PetitionCore

/// Replaying a whole log as it is first read: each batch folded on both cores
/// (docs/decisions/0009-replay-speed.md).
extension CaseBook {
    /// The fold of a whole log as it is first read, batch by batch, on both cores:
    /// cases are independent, so each core folds the events of its own half of the
    /// cases, in log order. The same result as `fold` (CaseBookTests compares them).
    /// Only while no index is kept yet; after that, and for small batches, `fold`.
    func foldAll(_ events: consuming [CaseEvent]) throws(StoreError) {
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
        let spent = Self.spent
        // The batch is this fold's alone (`EventBatch`): each event is moved out of it and
        // folded, not copied, and its slot given an event that holds nothing to release.
        var events = events
        events.withUnsafeMutableBufferPointer { all in
            nonisolated(unsafe) let batch = all.baseAddress
            states.withUnsafeMutableBufferPointer { cases in
                nonisolated(unsafe) let base = cases.baseAddress
                failures.withUnsafeMutableBufferPointer { errors in
                    nonisolated(unsafe) let failed = errors.baseAddress
                    DispatchQueue.concurrentPerform(iterations: 2) { half in
                        guard let base, let batch else { return }
                        // This core's events grouped by case, each case's in log order (the
                        // key is case place, then event index): a case's fields stay in the
                        // cache while its events in this batch are folded one after another.
                        var mine: [UInt64] = []
                        mine.reserveCapacity(places.count / 2 + 1)
                        for k in places.indices where places[k] & 1 == half { mine.append(UInt64(places[k]) << 32 | UInt64(k)) }
                        mine.sort()
                        var i = 0
                        while i < mine.count {
                            // One case's run of events in this batch.
                            let place = Int(truncatingIfNeeded: mine[i] >> 32)
                            var end = i + 1
                            while end < mine.count, mine[end] >> 32 == mine[i] >> 32 { end += 1 }
                            let state = base.advanced(by: place)
                            let first = batch.advanced(by: Int(truncatingIfNeeded: mine[i] & 0xFFFF_FFFF))
                            // A case placed by this batch starts here, on the core that folds it.
                            if state.pointee.number != first.pointee.caseNumber {
                                state.pointee = CaseState(number: first.pointee.caseNumber)
                            }
                            // Its steps grow once for the run, not by doubling as they are added.
                            if end - i > 1 { state.pointee.steps.reserveCapacity(state.pointee.steps.count + end - i) }
                            for j in i..<end {
                                // The events are read in case order, scattered over the batch:
                                // the one a few ahead is asked for while this one is folded.
                                if j + Self.lookahead < mine.count {
                                    let ahead = batch.advanced(by: Int(truncatingIfNeeded: mine[j + Self.lookahead] & 0xFFFF_FFFF))
                                    xf_prefetch(ahead)
                                    xf_prefetch(UnsafeRawPointer(ahead) + 64)
                                    xf_prefetch(UnsafeRawPointer(ahead) + 128)
                                }
                                let slot = batch.advanced(by: Int(truncatingIfNeeded: mine[j] & 0xFFFF_FFFF))
                                let event = slot.move()
                                slot.initialize(to: spent)
                                if case .voided = event.body {
                                    // Voiding replays the case: its full events, read back from the log.
                                    do throws(StoreError) { state.pointee.events = try book.history(of: state.pointee) } catch {
                                        failed?.advanced(by: half).pointee = error
                                        return
                                    }
                                }
                                Workflow.apply(event, to: &state.pointee, keepingHistory: false)
                            }
                            i = end
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
                var lookup = CasePositions.Lookup(known)
                events.withUnsafeBufferPointer { all in
                    for k in (all.count * half / 2)..<(all.count * (half + 1) / 2) {
                        if let at = lookup(all[k].caseNumber) { base?[k] = at }
                    }
                }
            }
        }
        return found
    }

    /// What the first fold places for a new case until the core that folds the case
    /// makes its own (so the sequential placing allocates nothing per case). Were a
    /// case ever to carry this very number, the shared box is copied on its first change.
    /// How many events ahead the fold asks for the next event's memory.
    private static let lookahead = 4

    private static let unplaced = CaseState(number: CaseNumber(organ: "", year: 0, sequence: 0))

    /// What is left in a batch's slot once its event has been moved out and folded: an
    /// event with nothing to release, so the batch is freed as any other array.
    private static let spent = CaseEvent(caseNumber: CaseNumber(organ: "", year: 0, sequence: 0),
                                         at: Instant(millisecondsSince1970: 0), actor: Actor(user: "", role: .clerk, organ: ""),
                                         rule: RuleID.allCases[0], body: .mediationStarted)
}
