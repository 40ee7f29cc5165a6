import PetitionCore

/// The supervisor's home (督办台, issue 14 item 1; decision 0022): per organ and per clock the
/// cases open, due within 3 days and overdue; the flags a supervisor looks for; supervision
/// orders awaiting feedback; breaches by organ with their articles. Every number is a cell:
/// ↑↓ move from number to number, Enter opens its cases as a queue, Esc comes back to it.
enum DeskScreen {
    /// One number on the desk: where it is drawn, what it counts, and its cases.
    struct Cell {
        var row: Int
        var column: Int
        var title: Localized
        var cases: [CaseNumber]
        var style: StyleRole
        /// What is shown instead of the count (the on-time rate).
        var text: String?
        /// The organ the number is about (an organ's line, a breach): `a` records a
        /// supervision act of it (decision 0024).
        var organ: OrganCode?
    }

    /// Organ and clock lines shown (most overdue first; the queue's organ filter finds the rest).
    static let organLines = 7
    static let leftColumns = (name: 2, open: 20, soon: 26, late: 32, rate: 39)
    static let right = 46

    /// "3日内到期": the due-soon days from the table of terms.
    static var soonTitle: Localized {
        let n = StatutoryTerms.regulation.dueSoon
        return Localized("\(n)日内", "≤\(n) d")
    }

    /// Every number of the desk, in screen order (top to bottom, left to right).
    static func cells(_ desk: SupervisorDesk, _ directory: Directory? = nil) -> [Cell] {
        var cells: [Cell] = []
        var row = 3
        func line(_ name: Localized, _ l: SupervisorDesk.Line, organ: OrganCode? = nil) {
            cells.append(Cell(row: row, column: leftColumns.open, title: name.joined(Localized("在办", "open")),
                              cases: l.open, style: .normal, organ: organ))
            cells.append(Cell(row: row, column: leftColumns.soon, title: name.joined(soonTitle),
                              cases: l.dueSoon, style: .dueSoon, organ: organ))
            cells.append(Cell(row: row, column: leftColumns.late, title: name.joined(Localized("已逾期", "overdue")),
                              cases: l.overdue, style: .overdue, organ: organ))
            cells.append(Cell(row: row, column: leftColumns.rate, title: name.joined(Localized("本月收件已届期限", "duties settled, received this month")),
                              cases: l.settledThisMonth, style: .normal,
                              text: l.onTimePercent.map { "\($0)%" } ?? "—", organ: organ))
            row += 1
        }
        for (organ, l) in organsByLateness(desk).prefix(organLines) {
            let name = directory.map { d in Localized(d.shortName(organ, .zh), d.shortName(organ, .en)) }
                ?? Localized(organ, organ)
            line(name, l, organ: organ)
        }
        row += 1
        for (clock, l) in desk.clocks.prefix(organLines) { line(clock.title, l) }
        var r = 3
        for (flag, cases) in desk.flags {
            cells.append(Cell(row: r, column: right + 12, title: flag.title, cases: cases, style: .normal))
            r += 1
        }
        cells.append(Cell(row: r, column: right + 12, title: Localized("督办反馈待收", "feedback awaited"),
                          cases: desk.orders.map(\.number), style: .normal))
        r += 3
        for b in desk.breaches.prefix(max(0, 20 - r)) {
            let organ = directory.map { d in Localized(d.shortName(b.organ, .zh), d.shortName(b.organ, .en)) }
                ?? Localized(b.organ, b.organ)
            cells.append(Cell(row: r, column: right + 30, title: organ.joined(b.kind.title), cases: b.cases, style: .overdue,
                              organ: b.organ))
            r += 1
        }
        return cells.filter { $0.row < 22 }
    }

