import Foundation
import Testing

@Suite("The command line, end to end")
struct CLITests {
    /// On a file and, under `make test`, on a PostgreSQL database (issue 17: the same
    /// workflow, the same deadlines, whichever store holds the log).
    @Test(arguments: CLI.Store.under)
    func theWorkedExampleDrivenThroughTheCommandLineMatchesTheRegulationToTheDay(_ store: CLI.Store) throws {
        let cli = try CLI(store: store)
        #expect(cli.run(["init", "--now", "2025-04-28"]).status == 0)
        let reg = cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        #expect(reg.status == 0, "\(reg.err)")
        #expect(reg.out.hasPrefix("D-XFJ-2025-00001  临江区信访局2025年第1号"))
        let c = "D-XFJ-2025-00001"
        let steps: [[String]] = [
            ["transfer", "--to", "D-ZJJ", "--now", "2025-04-30"],
            ["receive", "--on", "2025-05-06", "--now", "2025-05-06"],
            ["accept", "--route", "申诉求决类第六途径", "--now", "2025-05-09"],
            ["classify", "--type", "grievance", "--track", "6", "--now", "2025-05-09"],
            ["assign-handler", "--user", "handler", "--recusal-checked", "yes", "--now", "2025-05-09"],
            ["extend", "--days", "30", "--reason", "涉及多个部门", "--now", "2025-06-30"],
            ["issue-opinion", "--outcome", "notSupport", "--opinion", "符合协议", "--basis", "征收补偿条例",
             "--measures", "explained", "--now", "2025-08-01"],
            ["deliver", "--now", "2025-08-04"],
            ["request-review", "--on", "2025-08-26", "--now", "2025-08-26"],
            ["issue-review-opinion", "--outcome", "upheld", "--opinion", "维持", "--now", "2025-09-22"],
            ["deliver", "--now", "2025-09-22"],
            ["request-rereview", "--now", "2025-09-29"],
            ["start-rereview-hearing", "--on", "2025-10-13", "--now", "2025-10-13"],
            ["end-rereview-hearing", "--on", "2025-10-17", "--now", "2025-10-17"],
        ]
        var dues: [String: String] = [:]
        for step in steps {
            let r = cli.run(["act", c] + step)
            #expect(r.status == 0, "\(step[0]): \(r.err)")
            let now = step[step.count - 1]
            let shown = cli.json(["show", c, "--now", now]) as? [String: Any]
            for clock in shown?["clocks"] as? [[String: Any]] ?? [] {
                dues["\(clock["clock"] ?? "")@\(now)"] = clock["due"] as? String
            }
        }
        #expect(dues["handling@2025-05-09"] == "2025-07-08")
        #expect(dues["handling@2025-06-30"] == "2025-08-07")
        #expect(dues["reviewWindow@2025-08-04"] == "2025-09-03")
        #expect(dues["review@2025-08-26"] == "2025-09-25")
        #expect(dues["rereviewWindow@2025-09-22"] == "2025-10-22")
        #expect(dues["rereview@2025-09-29"] == "2025-10-29")
        #expect(dues["rereview@2025-10-17"] == "2025-11-03")
        let received = cli.json(["show", c, "--as-of", "2025-05-06", "--now", "2025-11-01"]) as? [String: Any]
        #expect(received?["state"] as? String == "rereviewRequested")
        let shown = cli.json(["show", c, "--now", "2025-10-20"]) as? [String: Any]
        let clock = (shown?["clocks"] as? [[String: Any]])?.first
        #expect(clock?["article"] as? String == "《信访工作条例》第36条第1款")
        #expect(clock?["daysLeft"] as? Int == 14)
        let final = cli.run(["act", c, "issue-rereview-opinion", "--outcome", "upheld", "--opinion", "维持", "--now", "2025-10-31"])
        #expect(final.status == 0)
        #expect(cli.run(["act", c, "deliver", "--now", "2025-10-31"]).out.contains("已终结"))
    }

