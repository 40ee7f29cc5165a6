import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport

/// A console on an in-memory log, driven by keys as a person at the window would:
/// every key goes through `Update.apply`, every save's effect is written through the
/// case book (the same lock, decision and fold the terminal console uses), and the
/// screen is read back as text.
final class Desk {
    let log: InMemoryEventLog
    let book: CaseBook
    var state: AppState
    var data: ConsoleData
    var rows = 24
    var columns = 80

    init(_ actor: PetitionCore.Actor, language: Language = .zh, at time: String = "2025-05-12T10:00",
         events: [CaseEvent] = []) throws {
        log = InMemoryEventLog(header: Fixtures.trainingHeader, events: events)
        book = try CaseBook(log: log)
        let r = Fixtures.reference
        data = ConsoleData(states: book.states, directory: r.directory, calendar: r.calendar, categories: r.categories,
                           articles: r.articles, policy: r.policy, actor: actor, now: Fixtures.instant(time),
                           training: true, version: 0)
        state = AppState(language: language)
        state.refresh(data)
    }

    func press(_ keys: Key...) { press(keys) }

    func press(_ keys: [Key]) {
        for key in keys {
            Update.apply(key, to: &state, data: data, pageSize: Console.pageSize(rows: rows))
            guard let effect = state.pending else { continue }
            let result: EffectResult
            do {
                switch effect {
                case .register(let petition):
                    result = .registered(try book.register([petition], now: data.now, actor: data.actor,
                                                           reference: Fixtures.reference)[0])
                case .execute(let command, let number):
                    _ = try book.execute(command, on: number, now: data.now, actor: data.actor, reference: Fixtures.reference)
                    result = .executed(number)
                }
            } catch let r as Rejection {
                result = .failed(r.message(state.language, articles: data.articles, directory: data.directory), field: r.field)
            } catch {
                result = .failed("\(error)", field: nil)
            }
            data.update(book.states, positions: book.position)
            data.version += 1
            Update.completed(result, &state, data: data)
        }
    }

    /// Types text as a terminal delivers it: one scalar at a time.
    func type(_ text: String) {
        for scalar in text.unicodeScalars { press(.character(Character(scalar))) }
    }

    var grid: CellGrid { Console.render(state, data, rows: rows, columns: columns) }
    var screen: String { grid.text.joined(separator: "\n") }

    /// The value typed in a field of the open form.
    func value(_ key: String) -> String? { state.form?.values[key]?.text }

    /// Moves the form's focus to a field with Tab (or Shift-Tab back), as a person would.
    func tab(to key: String) {
        for _ in 0..<40 where state.form?.focus != key { press(.tab) }
        for _ in 0..<40 where state.form?.focus != key { press(.backTab) }
    }
}
