import PetitionCore

/// Supervision acts of organs (records of no case, decision 0024): interviews, circulars
/// and listings of an organ's leadership (Art 39 para 3), inspections (Art 38).
extension CaseBook {
    /// Every record of no case about an organ read so far, in log order: the acts and the
    /// lifts of Art 39 para 3 measures (decision 0030).
    package var organRecords: [OrganSupervisionRecord] { organActsBeforeSnapshot + log.supervisionRecords }

    /// Every supervision act of an organ read so far, in log order (lifts left out: act N of
    /// `supervise list` is `organActs[N - 1]`).
    package var organActs: [OrganSupervisionRecord] { organRecords.filter { $0.lifts == nil } }

    /// Records one supervision act of an organ, decided under the log's lock against the
    /// latest cases and staff: a rejection writes nothing.
    @discardableResult
    package func recordOrganAct(_ command: OrganSupervisionCommand, now: Instant, actor: Actor,
                                reference: ReferenceData, staff: StaffDirectory = .none) throws -> OrganSupervisionRecord {
        var made: OrganSupervisionRecord?
        _ = try log.transact { new in
            try self.fold(new)
            let actor = try self.acting(actor)
            let record = try command.decide(self.context(now: now, actor: actor, reference: reference, staff: staff),
                                            records: self.organRecords)
            made = record
            return [.supervision(record)]
        }
        guard let made else { preconditionFailure("a transaction that returned a record made none") }
        return made
    }
}