    @Test func badInputIsOneLineOnStderrANonZeroExitAndNothingWritten() {
        let cli = CLI()
        cli.run(["init"])
        let before = cli.logBytes
        let cases: [(args: [String], stdin: String?, expect: String)] = [
            (["register", "-"], "{not json", "输入不是有效的信访事项 JSON"),
            (["register", "-"], CLI.groupVisit.replacingOccurrences(of: "\"D-XFJ\"", with: "\"X-NONE\""), "不在机关名录中"),
            (["register", "-"], CLI.groupVisit.replacingOccurrences(of: "11010519491231002X\",\"phone", with: "110105194912310021\",\"phone"),
             "信访人的证件号码不是有效的18位居民身份证号码（校验码不符）"),
            (["register", "-"], CLI.groupVisit.replacingOccurrences(of: "\"request\":\"要求落实安置补偿\",", with: ""),
             "没有信访请求，不构成信访事项，不予登记"),
            (["register", "-"], CLI.groupVisit.replacingOccurrences(of: "RESETTLEMENT", with: "NOPE"), "问题类别「NOPE」不存在"),
            (["act", "D-XFJ-2025-00001", "accept", "--route", "x"], nil, "找不到案件"),
        ]
        for c in cases {
            let r = cli.run(c.args + ["--now", "2025-04-28T10:00"], stdin: c.stdin)
            #expect(r.status == 65, "\(c.expect): \(r.err)")
            #expect(r.err.contains(c.expect), "\(r.err)")
            #expect(r.err.split(separator: "\n").count == 1)
            #expect(r.out.isEmpty)
        }
        #expect(cli.logBytes == before)
    }

    @Test func anIllegalTransitionOrAWrongRoleIsRefusedWithItsArticle() {
        let cli = CLI()
        cli.run(["init"])
        cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        let before = cli.dump.count
        let illegal = cli.run(["act", "D-XFJ-2025-00001", "deliver", "--now", "2025-04-29"])
        #expect(illegal.status == 65)
        #expect(illegal.err.contains("案件处于「已登记」状态，不能「送达」"))
        let role = cli.run(["act", "D-XFJ-2025-00001", "extend", "--days", "5", "--reason", "x", "--as", "clerk",
                            "--now", "2025-04-29"])
        #expect(role.status == 65)
        #expect(role.err.contains("延期须经本机关负责人批准"))
        #expect(role.err.contains("第34条"))
        let english = cli.run(["act", "D-XFJ-2025-00001", "transfer", "--to", "C-ZJJ", "--as", "clerk", "--lang", "en",
                               "--now", "2025-04-29"])
        #expect(english.err == "xinfang: Jiangcheng Housing and Urban-Rural Development Bureau is not at the level of Linjiang District Petition Bureau or below it in its territory (Art 5(3))\n")
        // Nothing of the case is written: on a training log each refusal is kept as a training
        // note, to be scored (decision 0026), and that is all.
        let added = cli.dump.dropFirst(before)
        #expect(added.map { $0["type"] as? String } == ["training", "training", "training"])
        #expect(added.allSatisfy { ($0["training"] as? [String: Any])?["refused"] != nil })
        let supervised = cli.run(["show", "D-XFJ-2025-00001", "--as", "supervisor", "--now", "2025-04-29"])
        #expect(supervised.out.contains("110105********002X"))
        #expect(!supervised.out.contains("11010519491231002X"))
    }

    @Test func aProductionLogNeverTakesASimulatedClockNorOpensAsATrainingLog() {
        let cli = CLI()
        let refused = cli.run(["init", "--now", "2025-01-01"], training: false)
        #expect(refused.status == 64)
        #expect(refused.err.contains("正式日志只使用系统时钟"))
        #expect(!FileManager.default.fileExists(atPath: cli.log))
        #expect(cli.run(["init"], training: false).status == 0)
        let info = cli.json(["log", "info"], training: false) as? [String: Any]
        #expect(info?["mode"] as? String == "production")
        #expect(cli.run(["queue", "--now", "2025-01-01"], training: false).status == 64)
        // With --as-of as well (tester, issue 14: `stats --as-of X --now X` passed on a production log).
        for args in [["stats", "--from", "2025-01-01", "--to", "2025-06-01", "--as-of", "2025-03-01", "--now", "2025-03-01"],
                     ["queue", "--as-of", "2025-03-01", "--now", "2025-03-01"],
                     ["export", "--csv", "--as-of", "2025-03-01", "--now", "2025-03-01"]] {
            let r = cli.run(args, training: false)
            #expect(r.status == 64 && r.err.contains("正式日志只使用系统时钟"), "\(args): \(r.status) \(r.err)")
        }
        #expect(cli.run(["init"], training: false).status == 74, "an existing log is never overwritten")
        let asTraining = cli.run(["queue"], training: true)
        #expect(asTraining.status == 64)
        #expect(asTraining.err.contains("是正式日志，不能以培训模式打开"))
    }

