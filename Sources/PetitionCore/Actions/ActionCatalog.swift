/// One input field of an action, as the command line and the console's forms ask for it.
package struct FieldSpec: Sendable {
    package enum Kind: Sendable {
        case text, organ, integer, day, yesNo, caseNumber
        case choice([String])
        case choices([String])
    }

    package var name: String
    package var kind: Kind
    package var required: Bool
    package var help: Localized

    init(_ name: String, _ kind: Kind, required: Bool = true, _ zh: String, _ en: String) {
        self.name = name
        self.kind = kind
        self.required = required
        help = Localized(zh, en)
    }
}

/// An action as users see it: a title, what it does in plain words, its fields and its rule.
package struct ActionSpec: Sendable {
    package var kind: ActionKind
    package var title: Localized
    package var help: Localized
    package var fields: [FieldSpec]
    package var rule: RuleID { kind.rule }
}

/// The catalogue of actions, read by `xinfang act --help` and the console's action forms.
package enum ActionCatalog {
    private static let note = FieldSpec("note", .text, required: false, "说明", "note")
    private static let on = FieldSpec("on", .day, required: false, "日期（默认今天）", "date (default today)")
    private static let to = FieldSpec("to", .organ, "去向机关代码", "destination organ code")

    /// The action's spec; its texts say the terms of `terms` (the regulation's by default).
    package static func spec(_ kind: ActionKind, terms: StatutoryTerms = .regulation) -> ActionSpec {
        func s(_ zh: String, _ en: String, _ helpZh: String, _ helpEn: String, _ fields: [FieldSpec] = []) -> ActionSpec {
            ActionSpec(kind: kind, title: Localized(zh, en), help: Localized(helpZh, helpEn), fields: fields)
        }
        switch kind {
        case .register:
            return s("登记", "register", "登记一件信访事项（用 xinfang register）", "Register a petition (use xinfang register)")
        case .transfer:
            return s("转送", "transfer", "转送本级或下级有权处理的机关，无需报告结果", "Send to the competent organ at this level or below; no report back", [to, note])
        case .assign:
            return s("交办", "assign", "交办有权处理的机关，限期办结并报送办结报告", "Assign with a deadline; the organ must send a completion report",
                     [to, FieldSpec("days", .integer, "办结期限（天）：" + terms.assignment.text.zh,
                                    "deadline in days: " + terms.assignment.text.en), note])
        case .referPoliticalLegal:
            return s("移交政法部门", "refer to political-legal", "涉法涉诉事项移交政法部门", "Refer a litigation-related matter to the political-legal department", [to, note])
        case .referDiscipline:
            return s("移交纪检监察", "refer to discipline", "检举控告移交纪检监察机关", "Refer an accusation to the discipline inspection organ", [to, note])
        case .escalate:
            return s("报告重大紧急事项", "escalate", "重大、紧急事项提出建议报同级党委政府", "Report a major or urgent matter to the Party committee and government with a proposal",
                     [FieldSpec("proposal", .text, "处理建议", "proposed course")])
        case .redirect:
            return s("告知向有权机关提出", "redirect", "不属本系统的事项，告知信访人向有权机关提出", "Tell the petitioner which organ to go to (outside this system)",
                     [FieldSpec("to", .text, "应向哪个机关提出", "the organ to go to"), note])
        case .notAccept:
            return s("不予受理", "not accept", "同一事项在下级机关办理中，或已复核终结，不予受理并告知",
                     "Not accepted: pending at a lower organ, or already final; the petitioner is told",
                     [FieldSpec("reason", .choice(NonAcceptance.allCases.map(\.rawValue)), "理由", "reason"),
                      FieldSpec("ref", .caseNumber, "原案件编号", "the earlier case number"), note])
        case .receive:
            return s("接收", "receive", "记录收到转送、交办的事项", "Record receipt of a transferred or assigned matter", [on])
        case .accept:
            return s("受理告知", "accept", "书面告知信访人已受理及办理途径和程序", "Give written notice of acceptance, route and procedure",
                     [FieldSpec("route", .text, "办理途径和程序", "route and procedure"), on])
        case .object:
            return s("提出异议", "object", "不属本机关职权范围的，\(terms.objection.text.zh)内提出异议",
                     "Object within \(terms.objection.text.en): not within this organ's remit",
                     [FieldSpec("reason", .text, "理由", "reason"), on])
        case .decideObjection:
            return s("处理异议", "decide objection", "转送机关决定是否同意异议", "The sending organ decides on the objection",
                     [FieldSpec("upheld", .yesNo, "是否同意（yes/no）", "upheld (yes/no)"), note])
        case .classify:
            return s("分类", "classify", "分为建议意见、检举控告、申诉求决三类；申诉求决选择法定途径1至6",
                     "Classify as suggestion, accusation or grievance; a grievance gets track 1 to 6",
                     [FieldSpec("type", .choice(MatterType.allCases.map(\.rawValue)), "类型", "type"),
                      FieldSpec("track", .integer, required: false, "法定途径（1诉讼复议 2仲裁 3党员申诉 4行政程序 5履职 6其他）",
                                "track (1 litigation… 4 administrative, 5 duty, 6 other)")])
        case .assignHandler:
            return s("确定承办人", "assign handler", "确定承办人，须先进行回避审查", "Name the handler after the recusal check",
                     [FieldSpec("user", .text, "承办人", "handler"),
                      FieldSpec("recusal-checked", .yesNo, "已进行回避审查（yes）", "recusal check done (yes)")])
        case .startHearing:
            return s("开始听证", "start hearing", "重大、复杂、疑难事项举行听证", "Hold a hearing on a major, complex or difficult matter", [on])
        case .endHearing:
            return s("结束听证", "end hearing", "听证结束", "The hearing ends", [on])
        case .startMediation:
            return s("开始调解", "start mediation", "经双方同意进行调解", "Mediate with both parties' consent")
        case .recordAgreement:
            return s("达成协议", "record agreement", "制作调解协议书或和解协议书，办理终结", "A mediation or settlement agreement ends handling",
                     [FieldSpec("kind", .choice(AgreementKind.allCases.map(\.rawValue)), "协议类型", "kind"),
                      FieldSpec("text", .text, "协议内容", "agreement text")])
        case .endMediation:
            return s("调解未成", "end mediation", "调解未达成协议，继续办理", "Mediation failed; handling continues", [note])
        case .extend:
            let most = terms.handlingExtension.most
            return s("延期", "extend", "经本机关负责人批准延长一次，不超过\(most)日，并告知信访人理由（只适用于第31条第6项事项）",
                     "Extend once, at most \(most) days, approved by the organ head; the petitioner is told why (Art 31 item 6 matters only)",
                     [FieldSpec("days", .integer, "延长天数（不超过\(most)）", "days (at most \(most))"),
                      FieldSpec("reason", .text, "延期理由", "reason")])
        case .issueOpinion:
            return s("出具处理意见", "issue opinion", "出具处理意见书：支持、解释说明或不予支持", "Issue the handling opinion: support, explain, or not support",
                     [FieldSpec("outcome", .choice(Outcome.allCases.map(\.rawValue)), "处理结果", "outcome"),
                      FieldSpec("opinion", .text, "处理意见", "opinion"),
                      FieldSpec("basis", .text, "法律政策依据", "legal basis"),
                      FieldSpec("measures", .choices(Measure.allCases.map(\.rawValue)), "三到位一处理（逗号分隔）", "measures (comma-separated)")])
        case .deliver:
            return s("送达", "deliver", "书面答复送达信访人", "The written reply is delivered to the petitioner", [on])
        case .reportCompletion:
            return s("收到办结报告", "report completion", "交办机关收到办结报告", "The assigning organ receives the completion report", [note])
        case .requestReview:
            return s("受理复查请求", "request review", "收到书面答复\(terms.reviewWindow.text.zh)内请求上一级机关复查",
                     "Review requested from the organ above within \(terms.reviewWindow.text.en) of the reply", [on])
        case .issueReviewOpinion:
            return s("出具复查意见", "issue review opinion", "收到复查请求\(terms.review.text.zh)内出具复查意见",
                     "Issue the review opinion within \(terms.review.text.en)",
                     [FieldSpec("outcome", .choice(ReviewOutcome.allCases.map(\.rawValue)), "复查结果", "outcome"),
                      FieldSpec("opinion", .text, "复查意见", "opinion")])
        case .requestRereview:
            return s("受理复核请求", "request re-review", "收到复查意见\(terms.rereviewWindow.text.zh)内请求上一级机关复核",
                     "Re-review requested from the organ above within \(terms.rereviewWindow.text.en)", [on])
        case .startRereviewHearing:
            return s("开始复核听证", "start re-review hearing", "复核听证，听证时间不计入复核期限", "Re-review hearing; its time is not counted", [on])
        case .endRereviewHearing:
            return s("结束复核听证", "end re-review hearing", "复核听证结束，复核期限继续计算", "The hearing ends; the re-review clock resumes", [on])
        case .issueRereviewOpinion:
            return s("出具复核意见", "issue re-review opinion", "出具复核意见，送达后信访事项终结", "Issue the re-review opinion; final once delivered",
                     [FieldSpec("outcome", .choice(ReviewOutcome.allCases.map(\.rawValue)), "复核结果", "outcome"),
                      FieldSpec("opinion", .text, "复核意见", "opinion")])
        case .withdraw:
            return s("撤回", "withdraw", "信访人书面撤回信访事项", "The petitioner withdraws in writing",
                     [FieldSpec("note", .text, "书面撤回说明", "the written withdrawal")])
        case .recordIncident:
            return s("记录违法行为", "record incident", "记录走访中的违法行为，不影响登记", "Log prohibited conduct at a visit; registration is unaffected",
                     [FieldSpec("kind", .choice(Conduct.allCases.map(\.rawValue)), "行为类型", "kind"), note])
        case .recordFollowUp:
            return s("记录后续工作", "record follow-up", "不予受理或终结后的教育疏导、矛盾化解、帮扶救助",
                     "Education, dispute resolution or assistance after non-acceptance or finality",
                     [FieldSpec("kind", .choice(FollowUpKind.allCases.map(\.rawValue)), "工作类型", "kind"),
                      FieldSpec("note", .text, "工作情况", "what was done")])
        case .orderSupervision:
            return s("督办", "order supervision", "发督办单，提出改进工作、完善政策或追究责任的建议",
                     "Issue a supervision order: improve work, improve policy, or pursue accountability",
                     [FieldSpec("organ", .organ, "被督办机关", "organ supervised"),
                      FieldSpec("suggestion", .choice(Suggestion.allCases.map(\.rawValue)), "建议", "suggestion"),
                      FieldSpec("reason", .text, "督办事由", "reason"),
                      FieldSpec("days", .integer, required: false,
                                "反馈期限（天）：默认\(terms.supervisionFeedback.days)，\(terms.supervisionOrder.text.zh)",
                                "feedback days: default \(terms.supervisionFeedback.days), \(terms.supervisionOrder.text.en)")])
        case .recordFeedback:
            return s("记录督办反馈", "record feedback", "被建议机关书面反馈采纳情况及理由（第40条第4款）",
                     "The written answer on adoption, with reasons (Art 40 para 4)",
                     [FieldSpec("order", .integer, "督办单序号", "order number"),
                      FieldSpec("adoption", .choice(Adoption.allCases.map(\.rawValue)), "采纳情况", "adoption"),
                      FieldSpec("note", .text, "反馈内容及理由", "answer and reasons")])
        case .listSupervision:
            return s("挂牌督办", "list for supervision", "挂牌督办，限期整改", "Listed supervision with a rectification deadline",
                     [FieldSpec("days", .integer, "整改期限（天）：" + terms.listedSupervision.text.zh,
                                "days to rectify: " + terms.listedSupervision.text.en),
                      FieldSpec("note", .text, "事由", "reason")])
        case .assignLeader:
            return s("领导包案", "assign leader", "指定包案领导", "Name the leader in charge", [FieldSpec("name", .text, "包案领导", "leader")])
        case .correct:
            return s("更正", "correct", "更正登记信息，原记录保留", "Correct a registration detail; the original stays",
                     [FieldSpec("field", .choice(CorrectableField.allCases.map(\.rawValue)), "更正项目", "field"),
                      FieldSpec("value", .text, "更正后内容", "new value"), FieldSpec("reason", .text, "更正理由", "reason")])
        case .void:
            return s("作废", "void", "督办人员注明理由作废误操作记录", "A supervisor voids a mistaken record, with a reason",
                     [FieldSpec("seq", .integer, "记录序号", "record number"), FieldSpec("reason", .text, "理由", "reason")])
        case .link:
            return s("关联", "link", "关联重复信访或相关事项", "Link a repeat or related case",
                     [FieldSpec("to", .caseNumber, "关联案件编号", "the other case"),
                      FieldSpec("kind", .choice(LinkKind.allCases.map(\.rawValue)), "关系", "relation")])
        case .reviewRecovery:
            return s("复核恢复", "review recovery", "日志恢复丢失了本案件的记录：督办人员核对纸质材料后复核，案件方可继续办理",
                     "Records of this case were lost in a log recovery: a supervisor checks the paper file and reviews it, and the case can be worked on again",
                     [FieldSpec("note", .text, "复核说明（核对了哪些材料）", "review note (what was checked)")])
        case .recordLoss:
            return s("记录丢失", "records lost", "日志恢复时本案件有记录损坏丢失（由 xinfang log recover 写入）",
                     "A log recovery lost records of this case (written by xinfang log recover)")
        case .flagEarlierCase:
            return s("登记提示在先案件", "earlier case flagged",
                     "登记时发现同一信访人的在先案件或越级走访（由登记自动写入）",
                     "Registration found an earlier case of the person, or a visit that skipped a level (written by registration)")
        case .differentMatter:
            return s("不属同一事项", "a different matter",
                     "登记提示的在先案件与本件不属同一事项，另案办理；提示随之解除",
                     "The flagged earlier case is not this matter: handled as a case of its own, and the flag is settled",
                     [FieldSpec("ref", .caseNumber, "在先案件编号", "the earlier case"),
                      FieldSpec("reason", .text, "理由（事实、理由与在先案件不同之处）", "reason (how the facts and reasons differ)")])
        case .requestSupplement:
            return s("告知补正", "request supplement",
                     "告知信访人补正缺少的事实、理由或联系电话，补正期限\(terms.supplement.text.zh)",
                     "Ask the petitioner to supply the missing facts, reasons or phone, within \(terms.supplement.text.en)",
                     [FieldSpec("note", .text, "需补正的内容", "what is to be supplied")])
        case .recordSupplement:
            return s("登记补正", "record supplement", "登记信访人补正的内容，补全后缺项提示解除",
                     "Record what the petitioner supplied; the missing-content flags clear once it is complete",
                     [FieldSpec("facts", .text, required: false, "补正的事实", "facts supplied"),
                      FieldSpec("reasons", .text, required: false, "补正的理由", "reasons supplied"),
                      FieldSpec("phone", .text, required: false, "补正的联系电话", "phone supplied"), note])
        case .rehandle:
            return s("重新办理", "handle again", "复查撤销原处理意见的，原办理机关重新办理并重新答复",
                     "A review revoked the opinion: the original organ handles the matter again and replies anew",
                     [FieldSpec("note", .text, "复查意见要求", "what the review requires")])
        case .rate:
            return s("评价办理情况", "rate the handling",
                     "登记信访人对办理情况的评价（满意、基本满意、不满意），答复送达后登记一次",
                     "Record the petitioner's rating of the handling (satisfied, basically satisfied, dissatisfied), once the reply is delivered",
                     [FieldSpec("satisfaction", .choice(Satisfaction.allCases.map(\.rawValue)), "评价", "rating"), note])
        case .recordExecution:
            return s("记录执行情况", "record execution",
                     "支持信访请求的处理意见，督促有关机关执行后记录执行情况，执行期限\(terms.execution.text.zh)",
                     "A supporting opinion carried out: record how, within \(terms.execution.text.en)",
                     [FieldSpec("note", .text, "执行情况", "how it was carried out")])
        case .issueDocument:
            return s("出具文书", "issue a document",
                     "出具回执、告知书、意见书或函件并记录送达方式和核验摘要（xinfang doc，案件页按 p）",
                     "Issue a receipt, notice, opinion or letter, recording its delivery and digest (xinfang doc; p on the case screen)")
        }
    }
}
