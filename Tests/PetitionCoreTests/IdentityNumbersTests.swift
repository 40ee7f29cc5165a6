import PetitionCore
import TestSupport
import Testing

@Suite("Identity numbers")
struct IdentityNumbersTests {
    let today = Fixtures.day("2025-05-01")

    @Test(arguments: [Fixtures.zhangWeiID, Fixtures.liNaID, Fixtures.wangFangID, "11010519491231002x"])
    func validResidentIDsPass(_ id: String) {
        #expect(IdentityNumbers.checkResidentID(id, today: today) == nil)
    }

    @Test(arguments: [
        ("110105194912310021", IdentityNumbers.Problem.badCheckCharacter),
        ("11010519491231002", .wrongLength),
        ("1101051949123100A2", .badCharacters),
        ("110105194902300021", .badBirthDate),
        ("110105203001010021", .badBirthDate),
    ])
    func invalidResidentIDsSayWhy(_ id: String, _ problem: IdentityNumbers.Problem) {
        #expect(IdentityNumbers.checkResidentID(id, today: today) == problem)
    }

    @Test func creditCodesAreCheckedWithTheirCheckCharacter() {
        #expect(IdentityNumbers.checkCreditCode(Fixtures.companyCode) == nil)
        #expect(IdentityNumbers.checkCreditCode("91350100M000100Y44") == .badCheckCharacter)
        #expect(IdentityNumbers.checkCreditCode("91350100M000100YI3") == .badCharacters)
        #expect(IdentityNumbers.checkCreditCode("9135") == .wrongLength)
    }

    @Test(arguments: ["13800138000", "010-12345678", "0571 8888 6666", "12345", "4008001234"])
    func plausiblePhones(_ p: String) { #expect(IdentityNumbers.isPlausiblePhone(p)) }

    @Test(arguments: ["1380013800", "23800138000", "abc", "", "12"])
    func implausiblePhones(_ p: String) { #expect(!IdentityNumbers.isPlausiblePhone(p)) }
}
