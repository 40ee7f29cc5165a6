import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// Exercises at the console, on an in-memory training log (decision 0029): the runs are
/// judged when they change — after a save, or when another window's records are picked up —
/// never on a frame.
@Suite("Exercises at the console")
struct ExerciseConsoleTests {
    /// A trainee's desk with the third exercise (a labour dispute for arbitration, Art 31) started.
    func deskWithArbitrationStarted() throws -> Desk {
        let desk = try Desk(Fixtures.trainee, exercises: true)
        desk.press(.character("e"), .character("j"), .character("j"), .enter)
        #expect(desk.screen.contains("→ 1."), "\(desk.screen)")
        return desk
    }

    /// The feedback's why-sentence is the lesson: the exercise screen shows it whole,
    /// wrapped, where the message line cuts it at 80 columns.
    @Test func theExerciseScreenShowsTheFeedbackWhole() throws {
        let desk = try deskWithArbitrationStarted()
        let number = try #require(desk.data.runs.last?.start.cases.first)
        let other = try CaseBook(log: desk.log.handle())
        _ = try other.execute(.classify(type: .grievance, track: 6), on: number, now: desk.time.now, actor: Fixtures.trainee,
                              reference: Fixtures.reference, staff: Fixtures.staff)
        desk.wait(seconds: 1)
        desk.press(.tick, .escape, .enter)
        let flat = desk.screen.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "")
        #expect(flat.contains("应选途径2（仲裁），而不是作为第6项出具处理意见"), "\(desk.screen)")
        #expect(desk.screen.contains("本次出错：第31条×1"), "\(desk.screen)")
    }

    /// A run whose case cannot be finished (sent away) is started again with x, named on the screen.
    @Test func xOnTheExerciseScreenStartsItAgain() throws {
        let desk = try deskWithArbitrationStarted()
        #expect(desk.screen.contains("x 重新开始"), "\(desk.screen)")
        let first = desk.data.runs.count
        desk.press(.character("x"))
        #expect(desk.data.runs.count == first + 1 && desk.screen.contains("→ 1."), "\(desk.screen)")
    }

    @Test func framesRedrawnWithoutAChangeJudgeNoRun() throws {
        let desk = try deskWithArbitrationStarted()
        let judged = desk.data.judgements
        desk.press(.tick, .tick, .escape, .down, .up, .enter)
        desk.resize(rows: 30, columns: 100)
        #expect(desk.screen.contains("→ 1."), "\(desk.screen)")
        #expect(desk.data.judgements == judged)
    }

    @Test func aMoveMadeAtAnotherWindowIsPickedUpAndJudged() throws {
        let desk = try deskWithArbitrationStarted()
        let number = try #require(desk.data.runs.last?.start.cases.first)
        // The same trainee, at another window on the same log, classifies the case on track 2 (arbitration).
        let other = try CaseBook(log: desk.log.handle())
        _ = try other.execute(.classify(type: .grievance, track: 2), on: number, now: desk.time.now, actor: Fixtures.trainee,
                              reference: Fixtures.reference, staff: Fixtures.staff)
        desk.wait(seconds: 1)
        desk.press(.tick, .escape)
        #expect(desk.screen.contains("通过 1/1"), "\(desk.screen)")
    }
}
