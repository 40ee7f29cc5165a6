import PetitionCore

/// Help: the keys (from the key map) and the articles behind the screen's actions.
enum HelpScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language
        let zh = lang == .zh
        grid.put(zh ? "按键" : "Keys", row: 1, column: 1, style: .title)
        for (i, b) in KeyMap.bindings.enumerated() {
            grid.put(DisplayWidth.pad(b.label, to: 12) + b.help.text(lang), row: 2 + i, column: 2)
        }
        let row = 3 + KeyMap.bindings.count
        guard case .detail(let number)? = state.history.last, let c = data.state(number) else {
            grid.put(zh ? "在案件界面按 F1 或 ?，可查看此案现在可办理的操作及其依据的条款"
                        : "F1 or ? on a case lists the actions allowed now and their articles", row: row, column: 1, style: .hint)
            return
        }
        grid.put((zh ? "此案现在可办理的操作及依据（" : "Actions allowed on this case now (") + "\(number))", row: row, column: 1,
                 style: .title)
        for (i, a) in Workflow.allowedActions(in: c.phase).prefix(grid.rows - row - 4).enumerated() {
            let spec = ActionCatalog.spec(a)
            grid.put(DisplayWidth.pad(spec.title.text(lang), to: 16) + data.articles.citation(a.rule, lang) + "  "
                     + spec.help.text(lang), row: row + 1 + i, column: 2)
        }
    }
}
