import PetitionCore

/// The home screen: the counts that matter to this user, and where to go next.
enum HomeScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let zh = state.language == .zh
        let counts: [(Localized, Int, StyleRole)] = [
            (Localized("今日登记", "registered today"), state.registeredToday, .normal),
            (Localized("3日内到期", "due within 3 days"), state.dueSoon, .dueSoon),
            (Localized("已逾期", "overdue"), state.overdue, .overdue),
            (Localized("督办中", "under supervision"), state.underSupervision, .normal),
            (Localized("案件总数", "cases"), data.states.count, .normal),
        ]
        for (i, (label, n, style)) in counts.enumerated() {
            grid.put(DisplayWidth.pad(label.text(state.language), to: 20), row: 2 + i, column: 4)
            grid.put(String(n), row: 2 + i, column: 26, style: n > 0 ? style : .normal)
        }
        grid.put(zh ? "按 w 或 Enter 查看案件队列，/ 按编号、姓名或类别查找"
                    : "w or Enter: the case queue; /: find by number, name or category", row: 9, column: 4)
        grid.put(zh ? "登记新案件请用命令 xinfang register（登记界面即将提供）"
                    : "To register, use xinfang register (the register screen is coming)", row: 10, column: 4, style: .hint)
    }
}
