import CSQLite
import Foundation
import PetitionCore
import PetitionStore
import TestSupport

/// `stats` for one year by organ (issue 14: < 300 ms warm, < 1 s from the CLI) on every case
/// of the log, beside the same aggregate in SQLite over a table of the same cases (one row a
/// case: received, organ answerable, accepted, delivered, rating), measured in the same run.
/// The SQLite query counts the volumes, acceptances, replies, ratings and summed days per
/// organ — a subset of the figures (no clocks, percentiles, orders or breaches), so it is a
/// floor for a relational answer, not the same work.
@MainActor func statsBench(_ book: CaseBook, dir: String) {
    let r = Fixtures.reference
    let states = book.states
    let years = states.compactMap { $0.petition?.receivedOn.year }
    guard let year = years.max() else { return }
    guard let from = Day(year: year, month: 1, day: 1), let to = Day(year: year, month: 12, day: 31) else { return }
    let query = StatisticsQuery(from: from, to: to, by: .organ, asOf: to)
    var stats: Statistics?
    var times: [Double] = []
    for _ in 0..<3 {
        times.append(timed { stats = states.statistics(query, directory: r.directory, calendar: r.calendar) })
    }

    var db: OpaquePointer?
    sqlite3_open(dir + "/stats-baseline.sqlite", &db)
    sqlite3_exec(db, "CREATE TABLE cases (received INTEGER, organ TEXT, accepted INTEGER, delivered INTEGER, rating INTEGER)",
                 nil, nil, nil)
    sqlite3_exec(db, "BEGIN", nil, nil, nil)
    var insert: OpaquePointer?
    sqlite3_prepare_v2(db, "INSERT INTO cases VALUES (?, ?, ?, ?, ?)", -1, &insert, nil)
    for s in states {
        guard let p = s.petition else { continue }
        sqlite3_bind_int64(insert, 1, Int64(p.receivedOn.ordinal))
        sqlite3_bind_text(insert, 2, s.answerableOrgan ?? p.organ, -1, xf_sqlite_transient())
        if let a = s.acceptedOn { sqlite3_bind_int64(insert, 3, Int64(a.ordinal)) } else { sqlite3_bind_null(insert, 3) }
        if let d = s.deliveredOn { sqlite3_bind_int64(insert, 4, Int64(d.ordinal)) } else { sqlite3_bind_null(insert, 4) }
        if let rating = s.rating {
            sqlite3_bind_int64(insert, 5, Int64(Satisfaction.allCases.firstIndex(of: rating) ?? 0))
        } else {
            sqlite3_bind_null(insert, 5)
        }
        sqlite3_step(insert)
        sqlite3_reset(insert)
    }
    sqlite3_finalize(insert)
    sqlite3_exec(db, "COMMIT", nil, nil, nil)
    let sql = """
        SELECT organ, count(*), count(accepted), count(delivered), sum(accepted - received), sum(delivered - received),
               count(rating), sum(rating < 2) FROM cases WHERE received BETWEEN \(from.ordinal) AND \(to.ordinal)
        GROUP BY organ ORDER BY count(*) DESC
        """
    var select: OpaquePointer?
    sqlite3_prepare_v2(db, sql, -1, &select, nil)
    var sqliteTimes: [Double] = []
    var sqliteTotal = 0
    for _ in 0..<3 {
        sqliteTimes.append(timed {
            sqliteTotal = 0
            while sqlite3_step(select) == SQLITE_ROW { sqliteTotal += Int(sqlite3_column_int64(select, 1)) }
            sqlite3_reset(select)
        })
    }
    sqlite3_finalize(select)
    sqlite3_close(db)
    let received = stats?.total.received ?? 0
    precondition(received == sqliteTotal, "stats and SQLite count the same cases: \(received) vs \(sqliteTotal)")
    row("stats, one year by organ (\(received) of \(states.count) cases, \(stats?.groups.count ?? 0) organs)",
        f(percentile(times, 0.5) * 1000, " ms"),
        "SQLite GROUP BY over a table of the cases (volumes, days, ratings only): \(f(percentile(sqliteTimes, 0.5) * 1000, " ms"))",
        "median of 3; target < 300 ms warm")
}
