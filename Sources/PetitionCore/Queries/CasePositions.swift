/// Where each case is in a list of cases, by number: the table every lookup of a case
/// by its number goes through (a million of them when a log is replayed).
///
/// Case numbers run densely per organ and year (00001, 00002, …), so each organ-year
/// keeps a plain array indexed by sequence number: a lookup is one small-table probe
/// and an array read, and 100,000 cases take 400 KB instead of a hash table's
/// several MB. A number far beyond its organ-year's run (only a damaged or hand-made
/// log has one) goes to an ordinary dictionary instead, so no array grows without bound.
package struct CasePositions: Sendable {
    private struct OrganYear: Hashable {
        var organ: OrganCode
        var year: Int

        /// Hashed by year and the code's length: a handful of organs a year, and no
        /// hashing of text per lookup (equality still compares the organ).
        func hash(into hasher: inout Hasher) { hasher.combine(year &* 64 &+ organ.utf8.count) }
    }

    /// Per organ-year, the position of sequence number n at index n − 1; −1 for none.
    private var runs: [OrganYear: [Int32]] = [:]
    private var outliers: [CaseNumber: Int] = [:]
    /// How far past the end of its run a number may be and still extend the run.
    private static let slack = 4_096

    /// How many cases are held.
    package private(set) var count = 0

    /// An empty table.
    package init() {}

    /// The positions of these cases, the first of any number winning.
    package init(_ states: [CaseState]) {
        for (i, state) in states.enumerated() where self[state.number] == nil { self[state.number] = i }
    }

    /// The position of the case with this number, nil if none; setting nil removes it.
    package subscript(number: CaseNumber) -> Int? {
        get {
            if let run = runs[OrganYear(organ: number.organ, year: number.year)],
               number.sequence >= 1, number.sequence <= run.count, run[number.sequence - 1] >= 0 {
                return Int(run[number.sequence - 1])
            }
            return outliers.isEmpty ? nil : outliers[number]
        }
        set {
            let key = OrganYear(organ: number.organ, year: number.year)
            let length = runs[key]?.count ?? 0
            let dense = number.sequence >= 1 && number.sequence <= length + Self.slack
                && (newValue ?? 0) <= Int(Int32.max)
            if dense {
                let old = self[number]
                if number.sequence > length {
                    runs[key, default: []].append(contentsOf: repeatElement(-1, count: number.sequence - length))
                }
                runs[key]?[number.sequence - 1] = Int32(newValue ?? -1)
                if !outliers.isEmpty { outliers[number] = nil }
                count += (newValue == nil ? 0 : 1) - (old == nil ? 0 : 1)
            } else {
                let old = outliers.updateValue(newValue ?? 0, forKey: number)
                if newValue == nil { outliers[number] = nil }
                count += (newValue == nil ? 0 : 1) - (old == nil ? 0 : 1)
            }
        }
    }

    /// The positions of many numbers looked up one after another, the last organ-year's
    /// run kept at hand: a log's numbers come in long streaks of one organ and year, so a
    /// replay's million lookups hash almost nothing.
    package struct Lookup {
        private let table: CasePositions
        private var lastKey: OrganYear?
        private var lastRun: [Int32] = []

        package init(_ table: CasePositions) { self.table = table }

        package mutating func callAsFunction(_ number: CaseNumber) -> Int? {
            let key = OrganYear(organ: number.organ, year: number.year)
            if lastKey != key {
                lastKey = key
                lastRun = table.runs[key] ?? []
            }
            if number.sequence >= 1, number.sequence <= lastRun.count, lastRun[number.sequence - 1] >= 0 {
                return Int(lastRun[number.sequence - 1])
            }
            return table.outliers.isEmpty ? nil : table.outliers[number]
        }
    }

    /// The highest sequence number held for an organ and year (0 for none): the next
    /// case registered there gets the one after it.
    package func highestSequence(organ: OrganCode, year: Int) -> Int {
        var highest = 0
        if let run = runs[OrganYear(organ: organ, year: year)], let last = run.lastIndex(where: { $0 >= 0 }) {
            highest = last + 1
        }
        for number in outliers.keys where number.organ == organ && number.year == year {
            highest = max(highest, number.sequence)
        }
        return highest
    }

    /// Every number held, in no particular order.
    package var numbers: [CaseNumber] {
        var all = Array(outliers.keys)
        for (key, run) in runs {
            for (i, p) in run.enumerated() where p >= 0 {
                all.append(CaseNumber(organ: key.organ, year: key.year, sequence: i + 1))
            }
        }
        return all
    }
}
