import Foundation
import PetitionCore
import PetitionStore

/// Starts an exercise on a training log: writes its seed — registrations and actions, each
/// on its day relative to today, by the trainee — then the note that it started, naming
/// the cases the seed registered (docs/training.md, decision 0026). Each seed record is
/// decided as any command is; one refused stops the start before its note is written.
enum ExerciseSeeder {
    static func start(_ file: ExerciseFile, book: CaseBook, session: Session, actor: Actor, now: Instant) throws -> ExerciseStart {
        let staff = try session.staff(in: book)
        let today = Day(now)
        var cases: [CaseNumber] = []
        for (i, step) in file.exercise.seed.enumerated() {
            let day = today.adding(days: step.day)
            // From 09:00 of its day, a minute apart in the seed's order, and never after now.
            let at = min(now, Instant(millisecondsSince1970: day.start.millisecondsSince1970 + 9 * 3_600_000 + Int64(i) * 60_000))
            func fill(_ text: String) -> String {
                var text = text.replacingOccurrences(of: "{day}", with: "\(day)")
                for (n, number) in cases.enumerated().reversed() { text = text.replacingOccurrences(of: "$\(n + 1)", with: "\(number)") }
                return text
            }
            if let json = file.registrations[i] {
                let inputs = try PetitionInput.decodeAll(Data(fill(String(decoding: json, as: UTF8.self)).utf8))
                let petitions = try inputs.map { input throws(Rejection) in try input.petition(defaultOrgan: actor.organ, today: day) }
                cases += try book.register(petitions, now: at, actor: actor, reference: session.reference, staff: staff)
            } else if let action = step.action, let kind = ActionKind(rawValue: action), let ref = step.case,
                      let number = CaseNumber(fill(ref)) {
                let command = try ActionCatalog.command(kind, (step.fields ?? [:]).mapValues(fill))
                _ = try book.execute(command, on: number, now: at, actor: actor, reference: session.reference, staff: staff)
            } else {
                throw UsageError("练习 \(file.exercise.id) 的第\(i + 1)条预置记录无效", "Seed \(i + 1) of exercise \(file.exercise.id) is not valid")
            }
        }
        let start = ExerciseStart(exercise: file.exercise.id, by: actor.user, cases: cases, at: now)
        try book.record(.exerciseStarted(start))
        return start
    }
}
