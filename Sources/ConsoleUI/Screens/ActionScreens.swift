import PetitionCore

/// The actions the law allows on a case now, each with its article; those this
/// user's role may not take are marked, and picking one says why in one sentence.
enum ActionsScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ number: CaseNumber) {
        let lang = state.language
        let zh = lang == .zh
        guard let c = data.state(number) else { return }
        grid.put((zh ? "此案现在可以办理的操作（状态：" : "Allowed now (state: ") + c.phase.title.text(lang) + (zh ? "）" : ")"),
                 row: 1, column: 1, style: .title)
        let list = Update.actions(number, data)
        let height = grid.rows - 6
        let first = max(0, state.actionSelected - height + 1)
        for (i, kind) in list.enumerated().dropFirst(first).prefix(height) {
            let spec = ActionCatalog.spec(kind)
            let selected = i == state.actionSelected
            let refused = ActionForm.refusal(kind, on: c, data).map { ActionForm.mark($0, lang) } ?? ""
            let text = (selected ? "▶" : " ") + DisplayWidth.pad(spec.title.text(lang) + refused, to: 25)
                + DisplayWidth.pad(data.articles.short(kind.rule, lang), to: 19) + spec.help.text(lang)
            grid.put(DisplayWidth.pad(text, to: grid.columns - 2), row: 2 + i - first, column: 1,
                     style: selected ? .selected : (refused.isEmpty ? .normal : .hint))
        }
    }
}

/// One action's form, under a line saying what the action does and its article.
enum ActionFormScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ number: CaseNumber,
                     _ kind: ActionKind) {
        guard let form = state.form else { return }
        let lang = state.language
        let zh = lang == .zh
        let spec = ActionCatalog.spec(kind)
        grid.put(spec.title.text(lang) + "  " + data.articles.citation(kind.rule, lang), row: 1, column: 1, style: .title)
        grid.put(DisplayWidth.truncate(spec.help.text(lang), to: grid.columns - 2), row: 2, column: 1, style: .hint)
        let fields = FormInput.fields(state, data)
        if fields.isEmpty {
            grid.put(zh ? "此操作无需填写内容：按 F2 确认办理，Esc 返回" : "Nothing to fill in: F2 to confirm, Esc to go back",
                     row: 4, column: 2)
            return
        }
        FormScreen.draw(&grid, fields, form, language: lang, top: 4, left: 1, width: grid.columns - 2,
                        height: grid.rows - 8)
    }
}

/// The form of a supervision act of an organ (decision 0024).
enum OrganActScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ organ: OrganCode) {
        guard let form = state.form else { return }
        let lang = state.language
        let zh = lang == .zh
        if let entry = OrganActForm.lifting(form, data) {
            // Lifting a measure (decision 0030): which one, and what the regulation does and does not say.
            let act = entry.act
            let due = act.due.map { zh ? "，限\($0)整改" : ", to put right by \($0)" } ?? ""
            grid.put(DisplayWidth.truncate((zh ? "解除第\(entry.number)项：" : "Lift act \(entry.number): ")
                                               + act.measure.label.text(lang) + " " + data.directory.name(organ, lang)
                                               + (zh ? "（\(act.day)" : " (\(act.day)") + due + (zh ? "）" : ")"),
                                           to: grid.columns - 2), row: 1, column: 1, style: .title)
            grid.put(DisplayWidth.truncate(zh ? "第39条第3款未规定解除；整改到位后记录解除理由，原措施记录保留"
                                              : "Art 39(3) says nothing of lifting; record why once put right; the act stays",
                                           to: grid.columns - 2), row: 2, column: 1, style: .hint)
        } else {
            grid.put((zh ? "督办措施：" : "Supervision act: ") + data.directory.name(organ, lang), row: 1, column: 1, style: .title)
            grid.put(DisplayWidth.truncate(zh ? "约谈、通报、挂牌督办领导班子或领导干部（第39条第3款）；督查（第38条）"
                                              : "Interview, circular, listing of a leadership (Art 39(3)); inspection (Art 38)",
                                           to: grid.columns - 2), row: 2, column: 1, style: .hint)
        }
        FormScreen.draw(&grid, FormInput.fields(state, data), form, language: lang, top: 4, left: 1, width: grid.columns - 2,
                        height: grid.rows - 8)
    }
}

/// Search (查找): type a case number, an ID number, a name, a phone or words of the matter.
enum SearchScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language
        let zh = lang == .zh
        let prompt = zh ? "查找：" : "Search: "
        let window = state.query.window(width: grid.columns - 4 - DisplayWidth.of(prompt))
        grid.put(DisplayWidth.pad(prompt + window.text, to: grid.columns - 2), row: 1, column: 1, style: .selected)
        grid.cursor = CellGrid.Position(row: 1, column: 1 + DisplayWidth.of(prompt) + window.cursorColumn)
        if state.query.isEmpty {
            grid.put(zh ? "输入案件编号、证件号码、姓名、拼音首字母、电话，或请求、事实中的文字"
                        : "Type a case number, ID number, name or its pinyin initials, phone, or words",
                     row: 3, column: 2, style: .hint)
            return
        }
        let more = state.hits.count >= Search.limit ? "+" : ""
        grid.put(zh ? "找到\(state.hits.count)\(more)件" : "\(state.hits.count)\(more) found", row: 2, column: 1)
        let height = grid.rows - 6
        // The selected hit is on the page even when the hits changed under it (another console's save).
        let top = min(max(state.hitTop, state.hitSelected - height + 1), state.hitSelected)
        for (i, hit) in state.hits.enumerated().dropFirst(max(0, top)).prefix(height) {
            guard let c = data.state(hit.number) else { continue }
            let masked = PersonalData.masked(for: data.actor, case: c, directory: data.directory)
            let selected = i == state.hitSelected
            // A case found by its number alone may be an accusation this user may not read:
            // its accuser is not shown in the hit (Art 30).
            let person = data.contentVisible(c) ? c.petition?.petitioner : nil
            let id = masked ? PersonalData.mask(person?.idNumber) : (person?.idNumber ?? "")
            let text = (selected ? "▶" : " ") + DisplayWidth.pad(hit.number.description, to: 18)
                + DisplayWidth.pad(person?.name ?? "", to: 9) + DisplayWidth.pad(id, to: 19)
                + DisplayWidth.pad(c.effectivePhase(asOf: data.today, calendar: data.calendar).title.text(lang), to: 12)
                + hit.matched.text(lang)
            grid.put(DisplayWidth.pad(text, to: grid.columns - 2), row: 3 + i - max(0, top), column: 1,
                     style: selected ? .selected : .normal)
        }
    }
}
