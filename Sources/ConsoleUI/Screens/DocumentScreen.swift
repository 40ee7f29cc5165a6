import PetitionCore
import PetitionDocuments

/// 出具文书: the document a case's step requires, previewed as it will print (80 columns),
/// then issued — recorded with its digest, saved to a file, sent to the printer where one
/// is configured (issue 15; docs/documents.md).
enum DocumentScreen {
    /// The documents the case can issue now, its latest step's first, from the events shown.
    static func documents(_ data: ConsoleData, _ number: CaseNumber) -> CaseDocuments? {
        guard let detail = data.detail, detail.number == number else { return nil }
        return CaseDocuments(events: detail.events)
    }

    /// The request for the document previewed: issued today by this user.
    static func request(_ state: AppState, _ data: ConsoleData, _ number: CaseNumber) -> DocumentRequest? {
        guard let kind = state.documentKind, let detail = data.detail, detail.number == number else { return nil }
        var request = DocumentRequest(kind: kind, number: number, events: detail.events, issuedOn: data.today,
                                      delivery: state.documentDelivery, language: .zh, actor: data.actor, actorName: data.actorName)
        // Personal data as this reader sees it on the case screen (decision 0031, addendum).
        request.personalDataMasked = PersonalData.masked(for: data.actor, case: data.state(number), directory: data.directory)
        return request
    }

    /// The document, or why it cannot be made (a field missing, Art 30), or nil while the
    /// case's records are not read yet.
    static func preview(_ state: AppState, _ data: ConsoleData, _ number: CaseNumber) -> Result<RenderedDocument, DocumentError>? {
        guard let renderer = data.documents, let request = request(state, data, number) else { return nil }
        do throws(DocumentError) { return .success(try renderer.render(request)) } catch { return .failure(error) }
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ number: CaseNumber) {
        let zh = state.language == .zh
        guard let kind = state.documentKind else {
            grid.put(zh ? " 本案件现在没有可出具的文书" : " This case has no document to issue now", row: 2, column: 1, style: .hint)
            return
        }
        let others = documents(data, number)?.available.count ?? 1
        let head = "\(kind.title.text(state.language))  " + (zh ? "送达：" : "delivery: ")
            + state.documentDelivery.label.text(state.language)
            + (zh ? "（Enter 出具保存 d 送达方式" : " (Enter issue+save d delivery")
            + (others > 1 ? (zh ? " Tab 换文书）" : " Tab other)") : (zh ? "）" : ")"))
        grid.put(DisplayWidth.truncate(" " + head, to: grid.columns - 1), row: 1, column: 0, style: .title)
        switch preview(state, data, number) {
        case nil:
            grid.put(zh ? " 正在读取案件记录…" : " Reading the case's records…", row: 3, column: 1, style: .hint)
        case .failure(let error)?:
            for (i, row) in DisplayWidth.wrap(error.text(state.language), to: grid.columns - 4).prefix(3).enumerated() {
                grid.put(" ! " + row, row: 3 + i, column: 0, style: .overdue)
            }
        case .success(let document)?:
            let rows = document.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let room = max(1, grid.rows - 6)
            let top = min(state.documentScroll, max(0, rows.count - room))
            for (i, row) in rows.dropFirst(top).prefix(room).enumerated() {
                grid.put(DisplayWidth.truncate(row, to: grid.columns), row: 2 + i, column: 0)
            }
        }
    }
}
