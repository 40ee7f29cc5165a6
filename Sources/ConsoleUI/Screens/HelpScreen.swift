import PetitionCore

/// Help: the keys of the screen it was opened from (read from the key map), and the
/// articles behind that screen's actions.
enum HelpScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language
        let zh = lang == .zh
        let from = state.history.last ?? .home
        let scope: KeyScope = from.isForm ? .form : .browse
        grid.put(zh ? "按键" : "Keys", row: 1, column: 1, style: .title)
        var keys = KeyMap.bindings.filter { $0.scope == scope }.map { ($0.label(lang), $0.help.text(lang)) }
        if scope == .form { keys += KeyMap.editing.map { (zh ? $0.label : $0.label.replacingSpaceKey, $0.help.text(lang)) } }
        // Two columns, so every key fits at 80×24.
        let half = (keys.count + 1) / 2
        let columnWidth = (grid.columns - 2) / 2
        for (i, (label, help)) in keys.enumerated() {
            let column = i < half ? 2 : 2 + columnWidth
            grid.put(DisplayWidth.truncate(DisplayWidth.pad(label, to: 14) + help, to: columnWidth - 1),
                     row: 2 + i % half, column: column)
        }
        var row = 3 + half
        let room = grid.rows - row - 4
        let rules: [(String, String)]
        switch from {
        case .register:
            grid.put(zh ? "登记依据的条款" : "The articles behind registering", row: row, column: 1, style: .title)
            let r: [RuleID] = [.intakeChannels, .intakeContent, .intakeGroupVisit, .intakeRegisterAll, .intakeForeign,
                               .intakePendingElsewhere, .finality, .practiceLinks]
            rules = r.map { (data.articles.short($0, lang), (zh ? data.articles[$0].title : data.articles[$0].titleEn)) }
        case .action(_, let kind):
            grid.put(ActionCatalog.spec(kind).title.text(lang) + (zh ? "依据的条款" : ": its article"), row: row, column: 1, style: .title)
            rules = [(data.articles.short(kind.rule, lang), ActionCatalog.spec(kind).help.text(lang))]
        case .organAct, .organActs:
            grid.put(zh ? "督办措施依据的条款" : "The articles behind supervision acts", row: row, column: 1, style: .title)
            rules = OrganMeasure.allCases.map { ($0.label.text(lang), data.articles.short($0.rule, lang)) }
        case .detail(let number), .actions(let number):
            grid.put((zh ? "此案现在可办理的操作及依据（\(number)）" : "Actions allowed on this case now (\(number))"),
                     row: row, column: 1, style: .title)
            rules = Update.actions(number, data).map {
                (ActionCatalog.spec($0).title.text(lang), data.articles.short($0.rule, lang) + "  " + ActionCatalog.spec($0).help.text(lang))
            }
        case .home, .queue, .help, .search, .staff, .document, .exercises, .exercise:
            grid.put(zh ? "在案件界面按 F1 或 ?，可查看此案现在可办理的操作及其依据的条款"
                        : "F1 or ? on a case lists the actions allowed now and their articles", row: row, column: 1, style: .hint)
            return
        }
        row += 1
        for (i, (left, right)) in rules.prefix(max(0, room)).enumerated() {
            grid.put(DisplayWidth.truncate(DisplayWidth.pad(DisplayWidth.truncate(left, to: 17), to: 18) + right, to: grid.columns - 3), row: row + i, column: 2)
        }
    }
}
