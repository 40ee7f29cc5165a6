import ArgumentParser
import Foundation
import PetitionCore

/// A command line the argument parser refuses becomes one line on stderr, in the
/// language asked for (`--lang`, else Chinese), naming what was wrong and where the
/// usage is — not the parser's four lines of English (exit 64, as before).
enum ParseFailure {
    /// The line for `error`, thrown by `Xinfang.parseAsRoot(arguments)`.
    static func line(for error: any Error, arguments: [String]) -> String {
        let message = Xinfang.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
        let first = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
        let help = helpCommand(in: Xinfang.fullMessage(for: error)) ?? "xinfang --help"
        if language(of: arguments) == .en {
            return "\(first) (usage: \(help))"
        }
        return "命令行有误：\(chinese(first))（用法见 \(help)）"
    }

    /// `--lang en` or `--lang=en` anywhere on the line; Chinese otherwise (the default of `--lang`).
    static func language(of arguments: [String]) -> Language {
        for (i, a) in arguments.enumerated() {
            if a == "--lang=en" { return .en }
            if a == "--lang", i + 1 < arguments.count, arguments[i + 1] == "en" { return .en }
        }
        return .zh
    }

    /// The parser's "See 'xinfang queue --help'" hint, as the command to type.
    static func helpCommand(in full: String) -> String? {
        guard let start = full.range(of: "See '")?.upperBound,
              let end = full[start...].firstIndex(of: "'") else { return nil }
        return String(full[start..<end])
    }

    /// The parser's messages that a command line typed by hand meets, in Chinese; any
    /// other stays as the parser wrote it.
    static func chinese(_ message: String) -> String {
        let patterns: [(String, ([String]) -> String)] = [
            (#"^Missing expected argument '(.+)'$"#, { "缺少参数 \($0[0])" }),
            (#"^Missing value for '(.+)'$"#, { "选项 \($0[0]) 缺少取值" }),
            (#"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#, { "没有选项 \($0[0])（是不是 \($0[1])？）" }),
            (#"^Unknown option '([^']+)'$"#, { "没有选项 \($0[0])" }),
            (#"^\d+ unexpected arguments: (.+)$"#, { "多余的参数 " + $0[0].replacingOccurrences(of: "'", with: "") }),
            (#"^Unexpected arguments? (.+)$"#, { "多余的参数 " + $0[0].replacingOccurrences(of: "'", with: "") }),
            (#"^The value '(.*)' is invalid for '(.+)'(.*)$"#, { "\($0[1]) 的取值「\($0[0])」无效" + ($0[2].isEmpty ? "" : "（\($0[2].trimmingCharacters(in: CharacterSet(charactersIn: " :")))）") }),
        ]
        for (pattern, render) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) else { continue }
            let groups = (1..<match.numberOfRanges).map { i -> String in
                Range(match.range(at: i), in: message).map { String(message[$0]) } ?? ""
            }
            return render(groups)
        }
        return message
    }
}
