/// A command the workflow refused on a training log, kept as a record of no case so
/// that a trainee's mistakes can be scored (docs/decisions/0026-training.md).
///
/// It holds what was tried and why it was refused — never the petition's text, so it
/// discloses nothing (Art 30) and a dump prints it as written. A production log writes
/// nothing on a refusal.
package struct TrainingAttempt: Codable, Sendable, Equatable {
    /// The account that tried it.
    package var by: String
    /// The action tried (`ActionKind` raw value; `register` for a registration).
    package var action: String
    /// The case it was tried on; nil for a registration.
    package var caseNumber: CaseNumber?
    /// The refusal's stable id (`Rejection.Code`) and the rule it cites.
    package var refusal: String
    package var rule: RuleID?
    /// The field the refusal names, where it names one.
    package var field: String?
    /// The simulated time of the attempt.
    package var at: Instant

    package init(by: String, action: String, caseNumber: CaseNumber?, refusal: String, rule: RuleID?, field: String?,
                 at: Instant) {
        self.by = by
        self.action = action
        self.caseNumber = caseNumber
        self.refusal = refusal
        self.rule = rule
        self.field = field
        self.at = at
    }

    /// The attempt a rejection of this action makes.
    package init(_ rejection: Rejection, action: String, caseNumber: CaseNumber?, by: String, at: Instant) {
        self.init(by: by, action: action, caseNumber: caseNumber, refusal: rejection.code.rawValue, rule: rejection.rule,
                  field: rejection.field, at: at)
    }
}
