import CSQLite
import Foundation
import PetitionCore
import PetitionStore

/// Interactive appends: one record, synced, as a clerk's command, beside SQLite in autocommit
/// (WAL, `synchronous=FULL`) and a raw `write` + `fdatasync` of the same payload, each on a file
/// of its own in `dir`. The three are interleaved, one of each per round, so a slow moment of the
/// disk falls on all three alike; 2,000 rounds, so the p99 is the 20th slowest, not the 3rd.
@MainActor func appendBench(records: [[CaseEvent]], payloads: [[UInt8]], dir: String, rounds: Int = 2_000) throws {
    let log = try DurableLog.create(at: dir + "/interactive.log", mode: .training, jurisdiction: "D-XFJ",
                                    now: Instant(millisecondsSince1970: 0))
    var db: OpaquePointer?
    sqlite3_open(dir + "/interactive.sqlite", &db)
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE events (seq INTEGER PRIMARY KEY, case_number TEXT, at INTEGER, payload BLOB)",
                 nil, nil, nil)
    var insert: OpaquePointer?
    sqlite3_prepare_v2(db, "INSERT INTO events (seq, case_number, at, payload) VALUES (?, ?, ?, ?)", -1, &insert, nil)
    let rawFD = open(dir + "/interactive.raw", O_WRONLY | O_CREAT | O_APPEND, 0o640)
    defer {
        close(rawFD)
        sqlite3_finalize(insert)
        sqlite3_close(db)
    }
    var ours: [Double] = [], sqliteOne: [Double] = [], raw: [Double] = []
    for i in 0..<rounds {
        let r = records[i % records.count], payload = payloads[i % payloads.count]
        ours.append(try timed { try log.append([r]) })
        sqliteOne.append(timed {
            sqlite3_bind_int64(insert, 1, Int64(i + 1))
            sqlite3_bind_text(insert, 2, r[0].caseNumber.description, -1, xf_sqlite_transient())
            sqlite3_bind_int64(insert, 3, r[0].at.millisecondsSince1970)
            _ = payload.withUnsafeBytes { sqlite3_bind_blob(insert, 4, $0.baseAddress, Int32($0.count), xf_sqlite_transient()) }
            sqlite3_step(insert)
            sqlite3_reset(insert)
        })
        raw.append(timed {
            payload.withUnsafeBytes { _ = write(rawFD, $0.baseAddress, $0.count) }
            fdatasync(rawFD)
        })
    }
    print("")
    let ms = { (xs: [Double], p: Double) in percentile(xs, p) * 1000 }
    row("interactive append, fsync'd, p50 / p99 (\(rounds) each, interleaved)",
        String(format: "%.2f / %.2f ms", ms(ours, 0.5), ms(ours, 0.99)),
        String(format: "SQLite autocommit: %.2f / %.2f ms; raw write+fdatasync: %.2f / %.2f ms",
               ms(sqliteOne, 0.5), ms(sqliteOne, 0.99), ms(raw, 0.5), ms(raw, 0.99)),
        String(format: "p99 %.2f× raw (target ≤ 1.1×)", ms(ours, 0.99) / ms(raw, 0.99)))
}
