import PetitionCore
import PetitionDocuments

/// The document screen's keys (issue 15): Enter issues, `d` changes the delivery, Tab (or
/// `v`) another document the case can issue, the arrows scroll, Esc returns.
extension Update {
    /// Opens the document the case's latest step requires.
    static func openDocument(_ number: CaseNumber, _ state: inout AppState, _ data: ConsoleData) {
        let zh = state.language == .zh
        guard data.documents != nil, let documents = DocumentScreen.documents(data, number) else {
            state.flash = Flash(text: zh ? "文书模板未载入，不能出具文书" : "No document templates loaded", style: .overdue)
            return
        }
        guard let latest = documents.latest else {
            state.flash = Flash(text: zh ? "本案件现在没有可出具的文书" : "This case has no document to issue now", style: .overdue)
            return
        }
        state.documentKind = latest
        state.documentDelivery = .handedOver
        state.documentScroll = 0
        go(.document(number), &state)
    }

    static func documentKey(_ key: Key, _ state: inout AppState, _ data: ConsoleData, _ number: CaseNumber,
                            pageSize: Int, columns: Int) -> Effect? {
        if key == .character("d") {
            state.documentDelivery = state.documentDelivery.next
            return nil
        }
        switch KeyMap.intent(for: key) {
        // Enter (or F9 p again) issues: a record, a file, the printer. Not → or l, which
        // open elsewhere: a stray arrow must not issue a document.
        case .open? where key == .enter, .print?:
            return issue(&state, data, number)
        case .open?:
            return nil
        case .view?:
            let available = DocumentScreen.documents(data, number)?.available ?? []
            if let kind = state.documentKind, let i = available.firstIndex(of: kind), !available.isEmpty {
                state.documentKind = available[(i + 1) % available.count]
                state.documentScroll = 0
            }
        case .up?: state.documentScroll = max(0, state.documentScroll - 1)
        case .down?: state.documentScroll += 1
        case .pageUp?: state.documentScroll = max(0, state.documentScroll - pageSize)
        case .pageDown?: state.documentScroll += pageSize
        case .top?: state.documentScroll = 0
        default:
            browseKey(key, &state, data, pageSize: pageSize, columns: columns)
        }
        return nil
    }

    /// The issue to record, with the text to save: refused with the reason where the
    /// document cannot be made.
    private static func issue(_ state: inout AppState, _ data: ConsoleData, _ number: CaseNumber) -> Effect? {
        guard let request = DocumentScreen.request(state, data, number),
              let preview = DocumentScreen.preview(state, data, number) else { return nil }
        switch preview {
        case .failure(let error):
            state.flash = Flash(text: error.text(state.language), style: .overdue)
            return nil
        case .success(let document):
            // A document carrying the personal data this reader sees masked is not issued by them.
            if let renderer = data.documents, renderer.withholdsPersonalData(document, of: request) {
                state.flash = Flash(text: state.language == .zh ? "此文书载有信访人的联系电话或通讯地址，您看到的是遮蔽后的内容，不能出具"
                                                                 : "This document carries the petitioner's phone or address, which you see masked: not yours to issue",
                                    style: .overdue)
                return nil
            }
            let command = CaseCommand.issueDocument(kind: request.kind, asOf: request.asOf, to: document.recipient,
                                                    delivery: request.delivery, digest: document.digest)
            return .issueDocument(command, number, text: document.text,
                                  fileName: "\(number)-\(request.kind.rawValue)-\(data.today)-\(document.code).txt")
        }
    }
}
