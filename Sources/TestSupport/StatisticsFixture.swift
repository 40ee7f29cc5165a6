import PetitionCore

/// A small set of cases whose statistics are counted by hand in the tests
/// (`StatisticsTests`, docs/statistics.md): five cases received in 2025-03..06 and one
/// after, all registered at the district petition bureau.
///
/// - A `D-XFJ-2025-00001`, visit received 04-28: transferred 04-30 to 区住建局, received 05-06,
///   accepted 05-09, track 6, not supported 08-01 (late), delivered 08-04; rated 不满意.
/// - B `…00002`, received 03-20: transferred 04-30 (late), a suggestion adopted 06-01,
///   delivered 06-02 (closed); rated 满意.
/// - C `…00003`, received 04-28: assigned 04-30 to 区住建局 for 30 days, never reported;
///   a supervision order (pursue accountability) 06-01, never answered.
/// - D `…00004`, a letter received 05-10: never triaged; linked as repeating A;
///   a supervision order (improve work) of the district bureau by the city bureau 06-01,
///   answered adopted 06-20.
/// - E `…00005`, a letter received 07-05: outside the period.
/// - F `…00006`, received 04-28: A's path to finality without a hearing — review 08-26,
///   review opinion 09-22 (in time), re-review 09-29, opinion 10-31 (late); rated 基本满意.
package enum StatisticsFixture {
    package static func number(_ n: Int) -> CaseNumber { CaseNumber(organ: "D-XFJ", year: 2025, sequence: n) }

    package static let period = (from: Fixtures.day("2025-03-01"), to: Fixtures.day("2025-06-30"))
    package static let asOf = Fixtures.day("2025-12-31")

    package static var cases: [CaseState] { built.map(\.state) }

    /// The cases' events, one log (each case's in turn, numbered in that order): what a console
    /// or the command line opens to show the same figures.
    package static var events: [CaseEvent] {
        var events: [CaseEvent] = []
        for event in built.flatMap(\.log) {
            var e = event
            e.seq = events.count + 1
            events.append(e)
        }
        return events
    }

    private static let built: [(state: CaseState, log: [CaseEvent])] = {
        let sup = Fixtures.supervisor, clerk = Fixtures.clerk
        func run(_ n: Int, _ steps: [Scenario.Step], others: [CaseState] = []) -> (state: CaseState, log: [CaseEvent]) {
            var s = Scenario(number: number(n))
            for o in others { s.others[o.number] = o }
            for step in steps {
                do { try s.run(step.command, as: step.actor, at: step.time) } catch {
                    preconditionFailure("statistics fixture case \(n) refused \(step.command.kind): \(error.code.rawValue)")
                }
            }
            return (s.state, s.log)
        }
        let replied = Scenario.path(to: .replied)
        let a = run(1, replied + [(.rate(satisfaction: .dissatisfied, note: "答复未解决问题"), clerk, "2025-08-05T09:00")])
        var closed = Scenario.path(to: .closed)
        closed[0] = (.register(Fixtures.groupVisit(received: "2025-03-20")), clerk, "2025-04-28T09:30")
        let b = run(2, closed + [(.rate(satisfaction: .satisfied, note: nil), clerk, "2025-06-10T09:00")])
        let c = run(3, Scenario.path(to: .assigned) + [
            (.orderSupervision(organ: "D-ZJJ", suggestion: .pursueAccountability, reason: "交办逾期未报告", days: 30), sup,
             "2025-06-01T09:00")])
        let d = run(4, [
            (.register(Fixtures.letter(received: "2025-05-10")), clerk, "2025-05-10T09:00"),
            (.link(to: number(1), kind: .repeats), clerk, "2025-05-10T10:00"),
            // The district bureau's own lateness: the city bureau supervises it (Art 43).
            (.orderSupervision(organ: "D-XFJ", suggestion: .improveWork, reason: "逾期未分办", days: 30),
             Fixtures.citySupervisor, "2025-06-01T09:00"),
            (.recordFeedback(order: 1, adoption: .adopted, note: "已改进"), Fixtures.citySupervisor, "2025-06-20T09:00"),
        ], others: [a.state])
        let e = run(5, [(.register(Fixtures.letter(received: "2025-07-05")), clerk, "2025-07-05T09:00")])
        let f = run(6, Scenario.path(to: .final) + [(.rate(satisfaction: .basicallySatisfied, note: nil), clerk,
                                                        "2025-11-01T09:00")])
        return [a, b, c, d, e, f]
    }()
}
