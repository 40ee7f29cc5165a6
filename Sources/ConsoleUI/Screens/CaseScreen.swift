import PetitionCore
import PetitionDocuments

/// A case as a handler works from it: every field of the petition, the request, facts
/// and reasons in full, the opinion, the cases linked to it either way, the running
/// clocks and the actions the law allows now (and this user may take), and the timeline
/// with what each step did. Long texts wrap by display width; the screen scrolls by line
/// (↑↓ PgUp PgDn Home End). `xinfang show` prints the same lines.
package enum CaseScreen {
    /// Rows of the case's body on a screen whose lists page by `pageSize`.
    static func page(_ pageSize: Int) -> Int { pageSize + 2 }

    /// The case's lines at `width` columns, wrapped, each with its style; `printed` for
    /// `xinfang show`, whose reader has no key to press.
    package static func lines(_ state: AppState, _ data: ConsoleData, _ number: CaseNumber,
                              width: Int, printed: Bool = false) -> [(String, StyleRole)] {
        let lang = state.language
        let zh = lang == .zh
        guard let c = data.state(number) else { return [(zh ? "找不到案件 \(number)" : "No case \(number)", .overdue)] }
        var out: [(String, StyleRole)] = []
        let width = max(20, width)
        /// A text after its label, wrapped; its continuation rows indented under the text.
        func field(_ label: String, _ text: String, indent: Int = 2, style: StyleRole = .normal) {
            let head = String(repeating: " ", count: indent) + label
            let room = width - DisplayWidth.of(head)
            if room >= 16, !text.contains("\n"), DisplayWidth.of(text) <= room {
                out.append((head + text, style))
                return
            }
            // Long or many-lined: under its label, wrapped at the width.
            out.append((String(head.reversed().drop { $0 == " " }.reversed()), style))
            let pad = String(repeating: " ", count: indent + 2)
            for row in DisplayWidth.wrap(text, to: width - indent - 2) { out.append((pad + row, style)) }
        }
        func heading(_ text: String) {
            if !out.isEmpty { out.append(("", .normal)) }
            out.append((text, .title))
        }
        func cite(_ rule: RuleID) -> String { data.articles.citation(rule, lang) }
        out.append(("\(number)  \(number.spoken(data.directory, lang))", .title))
        out.append(((zh ? "状态：" : "State: ") + c.effectivePhase(asOf: data.today, calendar: data.calendar).title.text(lang)
                    + (zh ? "    现由：" : "    Held by: ") + data.directory.name(c.holder, lang)
                    + (c.handler.map { (zh ? "    承办人：" : "    Handler: ") + $0 } ?? ""), .normal))
        if c.flags.contains(.incomplete) {
            field("", zh ? "记录不全：日志恢复时丢失了本案件的记录，须督办人员复核恢复后方可办理"
                         : "Incomplete: records lost in a log recovery; a supervisor must review it", indent: 0, style: .overdue)
        }
        if !c.flags.isEmpty {
            field(zh ? "标记：" : "Flags: ", c.flags.sorted().map { $0.title.text(lang) }.joined(separator: zh ? "、" : ", "), indent: 0)
        }
        for line in earlierLines(c, articles: data.articles, lang, printed: printed) {
            field(line.label, line.text, indent: 0, style: line.style)
        }
        let visible = data.contentVisible(c)
        if let p = c.petition {
            heading(zh ? "信访事项" : "Petition")
            out.append(("  " + (zh ? "渠道：" : "Channel: ") + ChoiceLabels.label(p.channel.rawValue, lang) + "  "
                        + (zh ? "收到：" : "received ") + "\(p.receivedOn)" + (zh ? "    登记机关：" : "    Registered at: ")
                        + data.directory.name(p.organ, lang), .normal))
            if let sender = c.sender {
                let on: String = c.sentOn.map { zh ? "（\($0)）" : " (\($0))" } ?? ""
                out.append(("  " + (zh ? "转交来自：" : "Sent by: ") + data.directory.name(sender, lang) + on, .normal))
            }
            if visible {
                petitioner(p, c, data, lang, width: width, into: &out)
            } else {
                out.append((zh ? "  （检举控告内容依第30条不向本岗位显示）" : "  (Accusation content withheld under Art 30)", .hint))
            }
            let type = c.matterType.map { ChoiceLabels.label($0.rawValue, lang) } ?? ""
            out.append(("  " + (zh ? "类别：" : "Category: ") + (data.categories[p.category]?.name(lang) ?? p.category)
                        + (zh ? "    类型：" : "    Type: ") + type + (c.track.map { zh ? "（第\($0)途径）" : " (track \($0))" } ?? ""),
                        .normal))
            if visible {
                field(zh ? "信访请求：" : "Request: ", p.request)
                field(zh ? "事实：" : "Facts: ", p.facts.isEmpty ? "—" : p.facts)
                field(zh ? "理由：" : "Reasons: ", p.reasons.isEmpty ? "—" : p.reasons)
            }
        }
        if let o = c.opinion, visible {
            heading((zh ? "处理意见（" : "Handling opinion (") + "\(o.on)" + (zh ? "）" : ")"))
            field(zh ? "处理结果：" : "Outcome: ", ChoiceLabels.label(o.outcome.rawValue, lang))
            field(zh ? "处理意见：" : "Opinion: ", o.text)
            field(zh ? "法律政策依据：" : "Legal basis: ", o.basis)
            if !o.measures.isEmpty {
                field(zh ? "三到位一处理：" : "Measures: ",
                      o.measures.map { ChoiceLabels.label($0.rawValue, lang) }.joined(separator: zh ? "、" : ", "))
            }
        }
        let linkedFrom = data.linkedFrom(number)
        if !c.links.isEmpty || !linkedFrom.isEmpty {
            heading(zh ? "关联案件" : "Linked cases")
            for link in c.links {
                out.append(("  " + (zh ? "本案关联 " : "This case → ") + "\(link.to)" + "  "
                            + ChoiceLabels.label(link.kind.rawValue, lang) + describe(link.to, data, lang), .normal))
            }
            for link in linkedFrom {
                out.append(("  " + "\(link.to)" + (zh ? " 关联本案  " : " → this case  ")
                            + ChoiceLabels.label(link.kind.rawValue, lang) + describe(link.to, data, lang), .normal))
            }
        }
        heading(zh ? "期限（截至\(data.today)）" : "Clocks (as of \(data.today))")
        let clocks = c.clocks(asOf: data.today, calendar: data.calendar, directory: data.directory)
        if clocks.isEmpty { out.append((zh ? "  无正在计算的期限" : "  none running", .hint)) }
        for k in clocks {
            let marks = (k.provisional ? (zh ? " 暂定" : " provisional") : "") + (k.paused ? (zh ? " 暂停" : " paused") : "")
            // A 督办's feedback clock names its order: a case may have several open at once.
            let order = k.order.map { zh ? "（第\($0)号）" : " (no. \($0))" } ?? ""
            let title = k.kind.title.text(lang) + order
            out.append(("  " + DisplayWidth.pad(title, to: max(16, DisplayWidth.of(title) + 1)) + "\(k.due)\(marks)  "
                        + DisplayWidth.pad(Console.daysLeft(k, lang), to: 12) + cite(k.rule), Console.urgency(k)))
            if let from = deliveryLine(k.kind, c, data, number, lang) { out.append((from, .hint)) }
        }
        heading(printed ? (zh ? "现在可以办理（xinfang act 案件编号 操作）" : "Allowed now (xinfang act CASE ACTION)")
                        : (zh ? "现在可以办理（按 a 办理）" : "Allowed now (press a to act)"))
        let allowed = allowed(c, data)
        if allowed.isEmpty {
            out.append((printed ? (zh ? "  您现在没有可办理的操作（xinfang act 案件编号 查看原因）" : "  nothing you may do now (xinfang act CASE shows why)")
                                : (zh ? "  您现在没有可办理的操作（按 a 查看原因）" : "  nothing you may do now (a shows why)"), .hint))
        }
        // At least two spaces after the longest title (报告重大紧急事项 is 16 wide).
        let titleWidth = max(16, (allowed.map { DisplayWidth.of(ActionCatalog.spec($0).title.text(lang)) }.max() ?? 0) + 2)
        for a in allowed {
            out.append(("  " + DisplayWidth.pad(ActionCatalog.spec(a).title.text(lang), to: titleWidth)
                        // The first article only (第22条第1款第1项等): the action's form cites them all.
                        + DisplayWidth.pad(a.rawValue, to: 24) + data.articles.short(a.rule, lang), .normal))
        }
        heading(zh ? "办理记录" : "Timeline")
        // A record may hold several events (a registration and its earlier-case flags): each
        // step takes the next of its record's events that records its action.
        var events = Dictionary(grouping: data.history(number), by: \.seq)
        func event(of step: CaseState.Step) -> CaseEvent? {
            guard let i = events[step.seq]?.firstIndex(where: { $0.body.action == step.action }) else { return nil }
            return events[step.seq]?.remove(at: i)
        }
        for e in c.steps {
            let voided = c.voided.contains(e.seq) ? (zh ? "（已作废）" : " (voided)") : ""
            let when = String(e.at.beijingDescription.prefix(16).map { $0 == "T" ? " " : $0 })
            out.append(("  " + DisplayWidth.pad("\(e.seq)", to: 7) + when
                        // At least one space after the account, however long ("supervisor" is 10).
                        + "  " + DisplayWidth.pad(e.actor.user, to: max(10, DisplayWidth.of(e.actor.user) + 1))
                        + DisplayWidth.pad(ActionCatalog.spec(e.action).title.text(lang) + voided,
                                           to: max(18, DisplayWidth.of(ActionCatalog.spec(e.action).title.text(lang) + voided) + 1))
                        + data.articles.short(e.rule, lang), .normal))
            // What the step did, unless the content is withheld (Art 30): a note or an
            // opinion can name the accuser as well as the registration does.
            guard visible, let event = event(of: e) else { continue }
            for detail in TimelineDetails.details(event, data, lang) {
                field(detail.label + (zh ? "：" : ": "), detail.text, indent: 9, style: voided.isEmpty ? .normal : .hint)
            }
        }
        return out
    }

    /// What registration found and what is missing, with the article, until the clerk settles
    /// it (decision 0017), as label and text: the earlier case first, so that 80 columns show
    /// it whole; a settled flag says how it was settled, an open one what settles it (by key
    /// on the screen, by command when `printed`). The case screen, `show` and `register` say it.
    package static func earlierLines(_ c: CaseState, articles: ArticleCatalog, _ lang: Language,
                                     printed: Bool) -> [(label: String, text: String, style: StyleRole)] {
        let zh = lang == .zh
        var lines: [(label: String, text: String, style: StyleRole)] = []
        let open = c.openEarlierFlags
        for flag in c.earlierFlags {
            let leapfrog = flag.kind == .leapfrog
            let settled: String = switch flag.settled {
            case .notAccepted: zh ? " —— 已不予受理" : " — not accepted"
            case .differentMatter: zh ? " —— 已认定不属同一事项" : " — found a different matter"
            case .linked: zh ? " —— 已作为重复访关联" : " — linked as a repeat"
            case nil: ""
            }
            let ref = flag.ref.map { leapfrog ? (zh ? "（以在先案件 \($0) 的办理层级计）" : " (by the level handling \($0))") : "\($0) " }
            lines.append((zh ? "在先案件提示：" : "Earlier case: ",
                          (leapfrog ? "" : ref ?? "") + flag.kind.title.text(lang)
                              + (zh ? "（" : " (") + articles.short(flag.kind.rule, lang) + (zh ? "）" : ")")
                              + (leapfrog ? ref ?? "" : "") + settled,
                          open.contains(flag) ? .overdue : .normal))
            guard open.contains(flag), !leapfrog, flag.ref != nil else { continue }
            let link = printed ? "link --kind repeats" : "L"
            lines.append(("  ", flag.kind == .repeatPetition
                    ? (zh ? "待判断：同一事项的，关联（\(link)）；不属同一事项的，记录不属同一事项（different-matter）"
                          : "To decide: link it (\(link)) if the same matter; record a different matter (different-matter) if not")
                    : (zh ? "待判断：同一事项的，不予受理（not-accept）；不属同一事项的，记录不属同一事项（different-matter）"
                          : "To decide: not-accept if the same matter; record a different matter (different-matter) if not"),
                          .hint))
        }
        let missing = c.petition?.missingContent ?? []
        if !missing.isEmpty {
            lines.append(("", (zh ? "内容不全（" : "Incomplete (") + articles.short(.intakeContent, lang) + (zh ? "）：" : "): ")
                              + missing.map { $0.title.text(lang) }.joined(separator: zh ? "、" : ", ")
                              + (printed ? (zh ? "，可告知补正（request-supplement）" : "; ask for a supplement (request-supplement)")
                                         : (zh ? "，可告知补正" : "; ask for a supplement")),
                          .overdue))
        }
        return lines
    }

    /// The actions the law allows on the case now that this user may take.
    package static func allowed(_ c: CaseState, _ data: ConsoleData) -> [ActionKind] {
        // Documents are issued with `p`, from a preview, not from a form (issue 15).
        Workflow.actions(for: c).filter { $0 != .issueDocument && ActionForm.refusal($0, on: c, data) == nil }
    }

    /// The petitioner, a group's size and representatives, and the accused, as this user may
    /// see them: identity numbers and phones masked, the address withheld, for a supervisor and
    /// for another organ's staff on a case their organ has had no part in (decision 0031).
    private static func petitioner(_ p: Petition, _ c: CaseState, _ data: ConsoleData, _ lang: Language, width: Int,
                                   into out: inout [(String, StyleRole)]) {
        let zh = lang == .zh
        let masked = PersonalData.masked(for: data.actor, case: c, directory: data.directory)
        func id(_ person: Petitioner) -> String { masked ? PersonalData.mask(person.idNumber) : (person.idNumber ?? "") }
        func phone(_ person: Petitioner) -> String { masked ? PersonalData.mask(person.phone) : (person.phone ?? "") }
        let who = [p.petitioner.name, p.group.map { zh ? "等\($0.people)人" : "and \($0.people - 1) others" }]
            .compactMap { $0 }.joined(separator: " ")
        let kind = ChoiceLabels.label(p.petitioner.kind.rawValue, lang)
        out.append(("  " + (zh ? "信访人：" : "Petitioner: ") + (who.isEmpty ? "—" : who) + (zh ? "（\(kind)）" : " (\(kind))"),
                    .normal))
        // The petitioner's own ID, phone and address, a group's petitioner too.
        let person = p.petitioner
        // The address withheld where the ID and phone are masked (as an export withholds it).
        let address = masked && !(person.address ?? "").isEmpty ? PersonalData.withheld : (person.address ?? "")
        let parts = [id(person), phone(person), address].filter { !$0.isEmpty }
        out.append(("    " + (parts.isEmpty ? (zh ? "（未留证件、电话、住址）" : "(no ID, phone or address)")
                                            : parts.joined(separator: "  ")), .normal))
        if let g = p.group {
            out.append(("  " + (zh ? "集体访：\(g.people)人，代表\(g.representatives.count)人"
                                   : "Group visit: \(g.people) people, \(g.representatives.count) representatives"), .normal))
            for (i, person) in g.representatives.enumerated() {
                out.append(("    " + (zh ? "代表\(i + 1)：" : "Rep \(i + 1): ")
                            + [person.name, id(person), phone(person)].compactMap { $0 }.filter { !$0.isEmpty }
                    .joined(separator: "  "), .normal))
            }
        }
        if c.matterType == .accusation {
            let person = p.accusedPerson.map { [$0.name, $0.post, $0.organ.map { data.directory.name($0, lang) }]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "  ") }
            let organ = p.accusedOrgan.map { data.directory.name($0, lang) }
            let parts = [organ, person].compactMap { $0 }
            out.append(("  " + (zh ? "被检举控告：" : "Accused: ")
                        + (parts.isEmpty ? (zh ? "未登记（可更正补录）" : "not recorded (add by correction)")
                                         : parts.joined(separator: zh ? "；" : "; ")), .normal))
        }
    }

    /// The other case of a link in brief: its state and holder.
    private static func describe(_ number: CaseNumber, _ data: ConsoleData, _ lang: Language) -> String {
        guard let other = data.state(number) else { return "" }
        return "  " + other.effectivePhase(asOf: data.today, calendar: data.calendar).title.text(lang) + "  "
            + data.directory.name(other.holder, lang)
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ number: CaseNumber) {
        let all = lines(state, data, number, width: grid.columns - 2)
        let page = page(Console.pageSize(rows: grid.rows))
        let start = min(state.detailScroll, max(0, all.count - page))
        for (i, (text, style)) in all.dropFirst(start).prefix(page).enumerated() {
            grid.put(DisplayWidth.truncate(text, to: grid.columns - 2), row: 1 + i, column: 1, style: style)
        }
        if all.count > page {
            // Where the page is in the case, on the title bar: the body keeps every row.
            let zh = state.language == .zh
            let shown = zh ? "第\(start + 1)–\(min(all.count, start + page))行/共\(all.count)行 "
                           : "lines \(start + 1)–\(min(all.count, start + page)) of \(all.count) "
            grid.put(shown, row: 0, column: grid.columns - DisplayWidth.of(shown), style: .title)
        }
    }

    /// The delivery a petitioner's window counts from (Arts 35, 36): which document's, issued
    /// when, with its code — or that the reply was delivered without one issued here (issue 15).
    static func deliveryLine(_ kind: ClockKind, _ c: CaseState, _ data: ConsoleData, _ number: CaseNumber,
                             _ lang: Language) -> String? {
        let zh = lang == .zh
        let document: DocumentKind, delivered: Day?
        switch kind {
        case .reviewWindow: (document, delivered) = (.handlingOpinion, c.deliveredOn)
        case .rereviewWindow: (document, delivered) = (.reviewOpinion, c.review?.deliveredOn)
        default: return nil  // only the petitioner's request windows count from a delivery
        }
        guard let delivered else { return nil }
        let issued = CaseDocuments(events: data.history(number)).issued.last { $0.kind == document }
        let title = document.title.text(lang)
        guard let issued else {
            return zh ? "    自\(title)送达之日 \(delivered) 起算（本系统未出具该文书）"
                      : "    from delivery of the \(title.lowercased()) on \(delivered) (not issued here)"
        }
        return zh ? "    自\(title)（\(issued.on)出具，核验码 \(issued.code)）送达之日 \(delivered) 起算"
                  : "    from delivery on \(delivered) of the \(title.lowercased()) issued \(issued.on), code \(issued.code)"
    }
}
