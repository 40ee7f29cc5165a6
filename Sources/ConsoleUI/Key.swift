import PetitionCore

/// A key as the console sees it, whatever terminal it came from.
package enum Key: Equatable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    case function(Int)
    /// The terminal changed size.
    case resize
    /// No key within the poll interval: time to look for changes in the log.
    case tick
}

/// What the user wants, independent of which key said it.
package enum Intent: String, Sendable, CaseIterable {
    case up, down, pageUp, pageDown, top, bottom, open, back, help, search, quit, queue, home
}

/// One entry of the key map: an intent, its key, a plain-letter alternative (some
/// terminals eat F-keys), and what the help screen says about it.
package struct Binding: Sendable {
    package var intent: Intent
    package var keys: [Key]
    package var label: String
    package var help: Localized
}

/// The key map is data: the run loop looks keys up here and the help screen lists it
/// (docs/keys.md is written from the same table).
package enum KeyMap {
    package static let bindings: [Binding] = [
        Binding(intent: .up, keys: [.up, .character("k")], label: "↑ k", help: Localized("上移", "move up")),
        Binding(intent: .down, keys: [.down, .character("j")], label: "↓ j", help: Localized("下移", "move down")),
        Binding(intent: .pageUp, keys: [.pageUp, .character("b")], label: "PgUp b", help: Localized("上一页", "previous page")),
        Binding(intent: .pageDown, keys: [.pageDown, .character(" ")], label: "PgDn 空格", help: Localized("下一页", "next page")),
        Binding(intent: .top, keys: [.home, .character("g")], label: "Home g", help: Localized("第一行", "first row")),
        Binding(intent: .bottom, keys: [.end, .character("G")], label: "End G", help: Localized("最后一行", "last row")),
        Binding(intent: .open, keys: [.enter, .right, .character("l")], label: "Enter", help: Localized("打开", "open")),
        Binding(intent: .back, keys: [.escape, .left, .character("h")], label: "Esc", help: Localized("返回", "back")),
        Binding(intent: .search, keys: [.character("/")], label: "/", help: Localized("筛选：输入编号、姓名、类别", "filter: type a number, name or category")),
        Binding(intent: .queue, keys: [.function(3), .character("w")], label: "F3 w", help: Localized("案件队列", "case queue")),
        Binding(intent: .home, keys: [.function(2), .character("m")], label: "F2 m", help: Localized("首页", "home")),
        Binding(intent: .help, keys: [.function(1), .character("?")], label: "F1 ?", help: Localized("帮助", "help")),
        Binding(intent: .quit, keys: [.function(10), .character("q")], label: "F10 q", help: Localized("退出", "quit")),
    ]

    package static func intent(for key: Key) -> Intent? {
        bindings.first { $0.keys.contains(key) }?.intent
    }

    package static func binding(_ intent: Intent) -> Binding? { bindings.first { $0.intent == intent } }
}
