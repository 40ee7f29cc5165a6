import PetitionCore

/// state + key → state. No business rules here: the workflow is only read, and a
/// save hands the run loop an `Effect` to write.
package enum Update {
    /// Applies one key and returns the write it asks for, if any (a saved form), for the
    /// run loop to perform and report back with `completed`. The queue's cached rows are
    /// brought up to date by the run loop before each frame, not here.
    package static func apply(_ key: Key, to state: inout AppState, data: ConsoleData, pageSize: Int,
                              columns: Int = Console.minimumColumns) -> Effect? {
        if key == .tick || key == .resize { return nil }
        state.flash = nil
        if key == .control("c") {  // Ctrl-C in raw mode: quit, asking first if a form has typing in it
            if state.form?.dirty == true, state.screen.isForm {
                state.form?.confirming = .quit
            } else {
                state.quit = true
            }
            return nil
        }
        switch state.screen {
        case .register, .action, .organAct: return FormInput.apply(key, &state, data, pageSize: pageSize)
        case .search: searchKey(key, &state, data, pageSize: pageSize)
        case .document(let number): return documentKey(key, &state, data, number, pageSize: pageSize, columns: columns)
        case .home, .queue, .detail, .help, .actions, .staff, .exercises, .exercise, .organActs, .statistics:
            if state.clockEntry != nil { return clockKey(key, &state, data) }
            if state.screen == .statistics, state.statistics.entry != nil {
                periodKey(key, &state, data)
                return nil
            }
            if !state.filtering, let handled = trainingKey(key, &state, data) { return handled.effect }
            if state.filtering { filterKey(key, &state) } else { browseKey(key, &state, data, pageSize: pageSize, columns: columns) }
        }
        return nil
    }

    /// Reports how a written effect ended: a saved form closes and shows its case; a
    /// refusal stays on the form, beside the field it names.
    package static func completed(_ result: EffectResult, _ state: inout AppState, data: ConsoleData) {
        let zh = state.language == .zh
        switch result {
        case .registered(let number):
            state.form = nil
            // What registration found about the earlier cases, said once (the case keeps the flag).
            let earlier = state.prior.first { $0.finding != nil }
            state.prior = []
            state.priorKey = ""
            state.detailScroll = 0
            state.screen = .detail(number)
            var text = (zh ? "登记成功：" : "Registered: ") + "\(number)  \(number.spoken(data.directory, state.language))  "
                + data.articles.short(.intakeRegisterAll, state.language)
            // (The screen's title names the new case: the line names the earlier one, the
            // article and the key, within 80 columns.)
            if let prior = earlier, let finding = prior.finding {
                let key = finding == .repeatPetition
                    ? (zh ? "按 L 关联" : "press L to link")
                    : (zh ? "按 a 选「不予受理」" : "press a, then not-accept")
                text = (zh ? "已登记；以往案件 \(prior.number) " : "Registered; earlier case \(prior.number): ")
                    + finding.title.text(state.language) + (zh ? "（" : " (") + data.articles.short(finding.rule, state.language)
                    + (zh ? "），" : "); ") + key
            }
            state.flash = Flash(text: text, style: .title)
        case .issued(let number, let path, let printed):
            let title = state.documentKind?.title.text(state.language) ?? ""
            if state.screen == .document(number) { back(&state) }
            // The file's name (the folder is the documents folder): the line fits 80 columns.
            let file = path.split(separator: "/").last.map(String.init) ?? path
            state.flash = Flash(text: (zh ? "已出具\(title)：\(file)" : "Issued \(title): \(file)")
                                    + (printed ? (zh ? "，已送打印机" : "; sent to the printer") : ""), style: .title)
        case .executed(let number):
            let title = (state.screen.actionKind.map { ActionCatalog.spec($0).title.text(state.language) }) ?? ""
            state.form = nil
            while let last = state.history.last, last != .detail(number) { state.history.removeLast() }
            if state.history.last == .detail(number) { state.history.removeLast() }
            state.screen = .detail(number)
            state.flash = Flash(text: (zh ? "已办理：" : "Done: ") + title, style: .title)
        case .recordedOrganAct(let command):
            state.form = nil
            back(&state)
            let done = command.lifts == nil ? (zh ? "已记录：" : "Recorded: ") : (zh ? "已解除：" : "Lifted: ")
            state.flash = Flash(text: done + command.measure.label.text(state.language) + " "
                + data.directory.name(command.organ, state.language) + "  " + data.articles.short(command.measure.rule, state.language),
                                style: .title)
        case .noteRecorded:
            break  // the refusal already shows beside its field; a hint, on the line
        case .exerciseStarted(let id):
            state.history.append(.exercises)
            state.screen = .exercise(id)
            // An exercise set on a day of its own says so: an earlier clock was moved there.
            let day = data.exercise(id)?.setOn.map { zh ? "，发生在\($0)（更早的模拟时钟已拨至此日）" : ", set on \($0) (an earlier clock moved there)" } ?? ""
            state.flash = Flash(text: zh ? "练习已开始\(day)：按 Enter 打开本步的案件" : "Exercise started\(day): Enter opens this step's case", style: .title)
        case .clockMoved(let to):
            state.clockEntry = nil
            state.flash = Flash(text: (zh ? "模拟时钟已拨至 " : "The clock now reads ") + Update.clockText(to), style: .title)
        case .failed(let message, let field):
            state.flash = Flash(text: message, style: .overdue)
            if let field, var form = state.form {
                form.errors[field] = message
                form.touched.insert(field)
                state.form = form
            }
        }
    }

    static func go(_ screen: Screen, _ state: inout AppState) {
        guard screen != state.screen else { return }
        state.history.append(state.screen)
        state.screen = screen
    }

    static func back(_ state: inout AppState) {
        // Home is where Esc ends: a queue or case left behind is not reopened from it.
        guard state.screen != .home else {
            state.history.removeAll()
            return
        }
        if let previous = state.history.popLast() {
            // Back from a number's cases to the number: the desk's selection stays on it.
            if previous == .home || previous == .organActs, state.screen == .queue, state.drill != nil { state.drill = nil }
            state.screen = previous
        }
    }

    private static func filterKey(_ key: Key, _ state: inout AppState) {
        switch key {
        case .enter: state.filtering = false
        case .escape:
            state.filtering = false
            state.filter = ""
        case .backspace: if !state.filter.isEmpty { state.filter.removeLast() }
        case .character("\u{15}"): state.filter = ""  // Ctrl-U clears, as in the search and a shell
        case .character(let c) where c.asciiValue.map { $0 >= 0x20 && $0 != 0x7F } ?? true: state.filter.append(c)
        case .paste(let text): state.filter += Key.queryText(text)
        case .character, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .delete, .tab, .backTab,
             .function, .resize, .tick:
            break  // control characters and movement do not edit the filter
        }
        state.selected = 0
        state.top = 0
    }

    static func browseKey(_ key: Key, _ state: inout AppState, _ data: ConsoleData, pageSize: Int,
                          columns: Int = Console.minimumColumns) {
        // On the desk, ← → (h l) move along a line of numbers and across to the other list
        // (decision 0030); Enter opens a number, Esc is back as everywhere.
        if state.screen == .home, let desk = state.desk,
           key == .left || key == .right || key == .character("h") || key == .character("l") {
            let layout = DeskScreen.layout(desk, data, state.language)
            let by = key == .left || key == .character("h") ? -1 : 1
            state.deskCursor = state.deskCursor.moved(across: by, layout, visible: DeskScreen.visible(pageSize: pageSize))
            return
        }
        // On the list of acts, → (l) moves into the selected act's detail to scroll it, ← (h) or
        // Esc back to the list; Enter still lists the act's cases.
        if state.screen == .organActs, organActsPaneKey(key, &state, data, pageSize: pageSize, columns: columns) {
            return
        }
        // On the statistics screen, `d` types the period (the prompt takes the keys until Enter or Esc).
        if state.screen == .statistics, key == .character("d") {
            state.statistics.entry = ""
            return
        }
        guard let intent = KeyMap.intent(for: key) else { return }
        let zh = state.language == .zh
        switch intent {
        case .quit:
            if state.form?.dirty == true {
                state.flash = Flash(text: zh ? "有未保存的表单：按 Esc 回到表单，保存或放弃后再退出"
                                             : "A form is not saved: Esc returns to it; save or discard it first", style: .overdue)
            } else {
                state.quit = true
            }
        case .help:
            if state.screen != .help { go(.help, &state) }
        case .back:
            back(&state)
        case .queue:
            state.drill = nil
            go(.queue, &state)
        case .home:
            // Home is where Esc ends: nothing of the way there is left to go back to.
            state.drill = nil
            state.history.removeAll()
            state.screen = .home
        case .staff: go(.staff, &state)
        case .print:
            if case .detail(let number) = state.screen { openDocument(number, &state, data) }
        case .clock: openClock(&state, data)
        case .exercises, .hint: break  // trainingKey's
        case .register: openRegister(&state, data)
        case .search:
            // A new search starts from nothing (it kept the last query: 王秀英 then 于婷
            // searched 王秀英于婷).
            state.query = LineEditor()
            state.hits = []
            state.hitSelected = 0
            state.hitsKey = nil
            go(.search, &state)
        case .statistics: openStatistics(&state, data)
        case .view where state.screen == .statistics: nextBreakdown(&state)
        case .view, .sort:
            guard state.screen == .queue else { return }
            if intent == .view { state.view = state.view.next } else { state.sort = state.sort.next }
            state.selected = 0
            state.top = 0
        case .up: move(.up, &state, data, pageSize: pageSize, columns: columns)
        case .down: move(.down, &state, data, pageSize: pageSize, columns: columns)
        case .pageUp: move(.pageUp, &state, data, pageSize: pageSize, columns: columns)
        case .pageDown: move(.pageDown, &state, data, pageSize: pageSize, columns: columns)
        case .top: move(.top, &state, data, pageSize: pageSize, columns: columns)
        case .bottom: move(.bottom, &state, data, pageSize: pageSize, columns: columns)
        case .actions:
            if case .detail(let number) = state.screen { openActions(number, &state) }
            // On the desk, an organ's number: a supervision act of that organ (decision 0024),
            // with the number's cases filled in, for a role that may record one — refused here,
            // before any typing, when the organ is beyond the supervisor's reach (decision 0030).
            if case .home = state.screen, let desk = state.desk {
                guard OrganMeasure.allCases.contains(where: { data.policy.allows(data.actor.role, $0) }) else { return }
                let layout = DeskScreen.layout(desk, data, state.language)
                guard let cell = DeskScreen.selected(state.deskCursor, layout), let organ = cell.organ else {
                    state.flash = Flash(text: zh ? "督办措施针对机关：请在机关那一行或一项违规的数字上按 a"
                                                 : "An act concerns an organ: press a on an organ's line or a breach", style: .hint)
                    return
                }
                if refusedOnDamagedLog(&state, data) { return }
                do throws(Rejection) {
                    try OrganSupervisionCommand.precheck(nil, organ, data.context)
                } catch {
                    state.flash = Flash(text: error.message(state.language, articles: data.articles, directory: data.directory,
                                                            compact: true),
                                        style: .overdue)
                    return
                }
                // Only the cases that concern the organ (a clock's or flag's number has none).
                let cases = cell.cases.filter { data.state($0)?.standsBehindActOf(organ) ?? false }
                state.form = OrganActForm.blank(cases: cases)
                go(.organAct(organ), &state)
            }
            // On the list of acts: lift the measure selected (decision 0030).
            if case .organActs = state.screen { openLift(&state, data) }
        case .open:
            switch state.screen {
            case .queue:
                if state.rows.indices.contains(state.selected) {
                    state.detailScroll = 0
                    go(.detail(state.rows[state.selected].number), &state)
                }
            case .home:
                // On the desk, a number opens the cases behind it (a filtered queue); Esc returns.
                // The acts of organs open their own list.
                if let desk = state.desk {
                    let layout = DeskScreen.layout(desk, data, state.language)
                    guard let cell = DeskScreen.selected(state.deskCursor, layout) else { return }
                    if cell.opensActs {
                        state.actSelected = 0
                        state.actTop = 0
                        state.actDetailFocused = false
                        state.actDetailScroll = 0
                        go(.organActs, &state)
                        return
                    }
                    state.drill = AppState.Drill(title: cell.title.text(state.language), cases: Set(cell.cases))
                    state.selected = 0
                    state.top = 0
                    // A number opens exactly its cases: no filter or view left from the queue before.
                    state.filter = ""
                    state.view = .all
                }
                go(.queue, &state)
            case .organActs:
                // An act's cases as a queue; Esc comes back to the act.
                let ledger = OrganActEntry.ledger(data.organRecords).reversed().map { $0 }
                guard ledger.indices.contains(state.actSelected) else { return }
                let entry = ledger[state.actSelected]
                let visible = entry.act.visible(to: data.actor, name: data.actorName) { data.state($0) }
                state.drill = AppState.Drill(title: "\(entry.number) " + entry.act.measure.label.text(state.language) + "·"
                                                 + data.directory.shortName(entry.act.organ, state.language),
                                             cases: Set(visible.cases))
                state.selected = 0
                state.top = 0
                state.filter = ""
                state.view = .all
                go(.queue, &state)
            case .detail(let number): openActions(number, &state)
            case .actions(let number): openAction(number, &state, data)
            case .help, .register, .action, .search, .staff, .organAct, .document, .exercises, .exercise, .statistics: break
            }
        case .filter:
            if state.screen != .queue { go(.queue, &state) }
            state.filtering = true
            state.filter = ""
        case .link:
            // 关联 in one key from the case (a repeat petition is linked to its earlier case).
            switch state.screen {
            case .detail(let number), .actions(let number): openAction(.link, on: number, &state, data)
            case .home, .queue, .help, .register, .action, .search, .staff, .organAct, .document, .exercises, .exercise,
                 .organActs, .statistics: break
            }
        case .save, .nextField, .previousField, .openEarlier:
            break
        }
    }

    /// A damaged log takes no writes: a form is not opened, so that nothing is typed in
    /// vain; one line says why and what to run. Nor while the log is still being checked
    /// after opening (damage there would not be known yet). True when refused.
    private static func refusedOnDamagedLog(_ state: inout AppState, _ data: ConsoleData) -> Bool {
        if data.warning == nil, data.checking {
            state.flash = Flash(text: state.language == .zh
                                    ? "正在核对日志（打开后数秒），核对完毕即可登记或办理"
                                    : "Checking the log (a few seconds after opening); forms open once it is done",
                                style: .hint)
            return true
        }
        guard data.warning != nil else { return false }
        state.flash = Flash(text: state.language == .zh
                                ? "日志已损坏，不能登记或办理：请运行 xinfang log verify，再 log recover"
                                : "The log is damaged; nothing can be saved: run xinfang log verify / log recover",
                            style: .overdue)
        return true
    }

    /// The lift (解除) of the act selected on the list of acts: refused here, before any typing,
    /// when it is no measure in force or beyond this user's reach (decision 0030).
    static func openLift(_ state: inout AppState, _ data: ConsoleData) {
        let ledger = Array(OrganActEntry.ledger(data.organRecords).reversed())
        guard ledger.indices.contains(state.actSelected) else { return }
        if refusedOnDamagedLog(&state, data) || refusedWhileAFormWaits(&state) { return }
        let entry = ledger[state.actSelected]
        let probe = OrganSupervisionCommand(measure: entry.act.measure, organ: entry.act.organ, note: "—", lifts: entry.number)
        do throws(Rejection) {
            _ = try probe.decide(data.context, records: data.organRecords)
        } catch {
            state.flash = Flash(text: error.message(state.language, articles: data.articles, directory: data.directory,
                                                    compact: true),
                                style: .overdue)
            return
        }
        state.form = OrganActForm.lift(entry.number)
        go(.organAct(entry.act.organ), &state)
    }

    /// A form waiting behind the screen (the register form, while the clerk reads an
    /// earlier case from it): no other form opens over it. True when refused.
    private static func refusedWhileAFormWaits(_ state: inout AppState) -> Bool {
        guard state.form != nil, !state.screen.isForm else { return false }
        state.flash = Flash(text: state.language == .zh ? "登记表单尚未保存：按 Esc 回到表单，保存或放弃后再办理"
                                                        : "The register form is not saved: Esc returns to it; save or discard it first",
                            style: .overdue)
        return true
    }

    private static func openRegister(_ state: inout AppState, _ data: ConsoleData) {
        if refusedOnDamagedLog(&state, data) || refusedWhileAFormWaits(&state) { return }
        let probe = CaseState(number: CaseNumber(organ: data.actor.organ, year: data.today.year, sequence: 1))
        if let refusal = ActionForm.refusal(.register, on: probe, data) {
            state.flash = Flash(text: RegisterForm.message(refusal, data, state.language), style: .overdue)
            return
        }
        state.form = RegisterForm.blank(data)
        state.prior = []
        state.priorKey = ""
        go(.register, &state)
    }

    private static func openActions(_ number: CaseNumber, _ state: inout AppState) {
        state.actionSelected = 0
        go(.actions(number), &state)
    }

    /// The actions the case's phase allows, as the actions screen lists them.
    static func actions(_ number: CaseNumber, _ data: ConsoleData) -> [ActionKind] {
        guard let c = data.state(number) else { return [] }
        // Documents are issued with `p`, from a preview, not from a form (issue 15). A 督办 with
        // no organ this user may supervise on the case (only the issuer's own organ, or organs
        // beyond its reach) is not offered at all (decision 0030, addendum).
        return Workflow.actions(for: c).filter { kind in
            kind != .register && kind != .issueDocument
                && !(kind == .orderSupervision && ActionForm.refusal(kind, on: c, data)?.code == .noOrganToSupervise)
                && !(kind == .listSupervision && ActionForm.refusal(kind, on: c, data)?.code == .listedOwnOrgan)
        }
    }

    private static func openAction(_ number: CaseNumber, _ state: inout AppState, _ data: ConsoleData) {
        let list = actions(number, data)
        guard list.indices.contains(state.actionSelected) else { return }
        openAction(list[state.actionSelected], on: number, &state, data)
    }

    private static func openAction(_ kind: ActionKind, on number: CaseNumber, _ state: inout AppState, _ data: ConsoleData) {
        if refusedOnDamagedLog(&state, data) || refusedWhileAFormWaits(&state) { return }
        if !actions(number, data).contains(kind) {
            state.flash = Flash(text: state.language == .zh ? "此案现在不能" + ActionCatalog.spec(kind).title.text(.zh)
                                                            : "Not allowed on this case now: " + ActionCatalog.spec(kind).title.text(.en),
                                style: .overdue)
            return
        }
        if let c = data.state(number), let refusal = ActionForm.refusal(kind, on: c, data) {
            state.flash = Flash(text: RegisterForm.message(refusal, data, state.language), style: .overdue)
            return
        }
        state.form = ActionForm.blank(kind)
        // A repeat petition or a matter the regulation says not to accept again: the earlier
        // case registration flagged (decision 0017), whichever door registered it, and the
        // reason are filled in; the clerk still decides and saves.
        let open = data.state(number)?.openEarlierFlags.filter { $0.ref != nil } ?? []
        switch kind {
        case .link:
            if let flag = open.first(where: { $0.kind == .repeatPetition }), let ref = flag.ref {
                state.form?.set("to", "\(ref)")
                state.form?.set("kind", LinkKind.repeats.rawValue)
            }
        case .notAccept:
            if let flag = open.first(where: { $0.kind == .final || $0.kind == .pendingBelow }), let ref = flag.ref {
                state.form?.set("ref", "\(ref)")
                state.form?.set("reason", flag.kind == .final ? NonAcceptance.alreadyFinal.rawValue
                                                              : NonAcceptance.pendingElsewhere.rawValue)
            }
        case .differentMatter:
            if let ref = open.first(where: \.kind.isAboutSameness)?.ref { state.form?.set("ref", "\(ref)") }
        case .orderSupervision:
            // The organ the case is with, when it may be supervised; the others are offered (decision 0030).
            if let c = data.state(number), let first = ActionForm.supervisable(c, data).first { state.form?.set("organ", first) }
        case .recordFeedback:
            // The feedback answers an open order: the one there is, when there is one.
            if let orders = data.state(number)?.openSupervisionOrders, orders.count == 1 {
                state.form?.set("order", "\(orders[0].index)")
            }
        case .register, .transfer, .assign, .referPoliticalLegal, .referDiscipline, .escalate, .redirect, .receive,
             .accept, .object, .decideObjection, .classify, .assignHandler, .startHearing, .endHearing,
             .startMediation, .recordAgreement, .endMediation, .extend, .issueOpinion, .deliver, .reportCompletion,
             .requestReview, .issueReviewOpinion, .requestRereview, .startRereviewHearing, .endRereviewHearing,
             .issueRereviewOpinion, .withdraw, .recordIncident, .recordFollowUp,
             .listSupervision, .assignLeader, .correct, .void, .reviewRecovery, .recordLoss,
             .flagEarlierCase, .requestSupplement, .recordSupplement, .rehandle, .rate, .recordExecution,
             .issueDocument:
            break  // the earlier case says nothing about these forms
        }
        go(.action(number, kind), &state)
    }
}

extension CaseIterable where Self: Equatable, AllCases.Index == Int {
    /// The case after this one, the first after the last.
    var next: Self {
        let all = Self.allCases
        let i = all.firstIndex(of: self).map { $0 + 1 } ?? 0
        return all[i == all.count ? 0 : i]
    }
}

extension Screen {
    package var actionKind: ActionKind? {
        if case .action(_, let kind) = self { return kind }
        return nil
    }
}
