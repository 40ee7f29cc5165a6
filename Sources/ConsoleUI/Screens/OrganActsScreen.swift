import PetitionCore

/// The acts of organs (decision 0030): interviews, circulars, listed supervision (Art 39 para 3)
/// and inspections (Art 38), latest first, each with its date, organ, target, deadline, whether
/// it is in force or lifted, and its cases. Enter lists an act's cases; `a` lifts a measure in
/// force (解除), with the reason.
enum OrganActsScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language, zh = lang == .zh
        // Art 30: a cited accusation the reader may not see is left out, and the note withheld.
        let entries = OrganActEntry.ledger(data.organRecords).reversed().map { entry in
            entry.visible(to: data.actor, name: data.actorName) { data.state($0) }
        }
        let standing = entries.filter(\.standing).count
        grid.put(zh ? "机关督办措施：共\(entries.count)项，在办\(standing)项（第39条第3款约谈、通报、挂牌督办；第38条督查）"
                    : "Acts of organs: \(entries.count), \(standing) in force (Art 39(3) measures; Art 38 inspections)",
                 row: 1, column: 1, style: .hint)
        guard !entries.isEmpty else {
            grid.put(zh ? "尚无督办措施：在督办台机关那一行的数字上按 a 记录" : "No acts yet: press a on an organ's number on the desk",
                     row: 3, column: 2)
            return
        }
        let header = zh ? ["序号", "日期", "措施", "机关", "对象", "整改期限", "状态", "所涉案件"]
                        : ["no.", "date", "act", "organ", "target", "put right by", "state", "cases"]
        let columns = [1, 6, 17, 26, 36, 46, 57, 69]
        for (i, h) in header.enumerated() { grid.put(h, row: 2, column: columns[i], style: .title) }
        let page = max(1, Console.pageSize(rows: grid.rows) - 2)
        for (i, entry) in entries.enumerated().dropFirst(state.actTop).prefix(page - 3) {
            let row = 3 + i - state.actTop
            let act = entry.act, selected = i == state.actSelected
            let cells = [(selected ? "▶" : " ") + "\(entry.number)", "\(act.day)", act.measure.label.text(lang),
                         data.directory.shortName(act.organ, lang), act.target?.label.text(lang) ?? "—",
                         act.due.map { "\($0)" } ?? "—", status(entry, data.today, lang),
                         act.cases.isEmpty ? "—" : (zh ? "\(act.cases.count)件" : "\(act.cases.count)")]
            let style: StyleRole = selected ? .selected : (entry.standing && (act.due.map { $0 < data.today } ?? false)) ? .overdue : .normal
            grid.put(String(repeating: " ", count: grid.columns - 2), row: row, column: 1, style: style)
            for (c, text) in cells.enumerated() {
                let width = (c + 1 < columns.count ? columns[c + 1] : grid.columns - 1) - columns[c] - 1
                grid.put(DisplayWidth.truncate(text, to: width), row: row, column: columns[c], style: style)
            }
        }
        // The act selected, in full: its cases, its note, and its lifting.
        let detailRow = 3 + min(page - 3, entries.count - state.actTop) + 1
        guard entries.indices.contains(state.actSelected), detailRow < grid.rows - 3 else { return }
        let entry = entries[state.actSelected], act = entry.act
        var lines: [String] = []
        let leader = act.leader.map { zh ? "（\($0)）" : " (\($0))" } ?? ""
        lines.append((zh ? "第\(entry.number)项 " : "Act \(entry.number): ") + act.measure.label.text(lang) + " "
                     + data.directory.name(act.organ, lang) + (act.target.map { " " + $0.label.text(lang) } ?? "") + leader
                     + "  " + data.articles.short(act.measure.rule, lang))
        // The cases, four to a line (every one shown: they are what the act stands on).
        let numbers = act.cases.map(\.description)
        if numbers.isEmpty { lines.append((zh ? "所涉案件：" : "Cases: ") + "—") }
        for start in stride(from: 0, to: numbers.count, by: 4) {
            lines.append((start == 0 ? (zh ? "所涉案件：" : "Cases: ") : (zh ? "          " : "       "))
                         + numbers[start..<min(numbers.count, start + 4)].joined(separator: " "))
        }
        // The note and the lifting's reason in full, wrapped at their line breaks and the
        // screen's width (a finding may run to many lines), as far as the screen holds them.
        let width = grid.columns - 3
        lines += DisplayWidth.wrap((zh ? "事由：" : "Note: ") + act.note, to: width)
        if let lifted = entry.lifted {
            lines += DisplayWidth.wrap((zh ? "\(lifted.day) 解除：" : "Lifted \(lifted.day): ") + lifted.note, to: width)
        } else if entry.standing, Self.liftable(entry, data) {
            lines.append(zh ? "整改到位后按 a 解除（记录理由；第39条第3款未规定解除）" : "Once put right, a lifts it (with the reason)")
        }
        for (i, line) in lines.enumerated() where detailRow + i < grid.rows - 3 {
            grid.put(DisplayWidth.truncate(line, to: grid.columns - 3), row: detailRow + i, column: 2,
                     style: i == 0 ? .title : .normal)
        }
    }

    /// 在办 (in force), 整改期满 (past its day, not lifted), 已解除 (lifted), or — for
    /// an inspection, which is a finding and not a measure.
    /// Whether this user may lift the act (the check `a` makes, decision 0030): the hint is
    /// offered only then — an organ head was told "按 a 解除" and then refused.
    static func liftable(_ entry: OrganActEntry, _ data: ConsoleData) -> Bool {
        let probe = OrganSupervisionCommand(measure: entry.act.measure, organ: entry.act.organ, note: "—", lifts: entry.number)
        do throws(Rejection) {
            _ = try probe.decide(data.context, records: data.organRecords)
            return true
        } catch {
            return false
        }
    }

    static func status(_ entry: OrganActEntry, _ today: Day, _ language: Language) -> String {
        entry.status(asOf: today).text(language)
    }
}
