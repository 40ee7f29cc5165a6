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

    /// One key at the period prompt: digits, `-` and spaces are typed; Enter takes the period,
    /// or says in one line what is wrong with it and changes nothing.
    static func periodKey(_ key: Key, _ state: inout AppState, _ data: ConsoleData) {
        let entry = state.statistics.entry ?? ""
        let allowed = { (c: Character) in (c.isASCII && c.isNumber) || c == "-" || c == " " }
        switch key {
        case .escape: state.statistics.entry = nil
        case .backspace: if !entry.isEmpty { state.statistics.entry = String(entry.dropLast()) }
        case .character("\u{15}"): state.statistics.entry = ""  // Ctrl-U clears, as in the search
        case .character(let c) where allowed(c):
            if entry.count < 21 { state.statistics.entry = entry + String(c) }
        case .paste(let text): state.statistics.entry = String((entry + text.filter(allowed)).prefix(21))
        case .enter:
            switch period(entry, today: data.today) {
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

    /// What is wrong with a period typed.
    enum PeriodProblem: Error, Equatable {
        case notADate, fromAfterTo(Day, Day)

        func message(_ typed: String, _ language: Language) -> String {
            let zh = language == .zh
            switch self {
            case .notADate:
                return zh ? "统计期间「\(typed)」无效：输入年、年-月、起始日或两个日期（YYYY-MM-DD YYYY-MM-DD）"
                          : "Period \"\(typed)\" is not one: a year, a month, a first day, or two days (YYYY-MM-DD YYYY-MM-DD)"
            case .fromAfterTo(let from, let to):
                return zh ? "统计期间有误：开始日期\(from)晚于结束日期\(to)" : "Period: \(from) is after \(to)"
            }
        }
    }

    /// The period a typed text means: `2025` the year, `2025-03` the month, `2025-03-01` that day
    /// to `today`, `2025-01-01 2025-03-31` the two days (both included, as `stats --from --to`).
    static func period(_ text: String, today: Day) -> Result<(Day, Day), PeriodProblem> {
        let parts = text.split(separator: " ").map(String.init)
        func month(_ part: String) -> (Day, Day)? {
            let pieces = part.split(separator: "-", omittingEmptySubsequences: false)
            guard pieces.count == 2, pieces[0].count == 4, pieces[1].count == 2, let y = Int(pieces[0]), let m = Int(pieces[1]),
                  let first = Day(year: y, month: m, day: 1) else { return nil }
            let next = m == 12 ? Day(year: y + 1, month: 1, day: 1) : Day(year: y, month: m + 1, day: 1)
            return next.map { (first, $0.adding(days: -1)) }
        }
        let range: (Day, Day)?
        switch parts.count {
        case 1:
            let part = parts[0]
            if part.count == 4, let y = Int(part), let first = Day(year: y, month: 1, day: 1),
               let last = Day(year: y, month: 12, day: 31) {
                range = (first, last)
            } else if let m = month(part) {
                range = m
            } else {
                range = Day(iso: part).map { ($0, today) }
            }
        case 2: range = Day(iso: parts[0]).flatMap { from in Day(iso: parts[1]).map { (from, $0) } }
        default: range = nil
        }
        guard let (from, to) = range else { return .failure(.notADate) }
        guard from <= to else { return .failure(.fromAfterTo(from, to)) }
        return .success((from, to))
    }
}
