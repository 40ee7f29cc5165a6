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
            // The supervisor's desk: the selection moves over its numbers, in screen order.
            guard let desk = state.desk else { break }
            let last = max(0, DeskScreen.cells(desk).count - 1)
            switch movement {
            case .up: state.deskSelected = max(0, state.deskSelected - 1)
            case .down: state.deskSelected = min(last, state.deskSelected + 1)
            case .pageUp: state.deskSelected = max(0, state.deskSelected - pageSize)
            case .pageDown: state.deskSelected = min(last, state.deskSelected + pageSize)
            case .top: state.deskSelected = 0
            case .bottom: state.deskSelected = last
            }
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
