import PetitionCore

/// The register screen: the form on the left; on the right, as soon as the person is
/// identified, their earlier cases with state and next deadline, and what the
/// regulation says about taking the same matter again.
enum RegisterScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        guard let form = state.form else { return }
        let lang = state.language
        let zh = lang == .zh
        let height = grid.rows - 4
        let formWidth = min(64, max(48, grid.columns * 6 / 10))
        FormScreen.draw(&grid, FormInput.fields(state, data), form, language: lang, top: 1, left: 1,
                        width: formWidth, height: height)
        let left = formWidth + 2
        let width = grid.columns - left - 1
        for r in 1...height { grid.put("│", row: r, column: left - 1, style: .hint) }
        grid.put(DisplayWidth.pad(zh ? "此人以往信访" : "Earlier petitions", to: width), row: 1, column: left, style: .title)
        if state.priorKey.isEmpty {
            let lines = zh ? ["输入完整证件号码，", "或姓名和电话后，", "这里列出此人以往", "的案件及办理情况。"]
                           : ["Enter a whole ID", "number, or a name", "and phone, to see", "this person's cases."]
            for (i, line) in lines.enumerated() { grid.put(line, row: 2 + i, column: left, style: .hint) }
        } else if state.prior.isEmpty {
            grid.put(zh ? "无以往案件：初信初访" : "None: a first petition", row: 2, column: left)
        } else {
            var row = 2
            grid.put(zh ? "共\(state.prior.count)件" : "\(state.prior.count) cases", row: row, column: left)
            row += 1
            for prior in state.prior where row + 3 <= height {
                grid.put(DisplayWidth.truncate(prior.number.description, to: width), row: row, column: left)
                let category = data.categories[prior.category]?.name(lang) ?? prior.category
                grid.put(DisplayWidth.truncate(prior.phase.title.text(lang) + " " + category, to: width), row: row + 1,
                         column: left + 1)
                var used = 2
                if let next = prior.next {
                    grid.put(DisplayWidth.truncate(next.kind.title.text(lang) + " " + Console.daysLeft(next, lang), to: width),
                             row: row + used, column: left + 1, style: Console.urgency(next))
                    used += 1
                }
                if let finding = prior.finding {
                    grid.put(DisplayWidth.truncate("⚑" + finding.title.text(lang), to: width), row: row + used, column: left + 1,
                             style: finding == .repeatPetition ? .dueSoon : .overdue)
                    grid.put(DisplayWidth.truncate(" " + data.articles.short(finding.rule, lang), to: width),
                             row: row + used + 1, column: left + 1, style: .hint)
                    used += 2
                }
                row += used
            }
        }
    }
}
