import PetitionCore

extension Update {
    /// Keys on the search screen: typing edits the query and the hits follow it; the
    /// arrows move among the hits; Enter opens one.
    static func searchKey(_ key: Key, _ state: inout AppState, _ data: ConsoleData, pageSize: Int) {
        let before = state.query.text
        switch key {
        case .character("\u{15}"): state.query.clear()  // Ctrl-U, as in a shell
        case .character(let c) where c.asciiValue.map { $0 >= 0x20 } ?? true: state.query.insert(c)
        case .backspace: state.query.backspace()
        case .delete: state.query.delete()
        case .left: state.query.left()
        case .right: state.query.right()
        case .home: state.query.home()
        case .end: state.query.end()
        case .up: state.hitSelected = max(0, state.hitSelected - 1)
        case .down: state.hitSelected = min(max(0, state.hits.count - 1), state.hitSelected + 1)
        case .pageUp: state.hitSelected = max(0, state.hitSelected - pageSize)
        case .pageDown: state.hitSelected = min(max(0, state.hits.count - 1), state.hitSelected + pageSize)
        case .enter:
            if state.hits.indices.contains(state.hitSelected) {
                state.detailScroll = 0
                go(.detail(state.hits[state.hitSelected].number), &state)
            }
            return
        case .escape: back(&state)
        case .paste(let text): state.query.insert(Key.queryText(text))
        case .character, .tab, .backTab, .function, .resize, .tick:
            // Control characters and F-keys: only the commands that leave the search
            // (letters here are typing, so these come by F-key or Ctrl-key).
            if let intent = KeyMap.intent(for: key), [.help, .quit, .queue, .home, .register].contains(intent) {
                browseKey(key, &state, data, pageSize: pageSize)
            }
            return
        }
        if state.query.text != before || state.hitsKey?.version != data.version {
            refreshHits(&state, data)
        }
        if state.hitSelected < state.hitTop { state.hitTop = state.hitSelected }
        if state.hitSelected >= state.hitTop + pageSize { state.hitTop = state.hitSelected - pageSize + 1 }
    }

    /// The hits of the query as the cases are now. A new query starts at its first hit; the
    /// same query over changed cases (another console's save, picked up) keeps the hit that
    /// was selected, wherever it now is.
    static func refreshHits(_ state: inout AppState, _ data: ConsoleData) {
        if let key = state.hitsKey, key.version == data.version, key.query == state.query.text { return }
        let sameQuery = state.hitsKey?.query == state.query.text
        let selected = state.hits.indices.contains(state.hitSelected) ? state.hits[state.hitSelected].number : nil
        state.hits = Search.run(state.query.text, data)
        state.hitsKey = (data.version, state.query.text)
        if sameQuery, let selected, let at = state.hits.firstIndex(where: { $0.number == selected }) {
            state.hitSelected = at
            state.hitTop = min(state.hitTop, at)
        } else {
            state.hitSelected = 0
            state.hitTop = 0
        }
    }
}
