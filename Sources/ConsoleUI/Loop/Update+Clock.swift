import PetitionCore

/// The training clock's prompt (`t`, decision 0026): a day, a week, the next deadline, or
/// a typed date; it hands the run loop a `moveClock` effect, which the log decides again.
extension Update {
    static func openClock(_ state: inout AppState, _ data: ConsoleData) {
        guard data.training else {
            state.flash = Flash(text: state.language == .zh ? "正式日志只使用系统时钟：拨动时钟只在培训日志中可用"
                                                            : "A production log uses the system clock; the clock moves on training logs only",
                                style: .overdue)
            return
        }
        state.clockEntry = ""
    }

    /// The prompt's line, for the row above the key hints.
    static func clockPrompt(_ entry: String, _ language: Language) -> String {
        language == .zh
            ? "拨钟：d 一天  w 一周  n 下一个期限  或输入日期 \(entry.isEmpty ? "YYYY-MM-DD" : entry + "▏") Enter  Esc 取消"
            : "Clock: d a day  w a week  n next deadline  or a date \(entry.isEmpty ? "YYYY-MM-DD" : entry + "▏") Enter  Esc cancel"
    }

    /// One key at the clock prompt.
    static func clockKey(_ key: Key, _ state: inout AppState, _ data: ConsoleData) -> Effect? {
        let entry = state.clockEntry ?? ""
        let zh = state.language == .zh
        var step: TrainingClock.Step?
        switch key {
        case .escape:
            state.clockEntry = nil
            return nil
        case .backspace:
            if !entry.isEmpty { state.clockEntry = String(entry.dropLast()) }
            return nil
        case .character("d") where entry.isEmpty: step = .day
        case .character("w") where entry.isEmpty: step = .week
        case .character("n") where entry.isEmpty: step = .nextDeadline
        case .character(let c) where (c.isASCII && c.isNumber) || c == "-":
            if entry.count < 10 { state.clockEntry = entry + String(c) }
            return nil
        case .paste(let text):
            state.clockEntry = String((entry + text.filter { ($0.isASCII && $0.isNumber) || $0 == "-" }).prefix(10))
            return nil
        case .enter:
            guard let day = Day(iso: entry) else {
                state.flash = Flash(text: zh ? "日期「\(entry)」无效：请输入 YYYY-MM-DD" : "\"\(entry)\" is not a date: type YYYY-MM-DD",
                                    style: .overdue)
                // The prompt stays, empty: the date is typed again, not appended to the bad one.
                state.clockEntry = ""
                return nil
            }
            step = .date(day)
        case .character, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .delete, .tab, .backTab,
             .function, .resize, .tick:
            return nil
        }
        guard let step else { return nil }
        let next = TrainingClock.nextDeadline(after: data.today, in: data.states, calendar: data.calendar,
                                              directory: data.directory)
        guard let to = TrainingClock.target(step, from: data.now, nextDeadline: next) else {
            state.clockEntry = nil
            state.flash = Flash(text: zh ? "今天以后没有正在计算的期限" : "No running deadline after today", style: .hint)
            return nil
        }
        do { try Instant.checkSupported(to, field: "clock") } catch {
            state.flash = Flash(text: RegisterForm.message(error, data, state.language), style: .overdue)
            state.clockEntry = ""
            return nil
        }
        guard to > data.now else {
            state.flash = Flash(text: RegisterForm.message(Rejection(.clockNotForward, ["now": "\(data.today)", "to": "\(Day(to))"]),
                                                           data, state.language), style: .overdue)
            // The prompt stays, empty: a refused date is not kept for the next digits to follow.
            state.clockEntry = ""
            return nil
        }
        return .moveClock(to)
    }

    /// A simulated time as the status line and the messages show it: `2025-05-13 10:00`.
    static func clockText(_ instant: Instant) -> String {
        let text = instant.beijingDescription  // YYYY-MM-DDTHH:MM:SS+08:00
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5)
    }
}
