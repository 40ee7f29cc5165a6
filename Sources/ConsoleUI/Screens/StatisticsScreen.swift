import PetitionCore

/// Statistics (信访统计, issue 14 item 4; decision 0023): the figures of a period received, for
/// a supervisor's jurisdiction or an organ head's own organ, as `xinfang stats` prints them —
/// the same `StatisticsText` sections, so the screen and the command cannot disagree — with the
/// breakdown's table of bars and monthly sparklines first, under the volumes.
///
/// Tab (`v`) cycles the breakdown (category, organ, channel, type, month, level), `d` types the
/// period, ↑↓ PgUp PgDn Home End scroll as the case screen does (decision 0019); the title bar
/// says which lines are shown when they do not all fit. Charts are plain ASCII when the console
/// runs so (`ConsoleData.ascii`).
enum StatisticsScreen {
    /// Rows of the body (between the period line and the keys' line).
    static func height(rows: Int) -> Int { max(1, rows - 5) }

    /// The statistics' text as `xinfang stats` prints it, in the user's language.
    static func text(_ figures: Statistics, _ data: ConsoleData, _ language: Language) -> StatisticsText {
        let by = figures.query.by ?? .organ
        return StatisticsText(figures, language: language, ascii: data.ascii,
                              label: { StatisticsText.groupName(by, $0, directory: data.directory, categories: data.categories,
                                                                language: language) },
                              cite: { data.articles.short($0, language) },
                              organ: { data.directory.shortName($0, language) })
    }

    /// The body's lines: the volumes and the monthly sparkline, the breakdown's table, the
    /// clocks kept on time, then the other figures — `stats`' own lines, in that order.
    static func lines(_ state: AppState, _ data: ConsoleData) -> [(String, StyleRole)] {
        guard let figures = state.figures else { return [] }
        let zh = state.language == .zh
        let text = text(figures, data, state.language)
        var out: [(String, StyleRole)] = text.volumes.map { ($0, .normal) }
        out.append(("", .normal))
        let table = text.groupTable
        if table.isEmpty {
            out.append(((zh ? "按" : "By ") + StatisticsText.title(of: state.statistics.by).text(state.language)
                        + (zh ? "：本期间没有收到的信访事项" : ": nothing received in the period"), .hint))
        } else {
            out.append((table[0], .title))
            out += table.dropFirst().map { ($0, .normal) }
        }
        out.append(("", .normal))
        let clocks = text.clocks
        out.append((clocks[0], .title))
        out += clocks.dropFirst().map { ($0, .normal) }
        out.append(("", .normal))
        out += text.figures.map { ($0, .normal) }
        return out
    }

    /// The first line shown: the scroll asked for, kept within the lines.
    static func start(_ scroll: Int, lines: Int, height: Int) -> Int { max(0, min(scroll, lines - height)) }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language, zh = lang == .zh
        guard let figures = state.figures else {
            grid.put(zh ? "正在统计…" : "Counting…", row: 2, column: 1, style: .hint)
            return
        }
        // The period, as-of day and scope as `stats` heads them (the breakdown is in the title bar).
        grid.put(DisplayWidth.truncate(text(figures, data, lang).heading[0], to: grid.columns - 2), row: 1, column: 1,
                 style: .hint)
        let all = lines(state, data)
        let height = height(rows: grid.rows)
        let first = start(state.statistics.scroll, lines: all.count, height: height)
        for (i, (line, style)) in all.dropFirst(first).prefix(height).enumerated() {
            grid.put(DisplayWidth.truncate(line, to: grid.columns - 2), row: 2 + i, column: 1, style: style)
        }
        if all.count > height {
            let shown = zh ? "第\(first + 1)–\(min(all.count, first + height))行/共\(all.count)行 "
                           : "lines \(first + 1)–\(min(all.count, first + height)) of \(all.count) "
            grid.put(shown, row: 0, column: grid.columns - DisplayWidth.of(shown), style: .title)
        }
        let next = StatisticsText.title(of: state.statistics.by.next).text(lang)
        let hint = zh ? "Tab v 按\(next) · d 统计期间 · ↑↓ PgUp PgDn 滚动 · Esc 返回 · ? 帮助"
                      : "Tab v by \(next) · d period · ↑↓ PgUp PgDn scroll · Esc back · ? help"
        grid.put(DisplayWidth.truncate(hint, to: grid.columns - 3), row: grid.rows - 3, column: 2, style: .hint)
    }

    /// The period prompt's line (`d`), for the row above the keys; its examples are of `year`.
    static func prompt(_ entry: String, _ language: Language, year: Int) -> String {
        let examples = language == .zh
            ? "\(year) 或 \(year)-03 或 \(year)-03-01 或 \(year)-01-01 \(year)-03-31"
            : "\(year), \(year)-03, \(year)-03-01 or \(year)-01-01 \(year)-03-31"
        return language == .zh
            ? "统计期间：\(entry.isEmpty ? examples : entry + "▏")  Enter 确定  Esc 取消"
            : "Period: \(entry.isEmpty ? examples : entry + "▏")  Enter  Esc cancel"
    }
}
