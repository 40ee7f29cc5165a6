import PetitionCore

/// A case: who and what, every running clock with its article, the actions the law
/// allows now (and this user may take), and the timeline.
enum CaseScreen {
    static func lines(_ state: AppState, _ data: ConsoleData, _ number: CaseNumber) -> [(String, StyleRole)] {
        let lang = state.language
        let zh = lang == .zh
        guard let c = data.state(number) else { return [(zh ? "找不到案件 \(number)" : "No case \(number)", .overdue)] }
        var out: [(String, StyleRole)] = []
        out.append(("\(number)  \(number.spoken(data.directory, lang))", .title))
        out.append(((zh ? "状态：" : "State: ") + c.effectivePhase(asOf: data.today, calendar: data.calendar).title.text(lang)
                    + (zh ? "    现由：" : "    Held by: ") + data.directory.name(c.holder, lang), .normal))
        if c.flags.contains(.incomplete) {
            out.append((zh ? "记录不全：日志恢复时丢失了本案件的记录，须督办人员复核恢复后方可办理"
                           : "Incomplete: records lost in a log recovery; a supervisor must review it", .overdue))
        }
        if !c.flags.isEmpty {
            out.append(((zh ? "标记：" : "Flags: ") + c.flags.sorted().map { $0.title.text(lang) }.joined(separator: zh ? "、" : ", "), .normal))
        }
        // What registration found and what is missing, with the article, until the clerk
        // settles it (decision 0017).
        // The earlier case first, so that 80 columns show it whole.
        for flag in c.openEarlierFlags {
            out.append(((zh ? "在先案件提示：" : "Earlier case: ") + (flag.ref.map { "\($0) " } ?? "") + flag.kind.title.text(lang)
                        + (zh ? "（" : " (") + data.articles.short(flag.kind.rule, lang) + (zh ? "）" : ")"), .overdue))
        }
        let missing = c.petition?.missingContent ?? []
        if !missing.isEmpty {
            out.append(((zh ? "内容不全（" : "Incomplete (") + data.articles.short(.intakeContent, lang) + (zh ? "）：" : "): ")
                        + missing.map { $0.title.text(lang) }.joined(separator: zh ? "、" : ", ")
                        + (zh ? "，可告知补正" : "; ask for a supplement"), .overdue))
        }
        if let p = c.petition {
            if data.contentVisible(c) {
                let who = [p.petitioner.name, p.group.map { zh ? "等\($0.people)人" : "and \($0.people - 1) others" }]
                    .compactMap { $0 }.joined(separator: " ")
                out.append(((zh ? "信访人：" : "Petitioner: ") + who, .normal))
                let masked = PersonalData.masked(for: data.actor.role)
                for (i, person) in p.people.enumerated() where i == 0 || p.group != nil {
                    if i == 0 && p.group != nil { continue }
                    let id = masked ? PersonalData.mask(person.idNumber) : (person.idNumber ?? "")
                    let phone = masked ? PersonalData.mask(person.phone) : (person.phone ?? "")
                    let label = p.group == nil ? "" : (zh ? "代表\(i)：" : "Rep \(i): ")
                    out.append(("  " + label + [p.group == nil ? nil : person.name, id, phone,
                                                p.group == nil ? person.address : nil]
                        .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "  "), .normal))
                }
                out.append(((zh ? "渠道：" : "Channel: ") + ChoiceLabels.label(p.channel.rawValue, lang) + "  "
                            + (zh ? "收到：" : "received ") + "\(p.receivedOn)", .normal))
                out.append(((zh ? "请求：" : "Request: ") + p.request, .normal))
                if c.matterType == .accusation {
                    let person = p.accusedPerson.map { [$0.name, $0.post, $0.organ.map { data.directory.name($0, lang) }]
                        .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "  ") }
                    let organ = p.accusedOrgan.map { data.directory.name($0, lang) }
                    let parts = [organ, person].compactMap { $0 }
                    out.append(((zh ? "被检举控告：" : "Accused: ")
                                + (parts.isEmpty ? (zh ? "未登记（可更正补录）" : "not recorded (add by correction)")
                                                 : parts.joined(separator: zh ? "；" : "; ")), .normal))
                }
            } else {
                out.append((zh ? "（检举控告内容依第30条不向本岗位显示）" : "(Accusation content withheld under Art 30)", .hint))
            }
            let type = c.matterType.map { ChoiceLabels.label($0.rawValue, lang) } ?? ""
            out.append(((zh ? "类别：" : "Category: ") + (data.categories[p.category]?.name(lang) ?? p.category)
                        + (zh ? "    类型：" : "    Type: ") + type + (c.track.map { zh ? "（第\($0)途径）" : " (track \($0))" } ?? ""),
                        .normal))
        }
        out.append(("", .normal))
        out.append((zh ? "期限" : "Clocks", .title))
        let clocks = c.clocks(asOf: data.today, calendar: data.calendar, directory: data.directory)
        if clocks.isEmpty { out.append((zh ? "  无正在计算的期限" : "  none running", .hint)) }
        for k in clocks {
            let marks = (k.provisional ? (zh ? " 暂定" : " provisional") : "") + (k.paused ? (zh ? " 暂停" : " paused") : "")
            out.append(("  " + DisplayWidth.pad(k.kind.title.text(lang), to: 16) + "\(k.due)\(marks)  "
                        + DisplayWidth.pad(Console.daysLeft(k, lang), to: 12) + data.articles.citation(k.rule, lang),
                        Console.urgency(k)))
        }
        out.append(("", .normal))
        out.append((zh ? "现在可以办理（按 a 办理）" : "Allowed now (press a to act)", .title))
        let allowed = Workflow.actions(for: c).filter { ActionForm.refusal($0, on: c, data) == nil }
        if allowed.isEmpty { out.append((zh ? "  您现在没有可办理的操作（按 a 查看原因）" : "  nothing you may do now (a shows why)", .hint)) }
        for a in allowed {
            out.append(("  " + DisplayWidth.pad(ActionCatalog.spec(a).title.text(lang), to: 16)
                        // The first article only (第22条第1款第1项等): the action's form cites them all.
                        + DisplayWidth.pad(a.rawValue, to: 24) + data.articles.short(a.rule, lang), .normal))
        }
        out.append(("", .normal))
        out.append((zh ? "办理记录" : "Timeline", .title))
        for e in c.steps {
            let voided = c.voided.contains(e.seq) ? (zh ? "（已作废）" : " (voided)") : ""
            let when = String(e.at.beijingDescription.prefix(16).map { $0 == "T" ? " " : $0 })
            out.append(("  " + DisplayWidth.pad("\(e.seq)", to: 7) + when
                        + "  " + DisplayWidth.pad(e.actor.user, to: 10)
                        + DisplayWidth.pad(ActionCatalog.spec(e.action).title.text(lang) + voided, to: 18)
                        + data.articles.short(e.rule, lang), .normal))
        }
        return out
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ number: CaseNumber) {
        let all = lines(state, data, number)
        let page = Console.pageSize(rows: grid.rows) + 2
        let start = min(state.detailScroll, max(0, all.count - page))
        for (i, (text, style)) in all.dropFirst(start).prefix(page).enumerated() {
            grid.put(text, row: 1 + i, column: 1, style: style)
        }
    }
}
