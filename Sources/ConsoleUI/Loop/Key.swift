import PetitionCore

/// A key as the console sees it, whatever terminal it came from.
package enum Key: Equatable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    case function(Int)
    /// The terminal changed size.
    case resize
    /// No key within the poll interval: time to look for changes in the log.
    case tick
    /// Text pasted at once (the terminal's bracketed paste): it goes into the field whole,
    /// its line breaks kept in a long text field.
    case paste(String)

    var isPaste: Bool {
        if case .paste = self { return true }
        return false
    }

    /// A paste into a one-line query (search, the queue's filter, a picker's): on one line,
    /// its line breaks and tabs as spaces and nothing else invisible kept (a query is not
    /// stored, so nothing needs refusing).
    static func queryText(_ pasted: String) -> String {
        String(pasted.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }
            .filter { c in c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) } })
    }

    /// A control key as raw mode delivers it: `.control("s")` is Ctrl-S.
    package static func control(_ letter: Character) -> Key {
        let value = (letter.asciiValue ?? 64) & 0x1F
        return .character(Character(Unicode.Scalar(value)))
    }
}

/// What the user wants, independent of which key said it.
package enum Intent: String, Sendable, CaseIterable {
    // Lists and screens.
    case up, down, pageUp, pageDown, top, bottom, open, back, help, filter, quit
    case queue, register, search, home, actions, sort, view, staff
    /// The document the case's latest step requires: preview, then issue, save and print (issue 15).
    case print
    /// Straight to the 关联 form of the case shown (linking a repeat petition).
    case link
    /// Training logs: move the simulated clock forward (decision 0026).
    case clock
    /// Training logs: the exercises; and the hint of the exercise's step now.
    case exercises, hint
    /// Statistics: a period's figures, bars and sparklines (supervisors and organ heads).
    case statistics
    // Forms.
    case save, nextField, previousField
    /// From the register form, the earlier case of the person typed (the form waits).
    case openEarlier
}

/// Where a binding applies: on lists and screens, letters are commands; in a form
/// they are typing, so a form's commands are F-keys, Ctrl-keys, Tab, Enter and Esc.
package enum KeyScope: String, Sendable {
    case browse, form
}

/// One entry of the key map: an intent, its keys (an F-key always has a letter or
/// Ctrl-key twin: some terminals eat F-keys), and what the help screen says about it.
package struct Binding: Sendable {
    package var scope: KeyScope
    package var intent: Intent
    package var keys: [Key]
    package var label: String
    package var help: Localized

    /// The keys as the help screen shows them, in the user's language.
    package func label(_ language: Language) -> String {
        language == .zh ? label : label.replacingSpaceKey
    }
}

extension String {
    /// "空格" is the space key's Chinese name; English screens say "Space".
    var replacingSpaceKey: String { replacing("空格", with: "Space") }
}

