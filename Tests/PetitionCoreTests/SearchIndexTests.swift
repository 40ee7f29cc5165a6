import PetitionCore
import PropertyBased
import TestSupport
import Testing

/// The search index (decision 0020): each kind of key finds its case, Art 30 holds on
/// the index path, and an index kept up to date case by case answers — and is — what
/// one built afresh is, which answers what checking every case answers.
@Suite("Search index")
struct SearchIndexTests {
    static func state(_ sequence: Int, _ petition: Petition?) -> CaseState {
        var s = CaseState(number: CaseNumber(organ: "D-XFJ", year: 2025, sequence: sequence))
        s.petition = petition
        return s
    }

    static func petition(_ name: String, id: String? = nil, phone: String? = nil, address: String? = nil,
                         request: String = "请求解决问题", facts: String = "情况属实", type: MatterType = .grievance,
                         representatives: [String] = []) -> Petition {
        Petition(channel: .visit, receivedOn: Fixtures.day("2025-05-12"), organ: "D-XFJ",
                 petitioner: Petitioner(name: name, idNumber: id, phone: phone, address: address),
                 request: request, facts: facts, reasons: "依据政策", category: "WAGES", type: type,
                 group: representatives.isEmpty ? nil
                     : Group(people: 8, representatives: representatives.map { Petitioner(name: $0) }))
    }

    /// Six cases: positions 0–5, numbers D-XFJ-2025-00001 … 00006.
    static let states: [CaseState] = [
        state(1, petition("王秀英", id: Fixtures.zhangWeiID, phone: "13800138000", address: "临江区滨江路1号",
                          request: "请求解决拖欠工资", facts: "某公司拖欠工资三个月")),
        state(2, petition("曾小明", id: Fixtures.wangFangID, phone: "13912345678")),
        state(3, petition("单田芳", request: "要求落实安置补偿")),
        state(4, petition("赵检举", id: Fixtures.liNaID, phone: "13700001111", address: "临江区秘密路9号",
                          request: "举报住建局科长受贿", facts: "某科长收受开发商财物", type: .accusation)),
        state(5, petition("刘洋", representatives: ["尉迟恭", "万俟卨"])),
        state(6, nil),
    ]

    /// Everyone may read everything but the accusation (position 3).
    static func notAccusation(_ s: CaseState) -> Bool { s.matterType != .accusation }

    static func found(_ text: String, in index: SearchIndex, states: [CaseState] = states, limit: Int = 1000,
                      visible: (CaseState) -> Bool = notAccusation) -> [String] {
        guard let query = SearchQuery(text) else { return [] }
        return index.search(query, in: states, limit: limit, visible: visible).map { "\($0.position):\($0.match)" }
    }

    static func scanned(_ text: String, states: [CaseState] = states, limit: Int = 1000,
                        visible: (CaseState) -> Bool = notAccusation) -> [String] {
        guard let query = SearchQuery(text) else { return [] }
        return SearchIndex.scan(query, in: states, limit: limit, visible: visible).map { "\($0.position):\($0.match)" }
    }

    @Test(arguments: [
        ("2025-00002", ["1:caseNumber"]),
        ("d-xfj-2025-0000", ["5:caseNumber", "4:caseNumber", "3:caseNumber", "2:caseNumber", "1:caseNumber", "0:caseNumber"]),
        (Fixtures.zhangWeiID, ["0:idNumber"]),
        ("002x", ["0:idNumber"]),  // the tail of an ID number, typed in lower case
        ("8000", ["0:phone"]),  // the last four digits of a phone
        ("1391234", ["1:phone"]),
        ("１３８００１３８０００", ["0:phone"]),  // full-width digits, as an input method types them
        ("138 0013 8000", ["0:phone"]),
        ("+8613800138000", ["0:phone"]),
        ("110105 19491231 002X", ["0:idNumber"]),
        ("王秀英", ["0:name"]),
        ("秀", ["0:name"]),
        ("尉迟恭", ["4:name"]),  // a group's representative
        ("wxy", ["0:initials"]),
        ("WX", ["0:initials"]),
        ("zxm", ["1:initials"]),  // 曾 as a surname: zēng
        ("stf", ["2:initials"]),  // 单 as a surname: shàn
        ("ycg", ["4:initials"]),  // 尉迟 together: yùchí
        ("拖欠工资", ["0:text"]),
        ("安置", ["2:text"]),
        ("滨江路", ["0:text"]),  // the address
        ("依据政策", ["4:text", "2:text", "1:text", "0:text"]),  // every readable case's reasons, newest first
    ])
    func eachKindOfKeyFindsItsCase(_ query: String, _ expected: [String]) {
        let index = SearchIndex(Self.states)
        #expect(Self.found(query, in: index) == expected)
        #expect(Self.scanned(query) == expected)
    }

