import Dispatch
import Foundation
import PetitionCore

/// The cases of one log, replayed, with their indexes, and the one path by which
/// commands reach the log: under its lock, catch up with other writers, decide
/// against the latest state, append, then fold.
package final class CaseBook {
    package let log: any EventLog
    /// Every case, in the order first registered; `position` finds one by number.
    package internal(set) var states: [CaseState] = []
    /// Where each case is in `states`, by number.
    package internal(set) var position = CasePositions()
    /// Built on the first lookup by identity, then kept up to date as events are folded:
    /// opening does not pay for it unless someone asks.
    var index: CaseIndex?
    /// The search index (decision 0020): built on the first search, then kept up to date
    /// as registrations, corrections and voidings are folded (nothing else changes what
    /// is searched; who may read a case is asked when a query is answered).
    var search: SearchIndex?
    /// The snapshot this book started from, while its search index has not been read
    /// (decision 0027), and the positions of the cases whose searched text changed since
    /// (or that are new): the mapped index is brought up to date with them when first used.
    /// Only a snapshot whose every section `cases()` checked is kept here.
    var snapshotFile: CaseSnapshot.File?
    var searchPending: Set<Int> = []
    /// Cases by phase and by holding organ, built on demand and dropped after changes.
    var placementCache: (byPhase: [Phase: Set<Int>], byOrgan: [OrganCode: Set<Int>])?
    /// The next-deadline index for one day (`nextDeadlines`), and the cases changed since.
    var deadlineIndex: (day: Day, rows: [QueueRow])?
    var changedSinceIndex: Set<CaseNumber> = []
    /// Numbers reserved by recovery notes before the snapshot this book started from.
    var reservedBeforeSnapshot: [CaseNumber] = []
    /// The staff as the staff records before the snapshot this book started from left it.
    var staffBeforeSnapshot = Staff()
    /// The supervision acts of organs before the snapshot this book started from.
    var organActsBeforeSnapshot: [OrganSupervisionRecord] = []
    /// The latest clock record before the snapshot this book started from (decision 0026).
    var clockBeforeSnapshot: ClockMove?
    /// The training notes before the snapshot this book started from (decision 0026).
    var notesBeforeSnapshot: [NumberedNote] = []
    /// The cases a book opened for a point query holds (`CaseBook.open(at:_:only:)`,
    /// decision 0021): only their events are folded, it writes no snapshot and registers
    /// nothing; nil for a book of every case.
    package private(set) var scope: Set<CaseNumber>?
    /// For a book opened for registration (`CaseBook.open(at:_:registering:)`): the
    /// snapshot its cases were read from. Such a book also folds every case registered
    /// after it was opened (so no number is given twice) and every case whose persons
    /// another writer changes meanwhile (read from here first), so the earlier-case check
    /// sees what a book of every case would (decision 0021, addendum).
    var registry: CaseSnapshot.File?
    /// The highest sequence the registry holds per organ and year (keyed by sequence 0), as read.
    var registryLast: [CaseNumber: Int] = [:]

    package init(log: any EventLog) throws(StoreError) {
        self.log = log
        try log.readAll(inBatches: { batch throws(StoreError) in try foldAll(batch) })
    }

    /// A case book that starts from a snapshot's cases — the log must have been opened
    /// resuming from that snapshot's head — and folds the records after it.
    /// With `only`, a book of those cases: `snapshot` holds at most those, and only their
    /// events after the snapshot are folded. `tail`: the log's events after the snapshot
    /// when already read (`readAll` hands them over once).
    package init(log: any EventLog, from snapshot: CaseSnapshot, only: Set<CaseNumber>? = nil,
                 tail: [CaseEvent]? = nil, file: CaseSnapshot.File? = nil,
                 registry: CaseSnapshot.File? = nil) throws(StoreError) {
        self.log = log
        scope = only
        self.registry = only == nil ? nil : registry
        snapshotFile = only == nil ? file : nil
        states = snapshot.states
        position = CasePositions(states)
        reservedBeforeSnapshot = snapshot.reserved
        staffBeforeSnapshot = snapshot.staff
        organActsBeforeSnapshot = snapshot.supervision
        clockBeforeSnapshot = snapshot.clock
        notesBeforeSnapshot = snapshot.notes
        if let tail { try fold(tail) } else { try fold(try log.readAll()) }
    }

    package var mode: LogMode { log.header.mode }

    package subscript(number: CaseNumber) -> CaseState? { position[number].map { states[$0] } }

    /// The case numbers in order.
    package var numbers: [CaseNumber] { position.numbers.sorted() }

    /// Folds events into the cases, keeping each case's brief steps but not its full
    /// events (they stay in the log: `history(of:)` reads them back). Voiding replays a
    /// case, so its full events are read back first.
    func fold(_ events: [CaseEvent]) throws(StoreError) {
        for event in events where try admits(event) {
            let i = place(event.caseNumber)
            // Identities change only with a registration, a correction or a voiding;
            // only then is the identity index touched.
            switch event.body {
            case .registered, .corrected, .supplementReceived:
                let before = index == nil ? [] : CaseIndex.identities(states[i].petition)
                Workflow.apply(event, to: &states[i], keepingHistory: false)
                index?.update(i, from: before, to: CaseIndex.identities(states[i].petition))
                searchChanged(i)
            case .voided:
                let before = index == nil ? [] : CaseIndex.identities(states[i].petition)
                states[i].events = try history(of: states[i])
                Workflow.apply(event, to: &states[i], keepingHistory: false)
                index?.update(i, from: before, to: CaseIndex.identities(states[i].petition))
                searchChanged(i)
            case .transferred, .assigned, .referred, .escalated, .redirected, .notAccepted, .received, .accepted,
                 .objected, .objectionDecided, .classified, .handlerAssigned, .hearingStarted, .hearingEnded,
                 .mediationStarted, .agreementRecorded, .mediationEnded, .deadlineExtended, .opinionIssued,
                 .replyDelivered, .completionReported, .reviewRequested, .reviewOpinionIssued, .rereviewRequested,
                 .rereviewHearingStarted, .rereviewHearingEnded, .rereviewOpinionIssued, .withdrawn, .incidentRecorded,
                 .followUpRecorded, .supervisionOrdered, .feedbackRecorded, .supervisionListed, .leaderAssigned, .linked,
                 .recordsLost, .recoveryReviewed, .earlierCaseFlagged, .differentMatterRecorded, .supplementRequested,
                 .rehandlingOrdered, .rated, .executionRecorded, .documentIssued:
                // Folded in place in the array's storage: no copy of the case.
                Workflow.apply(event, to: &states[i], keepingHistory: false)
                // A case first placed by such an event is still found by its number.
                if i >= search?.count ?? .max { searchChanged(i) }
            }
        }
        if !events.isEmpty {
            placementCache = nil
            if deadlineIndex != nil { for e in events { changedSinceIndex.insert(e.caseNumber) } }
        }
    }

    /// Whether this book folds the event: always, for a book of every case; for a book of
    /// some cases, an event of one of them — and, for one opened for registration, of a
    /// case registered meanwhile or whose persons change (read from the snapshot first).
    private func admits(_ event: CaseEvent) throws(StoreError) -> Bool {
        guard let scope, !scope.contains(event.caseNumber) else { return true }
        guard let registry else { return false }
        let number = event.caseNumber
        do {
            switch event.body {
            case .registered:
                // A new number — or one the snapshot holds (a lost case registered again,
                // `--into`), read from it first.
                let slot = CaseNumber(organ: number.organ, year: number.year, sequence: 0)
                if registryLast[slot] == nil {
                    registryLast[slot] = try registry.lastCase(of: number.organ, year: number.year)?.state.number.sequence ?? 0
                }
                if number.sequence <= registryLast[slot] ?? 0, let found = try registry.locate(number) {
                    position[number] = states.count
                    states.append(found.state)
                }
            case .corrected, .supplementReceived, .voided:
                guard let found = try registry.locate(number) else { return false }
                position[number] = states.count
                states.append(found.state)
            default:
                // Nothing else changes who a case's persons are or gives a number.
                return false
            }
        } catch {
            throw StoreError(.corruptRecord, path: "snapshot", cause: "a section of the snapshot does not hold its digest")
        }
        self.scope?.insert(number)
        return true
    }

    /// The searched text of the case at `i` changed (or it is new): re-indexed now if the
    /// index is built, else remembered for the snapshot's index.
    func searchChanged(_ i: Int) {
        if search != nil { search?.update(i, states[i]) } else if snapshotFile != nil { searchPending.insert(i) }
    }

    /// Where a case is in `states`, adding it (first registered, first placed) if new.
    func place(_ number: CaseNumber, state: CaseState? = nil) -> Int {
        if let found = position[number] { return found }
        position[number] = states.count
        states.append(state ?? CaseState(number: number))
        return states.count - 1
    }

    /// A case's full events, read back from the log through its steps.
    package func history(of number: CaseNumber) throws(StoreError) -> [CaseEvent] {
        guard let state = self[number] else { return [] }
        return try history(of: state)
    }

    func history(of state: CaseState) throws(StoreError) -> [CaseEvent] {
        var seqs: [Int] = []
        for step in state.steps where seqs.last != step.seq { seqs.append(step.seq) }
        return try log.events(inRecords: seqs).filter { $0.caseNumber == state.number }
    }

    /// Picks up what other processes appended; returns the new events.
    @discardableResult
    package func refresh() throws(StoreError) -> [CaseEvent] {
        let new = try log.poll()
        try fold(new)
        return new
    }

    /// A context for deciding, with read access to the other cases. Who works where is
    /// the log's own staff records when it keeps them (decision 0016), else `staff` (the
    /// roster file of an older log, or a test's).
    package func context(now: Instant, actor: Actor, reference: ReferenceData,
                         staff: StaffDirectory = .none) -> DecisionContext {
        let states = self.states, position = self.position
        let members = self.staff
        return DecisionContext(now: now, actor: actor, directory: reference.directory, calendar: reference.calendar,
                               policy: reference.policy, categories: reference.categories,
                               lookup: { position[$0].map { states[$0] } },
                               staff: members.members.isEmpty ? staff : StaffDirectory(members.sorted))
    }

    /// Registers petitions as new cases, all or none, in one sync: every petition is
    /// decided first, and only if all pass are their records appended.
    package func register(_ petitions: [Petition], now: Instant, actor: Actor,
                          reference: ReferenceData, staff: StaffDirectory = .none) throws -> [CaseNumber] {
        // A book of some cases knows neither the numbers given nor the person's earlier cases.
        precondition(scope == nil || registry != nil, "registration needs a book of every case or one opened for it")
        var numbers: [CaseNumber] = []
        let result = try log.transact { new in
            try self.fold(new)
            let actor = try self.acting(actor)
            var context = self.context(now: now, actor: actor, reference: reference, staff: staff)
            // Every registration is checked against the person's earlier cases (decision 0017).
            context.earlierCases = self.earlierCases()
            var records: [LogRecord] = []
            // The last sequence given per organ and year in this batch (keyed by sequence 0).
            var used: [CaseNumber: Int] = [:]
            numbers = []
            for (i, petition) in petitions.enumerated() {
                let year = petition.receivedOn.year
                let key = CaseNumber(organ: petition.organ, year: year, sequence: 0)
                let sequence = (used[key] ?? self.highestIssued(organ: petition.organ, year: year)) + 1
                used[key] = sequence
                let number = CaseNumber(organ: petition.organ, year: year, sequence: sequence)
                do throws(Rejection) {
                    records.append(.events(try Workflow.decide(.register(petition), CaseState(number: number), context)))
                } catch {
                    throw BatchRejection(index: i, count: petitions.count, rejection: error)
                }
                numbers.append(number)
            }
            return records
        }
        try fold(result.stored)
        return numbers
    }

    /// Numbers never to be issued again though no case holds them (found by recovery in
    /// bytes cut from the log): those before the snapshot, and those the log has read since.
    package var reservedNumbers: [CaseNumber] { reservedBeforeSnapshot + log.reservedNumbers }

    /// The highest sequence number given, or reserved, for an organ and year.
    func highestIssued(organ: OrganCode, year: Int) -> Int {
        reservedNumbers.reduce(position.highestSequence(organ: organ, year: year)) { highest, number in
            number.organ == organ && number.year == year ? max(highest, number.sequence) : highest
        }
    }

    /// Decides one command on a case against the latest state and, if allowed,
    /// appends its events. If another process changed the case since this one last
    /// looked and the command no longer holds, the refusal says what changed and by whom.
    package func execute(_ command: CaseCommand, on number: CaseNumber, now: Instant, actor: Actor,
                         reference: ReferenceData, staff: StaffDirectory = .none) throws -> [CaseEvent] {
        let seen = self[number]?.steps.last?.seq ?? 0
        let result = try log.transact { new in
            try self.fold(new)
            let actor = try self.acting(actor)
            guard let state = self[number] else {
                throw Rejection(.unknownCase, field: "case", ["case": "\(number)"])
            }
            var context = self.context(now: now, actor: actor, reference: reference, staff: staff)
            if case .register = command { context.earlierCases = self.earlierCases() }
            do throws(Rejection) {
                return [.events(try Workflow.decide(command, state, context))]
            } catch {
                let changes = new.filter { $0.caseNumber == number && $0.seq > seen }
                if !changes.isEmpty && seen > 0 { throw Conflict(rejection: error, changes: changes) }
                throw error
            }
        }
        try fold(result.stored)
        return result.stored
    }
}

/// A rejection of one petition in a batch: which one, and why. Nothing of the batch was written.
package struct BatchRejection: Error {
    package var index: Int
    package var count: Int
    package var rejection: Rejection

    package init(index: Int, count: Int, rejection: Rejection) {
        self.index = index
        self.count = count
        self.rejection = rejection
    }
}

/// A command that no longer holds because another user acted on the case first.
package struct Conflict: Error {
    package var rejection: Rejection
    /// What the others recorded since this user last looked.
    package var changes: [CaseEvent]
}
