/// The index's keys: what pieces of a case's text are indexed under each kind, and how
/// a piece packs into a key (the kind in the top byte; `SearchMatch.rawValue + 1`).
extension SearchIndex {
    /// How a kind's text is cut: `width` characters a piece of `bits` bits each, at
    /// every offset, padded with zero past the end — or, for initials, once, from the start.
    struct Shape {
        let width: Int
        let bits: Int
        let everyOffset: Bool

        static func of(_ kind: SearchMatch) -> Shape {
            switch kind {
            // Case numbers, identity numbers and phones: ASCII, four characters a piece.
            case .caseNumber, .idNumber, .phone: Shape(width: 4, bits: 8, everyOffset: true)
            // Chinese names and text: any character (21 bits), two a piece.
            case .name, .text: Shape(width: 2, bits: 21, everyOffset: true)
            // A name's initials: a prefix of up to seven letters.
            case .initials: Shape(width: 7, bits: 8, everyOffset: false)
            }
        }

        /// The key of the piece of `scalars` starting at `offset` (zero past the end).
        /// A scalar too wide for the bits is clipped: two texts may then share a key,
        /// which only adds candidates that the check refuses.
        func key(_ kind: SearchMatch, _ scalars: UnsafeBufferPointer<UInt32>, at offset: Int) -> UInt64 {
            var key: UInt64 = 0
            let limit: UInt64 = (1 << UInt64(bits)) - 1
            for i in 0..<width {
                let scalar = offset + i < scalars.count ? UInt64(scalars[offset + i]) : 0
                key = key << UInt64(bits) | min(scalar, limit)
            }
            return UInt64(kind.rawValue + 1) << 56 | key
        }
    }

    /// Appends every key of one text of a kind (`scalars` is scratch space, reused).
    static func keys(_ kind: SearchMatch, _ text: String, into keys: inout [UInt64], scalars: inout [UInt32]) {
        guard !text.isEmpty else { return }
        scalars.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars { scalars.append(scalar.value) }
        Self.keys(kind, scalars, into: &keys)
    }

    static func keys(_ kind: SearchMatch, _ scalars: [UInt32], into keys: inout [UInt64]) {
        guard !scalars.isEmpty else { return }
        let shape = Shape.of(kind)
        scalars.withUnsafeBufferPointer { s in
            if shape.everyOffset {
                for offset in 0..<s.count { keys.append(shape.key(kind, s, at: offset)) }
            } else {
                keys.append(shape.key(kind, s, at: 0))
            }
        }
    }

    /// Every key of a case, sorted and each once, into `keys` (emptied first). The whole
    /// case is indexed whoever may read it; Art 30 is applied when a query is answered.
    static func keys(of state: CaseState, into keys: inout [UInt64]) {
        var scratch: [UInt32] = []
        var letters: [UInt8] = []
        Self.keys(of: state, into: &keys, scalars: &scratch, letters: &letters)
    }

    static func keys(of state: CaseState, into keys: inout [UInt64], scalars: inout [UInt32], letters: inout [UInt8]) {
        keys.removeAll(keepingCapacity: true)
        Self.keys(.caseNumber, state.number.description, into: &keys, scalars: &scalars)
        if let p = state.petition {
            func person(_ person: Petitioner) {
                if let id = person.idNumber { Self.keys(.idNumber, id, into: &keys, scalars: &scalars) }
                if let phone = person.phone { Self.keys(.phone, phone, into: &keys, scalars: &scalars) }
                if let name = person.name {
                    Self.keys(.name, name, into: &keys, scalars: &scalars)
                    letters.removeAll(keepingCapacity: true)
                    PinyinInitials.append(name, to: &letters)
                    scalars.removeAll(keepingCapacity: true)
                    for letter in letters { scalars.append(UInt32(letter)) }
                    Self.keys(.initials, scalars, into: &keys)
                }
            }
            person(p.petitioner)
            for representative in p.group?.representatives ?? [] { person(representative) }
            Self.keys(.text, p.request, into: &keys, scalars: &scalars)
            Self.keys(.text, p.facts, into: &keys, scalars: &scalars)
            Self.keys(.text, p.reasons, into: &keys, scalars: &scalars)
            if let address = p.petitioner.address { Self.keys(.text, address, into: &keys, scalars: &scalars) }
        }
        keys.sort()
        var kept = 0
        for i in keys.indices where kept == 0 || keys[i] != keys[kept - 1] {
            keys[kept] = keys[i]
            kept += 1
        }
        keys.removeLast(keys.count - kept)
    }

    /// Builds the tables from every case: each case's keys are counted first (under an
    /// id given in order of first sight), then the ids ranked by key and the positions
    /// laid out, ascending, in one array — no sort of the postings themselves.
    static func build(_ states: [CaseState]) -> Tables { build(states[...]) }

    /// The tables of a run of cases, at their positions in the whole (`states.indices`).
    static func build(_ states: ArraySlice<CaseState>) -> Tables {
        var ids: [UInt64: UInt32] = [:]
        var distinct: [UInt64] = []
        var counts: [UInt32] = []
        var entries: [UInt32] = []  // each case's key ids, one after another
        var ends: [Int] = []
        ends.reserveCapacity(states.count)
        var keys: [UInt64] = [], scalars: [UInt32] = [], letters: [UInt8] = []
        for state in states {
            Self.keys(of: state, into: &keys, scalars: &scalars, letters: &letters)
            for key in keys {
                let id: UInt32
                if let known = ids[key] {
                    id = known
                    counts[Int(id)] += 1
                } else {
                    id = UInt32(distinct.count)
                    ids[key] = id
                    distinct.append(key)
                    counts.append(1)
                }
                entries.append(id)
            }
            ends.append(entries.count)
        }
        let order = distinct.indices.sorted { distinct[$0] < distinct[$1] }
        var rank = [Int](repeating: 0, count: distinct.count)
        var starts: [UInt32] = [0]
        starts.reserveCapacity(distinct.count + 1)
        for (r, id) in order.enumerated() {
            rank[id] = r
            starts.append(starts[r] + counts[id])
        }
        var cursor = starts
        var postings = [UInt32](repeating: 0, count: entries.count)
        var begin = 0
        for (i, end) in ends.enumerated() {
            let position = UInt32(states.startIndex + i)
            for e in begin..<end {
                let r = rank[Int(entries[e])]
                postings[Int(cursor[r])] = position
                cursor[r] += 1
            }
            begin = end
        }
        return Tables(keys: order.map { distinct[$0] }, starts: starts, postings: postings, cases: states.endIndex)
    }

    /// Tables of consecutive runs of cases joined into one, as if built at once: each
    /// key's postings from the runs, one after the other (the runs' positions ascend).
    static func joined(_ parts: [Tables]) -> Tables {
        var keys: [UInt64] = [], starts: [UInt32] = [0], postings: [UInt32] = []
        postings.reserveCapacity(parts.reduce(0) { $0 + $1.postings.count })
        var next = [Int](repeating: 0, count: parts.count)
        while true {
            var key: UInt64?
            for (p, part) in parts.enumerated() where next[p] < part.keys.count {
                key = min(key ?? .max, part.keys[next[p]])
            }
            guard let key else { break }
            for (p, part) in parts.enumerated() where next[p] < part.keys.count && part.keys[next[p]] == key {
                postings += part.postings[Int(part.starts[next[p]])..<Int(part.starts[next[p] + 1])]
                next[p] += 1
            }
            keys.append(key)
            starts.append(UInt32(postings.count))
        }
        return Tables(keys: keys, starts: starts, postings: postings, cases: parts.map(\.cases).max() ?? 0)
    }
}
