import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The search index at the console (decision 0020): it follows what is appended — here
/// and by another console — case by case, and the search and the `/` filter answer from
/// it what they answered by checking every case.
@Suite("Search index at the console")
struct SearchIndexConsoleTests {
    static func hits(_ desk: Desk) -> [String] { desk.state.hits.map { "\($0.number) \($0.matched.text(.zh))" } }

    @Test func aCaseRegisteredHereIsFoundByItsInitialsAndTheIndexIsOneBuiltAfresh() throws {
        let desk = try Desk(Fixtures.clerk, events: ScreenTests.threeCases())
        #expect(desk.data.search != nil, "the console searches from the index once open")
        FormTests.fillGroupVisit(desk)
        desk.press(.function(2))
        #expect(desk.screen.contains("D-XFJ-2025-00004"), "registered: \(desk.screen)")
        desk.press(.escape, .character("s"))
        desk.type("zw")  // 张伟, the petitioner and a representative of the new group visit
        #expect(Self.hits(desk).first == "D-XFJ-2025-00004 拼音首字母", "\(desk.screen)")
        #expect(desk.book.searchIndex().compacted() == SearchIndex(desk.book.states))
    }

    @Test func aCaseAnotherConsoleRegistersIsFoundAfterThePoll() throws {
        let desk = try Desk(Fixtures.clerk, events: ScreenTests.threeCases())
        desk.press(.character("s"))
        let other = try CaseBook(log: desk.log.handle())
        var petition = Fixtures.letter(received: "2025-05-12")
        petition.petitioner.name = "曾琳琳"
        petition.petitioner.phone = "13811112468"
        _ = try other.register([petition], now: Fixtures.instant("2025-05-12T10:00"), actor: Fixtures.clerk,
                               reference: Fixtures.reference)
        desk.wait(seconds: ConsoleLoop.pollInterval)
        desk.type("zll")
        #expect(Self.hits(desk) == ["D-XFJ-2025-00004 拼音首字母"], "\(desk.screen)")
        desk.press(.control("u"))
        desk.type("112468")
        #expect(Self.hits(desk) == ["D-XFJ-2025-00004 联系电话"], "\(desk.screen)")
    }

    /// A search typed before another console's registration shows its case once the poll has
    /// picked it up, with no key pressed, and the hit that was selected stays selected.
    @Test func theHitsFollowACaseAnotherConsoleRegistersWhileTheSearchIsOpen() throws {
        let desk = try Desk(Fixtures.clerk, events: ScreenTests.threeCases())
        desk.press(.character("s"))
        desk.type("临江")
        let before = Self.hits(desk)
        #expect(before.count >= 2, "\(desk.screen)")
        desk.press(.down)
        let selected = desk.state.hits[desk.state.hitSelected].number
        let other = try CaseBook(log: desk.log.handle())
        var petition = Fixtures.letter(received: "2025-05-12")
        petition.petitioner.address = "临江区滨江路9号"
        _ = try other.register([petition], now: Fixtures.instant("2025-05-12T10:00"), actor: Fixtures.clerk,
                               reference: Fixtures.reference)
        desk.wait(seconds: ConsoleLoop.pollInterval)
        desk.press(.tick)
        #expect(Self.hits(desk).count == before.count + 1, "\(desk.screen)")
        #expect(Self.hits(desk).contains { $0.hasPrefix("D-XFJ-2025-00004") }, "\(desk.screen)")
        #expect(desk.state.hits[desk.state.hitSelected].number == selected)
    }

    @Test(arguments: ["张伟", "D-XFJ-2025-0000", "安置", "RESETTLEMENT", "2025-00002", "伟"])
    func theFilterKeepsTheRowsItKeptWithoutTheIndex(_ filter: String) throws {
        let desk = try Desk(Fixtures.clerk, events: ScreenTests.threeCases())
        desk.press(.character("w"), .character("/"))
        desk.type(filter)
        var without = desk.data
        without.search = nil
        var state = desk.state
        state.filter = ""
        state.refresh(without)
        state.filter = filter
        state.refresh(without)
        #expect(desk.state.rows.map(\.number) == state.rows.map(\.number))
        #expect(!state.rows.isEmpty, "\(filter) keeps a row: the comparison is not of two empty lists")
    }
}
