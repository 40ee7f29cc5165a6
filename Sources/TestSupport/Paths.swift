import PetitionCore

/// The worked example of REGULATION.md as steps, and the shortest path from it to
/// every phase, so tests can start a case anywhere in the workflow.
extension Scenario {
    package typealias Step = (command: CaseCommand, actor: Actor, time: String)

    /// A case with an earlier final case of the same petitioner, for not-accepted paths.
    package static func finalCase(of petitioner: Petitioner) -> CaseState {
        var other = CaseState(number: CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9))
        other.phase = .final
        other.petition = Fixtures.letter(received: "2024-03-01")
        other.petition?.petitioner = petitioner
        return other
    }

    static let register: Step = (.register(Fixtures.groupVisit()), Fixtures.clerk, "2025-04-28T09:30")
    static let transfer: Step = (.transfer(to: "D-ZJJ", note: nil), Fixtures.clerk, "2025-04-30T10:00")
    static let receive: Step = (.receive(on: nil), Fixtures.housingHandler, "2025-05-06T09:00")
    static let accept: Step = (.accept(route: "申诉求决类第六途径", on: nil), Fixtures.housingHandler, "2025-05-09T09:00")
    static let classify6: Step = (.classify(type: .grievance, track: 6), Fixtures.housingHandler, "2025-05-09T10:00")
    static let handler: Step = (.assignHandler(user: "handler", recusalChecked: true), Fixtures.housingHead, "2025-05-09T11:00")
    static let extend: Step = (.extend(days: 30, reason: "涉及多个部门"), Fixtures.housingHead, "2025-06-30T09:00")
    static let opinion: Step = (.issueOpinion(outcome: .notSupport, opinion: "交付时间符合协议", basis: "征收补偿条例第27条",
                                              measures: [.explained]), Fixtures.housingHandler, "2025-08-01T09:00")
    static let deliver: Step = (.deliver(on: nil), Fixtures.housingHandler, "2025-08-04T09:00")
    static let review: Step = (.requestReview(on: nil), Fixtures.cityHousingClerk, "2025-08-26T09:00")
    static let reviewOpinion: Step = (.issueReviewOpinion(outcome: .upheld, opinion: "维持"), Fixtures.cityHousingHandler,
                                      "2025-09-22T09:00")
    static let reviewDeliver: Step = (.deliver(on: nil), Fixtures.cityHousingHandler, "2025-09-22T15:00")
    static let rereview: Step = (.requestRereview(on: nil), Fixtures.cityGovClerk, "2025-09-29T09:00")
    static let hearingStart: Step = (.startRereviewHearing(on: nil), Fixtures.cityGovHandler, "2025-10-13T09:00")
    static let hearingEnd: Step = (.endRereviewHearing(on: nil), Fixtures.cityGovHandler, "2025-10-17T09:00")
    static let rereviewOpinion: Step = (.issueRereviewOpinion(outcome: .upheld, opinion: "维持"), Fixtures.cityGovHandler,
                                        "2025-10-31T09:00")
    static let finalDeliver: Step = (.deliver(on: nil), Fixtures.cityGovHandler, "2025-10-31T15:00")

    /// Every step of the worked example, from the visit to finality.
    package static let workedExample: [Step] = [register, transfer, receive, accept, classify6, handler, extend, opinion,
                                                deliver, review, reviewOpinion, reviewDeliver, rereview, hearingStart,
                                                hearingEnd, rereviewOpinion, finalDeliver]

    /// Steps that bring a new case to `phase`.
    package static func path(to phase: Phase) -> [Step] {
        let c = Fixtures.clerk, h = Fixtures.housingHandler
        let day = "2025-04-29T09:00"
        let toHandling = [register, transfer, receive, accept, classify6, handler]
        switch phase {
        case .new: return []
        case .registered: return [register]
        case .escalated: return [register, (.escalate(proposal: "建议区政府牵头协调"), c, day)]
        case .transferred: return [register, transfer]
        case .assigned: return [register, (.assign(to: "D-ZJJ", days: 30, note: nil), c, "2025-04-30T10:00")]
        case .referred: return [register, (.referPoliticalLegal(to: "D-ZFW", note: nil), c, day)]
        case .redirected: return [register, (.redirect(to: "江城市中级人民法院", note: nil), c, day)]
        case .notAccepted:
            return [register, (.notAccept(reason: .alreadyFinal, ref: CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9),
                                          note: nil), c, day)]
        case .received: return [register, transfer, receive]
        case .objected: return [register, transfer, receive, (.object(reason: "不属本局职权"), h, "2025-05-07T09:00")]
        case .accepted: return [register, transfer, receive, accept]
        case .classified: return [register, transfer, receive, accept, classify6]
        case .routed:
            return [register, transfer, receive, accept, (.classify(type: .grievance, track: 2), h, "2025-05-09T10:00")]
        case .handling: return toHandling
        case .hearing: return toHandling + [(.startHearing(on: nil), h, "2025-06-10T09:00")]
        case .mediation: return toHandling + [(.startMediation, h, "2025-06-10T09:00")]
        case .mediated:
            return toHandling + [(.startMediation, h, "2025-06-10T09:00"),
                                 (.recordAgreement(kind: .mediation, text: "双方同意"), h, "2025-06-20T09:00")]
        case .opinionIssued: return toHandling + [opinion]
        case .replied: return toHandling + [opinion, deliver]
        case .closed:
            return [register, transfer, receive, accept, (.classify(type: .suggestion, track: nil), h, "2025-05-09T10:00"),
                    handler, (.issueOpinion(outcome: .adopted, opinion: "采纳", basis: "相关规定", measures: [.solved]), h,
                              "2025-06-01T09:00"), (.deliver(on: nil), h, "2025-06-02T09:00")]
        case .reviewRequested: return toHandling + [opinion, deliver, review]
        case .reviewOpinionIssued: return toHandling + [opinion, deliver, review, reviewOpinion]
        case .reviewed: return toHandling + [opinion, deliver, review, reviewOpinion, reviewDeliver]
        case .rereviewRequested: return toHandling + [opinion, deliver, review, reviewOpinion, reviewDeliver, rereview]
        case .rereviewHearing:
            return toHandling + [opinion, deliver, review, reviewOpinion, reviewDeliver, rereview, hearingStart]
        case .rereviewOpinionIssued:
            return toHandling + [opinion, deliver, review, reviewOpinion, reviewDeliver, rereview, rereviewOpinion]
        case .final:
            return toHandling + [opinion, deliver, review, reviewOpinion, reviewDeliver, rereview, rereviewOpinion,
                                 finalDeliver]
        case .withdrawn: return [register, (.withdraw(note: "信访人书面撤回"), c, day)]
        }
    }

    /// A scenario already at `phase`, by its path. Fails loudly if a step is refused.
    package static func at(_ phase: Phase) -> Scenario {
        var s = Scenario()
        s.others[CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9)] = finalCase(of: Fixtures.groupVisit().petitioner)
        for step in path(to: phase) {
            do { try s.run(step.command, as: step.actor, at: step.time) } catch {
                preconditionFailure("path to \(phase) refused \(step.command.kind): \(error.code.rawValue)")
            }
        }
        precondition(s.state.phase == phase, "path to \(phase) ended at \(s.state.phase)")
        return s
    }

    /// The time of the last step taken, for commands that follow it the same day.
    package var lastTime: String {
        guard let last = log.last else { return "2025-04-28T09:00" }
        return String(last.at.beijingDescription.prefix(16))
    }
}

