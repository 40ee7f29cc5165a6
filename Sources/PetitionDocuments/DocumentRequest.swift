import PetitionCore

/// What to render: one kind of document for one case, as the case stood after its records
/// `events` (in log order, voided ones included), issued on `issuedOn` by `actor`.
package struct DocumentRequest: Sendable {
    package var kind: DocumentKind
    package var number: CaseNumber
    package var events: [CaseEvent]
    package var issuedOn: Day
    package var delivery: DeliveryMethod
    package var language: Language
    package var actor: Actor
    /// The user's roster name, to recognise the accused person (Art 30).
    package var actorName: String?
    /// The petitioner's phone masked and address withheld, for a reader who sees them so
    /// (`PersonalData.masked(for:case:directory:)`): a supervisor, another organ's staff.
    package var personalDataMasked = false

    package init(kind: DocumentKind, number: CaseNumber, events: [CaseEvent], issuedOn: Day,
                 delivery: DeliveryMethod, language: Language, actor: Actor, actorName: String? = nil) {
        self.kind = kind
        self.number = number
        self.events = events
        self.issuedOn = issuedOn
        self.delivery = delivery
        self.language = language
        self.actor = actor
        self.actorName = actorName
    }

    /// The record the document is rendered after: the issue record names it (`asOf`).
    package var asOf: Int { events.last?.seq ?? 0 }
}

/// What rendering needs besides the case: the directory (organ names, superiors for the
/// review notice), the article catalogue and the templates — all passed in.
package struct DocumentReference: Sendable {
    package var directory: Directory
    package var articles: ArticleCatalog
    package var templates: DocumentTemplates
    /// The terms the documents state (review windows, the receiver's notice): one table.
    package var terms: StatutoryTerms

    package init(directory: Directory, articles: ArticleCatalog, templates: DocumentTemplates,
                 terms: StatutoryTerms = .regulation) {
        self.directory = directory
        self.articles = articles
        self.templates = templates
        self.terms = terms
    }
}
