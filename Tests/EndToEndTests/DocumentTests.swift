import Foundation
import Testing

/// `xinfang doc`: issue, list, verify, and the HTML printed to PDF (issue 15).
@Suite("Documents, end to end")
struct DocumentTests {
    /// A case at its handling opinion: the worked example to the opinion.
    static func opinionCase() -> (cli: CLI, number: String) {
        let cli = CLI()
        cli.run(["init", "--now", "2025-04-28"])
        cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        let c = "D-XFJ-2025-00001"
        for step in [["transfer", "--to", "D-ZJJ", "--now", "2025-04-30"],
                     ["receive", "--on", "2025-05-06", "--now", "2025-05-06"],
                     ["accept", "--route", "申诉求决类第六途径", "--now", "2025-05-09"],
                     ["classify", "--type", "grievance", "--track", "6", "--now", "2025-05-09"],
                     ["assign-handler", "--user", "handler", "--recusal-checked", "yes", "--now", "2025-05-09"],
                     ["issue-opinion", "--outcome", "notSupport", "--opinion", "交付时间符合协议", "--basis", "征收补偿条例第27条",
                      "--measures", "explained", "--now", "2025-08-01"]] {
            cli.run(["act", c] + step)
        }
        return (cli, c)
    }

    @Test func anIssuedOpinionVerifiesAndOneAlteredCharacterFails() throws {
        let (cli, c) = Self.opinionCase()
        let issued = cli.run(["doc", c, "handling-opinion", "--out", "op.txt", "--now", "2025-08-01T10:00"])
        #expect(issued.status == 0, "\(issued.err)")
        let path = cli.dir + "/op.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(cli.run(["doc", "verify", "op.txt"]).status == 0)
        try text.replacingOccurrences(of: "交付时间符合协议", with: "交付时间不符协议").write(toFile: path, atomically: true, encoding: .utf8)
        let altered = cli.run(["doc", "verify", "op.txt"])
        #expect(altered.status == 65)
        #expect(altered.err.contains("核验未通过") && altered.err.contains("不符"), "\(altered.err)")
    }

    @Test func theTextTypedBackFromPaperVerifiesWithItsCode() throws {
        let (cli, c) = Self.opinionCase()
        let issued = cli.run(["doc", c, "handling-opinion", "--now", "2025-08-01T10:00"])
        // Typed back: the rows joined differently, the centring's spaces lost.
        let typed = issued.out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(cli.run(["doc", "verify", "-"], stdin: typed).status == 0)
    }

    @Test func listNamesWhatCanBeIssuedAndWhatWas() {
        let (cli, c) = Self.opinionCase()
        cli.run(["doc", c, "receipt", "--now", "2025-08-01T10:00"])
        let list = cli.run(["doc", "list", c, "--now", "2025-08-01T11:00"])
        #expect(list.status == 0)
        #expect(list.out.contains("handling-opinion") && list.out.contains("信访事项处理意见书"))
        #expect(list.out.contains("已出具") && list.out.contains("信访事项登记回执"))
    }

    @Test func aDocumentOfAStepNotReachedIsRefusedAndNothingIsWritten() {
        let (cli, c) = Self.opinionCase()
        let before = cli.run(["log", "info"]).out
        let r = cli.run(["doc", c, "review-opinion", "--now", "2025-08-01T10:00"])
        #expect(r.status == 65 && r.err.contains("尚无可据以出具信访事项复查意见书的记录"), "\(r.err)")
        #expect(cli.run(["log", "info"]).out == before)
    }

    @Test func aLetterByPostWithoutAnAddressNamesTheAddress() {
        let cli = CLI()
        cli.run(["init", "--now", "2025-04-28"])
        let noAddress = CLI.groupVisit.replacingOccurrences(of: ",\"address\":\"临江区滨江路1号\"", with: "")
        let reg = cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: noAddress)
        #expect(reg.status == 0, "\(reg.err)")
        let r = cli.run(["doc", "D-XFJ-2025-00001", "receipt", "--delivery", "post", "--now", "2025-04-28T10:00"])
        #expect(r.status == 65 && r.err.contains("缺少信访人通讯地址"), "\(r.err)")
    }

    /// The HTML prints to PDF in headless Chromium (Debian's chromium and fonts-noto-cjk, which
    /// `make test-setup` installs; as root it needs --no-sandbox), and the PDF's text holds the
    /// Chinese article citation and the petitioner's name.
    @Test func theHTMLPrintsToAPDFHoldingTheArticleAndThePetitionersName() throws {
        let (cli, c) = Self.opinionCase()
        #expect(cli.run(["doc", c, "handling-opinion", "--html", "--out", "op.html", "--now", "2025-08-01T10:00"]).status == 0)
        let chromium = "/usr/bin/chromium", pdftotext = "/usr/bin/pdftotext"
        try #require(FileManager.default.isExecutableFile(atPath: chromium), "chromium is missing: make test-setup installs it")
        try #require(FileManager.default.isExecutableFile(atPath: pdftotext), "pdftotext is missing: make test-setup installs poppler-utils")
        let pdf = cli.dir + "/op.pdf"
        let print = Process()
        print.executableURL = URL(fileURLWithPath: chromium)
        print.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(cli.dir)/chromium",
                           "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(cli.dir)/op.html"]
        print.environment = ["PATH": "/usr/bin:/bin", "HOME": cli.dir, "LANG": "C.UTF-8"]
        print.standardOutput = Pipe()
        print.standardError = Pipe()
        try print.run()
        print.waitUntilExit()
        #expect(print.terminationStatus == 0)
        let read = Process()
        read.executableURL = URL(fileURLWithPath: pdftotext)
        read.arguments = [pdf, "-"]
        let out = Pipe()
        read.standardOutput = out
        try read.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        read.waitUntilExit()
        #expect(text.contains("《信访工作条例》第32条"), "\(text.prefix(400))")
        #expect(text.contains("张伟"))
    }

    /// A recovery renumbers the records after one it could not keep: the issue's record of
    /// what it was rendered after is renumbered with them, and the code still verifies.
    @Test func aCodeStillVerifiesAfterARecoveryRenumbersTheRecords() throws {
        let cli = CLI()
        cli.run(["init"])
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit).status == 0)
        #expect(cli.run(["register", "-", "--now", "2025-04-28T10:30"], stdin: CLI.groupVisit).status == 0)
        #expect(cli.run(["doc", "D-XFJ-2025-00002", "receipt", "--out", "r.txt", "--now", "2025-04-28T11:00"]).status == 0)
        let records = cli.eventRecords
        let offset = try #require(records[1]["offset"] as? Int)
        var damaged = cli.logBytes
        damaged[offset - 40] ^= 0x10
        try damaged.write(to: URL(fileURLWithPath: cli.log))
        let recovered = cli.dir + "/recovered.log"
        #expect(cli.run(["log", "recover", "--out", recovered]).status == 0)
        let verified = cli.run(["doc", "verify", "r.txt", "--log", recovered])
        #expect(verified.status == 0 && verified.out.contains("核验通过"), "\(verified.err)")
    }
}