    /// `xinfang act CASE` with no action lists what the case allows now, each with its
    /// article and whether the acting account may take it (issue 12, item 6).
    @Test func actWithoutAnActionListsTheActionsAllowedNow() throws {
        let cli = CLI()
        cli.run(["init"])
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30", "--as", "clerk"], stdin: CLI.groupVisit).status == 0)
        let rows = try #require(cli.json(["act", "D-XFJ-2025-00001", "--as", "handler", "--now", "2025-04-28T10:00"])
                                as? [[String: Any]])
        let transfer = try #require(rows.first { $0["action"] as? String == "transfer" })
        #expect(transfer["article"] as? String == "第22条第1款第1项、第2项" && (transfer["refusal"] as? String)?.contains("承办人") == true)
        #expect(!rows.contains { $0["action"] as? String == "receive" }, "not before a transfer")
        let listed = cli.run(["act", "D-XFJ-2025-00001", "--as", "clerk", "--now", "2025-04-28T10:00"])
        #expect(listed.status == 0 && listed.out.contains("transfer") && listed.out.contains("可办理"), "\(listed.err)")
    }

    /// Numbers as clerks copy and type them — a landline in parentheses, a mobile with +86
    /// and spaces, an ID number in an input method's full-width digits — are accepted and
    /// stored in one form, which `show` prints (issue 12: they were refused).
    @Test(arguments: [("(020)87654321", "02087654321"), ("+86 138 0013 8000", "13800138000"),
                      ("１３８－００１３－８０００", "13800138000"), ("020-8765 4321转123", "02087654321-123")])
    func numbersAreAcceptedAsPeopleWriteThemAndStoredInOneForm(_ phone: (written: String, stored: String)) throws {
        let cli = CLI()
        cli.run(["init"])
        let petition = CLI.groupVisit
            .replacingOccurrences(of: "\"phone\":\"13800138000\"", with: "\"phone\":\"\(phone.written)\"")
            .replacingOccurrences(of: "11010519491231002X\",\"phone", with: "１１０１０５１９４９１２３１００２ｘ\",\"phone")
        let r = cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: petition)
        #expect(r.status == 0, "\(r.err)")
        let shown = try #require(cli.json(["show", "D-XFJ-2025-00001"]) as? [String: Any])
        let petitioner = (shown["petition"] as? [String: Any])?["petitioner"] as? [String: Any]
        #expect(petitioner?["phone"] as? String == phone.stored && petitioner?["idNumber"] as? String == "11010519491231002X",
                "\(String(describing: petitioner))")
    }

    @Test func aTrainingLogOpensOnlyWhenTrainingIsAskedFor() {
        let cli = CLI()
        cli.run(["init"])
        let refused = cli.run(["queue"], training: false)
        #expect(refused.status == 64)
        #expect(refused.err.contains("是培训日志：请加 --training"))
        #expect(cli.run(["queue", "--training", "--as", "tester"], training: false).status == 0)
    }

    @Test func theCalendarToolShowsTheDueDateAndWhatItSkipped() {
        let cli = CLI()
        let r = cli.run(["calendar", "add", "--from", "2025-05-06", "--days", "5", "--working"])
        #expect(r.status == 0)
        #expect(r.out.contains("2025-05-13"))
        let cal = cli.run(["calendar", "add", "--from", "2025-09-16", "--days", "15"])
        #expect(cal.out.contains("2025-10-09（星期四）"))
        #expect(cal.out.contains("顺延跳过：2025-10-01至2025-10-08 中秋节、国庆节（8天）"))
        let prov = cli.json(["calendar", "add", "--from", "2026-12-20", "--days", "30"]) as? [String: Any]
        #expect(prov?["due"] as? String == "2027-01-19")
        #expect(prov?["provisional"] as? Bool == true)
    }

    @Test func theDirectoryAndTaxonomyListTheirCodes() {
        let cli = CLI()
        let organs = cli.json(["organs"]) as? [[String: Any]] ?? []
        let housing = organs.first { $0["code"] as? String == "D-ZJJ" }
        #expect(housing?["name"] as? String == "临江区住房和城乡建设局")
        #expect(housing?["superior"] as? String == "C-ZJJ")
        #expect(housing?["level"] as? String == "district")
        #expect(housing?["type"] as? String == "department")
        let categories = cli.json(["categories"]) as? [[String: Any]] ?? []
        #expect(categories.contains { $0["code"] as? String == "LITIGATION" && $0["name"] as? String == "涉法涉诉" })
    }

    @Test func everyActionHasHelpWithItsArticle() {
        let cli = CLI()
        let r = cli.run(["act", "D-XFJ-2025-00001", "extend", "--help"])
        #expect(r.status == 0)
        #expect(r.out.contains("依据：《信访工作条例》第34条"))
        #expect(r.out.contains("--days"))
        let list = cli.run(["act", "--help"])
        #expect(list.out.contains("refer-discipline"))
    }

    @Test func theQueueFindsWhatIsOverdue() {
        let cli = CLI()
        cli.run(["init"])
        cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        let due = cli.json(["queue", "--due-within", "3", "--as-of", "2025-05-12", "--now", "2025-05-12"]) as? [[String: Any]]
        #expect(due?.count == 1)
        let overdue = cli.json(["queue", "--overdue", "--as-of", "2025-05-14", "--now", "2025-05-14"]) as? [[String: Any]]
        let next = overdue?.first?["next"] as? [String: Any]
        #expect(next?["clock"] as? String == "triage")
        #expect(next?["daysLeft"] as? Int == -1)
        let none = cli.json(["queue", "--overdue", "--as-of", "2025-05-13", "--now", "2025-05-13"]) as? [[String: Any]]
        #expect(none?.isEmpty == true)
    }

    /// The supervisor's queue (issue 14 item 7): an organ by name, short name or code; a state
    /// by name; a flag; one clear line for a flag that does not exist.
    @Test func theQueueFiltersByOrganNameStateAndFlag() {
        let cli = CLI()
        cli.run(["init"])
        cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        cli.run(["act", "D-XFJ-2025-00001", "transfer", "--to", "D-ZJJ", "--now", "2025-04-30T10:00"])
        let now = ["--as-of", "2025-05-12", "--now", "2025-05-12"]
        for organ in ["区住建局", "D-ZJJ", "住房和城乡建设"] {
            let rows = cli.json(["queue", "--organ", organ] + now) as? [[String: Any]]
            #expect(rows?.count == 1 && rows?.first?["organ"] as? String == "D-ZJJ", "\(organ)")
        }
        #expect((cli.json(["queue", "--organ", "区信访局"] + now) as? [[String: Any]])?.isEmpty == true)
        #expect((cli.json(["queue", "--state", "已转送"] + now) as? [[String: Any]])?.count == 1)
        // Never received: the receipt clock (practice) is late, and the case carries the flag.
        let late = cli.json(["queue", "--overdue", "--flag", "转送未签收"] + now) as? [[String: Any]]
        #expect((late?.first?["overdue"] as? [[String: Any]])?.first?["clock"] as? String == "receipt")
        #expect((cli.json(["queue", "--flag", "积案"] + now) as? [[String: Any]])?.isEmpty == true)
        #expect((cli.json(["queue", "--flag", "积案", "--backlog-days", "10"] + now) as? [[String: Any]])?.count == 1)
        let bad = cli.run(["queue", "--flag", "其他"] + now)
        #expect(bad.status == 64 && bad.err.contains("没有「其他」这个标记"))
    }
}

/// Started as `./xinfang` from its own folder, or by a bare name found on PATH, the
/// executable still finds the data folder above it (it trapped in Foundation walking up
/// from ".": the parent of "" is not a path).
@Suite struct StartedByRelativeNameTests {
    @Test(arguments: ["cd \"$BIN_DIR\" && ./xinfang organs", "cd / && PATH=\"$BIN_DIR:$PATH\" xinfang organs"])
    func findsItsData(_ script: String) throws {
        let cli = CLI()
        var env = cli.environment()
        env["XINFANG_DATA"] = nil
        env["BIN_DIR"] = (CLI.binary as NSString).deletingLastPathComponent
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && text.contains("临江区信访局"), "\(p.terminationStatus): \(text.prefix(200))")
    }
}
