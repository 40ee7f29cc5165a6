/// Answering a search from the index: candidates per kind from the keys, then each
/// candidate checked by `SearchQuery.matches`, newest first, up to a limit.
extension SearchIndex {
    /// The cases matching `query`, newest (highest position) first, at most `limit`, each
    /// with the first kind it matches in. A case whose content this user may not read
    /// (`visible` false: an accusation, Art 30) is found by its number only — its
    /// petitioner and words are indexed, but never checked for this user, so a hit
    /// never reveals them.
    package func search(_ query: SearchQuery, in states: [CaseState], limit: Int,
                        visible: (CaseState) -> Bool) -> [(position: Int, match: SearchMatch)] {
        let lists = query.kinds.map { kind in candidates(kind, query.text(for: kind)) }
        var next = lists.map { $0.count - 1 }  // each list read from its end: newest first
        var hits: [(position: Int, match: SearchMatch)] = []
        while hits.count < limit {
            var position: UInt32?
            for (k, i) in next.enumerated() where i >= 0 {
                position = max(position ?? 0, lists[k][i])
            }
            guard let p = position else { break }
            var found: SearchMatch?
            var seen: Bool?
            for (k, kind) in query.kinds.enumerated() where next[k] >= 0 && lists[k][next[k]] == p {
                next[k] -= 1
                guard found == nil, Int(p) < states.count else { continue }
                let state = states[Int(p)]
                if kind != .caseNumber {
                    if seen == nil { seen = visible(state) }
                    if seen == false { continue }
                }
                if query.matches(kind, state) { found = kind }
            }
            if let found { hits.append((Int(p), found)) }
        }
        return hits
    }

    /// The positions, ascending, of the cases whose text of this kind may contain `text`
    /// (every case that does, and perhaps some that do not).
    package func candidates(_ kind: SearchMatch, _ text: String) -> [UInt32] {
        let shape = Shape.of(kind)
        let scalars = text.unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { s -> [UInt32] in
            guard s.count > 0 else { return [] }
            if !shape.everyOffset || s.count < shape.width {
                // A prefix: every key that starts with it (the rest of the key any value).
                let prefix = min(s.count, shape.width)
                let low = shape.key(kind, UnsafeBufferPointer(rebasing: s[0..<prefix]), at: 0)
                let free = UInt64(shape.bits * (shape.width - prefix))
                return union(low...(low | ((1 << free) - 1)))
            }
            var keys = (0...(s.count - shape.width)).map { shape.key(kind, s, at: $0) }
            keys.sort()
            var last: UInt64?
            keys.removeAll { key in
                defer { last = key }
                return key == last
            }
            return intersection(keys)
        }
    }

    /// The cases holding any key in `range`.
    func union(_ range: ClosedRange<UInt64>) -> [UInt32] {
        var bits = [UInt64](repeating: 0, count: (count + 63) / 64)
        let from = lowerBound(range.lowerBound), to = lowerBound(range.upperBound &+ 1, from: from)
        let postings = tables.postings
        for i in Int(tables.starts[from])..<Int(tables.starts[to]) {
            let p = Int(postings[i])
            bits[p >> 6] |= 1 << UInt64(p & 63)
        }
        if !stale.isEmpty { for w in stale.indices { bits[w] &= ~stale[w] } }
        for (position, keys) in delta {
            let i = Self.lowerBound(range.lowerBound, in: keys)
            if i < keys.count, keys[i] <= range.upperBound {
                let p = Int(position)
                bits[p >> 6] |= 1 << UInt64(p & 63)
            }
        }
        var out: [UInt32] = []
        for (w, word) in bits.enumerated() where word != 0 {
            var word = word
            while word != 0 {
                out.append(UInt32(w << 6 | word.trailingZeroBitCount))
                word &= word - 1
            }
        }
        return out
    }

    /// The cases holding every one of `keys` (sorted, each once).
    func intersection(_ keys: [UInt64]) -> [UInt32] {
        var out: [UInt32] = []
        // In the tables: the shortest list first, narrowed by each of the others.
        var spans: [Range<Int>] = []
        for key in keys {
            let k = lowerBound(key)
            guard k < tables.keys.count, tables.keys[k] == key else { spans = []; break }
            spans.append(Int(tables.starts[k])..<Int(tables.starts[k + 1]))
        }
        if !spans.isEmpty {
            spans.sort { $0.count < $1.count }
            let postings = tables.postings
            out = Array(postings[spans[0]])
            for span in spans.dropFirst() where !out.isEmpty {
                out = Self.intersect(out, UnsafeBufferPointer(rebasing: postings[span]))
            }
            if !stale.isEmpty { out.removeAll { isStale($0) } }
        }
        var added = false
        for (position, caseKeys) in delta where keys.allSatisfy({ key in
            let i = Self.lowerBound(key, in: caseKeys)
            return i < caseKeys.count && caseKeys[i] == key
        }) {
            out.append(position)
            added = true
        }
        if added { out.sort() }
        return out
    }

    /// The elements of sorted `a` also in sorted `b`: by stepping through both when they
    /// are of a size, by searching `b` for each of `a` when `b` is much longer.
    static func intersect(_ a: [UInt32], _ b: UnsafeBufferPointer<UInt32>) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(a.count)
        if a.count * 16 < b.count {
            var from = 0
            for x in a {
                var lo = from, hi = b.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if b[mid] < x { lo = mid + 1 } else { hi = mid }
                }
                if lo < b.count, b[lo] == x { out.append(x) }
                from = lo
            }
            return out
        }
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else { out.append(a[i]); i += 1; j += 1 }
        }
        return out
    }

    /// The first key index at or after `key` in the tables.
    func lowerBound(_ key: UInt64, from: Int = 0) -> Int {
        Self.lowerBound(key, in: tables.keys, from: from)
    }

    static func lowerBound<C: RandomAccessCollection>(_ key: UInt64, in keys: C, from: Int = 0) -> Int
    where C.Element == UInt64, C.Index == Int {
        var lo = from, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension SearchQuery {
    /// The query as each kind compares it: identity and case numbers upper-case,
    /// initials lower-case, the rest as typed.
    func text(for kind: SearchMatch) -> String {
        switch kind {
        case .caseNumber, .idNumber: upper
        case .initials: initials ?? text
        case .phone, .name, .text: text
        }
    }
}

extension SearchIndex {
    /// Every case checked, newest first: what the index answers, without it (for a case
    /// book whose index is not built yet, and as the tests' measure of the index).
    package static func scan(_ query: SearchQuery, in states: [CaseState], limit: Int,
                             visible: (CaseState) -> Bool) -> [(position: Int, match: SearchMatch)] {
        var hits: [(position: Int, match: SearchMatch)] = []
        for position in states.indices.reversed() where hits.count < limit {
            let state = states[position]
            if let match = query.firstMatch(state, visible: visible(state)) { hits.append((position, match)) }
        }
        return hits
    }
}