    @Test func theLimitKeepsTheNewest() {
        #expect(Self.found("依据", in: SearchIndex(Self.states), limit: 2) == ["4:text", "2:text"])
    }

    @Test(arguments: ["赵检举", "zjj", Fixtures.liNaID, "1111", "举报", "秘密路", "收受"])
    func anAccusationIsFoundOnlyByNumberByThoseWhoMayNotReadIt(_ query: String) {
        let index = SearchIndex(Self.states)
        #expect(Self.found(query, in: index).isEmpty)
        #expect(Self.found("D-XFJ-2025-00004", in: index) == ["3:caseNumber"])
        #expect(Self.found(query, in: index, visible: { _ in true }).map { $0.prefix(2) } == ["3:"])
    }

    @Test(arguments: [("曾", "z"), ("单", "s"), ("解", "x"), ("仇", "q"), ("朴", "p"), ("区", "o"), ("查", "z"),
                      ("盖", "g"), ("乐", "y"), ("尉迟", "yc"), ("万俟", "mq"), ("王", "w"), ("欧阳", "oy")])
    func surnamesReadAsSurnames(_ surname: String, _ initials: String) {
        #expect(PinyinInitials.of(surname + "小明") == initials + "xm")
    }

    @Test func theSurnameTableCorrectsWhatTheCharacterTableReadsOtherwise() {
        // Each single surname listed is there because it is read otherwise as a surname;
        // the table of characters agrees with it only where the initial is the same.
        for (surname, pinyin) in PinyinInitials.surnames {
            #expect(PinyinInitials.of(surname) == String(pinyin.split(separator: " ").compactMap(\.first)),
                    "\(surname) \(pinyin)")
        }
        #expect(PinyinInitials.initial("曾") == "c")  // céng, as in 曾经
        #expect(PinyinInitials.of("王曾") == "wc")  // only the surname is read as one
    }

    // MARK: - Random cases

    static let surnames = ["王", "曾", "单", "李", "尉迟", "欧阳", "张", "乐"]
    static let given = ["秀英", "小明", "伟", "芳", "建国", "丽", "田"]
    static let words = ["拖欠", "工资", "安置", "补偿", "征收", "房屋", "公司", "街道", "问题", "解决"]

    /// A case from one number: its name, ID, phone and words all drawn from it.
    static func randomPetition(_ n: Int) -> Petition {
        let name = surnames[n % surnames.count] + given[(n / 8) % given.count]
        let digits = String(100_000_000 + (n * 7_919) % 900_000_000)
        let request = (0..<(1 + n % 3)).map { words[(n / (3 + $0)) % words.count] }.joined()
        return petition(name, id: "1101051949" + String(digits.prefix(7)) + (n % 5 == 0 ? "X" : "1"),
                        phone: "13" + digits, address: "临江区\(words[n % words.count])\(n % 40)号", request: request,
                        facts: words[(n / 5) % words.count] + "至今" + words[(n / 11) % words.count],
                        type: n % 9 == 0 ? .accusation : .grievance,
                        representatives: n % 7 == 0 ? [surnames[(n / 3) % surnames.count] + "丽"] : [])
    }

    /// Queries cut from the cases' own texts, and some that match nothing.
    static func queries(_ seeds: [Int], _ states: [CaseState]) -> [String] {
        var out = ["zz", "1234", "D-XFJ-2025", "依据", "w", "王", "13"]
        for n in seeds {
            guard let p = states[n % states.count].petition else { continue }
            let texts = [p.petitioner.name ?? "", p.petitioner.idNumber ?? "", p.petitioner.phone ?? "", p.request,
                         p.facts, PinyinInitials.of(p.petitioner.name ?? ""), "\(states[n % states.count].number)"]
            let text = Array(texts[n % texts.count])
            guard !text.isEmpty else { continue }
            let start = (n / 7) % text.count
            let length = 1 + (n / 13) % max(1, text.count - start)
            out.append(String(text[start..<min(text.count, start + length)]))
        }
        return out
    }

    @Test func anIndexAnswersWhatCheckingEveryCaseAnswers() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...1_000_000).array(of: 1...60)) { seeds in
            let states = seeds.enumerated().map { Self.state($0 + 1, Self.randomPetition($1)) }
            let index = SearchIndex(states)
            for query in Self.queries(seeds, states) {
                for limit in [1000, 3] {
                    #expect(Self.found(query, in: index, states: states, limit: limit)
                                == Self.scanned(query, states: states, limit: limit), "query \(query)")
                }
            }
        }
    }

    @Test func anIndexKeptUpToDateIsTheIndexBuiltAfresh() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...1_000_000).array(of: 2...80)) { seeds in
            // Half the cases at first; then the rest registered one by one, and every third
            // step a correction of an earlier case's petition.
            var states = seeds.enumerated().map { Self.state($0 + 1, Self.randomPetition($1)) }
            let first = states.count / 2
            var index = SearchIndex(Array(states[..<first]))
            for i in first..<states.count {
                index.update(i, states[i])
                if i % 3 == 0 {
                    let j = seeds[i] % i
                    states[j].petition = Self.randomPetition(seeds[i] / 3)
                    index.update(j, states[j])
                }
            }
            let fresh = SearchIndex(states)
            for query in Self.queries(seeds, states) {
                #expect(Self.found(query, in: index, states: states) == Self.found(query, in: fresh, states: states),
                        "query \(query)")
            }
            #expect(index.compacted() == fresh)
        }
    }

    @Test func anIndexBuiltInRunsIsTheIndexBuiltAtOnce() {
        let states = (0..<500).map { Self.state($0 + 1, Self.randomPetition($0 * 17)) }
        for runs in [1, 2, 3, 7] {
            let joined = SearchIndex(states, runs: runs) { n, body in for r in 0..<n { body(r) } }
            #expect(joined == SearchIndex(states), "\(runs) runs")
        }
    }

    @Test func manyUpdatesAreMergedIntoTheTables() {
        let states = (0..<3000).map { Self.state($0 + 1, Self.randomPetition($0 * 31)) }
        var index = SearchIndex(Array(states[..<10]))
        for i in 10..<states.count { index.update(i, states[i]) }
        #expect(index.compacted() == SearchIndex(states))
        #expect(Self.found("wxy", in: index, states: states) == Self.scanned("wxy", states: states))
    }
}

