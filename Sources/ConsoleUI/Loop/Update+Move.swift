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
            let last = max(0, OrganActEntry.ledger(data.organRecords).count - 1)
            let page = max(1, pageSize - 2)
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
