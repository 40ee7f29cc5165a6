import Foundation
import Testing

/// Art 30 end to end: every place an accusation could surface, walked with the built
/// executable as the accused organ's handler (and the accused person), finds nothing of
/// the accuser, while the petition bureau's own staff still see it. Later issues
/// (supervision, documents, PostgreSQL) add their rows to `surfaces`: one line each.
@Suite("Art 30, end to end")
struct Art30Tests {
    static let accusation = """
        {"channel":"letter","receivedAt":"2025-04-28","organ":"D-XFJ",
         "petitioner":{"name":"赵检举","idNumber":"11010519491231002X","phone":"13800138000","address":"临江区秘密路9号"},
         "request":"举报住建局科长受贿","facts":"某科长收受开发商财物","reasons":"违反廉洁纪律",
         "category":"DISCIPLINE","type":"accusation","accusedOrgan":"D-ZJJ",
         "accusedPerson":{"name":"钱科长","post":"科长","organ":"D-ZJJ"}}
        """
    /// The accuser and the accusation's words: none may reach the accused.
    static let secrets = ["赵检举", "11010519491231002X", "13800138000", "临江区秘密路9号", "举报住建局科长受贿", "某科长收受开发商财物"]
    static let number = "D-XFJ-2025-00001"

    /// A place an accusation could surface: the command, and what the bureau's own staff
    /// find there (`bureau` runs it; `sees` is what its output holds, nil for nothing of the accuser).
    struct Surface: Sendable, CustomTestStringConvertible {
        var name: String
        var args: [String]
        var bureau = "clerk"
        var sees: String? = "赵检举"
        /// Run first, as the supervisor (a record the surface then shows).
        var setup: [String]? = nil
        /// Run after `setup`, as the supervisor (the lift of the act it made).
        var then: [String]? = nil
        var testDescription: String { name }
    }

    static let surfaces: [Surface] = [
        Surface(name: "queue", args: ["queue"]),
        Surface(name: "queue --json", args: ["queue", "--json"]),
        Surface(name: "queue --organ", args: ["queue", "--organ", "D-XFJ"]),
        Surface(name: "show", args: ["show", number]),
        Surface(name: "show --json", args: ["show", number, "--json"]),
        Surface(name: "show --lang en", args: ["show", number, "--lang", "en"]),
        Surface(name: "log dump (masked)", args: ["log", "dump"], bureau: "supervisor", sees: "110105********002X"),
        Surface(name: "log dump --reason", args: ["log", "dump", "--reason", "纪委调查需要"], bureau: "supervisor"),
        Surface(name: "log follow", args: ["log", "follow", "--seconds", "0.2"], bureau: "supervisor", sees: nil),
        // Issue 14: figures name no one; an export shows the accuser only to those who may read it.
        Surface(name: "stats --by category", args: ["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--by", "category"],
                sees: nil),
        Surface(name: "stats --csv", args: ["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--by", "organ", "--csv"],
                sees: nil),
        Surface(name: "report annual", args: ["report", "annual", "--year", "2025"], bureau: "supervisor", sees: nil),
        Surface(name: "report annual --csv", args: ["report", "annual", "--year", "2025", "--csv"], sees: nil),
        Surface(name: "export --csv", args: ["export", "--csv"]),
        Surface(name: "export --json", args: ["export", "--json"]),
        Surface(name: "export --xml", args: ["export", "--xml"]),
        Surface(name: "export --csv (supervisor, masked)", args: ["export", "--csv"], bureau: "supervisor", sees: "举报住建局科长受贿"),
        // Decision 0031: another organ's staff export their organ's cases, masked; an
        // administrator exports masked; a head's statistics default to the head's organ.
        Surface(name: "export --json (administrator, masked)", args: ["export", "--json"], bureau: "admin", sees: number),
        Surface(name: "export --csv (the bureau's clerk, in full)", args: ["export", "--csv"], sees: "11010519491231002X"),
        Surface(name: "stats --json (an organ's own by default)",
                args: ["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--json"], bureau: "supervisor", sees: nil),
        Surface(name: "report annual --organ by name", args: ["report", "annual", "--year", "2025", "--organ", "区住建局"],
                bureau: "supervisor", sees: nil),
        // Decision 0024: an act of no case citing the accusation, its note speaking of it.
        Surface(name: "supervise list", args: ["supervise", "list"], bureau: "supervisor", sees: "举报住建局科长受贿",
                setup: interview),
        Surface(name: "supervise list --json", args: ["supervise", "list", "--json"], bureau: "supervisor",
                sees: number, setup: interview),
        Surface(name: "log dump after an interview (masked)", args: ["log", "dump"], bureau: "supervisor",
                sees: "\"measure\":\"interview\"", setup: interview),
        // Decision 0030: the interview lifted, its reason speaking of the accusation too.
        Surface(name: "supervise list after a lift", args: ["supervise", "list"], bureau: "supervisor", sees: "已查处到位",
                setup: interview, then: lift),
        Surface(name: "log dump after a lift (masked)", args: ["log", "dump"], bureau: "supervisor",
                sees: "\"lifts\":1", setup: interview, then: lift),
        // Issue 15: a document prints only for those who may read the accusation; the list of
        // documents and a verification name no one to the accused.
        Surface(name: "doc receipt", args: ["doc", number, "receipt", "--preview"]),
        Surface(name: "doc receipt --html", args: ["doc", number, "receipt", "--preview", "--html"]),
        Surface(name: "doc list", args: ["doc", "list", number], sees: nil),
        // Issue 16 (decision 0026): the training commands name exercises, rules and case
        // numbers, never a petitioner (a refused attempt is recorded without the petition).
        Surface(name: "training status", args: ["training", "status"], sees: nil),
        Surface(name: "training clock", args: ["training", "clock"], sees: nil),
        Surface(name: "training report", args: ["training", "report", "--folder", "."], sees: nil),
    ]

