import Foundation
import TestSupport
import Testing

/// `xinfang stats`, `report annual` and `export` on a log made through the CLI (issue 14
/// items 4–6): the report agrees with stats, the CSV's bytes, masking and Art 30.
@Suite("stats, report annual and export from the command line")
struct StatsReportExportTests {
    /// Three cases: A, the group visit, transferred, accepted, supported and rated 满意;
    /// B, a letter whose request holds a comma, quotes and a line break, never triaged;
    /// C, an accusation of 区住建局, never triaged.
    static func office() -> CLI {
        let cli = CLI()
        #expect(cli.run(["init", "--now", "2025-04-28"]).status == 0)
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit).status == 0)
        let a = "D-XFJ-2025-00001"
        for step in [["transfer", "--to", "D-ZJJ", "--now", "2025-04-30"], ["receive", "--now", "2025-05-06"],
                     ["accept", "--route", "第六途径", "--now", "2025-05-09"],
                     ["classify", "--type", "grievance", "--track", "6", "--now", "2025-05-09"],
                     ["assign-handler", "--user", "handler", "--recusal-checked", "yes", "--now", "2025-05-09"],
                     ["issue-opinion", "--outcome", "support", "--opinion", "支持", "--basis", "协议", "--measures", "solved",
                      "--now", "2025-06-20"],
                     ["deliver", "--now", "2025-06-23"], ["rate", "--satisfaction", "满意", "--now", "2025-06-24"]] {
            let r = cli.run(["act", a] + step)
            #expect(r.status == 0, "\(step[0]): \(r.err)")
        }
        #expect(cli.run(["register", "-", "--now", "2025-05-10T09:00"], stdin: letter).status == 0)
        #expect(cli.run(["register", "-", "--now", "2025-06-02T09:00"], stdin: accusation).status == 0)
        return cli
    }

    static let request = "要求退还押金，并\"立即\"处理\n另：请书面答复"
    static let letter = """
        {"channel":"letter","receivedAt":"2025-05-10","organ":"D-XFJ",
         "petitioner":{"kind":"citizen","name":"赵磊","idNumber":"440304199006152342","phone":"13700137000","address":"望湖街道2号"},
         "request":"要求退还押金，并\\"立即\\"处理\\n另：请书面答复","facts":"某公司拖欠押金","reasons":"合同约定",
         "category":"WAGES","type":"grievance"}
        """
    static let accusation = """
        {"channel":"letter","receivedAt":"2025-06-02","organ":"D-XFJ",
         "petitioner":{"kind":"citizen","name":"王芳","phone":"13600136000","address":"青石镇5号"},
         "request":"检举某科长收受礼金","facts":"收受开发商礼金","reasons":"违反廉洁纪律",
         "category":"WAGES","type":"accusation","accusedOrgan":"D-ZJJ"}
        """

    /// Every number of `report annual --csv` is the same figure of `stats --json` for the year
    /// (the total, or the group of its category or organ).
    @Test func theAnnualReportAgreesWithStats() throws {
        let cli = Self.office()
        // Acts of organs (records of no case): counted by the report from the same records `supervise list` prints.
        for act in [["interview", "--organ", "D-ZJJ", "--target", "leadershipTeam", "--days", "30", "--cases", "D-XFJ-2025-00001"],
                    ["inspection", "--organ", "D-ZJJ"]] {
            let r = cli.run(["supervise"] + act + ["--note", "逾期未办结", "--as", "supervisor", "--now", "2025-07-01T10:00"])
            #expect(r.status == 0, "\(act[0]): \(r.err)")
        }
        let listed = try #require(cli.json(["supervise", "list", "--as", "supervisor"]) as? [[String: Any]])
        let report = cli.run(["report", "annual", "--year", "2025", "--csv", "--as-of", "2025-12-31"])
        #expect(report.status == 0, "\(report.err)")
        var stats: [String: [String: Any]] = [:]
        for by in ["category", "organ"] {
            stats[by] = try #require(cli.json(["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--by", by,
                                               "--as-of", "2025-12-31"]) as? [String: Any])
        }
        let lines = report.out.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
            .dropFirst().filter { !$0.isEmpty }
        #expect(lines.count > 20)
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let (by, group, figure, value) = (f[1], f[2], f[4], Int(f[5]))
            if figure.hasPrefix("acts_") {
                let measure = String(figure.dropFirst(5))
                #expect(value == listed.filter { ($0["act"] as? [String: Any])?["measure"] as? String == measure }.count, "\(line)")
                continue
            }
            let json = try #require(stats[by.isEmpty ? "category" : by])
            let figures: [String: Any]?
            if group == "total" {
                figures = json["total"] as? [String: Any]
            } else {
                let groups = json["groups"] as? [[String: Any]] ?? []
                figures = groups.first { $0["key"] as? String == group }?["figures"] as? [String: Any]
            }
            #expect(figures?[figure] as? Int == value, "\(line)")
        }
        // By hand: three cases received in 2025; one transferred; one rated 满意.
        #expect(lines.contains("1,,total,合计,received,3") && lines.contains("2,,total,合计,transferred,1"))
        #expect(lines.contains("4,,total,合计,rated_satisfied,1"))
        #expect(lines.contains("2,,total,合计,acts_interview,1") && lines.contains("2,,total,合计,acts_inspection,1"))
    }

    /// The CSV starts with the BOM; B's request is quoted with its quotes doubled and its
    /// line break kept; records end in CRLF.
    @Test func theExportCSVIsUTF8WithBOMAndRFC4180Quoting() throws {
        let cli = Self.office()
        let r = cli.run(["export", "--csv", "--as", "clerk", "--now", "2025-07-01"])
        #expect(r.status == 0, "\(r.err)")
        let bytes = Array(r.out.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(r.out.contains(",\"要求退还押金，并\"\"立即\"\"处理\n另：请书面答复\","))
        #expect(r.out.hasPrefix("\u{FEFF}案件编号,收到日期,渠道,信访人,"))
        #expect(r.out.components(separatedBy: "\r\n").count == 5, "a header, three records and the end")
        #expect(r.out.contains("D-XFJ-2025-00001,2025-04-28,走访,张伟,\"11010519491231002X\t\",\"13800138000\t\","))
    }

    /// A request a spreadsheet would run as a formula is written with a leading apostrophe
    /// (OWASP's neutralisation) and stays text when LibreOffice opens the CSV, with the filter
    /// the tester used and with none.
    @Test func aFormulaInARequestStaysTextInTheSpreadsheet() throws {
        let cli = Self.office()
        let formula = """
            {"channel":"letter","receivedAt":"2025-06-03","organ":"D-XFJ",
             "petitioner":{"kind":"citizen","name":"李娜","phone":"13500135000","address":"望湖街道3号"},
             "request":"=HYPERLINK(\\"http://evil\\",\\"x\\")","facts":"@SUM(1+1)","reasons":"-1+2",
             "category":"WAGES","type":"grievance"}
            """
        let reg = cli.run(["register", "-", "--now", "2025-06-03T09:00"], stdin: formula)
        #expect(reg.status == 0, "\(reg.err)")
        let r = cli.run(["export", "--csv", "--as", "clerk", "--now", "2025-07-01"])
        #expect(r.out.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), "\(r.out)")
        let file = cli.dir + "/cases.csv"
        try Data(r.out.utf8).write(to: URL(fileURLWithPath: file))
        for filter in ["CSV:44,34,76", nil] {
            #expect(try Self.convertedFormulas(file, in: cli.dir, filter: filter) == [], "no formula with filter \(filter ?? "none")")
            let strings = try Self.convertedStrings(file, in: cli.dir, filter: filter)
            #expect(strings.contains { $0.hasSuffix("=HYPERLINK(\"http://evil\",\"x\")") }, "\(strings)")
        }
    }

    /// Identity numbers and phones keep every digit when the CSV is opened: a trailing tab in
    /// the cell keeps them text (18 digits read as a number become 1.10101199001011E+17).
    @Test func identityNumbersAndPhonesStayTextInTheSpreadsheet() throws {
        let cli = Self.office()
        let r = cli.run(["export", "--csv", "--as", "clerk", "--now", "2025-07-01"])
        #expect(r.status == 0, "\(r.err)")
        let file = cli.dir + "/cases.csv"
        try Data(r.out.utf8).write(to: URL(fileURLWithPath: file))
        for filter in [nil, "CSV:44,34,76"] {
            let strings = try Self.convertedStrings(file, in: cli.dir, filter: filter).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            #expect(strings.contains("440304199006152342") && strings.contains("13700137000"),
                    "the digits as text with filter \(filter ?? "none"): \(strings)")
        }
    }

    /// `--as-of` counts what had happened by that day: case A, received 04-28 and replied
    /// 06-23, is not replied as of 06-01, and case C, received 06-02, is not yet received.
    @Test func statsAsOfADayCountsOnlyWhatHadHappenedByThen() throws {
        let cli = Self.office()
        func total(_ day: String) throws -> [String: Any] {
            let json = try #require(cli.json(["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--as-of", day,
                                               "--now", "2025-12-31"]) as? [String: Any])
            return try #require(json["total"] as? [String: Any])
        }
        let june = try total("2025-06-01"), december = try total("2025-12-31")
        #expect(june["received"] as? Int == 2 && june["accepted"] as? Int == 1 && june["replied"] as? Int == 0, "\(june)")
        #expect(december["received"] as? Int == 3 && december["replied"] as? Int == 1, "\(december)")
        let report = cli.run(["report", "annual", "--year", "2025", "--csv", "--as-of", "2025-06-01", "--now", "2025-12-31"])
        #expect(report.out.contains("1,,total,合计,received,2"), "\(report.out)")
    }

    /// A training log's `--now` never records before what the log holds (tester item 11): a 督办
    /// dated before the case's last step, or an act of an organ before the Regulations came into
    /// force (Art 50), is refused with one line naming --now, and nothing is written.
    @Test func aNowBeforeTheLogsRecordsIsRefusedAndNothingWritten() throws {
        let cli = Self.office()
        func records() -> Int { cli.run(["log", "dump", "--as", "supervisor"]).out.split(separator: "\n").count }
        let before = records()
        let order = cli.run(["act", "D-XFJ-2025-00001", "order-supervision", "--organ", "D-ZJJ", "--suggestion", "improveWork",
                             "--reason", "拖延", "--as", "supervisor", "--now", "2025-05-01"])
        #expect(order.status == 64 && order.err.contains("--now") && order.err.split(separator: "\n").count == 1, "\(order.err)")
        let old = cli.run(["supervise", "inspection", "--organ", "D-ZJJ", "--note", "督查", "--as", "supervisor", "--now", "2021-01-01"])
        #expect(old.status == 64 && old.err.contains("--now") && old.err.contains("第50条"), "\(old.err)")
        #expect(before > 5 && records() == before, "nothing written")
        let later = cli.run(["act", "D-XFJ-2025-00001", "order-supervision", "--organ", "D-ZJJ", "--suggestion", "improveWork",
                             "--reason", "拖延", "--as", "supervisor", "--now", "2025-07-01"])
        #expect(later.status == 0, "\(later.err)")
        // The timeline keeps a space after a ten-letter account (it printed "supervisor督办").
        let shown = cli.run(["show", "D-XFJ-2025-00001", "--as", "supervisor", "--now", "2025-07-01"])
        #expect(shown.out.contains("supervisor 督办"), "\(shown.out)")
    }

    /// `act … --organ` takes a name or short name as the queue does (tester: `--organ 区住建局` was
    /// "登记机关「区住建局」不在机关名录中"); a name of several organs is refused naming them, and an
    /// unknown one is refused as the organ supervised, not the registering organ.
    @Test func anActsOrganIsNamedAsTheQueueNamesIt() throws {
        let cli = Self.office()
        let ambiguous = cli.run(["act", "D-XFJ-2025-00001", "order-supervision", "--organ", "住建", "--suggestion", "improveWork",
                                 "--reason", "拖延", "--as", "supervisor", "--now", "2025-07-01"])
        #expect(ambiguous.status == 64 && ambiguous.err.contains("C-ZJJ") && ambiguous.err.contains("D-ZJJ"), "\(ambiguous.err)")
        let unknown = cli.run(["act", "D-XFJ-2025-00001", "order-supervision", "--organ", "不存在局", "--suggestion", "improveWork",
                               "--reason", "拖延", "--as", "supervisor", "--now", "2025-07-01"])
        #expect(unknown.status == 65 && unknown.err.contains("被督办机关「不存在局」"), "\(unknown.err)")
        let named = cli.run(["act", "D-XFJ-2025-00001", "order-supervision", "--organ", "区住建局", "--suggestion", "improveWork",
                             "--reason", "拖延", "--as", "supervisor", "--now", "2025-07-01"])
        #expect(named.status == 0, "\(named.err)")
    }

    /// A petition bureau never orders supervision of itself (Art 40 para 1; its own lateness is
    /// for the organ above, Art 43; decision 0030, addendum): refused with one line citing the
    /// article, nothing written — whether the case has other organs (the housing bureau, the
    /// lawful one, is named) or none, on which `show` does not offer 督办 at all.
    @Test func aBureausOrderOfItselfIsRefusedWithOneLineAndNothingWritten() throws {
        let cli = Self.office()
        // Records of cases and of organs: a training log also keeps each refused attempt, to score it.
        func records() -> Int {
            cli.run(["log", "dump", "--as", "supervisor"]).out.split(separator: "\n").filter { !$0.contains("\"training\"") }.count
        }
        let before = records()
        for number in ["D-XFJ-2025-00001", "D-XFJ-2025-00002"] {
            let r = cli.run(["act", number, "order-supervision", "--organ", "D-XFJ", "--suggestion", "improveWork",
                             "--reason", "逾期未分办", "--as", "supervisor", "--now", "2025-07-01"])
            #expect(r.status == 65 && r.err.split(separator: "\n").count == 1, "\(number): \(r.err)")
            #expect(r.err.contains("不能督办本机关") && r.err.contains("第43条") && r.err.contains("第40条"), "\(r.err)")
            // The lawful organ named on the case the housing bureau handles; the letter has none.
            #expect(r.err.contains(number.hasSuffix("1") ? "可督办：区住建局" : "本案没有临江区信访局可督办的机关"), "\(r.err)")
        }
        #expect(records() == before, "nothing written")
        // The letter only the bureau has had: 督办 is not among what may be done now.
        let shown = cli.run(["show", "D-XFJ-2025-00002", "--json", "--as", "supervisor", "--now", "2025-07-01"])
        #expect(shown.status == 0 && !shown.out.contains("order-supervision"), "\(shown.out.suffix(400))")
        let housing = cli.run(["show", "D-XFJ-2025-00001", "--json", "--as", "supervisor", "--now", "2025-07-01"])
        #expect(housing.out.contains("order-supervision"), "\(housing.out.suffix(400))")
    }

    /// `supervise list` says what the console's list of acts says: an interview past its day and
    /// not lifted is 整改期满, not 在办 (tester item 12); a note's line break is not `\u{A}`.
    @Test func superviseListSaysPastDueAsTheConsoleDoesAndKeepsANoteOnOneLine() throws {
        let cli = Self.office()
        let made = cli.run(["supervise", "interview", "--organ", "D-ZJJ", "--target", "leadershipTeam", "--days", "10",
                            "--cases", "D-XFJ-2025-00001", "--note", "逾期未办结\n多次催办无果", "--as", "supervisor", "--now", "2025-07-01T10:00"])
        #expect(made.status == 0, "\(made.err)")
        let during = cli.run(["supervise", "list", "--as", "supervisor", "--now", "2025-07-05"])
        #expect(during.out.contains("在办") && !during.out.contains("整改期满"), "\(during.out)")
        let after = cli.run(["supervise", "list", "--as", "supervisor", "--now", "2025-08-01"])
        #expect(after.out.contains("整改期满") && !after.out.contains("在办"), "\(after.out)")
        #expect(after.out.contains("逾期未办结 / 多次催办无果") && !after.out.contains("\\u{A}"), "\(after.out)")
    }

    /// The statistics text keeps to 80 columns and cuts no figure on a large generated log
    /// (tester item 14: a line of 84 columns; "100.…" when piped).
    @Test func statsTextKeepsTo80ColumnsAndCutsNoFigure() throws {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "3000", "--log", cli.log, "--until", "2026-06-30"]).status == 0)
        let r = cli.run(["stats", "--from", "2023-01-01", "--to", "2026-06-30", "--as", "supervisor"])
        #expect(r.status == 0, "\(r.err)")
        for line in r.out.split(separator: "\n") {
            let width = line.unicodeScalars.reduce(0) { w, u in
                w + ((0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value)
                     || (0xAC00...0xD7A3).contains(u.value) || (0xF900...0xFAFF).contains(u.value)
                     || (0xFE30...0xFE4F).contains(u.value) || (0xFF00...0xFF60).contains(u.value) ? 2 : 1)
            }
            #expect(width <= 80 && !line.contains("…") || line.contains("月度"), "\(width): \(line)")
        }
    }

    /// A supervisor's export masks personal data; the accused organ's handler sees no accuser
    /// and no content of the accusation (Art 30), and a trainee neither.
    @Test func theExportMasksPersonalDataAndWithholdsAccusations() throws {
        let cli = Self.office()
        let sup = cli.run(["export", "--csv", "--as", "supervisor", "--now", "2025-07-01"])
        #expect(sup.status == 0 && !sup.out.contains("11010519491231002X") && sup.out.contains("110105********002X"))
        #expect(!sup.out.contains("王芳") && sup.out.contains("检举某科长收受礼金"), "masked, but a supervisor reads accusations")
        for user in ["handler", "tester"] {
            let r = cli.run(["export", "--json", "--as", user, "--now", "2025-07-01"])
            #expect(r.status == 0, "\(r.err)")
            #expect(!r.out.contains("王芳") && !r.out.contains("检举某科长") && !r.out.contains("13600136000"), "\(user)")
        }
    }

    /// Who exports what (decision 0031): one row a role. The bureau's clerk takes every case
    /// unmasked; a supervisor every case masked; the housing bureau's handler and head only the
    /// case their organ holds (A), masked — never less than the supervisor.
    struct ExportRole: Sendable, CustomTestStringConvertible {
        var user: String
        var cases: [String]
        var masked: Bool
        var testDescription: String { user }
    }

    static let exportRoles: [ExportRole] = [
        ExportRole(user: "clerk", cases: ["D-XFJ-2025-00001", "D-XFJ-2025-00002", "D-XFJ-2025-00003"], masked: false),
        ExportRole(user: "supervisor", cases: ["D-XFJ-2025-00001", "D-XFJ-2025-00002", "D-XFJ-2025-00003"], masked: true),
        ExportRole(user: "handler", cases: ["D-XFJ-2025-00001"], masked: true),
        ExportRole(user: "head", cases: ["D-XFJ-2025-00001"], masked: true),
    ]

    @Test(arguments: exportRoles) func anExportHoldsTheCasesAndPersonalDataTheRoleMayTake(_ role: ExportRole) throws {
        let cli = Self.office()
        let rows = try #require(cli.json(["export", "--as", role.user, "--now", "2025-07-01"]) as? [[String: Any]])
        #expect(rows.compactMap { $0["caseNumber"] as? String } == role.cases)
        let a = try #require(rows.first { $0["caseNumber"] as? String == "D-XFJ-2025-00001" })
        #expect((a["idNumber"] as? String == "11010519491231002X") == !role.masked, "\(a)")
        #expect((a["petitioner"] as? String == "张伟") == !role.masked, "\(a)")
        #expect((a["address"] as? String == "***") == role.masked, "\(a)")
    }

    /// A head of another organ gets their own organ's statistics and report by default, as their
    /// desk shows; a supervisor the whole jurisdiction. `--organ` takes a name or short name.
    @Test func statsAndTheReportDefaultToTheHeadsOwnOrgan() throws {
        let cli = Self.office()
        let period = ["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--as-of", "2025-07-01"]
        let head = try #require(cli.json(period + ["--as", "head"]) as? [String: Any])
        #expect(head["organ"] as? String == "D-ZJJ" && (head["total"] as? [String: Any])?["received"] as? Int == 1, "\(head)")
        let sup = try #require(cli.json(period + ["--as", "supervisor"]) as? [String: Any])
        #expect(sup["organ"] == nil && (sup["total"] as? [String: Any])?["received"] as? Int == 3, "\(sup)")
        let report = cli.run(["report", "annual", "--year", "2025", "--as", "head", "--as-of", "2025-07-01"])
        #expect(report.status == 0 && report.out.contains("住房和城乡建设局") && !report.out.contains("范围：全部"), "\(report.out)")
        for name in ["区住建局", "临江区住房和城乡建设局", "D-ZJJ"] {
            let byName = try #require(cli.json(period + ["--organ", name, "--as", "supervisor"]) as? [String: Any], "\(name)")
            #expect(byName["organ"] as? String == "D-ZJJ", "\(name)")
        }
    }

    /// `--organ` naming several organs is refused with their names; a blank one everywhere.
    @Test func anAmbiguousOrBlankOrganIsRefusedNamingTheOption() throws {
        let cli = Self.office()
        let several = cli.run(["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--organ", "区"])
        #expect(several.status == 64 && several.err.contains("--organ") && several.err.contains("多个")
                && !several.err.contains("登记机关") && several.err.split(separator: "\n").count == 1, "\(several.err)")
        let unknown = cli.run(["report", "annual", "--year", "2025", "--organ", "不存在局"])
        #expect(unknown.status == 64 && unknown.err.contains("--organ") && !unknown.err.contains("登记机关"), "\(unknown.err)")
        for args in [["queue"], ["export", "--json"], ["stats", "--from", "2025-01-01", "--to", "2025-12-31"],
                     ["report", "annual", "--year", "2025"]] {
            let r = cli.run(args + ["--organ", " ", "--now", "2025-07-01"])
            #expect(r.status == 64 && r.err.contains("--organ") && r.out.isEmpty, "\(args[0]): \(r.err)")
        }
    }

    @Test func exportFiltersByOrganStateAndPeriod() throws {
        let cli = Self.office()
        let rows = try #require(cli.json(["export", "--state", "registered", "--from", "2025-06-01", "--as", "clerk",
                                          "--now", "2025-07-01"]) as? [[String: Any]])
        #expect(rows.map { $0["caseNumber"] as? String } == ["D-XFJ-2025-00003"])
        let held = try #require(cli.json(["export", "--organ", "D-ZJJ", "--as", "clerk", "--now", "2025-07-01"]) as? [[String: Any]])
        #expect(held.map { $0["caseNumber"] as? String } == ["D-XFJ-2025-00001"])
    }

    /// `export` refuses `--from` after `--to` as `stats` does: one line, exit 64, nothing printed.
    @Test func exportRefusesAFromAfterTo() throws {
        let cli = Self.office()
        let r = cli.run(["export", "--json", "--from", "2025-06-30", "--to", "2025-03-01", "--as", "clerk", "--now", "2025-07-01"])
        #expect(r.status == 64 && r.out.isEmpty && r.err.split(separator: "\n").count == 1
                && r.err.contains("--from 2025-06-30 晚于 --to 2025-03-01"), "\(r.status) \(r.err)")
    }

    /// `export --organ 住建` names two organs (市住建局, 区住建局): refused naming them, as stats refuses it.
    @Test func exportRefusesAnOrganNameMatchingSeveral() throws {
        let cli = Self.office()
        let r = cli.run(["export", "--json", "--organ", "住建", "--as", "clerk", "--now", "2025-07-01"])
        #expect(r.status == 64 && r.out.isEmpty && r.err.split(separator: "\n").count == 1 && r.err.contains("多个")
                && r.err.contains("区住建局") && r.err.contains("市住建局"), "\(r.status) \(r.err)")
    }

    /// Days outside 2000–2099 (decision 0029) are refused by stats and export alike, one line naming the option.
    @Test(arguments: [["stats", "--from", "0001-01-01", "--to", "2025-12-31"], ["stats", "--from", "2025-01-01", "--to", "9999-12-31"],
                      ["export", "--json", "--from", "1999-12-31"], ["export", "--json", "--to", "2100-01-01"]])
    func aDayOutsideTheProductsRangeIsRefused(_ args: [String]) throws {
        let cli = Self.office()
        let r = cli.run(args + ["--as", "supervisor", "--now", "2025-07-01"])
        #expect(r.status == 64 && r.out.isEmpty && r.err.split(separator: "\n").count == 1 && r.err.contains("超出范围")
                && r.err.contains("2000-01-01…2099-12-31"), "\(r.status) \(r.err)")
    }

    /// A year past the product's days is refused naming --year, not a --from the user never gave.
    @Test func aReportYearPast2099IsRefusedNamingTheYear() throws {
        let cli = Self.office()
        let r = cli.run(["report", "annual", "--year", "2100", "--now", "2025-07-01"])
        #expect(r.status == 64 && r.out.isEmpty && r.err.contains("--year 2100") && !r.err.contains("--from"), "\(r.err)")
    }

    /// A 督办 issued in 2026 on a case received in 2025 counts in the 2026 report (Art 41: the
    /// supervision done that year), and the 2025 report is what it was.
    @Test func anOrderIsReportedInTheYearItWasIssued() throws {
        let cli = Self.office()
        let before = cli.run(["report", "annual", "--year", "2025", "--csv", "--as-of", "2026-12-31", "--now", "2026-12-31"])
        let order = cli.run(["act", "D-XFJ-2025-00001", "order-supervision", "--organ", "D-ZJJ", "--suggestion", "improveWork",
                             "--reason", "拖延", "--as", "supervisor", "--now", "2026-12-02"])
        #expect(order.status == 0, "\(order.err)")
        let y2026 = cli.run(["report", "annual", "--year", "2026", "--csv", "--as-of", "2026-12-31", "--now", "2026-12-31"])
        let y2025 = cli.run(["report", "annual", "--year", "2025", "--csv", "--as-of", "2026-12-31", "--now", "2026-12-31"])
        #expect(y2026.out.contains("2,,total,合计,orders_improveWork,1"), "\(y2026.out)")
        #expect(y2025.out == before.out && y2025.out.contains("2,,total,合计,orders_improveWork,0"), "\(y2025.out)")
    }

    /// Export reads its filters as the queue does: an organ by name, a state by the name shown.
    @Test func exportTakesTheQueuesNamesForOrganAndState() throws {
        let cli = Self.office()
        let now = ["--as", "clerk", "--now", "2025-07-01"]
        let byName = try #require(cli.json(["export", "--organ", "区住建局"] + now) as? [[String: Any]])
        #expect(byName.map { $0["caseNumber"] as? String } == ["D-XFJ-2025-00001"])
        let byState = try #require(cli.json(["export", "--state", "已登记", "--from", "2025-06-01"] + now) as? [[String: Any]])
        #expect(byState.map { $0["caseNumber"] as? String } == ["D-XFJ-2025-00003"])
        let unknown = cli.run(["export", "--json", "--organ", "不存在局"] + now)
        #expect(unknown.status == 64 && unknown.err.split(separator: "\n").count == 1 && unknown.err.contains("--organ"),
                "\(unknown.err)")
    }

    /// TERM=vt100 prints the charts in ASCII; a wrong option is one line naming it.
    @Test func statsFallsBackToASCIIAndNamesABadOption() throws {
        let cli = Self.office()
        let args = ["stats", "--from", "2025-04-01", "--to", "2025-06-30", "--by", "month", "--as-of", "2025-07-31"]
        let plain = cli.run(args + ["--ascii"])
        #expect(plain.status == 0 && plain.out.contains("#") && !plain.out.contains("█"))
        let vt100 = cli.run(args, env: ["TERM": "vt100"])
        #expect(vt100.out == plain.out)
        let blocks = cli.run(args, env: ["TERM": "xterm-256color"])
        #expect(blocks.out.contains("█"))
        let bad = cli.run(["stats", "--from", "2025-13-01", "--to", "2025-06-30"])
        #expect(bad.status == 64 && bad.err.contains("--from") && bad.err.split(separator: "\n").count == 1, "\(bad.err)")
        let by = cli.run(["stats", "--from", "2025-01-01", "--to", "2025-06-30", "--by", "colour"])
        #expect(by.status == 64 && by.err.contains("--by"))
    }

    /// The CSV export itself, exactly as the issue's Done-when asks: `libreoffice --headless
    /// --convert-to xlsx cases.csv`, no input filter, the Chinese intact in the shared strings.
    /// LibreOffice 7.4 (Debian 12's own) cannot — its CSV import given no filter options reads
    /// Windows-1252 whatever the byte-order mark (decision 0030) — so `make test` installs
    /// Debian's bookworm-backports build (25.2), which reads the BOM.
    @Test func theCSVExportConvertsInLibreOfficeWithNoFilter() throws {
        let cli = Self.office()
        let r = cli.run(["export", "--csv", "--as", "clerk", "--now", "2025-07-01"])
        #expect(r.status == 0, "\(r.err)")
        let file = cli.dir + "/cases.csv"
        try Data(r.out.utf8).write(to: URL(fileURLWithPath: file))
        #expect(r.out.utf8.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with its BOM")
        let strings = try Self.convertedStrings(file, in: cli.dir)
        #expect(!strings.isEmpty, "LibreOffice converted the CSV with no filter")
        #expect(strings.contains("案件编号") && strings.contains("张伟"), "\(strings.prefix(5))")
        #expect(strings.contains("要求退还押金，并\"立即\"处理\\n另：请书面答复"), "commas, quotes and the line break: \(strings.prefix(20))")
    }

    /// The export converts in LibreOffice headless (Debian's libreoffice-calc-nogui, which `make
    /// setup` installs) with no input filter given, the Chinese, the quotes and the line break
    /// intact in the workbook's shared strings. LibreOffice 7.4 reads a CSV given no filter as
    /// Windows-1252 whatever its BOM (UTF-8 or UTF-16) and whatever the locale, so the workbook
    /// export is the XML spreadsheet it detects by content (decisions 0024, 0030; docs/statistics.md,
    /// "Exports"). A multi-line cell comes back as runs of rich text: each string is read whole.
    @Test func theXMLExportConvertsInLibreOfficeWithNoFilterAndTheChineseIntact() throws {
        let cli = Self.office()
        let r = cli.run(["export", "--xml", "--as", "clerk", "--now", "2025-07-01"])
        #expect(r.status == 0, "\(r.err)")
        let file = cli.dir + "/cases.xml"
        try Data(r.out.utf8).write(to: URL(fileURLWithPath: file))
        let strings = try Self.convertedStrings(file, in: cli.dir)
        #expect(strings.contains("案件编号") && strings.contains("张伟"), "the headers and the names intact")
        #expect(strings.contains("要求退还押金，并\"立即\"处理\\n另：请书面答复"), "\(strings.prefix(20))")
    }

    static let libreOffice = "/usr/bin/libreoffice"

    static func libreOfficeVersion() -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: libreOffice)
        p.arguments = ["--version"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        guard (try? p.run()) != nil else { return "" }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `libreoffice --headless --convert-to xlsx FILE` with no input filter, in a desktop's
    /// environment (no locale chosen for the occasion); the workbook's shared strings, each
    /// whole (its runs joined), one per element, line breaks as \n.
    static func convertedStrings(_ file: String, in dir: String, filter: String? = nil) throws -> [String] {
        try convert(file, in: dir, filter: filter)
        return try read(workbook(of: file, in: dir), """
            ns = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
            root = ET.fromstring(z.read('xl/sharedStrings.xml'))
            for si in root.iter(ns + 'si'):
                print(''.join(t.text or '' for t in si.iter(ns + 't')).replace('\\n', '\\\\n'))
            """)
    }

    /// The first sheet's formulas after the conversion, one per line (none: nothing runs).
    static func convertedFormulas(_ file: String, in dir: String, filter: String? = nil) throws -> [String] {
        try convert(file, in: dir, filter: filter)
        return try read(workbook(of: file, in: dir), """
            ns = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
            root = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
            for f in root.iter(ns + 'f'):
                print(f.text or '')
            """)
    }

    static func workbook(of file: String, in dir: String) -> String {
        dir + "/" + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".xlsx"
    }

    /// Lines a Python script prints, given the workbook open as the zip `z`.
    static func read(_ workbook: String, _ script: String) throws -> [String] {
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        unzip.arguments = ["-c", "import sys, zipfile, xml.etree.ElementTree as ET\nz = zipfile.ZipFile(sys.argv[1])\n" + script,
                           workbook]
        let out = Pipe()
        unzip.standardOutput = out
        try unzip.run()
        let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        unzip.waitUntilExit()
        return lines
    }

    /// `libreoffice --headless --convert-to xlsx FILE`, with the input filter given if any.
    static func convert(_ file: String, in dir: String, filter: String?) throws {
        try #require(FileManager.default.isExecutableFile(atPath: libreOffice), "libreoffice is missing: make setup installs it")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: libreOffice)
        p.arguments = ["-env:UserInstallation=file://\(dir)/lo-profile", "--headless"] + (filter.map { ["--infilter=" + $0] } ?? [])
            + ["--convert-to", "xlsx", "--outdir", dir, file]
        p.environment = ["PATH": "/usr/bin:/bin", "HOME": dir]
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// The XML workbook escapes what XML must and keeps every field of the CSV, in order.
    @Test func theXMLExportHoldsTheCSVsTableEscaped() throws {
        let cli = Self.office()
        let xml = cli.run(["export", "--xml", "--as", "clerk", "--now", "2025-07-01"])
        #expect(xml.status == 0 && xml.out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.out.contains("要求退还押金，并&quot;立即&quot;处理&#10;另：请书面答复"))
        #expect(cli.run(["export", "--xml", "--csv"]).status == 64)
    }
}
