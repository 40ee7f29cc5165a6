import Foundation
import PetitionCore

/// Starting an exercise on a training log (docs/training.md, decisions 0026 and 0029).
extension CaseBook {
    /// Starts an exercise: writes its seed — registrations and actions, each on its day, by
    /// the trainee — and then the note that it started, naming the cases the seed
    /// registered, all in one transaction: every seed record is decided first, against the
    /// cases as the seed leaves them, and only if all pass is anything written (a seed the
    /// workflow refuses part-way writes nothing, and the exercise does not start).
    ///
    /// An exercise set on a day of its own (`today`) moves the clock to that day first, in
    /// the same transaction, when the simulated time is before it; its absolute dates then
    /// fall on the real calendar whatever day the log's clock was on. Refused on a
    /// production log (`clock-training-only`'s sibling: nothing is seeded there).
    @discardableResult
    package func startExercise(_ file: ExerciseFile, given: Instant, actor: Actor, reference: ReferenceData,
                               staff: StaffDirectory = .none) throws -> ExerciseStart {
        precondition(scope == nil, "an exercise's seed registers cases: it needs a book of every case")
        let exercise = file.exercise
        var start: ExerciseStart?
        let result = try log.transact { new in
            try self.fold(new)
            guard self.mode == .training else { throw Rejection(.clockTrainingOnly) }
            let actor = try self.acting(actor)
            var records: [LogRecord] = []
            var now = max(given, self.clock?.to ?? given)  // as `Session.now(for:)`: the later of the two
            // Set on a day of its own, later than the simulated now: the clock goes there first.
            if let day = exercise.setOn, day > Day(now), let to = TrainingClock.target(.date(day), from: now, nextDeadline: nil) {
                let move = ClockMove(to: to, by: actor.user)
                try TrainingClock.decide(move, current: now, training: true)
                records.append(.clock(move))
                now = to
            }
            let today = Day(now)
            // The cases as the seed leaves them, decided against before anything is written;
            // their provisional sequence numbers only order their steps.
            var seeded: [CaseNumber: CaseState] = [:]
            var cases: [CaseNumber] = []
            var used: [CaseNumber: Int] = [:]
            let base = self.states, position = self.position
            var provisional = 1 << 40
            for (i, step) in exercise.seed.enumerated() {
                guard let day = exercise.day(of: step, startingOn: today) else { throw Self.badSeed(exercise, i) }
                // From 09:00 of its day, a minute apart in the seed's order, and never after now.
                let at = min(now, Instant(millisecondsSince1970: day.start.millisecondsSince1970 + 9 * 3_600_000 + Int64(i) * 60_000))
                func fill(_ text: String) -> String {
                    var text = text.replacingOccurrences(of: "{day}", with: "\(day)")
                    for (n, number) in cases.enumerated().reversed() { text = text.replacingOccurrences(of: "$\(n + 1)", with: "\(number)") }
                    return text
                }
                let known = seeded
                var context = self.context(now: at, actor: actor, reference: reference, staff: staff)
                context.lookup = { number in known[number] ?? position[number].map { base[$0] } }
                let events: [CaseEvent]
                if let json = file.registrations[i] {
                    let inputs = try PetitionInput.decodeAll(Data(fill(String(decoding: json, as: UTF8.self)).utf8))
                    guard inputs.count == 1 else { throw Self.badSeed(exercise, i) }
                    let petition = try inputs[0].petition(defaultOrgan: actor.organ, today: day)
                    // Earlier cases: the seed's own registered before this one only — not the log's,
                    // where an earlier run of this exercise (or another's petitioner) would flag the
                    // seed and refuse its next step (an exercise can always be started again).
                    let ownEarlier = cases.compactMap { known[$0] }
                    context.earlierCases = { petition in
                        let keys = Set(CaseIndex.identities(petition))
                        return ownEarlier.filter { !keys.isDisjoint(with: CaseIndex.identities($0.petition)) }
                    }
                    let year = petition.receivedOn.year
                    let key = CaseNumber(organ: petition.organ, year: year, sequence: 0)
                    let sequence = (used[key] ?? self.highestIssued(organ: petition.organ, year: year)) + 1
                    used[key] = sequence
                    let number = CaseNumber(organ: petition.organ, year: year, sequence: sequence)
                    events = try Workflow.decide(.register(petition), CaseState(number: number), context)
                    cases.append(number)
                } else if let action = step.action, let kind = ActionKind(rawValue: action), let ref = step.case,
                          let number = CaseNumber(fill(ref)) {
                    let command = try ActionCatalog.command(kind, (step.fields ?? [:]).mapValues(fill))
                    guard let state = known[number] ?? self[number] else {
                        throw Rejection(.unknownCase, field: "case", ["case": "\(number)"])
                    }
                    events = try Workflow.decide(command, state, context)
                } else {
                    throw Self.badSeed(exercise, i)
                }
                for var event in events {
                    event.seq = provisional
                    var state = seeded[event.caseNumber] ?? self[event.caseNumber] ?? CaseState(number: event.caseNumber)
                    Workflow.apply(event, to: &state, keepingHistory: false)
                    seeded[event.caseNumber] = state
                }
                provisional += 1
                records.append(.events(events))
            }
            let started = ExerciseStart(exercise: exercise.id, by: actor.user, cases: cases, at: now)
            records.append(.training(.exerciseStarted(started)))
            start = started
            return records
        }
        try fold(result.stored)
        return start!
    }

    /// A seed step the exercise's file gets wrong (neither a registration nor an action).
    static func badSeed(_ exercise: Exercise, _ i: Int) -> StoreError {
        StoreError(.badData, path: "exercises/\(exercise.id).json", cause: "seed \(i + 1) is not valid")
    }
}
