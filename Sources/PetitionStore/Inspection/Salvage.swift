import PetitionCore

/// Finding every intact record of a damaged log, before and after the damage, and
/// naming what lies between (docs/decisions/0013-salvage.md). Pure over the file's
/// bytes: `LogInspection.recover` writes what it finds.
package enum Salvage {
    /// Bytes of the original that are not an intact record, and the records lost in them.
    package struct Region: Equatable, Sendable {
        package var start: Int
        package var end: Int
        package var lost: [SalvageRecord.Lost]
    }

    /// What a scan of the whole file found.
    package struct Found: Sendable {
        /// The intact records, in file order, hashed, each with a payload that decodes.
        package var kept: [LogFormat.Frame]
        package var regions: [Region]
        /// Old sequence numbers of kept records whose previous hash does not name the
        /// record kept just before them, with no record lost between.
        package var unchained: [Int]
    }

    /// Scans the file from its first frame. **Resynchronisation rule**: at each offset,
    /// a frame is taken as intact if every check of the frame holds (magic, header
    /// checksum, length, payload checksum, zero padding, trailer), its payload decodes,
    /// and its sequence number is above the last one kept. Otherwise the offset is
    /// damage: if the frame's header checksum holds (so its length is its writer's),
    /// the scan goes on after the whole frame, so nothing inside its payload can be
    /// taken for a record; else it goes on at the next byte (an insertion or a
    /// deletion may have shifted what follows off the 8-byte grid). A frame that starts
    /// inside the damage and runs past it fails its payload checksum, so a frame that
    /// straddles the damage is never taken.
    package static func scan(_ bytes: UnsafeRawBufferPointer, header: LogFormat.Header) -> Found {
        var kept: [LogFormat.Frame] = []
        var regions: [Region] = []
        var unchained: [Int] = []
        var offset = header.size
        var damageStart: Int?
        while offset < bytes.count {
            let decoded = LogFormat.decodeFrame(bytes, at: offset, seed: header.seed, maxPayload: header.maxPayload)
            if case .success(let frame) = decoded, frame.seq > (kept.last?.seq ?? 0),
               (try? LogRecord.decode(frame)) != nil || isSkippable(frame),
               damageStart.map({ confirmed(frame, bytes, header: header, lastSeq: kept.last?.seq ?? 0, damageStart: $0) }) ?? true {
                if let start = damageStart {
                    regions.append(Region(start: start, end: offset, lost: []))
                    damageStart = nil
                } else if frame.seq > (kept.last?.seq ?? 0) + 1 {
                    // Records missing with no bytes between (removed): named as lost all the same.
                    regions.append(Region(start: offset, end: offset, lost: []))
                }
                let previous = kept.last
                let before = previous?.hash ?? header.genesisHash
                let contiguous = frame.seq == (previous?.seq ?? 0) + 1
                if contiguous && frame.prevHash != before { unchained.append(frame.seq) }
                kept.append(frame)
                offset += frame.length
                continue
            }
            if damageStart == nil { damageStart = offset }
            if let length = headerLength(bytes, at: offset, header: header) {
                offset += length
            } else {
                offset += 1
            }
        }
        if let start = damageStart { regions.append(Region(start: start, end: bytes.count, lost: [])) }
        // Name the records lost in each region.
        let organs = Set(kept.flatMap { frame -> [String] in
            guard case .events(let events)? = try? LogRecord.decode(frame) else { return [] }
            return events.map(\.caseNumber.organ)
        }).union([header.jurisdiction])
        for i in regions.indices {
            let before = kept.last { $0.offset < regions[i].start }
            let after = kept.first { $0.offset >= regions[i].end }
            regions[i].lost = lost(in: regions[i], bytes, header: header, before: before, after: after, organs: organs)
        }
        return Found(kept: kept, regions: regions, unchained: unchained)
    }

    /// Whether a frame found after damage is where the records start again rather than a
    /// frame-shaped run of bytes inside a damaged record (its checksums would have to be
    /// forged with this log's id): its sequence number fits the records the damaged bytes
    /// can hold (a frame is at least 88 bytes), or the frame after it follows it and
    /// names its hash, or it ends the file.
    private static func confirmed(_ frame: LogFormat.Frame, _ bytes: UnsafeRawBufferPointer,
                                  header: LogFormat.Header, lastSeq: Int, damageStart: Int) -> Bool {
        let minimum = LogFormat.frameHeaderSize + LogFormat.trailerSize
        if frame.seq <= lastSeq + 1 + (frame.offset - damageStart) / minimum { return true }
        let next = frame.offset + frame.length
        if next == bytes.count { return true }
        guard case .success(let following) = LogFormat.decodeFrame(bytes, at: next, seed: header.seed,
                                                                     maxPayload: header.maxPayload, hashing: false) else {
            return false
        }
        return following.seq == frame.seq + 1 && following.prevHash == frame.hash
    }

    /// A frame of a kind this version does not know that its writer marked safe to skip.
    private static func isSkippable(_ frame: LogFormat.Frame) -> Bool {
        LogRecord.Kind(rawValue: frame.type) == nil && frame.type & LogRecord.Kind.safeToIgnoreBit != 0
    }

    /// A frame header whose checksum holds at `offset`: its whole length, if it fits the
    /// file. The header checksum covers the length, sequence number and previous hash.
    static func headerLength(_ b: UnsafeRawBufferPointer, at offset: Int,
                             header: LogFormat.Header) -> Int? {
        guard let h = frameHeader(b, at: offset, header: header) else { return nil }
        return offset + h.length <= b.count ? h.length : nil
    }

    /// The sequence number, length and previous hash of a frame header whose checksum holds.
    static func frameHeader(_ b: UnsafeRawBufferPointer, at offset: Int,
                            header: LogFormat.Header) -> (seq: Int, length: Int, prevHash: RecordHash)? {
        guard offset >= 0, offset + LogFormat.frameHeaderSize <= b.count, b.u32(offset) == LogFormat.frameMagic else {
            return nil
        }
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[(offset + 8)..<(offset + 80)]), seed: header.seed)
        guard CRC32C.unmask(b.u32(offset + 4)) == crc else { return nil }
        let payloadLength = Int(b.u32(offset + 8))
        guard payloadLength <= header.maxPayload else { return nil }
        let length = (LogFormat.frameHeaderSize + payloadLength + 7) / 8 * 8 + LogFormat.trailerSize
        let prev = RecordHash(stored: UnsafeRawBufferPointer(rebasing: b[(offset + 48)..<(offset + 80)]))
        return (Int(b.u64(offset + 16)), length, prev)
    }

    /// The records lost in a region: the sequence numbers between the records kept on
    /// either side (after the last kept one, those whose headers still say so), each with
    /// its offset and hash where the bytes give them, and the case numbers in its bytes.
    private static func lost(in region: Region, _ b: UnsafeRawBufferPointer, header: LogFormat.Header,
                             before: LogFormat.Frame?, after: LogFormat.Frame?, organs: Set<String>)
        -> [SalvageRecord.Lost] {
        // Headers that still hold inside the region: where a lost record began, and the
        // hash of the one before it.
        var starts: [Int: Int] = [:]  // seq -> offset
        var hashOf: [Int: RecordHash] = [:]  // seq -> hash, from the next record's header
        var probe = region.start
        while probe < region.end {
            if let h = frameHeader(b, at: probe, header: header) {
                if starts[h.seq] == nil { starts[h.seq] = probe }
                hashOf[h.seq - 1] = h.prevHash
                probe += max(8, min(h.length, region.end - probe))
            } else {
                probe += 1
            }
        }
        if let after { hashOf[after.seq - 1] = after.prevHash }
        let first = (before?.seq ?? 0) + 1
        var seqs: [Int]
        if let after {
            seqs = first < after.seq ? Array(first..<after.seq) : []
        } else {
            // A damaged or torn end: the records whose headers say so, else the one due
            // next if the bytes begin as a frame does.
            seqs = starts.keys.filter { $0 >= first }.sorted()
            if seqs.isEmpty, region.end - region.start >= 4, b.u32(region.start) == LogFormat.frameMagic { seqs = [first] }
        }
        if let s = seqs.first, starts[s] == nil { starts[s] = region.start }
        // Each lost record's bytes run from its start to the next start known; records
        // whose start is not known share the bytes of the one before them.
        let boundaries = (starts.filter { seqs.contains($0.key) }.map(\.value) + [region.end]).sorted()
        var result: [SalvageRecord.Lost] = []
        var segment = region.start..<region.end
        for s in seqs {
            if let start = starts[s] {
                let end = boundaries.first { $0 > start } ?? region.end
                segment = start..<end
            }
            let cases = caseNumbers(in: UnsafeRawBufferPointer(rebasing: b[segment]), organs: organs)
            result.append(SalvageRecord.Lost(seq: s, offset: starts[s], hash: hashOf[s]?.hex,
                                             cases: cases.map(\.description)))
        }
        return result
    }

    /// Case numbers in damaged bytes: a payload that still decodes gives them all; else
    /// each place where an organ of this log is written as a binary payload writes a case
    /// number (its length, its bytes, then a year and a sequence number as zigzag
    /// varints), or as text (`D-XFJ-2025-00012`, a JSON payload).
    static func caseNumbers(in b: UnsafeRawBufferPointer, organs: Set<String>) -> [CaseNumber] {
        var found = Set<CaseNumber>()
        for organ in organs {
            let text = Array(organ.utf8)
            guard !text.isEmpty, text.count < 128 else { continue }
            let needle = [UInt8(text.count)] + text
            var i = 0
            while i + needle.count <= b.count {
                if b[i] == needle[0], Array(b[i..<(i + needle.count)]) == needle {
                    var r = BinaryReader(UnsafeRawBufferPointer(rebasing: b[(i + needle.count)...]))
                    if let year = try? r.int(), (2000...2100).contains(year), let seq = try? r.int(), (1...9_999_999).contains(seq) {
                        found.insert(CaseNumber(organ: organ, year: year, sequence: seq))
                    }
                }
                i += 1
            }
            // As text: ORGAN-YYYY-NNNNN.
            let prefix = Array((organ + "-").utf8)
            i = 0
            while i + prefix.count + 10 <= b.count {
                if b[i] == prefix[0], Array(b[i..<(i + prefix.count)]) == prefix {
                    var end = i + prefix.count
                    while end < b.count, b[end] == UInt8(ascii: "-") || (b[end] >= 0x30 && b[end] <= 0x39) { end += 1 }
                    if let number = CaseNumber(String(decoding: b[i..<end], as: UTF8.self)), number.organ == organ {
                        found.insert(number)
                    }
                }
                i += 1
            }
        }
        return found.sorted()
    }
}
