import PetitionCore

/// state → frame. Every screen draws into the same frame: a title bar, the body, a
/// line of keys, and the status line that always says who, where, the mode and the day.
package enum Console {
    package static let minimumRows = 24
    package static let minimumColumns = 80

    /// Rows of the body: the lists page by this much.
    package static func pageSize(rows: Int) -> Int { max(1, rows - 6) }

    package static func render(_ state: AppState, _ data: ConsoleData, rows: Int, columns: Int) -> CellGrid {
        var grid = CellGrid(rows: rows, columns: columns)
        let zh = state.language == .zh
        guard rows >= minimumRows, columns >= minimumColumns else {
            grid.put(zh ? "终端窗口太小：至少需要 80×24（现为 \(columns)×\(rows)）"
                        : "Terminal too small: 80x24 needed (now \(columns)x\(rows))", row: 0, column: 0)
            return grid
        }
        let title: String = switch state.screen {
        case .home: zh ? "首页" : "Home"
        case .queue: zh ? "案件队列" : "Queue"
        case .detail(let n): "\(n)"
        case .help: zh ? "帮助" : "Help"
        }
        grid.fill(row: 0, style: .title)
        grid.put(" xinfang 信访 · \(title)", row: 0, column: 0, style: .title)
        switch state.screen {
        case .home: HomeScreen.draw(&grid, state, data)
        case .queue: QueueScreen.draw(&grid, state, data)
        case .detail(let number): CaseScreen.draw(&grid, state, data, number)
        case .help: HelpScreen.draw(&grid, state, data)
        }
        let hints: [Intent] = switch state.screen {
        case .home: [.queue, .search, .help, .quit]
        case .queue: [.open, .search, .back, .help, .quit]
        case .detail: [.up, .down, .back, .help, .quit]
        case .help: [.back, .quit]
        }
        let hintText = hints.compactMap { KeyMap.binding($0) }.map { "\($0.label) \($0.help.text(state.language))" }
        grid.put(" " + hintText.joined(separator: "  "), row: rows - 2, column: 0, style: .hint)
        let mode = data.training ? (zh ? "培训模式" : "TRAINING") : (zh ? "正式" : "production")
        let role = data.policy.name(of: data.actor.role, state.language)
        let status = " \(data.actor.user)  \(role)  \(data.directory.name(data.actor.organ, state.language))  \(mode)  \(data.today)"
        let style: StyleRole = data.training ? .training : .status
        grid.fill(row: rows - 1, style: style)
        grid.put(status, row: rows - 1, column: 0, style: style)
        return grid
    }

    /// The style a clock's days left call for: overdue, due within three days, or plain.
    static func urgency(_ clock: ClockStatus?) -> StyleRole {
        guard let clock else { return .normal }
        if clock.daysLeft < 0 { return .overdue }
        return clock.daysLeft <= 3 ? .dueSoon : .normal
    }

    /// "还剩3天" / "逾期2天", with a marker so urgency shows without colour too.
    static func daysLeft(_ clock: ClockStatus, _ language: Language) -> String {
        let n = clock.daysLeft
        if language == .zh { return n < 0 ? "!逾期\(-n)天" : (n == 0 ? "*今天到期" : (n <= 3 ? "*还剩\(n)天" : "还剩\(n)天")) }
        return n < 0 ? "!\(-n)d overdue" : (n == 0 ? "*due today" : (n <= 3 ? "*\(n)d left" : "\(n)d left"))
    }
}
