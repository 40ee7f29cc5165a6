import PetitionCore

/// The acts of organs (decision 0030): interviews, circulars, listed supervision (Art 39 para 3)
/// and inspections (Art 38), latest first, each with its date, organ, target, deadline, whether
/// it is in force or lifted, and its cases. Enter lists an act's cases; `a` lifts a measure in
/// force (解除), with the reason.
///
/// Below the list, the selected act in full. A long finding or note scrolls there as the case
/// screen scrolls (decision 0019): → (`l`) moves into the detail, where ↑↓ move a line, PgUp
/// PgDn a page less one line, Home End to the ends; ← (`h`) or Esc returns to the list. The line
/// above the detail says which of its lines are shown, of how many, whenever it does not fit.
enum OrganActsScreen {
    /// The acts as this user may see them, latest first. Art 30: a cited accusation the reader
    /// may not see is left out, and the note withheld.
    static func entries(_ data: ConsoleData) -> [OrganActEntry] {
        OrganActEntry.ledger(data.organRecords).reversed().map { entry in
            entry.visible(to: data.actor, name: data.actorName) { data.state($0) }
        }
    }

    /// Acts listed at once on a screen of `rows` rows (the rest of the body is the detail's).
    static func listRows(rows: Int) -> Int { max(1, Console.pageSize(rows: rows) - 5) }

    /// Where the detail is: its first row (the act's title line, which stays put) and how many
    /// rows its scrolling lines get below that; the list shows from `actTop`.
    static func detailArea(rows: Int, entries: Int, actTop: Int) -> (title: Int, height: Int) {
        let shown = max(0, min(listRows(rows: rows), entries - actTop))
        let title = 3 + shown + 1
        return (title, max(0, rows - 3 - title - 1))
    }

    /// The selected act in full: its title line, then its cases, its note and its lifting,
    /// wrapped at the screen's width (a finding may run to many lines, with line breaks).
    static func detail(_ entry: OrganActEntry, _ data: ConsoleData, _ language: Language,
                       width: Int) -> (title: String, lines: [String]) {
        let zh = language == .zh, act = entry.act
        let leader = act.leader.map { zh ? "（\($0)）" : " (\($0))" } ?? ""
        let title = (zh ? "第\(entry.number)项 " : "Act \(entry.number): ") + act.measure.label.text(language) + " "
            + data.directory.name(act.organ, language) + (act.target.map { " " + $0.label.text(language) } ?? "") + leader
            + "  " + data.articles.short(act.measure.rule, language)
        var lines: [String] = []
        // The cases, four to a line (every one shown: they are what the act stands on).
        let numbers = act.cases.map(\.description)
        if numbers.isEmpty { lines.append((zh ? "所涉案件：" : "Cases: ") + "—") }
        for start in stride(from: 0, to: numbers.count, by: 4) {
            lines.append((start == 0 ? (zh ? "所涉案件：" : "Cases: ") : (zh ? "          " : "       "))
                         + numbers[start..<min(numbers.count, start + 4)].joined(separator: " "))
        }
        // The note and the lifting's reason hang under their first character, as the cases do.
        lines += DisplayWidth.wrap(act.note, after: zh ? "事由：" : "Note: ", to: width)
        if let lifted = entry.lifted {
            lines += DisplayWidth.wrap(lifted.note, after: zh ? "\(lifted.day) 解除：" : "Lifted \(lifted.day): ", to: width)
        } else if entry.standing, Self.liftable(entry, data) {
            lines.append(zh ? "整改到位后按 a 解除（记录理由；第39条第3款未规定解除）" : "Once put right, a lifts it (with the reason)")
        }
        return (title, lines)
    }

    /// The detail's width at `columns` columns.
    static func detailWidth(columns: Int) -> Int { columns - 3 }

    /// The first detail line shown: the scroll asked for, kept within the lines.
    static func detailStart(_ scroll: Int, lines: Int, height: Int) -> Int {
        max(0, min(scroll, lines - height))
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language, zh = lang == .zh
        let entries = entries(data)
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
        let focused = state.actDetailFocused
        for (i, entry) in entries.enumerated().dropFirst(state.actTop).prefix(listRows(rows: grid.rows)) {
            let row = 3 + i - state.actTop
            let act = entry.act, selected = i == state.actSelected
            let cells = [(selected ? "▶" : " ") + "\(entry.number)", "\(act.day)", act.measure.label.text(lang),
                         data.directory.shortName(act.organ, lang), act.target?.label.text(lang) ?? "—",
                         act.due.map { "\($0)" } ?? "—", status(entry, data.today, lang),
                         act.cases.isEmpty ? "—" : (zh ? "\(act.cases.count)件" : "\(act.cases.count)")]
            // While the detail has the keys, the act it shows stays marked, not reversed.
            let style: StyleRole = selected ? (focused ? .title : .selected)
                : (entry.standing && (act.due.map { $0 < data.today } ?? false)) ? .overdue : .normal
            grid.put(String(repeating: " ", count: grid.columns - 2), row: row, column: 1, style: style)
            for (c, text) in cells.enumerated() {
                let width = (c + 1 < columns.count ? columns[c + 1] : grid.columns - 1) - columns[c] - 1
                grid.put(DisplayWidth.truncate(text, to: width), row: row, column: columns[c], style: style)
            }
        }
        // The act selected, in full: its title line, then as many of its lines as the screen
        // holds from the detail's scroll; the line above says where they are when not all fit.
        let area = detailArea(rows: grid.rows, entries: entries.count, actTop: state.actTop)
        guard entries.indices.contains(state.actSelected), area.height > 0 else { return }
        let entry = entries[state.actSelected]
        let (title, lines) = detail(entry, data, lang, width: detailWidth(columns: grid.columns))
        grid.put(DisplayWidth.truncate(title, to: grid.columns - 3), row: area.title, column: 2, style: .title)
        let start = detailStart(state.actDetailScroll, lines: lines.count, height: area.height)
        for (i, line) in lines.dropFirst(start).prefix(area.height).enumerated() {
            grid.put(DisplayWidth.truncate(line, to: grid.columns - 3), row: area.title + 1 + i, column: 2)
        }
        if lines.count > area.height || focused {
            let last = min(lines.count, start + area.height)
            let more = lines.count - last
            let position = zh ? "第\(entry.number)项详情 第\(start + 1)–\(last)行/共\(lines.count)行"
                              : "act \(entry.number) in full: lines \(start + 1)–\(last) of \(lines.count)"
            let keys = focused ? (zh ? " · ↑↓ PgUp PgDn 滚动 · ← 回到清单" : " · ↑↓ PgUp PgDn scroll · ← back to the list")
                               : (zh ? " · → 滚动详情" : " · → scroll it")
            let below = more > 0 ? (zh ? " · 以下另有\(more)行" : " · \(more) more below") : ""
            grid.put(DisplayWidth.truncate(position + below + keys, to: grid.columns - 3), row: area.title - 1, column: 2,
                     style: focused ? .selected : .hint)
        }
    }

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

    /// 在办 (in force), 整改期满 (past its day, not lifted), 已解除 (lifted), or — for
    /// an inspection, which is a finding and not a measure.
    static func status(_ entry: OrganActEntry, _ today: Day, _ language: Language) -> String {
        entry.status(asOf: today).text(language)
    }
}
