/// The search index: for each kind of match (`SearchMatch`), short pieces of the text
/// (n-grams) to the positions of the cases (in the case book's order) whose text holds
/// them. A query's pieces narrow the cases to candidates; `SearchQuery.matches` decides
/// each candidate, so the index may over-find but never under-find (decision 0020).
///
/// Flat, so that it can later be a section of the mapped snapshot read in place: a
/// sorted table of 64-bit keys (the kind in the top byte, the piece below), where each
/// key's postings start, and one contiguous array of `UInt32` positions, ascending per
/// key. Cases changed or added since it was built are kept apart (`delta`, one sorted
/// key list a case) and their old postings masked (`stale`), until there are enough of
/// them to merge (`compacted`): a registration costs one case's keys, not a rebuild.
///
/// The pieces: Chinese (and any) text and names by two characters (bigrams: each
/// character with the next, the last with an end mark), so a one-character query is
/// a range of keys and a longer one the intersection of its bigrams; case numbers,
/// identity numbers and phones by four characters at every offset; pinyin initials by
/// the first seven letters of a name's initials, so that a typed prefix is a range.
package struct SearchIndex: Sendable {
    /// The merged part: immutable, shared by every copy of the index. Its three tables
    /// are either its own (built here) or a section of the mapped snapshot, read in place
    /// and shared with every console on the host through the page cache (decision 0027);
    /// `owner` then keeps the mapping alive.
    final class Tables: @unchecked Sendable {
        let keys: UnsafeBufferPointer<UInt64>
        /// `starts[k] ..< starts[k + 1]` are key `k`'s postings.
        let starts: UnsafeBufferPointer<UInt32>
        let postings: UnsafeBufferPointer<UInt32>
        /// Positions `0 ..< cases` were indexed here.
        let cases: Int
        /// What the tables point into when they are not their own.
        private let owner: AnyObject?
        var isMapped: Bool { owner != nil }

        init(keys: [UInt64], starts: [UInt32], postings: [UInt32], cases: Int) {
            self.keys = Self.copy(keys)
            self.starts = Self.copy(starts)
            self.postings = Self.copy(postings)
            self.cases = cases
            owner = nil
        }

        init(mapped keys: UnsafeBufferPointer<UInt64>, starts: UnsafeBufferPointer<UInt32>,
             postings: UnsafeBufferPointer<UInt32>, cases: Int, owner: AnyObject) {
            (self.keys, self.starts, self.postings, self.cases, self.owner) = (keys, starts, postings, cases, owner)
        }

        private static func copy<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return UnsafeBufferPointer(buffer)
        }

        deinit {
            guard owner == nil else { return }
            keys.deallocate()
            starts.deallocate()
            postings.deallocate()
        }

        static let empty = Tables(keys: [], starts: [0], postings: [], cases: 0)
    }

    var tables: Tables = .empty
    /// Positions whose postings in `tables` are out of date (their keys are in `delta`).
    var stale: [UInt64] = []
    /// Cases changed or added since `tables` was built: their sorted, unique keys.
    var delta: [UInt32: [UInt64]] = [:]
    /// One more than the highest position indexed.
    package private(set) var count = 0

    /// An empty index.
    package init() {}

    /// The index of every case, each at its position in `states`.
    package init(_ states: [CaseState]) {
        tables = Self.build(states)
        count = states.count
    }

    /// The index of every case, built in runs (`runs` of them, one per core, by the
    /// caller's `concurrently`), joined: the same index as `init(states)`.
    package init(_ states: [CaseState], runs: Int, concurrently: (Int, @Sendable (Int) -> Void) -> Void) {
        let size = (states.count + runs - 1) / max(1, runs)
        let ranges = (0..<runs).map { min(states.count, $0 * size)..<min(states.count, ($0 + 1) * size) }
        var parts = [Tables](repeating: .empty, count: runs)
        parts.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let results = out.baseAddress
            concurrently(runs) { r in results?.advanced(by: r).pointee = Self.build(states[ranges[r]]) }
        }
        tables = Self.joined(parts)
        count = states.count
    }

    /// Re-indexes the case at `position` (a registration, a correction, a voiding — the
    /// events that change what is searched; or a new position). Merges the changes into
    /// the tables once they are many.
    package mutating func update(_ position: Int, _ state: CaseState) {
        var keys: [UInt64] = []
        Self.keys(of: state, into: &keys)
        if position < tables.cases {
            if stale.isEmpty { stale = Array(repeating: 0, count: (tables.cases + 63) / 64) }
            stale[position >> 6] |= 1 << UInt64(position & 63)
        }
        delta[UInt32(position)] = keys
        count = max(count, position + 1)
        if delta.count > max(1024, tables.cases / 32) { self = compacted() }
    }

    /// The same index with its changes merged into the tables: equal, key for key, to
    /// one built from the same cases.
    package func compacted() -> SearchIndex {
        var pairs: [(key: UInt64, position: UInt32)] = []
        for (position, keys) in delta { for key in keys { pairs.append((key, position)) } }
        pairs.sort { ($0.key, $0.position) < ($1.key, $1.position) }
        var keys: [UInt64] = [], starts: [UInt32] = [0], postings: [UInt32] = []
        keys.reserveCapacity(tables.keys.count)
        postings.reserveCapacity(tables.postings.count + pairs.count)
        var j = 0
        func close(_ key: UInt64) {
            if postings.count > Int(starts[starts.count - 1]) {
                keys.append(key)
                starts.append(UInt32(postings.count))
            }
        }
        func takeDelta(below key: UInt64?) {
            while j < pairs.count, key.map({ pairs[j].key < $0 }) ?? true {
                let k = pairs[j].key
                while j < pairs.count, pairs[j].key == k { postings.append(pairs[j].position); j += 1 }
                close(k)
            }
        }
        for k in tables.keys.indices {
            let key = tables.keys[k]
            takeDelta(below: key)
            // This key's old postings (less the stale) merged with its new ones.
            var d = j
            while d < pairs.count, pairs[d].key == key { d += 1 }
            var i = Int(tables.starts[k])
            let end = Int(tables.starts[k + 1])
            while i < end || j < d {
                if i < end, isStale(tables.postings[i]) { i += 1; continue }
                if j == d || (i < end && tables.postings[i] < pairs[j].position) {
                    postings.append(tables.postings[i]); i += 1
                } else {
                    postings.append(pairs[j].position); j += 1
                }
            }
            close(key)
        }
        takeDelta(below: nil)
        var merged = SearchIndex()
        merged.tables = Tables(keys: keys, starts: starts, postings: postings, cases: count)
        merged.count = count
        return merged
    }

    func isStale(_ position: UInt32) -> Bool {
        let p = Int(position)
        return !stale.isEmpty && p < tables.cases && stale[p >> 6] & (1 << UInt64(p & 63)) != 0
    }

    /// Bytes held by the tables and the changes (not counting the cases themselves).
    package var bytes: Int {
        tables.keys.count * 8 + tables.starts.count * 4 + tables.postings.count * 4 + stale.count * 8
            + delta.values.reduce(0) { $0 + 16 + $1.count * 8 }
    }

    /// The number of keys and postings in the tables (for the record of its size).
    package var sizes: (keys: Int, postings: Int) { (tables.keys.count, tables.postings.count) }
}

