import PetitionCore

/// The statistics screen's keys (issue 14 item 4): `c` opens it for a supervisor or an organ
/// head; on it Tab (`v`) cycles the breakdown and `d` opens the period prompt.
extension Update {
    /// Whether this role has the statistics screen: those whose home is a desk (decision 0022).
    static func hasStatistics(_ data: ConsoleData) -> Bool {
        switch data.actor.role {
        case .supervisor, .organHead: true
        case .clerk, .handler, .administrator, .trainee: false
        }
    }

    static func openStatistics(_ state: inout AppState, _ data: ConsoleData) {
        guard hasStatistics(data) else {
            state.flash = Flash(text: state.language == .zh
                                    ? "统计图表在督办台上（督办人员、机关负责人）；命令行：xinfang stats"
                                    : "Statistics are on the supervisor's desk (supervisors, organ heads); or xinfang stats",
                                style: .hint)
            return
        }
        state.statistics.scroll = 0
        state.statistics.entry = nil
        go(.statistics, &state)
    }

    /// The next breakdown, from the top of the figures.
    static func nextBreakdown(_ state: inout AppState) {
        state.statistics.by = state.statistics.by.next
        state.statistics.scroll = 0
    }

    /// One key at the period prompt: any printable character is typed (full-width digits and
    /// Chinese too: the period reads them, or its refusal quotes them) up to
    /// `StatisticsPeriod.maxWidth` columns, past which a line says so; Enter takes the period,
    /// or says in one line what is wrong with it and changes nothing.
    static func periodKey(_ key: Key, _ state: inout AppState, _ data: ConsoleData) {
        let entry = state.statistics.entry ?? ""
        let typable = { (c: Character) in !c.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } }
        func type(_ text: String) {
            var result = entry
            for c in text.filter(typable) {
                guard DisplayWidth.of(result + String(c)) <= StatisticsPeriod.maxWidth else {
                    state.flash = Flash(text: state.language == .zh
                                            ? "统计期间最长\(StatisticsPeriod.maxWidth)列，多出的未输入"
                                            : "The period takes \(StatisticsPeriod.maxWidth) columns; the rest was not typed",
                                        style: .hint)
                    state.statistics.entry = result
                    state.statistics.entryCut = true
                    return
                }
                result.append(c)
            }
            state.statistics.entry = result
        }
        switch key {
        case .escape: state.statistics.entry = nil
        case .backspace: if !entry.isEmpty { state.statistics.entry = String(entry.dropLast()) }
        case .character("\u{15}"): state.statistics.entry = ""  // Ctrl-U clears, as in the search
        case .character(let c) where typable(c): type(String(c))
        case .paste(let text): type(text)
        case .enter:
            guard !state.statistics.entryCut else {
                state.flash = Flash(text: state.language == .zh
                                        ? "统计期间超过\(StatisticsPeriod.maxWidth)列，未全部输入：请删短后再按 Enter"
                                        : "The period was longer than \(StatisticsPeriod.maxWidth) columns and cut: shorten it, then Enter",
                                    style: .overdue)
                return
            }
            switch StatisticsPeriod.parse(entry, today: data.today) {
            case .success(let (from, to)):
                state.statistics.from = from
                state.statistics.to = to
                state.statistics.scroll = 0
                state.statistics.entry = nil
            case .failure(let problem):
                state.flash = Flash(text: problem.message(entry, state.language), style: .overdue)
            }
        case .character, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .delete, .tab, .backTab,
             .function, .resize, .tick:
            break
        }
    }
}
