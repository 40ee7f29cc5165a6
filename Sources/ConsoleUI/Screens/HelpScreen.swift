import PetitionCore

/// Help: the keys of the screen it was opened from (read from the key map), and the
/// articles behind that screen's actions.
enum HelpScreen {
    /// The desk's own keys, as its hint line names them.
    static let deskKeys: [(String, Localized)] = [
        ("↑↓ k j", Localized("上下逐行（机关、期限；右侧标记、措施、违规）", "a line up or down")),
        ("← → h l", Localized("沿一行选数字，越过末尾到右侧一栏", "along a line's numbers, across to the right list")),
        ("PgUp PgDn", Localized("翻一页机关", "a page of organs")),
        ("Home End", Localized("到列表首行、末行", "the first or last line")),
        ("Enter", Localized("列出该数字的案件（Esc 回到数字）", "list the number's cases (Esc comes back)")),
        ("a", Localized("对该机关采取督办措施（第38条、第39条第3款）", "a supervision act of the organ (Arts 38, 39(3))")),
        ("c", Localized("信访统计：表格、条形图、月度走势", "statistics: tables, bars, monthly sparklines")),
    ]

    /// The statistics screen's own keys.
    static let statisticsKeys: [(String, Localized)] = [
        ("Tab v", Localized("换分组：类别、机关、渠道、类型、月份、层级", "next breakdown (category…level)")),
        ("d", Localized("统计期间：年、年-月、起始日或两个日期", "type the period")),
        ("↑↓ k j", Localized("逐行滚动", "scroll a line")),
        ("PgUp PgDn", Localized("翻页", "a page")),
        ("Home End", Localized("到首行、末行", "the first or last line")),
        ("Esc", Localized("返回督办台", "back to the desk")),
    ]

    /// The browse map's keys that also work on the desk.
    static let fromDesk: Set<Intent> = [.queue, .filter, .search, .help, .quit]

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let lang = state.language
        let zh = lang == .zh
        let from = state.history.last ?? .home
        let scope: KeyScope = from.isForm ? .form : .browse
        grid.put(zh ? "按键" : "Keys", row: 1, column: 1, style: .title)
        var keys = KeyMap.bindings.filter { $0.scope == scope }.map { ($0.label(lang), $0.help.text(lang)) }
        // The supervisor's desk moves by its own keys (decision 0030): those first, then the
        // ways out of it the browse map gives.
        if from == .home, state.desk != nil {
            keys = deskKeys.map { ($0.0, $0.1.text(lang)) }
                + KeyMap.bindings.filter { $0.scope == .browse && Self.fromDesk.contains($0.intent) }.map { ($0.label(lang), $0.help.text(lang)) }
        }
        if from == .statistics {
            keys = statisticsKeys.map { ($0.0, $0.1.text(lang)) }
                + KeyMap.bindings.filter { $0.scope == .browse && [.home, .queue, .help, .quit].contains($0.intent) }
                    .map { ($0.label(lang), $0.help.text(lang)) }
        }
        if scope == .form { keys += KeyMap.editing.map { (zh ? $0.label : $0.label.replacingSpaceKey, $0.help.text(lang)) } }
        // One column when the keys leave room for the articles below (the desk's, the statistics
        // screen's: their words are cut in half a width); else two, so every key fits at 80×24.
        let single = keys.count <= grid.rows - 12
        let half = single ? keys.count : (keys.count + 1) / 2
        let columnWidth = single ? grid.columns - 2 : (grid.columns - 2) / 2
        for (i, (label, help)) in keys.enumerated() {
            let column = i < half ? 2 : 2 + columnWidth
            grid.put(DisplayWidth.truncate(DisplayWidth.pad(label, to: 14) + help, to: columnWidth - 1),
                     row: 2 + i % half, column: column)
        }
        var row = 3 + half
        let room = grid.rows - row - 4
        let rules: [(String, String)]
        switch from {
        case .register:
            grid.put(zh ? "登记依据的条款" : "The articles behind registering", row: row, column: 1, style: .title)
            let r: [RuleID] = [.intakeChannels, .intakeContent, .intakeGroupVisit, .intakeRegisterAll, .intakeForeign,
                               .intakePendingElsewhere, .finality, .practiceLinks]
            rules = r.map { (data.articles.short($0, lang), (zh ? data.articles[$0].title : data.articles[$0].titleEn)) }
        case .action(_, let kind):
            grid.put(ActionCatalog.spec(kind).title.text(lang) + (zh ? "依据的条款" : ": its article"), row: row, column: 1, style: .title)
            rules = [(data.articles.short(kind.rule, lang), ActionCatalog.spec(kind).help.text(lang))]
        case .organAct, .organActs:
            grid.put(zh ? "督办措施依据的条款" : "The articles behind supervision acts", row: row, column: 1, style: .title)
            rules = OrganMeasure.allCases.map { ($0.label.text(lang), data.articles.short($0.rule, lang)) }
        case .detail(let number), .actions(let number):
            grid.put((zh ? "此案现在可办理的操作及依据（\(number)）" : "Actions allowed on this case now (\(number))"),
                     row: row, column: 1, style: .title)
            rules = Update.actions(number, data).map {
                (ActionCatalog.spec($0).title.text(lang), data.articles.short($0.rule, lang) + "  " + ActionCatalog.spec($0).help.text(lang))
            }
        case .statistics:
            grid.put(zh ? "统计依据的条款（各项定义见 docs/statistics.md）" : "The articles behind the figures (docs/statistics.md)",
                     row: row, column: 1, style: .title)
            let r: [RuleID] = [.annualReport, .triageDeadline, .handlingDeadline, .handlingOpinion, .reviewRequest,
                               .rereviewRequest, .intakeRating, .supervisionOrder]
            rules = r.map { (data.articles.short($0, lang), (zh ? data.articles[$0].title : data.articles[$0].titleEn)) }
        case .home, .queue, .help, .search, .staff, .document, .exercises, .exercise:
            grid.put(zh ? "在案件界面按 F1 或 ?，可查看此案现在可办理的操作及其依据的条款"
                        : "F1 or ? on a case lists the actions allowed now and their articles", row: row, column: 1, style: .hint)
            return
        }
        row += 1
        for (i, (left, right)) in rules.prefix(max(0, room)).enumerated() {
            grid.put(DisplayWidth.truncate(DisplayWidth.pad(DisplayWidth.truncate(left, to: 17), to: 18) + right, to: grid.columns - 3), row: row + i, column: 2)
        }
    }
}