extension SearchIndex: Equatable {
    /// Equal when they index the same cases the same way: compare compacted indexes.
    package static func == (a: SearchIndex, b: SearchIndex) -> Bool {
        a.count == b.count && a.delta == b.delta && a.stale == b.stale && a.tables.keys.elementsEqual(b.tables.keys)
            && a.tables.starts.elementsEqual(b.tables.starts) && a.tables.postings.elementsEqual(b.tables.postings)
    }
}

/// The index as a section of the snapshot (decision 0027): written flat by the writer,
/// read in place by every console, checked before use.
extension SearchIndex {
    /// The version of what is indexed and how a piece packs into a key (`keys(of:)`,
    /// `Shape`, the pinyin table). A snapshot's index of another scheme is not used.
    /// A test pins the keys of a probe case to this number: change the keys, bump it.
    package static let scheme: UInt32 = 1

    /// The tables with every change merged in (compacted first if there are changes),
    /// handed to `body`: keys, starts, postings and the number of cases indexed.
    package func withFlatTables<R>(_ body: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt32>,
                                            UnsafeBufferPointer<UInt32>, Int) -> R) -> R {
        let flat = delta.isEmpty && stale.isEmpty ? self : compacted()
        return withExtendedLifetime(flat.tables) {
            body(flat.tables.keys, flat.tables.starts, flat.tables.postings, max(flat.count, flat.tables.cases))
        }
    }

    /// An index over tables that live elsewhere (the mapped snapshot, kept alive by
    /// `owner`), or nil if they are not a well-formed index of `cases` cases: starts
    /// rising from 0 to the postings' end, keys strictly rising, each key's postings
    /// strictly rising and below `cases`. Every query relies on these.
    package init?(mapped keys: UnsafeBufferPointer<UInt64>, starts: UnsafeBufferPointer<UInt32>,
                  postings: UnsafeBufferPointer<UInt32>, cases: Int, owner: AnyObject) {
        guard starts.count == keys.count + 1, starts.first == 0, Int(starts[starts.count - 1]) == postings.count,
              cases >= 0, cases <= Int(UInt32.max) else { return nil }
        for k in keys.indices {
            if k > 0, keys[k - 1] >= keys[k] { return nil }
            let from = Int(starts[k]), to = Int(starts[k + 1])
            guard from <= to else { return nil }
            var previous: Int = -1
            for i in from..<to {
                let p = Int(postings[i])
                guard p > previous, p < cases else { return nil }
                previous = p
            }
        }
        tables = Tables(mapped: keys, starts: starts, postings: postings, cases: cases, owner: owner)
        count = cases
    }
}

extension SearchIndex {
    /// Whether its merged tables are read in place from elsewhere (the mapped snapshot).
    package var readsInPlace: Bool { tables.isMapped }

    /// The same index with tables of its own (for tables read from memory about to go).
    package func copied() -> SearchIndex {
        var copy = self
        copy.tables = Tables(keys: Array(tables.keys), starts: Array(tables.starts), postings: Array(tables.postings),
                             cases: tables.cases)
        return copy
    }
}
