import PetitionCore

/// Search (查找): by case number, identity number, name, phone, or any words of the
/// request, facts and reasons. An accusation this user may not read (Art 30) is found
/// by its number only: neither its accuser nor its words are searched, so a hit never reveals them.
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
        // A case number is ASCII letters, digits and dashes: only such a query is
        // compared with each case's number (which is formatted per case).
        let numberLike = upper.contains("-") && upper.allSatisfy { $0.isASCII }
        for state in data.states.reversed() {
            if hits.count >= limit { break }
            if numberLike, state.number.description.contains(upper) {
                hits.append(SearchHit(number: state.number, matched: Localized("案件编号", "case number")))
                continue
            }
            guard let p = state.petition else { continue }
            // Nothing of an accusation this user may not read is searched: not the accuser's
            // name, ID number or phone, nor its words (Art 30). Its number alone finds it.
            guard data.contentVisible(state) else { continue }
            let people = p.group.map { [p.petitioner] + $0.representatives } ?? [p.petitioner]
            if digits && q.count >= 4 {
                if people.contains(where: { $0.idNumber.map { has($0, upper) } ?? false }) {
                    hits.append(SearchHit(number: state.number, matched: Localized("证件号码", "ID number")))
                } else if people.contains(where: { $0.phone.map { has($0, q) } ?? false }) {
                    hits.append(SearchHit(number: state.number, matched: Localized("联系电话", "phone")))
                }
                continue
            }
            if people.contains(where: { $0.name.map { has($0, q) } ?? false }) {
                hits.append(SearchHit(number: state.number, matched: Localized("姓名", "name")))
            } else if has(p.request, q) || has(p.facts, q) || has(p.reasons, q)
                        || p.petitioner.address.map({ has($0, q) }) ?? false {
                hits.append(SearchHit(number: state.number, matched: Localized("内容", "text")))
            }
        }
        return hits
    }

    /// Whether `text` contains `needle`, compared as UTF-8 bytes: identity numbers are
    /// stored upper-case and trimmed, and a UTF-8 match cannot start inside a character,
    /// so this finds what `String.contains` finds for the queries search takes, without
    /// building anything per case.
    static func has(_ text: String, _ needle: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard let first = pin.first, pin.count <= hay.count else { return pin.isEmpty }
                var i = 0
                let last = hay.count - pin.count
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < pin.count && hay[i + j] == pin[j] { j += 1 }
                        if j == pin.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