    static func organsByLateness(_ desk: SupervisorDesk) -> [(organ: OrganCode, line: SupervisorDesk.Line)] {
        desk.organs.sorted { a, b in
            (a.line.overdue.count, a.line.open.count) != (b.line.overdue.count, b.line.open.count)
                ? (a.line.overdue.count, a.line.open.count) > (b.line.overdue.count, b.line.open.count)
                : a.organ < b.organ
        }
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ desk: SupervisorDesk) {
        let lang = state.language, zh = lang == .zh
        let head = data.actor.role == .organHead
        let scope = head ? (zh ? "本机关督办台：" : "My organ's desk: ") + data.directory.name(data.actor.organ, lang)
                         : (zh ? "督办台 · 全辖区：" : "Supervisor's desk · jurisdiction: ")
                            + data.directory.name(data.directory.jurisdiction, lang)
        grid.put(scope + (zh ? "  截至" : "  as of ") + "\(data.today)", row: 1, column: 2, style: .hint)
        let c = leftColumns
        grid.put(zh ? "机关" : "Organ", row: 2, column: c.name, style: .title)
        grid.put(zh ? "在办" : "Open", row: 2, column: c.open, style: .title)
        grid.put(soonTitle.text(lang), row: 2, column: c.soon, style: .title)
        grid.put(zh ? "逾期" : "Late", row: 2, column: c.late, style: .title)
        grid.put(zh ? "本月按期" : "On time", row: 2, column: c.rate - 2, style: .title)
        grid.put(zh ? "标记" : "Flags", row: 2, column: right, style: .title)
        let cells = cells(desk, data.directory)
        // Row labels: organs, then clocks; flag labels; breach labels with their articles.
        var row = 3
        for (organ, _) in organsByLateness(desk).prefix(organLines) {
            grid.put(DisplayWidth.pad(data.directory.shortName(organ, lang), to: c.open - c.name - 1), row: row, column: c.name)
            row += 1
        }
        grid.put(zh ? "期限" : "Clock", row: row, column: c.name, style: .title)
        // Organs past the lines shown are not dropped silently: how many, and how to reach them.
        let hidden = desk.organs.count - min(desk.organs.count, organLines)
        if hidden > 0 {
            grid.put(zh ? "（另有\(hidden)个机关：/ 按机关筛选）" : "(\(hidden) more organs: / filters by organ)",
                     row: row, column: c.name + 6, style: .hint)
        }
        row += 1
        for (clock, _) in desk.clocks.prefix(organLines) {
            grid.put(DisplayWidth.pad(clock.title.text(lang), to: c.open - c.name - 1), row: row, column: c.name)
            row += 1
        }
        var r = 3
        for (flag, _) in desk.flags {
            grid.put(flag.title.text(lang), row: r, column: right)
            r += 1
        }
        grid.put(zh ? "督办待反馈" : "Awaiting", row: r, column: right)
        if let next = desk.orders.first {
            grid.put((zh ? "最近到期 " : "next due ") + "\(next.due)", row: r + 1, column: right, style: next.due < data.today ? .overdue : .hint)
        }
        r += 2
        grid.put(zh ? "违规（机关·条款）" : "Breaches (organ · article)", row: r, column: right, style: .title)
        r += 1
        let shown = desk.breaches.prefix(max(0, 20 - r))
        for b in shown {
            let label = data.directory.shortName(b.organ, lang) + " " + data.articles.short(b.kind.rule, lang) + " "
                + b.kind.short.text(lang)
            grid.put(DisplayWidth.pad(label, to: 29), row: r, column: right)
            r += 1
        }
        if desk.breaches.count > shown.count {
            let more = desk.breaches.count - shown.count
            grid.put(zh ? "…另有\(more)项（xinfang stats、report annual）" : "…\(more) more (xinfang stats, report annual)",
                     row: 20, column: right, style: .hint)
        }
        for (i, cell) in cells.enumerated() {
            let selected = i == state.deskSelected
            let n = cell.text ?? String(cell.cases.count)
            grid.put((selected ? "▶" : " ") + n, row: cell.row, column: cell.column - 1,
                     style: selected ? .selected : cell.cases.isEmpty ? .normal : cell.style)
        }
        // On an organ's number, `a` records a supervision act of the organ (decision 0024), for a role that may.
        let acts = OrganMeasure.allCases.contains { data.policy.allows(data.actor.role, $0) }
        let hint = zh ? "↑↓ 选数字 · Enter 列出案件 · Esc 返回 · " + (acts ? "a 督办措施 · " : "") + "w 队列 · / 筛选 · ? 帮助"
                      : "↑↓ number · Enter its cases · Esc back · " + (acts ? "a supervision act · " : "") + "w queue · / filter · ? help"
        grid.put(DisplayWidth.truncate(hint, to: grid.columns - 3), row: 21, column: 2, style: .hint)
    }
}

extension Localized {
    /// "区住建局·已逾期": a line's name and a column's, for the queue's title.
    func joined(_ other: Localized) -> Localized { Localized(zh + "·" + other.zh, en + " · " + other.en) }
}
