import Foundation

/// One place in the regulation: an article, and where it has them, its paragraph (款) and
/// item (项), by the article's own numbering. An article of one paragraph is cited by item
/// alone (第31条第6项), as the regulation cites itself (Art 34).
package struct Citation: Codable, Sendable, Equatable {
    package var article: Int
    package var paragraph: Int?
    package var item: Int?

    package init(article: Int, paragraph: Int? = nil, item: Int? = nil) {
        self.article = article
        self.paragraph = paragraph
        self.item = item
    }

    /// 第22条第1款第3项, leaving out what it shares with the citation before it in a list
    /// (第22条第1款第1项、第2项).
    func zh(after previous: Citation? = nil) -> String {
        let sameArticle = previous?.article == article
        let sameParagraph = sameArticle && previous?.paragraph == paragraph && paragraph != nil && item != nil
        var text = sameArticle ? "" : "第\(article)条"
        if let paragraph, !sameParagraph { text += "第\(paragraph)款" }
        if let item { text += "第\(item)项" }
        return text.isEmpty ? "第\(article)条" : text
    }

    /// 22(1)(3), without the "Art".
    package var en: String {
        var text = "\(article)"
        if let paragraph { text += "(\(paragraph))" }
        if let item { text += "(\(item))" }
        return text
    }
}

/// Where a rule comes from: an article of the 2022 Regulations on Petition Work (with any
/// other articles it rests on), or established practice that the regulation does not number.
package struct Article: Codable, Sendable, Equatable {
    package var id: RuleID
    /// "regulation" or "practice".
    package var basis: String
    package var article: Int?
    package var paragraph: Int?
    package var item: Int?
    /// Further places the rule rests on, cited after the first ("with": 第22条第1款第1项、第25条).
    package var also: [Citation]
    package var title: String
    package var titleEn: String
    /// False where the number could not be checked against the official text.
    package var confirmed: Bool

    private enum CodingKeys: String, CodingKey {
        case id, basis, article, paragraph, item, also, title, titleEn, confirmed
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(RuleID.self, forKey: .id)
        basis = try c.decode(String.self, forKey: .basis)
        article = try c.decodeIfPresent(Int.self, forKey: .article)
        paragraph = try c.decodeIfPresent(Int.self, forKey: .paragraph)
        item = try c.decodeIfPresent(Int.self, forKey: .item)
        also = try c.decodeIfPresent([Citation].self, forKey: .also) ?? []
        title = try c.decode(String.self, forKey: .title)
        titleEn = try c.decode(String.self, forKey: .titleEn)
        confirmed = try c.decode(Bool.self, forKey: .confirmed)
    }

    /// Every place the rule cites, the first one first; none for practice.
    package var citations: [Citation] {
        guard let article else { return [] }
        return [Citation(article: article, paragraph: paragraph, item: item)] + also
    }

    /// The places a duty rests on: `citations` without those of Chapter 5 (Arts 38–46, who
    /// answers when the duty is not done) after the first — what a document issued in the
    /// course of the duty cites, to the petitioner or an organ. A rule that is itself of
    /// Chapter 5 (a supervision letter's) keeps all.
    package var dutyOnly: Article {
        var copy = self
        if let article, !Self.accountability.contains(article) {
            copy.also = also.filter { !Self.accountability.contains($0.article) }
        }
        return copy
    }

    /// Chapter 5, 监督和追责.
    static let accountability = 38...46

    /// 第22条第1款第3项 (several joined with 、), or 工作实践 for practice.
    package var citation: String {
        let all = citations
        guard !all.isEmpty else { return "工作实践" }
        let text = all.indices.map { all[$0].zh(after: $0 == 0 ? nil : all[$0 - 1]) }.joined(separator: "、")
        return confirmed ? text : text + "(待核)"
    }

    /// Art 22(1)(3), Arts 22(1)(1) and 25, or "practice".
    package var citationEn: String {
        let all = citations.map(\.en)
        guard let last = all.last else { return "practice" }
        let text = all.count == 1 ? "Art \(last)" : "Arts " + all.dropLast().joined(separator: ", ") + " and " + last
        return confirmed ? text : text + " (unverified)"
    }

    /// The first place only, marked 等 / etc. when the rule cites more: for narrow columns.
    var shortCitation: (zh: String, en: String) {
        guard let first = citations.first else { return ("工作实践", "practice") }
        let more = citations.count > 1
        let mark = confirmed ? ("", "") : ("(待核)", " (unverified)")
        return (first.zh() + (more ? "等" : "") + mark.0, "Art \(first.en)" + (more ? " etc." : "") + mark.1)
    }
}

/// Every rule's article, loaded from `data/regulation.json`.
package struct ArticleCatalog: Sendable {
    package let articles: [RuleID: Article]

    package init(articles: [Article]) {
        self.articles = Dictionary(articles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Decodes `data/regulation.json`.
    package init(json: Data) throws {
        struct File: Decodable { var rules: [Article] }
        self.init(articles: try JSONDecoder().decode(File.self, from: json).rules)
    }

    package subscript(rule: RuleID) -> Article {
        guard let article = articles[rule] else {
            preconditionFailure("rule \(rule.rawValue) has no entry in data/regulation.json")
        }
        return article
    }

    /// The first article only, without the regulation's name, for narrow screens:
    /// 第19条第3款, Art 19(3); 第22条第1款第1项等 where the rule cites more.
    package func short(_ rule: RuleID, _ language: Language) -> String {
        let short = self[rule].shortCitation
        return language == .zh ? short.zh : short.en
    }

    /// Every article the rule rests on, without the regulation's name: 第22条第1款第1项、第2项,
    /// Arts 22(1)(1) and 22(1)(2); 工作实践 / practice.
    package func places(_ rule: RuleID, _ language: Language) -> String {
        language == .zh ? self[rule].citation : self[rule].citationEn
    }

    /// Every article the rule rests on: 《信访工作条例》第22条第1款第1项、第25条, Arts 22(1)(1) and 25.
    /// `dutyOnly`: without the Chapter 5 articles a duty's rule also cites (`Article.dutyOnly`).
    package func citation(_ rule: RuleID, _ language: Language, dutyOnly: Bool = false) -> String {
        let article = dutyOnly ? self[rule].dutyOnly : self[rule]
        guard article.article != nil else { return language == .zh ? "工作实践" : "practice" }
        return language == .zh ? "《信访工作条例》" + article.citation : article.citationEn
    }
}
