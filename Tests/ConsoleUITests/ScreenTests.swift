import Foundation
import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// Screens drawn by the real run loop on a test backend, driven by keys, read back as
/// text and compared whole with golden files.
@Suite("Console screens")
struct ScreenTests {
    /// Three cases of 张伟's group visit, one received by the housing bureau, one in
    /// handling there, one just registered, numbered 1, 2 and 3 in one log.
    static func threeCases() -> [CaseEvent] {
        var events: [CaseEvent] = []
        for (sequence, phase) in [(1, Phase.received), (2, .handling), (3, .registered)] {
            for var event in Scenario.at(phase).log {
                event.caseNumber = CaseNumber(organ: "D-XFJ", year: 2025, sequence: sequence)
                event.seq = events.count + 1
                events.append(event)
            }
        }
        return events
    }

    static func desk(_ actor: PetitionCore.Actor = Fixtures.trainee, language: Language = .zh) throws -> Desk {
        try Desk(actor, language: language, events: threeCases())
    }

    /// The golden file of a screen, beside these tests.
    static func golden(_ name: String) -> String { Fixtures.root + "/Tests/ConsoleUITests/Snapshots/\(name).txt" }

    /// Each main screen at 80x24, as the keys reach it, compared whole (text, styles,
    /// cursor) with its golden file; `RECORD_SNAPSHOTS=1` re-records them (and fails).
    @Test(arguments: [
        ("home", Fixtures.trainee, [Key]()),
        ("queue", Fixtures.trainee, [.character("w")]),
        ("case", Fixtures.trainee, [.character("w"), .character("j"), .enter]),
        ("actions", Fixtures.clerk, [.character("w"), .character("j"), .enter, .character("a")]),
        ("action-form", Fixtures.clerk, [.character("w"), .character("j"), .enter, .character("a"), .enter]),
        ("register-form", Fixtures.clerk, [.character("r")]),
        ("search", Fixtures.trainee, [.character("s")] + "张伟".map { Key.character($0) }),
        ("help", Fixtures.trainee, [.character("w"), .enter, .character("?")]),
    ])
    func theMainScreensMatchTheirGoldenFrames(_ name: String, _ actor: PetitionCore.Actor, _ keys: [Key]) throws {
        let desk = try Self.desk(actor)
        desk.press(keys)
        #expect(desk.grid.rows == 24 && desk.grid.columns == 80)
        let problem = GoldenFile.mismatch(desk.grid.snapshot, at: Self.golden(name))
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func theStatusLineAlwaysSaysWhoWhereTheModeAndTheDay() throws {
        for keys in [[], [Key.character("w")], [.character("w"), .enter], [.function(1)]] {
            let desk = try Self.desk()
            desk.press(keys)
            let grid = desk.grid
            // A training log's status line shows its simulated time, to the minute (decision 0026).
            #expect(grid.text[23].hasPrefix(" trainee  培训学员  临江区信访局  培训模式  模拟 2025-05-12 10:00"), "\(keys)")
            #expect(grid.text.allSatisfy { DisplayWidth.of($0) == 80 }, "every row fills the width exactly")
        }
    }

    @Test func theQueueListsSoonestDeadlineFirstWithDaysLeftAndUrgency() throws {
        let desk = try Self.desk()
        desk.press(.character("w"))
        let grid = desk.grid
        let rows = grid.text
        #expect(rows[1].contains("共3件"))
        #expect(rows[2].contains("案件编号") && rows[2].contains("剩余"))
        // The received case's objection window (2025-05-13) is the soonest: 1 day left, marked urgent.
        #expect(rows[3].contains("▶D-XFJ-2025-00001") && rows[3].contains("提出异议") && rows[3].contains("*还剩1天"))
        #expect(grid[3, 1].style == .selected)
        // Then the registered case, with the bureau's triage clock (Art 22).
        #expect(rows[4].contains("D-XFJ-2025-00003") && rows[4].contains("信访部"), "\(rows[4])")
        // Columns line up: every data row has its state column at the same display offset.
        let offsets = rows[3...5].map { row -> Int in
            let prefix = row.prefix { $0 != "已" && $0 != "办" }
            return DisplayWidth.of(prefix)
        }
        #expect(Set(offsets).count == 1, "\(offsets)")
    }

    @Test func movingAndOpeningACaseShowsItsClocksActionsAndTimeline() throws {
        let desk = try Self.desk()
        desk.press(.character("w"), .character("j"), .enter)
        guard case .detail(let number) = desk.state.screen else { Issue.record("not on a case"); return }
        let text = desk.screen
        #expect(text.contains("\(number)"))
        #expect(text.contains("期限") && text.contains("《信访工作条例》"))
        #expect(text.contains("现在可以办理"))
        desk.press(.escape)
        #expect(desk.state.screen == .queue && desk.state.selected == 1)
    }

    @Test func typingAfterSlashFiltersTheQueueIncludingChinese() throws {
        let desk = try Self.desk()
        desk.press(.character("/"), .character("张"), .character("伟"))
        #expect(desk.state.filtering && desk.state.filter == "张伟")
        #expect(desk.state.rows.count == 3, "all three are 张伟's group visit")
        desk.press(.backspace, .backspace, .character("Q"), .character("9"), .enter)
        #expect(!desk.state.filtering && desk.state.rows.isEmpty)
        #expect(desk.grid.text[4].contains("没有符合条件的案件"))
        desk.press(.character("/"), .escape)
        #expect(desk.state.filter.isEmpty && desk.state.rows.count == 3)
        // Ctrl-U clears the filter (it was typed in as \u{15}); other control characters are not typed.
        desk.press(.character("/"), .character("张"), .character("\u{15}"), .character("\u{01}"))
        #expect(desk.state.filtering && desk.state.filter.isEmpty, "\(desk.state.filter.debugDescription)")
    }

    @Test func helpListsTheKeysAndTheArticlesOfTheCasesActions() throws {
        let desk = try Self.desk()
        desk.press(.character("w"), .enter, .character("?"))
        let text = desk.screen
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
            case .resize, .tick, .paste: return ""
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
    @Test func theHomeCountsWaitForTheDeadlinesWithoutBlockingTheFirstScreen() throws {
        /// A terminal that keeps every frame, where `TestBackend` keeps the last.
        final class Recorder: TerminalBackend {
            var frames: [CellGrid] = []
            var size: (rows: Int, columns: Int) { (24, 80) }
            var stopRequested = false
            func draw(_ grid: CellGrid) { frames.append(grid) }
            func readKey() -> Key {
                stopRequested = true
                return .tick
            }
        }
        let book = try CaseBook(log: InMemoryEventLog(header: Fixtures.trainingHeader, events: Self.threeCases()))
        let r = Fixtures.reference, now = Fixtures.instant("2025-05-12T10:00")
        let data = ConsoleData(states: [], directory: r.directory, calendar: r.calendar, categories: r.categories,
                               articles: r.articles, policy: r.policy, actor: Fixtures.trainee, now: now, training: true)
        let terminal = Recorder()
        let loop = ConsoleLoop(state: AppState(language: .zh), data: data, backend: terminal,
                               host: DeskHost(book: book, actor: Fixtures.trainee, language: .zh),
                               clock: { now }, seconds: { 0 })
        loop.open()
        try loop.run()
        // Pending, then the counts (drawn before the search index is built), then the loop's frame.
        #expect(terminal.frames.count == 3)
        let first = try #require(terminal.frames.first).text
        #expect(first[3].contains("3日内到期") && first[3].contains("…") && first[4].contains("…"))
        #expect(first[3].dropFirst(20).contains("…"))
        // The count's column holds a number now, where it held "…" — already before the search index.
        for grid in terminal.frames.dropFirst() {
            #expect(grid[3, 26].grapheme.isNumber && !grid.text[3].contains("…"), "\(grid.text[3])")
        }
    }

    @Test func belowEightyByTwentyFourItSaysSoInsteadOfDrawingGarbage() throws {
        let desk = try Self.desk(language: .en)
        desk.resize(rows: 20, columns: 70)
        #expect(desk.grid.text[0].hasPrefix("Terminal too small: 80x24 needed (now 70x20)"))
    }

    @Test func qAndCtrlCQuit() throws {
        let a = try Desk(Fixtures.trainee), b = try Desk(Fixtures.trainee)
        a.press(.character("q"))
        b.press(.character("\u{3}"))
        #expect(a.state.quit && b.state.quit)
        let drawn = a.backend.drawn
        a.press(.character("w"))
        #expect(a.backend.drawn == drawn && a.state.screen == .home, "a console that has quit reads no more keys")
    }

    @Test func anAccusationsContentIsWithheldFromTheAccusedOrgan() throws {
        var p = Fixtures.letter(type: .accusation)
        p.accusedOrgan = "D-ZJJ"
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-05-10T09:00")
        let desk = try Desk(Fixtures.housingHead, events: s.log)
        desk.press(.character("w"), .enter)
        let text = desk.screen
        #expect(text.contains("不向本岗位显示"))
        #expect(!text.contains(p.request))
    }
}
