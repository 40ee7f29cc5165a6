import PetitionCore

/// A case's documents: which kinds can be issued now (the case has reached their step), and
/// which were issued, each with its record (issue 15).
package struct CaseDocuments: Sendable {
    /// One issued document, as its record says.
    package struct Issued: Sendable, Equatable {
        package var seq: Int
        package var kind: DocumentKind
        package var asOf: Int
        package var to: String
        package var delivery: DeliveryMethod
        package var digest: String
        package var on: Day
        package var event: CaseEvent

        package var code: String { DocumentCode.of(digest: digest) }
    }

    package let available: [DocumentKind]
    package let issued: [Issued]
    /// The document the case's latest step puts in writing: what the console offers first.
    package let latest: DocumentKind?

    /// From the case's events in log order (voided ones included): a voided issue is not listed.
    package init(events: [CaseEvent]) {
        let state = Workflow.replay(events.first?.caseNumber ?? CaseNumber(organ: "", year: 0, sequence: 0), events)
        let sources = DocumentKind.allCases.compactMap { kind in
            DocumentModel.source(of: kind, in: events, state: state).map { (kind, $0.seq) }
        }
        available = sources.map(\.0)
        latest = sources.max { $0.1 < $1.1 }?.0
        issued = events.compactMap { event in
            guard case .documentIssued(let kind, let asOf, let to, let delivery, let digest) = event.body,
                  !state.voided.contains(event.seq) else { return nil }
            return Issued(seq: event.seq, kind: kind, asOf: asOf, to: to, delivery: delivery, digest: digest,
                          on: event.day, event: event)
        }
    }

    /// The issue whose code a document carries.
    package func issue(withCode code: String) -> Issued? {
        issued.last { $0.code == code.uppercased() }
    }

    /// The request that renders an issued document again, exactly as issued: from the
    /// records up to the one it was rendered after, on its day, by its issuer.
    package static func request(for issue: Issued, events: [CaseEvent], language: Language) -> DocumentRequest {
        DocumentRequest(kind: issue.kind, number: issue.event.caseNumber, events: events.filter { $0.seq <= issue.asOf },
                        issuedOn: issue.on, delivery: issue.delivery, language: language, actor: issue.event.actor)
    }
}