/// What typing back from paper loses, and what `doc verify` and `doc list` tell one who may
/// not read the document (Art 30).
@Suite("Documents: verification as users meet it")
struct DocumentVerificationUseTests {
    @Test func typedBackWithoutTheRulesAndWithTheCodeInSmallLettersVerifies() {
        let (cli, c) = DocumentTests.opinionCase()
        let issued = cli.run(["doc", c, "handling-opinion", "--now", "2025-08-01T10:00"])
        #expect(issued.status == 0, "\(issued.err)")
        let typed = issued.out.split(separator: "\n")
            .filter { !$0.allSatisfy { $0 == "=" || $0 == "-" } }
            .map { line -> String in
                guard let r = line.range(of: "[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", options: .regularExpression) else {
                    return String(line)
                }
                return line.replacingCharacters(in: r, with: line[r].lowercased())
            }
            .joined(separator: "\n")
        #expect(typed != issued.out)
        let verified = cli.run(["doc", "verify", "-"], stdin: typed)
        #expect(verified.status == 0, "\(verified.err)")
    }

    /// The accused organ's handler holds a copy of the accuser's receipt (say, altered): the
    /// list withholds the code, and verify says only that it does not match, not where.
    @Test func oneWhoMayNotReadTheAccusationLearnsNothingFromVerify() throws {
        let cli = try Art30Tests.desk()
        let number = Art30Tests.number
        let issued = cli.run(["doc", number, "receipt", "--out", "r.txt", "--as", "clerk", "--now", "2025-04-28T10:00"])
        #expect(issued.status == 0, "\(issued.err)")
        let path = cli.dir + "/r.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let code = try #require(text.range(of: "[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", options: .regularExpression)
            .map { String(text[$0]) })
        #expect(cli.run(["doc", "list", number, "--as", "clerk", "--now", "2025-04-28T11:00"]).out.contains(code))
        #expect(!cli.run(["doc", "list", number, "--as", "handler", "--now", "2025-04-28T11:00"]).out.contains(code))
        // A probe: the letterhead and the code only.
        try (text.split(separator: "\n").prefix(3).joined(separator: "\n") + "\n" + code + "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let probed = cli.run(["doc", "verify", "r.txt", "--as", "handler", "--now", "2025-04-28T11:00"])
        #expect(probed.status == 65)
        #expect(probed.err.contains("核验未通过") && !probed.err.contains("应为"), "\(probed.err)")
        #expect(cli.run(["doc", "verify", "r.txt", "--as", "clerk", "--now", "2025-04-28T11:00"]).err.contains("应为"))
    }
}

@Suite("Documents: the organ that issues them")
struct DocumentIssuerTests {
    /// The opinion's steps were keyed in by a trainee of the bureau; the case was accepted and
    /// handled by 区住建局, so the opinion is its own and review goes to the organ above it.
    @Test func theHandlingOrganIssuesTheOpinionAndItsSuperiorReviews() {
        let (cli, c) = DocumentTests.opinionCase()
        let r = cli.run(["doc", c, "handling-opinion", "--preview", "--now", "2025-08-01T10:00"])
        #expect(r.status == 0, "\(r.err)")
        let text = r.out.replacingOccurrences(of: "\n", with: "")
        #expect(text.contains("临江区住房和城乡建设局"))
        #expect(text.contains("请求江城市住房和城乡建设局复查"), "\(r.out)")
        #expect(!text.contains("请求江城市信访局复查"))
    }
}

@Suite("Documents: a file that cannot be written")
struct DocumentSaveFailureTests {
    /// The file is written before the issue is recorded: where it cannot be, nothing is.
    @Test func aFileThatCannotBeWrittenRecordsNoIssue() {
        let (cli, c) = DocumentTests.opinionCase()
        let failed = cli.run(["doc", c, "receipt", "--out", cli.dir + "/no-such-folder/r.txt", "--now", "2025-08-01T10:00"])
        #expect(failed.status == 74)
        #expect(failed.err.contains("不能写入文件") && failed.err.contains("文件夹不存在"), "\(failed.err)")
        let list = cli.run(["doc", "list", c, "--now", "2025-08-01T11:00"])
        #expect(list.out.contains("尚未出具文书"), "\(list.out)")
    }
}
