import PetitionCore
import TestSupport
import Testing

/// Supervision acts of organs (Arts 38, 39 para 3) and the suggestions addressed per
/// paragraph of Art 40 (decision 0024).
@Suite("Supervision acts: Art 38, Art 39 para 3, Art 40 paras 1-4")
struct OrganSupervisionTests {
    static let handling = Scenario.at(.handling)

    /// A context in which the handling case is the one case of the log.
    static func context(_ actor: Actor, _ time: String = "2025-06-03T09:00") -> DecisionContext {
        var context = handling.context(actor, at: time)
        let state = handling.state
        context.lookup = { $0 == state.number ? state : nil }
        return context
    }

    // MARK: Art 40: each suggestion to the organ its paragraph names

    struct Addressed: Sendable, CustomTestStringConvertible {
        var suggestion: Suggestion
        var organ: OrganCode
        var to: [OrganCode]
        var rule: RuleID
        var testDescription: String { "\(suggestion.rawValue) about \(organ)" }
    }

    static let addressed: [Addressed] = [
        // Para 1: the organ itself.
        Addressed(suggestion: .improveWork, organ: "D-ZJJ", to: ["D-ZJJ"], rule: .supervisionOrder),
        // Para 2: the district bureau's own level: the district government and Party committee.
        Addressed(suggestion: .improvePolicy, organ: "D-ZJJ", to: ["D-GOV", "D-PC"], rule: .supervisionPolicy),
        // Para 3: a department answers to its government; a government to its superior.
        Addressed(suggestion: .pursueAccountability, organ: "D-ZJJ", to: ["D-GOV"], rule: .supervisionAccountability),
        Addressed(suggestion: .pursueAccountability, organ: "D-GOV", to: ["C-GOV"], rule: .supervisionAccountability),
    ]

    @Test(arguments: addressed)
    func aSuggestionGoesWhereItsParagraphSays(_ c: Addressed) throws {
        #expect(Set(Fixtures.directory.addressees(of: c.suggestion, concerning: c.organ, issuedBy: "D-XFJ")) == Set(c.to))
        var s = Self.handling
        let events = try s.run(.orderSupervision(organ: c.organ, suggestion: c.suggestion, reason: "拖延", days: 30),
                               as: Fixtures.supervisor, at: "2025-06-03T09:00")
        #expect(events.map(\.rule) == [c.rule])
        #expect(s.state.supervision.first?.issuedBy == "D-XFJ")
    }

    @Test func anAccountabilitySuggestionWithNoAuthorityInTheDirectoryIsRefused() {
        // The province's government has no superior: nobody the directory names could act on it.
        let refusal = Self.handling.attempt(.orderSupervision(organ: "P-GOV", suggestion: .pursueAccountability,
                                                              reason: "拖延", days: 30),
                                            as: Fixtures.supervisor, at: "2025-06-03T09:00")
        #expect(refusal?.code == .suggestionNoAddressee && refusal?.rule == .supervisionAccountability)
    }

    // MARK: Art 40 para 4: adopted, in part, or not — with reasons

    @Test(arguments: Adoption.allCases)
    func theWrittenAnswerSaysHowMuchWasAdopted(_ adoption: Adoption) throws {
        var s = Self.handling
        try s.run(.orderSupervision(organ: "D-ZJJ", suggestion: .improvePolicy, reason: "政策不明", days: 30),
                  as: Fixtures.supervisor, at: "2025-06-03T09:00")
        let events = try s.run(.recordFeedback(order: 1, adoption: adoption, note: "理由"), as: Fixtures.supervisor,
                               at: "2025-06-20T09:00")
        #expect(events.map(\.body) == [.feedbackRecorded(order: 1, adoption: adoption, note: "理由")])
        #expect(s.state.supervision.first?.feedback?.adoption == adoption)
        #expect(s.state.openSupervisionOrders.isEmpty)
    }

    // MARK: Art 39 para 3 and Art 38: acts of no case

    static let interview = OrganSupervisionCommand(measure: .interview, organ: "D-ZJJ", target: .leader, leader: "张三 副局长",
                                                   cases: [Scenario.at(.handling).state.number], note: "多件逾期", days: 30)

    @Test func anInterviewOfALeaderRecordsTheCasesAndTheDayToPutThingsRight() throws {
        let record = try Self.interview.decide(Self.context(Fixtures.supervisor))
        #expect(record == OrganSupervisionRecord(measure: .interview, organ: "D-ZJJ", target: .leader, leader: "张三 副局长",
                                                 cases: Self.interview.cases, note: "多件逾期",
                                                 due: Fixtures.day("2025-07-03"), actor: Fixtures.supervisor,
                                                 at: Fixtures.instant("2025-06-03T09:00")))
    }

    @Test func anInspectionIsOfTheOrganWithNoLeaderAndNoDeadline() throws {
        let command = OrganSupervisionCommand(measure: .inspection, organ: "D-ZJJ", target: .leader, leader: "张三",
                                              note: "登记不全", days: 30)
        let record = try command.decide(Self.context(Fixtures.supervisor))
        #expect(record.target == nil && record.leader == nil && record.due == nil && record.cases.isEmpty)
        #expect(record.measure.rule == .supervisionInspection)
    }

    struct Refused: Sendable, CustomTestStringConvertible {
        var name: String
        var command: OrganSupervisionCommand
        var actor: Actor = Fixtures.supervisor
        var code: Rejection.Code
        var field: String?
        var testDescription: String { name }
    }

    static func changed(_ change: (inout OrganSupervisionCommand) -> Void) -> OrganSupervisionCommand {
        var c = interview
        change(&c)
        return c
    }

    static let refused: [Refused] = [
        Refused(name: "a clerk", command: interview, actor: Fixtures.clerk, code: .roleNotPermitted),
        Refused(name: "an organ not in the directory", command: changed { $0.organ = "X-NONE" }, code: .unknownOrgan,
                field: "organ"),
        Refused(name: "no target", command: changed { $0.target = nil }, code: .missingField, field: "target"),
        Refused(name: "a leader not named", command: changed { $0.leader = " " }, code: .missingField, field: "leader"),
        Refused(name: "no case behind it", command: changed { $0.cases = [] }, code: .missingField, field: "cases"),
        Refused(name: "a case that does not exist", command: changed {
            $0.cases = [CaseNumber(organ: "D-XFJ", year: 2025, sequence: 999)]
        }, code: .unknownCase, field: "cases"),
        Refused(name: "no deadline", command: changed { $0.days = nil }, code: .missingField, field: "days"),
        Refused(name: "a deadline past the practice range", command: changed { $0.days = 91 }, code: .supervisionDaysInvalid,
                field: "days"),
        Refused(name: "no note", command: changed { $0.note = "  " }, code: .missingField, field: "note"),
        Refused(name: "an organ above the bureau (the province)", command: changed { $0.organ = "P-GOV" },
                code: .organActOutOfReach, field: "organ"),
        Refused(name: "an escape sequence in the leader's name", command: changed { $0.leader = "李四\u{1B}[2J" },
                code: .forbiddenCharacter, field: "leader"),
        Refused(name: "a bidi override in the note", command: changed { $0.note = "整改\u{202E}不力" },
                code: .forbiddenCharacter, field: "note"),
    ]

    @Test(arguments: refused)
    func anActThatIsNotWholeIsRefusedNamingWhatIsMissing(_ r: Refused) {
        let context = Self.context(r.actor)
        #expect(throws: Rejection.self) { _ = try r.command.decide(context) }
        do {
            _ = try r.command.decide(context)
        } catch {
            #expect(error.code == r.code && error.field == r.field)
        }
    }
}
