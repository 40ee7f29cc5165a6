import PetitionCore
import PropertyBased
import Testing

/// The table of where each case is, by number, against a plain dictionary doing the
/// same: dense runs per organ and year, and numbers far off a run (a hand-made or
/// damaged log) kept aside, never growing an array without bound.
@Suite("Case positions")
struct CasePositionsTests {
    static let organs = ["D-XFJ", "D-ZJJ", "C-XFJ"]

    /// A number from a generated integer: mostly dense sequences, some far off or odd.
    static func number(_ n: Int) -> CaseNumber {
        let sequence: Int
        switch n % 10 {
        case 0: sequence = [0, -3, 1_000_000_000_000, 9_000][n / 10 % 4]
        default: sequence = n / 10 % 300 + 1
        }
        return CaseNumber(organ: organs[n % 3], year: 2023 + n / 7 % 3, sequence: sequence)
    }

    @Test func positionsMatchADictionaryThroughAnySequenceOfPlacings() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000).array(of: 0...300)) { ops in
            var table = CasePositions()
            var model: [CaseNumber: Int] = [:]
            for (i, op) in ops.enumerated() {
                let number = Self.number(op)
                if op % 13 == 0 {
                    table[number] = nil
                    model[number] = nil
                } else {
                    table[number] = i
                    model[number] = i
                }
                #expect(table[number] == model[number])
            }
            #expect(table.count == model.count)
            #expect(Set(table.numbers) == Set(model.keys) && table.numbers.count == model.count)
            for op in ops { #expect(table[Self.number(op)] == model[Self.number(op)]) }
            // The replay's lookup, which keeps the last organ-year's run at hand, finds
            // the same, whatever the order the numbers come in.
            var lookup = CasePositions.Lookup(table)
            for op in ops + ops.reversed() + ops.map({ $0 &+ 1 }) {
                #expect(lookup(Self.number(op)) == model[Self.number(op)])
            }
            for organ in Self.organs {
                for year in 2023...2025 {
                    let highest = model.keys.filter { $0.organ == organ && $0.year == year }.map(\.sequence).max() ?? 0
                    #expect(table.highestSequence(organ: organ, year: year) == max(0, highest))
                }
            }
        }
    }

    @Test func casesOfALogAreFoundByNumberAndTheFirstOfADuplicateWins() {
        let states = (1...500).map { CaseState(number: CaseNumber(organ: "D-XFJ", year: 2025, sequence: $0)) }
            + [CaseState(number: CaseNumber(organ: "D-XFJ", year: 2025, sequence: 7))]
        let table = CasePositions(states)
        #expect(table.count == 500)
        #expect(table[CaseNumber(organ: "D-XFJ", year: 2025, sequence: 7)] == 6)
        #expect(table[CaseNumber(organ: "D-XFJ", year: 2025, sequence: 501)] == nil)
        #expect(table[CaseNumber(organ: "D-ZJJ", year: 2025, sequence: 7)] == nil)
        #expect(table.highestSequence(organ: "D-XFJ", year: 2025) == 500)
        #expect(table.highestSequence(organ: "D-XFJ", year: 2024) == 0)
    }
}

/// A case's flags as bits (`CaseFlags`), against the `Set` they replaced: the same
/// members, order, emptiness and equality through any sequence of changes.
@Suite("Case flags")
struct CaseFlagsTests {
    @Test func flagsMatchASetThroughAnySequenceOfChanges() async {
        let all = CaseFlag.allCases
        await propertyCheck(count: 200, input: Gen.int(in: 0..<(all.count * 3)).array(of: 0...60)) { ops in
            var flags = CaseFlags()
            var model: Set<CaseFlag> = []
            for op in ops {
                let flag = all[op % all.count]
                switch op / all.count {
                case 0: #expect(flags.insert(flag).inserted == model.insert(flag).inserted)
                case 1: #expect(flags.remove(flag) == model.remove(flag))
                default:
                    let other = CaseFlags(all.indices.filter { ($0 ^ op) % 3 == 0 }.map { all[$0] })
                    let otherSet = Set(other)
                    #expect(Set(flags.union(other)) == model.union(otherSet))
                    #expect(Set(flags.intersection(other)) == model.intersection(otherSet))
                    #expect(Set(flags.symmetricDifference(other)) == model.symmetricDifference(otherSet))
                    #expect(flags.isDisjoint(with: other) == model.isDisjoint(with: otherSet))
                }
                #expect(Array(flags) == all.filter(model.contains))
                #expect(flags.sorted() == model.sorted())
                #expect(flags.isEmpty == model.isEmpty)
                #expect(flags == CaseFlags(model))
            }
        }
    }
}
