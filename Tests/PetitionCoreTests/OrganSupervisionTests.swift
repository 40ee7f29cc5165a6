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
        Addressed(suggestion: .improvePolicy, organ: "D-ZJJ", to: ["D-PC", "D-GOV"], rule: .supervisionPolicy),
        // Para 3: a department answers to its government; a government to its superior.
        Addressed(suggestion: .pursueAccountability, organ: "D-ZJJ", to: ["D-GOV"], rule: .supervisionAccountability),
        Addressed(suggestion: .pursueAccountability, organ: "D-GOV", to: ["C-GOV"], rule: .supervisionAccountability),
    ]

    @Test(arguments: addressed)
    func aSuggestionGoesWhereItsParagraphSays(_ c: Addressed) throws {
        #expect(Set(Fixtures.directory.addressees(of: c.suggestion, concerning: c.organ, issuedBy: "D-XFJ")) == Set(c.to))
    }

    @Test(arguments: Suggestion.allCases)
    func a督办OfTheOrganHandlingTheCaseIsRecordedUnderItsParagraph(_ suggestion: Suggestion) throws {
        var s = Self.handling
        let events = try s.run(.orderSupervision(organ: "D-ZJJ", suggestion: suggestion, reason: "拖延", days: 30),
                               as: Fixtures.supervisor, at: "2025-06-03T09:00")
        #expect(events.map(\.rule) == [suggestion.rule])
        #expect(s.state.supervision.first?.issuedBy == "D-XFJ")
    }

    // MARK: Art 40 para 1: 督办 goes to an organ the case is or was with (decision 0030)

    @Test func theOrgansA督办MayGoToAreThoseTheCaseIsOrWasWithTheHolderFirst() {
        // Registered at the district bureau, transferred to the housing bureau, which handles it:
        // the bureau itself is not among them (decision 0030, addendum).
        #expect(Self.handling.state.supervisable(by: "D-XFJ", in: Fixtures.directory) == ["D-ZJJ"])
    }

    /// A petition department supervises other organs (Art 40 para 1); its own lateness is for the
    /// organ above it (Art 43). The bureau's 督办 of itself is refused, naming the lawful organs,
    /// and nothing is written.
    @Test func a督办OfTheIssuingBureauItselfIsRefusedUnderArticle40() {
        var s = Self.handling
        let before = s.log
        let command = CaseCommand.orderSupervision(organ: "D-XFJ", suggestion: .improveWork, reason: "逾期未分办", days: 30)
        let refusal = s.attempt(command, as: Fixtures.supervisor, at: "2025-06-03T09:00")
        #expect(refusal?.code == .organIsIssuer && refusal?.field == "organ" && refusal?.rule == .supervisionOrder)
        let text = refusal?.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory) ?? ""
        #expect(text.contains("不能督办本机关") && text.contains("第43条") && text.contains("第40条")
                && text.contains("区住建局"), "\(text)")
        do throws(Rejection) {
            try s.run(command, as: Fixtures.supervisor, at: "2025-06-03T09:00")
            Issue.record("the bureau's 督办 of itself was written")
        } catch {
            #expect(error.code == .organIsIssuer)
        }
        #expect(s.log == before)
    }

    /// The district bureau's own lateness is the city bureau's to supervise (Art 43).
    @Test func theCityBureauMaySuperviseTheDistrictBureau() throws {
        var s = Scenario.at(.registered)
        #expect(s.state.supervisable(by: "C-XFJ", in: Fixtures.directory) == ["D-XFJ"])
        let events = try s.run(.orderSupervision(organ: "D-XFJ", suggestion: .improveWork, reason: "逾期未分办", days: 30),
                               as: Fixtures.citySupervisor, at: "2025-05-20T09:00")
        #expect(events.map(\.rule) == [.supervisionOrder])
        #expect(s.state.supervision.first?.organ == "D-XFJ" && s.state.supervision.first?.issuedBy == "C-XFJ")
    }

    /// A case only the bureau has had (registered, not yet sent on) leaves it no organ to
    /// supervise: 督办 is not offered (the precheck the console lists actions by refuses it).
    @Test func a督办IsNotOfferedOnACaseOnlyTheIssuingBureauHasHad() {
        let s = Scenario.at(.registered)
        #expect(s.state.supervisable(by: "D-XFJ", in: Fixtures.directory).isEmpty)
        do throws(Rejection) {
            try Workflow.precheck(.orderSupervision, s.state, s.context(Fixtures.supervisor, at: "2025-05-20T09:00"))
            Issue.record("督办 offered with no organ to supervise")
        } catch {
            #expect(error.code == .noOrganToSupervise && error.rule == .supervisionOrder)
        }
        // Named anyway, the bureau itself is refused for the same reason, before its name is read.
        let named = s.attempt(.orderSupervision(organ: "D-XFJ", suggestion: .improveWork, reason: "逾期未分办", days: 30),
                              as: Fixtures.supervisor, at: "2025-05-20T09:00")
        #expect(named?.code == .noOrganToSupervise)
        // Once the case is with the housing bureau, it is offered again.
        let handling = Self.handling
        do throws(Rejection) {
            try Workflow.precheck(.orderSupervision, handling.state, handling.context(Fixtures.supervisor, at: "2025-06-03T09:00"))
        } catch {
            Issue.record("督办 of the housing bureau refused: \(error.code.rawValue)")
        }
    }

    /// 挂牌督办 of a case lists the organ holding it (Art 39 para 3): on a case the issuing
    /// bureau itself holds it is neither offered nor accepted; once the case is with the
    /// housing bureau, it is.
    @Test func aListingIsNotOfTheIssuingBureauItself() {
        let s = Scenario.at(.registered)
        let refusal = s.attempt(.listSupervision(days: 30, note: "逾期未分办"), as: Fixtures.supervisor, at: "2025-05-20T09:00")
        #expect(refusal?.code == .listedOwnOrgan && refusal?.rule == .supervisionListed)
        let text = refusal?.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory) ?? ""
        #expect(text.contains("不能挂牌督办本机关") && text.contains("第43条"), "\(text)")
        #expect(Self.handling.attempt(.listSupervision(days: 30, note: "拖延"), as: Fixtures.supervisor, at: "2025-06-03T09:00") == nil)
    }

    @Test func a督办OfAnOrganTheCaseNeverConcernedIsRefusedNamingTheLawfulOnes() {
        let refusal = Self.handling.attempt(.orderSupervision(organ: "D-JYJ", suggestion: .improveWork, reason: "拖延", days: 30),
                                            as: Fixtures.supervisor, at: "2025-06-03T09:00")
        #expect(refusal?.code == .organNotOfCase && refusal?.field == "organ" && refusal?.rule == .supervisionOrder)
        let text = refusal?.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory) ?? ""
        #expect(text.contains("（区住建局）") && text.contains("第40条"), "\(text)")
    }

    @Test func a督办OfTheCityOrganHandlingAReviewIsBeyondTheDistrictBureau() throws {
        // The review went to the city housing bureau: it concerns the case, but a district
        // bureau does not supervise the city (Art 5).
        let s = Scenario.at(.reviewRequested)
        let refusal = s.attempt(.orderSupervision(organ: "C-ZJJ", suggestion: .improveWork, reason: "复查拖延", days: 30),
                                as: Fixtures.supervisor, at: "2025-09-01T09:00")
        #expect(s.state.concerns("C-ZJJ"))
        #expect(refusal?.code == .organActOutOfReach)
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
        Refused(name: "a case the organ never had (the education bureau)", command: changed { $0.organ = "D-JYJ" },
                code: .caseNotOfOrgan, field: "cases"),
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

    // MARK: Lifting an Art 39 para 3 measure (decision 0030)

    static func recorded(_ command: OrganSupervisionCommand, _ records: [OrganSupervisionRecord] = []) throws(Rejection) -> OrganSupervisionRecord {
        try command.decide(Self.context(Fixtures.supervisor), records: records)
    }

    @Test func aMeasureInForceIsLiftedWithItsReasonAndNoCase() throws {
        let act = try Self.recorded(Self.interview)
        let lift = try Self.recorded(OrganSupervisionCommand(measure: .interview, organ: "D-ZJJ", note: "已整改到位", lifts: 1), [act])
        #expect(lift.lifts == 1 && lift.measure == .interview && lift.organ == "D-ZJJ" && lift.cases.isEmpty && lift.due == nil)
        let ledger = OrganActEntry.ledger([act, lift])
        #expect(ledger.count == 1 && ledger[0].lifted == lift && !ledger[0].standing)
    }

    @Test func aMeasureIsLiftedOnceAndAnInspectionNever() throws {
        let act = try Self.recorded(Self.interview)
        let lift = OrganSupervisionCommand(measure: .interview, organ: "D-ZJJ", note: "已整改", lifts: 1)
        let lifted = try Self.recorded(lift, [act])
        #expect(throws: Rejection.self) { _ = try Self.recorded(lift, [act, lifted]) }
        let inspection = try Self.recorded(OrganSupervisionCommand(measure: .inspection, organ: "D-ZJJ", note: "登记不全"))
        do throws(Rejection) {
            _ = try Self.recorded(OrganSupervisionCommand(measure: .inspection, organ: "D-ZJJ", note: "x", lifts: 1), [inspection])
            Issue.record("an inspection was lifted")
        } catch {
            #expect(error.code == .actNotLiftable && error.details["reason"] == "inspection")
        }
    }

    @Test func aLiftNeedsItsReasonAndAnActThatExists() throws {
        let act = try Self.recorded(Self.interview)
        // Refused naming the reason as the lift's form does (解除理由), not 说明 (tester, issue 13: `supervise lift`).
        do throws(Rejection) {
            _ = try Self.recorded(OrganSupervisionCommand(measure: .interview, organ: "D-ZJJ", note: " ", lifts: 1), [act])
            Issue.record("a lift without a reason was recorded")
        } catch {
            #expect(error.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
                        .hasPrefix("请填写解除理由"), "\(error.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory))")
        }
        #expect(throws: Rejection.self) {
            _ = try Self.recorded(OrganSupervisionCommand(measure: .interview, organ: "D-ZJJ", note: "x", lifts: 2), [act])
        }
    }
}
