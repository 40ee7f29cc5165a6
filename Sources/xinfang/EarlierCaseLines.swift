import PetitionCore

/// The lines `register` and `show` print for a case's earlier-case flags and missing
/// content (decision 0017): each open flag with its article and the earlier case, and what
/// the clerk may record; settled ones say how.
enum EarlierCaseLines {
    static func print(_ flags: [EarlierFlagJSON], missing: [String], _ session: Session, indent: String = "") {
        let zh = session.language == .zh
        for f in flags {
            let leapfrog = f.kind == EarlierCaseKind.leapfrog.rawValue
            let ref = f.ref.map { ref in
                leapfrog ? (zh ? "：以在先案件 \(ref) 的办理层级计" : ": by the level handling case \(ref)")
                    : (zh ? "：在先案件 \(ref)" : ": earlier case \(ref)")
            } ?? ""
            let line = "\(f.title)（\(f.article)）\(ref)"
            let en = "\(f.title) (\(f.article))\(ref)"
            let state: String
            switch f.settled {
            case "notAccepted"?: state = zh ? " —— 已不予受理" : " — not accepted"
            case "differentMatter"?: state = zh ? " —— 已认定不属同一事项" : " — found a different matter"
            case "linked"?: state = zh ? " —— 已作为重复访关联" : " — linked as a repeat"
            default:
                state = leapfrog || f.ref == nil ? ""
                    : f.kind == EarlierCaseKind.repeatPetition.rawValue
                    ? (zh ? " —— 待判断：同一事项的关联（link --kind repeats），不属同一事项的记录（different-matter）"
                          : " — to decide: link --kind repeats if the same matter, different-matter if not")
                    : (zh ? " —— 待判断：同一事项的不予受理（not-accept），不属同一事项的记录（different-matter）"
                          : " — to decide: not-accept if the same matter, different-matter if not")
            }
            Swift.print(indent + (zh ? "在先案件提示：" : "Earlier case: ") + (zh ? line : en) + state)
        }
        if !missing.isEmpty {
            let names = missing.compactMap { MissingContent(rawValue: $0)?.title.text(session.language) }
            let article = session.citation(.intakeContent)
            Swift.print(indent + (zh ? "内容不全（\(article)）：\(names.joined(separator: "、"))；可告知补正（request-supplement）"
                                     : "Incomplete (\(article)): \(names.joined(separator: ", ")); ask for a supplement (request-supplement)"))
        }
    }
}
