import Foundation
import Testing

/// The law holds whatever the door (issue 12): registration from the command line flags
/// earlier cases (Art 36 para 3, Art 19 para 3) on every screen until the clerk decides,
/// registers incomplete petitions with what is missing flagged, and `show` agrees with
/// itself after a review window lapses.
@Suite("Earlier cases and incomplete petitions, from the command line")
struct EarlierCaseTests {
    static let c1 = "D-XFJ-2025-00001"

    /// The worked example to finality (re-review delivered on 2025-10-31).
    static func finalMatter() -> CLI {
        let cli = CLI()
        cli.run(["init", "--now", "2025-04-28"])
        cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        let steps: [[String]] = [
            ["transfer", "--to", "D-ZJJ", "--now", "2025-04-30"],
            ["receive", "--on", "2025-05-06", "--now", "2025-05-06"],
            ["accept", "--route", "申诉求决类第六途径", "--now", "2025-05-09"],
            ["classify", "--type", "grievance", "--track", "6", "--now", "2025-05-09"],
            ["assign-handler", "--user", "handler", "--recusal-checked", "yes", "--now", "2025-05-09"],
            ["issue-opinion", "--outcome", "notSupport", "--opinion", "符合协议", "--basis", "征收补偿条例",
             "--measures", "explained", "--now", "2025-06-01"],
            ["deliver", "--now", "2025-06-02"],
            ["request-review", "--now", "2025-06-10"],
            ["issue-review-opinion", "--outcome", "upheld", "--opinion", "维持", "--now", "2025-06-20"],
            ["deliver", "--now", "2025-06-20"],
            ["request-rereview", "--now", "2025-06-25"],
            ["issue-rereview-opinion", "--outcome", "upheld", "--opinion", "维持", "--now", "2025-07-10"],
            ["deliver", "--now", "2025-07-10"],
        ]
        for step in steps {
            let r = cli.run(["act", c1] + step)
            #expect(r.status == 0, "\(step[0]): \(r.err)")
        }
        return cli
    }

    /// The same matter, by letter this time, from the same petitioner.
    static let letterAgain = """
        {"channel":"letter","receivedAt":"2025-08-01","organ":"D-XFJ",
         "petitioner":{"kind":"citizen","name":"张伟","idNumber":"11010519491231002X","address":"临江区滨江路1号"},
         "request":"要求落实安置补偿","facts":"安置房至今未交付","reasons":"依据征收补偿协议","category":"RESETTLEMENT",
         "type":"grievance"}
        """

