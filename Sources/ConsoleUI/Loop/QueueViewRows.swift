import PetitionCore

/// The queue's rows for one view and order, before the `/` filter, with what the filter
/// needs to answer a key from the search index (decision 0020): each row's case position
/// and category. Made when the cases, the view or the order change; each key of the
/// filter then costs the candidates the index gives and one pass over small arrays.
struct QueueViewRows {
    private(set) var rows: [QueueRow] = []
    /// Each row's position in the cases (`UInt32.max` if unknown), and its category's
    /// index in `categories`.
    private var positions: [UInt32] = []
    private var categoryOf: [UInt16] = []
    private var categories: [String] = []

    init() {}

    init(_ rows: [QueueRow], _ data: ConsoleData) {
        self.rows = rows
        var index: [String: UInt16] = [:]
        positions.reserveCapacity(rows.count)
        categoryOf.reserveCapacity(rows.count)
        for row in rows {
            positions.append(data.position(row.number).map { UInt32($0) } ?? .max)
            if let i = index[row.category] {
                categoryOf.append(i)
            } else {
                let i = UInt16(categories.count)
                index[row.category] = i
                categories.append(row.category)
                categoryOf.append(i)
            }
        }
    }

    /// Whether a row is kept by the filter: its number, its petitioner as this user may
    /// see it (empty for an accusation withheld, Art 30), its category's name or code — or
    /// what a supervisor filters by (`Beyond`): the organ holding it, its state, a flag.
    static func keeps(_ row: QueueRow, _ needle: String, _ data: ConsoleData) -> Bool {
        keepsOwn(row, needle, data) || Beyond(needle, data).keeps(row, data)
    }

    /// The row's own text: number, petitioner as shown, category.
    static func keepsOwn(_ row: QueueRow, _ needle: String, _ data: ConsoleData) -> Bool {
        row.number.description.contains(needle) || row.petitioner.contains(needle) || categoryMatches(row.category, needle, data)
    }

    /// The supervisor's filters (issue 14 item 7), worked out once per filter text: the organs
    /// the text names as the pickers match them (name, short name or code), the states whose
    /// name holds it, and the flag it names whole (督办中, 重复访, 越级访, 积案…).
    struct Beyond {
        var organs: Set<OrganCode>
        var phases: Set<Phase>
        var flag: DeskFlag?

        init(_ needle: String, _ data: ConsoleData) {
            organs = data.directory.organs(matching: needle)
            let lower = needle.lowercased()
            phases = Set(Phase.allCases.filter { $0 != .new && ($0.title.zh.contains(needle) || $0.title.en.lowercased().contains(lower)) })
            flag = DeskFlag(named: needle)
        }

        var isEmpty: Bool { organs.isEmpty && phases.isEmpty && flag == nil }

        func keeps(_ row: QueueRow, _ data: ConsoleData) -> Bool {
            if let h = row.holder, organs.contains(h) { return true }
            if phases.contains(row.phase) { return true }
            if let flag, let state = data.state(row.number) {
                return flag.holds(state, asOf: data.today, calendar: data.calendar)
            }
            return false
        }
    }

    static func categoryMatches(_ code: String, _ needle: String, _ data: ConsoleData) -> Bool {
        (data.categories[code]?.name.contains(needle) ?? false) || code.contains(needle)
    }

    /// The rows the filter keeps, in order. With the index: a row is kept at once if its
    /// category matches or the index says its number holds the filter (exact for up to four
    /// ASCII characters, the index's piece); else it is checked (by `keeps`, the same rule)
    /// only if the index names its case by number or name. Without it, every row is checked.
    func filtered(_ needle: String, _ data: ConsoleData) -> [QueueRow] {
        guard !needle.isEmpty else { return rows }
        guard let index = data.search, positions.count == rows.count else {
            let beyond = Beyond(needle, data)
            return rows.filter { Self.keepsOwn($0, needle, data) || beyond.keeps($0, data) }
        }
        let byCategory = categories.map { Self.categoryMatches($0, needle, data) }
        let beyond = Beyond(needle, data)
        let words = (index.count + 63) / 64
        var byNumber = [UInt64](repeating: 0, count: words), candidate = byNumber
        for p in index.candidates(.caseNumber, needle) { byNumber[Int(p) >> 6] |= 1 << UInt64(p & 63) }
        for p in index.candidates(.name, needle) { candidate[Int(p) >> 6] |= 1 << UInt64(p & 63) }
        let numberExact = needle.unicodeScalars.count <= 4 && needle.unicodeScalars.allSatisfy(\.isASCII)
        var keep = [Bool](repeating: false, count: rows.count)
        var count = 0
        for i in rows.indices {
            let p = Int(positions[i]), w = p >> 6, bit: UInt64 = 1 << UInt64(p & 63)
            if byCategory[Int(categoryOf[i])] || (numberExact && w < words && byNumber[w] & bit != 0)
                || (w < words && (byNumber[w] | candidate[w]) & bit != 0 && Self.keepsOwn(rows[i], needle, data))
                || (!beyond.isEmpty && beyond.keeps(rows[i], data)) {
                keep[i] = true
                count += 1
            }
        }
        // The first key of a case number keeps every row: the same rows, not a copy of them.
        if count == rows.count { return rows }
        var kept: [QueueRow] = []
        kept.reserveCapacity(count)
        for i in rows.indices where keep[i] { kept.append(rows[i]) }
        return kept
    }
}
