import PetitionCore

/// The supervisor's home (督办台, issue 14 item 1; decisions 0022, 0030): per organ and per
/// clock the cases open, due within 3 days and overdue, and the on-time rate; the flags a
/// supervisor looks for; supervision orders awaiting feedback; the acts of organs; breaches by
/// organ with their articles. Every number is a cell. ↑↓ move line by line (every organ of the
/// jurisdiction: the left list scrolls, its position shown), ←→ along a line and across to the
/// right-hand list, PgUp/PgDn a page of organs; Enter opens a number's cases as a queue, Esc
/// comes back to it.
package enum DeskScreen {
    /// One number on the desk: what it counts, and its cases.
    package struct Cell {
        var column: Int
        var title: Localized
        package var cases: [CaseNumber]
        var style: StyleRole
        /// What is shown instead of the count (the on-time rate).
        var text: String?
        /// The organ the number is about (an organ's line, a breach): `a` records a
        /// supervision act of it (decision 0024).
        var organ: OrganCode?
        /// Enter opens the list of acts of organs (decision 0030), not a queue.
        var opensActs = false
    }

    /// One line of the desk: its label, and its numbers (none for a heading).
    package struct Line {
        var label: String
        var style: StyleRole = .normal
        package var cells: [Cell] = []
        /// What the line is about, the same however the desk re-sorts: an organ's code, else
        /// its label. The cursor follows it when other consoles' appends move the lines.
        var about: String?
        package var key: String { about ?? label }
        package var isHeading: Bool { cells.isEmpty }
    }

    /// The desk's two lists: organs and clocks on the left (scrolling), the flags, orders,
    /// acts and breaches on the right.
    package struct Layout {
        package var left: [Line]
        package var right: [Line]

        func lines(_ panel: Int) -> [Line] { panel == 0 ? left : right }
    }

    static let leftColumns = (name: 2, open: 20, soon: 26, late: 32, rate: 39)
    static let right = 46
    /// The first row of both lists.
    static let firstRow = 3

    /// Lines of the left list shown at once: the body less the heading rows, the position
    /// line and the desk's hint (17 on 24 rows). `pageSize` is `Console.pageSize(rows:)`.
    static func visible(pageSize: Int) -> Int { max(3, pageSize - 1) }
    static func visible(rows: Int) -> Int { visible(pageSize: Console.pageSize(rows: rows)) }

    /// "3日内到期": the due-soon days from the table of terms.
    static var soonTitle: Localized {
        let n = StatutoryTerms.regulation.dueSoon
        return Localized("\(n)日内", "≤\(n) d")
    }

    /// The desk's lines, in the user's language: every organ (most overdue first), a heading,
    /// every clock; and on the right the flags, the orders awaiting feedback, the acts of
    /// organs in force, the breaches.
    package static func layout(_ desk: SupervisorDesk, _ data: ConsoleData, _ language: Language) -> Layout {
        let zh = language == .zh, directory = data.directory
        let acts = OrganActEntry.ledger(data.organRecords)
        func cells(_ name: Localized, _ l: SupervisorDesk.Line, organ: OrganCode?) -> [Cell] {
            let c = leftColumns
            return [
                Cell(column: c.open, title: name.joined(Localized("在办", "open")), cases: l.open, style: .normal, organ: organ),
                Cell(column: c.soon, title: name.joined(soonTitle), cases: l.dueSoon, style: .dueSoon, organ: organ),
                Cell(column: c.late, title: name.joined(Localized("已逾期", "overdue")), cases: l.overdue, style: .overdue, organ: organ),
                Cell(column: c.rate, title: name.joined(Localized("本月收件已届期限", "duties settled, received this month")),
                     cases: l.settledThisMonth, style: .normal, text: l.onTime.percentText, organ: organ),
            ]
        }
        func organLine(_ organ: OrganCode, _ l: SupervisorDesk.Line) -> Line {
            let name = Localized(directory.shortName(organ, .zh), directory.shortName(organ, .en))
            return Line(label: directory.shortName(organ, language), cells: cells(name, l, organ: organ), about: organ)
        }
        var left: [Line] = organsByLateness(desk).map(organLine)
        left.append(Line(label: zh ? "期限" : "Clock", style: .title))
        left += desk.clocks.map { clock, l in Line(label: clock.title.text(language), cells: cells(clock.title, l, organ: nil)) }
        // Below the clocks, the organs with no case (a supervisor's acts may reach them all).
        let idle = idleOrgans(desk, data)
        if !idle.isEmpty {
            left.append(Line(label: zh ? "无案件的机关" : "Organs with no case", style: .title))
            left += idle.map { organLine($0, SupervisorDesk.Line()) }
        }

        var right: [Line] = desk.flags.map { flag, cases in
            Line(label: flag.title.text(language),
                 cells: [Cell(column: Self.right + 12, title: flag.title, cases: cases, style: .normal)])
        }
        right.append(Line(label: zh ? "督办待反馈" : "awaiting",
                          cells: [Cell(column: Self.right + 12, title: Localized("督办反馈待收", "feedback awaited"),
                                       cases: desk.orders.map(\.number), style: .normal)]))
        if let next = desk.orders.first {
            right.append(Line(label: (zh ? "最近到期 " : "next due ") + "\(next.due)", style: next.due < data.today ? .overdue : .hint))
        }
        // The acts of organs (Art 39 para 3, Art 38): how many measures are in force; Enter lists them all.
        let standing = acts.filter(\.standing)
        right.append(Line(label: zh ? "督办措施" : "organ acts",
                          cells: [Cell(column: Self.right + 12, title: Localized("机关督办措施", "acts of organs"),
                                       cases: standing.flatMap(\.act.cases), style: .normal, text: "\(standing.count)",
                                       opensActs: true)]))
        right.append(Line(label: zh ? "违规（机关·条款）" : "Breaches (organ · article)", style: .title))
        for b in desk.breaches {
            let organ = Localized(directory.shortName(b.organ, .zh), directory.shortName(b.organ, .en))
            let label = directory.shortName(b.organ, language) + " " + data.articles.short(b.kind.rule, language) + " "
                + b.kind.short.text(language)
            right.append(Line(label: label, cells: [Cell(column: Self.right + 30, title: organ.joined(b.kind.title), cases: b.cases,
                                                      style: .overdue, organ: b.organ)]))
        }
        return Layout(left: left, right: right)
    }

    /// On a supervisor's desk, the organs the supervisor's acts may reach (its own and those of
    /// its level or below in its region, decision 0024) that have no case on the desk — so that
    /// an interview, a circular or an inspection (督查, Art 38) of such an organ can be taken
    /// from its line (`a`), not from the command line only.
    static func idleOrgans(_ desk: SupervisorDesk, _ data: ConsoleData) -> [OrganCode] {
        guard data.actor.role == .supervisor else { return [] }
        let shown = Set(desk.organs.map(\.organ)), own = data.actor.organ
        return data.directory.organs.map(\.code)
            .filter { !shown.contains($0) && ($0 == own || data.directory.isWithinReach(of: own, $0)) }.sorted()
    }

    static func organsByLateness(_ desk: SupervisorDesk) -> [(organ: OrganCode, line: SupervisorDesk.Line)] {
        desk.organs.sorted { a, b in
            (a.line.overdue.count, a.line.open.count) != (b.line.overdue.count, b.line.open.count)
                ? (a.line.overdue.count, a.line.open.count) > (b.line.overdue.count, b.line.open.count)
                : a.organ < b.organ
        }
    }

    /// The number the cursor is on, if the desk has any.
    static func selected(_ cursor: DeskCursor, _ layout: Layout) -> Cell? {
        let cursor = cursor.following(layout)
        let lines = layout.lines(cursor.panel)
        guard lines.indices.contains(cursor.line) else { return nil }
        let cells = lines[cursor.line].cells
        return cells.isEmpty ? nil : cells[min(cursor.slot, cells.count - 1)]
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ desk: SupervisorDesk) {
        let lang = state.language, zh = lang == .zh
        let head = data.actor.role == .organHead
        // The organ by its full name where the line has room for the date and keys after it, else
        // its short name (the English names run long): the day is never the part cut.
        func scope(_ name: (OrganCode?, Language) -> String) -> String {
            head ? (zh ? "本机关督办台：" : "My organ's desk: ") + name(data.actor.organ, lang)
                 : (zh ? "督办台 · 全辖区：" : "Supervisor's desk · ") + name(data.directory.jurisdiction, lang)
        }
        // On a training log the keys of training work here too, and are named (e exercises, t the clock).
        let training = !data.training ? "" : (data.exercises.isEmpty ? "" : (zh ? "  e 练习" : "  e exercises")) + (zh ? "  t 拨钟" : "  t clock")
        let tail = (zh ? "  截至" : "  as of ") + "\(data.today)" + training
        let full = scope(data.directory.name) + tail
        grid.put(DisplayWidth.truncate(DisplayWidth.of(full) <= grid.columns - 3 ? full : scope(data.directory.shortName) + tail,
                                       to: grid.columns - 3),
                 row: 1, column: 2, style: .hint)
        let c = leftColumns
        grid.put(zh ? "机关" : "Organ", row: 2, column: c.name, style: .title)
        grid.put(zh ? "在办" : "Open", row: 2, column: c.open, style: .title)
        grid.put(soonTitle.text(lang), row: 2, column: c.soon, style: .title)
        grid.put(zh ? "逾期" : "Late", row: 2, column: c.late, style: .title)
        grid.put(zh ? "本月按期" : "On time", row: 2, column: c.rate - 2, style: .title)
        grid.put(zh ? "标记" : "Flags", row: 2, column: right, style: .title)
        let layout = layout(desk, data, lang)
        let cursor = state.deskCursor.clamped(layout, visible: visible(rows: grid.rows))
        let shown = visible(rows: grid.rows)

        func drawCells(_ cells: [Cell], row: Int, panel: Int, line: Int) {
            for (slot, cell) in cells.enumerated() {
                let selected = cursor.panel == panel && cursor.line == line && cursor.slot == slot
                let n = cell.text ?? String(cell.cases.count)
                grid.put((selected ? "▶" : " ") + n, row: row, column: cell.column - 1,
                         style: selected ? .selected : cell.cases.isEmpty ? .normal : cell.style)
            }
        }
        // The left list: a window of `shown` lines from the cursor's top, every organ reachable.
        for (i, line) in layout.left.enumerated().dropFirst(cursor.top).prefix(shown) {
            let row = firstRow + i - cursor.top
            let label = DisplayWidth.truncate(line.label, to: c.open - c.name - 2)
            grid.put(line.isHeading ? label : DisplayWidth.pad(label, to: c.open - c.name - 1), row: row, column: c.name,
                     style: line.style)
            drawCells(line.cells, row: row, panel: 0, line: i)
        }
        // Where the window is, and how to move it: every organ is on some page.
        let last = min(layout.left.count, cursor.top + shown)
        let organs = desk.organs.count + idleOrgans(desk, data).count
        let position = zh ? "第\(cursor.top + 1)–\(last)行/共\(layout.left.count)行（\(organs)个机关）"
                          : "lines \(cursor.top + 1)–\(last) of \(layout.left.count) (\(organs) organs)"
        let paging = layout.left.count > shown ? (zh ? " PgUp/PgDn翻页" : " PgUp/PgDn pages") : ""
        grid.put(DisplayWidth.truncate(position + paging, to: right - c.name - 1), row: firstRow + shown, column: c.name,
                 style: .hint)

        // The right list: a window of `shown` lines too, scrolled when the cursor is in it.
        for (i, line) in layout.right.enumerated().dropFirst(cursor.rightTop).prefix(shown) {
            let row = firstRow + i - cursor.rightTop
            let width = line.cells.first.map { $0.column - right - 1 } ?? (grid.columns - right - 1)
            let label = DisplayWidth.truncate(line.label, to: width)
            grid.put(line.isHeading ? label : DisplayWidth.pad(label, to: width), row: row, column: right, style: line.style)
            drawCells(line.cells, row: row, panel: 1, line: i)
        }
        // How many lines are below the window; none said when the list's end is shown.
        let more = layout.right.count - min(layout.right.count, cursor.rightTop + shown)
        if more > 0 {
            grid.put(zh ? "…以下另有\(more)项" : "…\(more) more below", row: firstRow + shown, column: right, style: .hint)
        }
        // On an organ's number, `a` records a supervision act of the organ (decision 0024), for a role that may.
        let acts = OrganMeasure.allCases.contains { data.policy.allows(data.actor.role, $0) }
        // The statistics screen (c) is named here; the queue (w) is on the key bar below.
        let hint = zh ? "↑↓ 逐行 · ←→ 选数字 · Enter 列出 · " + (acts ? "a 督办措施 · " : "") + "c 统计 · / 筛选 · ? 帮助"
                      : "↑↓ line · ←→ number · Enter list · " + (acts ? "a act · " : "") + "c statistics · / filter · ? help"
        grid.put(DisplayWidth.truncate(hint, to: grid.columns - 3), row: grid.rows - 3, column: 2, style: .hint)
    }
}

