import Foundation

/// One subject of the petition taxonomy (`data/categories.json`).
package struct Category: Codable, Sendable, Equatable {
    package var code: String
    package var name: String
    package var nameEn: String

    package func name(_ language: Language) -> String { language == .zh ? name : nameEn }
}

/// The petition subject taxonomy.
package struct CategoryList: Sendable {
    package let categories: [Category]

    package init(categories: [Category]) { self.categories = categories }

    package init(json: Data) throws {
        struct File: Decodable { var categories: [Category] }
        self.init(categories: try JSONDecoder().decode(File.self, from: json).categories)
    }

    package subscript(code: String) -> Category? { categories.first { $0.code == code } }
}
