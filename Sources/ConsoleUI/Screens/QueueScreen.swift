import PetitionCore

/// The queue: one case per row, soonest deadline first. Only the visible rows are
/// drawn; the rows themselves are computed when the cases change, not per key.
enum QueueScreen {
    /// Column widths at 80 columns; the organ column takes what is left.
    static let widths = (number: 18, petitioner: 8, category: 10, phase: 11, clock: 9, left: 12)

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language
        let zh = lang == .zh
        let organWidth = max(8, grid.columns - 2 - widths.number - widths.petitioner - widths.category - widths.phase
                             - widths.clock - widths.left)
        func line(_ cells: [(String, Int)], row: Int, style: StyleRole) {
            var col = 1
            for (text, width) in cells {
                grid.put(DisplayWidth.pad(text, to: width - 1), row: row, column: col, style: style)
                col += width
            }
        }
        let filterText = state.filtering || !state.filter.isEmpty
            ? (zh ? "筛选：" : "Filter: ") + state.filter + (state.filtering ? "▏" : "") : ""
        let scope = "[" + state.view.title.text(lang) + " · " + state.sort.title.text(lang) + "]"
        grid.put((zh ? "共\(state.rows.count)件" : "\(state.rows.count) cases") + " " + scope + "  " + filterText, row: 1, column: 1,
                 style: state.filtering ? .selected : .normal)
        line([(zh ? "案件编号" : "Case", widths.number), (zh ? "信访人" : "Name", widths.petitioner),
              (zh ? "类别" : "Category", widths.category), (zh ? "状态" : "State", widths.phase),
              (zh ? "现由" : "Held by", organWidth), (zh ? "下一期限" : "Next clock", widths.clock),
              (zh ? "剩余" : "Left", widths.left)], row: 2, style: .title)
        let page = Console.pageSize(rows: grid.rows)
        for (offset, rowIndex) in (state.top..<min(state.rows.count, state.top + page)).enumerated() {
            let r = state.rows[rowIndex]
            let selected = rowIndex == state.selected
            let style: StyleRole = selected ? .selected : Console.urgency(r.next)
            let cells: [(String, Int)] = [
                ((selected ? "▶" : " ") + r.number.description, widths.number),
                (r.petitioner, widths.petitioner),
                (data.categories[r.category]?.name(lang) ?? r.category, widths.category),
                // An earlier-case flag or missing content awaiting the clerk comes first, so a cut
                // column still shows it (the case screen gives the article).
                ((r.flagged.first.map { $0.kind.marker.text(lang) + "·" }
                    ?? r.missing.first.map { $0.title.text(lang) + "·" } ?? "") + r.phase.title.text(lang), widths.phase),
                (data.directory.shortName(r.holder, lang), organWidth),
                (r.next?.kind.title.text(lang) ?? "—", widths.clock),
                (r.next.map { Console.daysLeft($0, lang) } ?? "", widths.left),
            ]
            line(cells, row: 3 + offset, style: style)
        }
        if state.rows.isEmpty {
            grid.put(zh ? "没有符合条件的案件" : "No cases match", row: 4, column: 2, style: .hint)
        }
    }
}
