import PetitionCore

extension Update {
    /// A move within a list or a page, as the browse keys ask for it.
    enum Movement {
        case up, down, pageUp, pageDown, top, bottom
    }

    /// Moves the selection of the screen's list, or scrolls the case; every screen
    /// and every movement is listed, so a new list says here how it moves.
    static func move(_ movement: Movement, _ state: inout AppState, _ data: ConsoleData, pageSize: Int,
                     columns: Int = Console.minimumColumns) {
        switch state.screen {
        case .queue:
            let last = max(0, state.rows.count - 1)
            switch movement {
            case .up: state.selected = max(0, state.selected - 1)
            case .down: state.selected = min(last, state.selected + 1)
            case .pageUp: state.selected = max(0, state.selected - pageSize)
            case .pageDown: state.selected = min(last, state.selected + pageSize)
            case .top: state.selected = 0
            case .bottom: state.selected = last
            }
            // Keep the selection on screen.
            if state.selected < state.top { state.top = state.selected }
            if state.selected >= state.top + pageSize { state.top = state.selected - pageSize + 1 }
        case .detail(let number):
            // The case scrolls by its wrapped lines at this width; End shows its last page.
            let last = max(0, CaseScreen.lines(state, data, number, width: columns - 2).count - CaseScreen.page(pageSize))
            switch movement {
            case .up: state.detailScroll = max(0, state.detailScroll - 1)
            case .down: state.detailScroll = min(last, state.detailScroll + 1)
            case .pageUp: state.detailScroll = max(0, state.detailScroll - CaseScreen.page(pageSize) + 1)
            case .pageDown: state.detailScroll = min(last, state.detailScroll + CaseScreen.page(pageSize) - 1)
            case .top: state.detailScroll = 0
            case .bottom: state.detailScroll = last
            }
            state.detailScroll = min(state.detailScroll, last)
        case .staff:
            switch movement {
            case .up: state.detailScroll = max(0, state.detailScroll - 1)
            case .down: state.detailScroll += 1
            case .pageUp: state.detailScroll = max(0, state.detailScroll - pageSize)
            case .pageDown: state.detailScroll += pageSize
            case .top: state.detailScroll = 0
            case .bottom: break  // the list's length is known only when drawn
            }
        case .actions(let number):
            switch movement {
            case .up: state.actionSelected = max(0, state.actionSelected - 1)
            case .down: state.actionSelected += 1
            case .top: state.actionSelected = 0
            // (As the help says: End and G to the last, PgDn and PgUp a page at a time.)
            case .bottom: state.actionSelected = .max
            case .pageDown: state.actionSelected += pageSize
            case .pageUp: state.actionSelected = max(0, state.actionSelected - pageSize)
            }
            state.actionSelected = min(state.actionSelected, max(0, actions(number, data).count - 1))
        case .home:
            // The supervisor's desk: line by line in its list, a page of organs at a time (decision 0030).
            guard let desk = state.desk else { break }
            let layout = DeskScreen.layout(desk, data, state.language)
            let visible = DeskScreen.visible(pageSize: pageSize)
            let cursor = state.deskCursor
            state.deskCursor = switch movement {
            case .up: cursor.moved(lines: -1, layout, visible: visible)
            case .down: cursor.moved(lines: 1, layout, visible: visible)
            case .pageUp: cursor.moved(lines: -visible, layout, visible: visible)
            case .pageDown: cursor.moved(lines: visible, layout, visible: visible)
            case .top: cursor.moved(lines: -layout.lines(cursor.panel).count, layout, visible: visible)
            case .bottom: cursor.moved(lines: layout.lines(cursor.panel).count, layout, visible: visible)
            }
        case .organActs:
            if state.actDetailFocused {
                scrollActDetail(movement, &state, data, pageSize: pageSize, columns: columns)
                return
            }
            let last = max(0, OrganActEntry.ledger(data.organRecords).count - 1)
            // As many acts as the screen lists (the rest of the body is the selected act's detail).
            let page = OrganActsScreen.listRows(rows: pageSize + 6)
            let before = state.actSelected
            switch movement {
            case .up: state.actSelected = max(0, state.actSelected - 1)
            case .down: state.actSelected = min(last, state.actSelected + 1)
            case .pageUp: state.actSelected = max(0, state.actSelected - page)
            case .pageDown: state.actSelected = min(last, state.actSelected + page)
            case .top: state.actSelected = 0
            case .bottom: state.actSelected = last
            }
            state.actSelected = min(state.actSelected, last)
            if state.actSelected < state.actTop { state.actTop = state.actSelected }
            if state.actSelected >= state.actTop + page { state.actTop = state.actSelected - page + 1 }
            // Another act's detail is read from its first line.
            if state.actSelected != before { state.actDetailScroll = 0 }
        case .statistics:
            // The figures scroll by line, as the case screen does; End shows their last page.
            let height = StatisticsScreen.height(rows: pageSize + 6)
            let last = max(0, StatisticsScreen.lines(state, data).count - height)
            var scroll = min(state.statistics.scroll, last)
            switch movement {
            case .up: scroll -= 1
            case .down: scroll += 1
            case .pageUp: scroll -= max(1, height - 1)
            case .pageDown: scroll += max(1, height - 1)
            case .top: scroll = 0
            case .bottom: scroll = last
            }
            state.statistics.scroll = max(0, min(last, scroll))
        case .exercises:
            let last = max(0, data.exercises.count - 1)
            switch movement {
            case .up, .pageUp: state.exerciseSelected = max(0, state.exerciseSelected - 1)
            case .down, .pageDown: state.exerciseSelected = min(last, state.exerciseSelected + 1)
            case .top: state.exerciseSelected = 0
            case .bottom: state.exerciseSelected = last
            }
        case .help, .register, .action, .search, .organAct, .document, .exercise:  // the document screen scrolls itself (Update+Document)
            break
        }
    }
}

