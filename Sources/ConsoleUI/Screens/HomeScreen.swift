import PetitionCore

/// The home screen: the counts that matter to this user, and where to go next.
enum HomeScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        // The desk is drawn as soon as it is made: it needs none of the queue's rows.
        if let desk = state.desk {
            DeskScreen.draw(&grid, state, data, desk)
            return
        }
        let zh = state.language == .zh
        let counts: [(Localized, Int, StyleRole)] = [
            (Localized("今日登记", "registered today"), state.registeredToday, .normal),
            (Localized("\(StatutoryTerms.regulation.dueSoon)日内到期", "due within \(StatutoryTerms.regulation.dueSoon) days"),
             state.dueSoon, .dueSoon),
            (Localized("已逾期", "overdue"), state.overdue, .overdue),
            (Localized("督办中", "under supervision"), state.underSupervision, .normal),
            (Localized("案件总数", "cases"), data.states.count, .normal),
        ]
        let scoped = data.actor.role == .handler || data.actor.role == .organHead
        let scope = scoped ? (zh ? "本机关：" : "My organ: ") + data.directory.name(data.actor.organ, state.language)
                           : (zh ? "全辖区：" : "Jurisdiction: ") + data.directory.name(data.directory.jurisdiction, state.language)
        grid.put(scope, row: 1, column: 4, style: .hint)
        for (i, (label, n, style)) in counts.enumerated() {
            grid.put(DisplayWidth.pad(label.text(state.language), to: 20), row: 2 + i, column: 4)
            let pending = !state.countsReady && i < 4
            grid.put(pending ? "…" : String(n), row: 2 + i, column: 26, style: n > 0 && !pending ? style : .normal)
        }
        let lang = state.language
        let registers = data.policy.allows(data.actor.role, .register)
        // A training log offers its exercises first, and the clock (decision 0026).
        let actions: [Intent] = (data.training && !data.exercises.isEmpty ? [.exercises] : []) + (registers ? [.register] : [])
            + [.search, .queue] + (data.training ? [.clock] : []) + [.help, .quit]
        for (i, intent) in actions.enumerated() {
            guard let b = KeyMap.binding(intent) else { continue }
            let text = intent == .exercises
                ? (state.language == .zh ? "练习（\(data.exercises.count)个，按所学条款检查每一步）" : "exercises (\(data.exercises.count); each step checked against the article)")
                : b.help.text(lang)
            grid.put(DisplayWidth.pad(b.label(lang), to: 8) + text, row: 9 + i, column: 4)
        }
        if !registers {
            grid.put(zh ? "（本岗位不登记新事项；在队列中选案件后按 a 办理）" : "(this role does not register; pick a case and press a to act)",
                     row: 9 + actions.count, column: 4, style: .hint)
        } else {
            grid.put(zh ? "在案件上按 a 或 Enter，列出现在可以办理的操作及依据条款" : "On a case, a or Enter lists what the law allows now, with articles",
                     row: 9 + actions.count, column: 4, style: .hint)
        }
    }
}
