import Foundation

/// The regulation's shape: how many paragraphs (款) each article has and how many items (项)
/// each paragraph. Decoded from `data/regulation-structure.json`, which
/// `scripts/regulation-structure.py` derives from the full text; tests check every citation
/// in `data/regulation.json` against it.
package struct RegulationStructure: Sendable {
    /// For each article, the number of items of each of its paragraphs, in order.
    package let paragraphs: [Int: [Int]]

    package init(json: Data) throws {
        struct Paragraph: Decodable { var items: Int }
        struct Entry: Decodable { var article: Int; var paragraphs: [Paragraph] }
        struct File: Decodable { var articles: [Entry] }
        let file = try JSONDecoder().decode(File.self, from: json)
        paragraphs = Dictionary(file.articles.map { ($0.article, $0.paragraphs.map(\.items)) },
                                uniquingKeysWith: { a, _ in a })
    }

    /// Why the citation names no place in the regulation, or nil when it does. A paragraph is
    /// named only in an article of several (one of one is cited by item alone: 第31条第6项).
    package func problem(with c: Citation) -> String? {
        guard let paras = paragraphs[c.article] else { return "there is no Art \(c.article)" }
        switch (c.paragraph, c.item) {
        case (nil, nil):
            return nil
        case (nil, let item?):
            guard paras.count == 1 else { return "Art \(c.article) has \(paras.count) paragraphs: name the item's paragraph" }
            return item >= 1 && item <= paras[0] ? nil : "Art \(c.article) has no item \(item)"
        case (let paragraph?, let item):
            guard paras.count > 1 else { return "Art \(c.article) has one paragraph: cite it without 款" }
            guard (1...paras.count).contains(paragraph) else {
                return "Art \(c.article) has no paragraph \(paragraph)"
            }
            if let item, item < 1 || item > paras[paragraph - 1] {
                return "Art \(c.article)(\(paragraph)) has no item \(item)"
            }
            return nil
        }
    }
}
