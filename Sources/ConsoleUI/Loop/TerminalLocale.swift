import PetitionCore

/// Whether the console can show Chinese in the locale it was started in, and what to
/// do when it cannot: curses draws wide characters only under a UTF-8 LC_CTYPE, and
/// under `LANG=C`, `POSIX` or no LANG at all it would drop every Chinese character —
/// the training marker (培训模式) among them — without a word.
///
/// The decision is here, pure; `ConsoleTerminal` asks the C library and carries it out.
package enum TerminalLocale {
    /// What the console does about its locale.
    package enum Outcome: Equatable, Sendable {
        /// The environment's locale is UTF-8: used as it is.
        case asIs
        /// The environment's was not; LC_CTYPE was switched to this UTF-8 locale.
        case switched(to: String)
        /// No UTF-8 locale on this system: the console does not start.
        case refused(current: String, codeset: String)
    }

    /// Tried in order: `C.UTF-8` is built into glibc 2.35 and later and into most
    /// distributions before; the others are the usual installed ones.
    package static let candidates = ["C.UTF-8", "C.utf8", "zh_CN.UTF-8", "en_US.UTF-8"]

    /// Whether a codeset name (`nl_langinfo(CODESET)`) is UTF-8.
    package static func isUTF8(_ codeset: String) -> Bool {
        let c = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return c == "utf8"
    }

    /// Decides, given the environment's LC_CTYPE and codeset, and a way to switch to a
    /// candidate (true, and the switched-to codeset, when the system has it).
    package static func choose(current: String, codeset: String,
                               trying switchTo: (String) -> String?) -> Outcome {
        if isUTF8(codeset) { return .asIs }
        for name in candidates {
            if let switched = switchTo(name), isUTF8(switched) { return .switched(to: name) }
        }
        return .refused(current: current, codeset: codeset)
    }

    /// Why the console does not start, and what to do.
    package static func refusal(current: String, codeset: String, _ language: Language) -> String {
        let shown = current.isEmpty ? "C" : current
        return language == .zh
            ? "终端的语言环境（\(shown)，字符集 \(codeset)）不是 UTF-8，本系统也没有可用的 UTF-8 语言环境（已试 \(candidates.joined(separator: "、"))）：中文（包括「培训模式」标记）会无法显示，控制台不启动。请安装 UTF-8 语言环境（如 C.UTF-8 或 zh_CN.UTF-8）并设置 LANG 后重试；命令行子命令（xinfang show、queue、register 等）不受影响"
            : "The terminal's locale (\(shown), character set \(codeset)) is not UTF-8 and this system has no UTF-8 locale (tried \(candidates.joined(separator: ", "))): Chinese text, the training marker included, could not be shown, so the console does not start. Install a UTF-8 locale (such as C.UTF-8 or zh_CN.UTF-8), set LANG to it and try again; the subcommands (xinfang show, queue, register, …) are not affected"
    }
}
