/// The words of every rejection, in Chinese and English: one short sentence that
/// says what was wrong and what is allowed instead, then the article.
extension Rejection {
    /// `compact`: organs by their short names and the article in brief (第5条第3项), for a
    /// refusal that must fit the console's one line with its article.
    package func message(_ language: Language, articles: ArticleCatalog, directory: Directory, compact: Bool = false) -> String {
        let zh = language == .zh
        let d = details
        func organ(_ key: String) -> String { compact ? directory.shortName(d[key], language) : directory.name(d[key], language) }
        func organs(_ key: String) -> String {
            let list = (d[key] ?? "").split(separator: ",").map { directory.shortName(String($0), language) }
            return list.isEmpty ? (zh ? "无" : "none") : list.joined(separator: zh ? "、" : ", ")
        }
        // An act's `organ` is the organ it is of (被督办机关), not the petition's registering organ.
        func field() -> String {
            let name = self.field ?? ""
            if name == "organ", [.supervisionOrder, .supervisionListed].contains(rule) {
                return zh ? "被督办机关" : "organ supervised"
            }
            // A lift's note is its reason (解除理由), as its form labels it.
            if name == "note", d["lifts"] != nil { return zh ? "解除理由" : "reason for lifting" }
            return FieldLabels.label(name, language)
        }
        func actions(_ key: String) -> String {
            let list = (d[key] ?? "").split(separator: ",").compactMap { ActionKind(rawValue: String($0)) }
            let names = list.map { zh ? ActionCatalog.spec($0).title.zh : $0.rawValue }
            return names.isEmpty ? (zh ? "无" : "nothing") : names.joined(separator: zh ? "、" : ", ")
        }
        func phase(_ key: String) -> String { Phase(rawValue: d[key] ?? "")?.title.text(language) ?? "" }
        func action(_ key: String) -> String {
            if let measure = OrganMeasure(rawValue: d[key] ?? "") { return measure.label.text(language) }
            if d[key] == "supervise" { return zh ? "采取督办措施" : "take supervision acts" }
            guard let kind = ActionKind(rawValue: d[key] ?? "") else { return d[key] ?? "" }
            return ActionCatalog.spec(kind).title.text(language)
        }
        let v = { (key: String) in d[key] ?? "" }
        // A term as decided (`StatutoryTerms`, put in the details by the decider): 5个工作日.
        let term = v(zh ? "term.zh" : "term.en")

        let sentence: String = switch code {
        case .actionNotAllowedNow:
            zh ? "案件处于「\(phase("phase"))」状态，不能「\(action("action"))」；现在可以：\(actions("allowed"))"
               : "A case that is \(phase("phase")) cannot be given \"\(action("action"))\"; allowed now: \(actions("allowed"))"
        case .roleNotPermitted:
            zh ? "当前岗位（\(d["role.zh"] ?? v("role"))）无权「\(action("action"))」"
               : "The role \(d["role.en"] ?? v("role")) may not \(action("action"))"
        case .extensionNeedsOrganHead:
            zh ? "延期须经本机关负责人批准，请由机关负责人操作" : "An extension must be approved by the head of the organ"
        case .wrongOrgan:
            zh ? "本案件当前应由\(organ("organ"))办理，\(organ("actorOrgan"))不能操作"
               : "This step belongs to \(organ("organ")), not \(organ("actorOrgan"))"
        case .dateInFuture:
            zh ? "\(field())（\(v("date"))）不能晚于今天（\(v("today"))）" : "The \(field()) \(v("date")) is after today (\(v("today")))"
        case .dateBeforePreviousStep:
            zh ? "\(field())（\(v("date"))）不能早于上一步的日期（\(v("previous"))）"
               : "The \(field()) \(v("date")) is before the previous step (\(v("previous")))"
        case .beforeInForce:
            zh ? "收到日期早于2022年5月1日，不适用本条例" : "The date received is before 2022-05-01, when the regulation came into force"
        case .missingField:
            zh ? "请填写\(field())" : "Missing: \(field())"
        case .invalidValue:
            zh ? "\(field())「\(v("value"))」无效，应为\(v("expected"))" : "The \(field()) \"\(v("value"))\" is invalid; expected \(v("expected"))"
        case .forbiddenCharacter:
            v("kind") == "line"
                ? (zh ? "\(field())第\(v("position"))个字符 \(v("character")) 是控制字符、双向文字控制符或零宽字符，不能录入：姓名、证件号码、电话、地址和代码中只能有可见字符"
                      : "The \(field()) has \(v("character")) at character \(v("position")): names, ID numbers, phones, addresses and codes take visible characters only, no control, bidi or zero-width character")
                : (zh ? "\(field())第\(v("position"))个字符 \(v("character")) 是控制字符或双向文字控制符，不能录入（换行和制表符可以）"
                      : "The \(field()) has \(v("character")) at character \(v("position")): a control or bidi override character cannot be entered (line breaks and tabs can)")
        case .fieldTooLong:
            zh ? "\(field())过长：最多\(v("limit"))个字符，现为\(v("length"))个字符"
               : "The \(field()) is too long: at most \(v("limit")) characters, \(v("length")) given"
        case .invalidResidentID:
            zh ? "\(field())不是有效的18位居民身份证号码（\(IDProblemText.zh(v("problem")))）"
               : "The \(field()) is not a valid 18-digit resident ID (\(IDProblemText.en(v("problem"))))"
        case .invalidCreditCode:
            zh ? "\(field())不是有效的统一社会信用代码（\(IDProblemText.zh(v("problem")))）"
               : "The \(field()) is not a valid unified social credit code (\(IDProblemText.en(v("problem"))))"
        case .invalidPhone:
            zh ? "\(field())「\(v("phone"))」不是有效的电话号码" : "The \(field()) \"\(v("phone"))\" is not a valid phone number"
        case .unknownOrgan:
            zh ? "\(field())「\(v("organ"))」不在机关名录中（可用 xinfang organs 查看）"
               : "The \(field()) \"\(v("organ"))\" is not in the directory (see xinfang organs)"
        case .unknownCategory:
            zh ? "问题类别「\(v("category"))」不存在（可用 xinfang categories 查看）"
               : "The category \"\(v("category"))\" does not exist (see xinfang categories)"
        case .unknownCase:
            zh ? "找不到案件「\(v("case"))」" : "No case \"\(v("case"))\""
        case .groupTooManyRepresentatives:
            zh ? "多人走访应推选代表，代表人数不超过5人（现为\(v("count"))人）"
               : "A group visit chooses at most 5 representatives (\(v("count")) given)"
        case .groupTooFewPeople:
            zh ? "集体访人数应不少于2人且不少于代表人数" : "A group needs at least 2 people and no fewer than its representatives"
        case .noHandlingTerm:
            zh ? "办理期限只适用于申诉求决类第31条第6项事项，本事项没有办理期限可延长"
               : "The handling term binds only grievances under Art 31 item 6; this matter has none to extend"
        case .notFlaggedAgainst:
            zh ? "本案登记时没有待判断的在先案件\(v("case"))；不属同一事项只能就登记提示的在先案件作出"
               : "No open flag of this case names case \(v("case")); a different matter is recorded against a flagged earlier case"
        case .noEarlierFlag:
            zh ? "本案没有待判断的在先案件提示" : "This case has no open earlier-case flag"
        case .supplementAlreadyRequested:
            zh ? "已告知补正，尚未收到补正材料；收到后请登记补正" : "A supplement was already requested; record it when it arrives"
        case .nothingToSupplement:
            zh ? "本案未要求补正，内容也不缺，无需登记补正" : "No supplement was requested and nothing is missing"
        case .reviewNotRevoked:
            zh ? "复查意见未撤销原处理意见，不能重新办理" : "The review did not revoke the opinion, so the matter is not handled again"
        case .notMissing:
            zh ? "\(v("field") == "facts" ? "事实" : v("field") == "reasons" ? "理由" : "联系电话")并不缺少，补正只补缺项；要改已登记的内容请用更正（correct），原内容留在办理记录中"
               : "The petition does not lack its \(v("field")): a supplement fills only what is missing; change what is recorded with a correction (correct), which keeps the original"
        case .earlierCaseUndecided:
            zh ? "登记时提示此事项与在先案件\(v("case"))可能是同一事项（\(v("finding"))）：请先判断——同一事项的不予受理（not-accept），不属同一事项的记录不属同一事项（different-matter），再转送、交办或受理"
               : "Registration found this may be the matter of earlier case \(v("case")) (\(v("finding.en"))): decide first — not-accept if the same matter, different-matter if not — before it is transferred, assigned or accepted"
        case .notYetReplied:
            zh ? "答复尚未送达，信访人送达后才能评价办理情况" : "No reply has been delivered yet: the petitioner rates the handling after delivery"
        case .alreadyRated:
            zh ? "信访人已评价本次答复；评价录错的，请作废后重录" : "The petitioner has already rated this reply; void a rating entered in error and record it again"
        case .notAPetition:
            v("why") == "request"
                ? (zh ? "没有信访请求，不构成信访事项，不予登记；有请求的，缺事实、理由也应登记并告知补正"
                      : "There is no request, so this is not a petition; a request without facts or reasons is registered and a supplement asked for")
                : (zh ? "既无法答复信访人（姓名、住址和电话均不清），又没有可办理的事实，不构成信访事项"
                      : "There is nobody to reply to (no name, address or phone) and nothing to act on (no facts): this is not a petition")
        case .objectionAlreadyMade:
            zh ? "已对这次接收提出过异议；经核实不同意的，应予办理，不能再次提出异议"
               : "An objection to this receipt was made already; when the sender did not agree, the organ handles the matter and may not object again"
        case .notOwnSystem:
            zh ? "\(organ("from"))不是信访部门，只能转送、交办本系统的下级机关，\(organ("organ"))不在其列：请改用「告知向有权机关提出」，告知信访人向有权处理的机关提出"
               : "\(organ("from")) is not a petition department: it sends on only to lower organs of its own system, which \(organ("organ")) is not; tell the petitioner which organ to approach (redirect)"
        case .organActOutOfReach:
            zh ? "\(organ("organ"))不在\(organ("from"))的本级或下级属地，不能对其采取督办措施"
               : "\(organ("organ")) is neither \(organ("from")) nor at its level or below in its territory: no supervision act of it"
        case .caseNotOfOrgan:
            zh ? "案件\(v("case"))与\(organ("organ"))无关：所涉案件须由该机关承办、转送、交办或复查"
               : "Case \(v("case")) does not concern \(organ("organ")): cite cases it held, handled, sent or reviewed"
        case .organIsIssuer:
            zh ? "\(organ("organ"))不能督办本机关：督办针对其他机关，本机关的逾期由上级机关督办（\(articles.short(.accountabilityNotSupervising, .zh))）；可督办：\(organs("lawful"))"
               : "\(organ("organ")) may not order supervision of itself: 督办 goes to other organs, and its own lateness is for the organ above (\(articles.short(.accountabilityNotSupervising, .en))); lawful here: \(organs("lawful"))"
        case .noOrganToSupervise:
            zh ? "本案没有\(organ("from"))可督办的机关：本案只经本机关或辖区外的机关办理，不能督办本机关，本机关的逾期由上级机关督办（\(articles.short(.accountabilityNotSupervising, .zh))）"
               : "No organ \(organ("from")) may supervise on this case: only itself or organs beyond its reach have had a part; it may not supervise itself, its own lateness is for the organ above (\(articles.short(.accountabilityNotSupervising, .en)))"
        case .listedOwnOrgan:
            zh ? "本案在\(organ("organ"))办理：挂牌督办针对办理机关，不能挂牌督办本机关，本机关的逾期由上级机关督办（\(articles.short(.accountabilityNotSupervising, .zh))）"
               : "The case is with \(organ("organ")): a listing is of the organ handling it, not the issuer's own; its own lateness is for the organ above (\(articles.short(.accountabilityNotSupervising, .en)))"
        case .organNotOfCase:
            zh ? "本案未经\(organ("organ"))办理：督办对象须是本案所在或经办的机关（\(organs("lawful"))）"
               : "\(organ("organ")) has had no part in this case: supervise one that holds or handled it (\(organs("lawful")))"
        case .actNotLiftable:
            v("reason") == "lifted"
                ? (zh ? "第\(v("act"))项督办措施已于\(v("on"))解除" : "Act \(v("act")) was lifted on \(v("on"))")
                : v("reason") == "inspection"
                ? (zh ? "第\(v("act"))项是督查，不是约谈、通报或挂牌督办，无须解除"
                      : "Act \(v("act")) is an inspection, not an interview, circular or listing: nothing to lift")
                : (zh ? "没有第\(v("act"))项督办措施" : "There is no act \(v("act"))")
        case .outOfReach:
            zh ? "\(organ("organ"))不是\(organ("from"))的本级或下级属地机关，不能转送交办"
               : "\(organ("organ")) is not at the level of \(organ("from")) or below it in its territory"
        case .routeToAccused:
            zh ? "检举控告材料不得转给被检举控告的\(organ("organ"))" : "An accusation may never be sent to the accused organ \(organ("organ"))"
        case .heldByAccused:
            zh ? "本检举控告事项现由被检举控告的\(organ("organ"))持有，须先转送其他有权处理的机关或移交纪检监察机关，不得在此办理"
               : "This accusation is held by the accused organ \(organ("organ")): it must first be transferred to another competent organ or referred to the discipline organ, and is not handled there"
        case .accusedMayNotAct:
            zh ? "被检举控告的单位或人员不得办理、更正或查看本检举控告事项；只能将其转出"
               : "The accused organ or person may not handle, correct or see this accusation; they may only send it on"
        case .handlerNotStaff:
            zh ? "「\(v("user"))」不是\(organ("organ"))在册工作人员，不能指定为承办人"
               : "\"\(v("user"))\" is not on the staff of \(organ("organ")) and cannot be assigned as handler"
        case .handlerIsAccused:
            zh ? "「\(v("user"))」是被检举控告人，不能承办本事项" : "\"\(v("user"))\" is the accused person and cannot handle this matter"
        case .notAnAccusation:
            zh ? "只有检举控告类事项才移交纪检监察机关" : "Only an accusation is referred to the discipline organ"
        case .referralWrongOrganType:
            zh ? "\(organ("organ"))不是此类移交的接收机关" : "\(organ("organ")) cannot receive this referral"
        case .assignDaysInvalid:
            zh ? "交办期限应为\(term)" : "An assignment's deadline is \(term)"
        case .bureauMustTriage:
            zh ? "信访部门不直接受理，应转送、交办或移交" : "A petition department does not accept matters itself; it transfers, assigns or refers them"
        case .notPendingBelow:
            zh ? "案件\(v("case"))并未在下级机关受理或办理中，不能以此不予受理"
               : "Case \(v("case")) is not pending at a lower organ, so this is not a reason not to accept"
        case .notSamePetitioner:
            zh ? "案件\(v("case"))不是同一信访人的事项" : "Case \(v("case")) is not the same petitioner's matter"
        case .notFinal:
            zh ? "案件\(v("case"))尚未复核终结" : "Case \(v("case")) is not final after re-review"
        case .objectionWindowLapsed:
            zh ? "异议应在收到之日起\(term)内提出（截止\(v("due"))）"
               : "An objection must be made within \(term) of receipt (by \(v("due")))"
        case .trackRequired:
            zh ? "申诉求决类事项须选择法定途径（1至6）" : "A grievance needs its track (1 to 6)"
        case .trackOnlyForGrievance:
            zh ? "只有申诉求决类事项才选择法定途径" : "Only a grievance has a track"
        case .recusalNotChecked:
            zh ? "确定承办人前须进行回避审查" : "A handler is assigned only after the recusal check"
        case .extensionOnlyOnce:
            zh ? "办理期限只能延长一次" : "The handling deadline can be extended only once"
        case .extensionTooLong:
            zh ? "延长期限不得超过\(v("most"))日（现为\(v("days"))日）" : "An extension is at most \(v("most")) days (\(v("days")) given)"
        case .extensionAfterDeadline:
            zh ? "办理期限已于\(v("due"))届满，不能再延期" : "The handling deadline passed on \(v("due")); it can no longer be extended"
        case .outcomeNotForType:
            zh ? "此类事项的处理结果应为：\(v("allowed"))" : "For this kind of matter the outcome is one of: \(v("allowed"))"
        case .measuresRequired:
            zh ? "请注明三到位一处理情况（解决、解释、帮扶、依法处理）"
               : "Record what the handling achieved: solved, explained, assisted, or dealt with by law"
        case .notAssigned:
            zh ? "本案件不是交办件，无需办结报告" : "This case was not assigned, so no completion report is due"
        case .completionAlreadyReported:
            zh ? "办结报告已收到" : "The completion report is already recorded"
        case .noSuperior:
            zh ? "名录中没有\(organ("organ"))的上一级机关" : "The directory has no organ above \(organ("organ"))"
        case .reviewWindowLapsed:
            zh ? "复查请求应在收到书面答复之日起\(term)内提出（截止\(v("due"))），已逾期不予受理，请告知信访人"
               : "A review must be requested within \(term) of the reply (by \(v("due"))); it is late and not accepted — tell the petitioner"
        case .rereviewWindowLapsed:
            zh ? "复核请求应在收到复查意见之日起\(term)内提出（截止\(v("due"))），已逾期不予受理，请告知信访人"
               : "A re-review must be requested within \(term) of the review reply (by \(v("due"))); it is late and not accepted — tell the petitioner"
        case .incidentNeedsVisit:
            zh ? "违法行为只能记录在走访件上" : "Prohibited conduct is recorded against a visit"
        case .supervisionDaysInvalid:
            zh ? "期限应为\(term)" : "The deadline is \(term)"
        case .unknownSupervisionOrder:
            zh ? "没有第\(v("order"))号督办单" : "There is no supervision order \(v("order"))"
        case .feedbackAlreadyRecorded:
            zh ? "第\(v("order"))号督办单已有反馈" : "Supervision order \(v("order")) already has its feedback"
        case .suggestionNoAddressee:
            v("suggestion") == Suggestion.improvePolicy.rawValue
                ? (zh ? "机构名录中没有本级党委和政府，无法提出完善政策的建议"
                      : "The directory holds no Party committee or government of this level to receive an improve-policy suggestion")
                : (zh ? "机构名录中没有对\(v("organ"))有权处理的机关，无法提出追究责任的建议"
                      : "The directory holds no organ with authority over \(v("organ")) to receive an accountability suggestion")
        case .noOpenSupervisionOrder:
            zh ? "本案件没有待反馈的督办单" : "This case has no supervision order awaiting feedback"
        case .documentOutdated:
            zh ? "文书生成后本案件又有新记录（第\(v("latest"))号），请重新生成后再出具"
                : "The case has a newer record (\(v("latest"))) than the document was made from; make it again and issue that"
        case .nothingToExecute:
            zh ? "本案件没有待执行的支持意见" : "This case has no supporting opinion awaiting execution"
        case .voidUnknownRecord:
            zh ? "本案件没有可作废的第\(v("seq"))号记录" : "This case has no record \(v("seq")) to void"
        case .voidNotVoidable:
            zh ? "第\(v("seq"))号记录不能作废：只能作废最近一步办理记录或附注记录，登记信息请用更正"
               : "Record \(v("seq")) cannot be voided: only the latest step or an annotation can; correct registration details instead"
        case .linkToSelf:
            zh ? "案件不能关联自身" : "A case cannot be linked to itself"
        case .caseIncomplete:
            zh ? "案件\(v("case"))在日志恢复中丢失了记录，记录不全：须由督办人员核对纸质材料并复核恢复（review-recovery）后方可办理"
               : "Case \(v("case")) lost records in a log recovery and is incomplete: a supervisor must check it against the paper file and review it (review-recovery) before anyone acts on it"
        case .caseNotIncomplete:
            zh ? "本案件记录完整，无需复核恢复" : "This case is complete; there is no recovery to review"
        case .staffByAdministrator:
            zh ? "账户\(v("user"))无权变更人员：只有系统管理员或创建此日志的账户可以"
               : "Account \(v("user")) may not change the staff: only an administrator or the account that created the log may"
        case .staffExists:
            zh ? "账户\(v("user"))已在人员名单中（每个账户一条）：改角色或机关请用 staff change"
               : "Account \(v("user")) is already on the staff (one entry per account); use staff change"
        case .staffUnknown:
            zh ? "人员名单中没有账户\(v("user"))" : "There is no account \(v("user")) on the staff"
        case .clockTrainingOnly:
            zh ? "正式日志只使用系统时钟：模拟时钟只能在培训日志中拨动" : "A production log uses the system clock only; the simulated clock is for training logs"
        case .clockNotForward:
            zh ? "模拟时钟只能向后拨：现在是\(v("now"))，不能拨到\(v("to"))" : "The simulated clock only moves forward: it is \(v("now")) now, not \(v("to"))"
        case .staffTraineeInProduction:
            zh ? "培训学员只能在培训日志中使用" : "Trainees are for training logs only"
        case .staffLastAdministrator:
            zh ? "变更后将无人能管理人员：至少保留一名系统管理员" : "After this no one could manage the staff: keep at least one administrator"
        case .notStaff:
            zh ? "账户\(v("user"))不在人员名单中（或已离开）：不能登记或办理" : "Account \(v("user")) is not on the staff (or has left): it cannot register or act"
        case .numberNotThePetitions:
            zh ? "案件号\(v("case"))属于\(v("organ"))\(v("year"))年的登记：补录的信访事项须是该机关该年收到的"
               : "Case number \(v("case")) is one of \(v("organ"))'s registrations of \(v("year")): the petition entered under it must be one that organ received that year"
        }
        guard let rule else { return sentence }
        if compact { return zh ? "\(sentence)（\(articles.short(rule, .zh))）" : "\(sentence) (\(articles.short(rule, .en)))" }
        return zh ? "\(sentence)（依据\(articles.citation(rule, .zh))）" : "\(sentence) (\(articles.citation(rule, .en)))"
    }
}

enum IDProblemText {
    static func zh(_ problem: String) -> String {
        switch problem {
        case "wrongLength": "位数不对"
        case "badCharacters": "含有无效字符"
        case "badBirthDate": "出生日期不合理"
        default: "校验码不符"
        }
    }

    static func en(_ problem: String) -> String {
        switch problem {
        case "wrongLength": "wrong length"
        case "badCharacters": "invalid characters"
        case "badBirthDate": "implausible birth date"
        default: "check character does not match"
        }
    }
}