/// Where the desk's cursor is: which list (0 the organs and clocks, 1 the flags, acts and
/// breaches), which line of it, which number along the line; and the first line shown of each.
package struct DeskCursor: Sendable, Equatable {
    package var panel = 0
    package var line = 0
    package var slot = 0
    package var top = 0
    package var rightTop = 0
    /// The key of the line the cursor is on (`Line.key`): on a live update the cursor stays on
    /// that organ, clock or flag wherever it moved to, so Enter and `a` act on what is shown.
    package var key: String?

    package init() {}

    /// The cursor moved to the line with its key, if the lines moved under it.
    func following(_ layout: DeskScreen.Layout) -> DeskCursor {
        var c = self
        let list = layout.lines(c.panel)
        if let key, !(list.indices.contains(c.line) && list[c.line].key == key),
           let found = list.firstIndex(where: { $0.key == key }) {
            c.line = found
        }
        return c
    }

    /// The cursor on a line with numbers, within the lists as they are now (the desk changes
    /// as other consoles append), its line inside the window of `visible` lines.
    func clamped(_ layout: DeskScreen.Layout, visible: Int) -> DeskCursor {
        var c = following(layout)
        let lines = layout.lines(c.panel)
        if !lines.contains(where: { !$0.isHeading }) {
            c.panel = 1 - c.panel
        }
        let list = layout.lines(c.panel)
        c.line = Swift.min(Swift.max(0, c.line), Swift.max(0, list.count - 1))
        if list.indices.contains(c.line), list[c.line].isHeading {
            c.line = (c.line..<list.count).first { !list[$0].isHeading }
                ?? (0..<c.line).last { !list[$0].isHeading } ?? 0
        }
        let cells = list.indices.contains(c.line) ? list[c.line].cells.count : 0
        c.slot = Swift.min(Swift.max(0, c.slot), Swift.max(0, cells - 1))
        func window(_ top: Int, _ line: Int, _ count: Int) -> Int {
            var t = Swift.min(top, Swift.max(0, count - visible))
            if line < t { t = line }
            if line >= t + visible { t = line - visible + 1 }
            return Swift.max(0, t)
        }
        if c.panel == 0 {
            c.top = window(c.top, c.line, layout.left.count)
            c.rightTop = window(c.rightTop, 0, layout.right.count)
        } else {
            c.rightTop = window(c.rightTop, c.line, layout.right.count)
            c.top = window(c.top, c.top, layout.left.count)
        }
        let shown = layout.lines(c.panel)
        c.key = shown.indices.contains(c.line) ? shown[c.line].key : nil
        return c
    }

    /// The next line with numbers up (-1) or down (+1) in the same list, `by` lines at most
    /// (a page); the cursor stays when there is none.
    func moved(lines by: Int, _ layout: DeskScreen.Layout, visible: Int) -> DeskCursor {
        var c = clamped(layout, visible: visible)
        let list = layout.lines(c.panel)
        let step = by < 0 ? -1 : 1
        var target = Swift.min(Swift.max(0, c.line + by), Swift.max(0, list.count - 1))
        while list.indices.contains(target), list[target].isHeading, target != c.line { target += step }
        if !list.indices.contains(target) || list[target].isHeading {
            target = c.line
        }
        c.line = target
        c.key = nil
        return c.clamped(layout, visible: visible)
    }

    /// Along the line by one number; past its last number on the left, across to the right-hand
    /// list (the line beside it), and back.
    func moved(across by: Int, _ layout: DeskScreen.Layout, visible: Int) -> DeskCursor {
        var c = clamped(layout, visible: visible)
        let cells = layout.lines(c.panel).indices.contains(c.line) ? layout.lines(c.panel)[c.line].cells.count : 0
        let slot = c.slot + by
        if slot >= 0 && slot < cells {
            c.slot = slot
            return c
        }
        if c.panel == 0, by > 0, layout.right.contains(where: { !$0.isHeading }) {
            // The line beside: the same row of the screen.
            let row = c.line - c.top
            c.panel = 1
            c.line = c.rightTop + row
            c.slot = 0
            c.key = nil
        } else if c.panel == 1, by < 0, layout.left.contains(where: { !$0.isHeading }) {
            let row = c.line - c.rightTop
            c.panel = 0
            c.line = c.top + row
            c.slot = 3
            c.key = nil
        }
        return c.clamped(layout, visible: visible)
    }
}

extension Localized {
    /// "区住建局·已逾期": a line's name and a column's, for the queue's title.
    func joined(_ other: Localized) -> Localized { Localized(zh + "·" + other.zh, en + " · " + other.en) }
}
