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
        case .register: zh ? "登记" : "Register"
        case .actions(let n): (zh ? "办理 " : "Act on ") + "\(n)"
        case .action(let n, let kind): "\(n) · " + ActionCatalog.spec(kind).title.text(state.language)
        case .search: zh ? "查找" : "Search"
        case .staff: zh ? "人员名单" : "Staff"
        case .organAct(let organ): (zh ? "督办措施 · " : "Supervision act · ") + data.directory.shortName(organ, state.language)
        case .organActs: zh ? "机关督办措施" : "Acts of organs"
        case .statistics: (zh ? "信访统计 · 按" : "Statistics · by ") + StatisticsText.title(of: state.statistics.by).text(state.language)
        case .document(let n): "\(n) · " + (zh ? "出具文书" : "Document")
        case .exercises: zh ? "练习" : "Exercises"
        case .exercise(let id): (zh ? "练习 · " : "Exercise · ") + (data.exercises.first { $0.id == id }?.title.text(state.language) ?? id)
        }
        grid.fill(row: 0, style: .title)
        grid.put(" xinfang 信访 · \(title)", row: 0, column: 0, style: .title)
        switch state.screen {
        case .home: HomeScreen.draw(&grid, state, data)
        case .queue: QueueScreen.draw(&grid, state, data)
        case .detail(let number): CaseScreen.draw(&grid, state, data, number)
        case .help: HelpScreen.draw(&grid, state, data)
        case .register: RegisterScreen.draw(&grid, state, data)
        case .actions(let number): ActionsScreen.draw(&grid, state, data, number)
        case .action(let number, let kind): ActionFormScreen.draw(&grid, state, data, number, kind)
        case .search: SearchScreen.draw(&grid, state, data)
        case .staff: StaffScreen.draw(&grid, state, data)
        case .organAct(let organ): OrganActScreen.draw(&grid, state, data, organ)
        case .organActs: OrganActsScreen.draw(&grid, state, data)
        case .statistics: StatisticsScreen.draw(&grid, state, data)
        case .document(let number): DocumentScreen.draw(&grid, state, data, number)
        case .exercises: ExerciseScreen.drawList(&grid, state, data)
        case .exercise(let id): ExerciseScreen.draw(&grid, state, data, id)
        }
        let hints: [Intent] = switch state.screen {
        case .home: [.register, .search, .queue, .quit]  // help is on the screen itself
        case .queue: [.open, .filter, .view, .sort, .back, .help]
        case .detail: [.actions, .print, .link, .back, .help]
        case .help: [.back, .quit]
        case .register, .action, .organAct: [.save, .nextField, .back, .help]
        case .actions: [.open, .back, .help]
        case .organActs: [.open, .back, .help]  // `a` lifts: the screen says so beside the act
        case .statistics: [.back, .help]  // Tab and d: the screen's own line says them
        case .search: [.open, .back, .help]
        case .staff: [.down, .back, .help]
        case .document: [.down, .back, .help]
        case .exercises: [.open, .back, .help]
        case .exercise: [.open, .hint, .back, .help]
        }
        let registers = data.policy.allows(data.actor.role, .register)
        let scope: KeyScope = state.screen.isForm ? .form : .browse
        let hintText = hints.filter { $0 != .register || registers }.compactMap { KeyMap.binding($0, in: scope) }.map { "\($0.label(state.language)) \($0.help.text(state.language))" }
        grid.put(DisplayWidth.truncate(" " + hintText.joined(separator: "  "), to: columns), row: rows - 2, column: 0, style: .hint)
        if let entry = state.statistics.entry, state.screen == .statistics {
            let prompt = state.flash.map { " " + $0.text } ?? " " + StatisticsScreen.prompt(entry, state.language, year: data.today.year)
            grid.put(DisplayWidth.pad(DisplayWidth.truncate(prompt, to: columns), to: columns), row: rows - 3, column: 0,
                     style: state.flash?.style ?? .selected)
        } else if let entry = state.clockEntry, !state.screen.isForm {
            let prompt = state.flash.map { " " + $0.text } ?? " " + Update.clockPrompt(entry, state.language)
            grid.put(DisplayWidth.pad(DisplayWidth.truncate(prompt, to: columns), to: columns), row: rows - 3, column: 0,
                     style: state.flash?.style ?? .selected)
        } else if let confirming = state.form?.confirming, state.screen.isForm {
            let text = confirming == .quit
                ? (zh ? "表单未保存，确定退出？ y 退出  n 继续填写" : "The form is not saved. Quit? y quit  n keep typing")
                : (zh ? "放弃已填写的内容？ y 放弃  n 继续填写" : "Discard what was typed? y discard  n keep typing")
            grid.put(DisplayWidth.pad(" " + text, to: columns), row: rows - 3, column: 0, style: .overdue)
        } else if let flash = state.flash {
            grid.put(DisplayWidth.pad(" " + flash.text, to: columns), row: rows - 3, column: 0, style: flash.style)
        } else if state.screen.isForm, let form = state.form, let problem = form.errors[form.focus] {
            grid.put(DisplayWidth.pad(" ! " + problem, to: columns), row: rows - 3, column: 0, style: .overdue)
        } else if let warning = data.warning {
            grid.put(DisplayWidth.pad(" ⚠ " + warning, to: columns), row: rows - 3, column: 0, style: .overdue)
        } else if data.checking {
            grid.put(DisplayWidth.pad(zh ? " … 正在核对日志" : " … checking the log", to: columns), row: rows - 3, column: 0,
                     style: .hint)
        }
        let mode = data.training ? (zh ? "培训模式" : "TRAINING") : (zh ? "正式" : "production")
        let role = data.policy.name(of: data.actor.role, state.language)
        // A training log shows its simulated time (decision 0026), to the minute.
        let time = data.training ? (zh ? "模拟 " : "sim ") + Update.clockText(data.now) : "\(data.today)"
        // The organ's full name where it fits, else its short name: the time is never the part cut.
        func status(_ organ: String) -> String { " \(data.actor.user)  \(role)  \(organ)  \(mode)  \(time)" }
        let full = status(data.directory.name(data.actor.organ, state.language))
        let status = DisplayWidth.of(full) <= columns ? full : status(data.directory.shortName(data.actor.organ, state.language))
        let style: StyleRole = data.training ? .training : .status
        grid.fill(row: rows - 1, style: style)
        grid.put(status, row: rows - 1, column: 0, style: style)
        return grid
    }

    /// The style a clock's days left call for: overdue, due soon (`StatutoryTerms.dueSoon`), or plain.
    static func urgency(_ clock: ClockStatus?) -> StyleRole {
        guard let clock else { return .normal }
        if clock.daysLeft < 0 { return .overdue }
        return clock.isDueSoon() ? .dueSoon : .normal
    }

    /// "还剩3天" / "逾期2天", with a marker so urgency shows without colour too.
    static func daysLeft(_ clock: ClockStatus, _ language: Language) -> String {
        let n = clock.daysLeft, soon = clock.isDueSoon()
        if language == .zh { return n < 0 ? "!逾期\(-n)天" : (n == 0 ? "*今天到期" : (soon ? "*还剩\(n)天" : "还剩\(n)天")) }
        return n < 0 ? "!\(-n)d overdue" : (n == 0 ? "*due today" : (soon ? "*\(n)d left" : "\(n)d left"))
    }
}