    /// An interview of the accused organ's leadership citing the accusation (Art 39 para 3).
    static let interview = ["supervise", "interview", "--organ", "D-ZJJ", "--target", "leadershipTeam", "--days", "30",
                            "--cases", number, "--note", "举报住建局科长受贿一案查处不力"]

    /// The interview lifted, its reason naming the accusation (decision 0030).
    static let lift = ["supervise", "lift", "--act", "1", "--note", "举报住建局科长受贿一案已查处到位"]

    /// Those the accuser is kept from: the accused organ's handler and head, and the
    /// accused person, whom the staff names, at another organ.
    static let accused = ["handler", "head", "qian"]

    /// A training log with the sample users, the accused person and an administrator
    /// on its staff, and one accusation registered at the bureau.
    static func desk() throws -> CLI {
        let cli = CLI()
        #expect(cli.run(["init", "--now", "2025-04-28"]).status == 0)
        // Enrolled by the trainee who made the training log (staff records, decision 0016).
        for (user, name, role, organ) in [("qian", "钱科长", "handler", "D-CGJ"), ("zclerk", "住建局登记员", "clerk", "D-ZJJ"),
                                          ("admin", "系统管理员", "administrator", "D-XFJ")] {
            let added = cli.run(["staff", "add", user, "--name", name, "--role", role, "--organ", organ, "--now", "2025-04-28"])
            #expect(added.status == 0, "\(added.err)")
        }
        let registered = cli.run(["register", "-", "--now", "2025-04-28T09:30", "--as", "clerk"], stdin: accusation)
        #expect(registered.status == 0, "\(registered.err)")
        return cli
    }

