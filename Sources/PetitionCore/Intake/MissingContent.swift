/// Part of a petition's content that is missing (Art 19 para 1: a petition states the
/// request, the facts and the reasons; a call is returned on its number).
///
/// Every petition is registered (Art 22 para 1, Art 23 para 1; not registering is a breach,
/// Arts 43 and 44(1)): one missing part of its content is registered and flagged, and the
/// petitioner is asked to supplement it (补正, practice). Only what is not a petition at all
/// is refused: no request, or nobody to reply to and nothing to act on.
package enum MissingContent: String, Codable, Sendable, CaseIterable {
    case facts, reasons, phone

    /// The case flag that shows it.
    package var flag: CaseFlag {
        switch self {
        case .facts: .missingFacts
        case .reasons: .missingReasons
        case .phone: .missingPhone
        }
    }

    package var title: Localized {
        switch self {
        case .facts: Localized("缺事实", "no facts")
        case .reasons: Localized("缺理由", "no reasons")
        case .phone: Localized("来电无号码", "call without a number")
        }
    }
}

extension Petition {
    /// What the petition lacks of its content (Art 19 para 1), in a fixed order.
    package var missingContent: [MissingContent] {
        var missing: [MissingContent] = []
        if InputText.isBlank(facts) { missing.append(.facts) }
        if InputText.isBlank(reasons) { missing.append(.reasons) }
        if channel == .phone, InputText.isBlank(petitioner.phone) { missing.append(.phone) }
        return missing
    }
}
