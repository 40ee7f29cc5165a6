import Dispatch
import Foundation
import PetitionCore

/// A snapshot of a log's replayed cases, kept beside the log (`NAME.snapshot`) so that
/// opening does not replay every event (docs/decisions/0008-snapshot.md).
///
/// It is derived and never trusted over the log: it names the log (its id), the last
/// record it covers (sequence number, where that record lies, and its SHA-256), and is
/// used only if that record is in the log, checksum and hash intact, at that place, and
/// a checkpoint record in the log vouches for its digest (`digest`: the SHA-256 of its
/// header section, which holds each part's SHA-256; decision 0012). The records after
/// it are then read, verified and folded as usual. A snapshot that does not match —
/// another log, a log cut back or rewritten, another build's layout, a damaged or
/// hand-edited file — is ignored and rebuilt.
package struct CaseSnapshot {
    /// Where the snapshot leaves off in the log.
    package struct Head: Equatable, Sendable {
        package var seq: Int
        /// The file offset of record `seq`, and of the byte after it.
        package var offset: Int
        package var end: Int
        package var hash: RecordHash
        /// Where every record up to `seq` starts (index seq − 1).
        package var recordOffsets: [Int]
    }

    package var logId: String
    package var head: Head
    package var states: [CaseState]
    /// Case numbers no case holds but recovery notes up to the head reserved (found in
    /// bytes cut from the log): never issued again.
    package var reserved: [CaseNumber] = []
    /// The staff as the staff records up to the head left it.
    package var staff = Staff()
    /// The supervision acts of organs up to the head, in log order (decision 0024).
    package var supervision: [OrganSupervisionRecord] = []
    /// A training log's latest clock record up to the head (decision 0026).
    package var clock: ClockMove?
    /// A training log's notes up to the head, with their sequence numbers (decision 0026).
    package var notes: [NumberedNote] = []
    /// The search index of `states` (decision 0027), written as a section that every
    /// console maps and reads in place; nil writes none.
    package var search: SearchIndex? = nil

    static let magic = Array("XFSNAP07".utf8)

    /// Changes whenever the layout of a case (`layout`: its fields, in order) or a table
    /// the snapshot stores by position changes, so a snapshot written by another build's
    /// layout is ignored rather than misread. Nothing to bump by hand.
    static let fingerprint: UInt32 = {
        let tables: [[String]] = [Phase.allCases.map(\.rawValue), CaseFlag.allCases.map(\.rawValue),
                                  ActionKind.allCases.map(\.rawValue),
                                  layout.map { "\($0.name):\($0.shape)" },
                                  // The header's sections after the staff (decision 0024: organ acts).
                                  ["supervision:json"]]
        return CRC32C.checksum(Array(tables.map { $0.joined(separator: ",") }.joined(separator: ";").utf8))
    }()

    /// The path of a log's snapshot.
    package static func path(forLog log: String) -> String {
        (log.hasSuffix(".log") ? String(log.dropLast(4)) : log) + ".snapshot"
    }

    // MARK: - Encoding

    /// Cases per chunk: each chunk has its own SHA-256 in the header, so a point query
    /// checks only the ~150 KB chunk its case lies in, not the whole file (decision 0021).
    package static let casesPerChunk = 256
    /// Entries per page of the case-number index, each page with its own SHA-256.
    package static let entriesPerPage = 4096

    /// The key a case is found by in the index: CRC-32C of its number's text (stable
    /// across builds and machines). Different numbers may share a key; the case found is
    /// always compared with the number asked for.
    static func key(_ number: CaseNumber) -> UInt32 { CRC32C.checksum(Array(number.description.utf8)) }

    /// The key of a person in the identity pages: CRC-32C of the identity index's key
    /// (`CaseIndex.identities`: "id:" and the ID number, or "np:" name/phone).
    static func key(identity: String) -> UInt32 { CRC32C.checksum(Array(identity.utf8)) }

    /// The key under which the identity pages name the case with the highest number of an
    /// organ and year, so registration knows the next number without reading every case.
    static func key(lastOf organ: OrganCode, year: Int) -> UInt32 { key(identity: "last:\(organ)-\(year)") }

    /// The cases are written in chunks of `casesPerChunk`, each with its own SHA-256, so
    /// that opening checks and decodes them on every core at once and a point query
    /// checks only the one it reads; after them the index (case number → chunk and
    /// offset), in pages, each with its own SHA-256. The header holds every digest; the
    /// checkpoint names the header's (decision 0012), so every byte is vouched for.
    package func encode() -> [UInt8] {
        var body: [UInt8] = []
        var chunks: [(length: Int, count: Int, sha: RecordHash)] = []
        var entries: [(key: UInt32, chunk: UInt32, offset: UInt32)] = []
        entries.reserveCapacity(states.count)
        var from = 0
        repeat {
            let upto = min(states.count, from + Self.casesPerChunk)
            var w = BinaryWriter()
            for state in states[from..<upto] {
                entries.append((Self.key(state.number), UInt32(chunks.count), UInt32(w.bytes.count)))
                Self.write(state, &w)
            }
            chunks.append((w.bytes.count, upto - from, RecordHash(of: w.bytes)))
            body += w.bytes
            from = upto
        } while from < states.count
        // The reverse links: for each case a link names, the cases whose links name it
        // (keyed by the named case's number, pointing at the linking case), so `show`
        // finds the cases linking to one without reading every case.
        var linking: [(key: UInt32, chunk: UInt32, offset: UInt32)] = []
        for (i, state) in states.enumerated() where !state.links.isEmpty {
            let entry = entries[i]
            for target in Set(state.links.map(\.to)) where target != state.number {
                linking.append((Self.key(target), entry.chunk, entry.offset))
            }
        }
        func paged(_ entries: inout [(key: UInt32, chunk: UInt32, offset: UInt32)]) -> [(count: Int, first: UInt32, sha: RecordHash)] {
            entries.sort { ($0.key, $0.chunk, $0.offset) < ($1.key, $1.chunk, $1.offset) }
            var pages: [(count: Int, first: UInt32, sha: RecordHash)] = []
            for start in stride(from: 0, to: entries.count, by: Self.entriesPerPage) {
                var page: [UInt8] = []
                let slice = entries[start..<min(entries.count, start + Self.entriesPerPage)]
                page.reserveCapacity(slice.count * 12)
                for e in slice { for v in [e.key, e.chunk, e.offset] { Self.put32(v, &page) } }
                pages.append((slice.count, slice.first!.key, RecordHash(of: page)))
                body += page
            }
            return pages
        }
        // The identity pages (registration's point query): each person of each case under
        // their identity keys, and for each organ and year the case with the highest number.
        var identity: [(key: UInt32, chunk: UInt32, offset: UInt32)] = []
        var last: [CaseNumber: Int] = [:]  // keyed by sequence 0: organ and year
        for (i, state) in states.enumerated() {
            let entry = entries[i]
            for person in CaseIndex.identities(state.petition) {
                identity.append((Self.key(identity: person), entry.chunk, entry.offset))
            }
            let n = state.number, slot = CaseNumber(organ: n.organ, year: n.year, sequence: 0)
            if last[slot].map({ states[$0].number.sequence < n.sequence }) ?? true { last[slot] = i }
        }
        for (slot, i) in last {
            identity.append((Self.key(lastOf: slot.organ, year: slot.year), entries[i].chunk, entries[i].offset))
        }
        let pages = paged(&entries), linkPages = paged(&linking), identityPages = paged(&identity)
        // The search index: its tables as they lie in memory, after the rest, at an offset
        // that is a multiple of 8 so that they are read in place (the header is written
        // first and its length is known before the padding is).
        var searchBody: [UInt8] = []
        var searchMeta: (cases: Int, keys: Int, postings: Int)?
        search?.withFlatTables { keys, starts, postings, cases in
            searchBody.reserveCapacity(keys.count * 8 + starts.count * 4 + postings.count * 4)
            searchBody += UnsafeRawBufferPointer(keys)
            searchBody += UnsafeRawBufferPointer(starts)
            searchBody += UnsafeRawBufferPointer(postings)
            searchMeta = (cases, keys.count, postings.count)
        }
        var w = BinaryWriter()
        w.uvarint(UInt64(Self.fingerprint))
        w.string(logId)
        w.int(head.seq)
        w.int(head.offset)
        w.int(head.end)
        w.uvarint(32)
        w.bytes += head.hash.bytes
        w.uvarint(UInt64(head.recordOffsets.count))
        var previous = 0
        for offset in head.recordOffsets {
            w.uvarint(UInt64(offset - previous))
            previous = offset
        }
        w.uvarint(UInt64(reserved.count))
        for number in reserved { w.string(number.description) }
        w.string(staff.owner ?? "")
        let members = staff.sorted
        w.uvarint(UInt64(members.count))
        for member in members {
            w.string(member.user)
            w.string(member.name)
            w.string(member.role.rawValue)
            w.string(member.organ)
        }
        // A few records at most a day: kept as their log payload (JSON), not a layout of their own.
        w.uvarint(UInt64(supervision.count))
        for act in supervision { w.string(String(decoding: LogRecord.supervision(act).encoded().1, as: UTF8.self)) }
        // The clock: 0, or 1 then its time (milliseconds) and who moved it.
        w.uvarint(clock == nil ? 0 : 1)
        if let clock {
            w.int64(clock.to.millisecondsSince1970)
            w.string(clock.by)
        }
        // The training notes: a count, then each one's sequence number and JSON.
        w.uvarint(UInt64(notes.count))
        for numbered in notes {
            w.int(numbered.seq)
            w.string(Self.json(numbered.note))
        }
        w.uvarint(UInt64(chunks.count))
        for chunk in chunks {
            w.uvarint(UInt64(chunk.length))
            w.uvarint(UInt64(chunk.count))
            w.bytes += chunk.sha.bytes
        }
        for pages in [pages, linkPages, identityPages] {
            w.uvarint(UInt64(pages.count))
            for page in pages {
                w.uvarint(UInt64(page.count))
                w.uvarint(UInt64(page.first))
                w.bytes += page.sha.bytes
            }
        }
        if let searchMeta {
            w.uvarint(1)
            w.uvarint(UInt64(SearchIndex.scheme))
            w.uvarint(UInt64(searchMeta.cases))
            w.uvarint(UInt64(searchMeta.keys))
            w.uvarint(UInt64(searchMeta.postings))
            w.bytes += RecordHash(of: searchBody).bytes
        } else {
            w.uvarint(0)
        }
        if searchMeta != nil {
            body += [UInt8](repeating: 0, count: Self.padding(at: 16 + w.bytes.count + body.count))
            body += searchBody
        }
        var out = Self.magic
        Self.put32(CRC32C.checksum(w.bytes), &out)
        Self.put32(UInt32(w.bytes.count), &out)
        out += w.bytes
        out += body
        return out
    }

    /// Zero bytes before the search section, so that it starts at a multiple of 8.
    static func padding(at offset: Int) -> Int { (8 - offset % 8) % 8 }
    /// A training note as JSON (a few plain fields: encoding cannot fail).
    static func json(_ note: TrainingNote) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(note)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func put32(_ v: UInt32, _ out: inout [UInt8]) {
        var le = v.littleEndian
        withUnsafeBytes(of: &le) { out += $0 }
    }

    /// The digest a checkpoint names: the SHA-256 of the header section of encoded
    /// snapshot bytes (nil if they are too short to hold one).
    package static func digest(of encoded: [UInt8]) -> RecordHash? {
        guard encoded.count >= 16 else { return nil }
        let length = Int(encoded[12]) | Int(encoded[13]) << 8 | Int(encoded[14]) << 16 | Int(encoded[15]) << 24
        guard length <= encoded.count - 16 else { return nil }
        return encoded.withUnsafeBytes { RecordHash(of: UnsafeRawBufferPointer(rebasing: $0[16..<(16 + length)])) }
    }

    package enum Failure: Error, Equatable {
        case notASnapshot, damaged, otherLayout
    }

    /// A snapshot file with only its header read: enough to decide whether the log
    /// holds its head before paying for its cases. Every section after the header (a
    /// chunk of cases, a page of the index) is checked against the SHA-256 the header
    /// holds for it when it is read, and not trusted otherwise (decision 0021).
    package struct File {
        package let logId: String
        package let head: Head
        package let reserved: [CaseNumber]
        package let staff: Staff
        package let supervision: [OrganSupervisionRecord]
        package let clock: ClockMove?
        package let notes: [NumberedNote]
        /// The SHA-256 of the header section: what a checkpoint must name.
        package let digest: RecordHash
        let bytes: Data
        let chunks: [Section]
        let pages: [Page]
        /// The reverse-link pages: entries keyed by a linked case's number, each pointing
        /// at a case whose links name it (same shape as the index's).
        let linkPages: [Page]
        /// The identity pages: entries keyed by a person's identity (and by an organ and
        /// year's last number), each pointing at a case (same shape as the index's).
        let identityPages: [Page]
        /// The search index's section (decision 0027), if the writer wrote one of this
        /// build's scheme: its tables' sizes and the number of cases it indexes.
        let search: (section: Section, cases: Int, keys: Int, postings: Int)?

        /// A run of bytes after the header and the SHA-256 the header holds for it.
        struct Section {
            var from: Int, length: Int, count: Int
            var sha: RecordHash
        }

        /// A page of the index: its entries (12 bytes each: key, chunk, offset in the
        /// chunk, sorted) and the first key, so the page a key is on is found from the
        /// header alone.
        struct Page {
            var section: Section
            var first: UInt32
        }

        package init(_ data: Data) throws(Failure) {
            bytes = data
            let result: Result<(String, Head, [CaseNumber], Staff, [OrganSupervisionRecord], ClockMove?, [NumberedNote],
                                [Section], [Page], [Page], [Page], SearchSection?, RecordHash), Failure> =
                data.withUnsafeBytes { raw in Result { () throws(Failure) in try Self.header(raw) } }
            (logId, head, reserved, staff, supervision, clock, notes, chunks, pages, linkPages, identityPages, search, digest) =
                try result.get()
        }

        typealias SearchSection = (section: Section, cases: Int, keys: Int, postings: Int)

        private static func header(_ raw: UnsafeRawBufferPointer) throws(Failure)
            -> (String, Head, [CaseNumber], Staff, [OrganSupervisionRecord], ClockMove?, [NumberedNote], [Section], [Page], [Page],
                [Page], SearchSection?, RecordHash) {
            guard raw.count >= 16, raw[0..<8].elementsEqual(magic) else { throw .notASnapshot }
            func u32(_ at: Int) -> UInt32 {
                UInt32(raw[at]) | UInt32(raw[at + 1]) << 8 | UInt32(raw[at + 2]) << 16 | UInt32(raw[at + 3]) << 24
            }
            let headerCRC = u32(8), headerLength = Int(u32(12))
            guard headerLength <= raw.count - 16 else { throw .damaged }
            let header = UnsafeRawBufferPointer(rebasing: raw[16..<(16 + headerLength)])
            guard CRC32C.checksum(header) == headerCRC else { throw .damaged }
            var r = BinaryReader(header)
            do {
                guard try r.uvarint() == UInt64(fingerprint) else { throw Failure.otherLayout }
                let logId = try r.string()
                let seq = try r.int(), offset = try r.int(), end = try r.int()
                var bytes: [UInt8] = []
                for _ in 0..<(try r.count()) { bytes.append(try r.byte()) }
                guard let hash = RecordHash(bytes: bytes) else { throw Failure.damaged }
                let offsetCount = try r.count()
                guard offsetCount == seq else { throw Failure.damaged }
                let offsets = try recordOffsets(&r, count: offsetCount)
                var reserved: [CaseNumber] = []
                for _ in 0..<(try r.count()) {
                    guard let number = CaseNumber(try r.string()) else { throw Failure.damaged }
                    reserved.append(number)
                }
                let owner = try r.string()
                var members: [StaffMember] = []
                for _ in 0..<(try r.count()) {
                    let user = try r.string(), name = try r.string()
                    guard let role = Role(rawValue: try r.string()) else { throw Failure.damaged }
                    members.append(StaffMember(user: user, name: name, role: role, organ: try r.string()))
                }
                let staff = Staff(members, owner: owner.isEmpty ? nil : owner)
                var supervision: [OrganSupervisionRecord] = []
                for _ in 0..<(try r.count()) {
                    guard let act = try? JSONDecoder().decode(OrganSupervisionRecord.self, from: Data(try r.string().utf8))
                    else { throw Failure.damaged }
                    supervision.append(act)
                }
                var clock: ClockMove?
                switch try r.uvarint() {
                case 0: break
                case 1: clock = ClockMove(to: Instant(millisecondsSince1970: try r.int64()), by: try r.string())
                default: throw Failure.damaged
                }
                var notes: [NumberedNote] = []
                for _ in 0..<(try r.count()) {
                    let seq = try r.int()
                    guard let note = try? JSONDecoder().decode(TrainingNote.self, from: Data(try r.string().utf8)) else {
                        throw Failure.damaged
                    }
                    notes.append(NumberedNote(seq: seq, note: note))
                }
                var from = 16 + headerLength
                func section(_ length: Int, _ count: Int) throws -> Section {
                    var sha: [UInt8] = []
                    for _ in 0..<32 { sha.append(try r.byte()) }
                    guard length >= 0, from + length <= raw.count, let sha = RecordHash(bytes: sha) else { throw Failure.damaged }
                    defer { from += length }
                    return Section(from: from, length: length, count: count, sha: sha)
                }
                var chunks: [Section] = []
                for _ in 0..<(try r.count()) {
                    let length = Int(try r.uvarint()), count = Int(try r.uvarint())
                    guard count <= length, count <= casesPerChunk else { throw Failure.damaged }
                    chunks.append(try section(length, count))
                }
                func pageList() throws -> [Page] {
                    var pages: [Page] = []
                    for _ in 0..<(try r.count()) {
                        let count = Int(try r.uvarint()), first = try r.uvarint()
                        guard count >= 1, count <= entriesPerPage, first <= UInt64(UInt32.max),
                              first >= UInt64(pages.last?.first ?? 0) else { throw Failure.damaged }
                        pages.append(Page(section: try section(count * 12, count), first: UInt32(first)))
                    }
                    return pages
                }
                let pages = try pageList(), linkPages = try pageList(), identityPages = try pageList()
                var search: SearchSection?
                if try r.uvarint() == 1 {
                    let scheme = try r.uvarint()
                    let cases = try r.uvarint(), keys = try r.uvarint(), postings = try r.uvarint()
                    let limit = UInt64(raw.count)
                    guard cases <= limit, keys <= limit / 8, postings <= limit / 4 else { throw Failure.damaged }
                    // The padding is vouched for by no digest: it must be zeros.
                    let pad = padding(at: from)
                    guard from + pad <= raw.count, raw[from..<(from + pad)].allSatisfy({ $0 == 0 }) else { throw Failure.damaged }
                    from += pad
                    let section = try section(Int(keys) * 8 + (Int(keys) + 1) * 4 + Int(postings) * 4, Int(cases))
                    // Another build's keys: skipped, not used (the next writer writes this build's).
                    if scheme == UInt64(SearchIndex.scheme) { search = (section, Int(cases), Int(keys), Int(postings)) }
                }
                guard r.atEnd, from == raw.count else { throw Failure.damaged }
                return (logId, Head(seq: seq, offset: offset, end: end, hash: hash, recordOffsets: offsets), reserved,
                        staff, supervision, clock, notes, chunks, pages, linkPages, identityPages, search, RecordHash(of: header))
            } catch let f as Failure {
                throw f
            } catch {
                throw .damaged
            }
        }

        /// Every record's offset, from their varint deltas: one tight loop over the
        /// header's bytes (a million of them are read on every open, point queries too).
        private static func recordOffsets(_ r: inout BinaryReader, count: Int) throws -> [Int] {
            let bytes = r.bytes
            var i = r.index, previous = 0, ok = true
            let offsets = [Int](unsafeUninitializedCapacity: count) { out, initialized in
                for n in 0..<count {
                    var value: UInt64 = 0, shift: UInt64 = 0
                    while true {
                        guard i < bytes.count, shift < 64 else { ok = false; return }
                        let byte = bytes[i]
                        i += 1
                        value |= UInt64(byte & 0x7F) << shift
                        if byte < 0x80 { break }
                        shift += 7
                    }
                    guard value <= UInt64(Int.max - previous) else { ok = false; return }
                    previous += Int(value)
                    out[n] = previous
                    initialized = n + 1
                }
            }
            guard ok else { throw Failure.damaged }
            r.index = i
            return offsets
        }

        /// How many cases the snapshot holds, from its header.
        package var caseCount: Int { chunks.reduce(0) { $0 + $1.count } }

        /// Whether every chunk's, index page's and reverse-link page's SHA-256 holds, without decoding any case.
        package var partsIntact: Bool {
            bytes.withUnsafeBytes { raw in
                (chunks + (pages + linkPages).map(\.section) + [search?.section].compactMap { $0 }).allSatisfy { Self.holds($0, raw) }
            }
        }

        /// The search index read in place (decision 0027), once its section's SHA-256 holds
        /// and its tables are well formed; nil if there is none of this build's scheme, or
        /// it does not hold (the caller builds its own; the next writer replaces the file).
        /// The tables point into the mapped file, which the index keeps alive: every console
        /// on the host shares these pages. (The bytes of a mapped `Data` do not move.)
        /// `checked`: its SHA-256 was found to hold already (by `cases()`).
        package func searchIndex(checked: Bool = false) -> SearchIndex? {
            guard let search else { return nil }
            let owner = MappedBytes(bytes)
            return bytes.withUnsafeBytes { raw -> SearchIndex? in
                guard let base = raw.baseAddress, checked || Self.holds(search.section, raw) else { return nil }
                let start = base + search.section.from
                let keysEnd = search.keys * 8, startsEnd = keysEnd + (search.keys + 1) * 4
                guard Int(bitPattern: start) % 8 == 0 else {
                    // Not aligned (a file system that copies): the tables copied out.
                    let section = UnsafeRawBufferPointer(start: start, count: search.section.length)
                    func array<T>(_ range: Range<Int>, _: T.Type) -> [T] {
                        [T](unsafeUninitializedCapacity: range.count / MemoryLayout<T>.size) { out, n in
                            UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: section[range]))
                            n = range.count / MemoryLayout<T>.size
                        }
                    }
                    let keys = array(0..<keysEnd, UInt64.self), starts = array(keysEnd..<startsEnd, UInt32.self)
                    let postings = array(startsEnd..<search.section.length, UInt32.self)
                    return keys.withUnsafeBufferPointer { k in starts.withUnsafeBufferPointer { s in
                        postings.withUnsafeBufferPointer { p in
                            SearchIndex(mapped: k, starts: s, postings: p, cases: search.cases, owner: owner)?.copied()
                        }
                    } }
                }
                let keys = UnsafeBufferPointer(start: start.bindMemory(to: UInt64.self, capacity: search.keys), count: search.keys)
                let starts = UnsafeBufferPointer(start: (start + keysEnd).bindMemory(to: UInt32.self, capacity: search.keys + 1),
                                                 count: search.keys + 1)
                let postings = UnsafeBufferPointer(start: (start + startsEnd).bindMemory(to: UInt32.self, capacity: search.postings),
                                                   count: search.postings)
                return SearchIndex(mapped: keys, starts: starts, postings: postings, cases: search.cases, owner: owner)
            }
        }

        /// Whether a section's bytes have the SHA-256 the header holds for them.
        static func holds(_ s: Section, _ raw: UnsafeRawBufferPointer) -> Bool {
            RecordHash(of: UnsafeRawBufferPointer(rebasing: raw[s.from..<(s.from + s.length)])) == s.sha
        }

        /// Whether a checkpoint names this snapshot: its head and its digest.
        package func isVouched(by checkpoint: SnapshotCheckpoint) -> Bool {
            checkpoint.seq == head.seq && checkpoint.headHash == head.hash.hex && checkpoint.snapshot == digest.hex
                && checkpoint.cases == caseCount
        }

        /// The cases, each chunk checked and decoded on every core at once. The index's
        /// and the reverse links' pages are checked too, though not read: a snapshot any byte of which does not
        /// hold is not used, so the next writer replaces it (point queries need its index).
        package func cases() throws(Failure) -> [CaseState] {
            guard bytes.withUnsafeBytes({ raw in (pages + linkPages).allSatisfy { Self.holds($0.section, raw) } })
            else { throw .damaged }
            // The search section is checked beside the chunks, as one more part and the
            // first begun, the largest (decision 0027); it decodes to no case.
            let searchParts = search == nil ? 0 : 1
            let spans = [search?.section].compactMap { $0 } + chunks
            var parts = [Result<[CaseState], Failure>?](repeating: nil, count: spans.count)
            bytes.withUnsafeBytes { raw in
                nonisolated(unsafe) let file = raw
                parts.withUnsafeMutableBufferPointer { out in
                    nonisolated(unsafe) let results = out.baseAddress
                    DispatchQueue.concurrentPerform(iterations: spans.count) { i in
                        let c = spans[i]
                        results?.advanced(by: i).pointee = Result { () throws(Failure) -> [CaseState] in
                            guard Self.holds(c, file) else { throw .damaged }
                            if i < searchParts { return [] }
                            var r = BinaryReader(UnsafeRawBufferPointer(rebasing: file[c.from..<(c.from + c.length)]))
                            var states: [CaseState] = []
                            states.reserveCapacity(c.count)
                            do {
                                for _ in 0..<c.count { states.append(try read(&r)) }
                            } catch {
                                throw .damaged
                            }
                            guard r.atEnd else { throw .damaged }
                            return states
                        }
                    }
                }
            }
            var states: [CaseState] = []
            states.reserveCapacity(spans.reduce(0) { $0 + $1.count })
            for part in parts {
                guard let part else { throw .damaged }
                states += try part.get()
            }
            return states
        }

        /// Where a case's encoding starts in the file, by the index (unchecked: for tests).
        func offset(of number: CaseNumber) -> Int? {
            let key = CaseSnapshot.key(number)
            return bytes.withUnsafeBytes { raw in
                for page in pages {
                    for e in 0..<page.section.count {
                        let at = page.section.from + e * 12
                        guard raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian == key else { continue }
                        let chunk = Int(raw.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self).littleEndian)
                        let offset = Int(raw.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self).littleEndian)
                        return chunks[chunk].from + offset
                    }
                }
                return nil
            }
        }

        /// A case read through an index and where it lies in the snapshot (its chunk and
        /// offset, in one number): the order of the cases in the book the snapshot was
        /// written from.
        package struct Located {
            package var state: CaseState
            package var position: Int
        }

        /// One case by its number, reading only what it needs: the index page(s) its key
        /// is on and the chunk the case lies in, each checked against its SHA-256 first
        /// (decision 0021). nil if the snapshot holds no such case; `.damaged` if a
        /// section read does not hold — then nothing of it is used.
        package func state(of number: CaseNumber) throws(Failure) -> CaseState? { try locate(number)?.state }

        /// `state(of:)` with where the case lies.
        package func locate(_ number: CaseNumber) throws(Failure) -> Located? {
            try lookup(pages, key: CaseSnapshot.key(number), stopAtFirst: true) { $0.number == number }.first
        }

        /// The cases whose links name `number` (not the case itself), in the snapshot's
        /// order: through the reverse-link pages its key is on and the chunks those cases
        /// lie in, each checked against its SHA-256 first. `.damaged` if a section read does not hold.
        package func linking(to number: CaseNumber) throws(Failure) -> [Located] {
            try lookup(linkPages, key: CaseSnapshot.key(number), stopAtFirst: false) { state in
                state.number != number && state.links.contains { $0.to == number }
            }
        }

        /// The cases in which a person with this identity key appears (the petitioner or a
        /// representative), as the snapshot's cases stood: through the identity pages
        /// the key is on and the chunks they name, each checked against its SHA-256 first.
        package func cases(withIdentity identity: String) throws(Failure) -> [Located] {
            try lookup(identityPages, key: CaseSnapshot.key(identity: identity), stopAtFirst: false) { state in
                CaseIndex.identities(state.petition).contains(identity)
            }
        }

        /// The case with the highest number of an organ and year, if the snapshot holds any.
        package func lastCase(of organ: OrganCode, year: Int) throws(Failure) -> Located? {
            try lookup(identityPages, key: CaseSnapshot.key(lastOf: organ, year: year), stopAtFirst: false) { state in
                state.number.organ == organ && state.number.year == year
            }.max { $0.state.number.sequence < $1.state.number.sequence }
        }

        /// The cases an index's entries with `key` point at that `matches` accepts (keys
        /// may collide), reading the page(s) the key is on — from the last one starting at
        /// or before it (entries with one key may run over into the next pages) — and the
        /// chunks the entries name, each checked once against its SHA-256 before it is read.
        private func lookup(_ pages: [Page], key: UInt32, stopAtFirst: Bool,
                          _ matches: (CaseState) -> Bool) throws(Failure) -> [Located] {
            var lo = 0, hi = pages.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if pages[mid].first < key { lo = mid + 1 } else { hi = mid }
            }
            var page = max(0, lo - 1)
            let result: Result<[Located], Failure> = bytes.withUnsafeBytes { raw in
                Result { () throws(Failure) -> [Located] in
                    var found: [Located] = []
                    var checked: Set<Int> = []
                    while page < pages.count, pages[page].first <= key {
                        let p = pages[page].section
                        guard Self.holds(p, raw) else { throw .damaged }
                        func u32(_ i: Int) -> UInt32 { raw.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian }
                        for e in 0..<p.count {
                            let at = p.from + e * 12
                            guard u32(at) == key else { continue }
                            let chunk = Int(u32(at + 4)), offset = Int(u32(at + 8))
                            guard chunk < chunks.count, offset < chunks[chunk].length else { throw .damaged }
                            let c = chunks[chunk]
                            if !checked.contains(chunk) {
                                guard Self.holds(c, raw) else { throw .damaged }
                                checked.insert(chunk)
                            }
                            var r = BinaryReader(UnsafeRawBufferPointer(rebasing: raw[(c.from + offset)..<(c.from + c.length)]))
                            let state: CaseState
                            do { state = try CaseSnapshot.read(&r) } catch { throw .damaged }
                            guard matches(state) else { continue }
                            found.append(Located(state: state, position: chunk << 32 | offset))
                            if stopAtFirst { return found }
                        }
                        page += 1
                    }
                    return found
                }
            }
            return try result.get()
        }
    }
}

extension BinaryReader {
    /// A count of items that follow, refused if it could not fit in what is left.
    mutating func count() throws(BinaryEventCodec.DecodeError) -> Int {
        let n = try uvarint()
        guard n <= UInt64(bytes.count - index) else { throw .truncated }
        return Int(n)
    }
}

/// Keeps a mapped snapshot's bytes alive for as long as an index reads them in place.
final class MappedBytes: @unchecked Sendable {
    let data: Data
    init(_ data: Data) { self.data = data }
}

#if _endian(big)
#error("the snapshot's search section is written as the tables lie in memory: little-endian only")
#endif