    /// Personal data beyond Art 30 (decision 0031, addendum): another organ's handler or head
    /// reading a grievance their organ has had no part in sees its identity number, phone and
    /// address masked, as a supervisor does; once the case is transferred to their organ, whole.
    @Test func anotherOrgansStaffSeeTheDistrictsPetitionersMaskedAndTheirOwnWhole() throws {
        let cli = try Self.desk()
        let grievance = """
            {"channel":"visit","receivedAt":"2025-04-28","organ":"D-XFJ",
             "petitioner":{"name":"孙申诉","idNumber":"110102198001011239","phone":"13900139000","address":"临江区公开路3号"},
             "request":"要求解决房屋漏水","facts":"安置房漏水","reasons":"质量问题","category":"RESETTLEMENT","type":"grievance"}
            """
        let registered = cli.run(["register", "-", "--now", "2025-04-28T10:00", "--as", "clerk"], stdin: grievance)
        #expect(registered.status == 0, "\(registered.err)")
        let number = "D-XFJ-2025-00002"
        for user in ["handler", "head", "supervisor"] {
            let shown = cli.run(["show", number, "--as", user, "--now", "2025-04-28"])
            #expect(shown.status == 0 && !shown.out.contains("110102198001011239") && !shown.out.contains("13900139000")
                    && !shown.out.contains("临江区公开路3号") && shown.out.contains("110102********1239"), "\(user): \(shown.out)")
        }
        #expect(cli.run(["show", number, "--as", "clerk", "--now", "2025-04-28"]).out.contains("110102198001011239"))
        let sent = cli.run(["act", number, "transfer", "--to", "D-ZJJ", "--as", "clerk", "--now", "2025-04-29"])
        #expect(sent.status == 0, "\(sent.err)")
        #expect(cli.run(["show", number, "--as", "handler", "--now", "2025-04-29"]).out.contains("110102198001011239"))
        // Its transfer letter carries the phone and address: masked in another organ's preview,
        // and not issued by someone who sees them masked.
        let preview = cli.run(["doc", number, "transfer-letter", "--preview", "--as", "qian", "--now", "2025-04-29"])
        #expect(preview.status == 0 && !preview.out.contains("13900139000") && !preview.out.contains("临江区公开路3号")
                && preview.out.contains("139****9000"), "\(preview.out)\(preview.err)")
        let issued = cli.run(["doc", number, "transfer-letter", "--as", "qian", "--now", "2025-04-29"])
        #expect(issued.status == 65 && issued.err.contains("不能出具") && !issued.out.contains("13900139000"), "\(issued.err)")
        #expect(cli.run(["doc", number, "transfer-letter", "--preview", "--as", "clerk", "--now", "2025-04-29"]).out.contains("13900139000"))
    }

    @Test(arguments: surfaces)
    func theAccusedFindNothingOfTheAccuserWhileTheBureauDoes(_ surface: Surface) throws {
        let cli = try Self.desk()
        for setup in [surface.setup, surface.then].compactMap({ $0 }) {
            let made = cli.run(setup + ["--as", "supervisor", "--now", "2025-04-28"])
            #expect(made.status == 0, "\(made.err)")
        }
        for user in Self.accused {
            let r = cli.run(surface.args + ["--as", user, "--now", "2025-04-28"])
            for secret in Self.secrets {
                #expect(!r.out.contains(secret) && !r.err.contains(secret), "\(surface.name) as \(user) shows \(secret)")
            }
        }
        let bureau = cli.run(surface.args + ["--as", surface.bureau, "--now", "2025-04-28"])
        #expect(bureau.status == 0, "\(surface.name) as \(surface.bureau): \(bureau.err)")
        if let sees = surface.sees { #expect(bureau.out.contains(sees), "\(surface.name) as \(surface.bureau)") }
    }

    /// A masked dump withholds a lift's reason as it withholds its act's note: both may speak
    /// of the accusation the act cites (decision 0030).
    @Test func aMaskedDumpWithholdsTheReasonALiftGivesForAnActCitingAnAccusation() throws {
        let cli = try Self.desk()
        for step in [Self.interview, Self.lift] {
            #expect(cli.run(step + ["--as", "supervisor", "--now", "2025-04-28"]).status == 0)
        }
        let r = cli.run(["log", "dump", "--as", "supervisor", "--now", "2025-04-28"])
        #expect(r.status == 0 && r.out.contains("\"lifts\":1"), "\(r.err)")
        #expect(!r.out.contains("已查处到位") && !r.out.contains("举报住建局科长受贿"), "\(r.out)")
    }

    @Test func queueHonoursAsLikeShow() throws {
        let cli = try Self.desk()
        #expect(cli.run(["queue", "--as", "nobody"]).status == 64)
        #expect(cli.run(["show", Self.number, "--as", "nobody"]).status == 64)
    }

    @Test func aMaskedDumpWithholdsPersonalDataFromSupervisorsToo() throws {
        let cli = try Self.desk()
        let r = cli.run(["log", "dump", "--as", "supervisor"])
        #expect(r.status == 0)
        for secret in Self.secrets { #expect(!r.out.contains(secret), "\(secret)") }
        #expect(r.out.contains("\"masked\":true"))
        #expect(cli.run(["log", "dump", "--as", "handler"]).status == 64, "handlers read cases through show and queue")
        #expect(cli.run(["log", "dump", "--as", "clerk"]).err.contains("第30条"))
    }

    @Test func anUnmaskedDumpIsRecordedInTheLogFirst() throws {
        let cli = try Self.desk()
        let r = cli.run(["log", "dump", "--as", "admin", "--reason", "纪委调查需要"])
        #expect(r.status == 0 && r.out.contains("赵检举"))
        let last = try #require(r.out.split(separator: "\n").last)
        #expect(last.contains("\"type\":\"disclosure\"") && last.contains("纪委调查需要") && last.contains("\"user\":\"admin\""))
        #expect(cli.run(["log", "verify"]).status == 0, "the record is chained like every other")
        #expect(cli.run(["log", "dump", "--as", "admin", "--reason", " "]).status == 64)
    }

    @Test func anUnmaskedDumpIsRefusedWhenTheReasonCannotBeRecorded() throws {
        let cli = try Self.desk()
        #expect(cli.run(["act", Self.number, "refer-discipline", "--to", "D-JW", "--as", "clerk", "--now", "2025-04-29"])
            .status == 0)
        // Damage the accusation's registration (the first case record, after the staff records):
        // the log is read-only from then on.
        let dump = cli.run(["log", "dump", "--as", "admin"]).out.split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["type"] as? String == "events" }
        let second = try #require(dump.dropFirst().first)
        var bytes = cli.logBytes
        let offset = try #require(second["offset"] as? Int)
        bytes[offset - 20] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: cli.log))
        let before = cli.logBytes
        let r = cli.run(["log", "dump", "--as", "admin", "--reason", "纪委调查需要"])
        #expect(r.status == 65, "\(r.err)")
        #expect(r.out.isEmpty && r.err.contains("未输出任何内容"))
        #expect(cli.logBytes == before)
    }

    @Test func noRouteLeadsToTheAccusedOrgan() throws {
        let cli = try Self.desk()
        for args in [["transfer", "--to", "D-ZJJ"], ["assign", "--to", "D-ZJJ", "--days", "30"],
                     ["redirect", "--to", "D-ZJJ"], ["redirect", "--to", "临江区住房和城乡建设局"]] {
            let r = cli.run(["act", Self.number] + args + ["--as", "clerk", "--now", "2025-04-28"])
            #expect(r.status == 65 && r.err.contains("第30条"), "\(args): \(r.err)")
        }
    }

    @Test func anAccusationFiledAtTheAccusedOrganIsRoutedAwayNotHandledThere() throws {
        let cli = try Self.desk()
        let here = Self.accusation.replacingOccurrences(of: "\"organ\":\"D-XFJ\"", with: "\"organ\":\"D-ZJJ\"")
        #expect(cli.run(["register", "-", "--as", "zclerk", "--now", "2025-04-28"], stdin: here).status == 0)
        let accept = cli.run(["act", "D-ZJJ-2025-00001", "accept", "--route", "自行办理", "--as", "zclerk", "--now", "2025-04-28"])
        #expect(accept.status == 65 && accept.err.contains("第30条"), "\(accept.err)")
        let shown = cli.run(["show", "D-ZJJ-2025-00001", "--as", "zclerk", "--now", "2025-04-28"])
        for secret in Self.secrets { #expect(!shown.out.contains(secret)) }
        let moved = cli.run(["act", "D-ZJJ-2025-00001", "refer-discipline", "--to", "D-JW", "--as", "zclerk", "--now", "2025-04-28"])
        #expect(moved.status == 0, "\(moved.err)")
    }

    @Test func assignHandlerTakesOnlyStaffOfTheHoldingOrgan() throws {
        let cli = CLI()
        cli.run(["init", "--now", "2025-04-28"])
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30", "--as", "clerk"], stdin: CLI.groupVisit).status == 0)
        for (action, user, time) in [("transfer", "clerk", "2025-04-30"), ("receive", "handler", "2025-05-06"),
                                     ("accept", "handler", "2025-05-09")] {
            let extra = action == "transfer" ? ["--to", "D-ZJJ"] : action == "accept" ? ["--route", "第六途径"] : []
            #expect(cli.run(["act", Self.number, action] + extra + ["--as", user, "--now", time]).status == 0)
        }
        #expect(cli.run(["act", Self.number, "classify", "--type", "grievance", "--track", "6", "--as", "handler",
                         "--now", "2025-05-09"]).status == 0)
        for (user, status) in [("nobody", Int32(65)), ("clerk", 65), ("handler", 0)] {
            let r = cli.run(["act", Self.number, "assign-handler", "--user", user, "--recusal-checked", "yes", "--as", "head",
                             "--now", "2025-05-09"])
            #expect(r.status == status, "\(user): \(r.err)")
        }
    }
}
