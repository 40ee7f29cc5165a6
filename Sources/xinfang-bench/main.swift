import Foundation
import PetitionCore
import PetitionStore
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// `make bench`: each figure beside a baseline measured in the same run, as medians
// of several rounds. Timed tests are not used for speed; this is where it is measured.

func seconds(_ body: () -> Void) -> Double {
    var t0 = timespec(), t1 = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t0)
    body()
    clock_gettime(CLOCK_MONOTONIC, &t1)
    return Double(t1.tv_sec - t0.tv_sec) + Double(t1.tv_nsec - t0.tv_nsec) / 1e9
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func rate(rounds: Int = 5, count: Int, _ body: () -> Void) -> Double {
    median((0..<rounds).map { _ in Double(count) / seconds(body) })
}

func row(_ what: String, _ value: String, _ baseline: String, _ ratio: String) {
    print(what.padding(toLength: 44, withPad: " ", startingAt: 0) + value.padding(toLength: 22, withPad: " ", startingAt: 0)
          + baseline.padding(toLength: 40, withPad: " ", startingAt: 0) + ratio)
}

func fmt(_ x: Double) -> String { x >= 100 ? String(Int(x.rounded())) : String(format: "%.2f", x) }

// A synthetic log: the worked example's 17 steps for each case.
let cases = 5_000
var events: [CaseEvent] = []
events.reserveCapacity(cases * 17)
for i in 1...cases {
    var s = Scenario(number: CaseNumber(organ: "D-XFJ", year: 2025, sequence: i))
    for step in Scenario.workedExample { _ = try? s.run(step.command, as: step.actor, at: step.time) }
    for var e in s.log {
        e.seq = events.count + 1
        events.append(e)
    }
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
let lines = events.compactMap { try? encoder.encode($0) }
var blob = Data()
for l in lines { blob.append(l); blob.append(0x0A) }

print("xinfang bench — \(events.count) events (\(cases) cases × 17 steps), \(ProcessInfo.processInfo.processorCount) cores, "
      + "\(Date())")
print("")
row("what", "figure", "baseline (same run)", "ratio")

// 1. Decoding the JSON-lines log vs splitting its lines only.
let decoder = JSONDecoder()
let decodeRate = rate(rounds: 3, count: events.count) {
    for line in blob.split(separator: 0x0A) { _ = try? decoder.decode(CaseEvent.self, from: line) }
}
let splitRate = rate(count: events.count) {
    var lines = 0
    blob.withUnsafeBytes { raw in
        guard var p = raw.baseAddress else { return }
        let end = p + raw.count
        while p < end, let nl = memchr(p, 0x0A, end - p) {
            lines += 1
            p = UnsafeRawPointer(nl) + 1
        }
    }
    precondition(lines == events.count)
}
row("decode JSON-lines records", "\(fmt(decodeRate)) ev/s", "find line ends (memchr): \(fmt(splitRate)) ev/s",
    String(format: "%.3f×", decodeRate / splitRate))

// 2. Replay (evolve) vs appending to arrays by case.
let replayRate = rate(count: events.count) {
    var states: [CaseNumber: CaseState] = [:]
    for e in events { states[e.caseNumber] = Workflow.evolve(states[e.caseNumber] ?? CaseState(number: e.caseNumber), e) }
}
let groupRate = rate(count: events.count) {
    var grouped: [CaseNumber: [CaseEvent]] = [:]
    for e in events { grouped[e.caseNumber, default: []].append(e) }
}
row("replay (evolve) into case states", "\(fmt(replayRate)) ev/s", "group by case only: \(fmt(groupRate)) ev/s",
    String(format: "%.2f×", replayRate / groupRate))

// 3. decide + evolve for one command on a case in handling.
let handling = Scenario.at(.handling)
let ctx = handling.context(Fixtures.housingHandler, at: "2025-06-01T09:00")
let command = CaseCommand.startHearing(on: nil)
let n = 20_000
let decideRate = rate(count: n) {
    for _ in 0..<n {
        if let e = try? Workflow.decide(command, handling.state, ctx) { _ = Workflow.evolve(handling.state, e[0]) }
    }
}
let evolveRate = rate(count: n) {
    let e = (try? Workflow.decide(command, handling.state, ctx)) ?? []
    for _ in 0..<n { _ = Workflow.evolve(handling.state, e[0]) }
}
row("decide + evolve one command", "\(fmt(decideRate)) cmd/s", "evolve only: \(fmt(evolveRate)) ev/s",
    String(format: "%.2f×", decideRate / evolveRate))

// 4. Calendar: a 60-day due date vs plain day arithmetic.
let calendar = Fixtures.calendar
let start = Fixtures.day("2025-01-01")
let calRate = rate(count: 100_000) {
    var d = start
    for i in 0..<100_000 { d = calendar.adding(calendarDays: 60, to: start.adding(days: i % 700)).due }
    _ = d
}
let arithRate = rate(count: 100_000) {
    var x = 0
    for i in 0..<100_000 { x &+= start.adding(days: 60 + i % 700).weekday }
    _ = x
}
row("due date, 60 calendar days", "\(fmt(calRate))/s", "day arithmetic: \(fmt(arithRate))/s",
    String(format: "%.3f×", calRate / arithRate))

// 5. Appending one record with fsync vs a raw write + fdatasync loop on the same disk.
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-bench-\(getpid())").path
try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: dir) }
var appendTimes: [Double] = []
if let log = try? DurableLog.create(at: dir + "/bench.log", mode: .training, jurisdiction: "D-XFJ",
                                    now: Instant(millisecondsSince1970: 0)) {
    for e in events.prefix(300) { appendTimes.append(seconds { _ = try? log.append([[e]]) }) }
}
let fd = open(dir + "/raw.log", O_WRONLY | O_CREAT | O_APPEND, 0o640)
var rawTimes: [Double] = []
for line in lines.prefix(300) {
    rawTimes.append(seconds {
        line.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        fdatasync(fd)
    })
}
close(fd)
func pct(_ xs: [Double], _ p: Double) -> Double { xs.sorted()[min(xs.count - 1, Int(Double(xs.count) * p))] * 1000 }
if !appendTimes.isEmpty {
    row("append one event (fsync), p50 / p99", String(format: "%.2f / %.2f ms", pct(appendTimes, 0.5), pct(appendTimes, 0.99)),
        String(format: "raw write+fdatasync: %.2f / %.2f ms", pct(rawTimes, 0.5), pct(rawTimes, 0.99)),
        String(format: "%.2f×", pct(appendTimes, 0.5) / pct(rawTimes, 0.5)))
}
print("")
print("The plain JSON-lines log is the first form; the durable log (checksums, hash chain, fast codec) replaces it.")
