import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore
import TestSupport

/// The console on every case of the log: what a clerk waits for. Each key of a search or
/// of the queue's `/` filter is timed as the run loop does it (the key, then the rows
/// brought up to date), with the search index (decision 0020) and — in the same run —
/// without it, beside the floor of any pass over the cases (one field of each).
@MainActor func consoleBench(_ book: CaseBook) {
    let r = Fixtures.reference
    let clerk = PetitionCore.Actor(user: "clerk", role: .clerk, organ: "D-XFJ")
    var data = ConsoleData(states: book.states, directory: r.directory, calendar: r.calendar, categories: r.categories,
                           articles: r.articles, policy: r.policy, actor: clerk,
                           now: Fixtures.instant("2026-11-27T10:00"), training: true)
    let states = book.states
    // The floor of any pass over the cases: read one field of each.
    var floorTimes: [Double] = []
    for _ in 0..<3 { floorTimes.append(timed { _ = states.reduce(0) { $0 &+ $1.phase.hashValue } }) }
    let floor = percentile(floorTimes, 0.5)
    let floorText = "one field read from every case: \(f(floor * 1000, " ms"))"
    // The next-deadline index: built once per day from every case's clocks; the console
    // then derives its counts and rows from it (and after a change only the changed
    // cases are recomputed: CaseBookTests checks that against a full recompute).
    var indexRows: [QueueRow] = []
    let indexTime = timed { indexRows = book.nextDeadlines(asOf: data.today, calendar: r.calendar, directory: r.directory) }
    var queueTimes: [Double] = []
    for _ in 0..<3 {
        var state = AppState(language: .zh)
        var d = data
        d.rows = indexRows
        queueTimes.append(timed { state.refresh(d) })
    }
    data.rows = indexRows
    var state = AppState(language: .zh)
    state.refresh(data)
    _ = Update.apply(.character("w"), to: &state, data: data, pageSize: 18)
    var frameTimes: [Double] = []
    for _ in 0..<20 {
        frameTimes.append(timed {
            _ = Update.apply(.down, to: &state, data: data, pageSize: 18)
            _ = Console.render(state, data, rows: 24, columns: 80)
        })
    }
    // The search index: built on the first search (after the first screen), then kept.
    let before = rssMB()
    var index = SearchIndex()
    let searchBuild = timed { index = book.searchIndex() }
    let searchRSS = rssMB() - before
    let unindexed = data
    data.search = index

    let someone = states[states.count / 2].petition
    let id = someone?.petitioner.idNumber ?? "110105194912310021"
    let name = someone?.petitioner.name ?? "王秀英"
    let initials = PinyinInitials.of(name)
    let words = r.categories[someone?.category ?? ""]?.name ?? "工资"
    let phone = someone?.petitioner.phone ?? "13800000000"

    /// The last key of `text` typed into a search, median of 3 (and the hits it found).
    func searchKey(_ text: String, _ data: ConsoleData) -> (seconds: Double, hits: Int) {
        var times: [Double] = []
        var hits = 0
        for _ in 0..<3 {
            var s = AppState(language: .zh)
            s.refresh(data)
            _ = Update.apply(.character("s"), to: &s, data: data, pageSize: 18)
            for c in text.dropLast() { s.query.insert(c) }
            times.append(timed { _ = Update.apply(.character(text.last ?? "0"), to: &s, data: data, pageSize: 18) })
            hits = s.hits.count
        }
        return (percentile(times, 0.5), hits)
    }
    /// The last key of `text` typed after `/` in the queue, with the rows brought up to
    /// date as the run loop does before drawing, median of 3.
    func filterKey(_ text: String, _ data: ConsoleData) -> (seconds: Double, rows: Int) {
        var times: [Double] = []
        var rows = 0
        for _ in 0..<3 {
            var s = AppState(language: .zh)
            s.refresh(data)
            _ = Update.apply(.character("/"), to: &s, data: data, pageSize: 18)
            for c in text.dropLast() {
                _ = Update.apply(.character(c), to: &s, data: data, pageSize: 18)
                s.refresh(data)
            }
            times.append(timed {
                _ = Update.apply(.character(text.last ?? "0"), to: &s, data: data, pageSize: 18)
                s.refresh(data)
            })
            rows = s.rows.count
        }
        return (percentile(times, 0.5), rows)
    }
    let keys: [(String, String, Bool)] = [
        ("search, last key of an ID number", id, true),
        ("search, last key of a phone's last four digits", String(phone.suffix(4)), true),
        ("search, last key of a name", name, true),
        ("search, last key of pinyin initials (\(initials))", initials, true),
        ("search, last key of a word of the request (\(words))", words, true),
        ("search, first key of a name (\(name.prefix(1)))", String(name.prefix(1)), true),
        ("queue `/` filter, last key of a name", name, false),
        ("queue `/` filter, first key of a case number (D: every row)", "D", false),
    ]
    var figures: [(String, String, String, String)] = []
    for (what, text, isSearch) in keys {
        let with = isSearch ? searchKey(text, data) : { let x = filterKey(text, data); return (x.seconds, x.rows) }()
        let without = isSearch ? searchKey(text, unindexed) : { let x = filterKey(text, unindexed); return (x.seconds, x.rows) }()
        figures.append(("console: " + what, f(with.0 * 1000, " ms"),
                        floorText + "; without the index \(f(without.0 * 1000, " ms"))",
                        "median of 3; \(with.1) found" + (with.1 == without.1 ? "" : " (WITHOUT: \(without.1))")))
    }
    // The register form's earlier cases: a scan of every case vs the case book's identity index.
    let probe = Petition(channel: .visit, receivedOn: Fixtures.day("2026-11-27"), organ: "D-XFJ",
                         petitioner: Petitioner(name: "某", idNumber: id), request: "r", facts: "f", reasons: "r",
                         category: "WAGES", type: .grievance)
    var priorTimes: [Double] = []
    var found = 0
    for _ in 0..<3 {
        priorTimes.append(timed {
            found = states.priorCases(of: probe, asOf: data.today, calendar: r.calendar, directory: r.directory).count
        })
    }
    let identityBuild = timed { _ = book.cases(idNumber: id) }
    let identityLookup = timed { for _ in 0..<1000 { _ = book.cases(idNumber: id) } } / 1000
    print("")
    row("next-deadline index for a day, \(states.count) cases (every clock)", f(indexTime * 1000, " ms"),
        floorText, "once a day; after a change only the changed cases")
    row("console: home counts and queue rows from the index", f(percentile(queueTimes, 0.5) * 1000, " ms"),
        floorText, "median of 3")
    row("console: key + render of a queue frame, 80×24", f(percentile(frameTimes, 0.5) * 1000, " ms"),
        "p99 \(f(percentile(frameTimes, 0.99) * 1000, " ms"))", "median of 20")
    let sizes = index.sizes
    row("search index, built on first search", f(searchBuild * 1000, " ms"), floorText,
        "\(index.bytes / 1_048_576) MiB (\(sizes.keys) keys, \(sizes.postings) postings); resident +\(f(searchRSS, " MB"))")
    for (a, b, c, d) in figures { row(a, b, c, d) }
    row("console: earlier cases of a person (\(found) found)", f(percentile(priorTimes, 0.5) * 1000, " ms"),
        "identity index: built on first use in \(f(identityBuild * 1000, " ms")), then \(f(identityLookup * 1_000_000, " µs")) a lookup",
        "median of 3")
}
