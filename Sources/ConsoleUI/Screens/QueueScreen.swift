import PetitionCore

/// The queue: one case per row, soonest deadline first. Only the visible rows are
/// drawn; the rows themselves are computed when the cases change, not per key.
enum QueueScreen {
    /// Column widths at 80 columns; the organ column takes what is left.
    static let widths = (number: 18, petitioner: 8, category: 10, phase: 11, clock: 9, left: 12)

    /// The columns' widths at this width: each at least its width at 80 columns, and the
    /// spare columns shared, one at a time, among the columns whose text is cut (what
    /// is left after none is cut goes to the organ). `needs` is each column's widest text.
    static func share(_ base: [Int], needs: [Int], total: Int, rest: Int) -> [Int] {
        var widths = base
        var spare = total - base.reduce(0, +)
        while spare > 0 {
            let cut = widths.indices.filter { widths[$0] < needs[$0] + 1 }
            if cut.isEmpty { break }
            for i in cut where spare > 0 {
                widths[i] += 1
                spare -= 1
            }
        }
        if spare > 0 { widths[rest] += spare }
        return widths
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language
        let zh = lang == .zh
        let organBase = max(8, 80 - 2 - widths.number - widths.petitioner - widths.category - widths.phase
                            - widths.clock - widths.left)
        let page = Console.pageSize(rows: grid.rows)
        let visible = state.rows.isEmpty ? [] : Array(state.rows[state.top..<min(state.rows.count, state.top + page)])
        func widest(_ text: (QueueRow) -> String) -> Int { visible.map { DisplayWidth.of(text($0)) }.max() ?? 0 }
        func category(_ r: QueueRow) -> String { data.categories[r.category]?.name(lang) ?? r.category }
        func clock(_ r: QueueRow) -> String { r.next?.kind.shortTitle.text(lang) ?? "—" }
        func left(_ r: QueueRow) -> String { r.next.map { Console.daysLeft($0, lang) } ?? "" }
        var needs: [Int] = [widths.number]
        needs.append(widest { $0.petitioner })
        needs.append(widest(category))
        needs.append(widest { $0.phase.title.text(lang) })
        needs.append(widest { data.directory.name($0.holder, lang) })
        needs.append(widest(clock))
        needs.append(widest(left))
        let base: [Int] = [widths.number, widths.petitioner, widths.category, widths.phase, organBase, widths.clock, widths.left]
        let w = share(base, needs: needs, total: max(80, grid.columns) - 2, rest: 4)
        func line(_ cells: [(String, Int)], row: Int, style: StyleRole) {
            var col = 1
            for (text, width) in cells {
                grid.put(DisplayWidth.pad(text, to: width - 1), row: row, column: col, style: style)
                col += width
            }
        }
        let filterText = state.filtering || !state.filter.isEmpty
            ? (zh ? "筛选：" : "Filter: ") + state.filter + (state.filtering ? "▏" : "") : ""
        let scope = (state.drill.map { "[" + $0.title + "] " } ?? "")
            + "[" + state.view.title.text(lang) + " · " + state.sort.title.text(lang) + "]"
        grid.put((zh ? "共\(state.rows.count)件" : "\(state.rows.count) cases") + " " + scope + "  " + filterText, row: 1, column: 1,
                 style: state.filtering ? .selected : .normal)
        line([(zh ? "案件编号" : "Case", w[0]), (zh ? "信访人" : "Name", w[1]),
              (zh ? "类别" : "Category", w[2]), (zh ? "状态" : "State", w[3]),
              (zh ? "现由" : "Held by", w[4]), (zh ? "下一期限" : "Next clock", w[5]),
              (zh ? "剩余" : "Left", w[6])], row: 2, style: .title)
        for (offset, rowIndex) in (state.top..<min(state.rows.count, state.top + page)).enumerated() {
            let r = state.rows[rowIndex]
            let selected = rowIndex == state.selected
            let style: StyleRole = selected ? .selected : Console.urgency(r.next)
            let cells: [(String, Int)] = [
                ((selected ? "▶" : " ") + r.number.description, w[0]),
                (r.petitioner, w[1]),
                (data.categories[r.category]?.name(lang) ?? r.category, w[2]),
                // An earlier-case flag or missing content awaiting the clerk comes first, so a cut
                // column still shows it (the case screen gives the article).
                ((r.flagged.first.map { $0.kind.marker.text(lang) + "·" }
                    ?? r.missing.first.map { $0.title.text(lang) + "·" } ?? "") + r.phase.title.text(lang), w[3]),
                // The organ's full name where the spare width holds it, else its short name.
                (DisplayWidth.of(data.directory.name(r.holder, lang)) < w[4] ? data.directory.name(r.holder, lang)
                    : data.directory.shortName(r.holder, lang), w[4]),
                (r.next?.kind.shortTitle.text(lang) ?? "—", w[5]),
                (r.next.map { Console.daysLeft($0, lang) } ?? "", w[6]),
            ]
            line(cells, row: 3 + offset, style: style)
        }
        if state.rows.isEmpty {
            grid.put(zh ? "没有符合条件的案件" : "No cases match", row: 4, column: 2, style: .hint)
        }
    }
}
