import PetitionCore
import PropertyBased
import TestSupport
import Testing

/// Random command sequences against the workflow. Each step draws an action, a
/// role and how many days pass; accepted steps are folded, refused ones must leave
/// the case untouched. On failure the library prints the seed to reproduce it.
@Suite("Workflow properties")
struct WorkflowPropertyTests {
    static let actors: [PetitionCore.Actor] = [Fixtures.trainee, Fixtures.trainee, Fixtures.clerk, Fixtures.housingHandler,
                                               Fixtures.housingHead, Fixtures.supervisor, Fixtures.cityHousingClerk]

    /// One step: an action (with a varied argument), an actor, days to let pass.
    struct Step {
        var command: CaseCommand
        var actor: PetitionCore.Actor
        var daysLater: Int
    }

    static func step(_ n: Int) -> Step {
        let kinds = ActionKind.allCases
        let kind = kinds[n % kinds.count]
        var command = Samples.command(kind)
        let variant = n / kinds.count
        switch kind {
        case .classify:
            let types = MatterType.allCases
            let type = types[variant % types.count]
            command = .classify(type: type, track: type == .grievance ? 1 + variant % 6 : nil)
        case .extend: command = .extend(days: 1 + variant % 35, reason: "复杂")
        case .issueOpinion:
            let outcome = Outcome.allCases[variant % Outcome.allCases.count]
            command = .issueOpinion(outcome: outcome, opinion: "意见", basis: "依据", measures: [.explained])
        case .void: command = .void(seq: 1 + variant % 12, reason: "误")
        case .transfer: command = .transfer(to: ["D-ZJJ", "S-BJ", "C-ZJJ", "D-RSJ"][variant % 4], note: nil)
        default: break
        }
        return Step(command: command, actor: actors[(n / 7) % actors.count], daysLater: (n / 3) % 9)
    }

    static let register: CaseCommand = .register(Fixtures.groupVisit(received: "2025-03-03"))

    /// Runs a sequence, checking after every step; returns the final scenario.
    static func check(_ numbers: [Int]) -> Scenario {
        var s = Scenario()
        s.others[CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9)] = Scenario.finalCase(of: Fixtures.groupVisit().petitioner)
        var day = Fixtures.day("2025-03-03")
        do { try s.run(register, as: Fixtures.trainee, at: "2025-03-03T09:00") } catch {
            Issue.record("registration refused: \(error.code)")
            return s
        }
        for n in numbers {
            let step = step(n)
            day = day.adding(days: step.daysLater)
            let before = s.state
            let allowedBefore = Workflow.allowedActions(in: before.phase)
            do {
                let events = try s.run(step.command, as: step.actor, at: "\(day)T10:00")
                // The rules allowed this step in this phase.
                #expect(allowedBefore.contains(step.command.kind))
                // Every emitted event carries an article entry.
                for e in events { #expect(Fixtures.reference.articles.articles[e.rule] != nil) }
            } catch {
                #expect(s.state == before, "a refusal changes nothing")
                #expect(error.rule == nil || Fixtures.reference.articles.articles[error.rule!] != nil)
            }
            checkInvariants(s)
        }
        // Replaying the log gives the same state as folding it step by step.
        #expect(Workflow.replay(s.state.number, s.log) == s.state)
        return s
    }

    static func checkInvariants(_ s: Scenario) {
        let state = s.state
        #expect((state.petition?.group?.representatives.count ?? 0) <= 5)
        #expect((state.extensionGranted?.days ?? 0) <= 30)
        let extensions = s.log.filter {
            if case .deadlineExtended = $0.body { return !state.voided.contains($0.seq) }
            return false
        }
        #expect(extensions.count <= 1, "at most one extension (Art 34)")
        if let accepted = state.acceptedOn, let received = state.receivedOn ?? state.petition?.receivedOn {
            #expect(accepted >= received)
        }
        for clock in s.clocks(asOf: "2025-12-31") {
            #expect(clock.due >= clock.start || clock.kind == .listedSupervision)
        }
        if state.phase.isTerminal { #expect(s.clocks(asOf: "2025-12-31").allSatisfy { $0.kind == .assignment || $0.kind == .supervisionFeedback }) }
    }

    @Test func randomCommandSequencesStayWithinTheRulesAndReplayToTheSameState() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...100_000).array(of: 1...40)) { numbers in
            _ = Self.check(numbers)
        }
    }

    @Test func theWorkedExampleWithRandomDetoursStillReplaysExactly() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...100_000).array(of: 0...15)) { numbers in
            var s = Scenario.at(.handling)
            var day = Fixtures.day("2025-05-10")
            for n in numbers {
                let step = Self.step(n)
                day = day.adding(days: step.daysLater % 3)
                _ = try? s.run(step.command, as: step.actor, at: "\(day)T10:00")
            }
            #expect(Workflow.replay(s.state.number, s.log) == s.state)
        }
    }
}
