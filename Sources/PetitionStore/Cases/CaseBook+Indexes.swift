import Dispatch
import PetitionCore

/// The case book's indexes: by identity (built on first use, then kept up to date),
/// by phase and organ (on demand), and by next deadline (once a day, then merged).
extension CaseBook {
    /// The cases of a person, by identity number.
    package func cases(idNumber: String) -> [CaseState] {
        lookup(identityIndex().byIdentity["id:" + InputText.number(idNumber)])
    }

    /// The cases of a person, by name and phone.
    package func cases(name: String, phone: String) -> [CaseState] {
        lookup(identityIndex().byIdentity["np:\(InputText.normalise(name))/\(InputText.phone(phone))"])
    }

    /// Every case of anyone in a petition (the petitioner or a representative), by
    /// identity number or by name and phone, as registration's earlier-case check needs it.
    /// A value over the cases as they are now, so that `decide` can call it.
    package func earlierCases() -> @Sendable (Petition) -> [CaseState] {
        let index = identityIndex(), states = self.states
        return { petition in
            var positions: Set<Int> = []
            for key in CaseIndex.identities(petition) { positions.formUnion(index.byIdentity[key] ?? []) }
            return positions.sorted().map { states[$0] }
        }
    }

    func identityIndex() -> CaseIndex {
        if let index { return index }
        var built = CaseIndex()
        for (i, state) in states.enumerated() { built.update(i, from: [], to: CaseIndex.identities(state.petition)) }
        index = built
        return built
    }

    /// The search index of every case: on first use, the snapshot's (read in place and
    /// shared, decision 0027) brought up to date with the cases changed since, or else
    /// built (decision 0020); then kept up to date by `fold` case by case.
    package func searchIndex() -> SearchIndex {
        if let search { return search }
        if let file = snapshotFile {
            snapshotFile = nil
            if var mapped = file.searchIndex(checked: true), mapped.count == file.caseCount, mapped.count <= states.count {
                // The cases changed since, and those new since (whatever event placed them).
                for i in searchPending.union(file.caseCount..<states.count).sorted() { mapped.update(i, states[i]) }
                searchPending = []
                search = mapped
                return mapped
            }
            searchPending = []
        }
        // On both cores, each building the tables of half the cases, then joined.
        let built = SearchIndex(states, runs: states.count < 20_000 ? 1 : 2) { runs, body in
            DispatchQueue.concurrentPerform(iterations: runs, execute: body)
        }
        search = built
        return built
    }

    /// The cases in a phase. Phase and organ change with most events, so they are
    /// indexed on demand: one pass builds both, and it is redone only after changes.
    package func cases(in phase: Phase) -> [CaseState] { lookup(placement().byPhase[phase]) }

    package func cases(heldBy organ: OrganCode) -> [CaseState] { lookup(placement().byOrgan[organ]) }


    func placement() -> (byPhase: [Phase: Set<Int>], byOrgan: [OrganCode: Set<Int>]) {
        if let cached = placementCache { return cached }
        var byPhase: [Phase: Set<Int>] = [:]
        var byOrgan: [OrganCode: Set<Int>] = [:]
        for (i, state) in states.enumerated() {
            byPhase[state.phase, default: []].insert(i)
            if let organ = state.holder { byOrgan[organ, default: []].insert(i) }
        }
        placementCache = (byPhase, byOrgan)
        return (byPhase, byOrgan)
    }


    /// Every case's queue row for a day, soonest deadline first (the next-deadline index:
    /// built once per day, then only the cases events touched are recomputed and merged
    /// back in, so a change from another console costs the changed cases, not the whole log).
    package func nextDeadlines(asOf day: Day, calendar: HolidayCalendar, directory: Directory) -> [QueueRow] {
        if let index = deadlineIndex, index.day == day {
            guard !changedSinceIndex.isEmpty else { return index.rows }
            let changed = changedSinceIndex
            let fresh = changed.compactMap { self[$0] }
                .compactMap { QueueRow($0, asOf: day, calendar: calendar, directory: directory) }
                .sorted(by: QueueRow.sooner)
            // Merge two sorted lists: the untouched rows, and the changed cases' new rows.
            var merged: [QueueRow] = []
            merged.reserveCapacity(index.rows.count + fresh.count)
            var j = 0
            for row in index.rows where !changed.contains(row.number) {
                while j < fresh.count, QueueRow.sooner(fresh[j], row) { merged.append(fresh[j]); j += 1 }
                merged.append(row)
            }
            merged += fresh[j...]
            deadlineIndex = (day, merged)
            changedSinceIndex = []
            return merged
        }
        // Every case's clocks, on both cores: each half computed and sorted apart, then merged.
        let all = states
        let halves = [0..<all.count / 2, all.count / 2..<all.count]
        var parts: [[QueueRow]] = [[], []]
        parts.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let results = out.baseAddress
            DispatchQueue.concurrentPerform(iterations: all.count < 2_000 ? 1 : 2) { h in
                let range = all.count < 2_000 ? 0..<all.count : halves[h]
                results?.advanced(by: h).pointee = all[range].queue(QueueFilter(), asOf: day, calendar: calendar,
                                                                   directory: directory)
            }
        }
        var rows: [QueueRow] = []
        rows.reserveCapacity(parts[0].count + parts[1].count)
        var i = 0, j = 0
        while i < parts[0].count || j < parts[1].count {
            if j == parts[1].count || (i < parts[0].count && QueueRow.sooner(parts[0][i], parts[1][j])) {
                rows.append(parts[0][i]); i += 1
            } else {
                rows.append(parts[1][j]); j += 1
            }
        }
        deadlineIndex = (day, rows)
        changedSinceIndex = []
        return rows
    }

    func lookup(_ positions: Set<Int>?) -> [CaseState] { (positions ?? []).sorted().map { states[$0] } }
}
