import PetitionCore
import TestSupport
import Testing

@Suite("Intake (Arts 17, 19, 20, 21, 48, 50)")
struct IntakeTests {
    func register(_ p: Petition, by actor: Actor = Fixtures.clerk, at time: String = "2025-04-28T09:00") -> Rejection? {
        Scenario().attempt(.register(p), as: actor, at: time)
    }

    @Test func fiveRepresentativesAreAllowed() {
        #expect(register(Fixtures.groupVisit(representatives: 5)) == nil)
    }

    @Test func sixthRepresentativeIsRefusedUnderArticle20() throws {
        let r = try #require(register(Fixtures.groupVisit(representatives: 6)))
        #expect(r.code == .groupTooManyRepresentatives)
        #expect(r.field == "group.representatives")
        #expect(Fixtures.reference.articles[try #require(r.rule)].article == 20)
        let text = r.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
        #expect(text == "多人走访应推选代表，代表人数不超过5人（现为6人）（依据《信访工作条例》第20条第3款）")
    }

    @Test func aPetitionWithoutARequestIsNoPetitionAndIsRefusedNamingTheField() throws {
        var p = Fixtures.letter()
        p.request = "  "
        let r = try #require(register(p))
        #expect(r.code == .notAPetition && r.field == "request" && r.rule == .intakeContent)
        #expect(r.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
                == "没有信访请求，不构成信访事项，不予登记；有请求的，缺事实、理由也应登记并告知补正（依据《信访工作条例》第19条第1款）")
    }

    @Test func aVisitorMustGiveAnIdentityDocument() {
        var p = Fixtures.groupVisit()
        p.group = nil
        p.petitioner.idNumber = nil
        #expect(register(p)?.field == "petitioner.idNumber")
    }

    @Test func aLetterWithoutAnAddressIsRegisteredButCannotBeNotified() throws {
        var p = Fixtures.letter(organ: "D-ZJJ")
        p.petitioner.address = nil
        p.petitioner.phone = nil
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.trainee, at: "2025-04-28T09:00")
        #expect(s.state.flags.contains(.unreachable))
        // The duty to notify lapses (Art 19): no direct-notice clock runs.
        #expect(s.clocks(asOf: "2025-04-28").isEmpty)
    }

    /// An address or phone of white space only (full-width spaces, tabs, line breaks) is
    /// no address; one real character anywhere in it is.
    @Test func anAddressOfOnlyWhiteSpaceIsNoAddress() {
        var p = Fixtures.letter(organ: "D-ZJJ")
        p.petitioner.phone = nil
        for (address, unreachable) in [("\u{3000}\u{3000}", true), (" \t\n", true), ("", true), ("\u{3000}临江路1号", false),
                                       ("  12 Main St", false), ("\u{3000}\u{00A0}é", false)] {
            p.petitioner.address = address
            #expect(p.isUnreachable == unreachable, "\(address.unicodeScalars.map(\.value))")
        }
        p.petitioner.address = "临江路1号"
        p.petitioner.name = "\u{3000}"
        #expect(p.isUnreachable)
    }

    @Test func aDirectPetitionToADepartmentRunsTheArticle23NoticeClock() throws {
        var s = Scenario()
        try s.run(.register(Fixtures.letter(organ: "D-RSJ")), as: Fixtures.trainee, at: "2025-04-28T09:00")
        #expect(s.due(.directNotice, asOf: "2025-04-28") == Fixtures.day("2025-05-13"))
        let events = try s.run(.accept(route: "依法办理", on: nil), as: Fixtures.trainee, at: "2025-04-30T09:00")
        #expect(events.first?.rule == .directNotice)
        #expect(s.due(.handling, asOf: "2025-04-30") == Fixtures.day("2025-06-30"))
    }

    @Test func aPetitionReceivedBeforeTheRegulationWasInForceIsRefused() {
        #expect(register(Fixtures.letter(received: "2022-04-30"))?.code == .beforeInForce)
        #expect(register(Fixtures.letter(received: "2022-05-01"), at: "2022-05-02T09:00") == nil)
    }

    @Test func aDateReceivedInTheFutureIsRefused() {
        #expect(register(Fixtures.letter(received: "2025-04-29"))?.code == .dateInFuture)
    }

    @Test func invalidIdentityAndPhoneAndCodesAreRefused() {
        #expect(register(Fixtures.letter(idNumber: "110105194912310021"))?.code == .invalidResidentID)
        var p = Fixtures.letter()
        p.petitioner.phone = "12"
        #expect(register(p)?.code == .invalidPhone)
        p = Fixtures.letter()
        p.category = "NOPE"
        #expect(register(p)?.code == .unknownCategory)
        p = Fixtures.letter()
        p.organ = "X-NONE"
        #expect(register(p, by: Fixtures.trainee)?.code == .unknownOrgan)
        p = Fixtures.letter()
        p.petitioner = Petitioner(kind: .legalPerson, name: "某公司", idNumber: Fixtures.companyCode, address: "某路")
        #expect(register(p) == nil)
        p.petitioner.idNumber = "91350100M000100Y44"
        #expect(register(p)?.code == .invalidCreditCode)
    }

    @Test func aForeignVisitorGivesAPassportNumberUnderArticle48() {
        var p = Fixtures.groupVisit()
        p.group = nil
        p.petitioner = Petitioner(kind: .foreigner, name: "John Smith", idNumber: nil, phone: nil, address: "酒店")
        let r = register(p)
        #expect(r?.code == .missingField && r?.rule == .intakeForeign)
        p.petitioner.idNumber = "E12345678"
        #expect(register(p) == nil)
    }

    @Test func aClerkRegistersOnlyForTheirOwnOrgan() {
        #expect(register(Fixtures.letter(organ: "D-ZJJ"))?.code == .wrongOrgan)
    }
}