extension Update {
    /// The detail's lines and rows on this screen: what a scroll of it is clamped to.
    static func actDetailSize(_ state: AppState, _ data: ConsoleData, pageSize: Int,
                              columns: Int) -> (lines: Int, height: Int)? {
        let entries = OrganActsScreen.entries(data)
        guard entries.indices.contains(state.actSelected) else { return nil }
        let area = OrganActsScreen.detailArea(rows: pageSize + 6, entries: entries.count, actTop: state.actTop)
        let lines = OrganActsScreen.detail(entries[state.actSelected], data, state.language,
                                           width: OrganActsScreen.detailWidth(columns: columns)).lines
        return (lines.count, area.height)
    }

    /// Scrolls the selected act's detail as the case screen scrolls (decision 0019): a line, a
    /// page less one line (the last line read stays in view), or to either end.
    static func scrollActDetail(_ movement: Movement, _ state: inout AppState, _ data: ConsoleData, pageSize: Int,
                                columns: Int) {
        guard let size = actDetailSize(state, data, pageSize: pageSize, columns: columns) else { return }
        let last = max(0, size.lines - size.height), page = max(1, size.height - 1)
        var scroll = min(state.actDetailScroll, last)
        switch movement {
        case .up: scroll -= 1
        case .down: scroll += 1
        case .pageUp: scroll -= page
        case .pageDown: scroll += page
        case .top: scroll = 0
        case .bottom: scroll = last
        }
        state.actDetailScroll = max(0, min(last, scroll))
    }

    /// → (l) on the list of acts moves into the selected act's detail when it is longer than its
    /// rows (else → opens the act's cases, as before); ← (h) or Esc from the detail come back to
    /// the list (from the list they go back, as everywhere). True when the key was taken here.
    static func organActsPaneKey(_ key: Key, _ state: inout AppState, _ data: ConsoleData, pageSize: Int,
                                 columns: Int) -> Bool {
        switch key {
        case .right, .character("l"):
            guard !state.actDetailFocused else { return true }
            guard let size = actDetailSize(state, data, pageSize: pageSize, columns: columns),
                  size.lines > size.height else { return false }
            state.actDetailFocused = true
            return true
        case .left, .character("h"), .escape:
            guard state.actDetailFocused else { return false }
            state.actDetailFocused = false
            return true
        case .character, .up, .down, .pageUp, .pageDown, .home, .end, .enter, .backspace, .delete, .tab, .backTab,
             .function, .resize, .tick, .paste:
            return false
        }
    }
}
