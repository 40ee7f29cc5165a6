/// The language the user reads: Chinese by default, English with `--lang en`.
package enum Language: String, Sendable, CaseIterable, Codable {
    case zh
    case en
}

/// A text in both languages.
package struct Localized: Sendable, Equatable, Codable {
    package var zh: String
    package var en: String

    package init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    package func text(_ language: Language) -> String { language == .zh ? zh : en }
}
