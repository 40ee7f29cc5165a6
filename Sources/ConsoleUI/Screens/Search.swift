import PetitionCore

/// Search (查找): by case number, identity number or phone (whole or any part, such as
/// its last digits), name, pinyin initials of a name (`wxy` for 王秀英), or any words of
/// the request, facts, reasons and address. An accusation this user may not read
/// (Art 30) is found by its number only: neither its accuser nor its words are searched,
/// so a hit never reveals them. Answered from the search index when the host has built
/// it (decision 0020), else by checking every case.
enum Search {
    /// At most this many hits are listed; the count says when there are more.
    static let limit = 1000

    static func run(_ text: String, _ data: ConsoleData) -> [SearchHit] {
        guard let query = SearchQuery(text) else { return [] }
        if let number = CaseNumber(query.text.uppercased()), data.state(number) != nil {
            return [SearchHit(number: number, matched: label(.caseNumber))]
        }
        let states = data.states
        let visible = { (state: CaseState) in data.contentVisible(state) }
        let found = data.search.map { $0.search(query, in: states, limit: limit, visible: visible) }
            ?? SearchIndex.scan(query, in: states, limit: limit, visible: visible)
        return found.map { SearchHit(number: states[$0.position].number, matched: label($0.match)) }
    }

    /// What a hit says it matched.
    static func label(_ match: SearchMatch) -> Localized {
        switch match {
        case .caseNumber: Localized("案件编号", "case number")
        case .idNumber: Localized("证件号码", "ID number")
        case .phone: Localized("联系电话", "phone")
        case .name: Localized("姓名", "name")
        case .initials: Localized("拼音首字母", "name initials")
        case .text: Localized("内容", "text")
        }
    }
}