/// The index as the snapshot holds it (decision 0027): read in place only when well
/// formed, and its keys pinned to `SearchIndex.scheme`.
@Suite("Search index in the snapshot")
struct MappedSearchIndexTests {
    final class Owner {}

    static func mapped(_ keys: [UInt64], _ starts: [UInt32], _ postings: [UInt32], cases: Int) -> SearchIndex? {
        keys.withUnsafeBufferPointer { k in starts.withUnsafeBufferPointer { s in postings.withUnsafeBufferPointer { p in
            SearchIndex(mapped: k, starts: s, postings: p, cases: cases, owner: Owner())?.copied()
        } } }
    }

    @Test func flatTablesReadBackAreTheSameIndexAndAnswerTheSame() throws {
        let index = SearchIndex(SearchIndexTests.states)
        let back = try #require(index.withFlatTables { k, s, p, cases in
            Self.mapped(Array(k), Array(s), Array(p), cases: cases)
        })
        #expect(back == index)
        #expect(SearchIndexTests.found("wxy", in: back) == SearchIndexTests.found("wxy", in: index))
    }

    @Test(arguments: [
        ("keys out of order", [2, 1] as [UInt64], [0, 1, 2] as [UInt32], [0, 1] as [UInt32], 2),
        ("a posting past the cases", [1, 2], [0, 1, 2], [0, 5], 2),
        ("postings of a key out of order", [1], [0, 2], [1, 0], 2),
        ("starts ending short of the postings", [1], [0, 1], [0, 1], 2),
        ("starts not beginning at 0", [1], [1, 2], [0, 1], 2),
        ("starts falling", [1, 2], [0, 2, 1], [0, 1], 2),
    ])
    func malformedTablesAreNotRead(label: String, keys: [UInt64], starts: [UInt32], postings: [UInt32], cases: Int) {
        #expect(Self.mapped(keys, starts, postings, cases: cases) == nil, "\(label)")
    }

    /// What the keys of the probe cases hash to under this scheme. A change to what is
    /// indexed or how (keys, shapes, the pinyin table) changes it: then bump
    /// `SearchIndex.scheme` (so that snapshots of the old keys are not read) and record
    /// the new value here.
    @Test func theKeysArePinnedToTheScheme() {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        SearchIndex(SearchIndexTests.states).withFlatTables { keys, _, _, _ in
            for key in keys { hash = (hash ^ key) &* 0x100_0000_01b3 }
        }
        #expect(SearchIndex.scheme == 1 && hash == 0xe19e_9e72_c29e_6f8c, "keys hash to \(String(hash, radix: 16)) under scheme \(SearchIndex.scheme)")
    }
}
