import PetitionCore

/// state + key → state. No business rules here: the workflow is only read.
package enum Update {
    package static func apply(_ key: Key, to state: inout AppState, data: ConsoleData, pageSize: Int) {
        state.refresh(data)
        if state.filtering {
            switch key {
            case .enter: state.filtering = false
            case .escape:
                state.filtering = false
                state.filter = ""
            case .backspace: if !state.filter.isEmpty { state.filter.removeLast() }
            case .character(let c) where !c.isASCII || !c.isWhitespace || c == " ": state.filter.append(c)
            default: break
            }
            state.selected = 0
            state.top = 0
            state.refresh(data)
            return
        }
        if key == .character("\u{3}") {  // Ctrl-C in raw mode
            state.quit = true
            return
        }
        guard let intent = KeyMap.intent(for: key) else { return }
        switch intent {
        case .quit: state.quit = true
        case .help:
            if state.screen != .help { go(.help, &state) }
        case .back:
            if let previous = state.history.popLast() { state.screen = previous }
        case .queue: go(.queue, &state)
        case .home: go(.home, &state)
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            move(intent, &state, pageSize: pageSize)
        case .open:
            if state.screen == .queue, state.rows.indices.contains(state.selected) {
                state.detailScroll = 0
                go(.detail(state.rows[state.selected].number), &state)
            } else if state.screen == .home {
                go(.queue, &state)
            }
        case .search:
            if state.screen != .queue { go(.queue, &state) }
            state.filtering = true
        }
    }

    private static func go(_ screen: Screen, _ state: inout AppState) {
        guard screen != state.screen else { return }
        state.history.append(state.screen)
        state.screen = screen
    }

    private static func move(_ intent: Intent, _ state: inout AppState, pageSize: Int) {
        switch state.screen {
        case .queue:
            let last = max(0, state.rows.count - 1)
            switch intent {
            case .up: state.selected = max(0, state.selected - 1)
            case .down: state.selected = min(last, state.selected + 1)
            case .pageUp: state.selected = max(0, state.selected - pageSize)
            case .pageDown: state.selected = min(last, state.selected + pageSize)
            case .top: state.selected = 0
            case .bottom: state.selected = last
            default: break
            }
            // Keep the selection on screen.
            if state.selected < state.top { state.top = state.selected }
            if state.selected >= state.top + pageSize { state.top = state.selected - pageSize + 1 }
        case .detail:
            switch intent {
            case .up: state.detailScroll = max(0, state.detailScroll - 1)
            case .down: state.detailScroll += 1
            case .pageUp: state.detailScroll = max(0, state.detailScroll - pageSize)
            case .pageDown: state.detailScroll += pageSize
            case .top: state.detailScroll = 0
            default: break
            }
        case .home, .help:
            break
        }
    }
}
