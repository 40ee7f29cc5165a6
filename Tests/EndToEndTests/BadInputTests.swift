import Foundation
import Testing

/// Issue 11, item 5, end to end: every bad input given to `xinfang register` (and `act`)
/// gets one line naming what was wrong, exit 65, and the log's bytes are unchanged.
@Suite("Bad input, end to end")
struct BadInputTests {
    static let letter = #"{"channel":"letter","receivedAt":"2025-04-28","petitioner":{"name":"李娜","address":"望湖街道2号"},"request":"要求维修","facts":"屋顶漏水","reasons":"影响居住","category":"RESETTLEMENT","type":"grievance"}"#

    /// The visit without a group, with one field replaced.
    static func visit(name: String) -> String {
        #"{"channel":"visit","receivedAt":"2025-04-28","petitioner":{"name":"\#(name)","idNumber":"11010519491231002X"},"request":"要求维修","facts":"屋顶漏水","reasons":"影响居住","category":"RESETTLEMENT","type":"grievance"}"#
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var label: String
        var input: [UInt8]
        var message: String
        var status: Int32 = 65
        var testDescription: String { label }
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let rows: [Row] = [
        Row(label: "invisible-only name (U+200B) at a visit", input: bytes(visit(name: #"\u200b\u200b"#)),
            message: "请填写信访人的姓名（名称）（依据《信访工作条例》第19条第1款）"),
        Row(label: "NUL-only name at a visit", input: bytes(visit(name: #"\u0000"#)),
            message: "请填写信访人的姓名（名称）"),
        Row(label: "U+202E-only name at a visit", input: bytes(visit(name: #"\u202e"#)),
            message: "请填写信访人的姓名（名称）"),
        Row(label: "NUL in a name", input: bytes(visit(name: #"张\u0000伟"#)),
            message: "信访人的姓名（名称）第2个字符 \\u{0} 是控制字符、双向文字控制符或零宽字符，不能录入"),
        Row(label: "ESC in a name", input: bytes(visit(name: #"张\u001b[2J伟"#)),
            message: "信访人的姓名（名称）第2个字符 \\u{1B}"),
        Row(label: "U+202E in a name", input: bytes(visit(name: "张\u{202E}伟")),
            message: "信访人的姓名（名称）第2个字符 <U+202E>"),
        Row(label: "U+200B in a name", input: bytes(visit(name: #"张\u200b伟"#)),
            message: "信访人的姓名（名称）第2个字符 <U+200B>"),
        Row(label: "terminal title escape in the category",
            input: bytes(letter.replacingOccurrences(of: "RESETTLEMENT", with: #"X\u001b]0;pwned\u0007"#)),
            message: "问题类别第2个字符 \\u{1B}"),
        Row(label: "unknown key accused_organ",
            input: bytes(letter.replacingOccurrences(of: #""type""#, with: #""accused_organ":"D-ZJJ","type""#)),
            message: "没有「accused_organ」这个字段（是否应为「accusedOrgan」？）"),
        Row(label: "unknown nested key", input: bytes(letter.replacingOccurrences(of: #""address""#, with: #""adress""#)),
            message: "没有「petitioner.adress」这个字段（是否应为「address」？）"),
        Row(label: "duplicate key", input: bytes(letter.replacingOccurrences(of: #""type""#, with: #""category":"OTHER","type""#)),
            message: "字段「category」写了两次"),
        Row(label: "invalid UTF-8", input: bytes(#"{"channel":""#) + [0xE5, 0xBC] + bytes(#""}"#),
            message: "输入不是有效的 UTF-8 文本（第13字节）"),
        Row(label: "raw control character in a JSON string",
            input: bytes(letter.replacingOccurrences(of: "屋顶漏水", with: "屋顶\u{1B}漏水")),
            message: "字符串中有未转义的控制字符"),
        Row(label: "name over 64 characters", input: bytes(visit(name: String(repeating: "张", count: 65))),
            message: "信访人的姓名（名称）过长：最多64个字符，现为65个字符"),
        Row(label: "request over 8,000 characters",
            input: bytes(letter.replacingOccurrences(of: "要求维修", with: String(repeating: "修", count: 8001))),
            message: "信访请求过长：最多8000个字符，现为8001个字符"),
        Row(label: "a 50 MB field", input: bytes(letter.replacingOccurrences(of: "屋顶漏水", with: String(repeating: "a", count: 50 << 20))),
            message: "事实过长：最多8000个字符，现为52428800个字符"),
    ]

    @Test(arguments: rows)
    func aBadPetitionIsRefusedWithItsMessageAndTheLogIsUnchanged(row: Row) throws {
        let cli = CLI()
        cli.run(["init"])
        let before = cli.logBytes
        let file = cli.dir + "/input.json"
        try Data(row.input).write(to: URL(fileURLWithPath: file))
        let r = cli.run(["register", file, "--now", "2025-04-28T10:00"])
        #expect(r.status == row.status, "\(row.label): \(r.err)")
        #expect(r.err.contains(row.message), "\(row.label): \(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        // Nothing the input held reaches the terminal raw.
        #expect(!r.err.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(row.label)")
        #expect(!r.err.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x200B...0x200D).contains($0.value) })
        #expect(r.out.isEmpty)
        #expect(cli.logBytes == before, "\(row.label): the log is unchanged")
    }

    @Test func aLetterWithAnInvisibleOnlyNameIsRegisteredAndFlaggedAsUnreachable() throws {
        let cli = CLI()
        cli.run(["init"])
        let input = Self.letter.replacingOccurrences(of: "李娜", with: #"\u200b"#)
            .replacingOccurrences(of: #","address":"望湖街道2号""#, with: "")
        let r = cli.run(["register", "-", "--now", "2025-04-28T10:00"], stdin: input)
        #expect(r.status == 0, "\(r.err)")
        let shown = cli.run(["show", "D-XFJ-2025-00001", "--now", "2025-04-28T10:00"]).out
        #expect(shown.contains("无法告知"), "\(shown)")
        #expect(!shown.unicodeScalars.contains { $0.value == 0x200B })
    }

    /// 100,000 petitions, the last refused: all are checked before any is written, so
    /// nothing is; then 2,500 good ones are written in three batches of at most 1,000.
    @Test func aHundredThousandPetitionsAreCheckedWholeAndALargeImportIsWrittenInBatches() throws {
        let cli = CLI()
        cli.run(["init"])
        let before = cli.logBytes
        let bad = Self.letter.replacingOccurrences(of: "RESETTLEMENT", with: "NOPE")
        let many = "[" + Array(repeating: Self.letter, count: 99_999).joined(separator: ",") + "," + bad + "]"
        let refused = cli.run(["register", "-", "--now", "2025-04-28T10:00"], stdin: many)
        #expect(refused.status == 65, "\(refused.err)")
        #expect(refused.err.contains("第100000件（共100000件）：问题类别「NOPE」不存在"), "\(refused.err)")
        #expect(cli.logBytes == before)

        func commits() -> Int {
            cli.run(["log", "dump"]).out.split(separator: "\n").filter { $0.contains(#""type":"commit""#) }.count
        }
        let enrolled = commits()  // the staff init enrolled, one batch
        let batch = "[" + Array(repeating: Self.letter, count: 2_500).joined(separator: ",") + "]"
        let written = cli.run(["register", "-", "--now", "2025-04-28T10:00"], stdin: batch)
        #expect(written.status == 0, "\(written.err)")
        let lines = written.out.split(separator: "\n")
        #expect(lines.count == 2_500 && lines.last?.hasPrefix("D-XFJ-2025-02500") == true)
        #expect(commits() - enrolled == 3, "one commit a batch of 1,000")
    }

    @Test func anActionRefusesAnEscapeInANoteAndAFieldGivenTwice() {
        let cli = CLI()
        cli.run(["init"])
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: Self.letter).status == 0)
        let before = cli.logBytes
        let c = "D-XFJ-2025-00001"
        let escaped = cli.run(["act", c, "transfer", "--to", "D-ZJJ", "--note", "x\u{1B}]0;pwned\u{7}", "--now", "2025-04-28T10:00"])
        #expect(escaped.status == 65)
        #expect(escaped.err.contains("说明第2个字符 \\u{1B}"), "\(escaped.err)")
        #expect(!escaped.err.unicodeScalars.contains { $0.value == 0x1B })
        let twice = cli.run(["act", c, "transfer", "--to", "D-ZJJ", "--to", "D-RSJ", "--now", "2025-04-28T10:00"])
        #expect(twice.status == 64 && twice.err.contains("字段 --to 写了两次"), "\(twice.err)")
        let unknown = cli.run(["act", c, "transfer", "--too", "D-ZJJ", "--now", "2025-04-28T10:00"])
        // A misspelled field is one Chinese line, worded as the parser words an unknown option.
        #expect(unknown.status == 64, "\(unknown.err)")
        #expect(unknown.err == "xinfang: 命令行有误：transfer 没有字段 --too（是不是 --to？）（字段见 xinfang act transfer --help）\n")
        #expect(cli.logBytes == before)
    }
}

/// A command line the argument parser refuses is one line naming what was wrong and the
/// help to read, in Chinese unless `--lang en` — not the parser's four lines of English.
@Suite("Refused command lines, end to end")
struct RefusedCommandLineTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var args: [String]
        var line: String
        var testDescription: String { args.joined(separator: " ") }
    }

    static let rows: [Row] = [
        Row(args: ["show"], line: "xinfang: 命令行有误：缺少参数 <case-number>（用法见 xinfang show --help）"),
        Row(args: ["queue", "--state"], line: "xinfang: 命令行有误：选项 --state <state> 缺少取值（用法见 xinfang queue --help）"),
        Row(args: ["queue", "--bogus"], line: "xinfang: 命令行有误：没有选项 --bogus（是不是 --log？）（用法见 xinfang queue --help）"),
        Row(args: ["queue", "--overdue", "yes"], line: "xinfang: 命令行有误：多余的参数 yes（用法见 xinfang queue --help）"),
        Row(args: ["queue", "--lang", "en", "--bogus"],
            line: "xinfang: Unknown option '--bogus'. Did you mean '--log'? (usage: xinfang queue --help)"),
    ]

    @Test(arguments: rows)
    func aRefusedCommandLineIsOneLineAndWritesNothing(row: Row) {
        let cli = CLI()
        cli.run(["init"])
        let before = cli.logBytes
        let r = cli.run(row.args)
        #expect(r.status == 64)
        #expect(r.err == row.line + "\n")
        #expect(r.out.isEmpty)
        #expect(cli.logBytes == before)
    }

    @Test func helpIsStillTheParsersWholeHelp() {
        let r = CLI().run(["queue", "--help"])
        #expect(r.status == 0)
        #expect(r.out.contains("USAGE: xinfang queue"))
    }
}
