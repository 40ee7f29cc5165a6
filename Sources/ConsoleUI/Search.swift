import PetitionCore

/// Search (查找): by case number, identity number, name, phone, or any words of the
/// request, facts and reasons. Accusation content hidden from this user (Art 30) is
/// not searched either, so a hit never reveals it.
enum Search {
    /// At most this many hits are listed; the count says when there are more.
    static let limit = 1000

    static func run(_ query: String, _ data: ConsoleData) -> [SearchHit] {
        let q = query.trimmed
        guard !q.isEmpty else { return [] }
        if let number = CaseNumber(q.uppercased()), data.state(number) != nil {
            return [SearchHit(number: number, matched: Localized("案件编号", "case number"))]
        }
        let upper = q.uppercased()
        let digits = q.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") }
        var hits: [SearchHit] = []
        for state in data.states.reversed() {
            if hits.count >= limit { break }
            if state.number.description.contains(upper) {
                hits.append(SearchHit(number: state.number, matched: Localized("案件编号", "case number")))
                continue
            }
            guard let p = state.petition else { continue }
            let visible = state.contentVisible(to: data.actor)
            let people = p.people
            if digits && q.count >= 4 {
                if people.contains(where: { ($0.idNumber ?? "").uppercased().contains(upper) }) {
                    hits.append(SearchHit(number: state.number, matched: Localized("证件号码", "ID number")))
                } else if people.contains(where: { ($0.phone ?? "").contains(q) }) {
                    hits.append(SearchHit(number: state.number, matched: Localized("联系电话", "phone")))
                }
                continue
            }
            if people.contains(where: { ($0.name ?? "").contains(q) }) {
                hits.append(SearchHit(number: state.number, matched: Localized("姓名", "name")))
            } else if visible, p.request.contains(q) || p.facts.contains(q) || p.reasons.contains(q)
                        || (p.petitioner.address ?? "").contains(q) {
                hits.append(SearchHit(number: state.number, matched: Localized("内容", "text")))
            }
        }
        return hits
    }
}
