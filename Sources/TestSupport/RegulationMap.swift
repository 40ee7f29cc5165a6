import Foundation
import PetitionCore

/// Writes `docs/regulation-map.md`: every rule with its articles (paragraph and item), the
/// source files that cite it, the test files that exercise it, and the table of terms.
///
/// `RegulationMapTests` renders it and compares it with the committed file;
/// `RECORD_SNAPSHOTS=1 swift test --filter RegulationMapTests` writes it anew.
package enum RegulationMap {
    /// The map for the repository at `root`, from its rules, sources and tests.
    package static func render(root: String, articles: ArticleCatalog, terms: StatutoryTerms = .regulation) -> String {
        // Files that list every rule (the codec's fixed table) say nothing about where one is used.
        let sources = swiftFiles(root, "Sources").filter { !$0.path.hasSuffix("/RuleID.swift")
            && !$0.path.hasSuffix("/BinaryEventCodec.swift") }
        // The tests of the citations themselves (this map, the structure) test no rule.
        let tests = swiftFiles(root, "Tests").filter { !$0.path.hasSuffix("/RegulationMapTests.swift")
            && !$0.path.hasSuffix("/RegulationStructureTests.swift") }
        var out = [
            "# Regulation map", "",
            "Every rule the code implements, keyed by its id in `data/regulation.json` (the one place",
            "article numbers live), cited by the article's own paragraph (款) and item (项); every",
            "citation is checked against `data/regulation-structure.json` (the regulation's structure,",
            "from the full text). Rules marked *practice* come from petition-bureau practice that the",
            "regulation does not number (REGULATION.md, \"Practice the console also needs\"); the UI",
            "cites them as 工作实践.", "",
            "Where: the source files that cite the rule. Tests: the test files that name the rule, or",
            "cite exactly its article, paragraph and item (`Art 22(1)(3)`, `第22条第1款第3项`; a test",
            "citing `Art 22(1)` does not count for `Art 22(1)(3)`).",
            "`Tests/PetitionCoreTests/Snapshots/transitions.txt` shows, for every state and action,",
            "whether it is allowed and, if not, the rejection and its article.", "",
            "Generated from the code by `Sources/TestSupport/RegulationMap.swift`; `make test` fails",
            "when this file differs (`RegulationMapTests`). To regenerate after changing rules, states,",
            "commands, events or tests: `RECORD_SNAPSHOTS=1 swift test --filter RegulationMapTests`,",
            "review the diff, and run the test again without it.", "",
            "| rule id | article | what | where in the code | tests |", "| --- | --- | --- | --- | --- |",
        ]
        for rule in RuleID.allCases {
            let a = articles[rule]
            let name = "\(rule)"
            let named = pattern(#"\."# + name + #"\b|""# + NSRegularExpression.escapedPattern(for: rule.rawValue) + #"""#)
            let cited = a.citations.flatMap { c in
                [pattern(#"Arts? (?:[0-9()]+(?:, | and ))*"# + NSRegularExpression.escapedPattern(for: c.en) + "(?![0-9(])"),
                 pattern(NSRegularExpression.escapedPattern(for: "第\(c.article)条" + zhTail(c)) + "(?![第0-9])")]
            }
            let whereFound = sources.filter { named.matches($0.text) }.map(\.name)
            let testsFound = tests.filter { f in named.matches(f.text) || cited.contains { $0.matches(f.text) } }.map(\.name)
            out.append("| `\(rule.rawValue)` | \(a.article == nil ? "practice" : a.citationEn) | \(a.title) — \(a.titleEn) | "
                       + "\(list(whereFound)) | \(list(testsFound)) |")
        }
        out += ["", "## Terms", "",
                "Every number of days the software uses lives in one table, `StatutoryTerms`",
                "(`Sources/PetitionCore/Clocks/StatutoryTerms.swift`, decision 0018); no other source file",
                "writes a day count (`StatutoryTermsTests` scans for one). A term marked practice is this",
                "project's choice where the regulation sets none (decision 0005), and the UI says so (工作实践).",
                "", "| term | days | counted in | rule | article | basis |", "| --- | --- | --- | --- | --- | --- |"]
        for t in terms.named {
            out.append("| `\(t.name)` | \(t.days) | \(t.counting == .calendar ? "calendar days" : "working days") | "
                       + "`\(t.rule.rawValue)` | \(articles[t.rule].citationEn) | "
                       + "\(t.practice ? "practice (the regulation sets no number)" : "regulation") |")
        }
        out += ["", "Art 34's handling term binds only matters under Art 31 item 6 (a grievance on track 6, or",
                "one not yet classified); the regulation sets no term for suggestions (Art 29), accusations",
                "(Art 30: the discipline organs' rules), or grievances on tracks 1–5.",
                "", "## Not yet implemented", "",
                "- Art 41 annual report and the statistics behind it (`xinfang stats`).",
                "- Art 39 interviews (约谈) and circulars (通报) as records against an organ; listed supervision (挂牌督办) is implemented.",
                "- Leapfrog visits (越级访) are not flagged automatically; repeat petitions are linked by hand (`act CASE link`).",
                "- The petitioner's own progress query and satisfaction rating (Art 21) belong to a petitioner-facing front end.",
                ""]
        return out.joined(separator: "\n")
    }

    /// 第1款第3项 of 第22条第1款第3项: what follows the article.
    private static func zhTail(_ c: Citation) -> String {
        (c.paragraph.map { "第\($0)款" } ?? "") + (c.item.map { "第\($0)项" } ?? "")
    }

    private static func list(_ names: [String]) -> String {
        let unique = Array(Set(names)).sorted()
        return unique.isEmpty ? "—" : unique.joined(separator: ", ")
    }

    private struct File {
        var path: String
        var name: String { (path as NSString).lastPathComponent }
        var text: String
    }

    private static func swiftFiles(_ root: String, _ folder: String) -> [File] {
        let base = root + "/" + folder
        let paths = (FileManager.default.subpaths(atPath: base) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        return paths.compactMap { p in
            (try? String(contentsOfFile: base + "/" + p, encoding: .utf8)).map { File(path: folder + "/" + p, text: $0) }
        }
    }

    private struct Pattern {
        let regex: NSRegularExpression
        func matches(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    private static func pattern(_ p: String) -> Pattern {
        do { return Pattern(regex: try NSRegularExpression(pattern: p)) } catch {
            preconditionFailure("bad pattern \(p): \(error)")
        }
    }
}
