import Foundation

/// Where a rule comes from: an article of the 2022 Regulations on Petition Work, or
/// established practice that the regulation does not number.
package struct Article: Codable, Sendable, Equatable {
    package var id: RuleID
    /// "regulation" or "practice".
    package var basis: String
    package var article: Int?
    package var paragraph: Int?
    package var item: Int?
    package var title: String
    package var titleEn: String
    /// False where the number could not be checked against the official text.
    package var confirmed: Bool

    /// 第22条第1款第2项, or 工作实践 for practice.
    package var citation: String {
        guard let article else { return "工作实践" }
        var text = "第\(article)条"
        if let paragraph { text += "第\(paragraph)款" }
        if let item { text += "第\(item)项" }
        return confirmed ? text : text + "(待核)"
    }

    /// Art 22(1)(2), or "practice".
    package var citationEn: String {
        guard let article else { return "practice" }
        var text = "Art \(article)"
        if let paragraph { text += "(\(paragraph))" }
        if let item { text += "(\(item))" }
        return confirmed ? text : text + " (unverified)"
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

    /// The article without the regulation's name, for narrow screens: 第19条第3款, Art 19(3).
    package func short(_ rule: RuleID, _ language: Language) -> String {
        let article = self[rule]
        guard article.article != nil else { return language == .zh ? "工作实践" : "practice" }
        return language == .zh ? article.citation : article.citationEn
    }

    package func citation(_ rule: RuleID, _ language: Language) -> String {
        let article = self[rule]
        guard article.article != nil else { return language == .zh ? "工作实践" : "practice" }
        return language == .zh ? "《信访工作条例》" + article.citation : article.citationEn
    }
}
