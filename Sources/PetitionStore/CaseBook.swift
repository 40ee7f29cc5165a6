import PetitionCore

/// The cases of one log, replayed, and the one path by which commands reach it:
/// decide against the latest state, append, then evolve.
package final class CaseBook {
    package let log: any EventLog
    package private(set) var cases: [CaseNumber: CaseState] = [:]
    /// The highest sequence used per organ and year, for the next case number.
    private var sequences: [String: Int] = [:]

    package init(log: any EventLog) throws(StoreError) {
        self.log = log
        for event in try log.readAll() { fold(event) }
    }

    package var mode: LogMode { log.header.mode }

    /// The case numbers in order.
    package var numbers: [CaseNumber] { cases.keys.sorted() }

    private func fold(_ event: CaseEvent) {
        let number = event.caseNumber
        cases[number] = Workflow.evolve(cases[number] ?? CaseState(number: number), event)
        let key = "\(number.organ)/\(number.year)"
        sequences[key] = max(sequences[key] ?? 0, number.sequence)
    }

    /// A context for deciding, with read access to the other cases.
    package func context(now: Instant, actor: Actor, reference: ReferenceData) -> DecisionContext {
        let snapshot = cases
        return DecisionContext(now: now, actor: actor, directory: reference.directory, calendar: reference.calendar,
                               policy: reference.policy, categories: reference.categories,
                               lookup: { snapshot[$0] })
    }

    /// Registers petitions as new cases, all or none: every petition is decided
    /// first, and only if all pass are their events appended, in one commit.
    package func register(_ petitions: [Petition], context: DecisionContext) throws -> [CaseNumber] {
        var pending: [CaseEvent] = []
        var numbers: [CaseNumber] = []
        var used = sequences
        for (index, petition) in petitions.enumerated() {
            let year = petition.receivedOn.year
            let key = "\(petition.organ)/\(year)"
            let sequence = (used[key] ?? 0) + 1
            used[key] = sequence
            let number = CaseNumber(organ: petition.organ, year: year, sequence: sequence)
            do {
                pending += try Workflow.decide(.register(petition), CaseState(number: number), context)
            } catch {
                throw BatchRejection(index: index, count: petitions.count, rejection: error)
            }
            numbers.append(number)
        }
        for event in try log.append(pending) { fold(event) }
        return numbers
    }

    /// Decides one command on an existing case and, if allowed, appends its events.
    package func execute(_ command: CaseCommand, on number: CaseNumber,
                         context: DecisionContext) throws -> [CaseEvent] {
        guard let state = cases[number] else { throw Rejection(.unknownCase, field: "case", ["case": "\(number)"]) }
        let events = try Workflow.decide(command, state, context)
        let stored = try log.append(events)
        for event in stored { fold(event) }
        return stored
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
