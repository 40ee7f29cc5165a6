import PetitionCore
import TestSupport
import Testing

/// Every rule has an article entry, and every article entry is used by a rule.
@Suite("data/regulation.json")
struct RegulationCoverageTests {
    let articles = Fixtures.reference.articles

    @Test func everyRuleHasAnEntryAndEveryEntryIsARule() {
        let inCode = Set(RuleID.allCases)
        let inData = Set(articles.articles.keys)
        #expect(inCode.subtracting(inData).isEmpty, "rules without an article entry")
        #expect(inData.subtracting(inCode).isEmpty, "article entries no rule uses")
    }

    @Test func everyRuleIsCitedBySomeCommandRejectionClockOrCheck() {
        var used = Set(ActionKind.allCases.map(\.rule))
        used.formUnion(Rejection.Code.allCases.compactMap(\.rule))
        used.formUnion(ClockKind.allCases.map(\.rule))
        used.formUnion(PetitionValidation.rules)
        // The breaches derived per organ (decision 0022).
        used.formUnion(BreachKind.allCases.map(\.rule))
        // The flags registration records, each under its own article (decision 0017).
        used.formUnion(EarlierCaseKind.allCases.map(\.rule))
        // Rules that specific decisions cite in place of their action's default.
        used.formUnion([.directNotice, .directRouteOrRedirect, .classifySuggestion, .classifyAccusation,
                        .finality])
        // Each suggestion under its own paragraph of Art 40, and the acts of no case (decision 0024).
        used.formUnion(Suggestion.allCases.map(\.rule))
        used.formUnion(OrganMeasure.allCases.map(\.rule))
        // The annual report cites its article (`xinfang report annual`, Art 41 para 1).
        used.insert(.annualReport)
        #expect(Set(RuleID.allCases).subtracting(used).isEmpty, "rules no code cites")
    }

    @Test func everyRegulationRuleNamesItsArticleAndEveryPracticeRuleSaysSo() {
        for (id, a) in articles.articles {
            switch a.basis {
            case "regulation":
                #expect(a.article.map { (1...50).contains($0) } == true, "\(id.rawValue) has no article number")
            case "practice":
                #expect(a.article == nil, "\(id.rawValue)")
                #expect(id.rawValue.hasPrefix("practice."))
            default:
                Issue.record("\(id.rawValue): basis must be regulation or practice")
            }
            #expect(!a.title.isEmpty && !a.titleEn.isEmpty)
        }
    }

    @Test func citationsReadAsAClerkWouldSayThem() {
        #expect(articles.citation(.triageAssign, .zh) == "《信访工作条例》第22条第1款第3项")
        #expect(articles.citation(.triageAssign, .en) == "Art 22(1)(3)")
        #expect(articles.citation(.handlingOpinion, .zh) == "《信访工作条例》第32条")
        #expect(articles.citation(.practiceVoiding, .zh) == "工作实践")
        // An article of one paragraph is cited by item alone, as Art 34 cites Art 31.
        #expect(articles.citation(.handlingHearing, .zh) == "《信访工作条例》第31条第6项")
        // A rule resting on several places cites them all, leaving out what repeats.
        #expect(articles.citation(.triageTransfer, .zh) == "《信访工作条例》第22条第1款第1项、第2项")
        #expect(articles.citation(.triageTransfer, .en) == "Arts 22(1)(1) and 22(1)(2)")
        #expect(articles.citation(.triageEscalateMajor, .zh) == "《信访工作条例》第22条第1款第1项、第25条")
        #expect(articles.citation(.classifyAccusation, .zh) == "《信访工作条例》第30条第1款、第3款")
        #expect(articles.short(.triageEscalateMajor, .zh) == "第22条第1款第1项等")
        #expect(articles.short(.triageEscalateMajor, .en) == "Art 22(1)(1) etc.")
    }
}
