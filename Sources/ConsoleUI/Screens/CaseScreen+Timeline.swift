import PetitionCore

/// What each timeline entry did, in full: to whom, the route, the outcome, the legal
/// basis and measures, who approved, the agreement, the extension and its new due date,
/// the supervision order and its feedback, and the document the step produced. The case
/// screen and `xinfang show` print the same lines.
enum TimelineDetails {
    /// One detail: a label and its text (the text may run to many lines; it is wrapped
    /// by whoever draws it).
    typealias Detail = (label: String, text: String)

    static func details(_ event: CaseEvent, _ data: ConsoleData, _ language: Language) -> [Detail] {
        let zh = language == .zh
        func organ(_ code: OrganCode) -> String { data.directory.name(code, language) }
        func label(_ value: String) -> String { ChoiceLabels.label(value, language) }
        func l(_ chinese: String, _ english: String) -> String { zh ? chinese : english }
        func note(_ text: String?) -> [Detail] { (text ?? "").isEmpty ? [] : [(l("说明", "Note"), text ?? "")] }
        func document(_ chinese: String, _ english: String) -> Detail { (l("文书", "Document"), zh ? chinese : english) }
        let masked = PersonalData.masked(for: data.actor, case: data.state(event.caseNumber), directory: data.directory)
        switch event.body {
        case .registered(let petition):
            return [(l("登记", "Registered"), label(petition.channel.rawValue) + " " + "\(petition.receivedOn)"
                     + l("，内容见上", "; content above"))]
        case .transferred(let to, let text):
            return [(l("转送至", "Sent to"), organ(to))] + note(text)
        case .assigned(let to, let due, let text):
            return [(l("交办至", "Assigned to"), organ(to)), (l("办结期限", "Due"), "\(due)")]
                + note(text) + [document("交办单（须报送办结报告）", "assignment (a completion report is due)")]
        case .referred(let kind, let to, let text):
            return [(kind == .discipline ? l("移交纪检监察", "Referred to discipline") : l("移交政法部门", "Referred to political-legal"),
                     organ(to))] + note(text)
        case .escalated(let proposal):
            return [(l("处理建议", "Proposal"), proposal)]
        case .redirected(let to, let text):
            return [(l("告知向", "Told to go to"), to)] + note(text) + [document("告知书", "notice to the petitioner")]
        case .notAccepted(let reason, let ref, let text):
            return [(l("理由", "Reason"), label(reason.rawValue) + "（" + data.articles.short(reason.rule, language) + "）"),
                    (l("原案件", "Earlier case"), "\(ref)")] + note(text)
                + [document("不予受理告知书", "notice of non-acceptance")]
        case .received(let on):
            return [(l("收到日期", "Received on"), "\(on)")]
        case .accepted(let route, let on):
            return [(l("办理途径和程序", "Route and procedure"), route), (l("受理日期", "Accepted on"), "\(on)"),
                    document("受理告知书", "notice of acceptance")]
        case .objected(let reason, let on):
            return [(l("异议理由", "Objection"), reason)] + (on.map { [(l("异议日期", "Objected on"), "\($0)")] } ?? [])
        case .objectionDecided(let upheld, let text):
            return [(l("决定", "Decision"), upheld ? l("同意异议", "objection upheld") : l("不同意异议", "objection rejected"))]
                + note(text)
        case .classified(let type, let track):
            return [(l("类型", "Type"), label(type.rawValue) + (track.map { l("（第\($0)途径）", " (track \($0))") } ?? ""))]
        case .handlerAssigned(let user, let recusal):
            return [(l("承办人", "Handler"), user + (recusal ? l("（已回避审查）", " (recusal checked)") : ""))]
        case .hearingStarted(let on), .rereviewHearingStarted(let on):
            return [(l("听证开始", "Hearing from"), "\(on)")]
        case .hearingEnded(let on), .rereviewHearingEnded(let on):
            return [(l("听证结束", "Hearing until"), "\(on)")]
        case .mediationStarted:
            return []
        case .agreementRecorded(let kind, let text):
            return [(l("协议类型", "Kind"), label(kind.rawValue)), (l("协议内容", "Agreement"), text),
                    document(kind == .mediation ? "调解协议书" : "和解协议书",
                             kind == .mediation ? "mediation agreement" : "settlement agreement")]
        case .mediationEnded(let text):
            return note(text)
        case .deadlineExtended(let days, let reason, let newDue):
            return [(l("延长", "Extended by"), l("\(days)日", "\(days) days")), (l("新的期限", "New due date"), "\(newDue)"),
                    (l("延期理由", "Reason"), reason), (l("批准", "Approved by"), event.actor.user),
                    document("延期告知书", "notice of extension")]
        case .opinionIssued(let outcome, let opinion, let basis, let measures):
            return [(l("处理结果", "Outcome"), label(outcome.rawValue)), (l("处理意见", "Opinion"), opinion),
                    (l("法律政策依据", "Legal basis"), basis)]
                + (measures.isEmpty ? [] : [(l("三到位一处理", "Measures"), measures.map { label($0.rawValue) }
                    .joined(separator: zh ? "、" : ", "))])
                + [document("信访事项处理意见书", "handling opinion")]
        case .replyDelivered(let on):
            return [(l("送达日期", "Delivered on"), "\(on)")]
        case .completionReported(let text):
            return note(text)
        case .reviewRequested(let on, let to), .rereviewRequested(let on, let to):
            return [(l("请求日期", "Requested on"), "\(on)"), (l("受理机关", "Organ"), organ(to))]
        case .reviewOpinionIssued(let outcome, let opinion):
            return [(l("复查结果", "Outcome"), label(outcome.rawValue)), (l("复查意见", "Opinion"), opinion),
                    document("复查意见书", "review opinion")]
        case .rereviewOpinionIssued(let outcome, let opinion):
            return [(l("复核结果", "Outcome"), label(outcome.rawValue)), (l("复核意见", "Opinion"), opinion),
                    document("复核意见书", "re-review opinion")]
        case .withdrawn(let text):
            return [(l("撤回说明", "Withdrawal"), text)]
        case .incidentRecorded(let kind, let text):
            return [(l("行为", "Conduct"), label(kind.rawValue))] + note(text)
        case .followUpRecorded(let kind, let text):
            return [(l("工作类型", "Kind"), label(kind.rawValue)), (l("工作情况", "What was done"), text)]
        case .supervisionOrdered(let to, let suggestion, let reason, let due):
            // A policy or accountability suggestion goes, and is answered, elsewhere than the
            // organ supervised (Art 40 paras 2–4): named as its paragraph names it.
            let addressees = data.directory.addressees(of: suggestion, concerning: to, issuedBy: event.actor.organ)
            let sentTo: [Detail] = suggestion == .improveWork || addressees.isEmpty ? []
                : [(l("建议送", "Sent to"), addressees.map(organ).joined(separator: zh ? "、" : ", "))]
            return [(l("被督办机关", "Organ"), organ(to)), (l("建议", "Suggestion"), label(suggestion.rawValue))] + sentTo
                + [(l("督办事由", "Reason"), reason), (l("反馈期限", "Feedback due"), "\(due)"),
                   document("督办单", "supervision order")]
        case .feedbackRecorded(let order, let adoption, let text):
            return [(l("督办单", "Order"), l("第\(order)号", "no. \(order)")),
                    (l("采纳情况", "Adoption"), label(adoption.rawValue)),
                    (l("反馈内容及理由", "Answer and reasons"), text)]
        case .supervisionListed(let due, let text):
            return [(l("整改期限", "Rectify by"), "\(due)"), (l("事由", "Reason"), text)]
        case .leaderAssigned(let name):
            return [(l("包案领导", "Leader"), name)]
        case .corrected(let field, let old, let new, let reason):
            // A supervisor sees an identity number or phone masked here too.
            let personal = field == .idNumber || field == .phone
            func shown(_ text: String?) -> String { masked && personal ? PersonalData.mask(text) : (text ?? "") }
            return [(l("更正项目", "Field"), label(field.rawValue)), (l("原内容", "Was"), shown(old).isEmpty ? "—" : shown(old)),
                    (l("更正为", "Now"), shown(new).isEmpty ? "—" : shown(new)), (l("更正理由", "Reason"), reason)]
        case .voided(let seq, let reason):
            return [(l("作废记录", "Voided record"), "#\(seq)"), (l("理由", "Reason"), reason)]
        case .linked(let to, let kind):
            return [(l("关联案件", "Linked to"), "\(to)"), (l("关系", "Relation"), label(kind.rawValue))]
        case .recordsLost(let seqs, let text):
            return [(l("丢失记录", "Records lost"), seqs.map { "#\($0)" }.joined(separator: " ")), (l("说明", "Note"), text)]
        case .recoveryReviewed(let text):
            return [(l("复核说明", "Review note"), text)]
        case .earlierCaseFlagged(let kind, let ref):
            return [(l("在先案件", "Earlier case"), (ref.map { "\($0) " } ?? "") + kind.title.text(language)
                     + l("（", " (") + data.articles.short(kind.rule, language) + l("）", ")"))]
        case .differentMatterRecorded(let ref, let reason):
            return [(l("在先案件", "Earlier case"), "\(ref)"), (l("不属同一事项的理由", "How it differs"), reason)]
        case .supplementRequested(let due, let text):
            return [(l("补正期限", "Supplement by"), "\(due)"), (l("需补正的内容", "To supply"), text),
                    document("补正告知书", "request for a supplement")]
        case .supplementReceived(let facts, let reasons, let phone, let text):
            return (facts.map { [(l("补正的事实", "Facts supplied"), $0)] } ?? [])
                + (reasons.map { [(l("补正的理由", "Reasons supplied"), $0)] } ?? [])
                + (phone.map { [(l("补正的联系电话", "Phone supplied"), masked ? PersonalData.mask($0) : $0)] } ?? [])
                + note(text)
        case .executionRecorded(let text):
            return [(l("执行情况", "Carried out"), text)]
        case .rehandlingOrdered(let text):
            return [(l("重新办理", "Handled again"), l("复查撤销原处理意见，原办理机关重新办理", "the review revoked the opinion; handled again"))]
                + note(text)
        case .rated(let satisfaction, let text):
            return [(l("信访人评价", "Petitioner's rating"), ChoiceLabels.label(satisfaction.rawValue, language))] + note(text)
        case .documentIssued(let kind, _, let to, let delivery, let digest):
            return [(l("出具文书", "Issued"), kind.title.text(language)),
                    (l("送达对象", "To"), kind.toOrgan ? data.directory.names(recipients: to, language) : (masked ? PersonalData.mask(to) : to)),
                    (l("送达方式", "Delivery"), delivery.label.text(language)),
                    (l("核验码", "Code"), DocumentCode.of(digest: digest))]
        }
    }
}
