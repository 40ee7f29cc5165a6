import Foundation
import ConsoleUI
import PetitionCore
import TestSupport
import Testing

/// Screens rendered into the cell grid and read as text, driven by keys through the
/// same update function as the terminal.
@Suite("Console screens")
struct ScreenTests {
    static func data(_ states: [CaseState], actor: PetitionCore.Actor = Fixtures.trainee) -> ConsoleData {
        let r = Fixtures.reference
        return ConsoleData(states: states, directory: r.directory, calendar: r.calendar, categories: r.categories,
                           articles: r.articles, policy: r.policy, actor: actor, now: Fixtures.instant("2025-05-12T10:00"),
                           training: true, version: 1)
    }

    static func cases() -> [CaseState] {
        [Scenario.at(.received).state, Scenario.at(.handling).state, Scenario.at(.registered).state]
    }

    func press(_ keys: [Key], _ state: inout AppState, _ data: ConsoleData) {
        for k in keys { Update.apply(k, to: &state, data: data, pageSize: Console.pageSize(rows: 24)) }
    }

    @Test func theStatusLineAlwaysSaysWhoWhereTheModeAndTheDay() {
        let data = Self.data(Self.cases())
        var state = AppState(language: .zh)
        state.refresh(data)
        for keys in [[], [Key.character("w")], [.character("w"), .enter], [.function(1)]] {
            var s = state
            press(keys, &s, data)
            let grid = Console.render(s, data, rows: 24, columns: 80)
            #expect(grid.text[23].hasPrefix(" trainee  培训学员  临江区信访局  培训模式  2025-05-12"), "\(keys)")
            #expect(grid.text.allSatisfy { DisplayWidth.of($0) == 80 }, "every row fills the width exactly")
        }
    }

    @Test func theQueueListsSoonestDeadlineFirstWithDaysLeftAndUrgency() {
        let data = Self.data(Self.cases())
        var state = AppState(language: .zh)
        press([.character("w")], &state, data)
        let grid = Console.render(state, data, rows: 24, columns: 80)
        let rows = grid.text
        #expect(rows[1].contains("共3件"))
        #expect(rows[2].contains("案件编号") && rows[2].contains("剩余"))
        // The received case's objection window (2025-05-13) is the soonest: 1 day left, marked urgent.
        #expect(rows[3].contains("▶D-XFJ-2025-00001") && rows[3].contains("提出异议") && rows[3].contains("*还剩1天"))
        #expect(grid[3, 1].style == .selected)
        #expect(rows[4].contains("信访部") || rows[4].contains("办理"))
        // Columns line up: every data row has its state column at the same display offset.
        let offsets = rows[3...5].map { row -> Int in
            let prefix = row.prefix { $0 != "已" && $0 != "办" }
            return DisplayWidth.of(prefix)
        }
        #expect(Set(offsets).count == 1, "\(offsets)")
    }

    @Test func movingAndOpeningACaseShowsItsClocksActionsAndTimeline() {
        let data = Self.data(Self.cases())
        var state = AppState(language: .zh)
        press([.character("w"), .character("j"), .enter], &state, data)
        guard case .detail(let number) = state.screen else { Issue.record("not on a case"); return }
        let text = Console.render(state, data, rows: 24, columns: 80).text.joined(separator: "\n")
        #expect(text.contains("\(number)"))
        #expect(text.contains("期限") && text.contains("《信访工作条例》"))
        #expect(text.contains("现在可以办理"))
        press([.escape], &state, data)
        #expect(state.screen == .queue && state.selected == 1)
    }

    @Test func typingAfterSlashFiltersTheQueueIncludingChinese() {
        let data = Self.data(Self.cases())
        var state = AppState(language: .zh)
        press([.character("/"), .character("张"), .character("伟")], &state, data)
        #expect(state.filtering && state.filter == "张伟")
        #expect(state.rows.count == 3, "all three are 张伟's group visit")
        press([.backspace, .backspace, .character("Q"), .character("9"), .enter], &state, data)
        #expect(!state.filtering && state.rows.isEmpty)
        #expect(Console.render(state, data, rows: 24, columns: 80).text[4].contains("没有符合条件的案件"))
        press([.character("/"), .escape], &state, data)
        #expect(state.filter.isEmpty && state.rows.count == 3)
    }