    @Test func aFinalMatterRegisteredAgainCarriesTheArticle36FlagOnEveryScreenUntilNotAccepted() throws {
        let cli = Self.finalMatter()
        let reg = cli.run(["register", "-", "--now", "2025-08-01T09:00"], stdin: Self.letterAgain)
        #expect(reg.status == 0, "\(reg.err)")
        #expect(reg.out.contains("在先案件提示：\(Self.c1) 已终结：同一事项不再受理（第36条第3款）\n    待判断"), "\(reg.out)")
        let c2 = "D-XFJ-2025-00002"
        // The JSON form, on a second registration of the same letter.
        let again = cli.run(["register", "-", "--json", "--now", "2025-08-01T09:10"], stdin: Self.letterAgain)
        let registered = try #require(try JSONSerialization.jsonObject(with: Data(again.out.utf8)) as? [[String: Any]])
        let flags = try #require(registered.first?["earlierCases"] as? [[String: Any]])
        #expect(flags.contains { $0["kind"] as? String == "final" && $0["ref"] as? String == Self.c1
                    && $0["article"] as? String == "《信访工作条例》第36条第3款" })

        let queue = cli.run(["queue", "--now", "2025-08-02"])
        let row = try #require(queue.out.split(separator: "\n").first { $0.hasPrefix(c2) })
        #expect(row.contains("[已终结（第36条第3款）]"), "\(row)")
        let shown = cli.run(["show", c2, "--now", "2025-08-02"])
        #expect(shown.out.contains("在先案件提示：\(Self.c1) 已终结：同一事项不再受理（第36条第3款）\n  待判断：同一事项的，不予受理"), "\(shown.out)")
        let showJSON = try #require(cli.json(["show", c2, "--now", "2025-08-02"]) as? [String: Any])
        let shownFlags = try #require(showJSON["earlierCases"] as? [[String: Any]])
        #expect(shownFlags.first?["kind"] as? String == "final" && shownFlags.first?["settled"] == nil)

        // The clerk finds it the same matter: not accepted again, and the flag is settled.
        let refused = cli.run(["act", c2, "not-accept", "--reason", "alreadyFinal", "--ref", Self.c1, "--now", "2025-08-02"])
        #expect(refused.status == 0, "\(refused.err)")
        let after = try #require(cli.json(["show", c2, "--now", "2025-08-02"]) as? [String: Any])
        #expect((after["earlierCases"] as? [[String: Any]])?.first?["settled"] as? String == "notAccepted")
        let settled = try #require(cli.run(["queue", "--now", "2025-08-02"]).out.split(separator: "\n").first { $0.hasPrefix(c2) })
        #expect(!settled.contains("已终结（第36条第3款）"), "\(settled)")
    }

    @Test func aDifferentMatterRecordedByTheClerkSettlesTheFlagNamingTheEarlierCase() throws {
        let cli = Self.finalMatter()
        #expect(cli.run(["register", "-", "--now", "2025-08-01T09:00"], stdin: Self.letterAgain).status == 0)
        let c2 = "D-XFJ-2025-00002"
        let noReason = cli.run(["act", c2, "different-matter", "--ref", Self.c1, "--now", "2025-08-02"])
        #expect(noReason.status != 0 && noReason.err.contains("理由"), "\(noReason.err)")
        let wrongCase = cli.run(["act", c2, "different-matter", "--ref", "D-XFJ-2025-00009", "--reason", "x",
                                 "--now", "2025-08-02"])
        #expect(wrongCase.status == 65 && wrongCase.err.contains("D-XFJ-2025-00009"), "\(wrongCase.err)")
        let r = cli.run(["act", c2, "different-matter", "--ref", Self.c1, "--reason", "本次反映的是物业费问题，与安置补偿无关",
                         "--now", "2025-08-02"])
        #expect(r.status == 0, "\(r.err)")
        let row = cli.run(["queue", "--now", "2025-08-02"]).out.split(separator: "\n").first { $0.hasPrefix(c2) }
        #expect(row.map { !$0.contains("已终结（第36条第3款）") } == true, "\(row ?? "")")
        #expect(cli.run(["show", c2, "--now", "2025-08-02"]).out.contains("已认定不属同一事项"))
    }

    @Test func aDuplicateAtTheCityBureauOfAMatterPendingAtTheDistrictHousingBureauIsFlaggedUnderArticle19() throws {
        let cli = CLI()
        cli.run(["init", "--now", "2025-04-28"])
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit).status == 0)
        for step in [["transfer", "--to", "D-ZJJ", "--now", "2025-04-30"],
                     ["receive", "--on", "2025-05-06", "--now", "2025-05-06"],
                     ["accept", "--route", "申诉求决类第六途径", "--now", "2025-05-09"]] {
            #expect(cli.run(["act", Self.c1] + step).status == 0)
        }
        let atCity = Self.letterAgain.replacingOccurrences(of: "\"D-XFJ\"", with: "\"C-XFJ\"")
            .replacingOccurrences(of: "2025-08-01", with: "2025-05-20")
        let reg = cli.run(["register", "-", "--json", "--now", "2025-05-20T09:00"], stdin: atCity)
        #expect(reg.status == 0, "\(reg.err)")
        let registered = try #require(try JSONSerialization.jsonObject(with: Data(reg.out.utf8)) as? [[String: Any]])
        let flag = try #require((registered.first?["earlierCases"] as? [[String: Any]])?.first)
        #expect(flag["kind"] as? String == "pendingBelow" && flag["ref"] as? String == Self.c1)
        #expect(flag["article"] as? String == "《信访工作条例》第19条第3款")
        let c2 = try #require(registered.first?["caseNumber"] as? String)
        let row = cli.run(["queue", "--now", "2025-05-20"]).out.split(separator: "\n").first { $0.hasPrefix(c2) }
        #expect(row?.contains("[下级在办（第19条第3款）]") == true, "\(row ?? "")")
        #expect(cli.run(["show", c2, "--now", "2025-05-20"]).out.contains("在先案件提示：\(Self.c1) 下级在办：不予受理（第19条第3款）"))
    }

    @Test func aLetterWithoutReasonsIsRegisteredFlaggedAndSupplemented() throws {
        let cli = CLI()
        cli.run(["init", "--now", "2025-04-28"])
        let letter = Self.letterAgain.replacingOccurrences(of: "\"reasons\":\"依据征收补偿协议\",", with: "")
            .replacingOccurrences(of: "2025-08-01", with: "2025-04-28")
        let reg = cli.run(["register", "-", "--now", "2025-04-28T09:00"], stdin: letter)
        #expect(reg.status == 0, "\(reg.err)")
        #expect(reg.out.contains("内容不全（第19条第1款）：缺理由，可告知补正（request-supplement）"), "\(reg.out)")
        #expect(cli.run(["queue", "--now", "2025-04-28"]).out.contains("[缺理由（第19条第1款）]"))
        let asked = cli.run(["act", Self.c1, "request-supplement", "--note", "请补充理由", "--now", "2025-04-29"])
        #expect(asked.status == 0, "\(asked.err)")
        let shown = try #require(cli.json(["show", Self.c1, "--now", "2025-04-29"]) as? [String: Any])
        let clocks = shown["clocks"] as? [[String: Any]] ?? []
        #expect(clocks.contains { $0["clock"] as? String == "supplement" && $0["due"] as? String == "2025-05-09"
                    && $0["article"] as? String == "工作实践" })
        // The triage clock keeps running meanwhile (Art 22 para 1 sets no pause).
        #expect(clocks.contains { $0["clock"] as? String == "triage" && $0["due"] as? String == "2025-05-13" })
        let got = cli.run(["act", Self.c1, "record-supplement", "--reasons", "依据征收补偿协议第5条", "--now", "2025-05-02"])
        #expect(got.status == 0, "\(got.err)")
        let after = try #require(cli.json(["show", Self.c1, "--now", "2025-05-02"]) as? [String: Any])
        #expect((after["missing"] as? [String])?.isEmpty == true)
        #expect(!(try #require(after["flags"] as? [String])).contains("missingReasons"))
    }

    @Test func showSaysClosedInWordsAndInJSONOnceTheReviewWindowLapsed() throws {
        let cli = CLI()
        cli.run(["init", "--now", "2025-04-28"])
        cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        for step in [["transfer", "--to", "D-ZJJ", "--now", "2025-04-30"],
                     ["receive", "--on", "2025-05-06", "--now", "2025-05-06"],
                     ["accept", "--route", "申诉求决类第六途径", "--now", "2025-05-09"],
                     ["classify", "--type", "grievance", "--track", "6", "--now", "2025-05-09"],
                     ["assign-handler", "--user", "handler", "--recusal-checked", "yes", "--now", "2025-05-09"],
                     ["issue-opinion", "--outcome", "notSupport", "--opinion", "符合协议", "--basis", "征收补偿条例",
                      "--measures", "explained", "--now", "2025-06-01"],
                     ["deliver", "--now", "2025-06-02"]] {
            #expect(cli.run(["act", Self.c1] + step).status == 0)
        }
        // The window ran to 2025-07-02; the day after, nothing is overdue and the case has closed.
        let words = cli.run(["show", Self.c1, "--now", "2025-07-03"])
        #expect(words.out.contains("状态：已办结") && !words.out.contains("逾期"), "\(words.out)")
        let json = try #require(cli.json(["show", Self.c1, "--now", "2025-07-03"]) as? [String: Any])
        #expect(json["effectiveState"] as? String == "closed")
        #expect((json["clocks"] as? [Any])?.isEmpty == true)
    }
}