/// The key map is data: the run loop looks keys up here, the help screen lists it,
/// and docs/keys.md is written from the same table.
package enum KeyMap {
    package static let bindings: [Binding] = [
        Binding(scope: .browse, intent: .up, keys: [.up, .character("k")], label: "↑ k", help: Localized("上移", "move up")),
        Binding(scope: .browse, intent: .down, keys: [.down, .character("j")], label: "↓ j", help: Localized("下移", "move down")),
        Binding(scope: .browse, intent: .pageUp, keys: [.pageUp, .character("b")], label: "PgUp b", help: Localized("上一页", "previous page")),
        Binding(scope: .browse, intent: .pageDown, keys: [.pageDown, .character(" ")], label: "PgDn 空格", help: Localized("下一页", "next page")),
        Binding(scope: .browse, intent: .top, keys: [.home, .character("g")], label: "Home g", help: Localized("第一行", "first row")),
        Binding(scope: .browse, intent: .bottom, keys: [.end, .character("G")], label: "End G", help: Localized("最后一行", "last row")),
        Binding(scope: .browse, intent: .open, keys: [.enter, .right, .character("l")], label: "Enter", help: Localized("打开", "open")),
        Binding(scope: .browse, intent: .back, keys: [.escape, .left, .character("h")], label: "Esc", help: Localized("返回", "back")),
        Binding(scope: .browse, intent: .register, keys: [.function(4), .character("r")], label: "F4 r", help: Localized("登记新信访事项", "register a petition")),
        Binding(scope: .browse, intent: .search, keys: [.function(5), .character("s")], label: "F5 s", help: Localized("查找：编号证件姓名电话", "search")),
        Binding(scope: .browse, intent: .queue, keys: [.function(3), .character("w")], label: "F3 w", help: Localized("案件队列", "case queue")),
        Binding(scope: .browse, intent: .actions, keys: [.function(7), .character("a")], label: "F7 a", help: Localized("办理此案", "act on this case")),
        Binding(scope: .browse, intent: .link, keys: [.character("L")], label: "L", help: Localized("关联案件", "link a case")),
        Binding(scope: .browse, intent: .filter, keys: [.character("/")], label: "/", help: Localized("筛选队列", "filter the queue")),
        Binding(scope: .browse, intent: .view, keys: [.tab, .character("v")], label: "Tab v", help: Localized("队列范围：全部/我的…", "queue: all/mine/…")),
        Binding(scope: .browse, intent: .sort, keys: [.character("o")], label: "o", help: Localized("排序：期限/编号/状态", "sort: due/number/state")),
        Binding(scope: .browse, intent: .home, keys: [.function(6), .character("m")], label: "F6 m", help: Localized("首页", "home")),
        Binding(scope: .browse, intent: .print, keys: [.function(9), .character("p")], label: "F9 p",
                help: Localized("出具文书（预览打印）", "issue a document")),
        Binding(scope: .browse, intent: .staff, keys: [.function(8), .character("u")], label: "F8 u", help: Localized("人员名单", "staff")),
        Binding(scope: .browse, intent: .statistics, keys: [.character("c")], label: "c",
                help: Localized("信访统计图表（督办台）", "statistics and charts (desk)")),
        Binding(scope: .browse, intent: .clock, keys: [.function(12), .character("t")], label: "F12 t",
                help: Localized("拨动模拟时钟（培训日志）", "move the clock (training logs)")),
        Binding(scope: .browse, intent: .exercises, keys: [.character("e")], label: "e",
                help: Localized("练习（培训日志）", "exercises (training logs)")),
        Binding(scope: .browse, intent: .hint, keys: [.character("i")], label: "i", help: Localized("练习提示", "exercise hint")),
        Binding(scope: .browse, intent: .help, keys: [.function(1), .character("?")], label: "F1 ?", help: Localized("帮助", "help")),
        Binding(scope: .browse, intent: .quit, keys: [.function(10), .character("q")], label: "F10 q", help: Localized("退出", "quit")),
        Binding(scope: .form, intent: .nextField, keys: [.tab, .down, .enter], label: "Tab ↓", help: Localized("下一栏", "next field")),
        Binding(scope: .form, intent: .previousField, keys: [.backTab, .up], label: "⇧Tab ↑", help: Localized("上一栏", "previous field")),
        Binding(scope: .form, intent: .save, keys: [.function(2), .control("s")], label: "F2 ^S", help: Localized("保存", "save")),
        Binding(scope: .form, intent: .back, keys: [.escape], label: "Esc", help: Localized("返回（先确认）", "back (asks first)")),
        Binding(scope: .form, intent: .help, keys: [.function(1), .control("g")], label: "F1 ^G", help: Localized("帮助", "help")),
        Binding(scope: .form, intent: .openEarlier, keys: [.function(3), .control("o")], label: "F3 ^O",
                help: Localized("登记时：打开此人以往案件（表单保留）", "register: open an earlier case (the form waits)")),
        Binding(scope: .form, intent: .quit, keys: [.function(10)], label: "F10", help: Localized("退出（先确认）", "quit (asks first)")),
    ]

    package static func intent(for key: Key, in scope: KeyScope = .browse) -> Intent? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) }?.intent
    }

    package static func binding(_ intent: Intent, in scope: KeyScope = .browse) -> Binding? {
        bindings.first { $0.scope == scope && $0.intent == intent }
    }

    /// The keys inside a form field, for the help screen and docs/keys.md.
    package static let editing: [(label: String, help: Localized)] = [
        ("← →", Localized("移动光标，切换选项", "cursor; change a choice")),
        ("Home End", Localized("到行首、行尾", "start, end of field")),
        ("Enter", Localized("长文本栏（事实、理由、意见等）：换行；保存用 F2", "long text (facts, reasons…): new line; F2 saves")),
        ("↑ ↓", Localized("长文本栏内上下移动，首行末行外到上、下一栏", "long text: up/down a row, then the next field")),
        ("Backspace Del", Localized("删除一个字", "delete a character")),
        ("^U", Localized("清空此栏（查找栏同）", "clear the field (the search too)")),
        ("空格", Localized("切换选项；多选列表中勾选", "change a choice; tick in a list of several")),
        ("Enter", Localized("打开选项、机关、类别列表；列表中确定", "open a list of choices; pick in it")),
    ]
}