    @Test func helpListsTheKeysAndTheArticlesOfTheCasesActions() {
        let data = Self.data(Self.cases())
        var state = AppState(language: .zh)
        press([.character("w"), .enter, .character("?")], &state, data)
        let text = Console.render(state, data, rows: 24, columns: 80).text.joined(separator: "\n")
        for b in KeyMap.bindings where b.scope == .browse { #expect(text.contains(b.help.zh), "\(b.intent)") }
        #expect(text.contains("受理告知") && text.contains("第23条第3款"))
    }

    /// docs/keys.md is the key map written out: every key of every binding is in it.
    @Test func everyKeyInTheMapIsInTheKeysDocument() throws {
        let doc = try String(contentsOfFile: Fixtures.root + "/docs/keys.md", encoding: .utf8)
        func name(_ key: Key) -> String {
            switch key {
            case .character(" "): return "space"
            case .character(let c):
                if let v = c.asciiValue, v < 0x20 { return "Ctrl-" + String(Character(Unicode.Scalar(v + 0x40))) }
                return "`\(c)`"
            case .function(let n): return "F\(n)"
            case .up: return "↑"
            case .down: return "↓"
            case .left: return "←"
            case .right: return "→"
            case .pageUp: return "PgUp"
            case .pageDown: return "PgDn"
            case .home: return "Home"
            case .end: return "End"
            case .enter: return "Enter"
            case .escape: return "Esc"
            case .backspace: return "Backspace"
            case .delete: return "Del"
            case .tab: return "Tab"
            case .backTab: return "Shift-Tab"
            case .resize, .tick: return ""
            }
        }
        for binding in KeyMap.bindings {
            for key in binding.keys {
                #expect(doc.contains(name(key)), "\(binding.scope) \(binding.intent): \(name(key))")
            }
        }
    }

    /// The first screen comes before every case's deadlines are computed: the counts
    /// say they are pending, then fill in when the rows arrive.
    @Test func theHomeCountsWaitForTheDeadlinesWithoutBlockingTheFirstScreen() {
        var data = Self.data(Self.cases())
        data.rowsPending = true
        var state = AppState(language: .zh)
        state.refresh(data)
        let first = Console.render(state, data, rows: 24, columns: 80).text
        #expect(first[3].contains("3日内到期") && first[3].contains("…") && first[4].contains("…"))
        data.rows = data.states.queue(QueueFilter(), asOf: data.today, calendar: data.calendar, directory: data.directory)
        data.rowsPending = false
        data.version += 1
        state.refresh(data)
        let grid = Console.render(state, data, rows: 24, columns: 80)
        // The count's column holds a number now, where it held "…".
        #expect(grid[3, 26].grapheme.isNumber && !grid.text[3].contains("…"), "\(grid.text[3])")
        #expect(first[3].dropFirst(20).contains("…"))
    }

    @Test func belowEightyByTwentyFourItSaysSoInsteadOfDrawingGarbage() {
        let data = Self.data(Self.cases())
        let grid = Console.render(AppState(language: .en), data, rows: 20, columns: 70)
        #expect(grid.text[0].hasPrefix("Terminal too small: 80x24 needed (now 70x20)"))
    }

    @Test func qAndCtrlCQuit() {
        let data = Self.data([])
        var a = AppState(language: .zh), b = AppState(language: .zh)
        press([.character("q")], &a, data)
        press([.character("\u{3}")], &b, data)
        #expect(a.quit && b.quit)
    }

    @Test func anAccusationsContentIsWithheldFromTheAccusedOrgan() throws {
        var p = Fixtures.letter(type: .accusation)
        p.accusedOrgan = "D-ZJJ"
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-05-10T09:00")
        let data = Self.data([s.state], actor: Fixtures.housingHead)
        var state = AppState(language: .zh)
        press([.character("w"), .enter], &state, data)
        let text = Console.render(state, data, rows: 24, columns: 80).text.joined(separator: "\n")
        #expect(text.contains("不向本岗位显示"))
        #expect(!text.contains(p.request))
    }
}