/// A representative, well-formed command of each kind, for the transition table
/// and the property tests. `lastSeq` is the case's latest record, which a document's issue
/// names (it was rendered after it).
package enum Samples {
    package static func command(_ kind: ActionKind, lastSeq: Int = 0) -> CaseCommand {
        switch kind {
        case .register: .register(Fixtures.letter())
        case .transfer: .transfer(to: "D-ZJJ", note: nil)
        case .assign: .assign(to: "D-RSJ", days: 20, note: nil)
        case .referPoliticalLegal: .referPoliticalLegal(to: "D-ZFW", note: nil)
        case .referDiscipline: .referDiscipline(to: "D-JW", note: nil)
        case .escalate: .escalate(proposal: "建议")
        case .redirect: .redirect(to: "法院", note: nil)
        case .notAccept: .notAccept(reason: .alreadyFinal, ref: CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9), note: nil)
        case .receive: .receive(on: nil)
        case .accept: .accept(route: "依法办理", on: nil)
        case .object: .object(reason: "不属职权")
        case .decideObjection: .decideObjection(upheld: true, note: nil)
        case .classify: .classify(type: .grievance, track: 6)
        case .assignHandler: .assignHandler(user: "handler", recusalChecked: true)
        case .startHearing: .startHearing(on: nil)
        case .endHearing: .endHearing(on: nil)
        case .startMediation: .startMediation
        case .recordAgreement: .recordAgreement(kind: .settlement, text: "和解")
        case .endMediation: .endMediation(note: nil)
        case .extend: .extend(days: 10, reason: "复杂")
        case .issueOpinion: .issueOpinion(outcome: .support, opinion: "支持", basis: "依据", measures: [.solved])
        case .deliver: .deliver(on: nil)
        case .reportCompletion: .reportCompletion(note: nil)
        case .requestReview: .requestReview(on: nil)
        case .issueReviewOpinion: .issueReviewOpinion(outcome: .changed, opinion: "变更")
        case .requestRereview: .requestRereview(on: nil)
        case .startRereviewHearing: .startRereviewHearing(on: nil)
        case .endRereviewHearing: .endRereviewHearing(on: nil)
        case .issueRereviewOpinion: .issueRereviewOpinion(outcome: .revoked, opinion: "撤销")
        case .withdraw: .withdraw(note: "书面撤回")
        case .recordIncident: .recordIncident(kind: .lingeringOrAbandoning, note: nil)
        case .recordFollowUp: .recordFollowUp(kind: .assistance, note: "帮扶")
        case .orderSupervision: .orderSupervision(organ: "D-ZJJ", suggestion: .improveWork, reason: "拖延", days: 30)
        case .recordFeedback: .recordFeedback(order: 1, adoption: .adopted, note: "已采纳")
        case .listSupervision: .listSupervision(days: 15, note: "挂牌")
        case .assignLeader: .assignLeader(name: "王区长")
        case .correct: .correct(field: .address, value: "滨江路3号", reason: "笔误")
        case .void: .void(seq: 2, reason: "误操作")
        case .link: .link(to: CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9), kind: .repeats)
        // No one gives a record-loss command (`log recover` writes the event): its sample is
        // the review, which the table shows refused on a case that lost nothing.
        case .reviewRecovery, .recordLoss: .reviewRecovery(note: "已核对纸质材料")
        // Registration writes the flags; its sample is the registration.
        case .flagEarlierCase: .register(Fixtures.letter())
        case .differentMatter: .recordDifferentMatter(ref: CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9),
                                                      reason: "事实和理由与原案不同")
        case .requestSupplement: .requestSupplement(note: "请补充事实和理由")
        case .recordSupplement: .recordSupplement(facts: "补充的事实", reasons: nil, phone: nil, note: nil)
        case .rehandle: .rehandle(note: "复查撤销原处理意见，责成重新办理")
        case .rate: .rate(satisfaction: .basicallySatisfied, note: "答复及时")
        case .recordExecution: .recordExecution(note: "已督促执行，补偿款已发放")
        case .issueDocument: .issueDocument(kind: .receipt, asOf: lastSeq, to: "张三", delivery: .handedOver,
                                            digest: String(repeating: "ab", count: 32))
        }
    }
}
