import PetitionCore

/// Cases as rows for a spreadsheet (`xinfang export`): personal data masked unless the
/// user's role may see it (`PersonalData.masked`), and an accusation's content and accuser
/// withheld from whoever may not read it (Art 30, `CaseState.contentVisible`).
package struct CaseExport {
    /// One exported case; every value text, as the CSV writes it.
    package struct Row: Equatable, Sendable, Encodable {
        package var caseNumber: String
        package var received: String
        package var channel: String
        package var petitioner: String
        package var idNumber: String
        package var phone: String
        package var address: String
        package var category: String
        package var type: String
        package var request: String
        package var state: String
        package var organ: String
        package var accepted: String
        package var replied: String
        package var rating: String
        /// The content and petitioner are withheld from this user (Art 30).
        package var withheld: Bool
    }

    package static func headers(_ language: Language) -> [String] {
        language == .zh
            ? ["案件编号", "收到日期", "渠道", "信访人", "证件号码", "联系电话", "住址", "类别", "类型", "信访请求",
               "状态", "现办理机关", "受理日期", "答复送达日期", "信访人评价"]
            : ["case", "received", "channel", "petitioner", "ID number", "phone", "address", "category", "type",
               "request", "state", "organ", "accepted", "replied", "rating"]
    }

    /// The case's row as this user may see it.
    /// With `masked` (`DataScope.masksExport`), names, identity numbers and phones masked and
    /// addresses withheld; never less than `PersonalData.masked` for the role.
    package static func row(_ state: CaseState, phase: Phase, actor: Actor, name: String?, masked: Bool = false,
                            language: Language, organName: (OrganCode?) -> String,
                            categoryName: (String) -> String) -> Row? {
        guard let p = state.petition else { return nil }
        let visible = state.contentVisible(to: actor, name: name)
        let masked = masked || PersonalData.masked(for: actor.role)
        let hide = PersonalData.withheld
        let person = p.petitioner
        func label(_ raw: String?) -> String { raw.map { ChoiceLabels.label($0, language) } ?? "" }
        return Row(
            caseNumber: state.number.description, received: p.receivedOn.description, channel: label(p.channel.rawValue),
            petitioner: !visible ? hide : masked ? PersonalData.maskName(person.name ?? "") : person.name ?? "",
            idNumber: !visible ? hide : masked ? PersonalData.mask(person.idNumber) : person.idNumber ?? "",
            phone: !visible ? hide : masked ? PersonalData.mask(person.phone) : person.phone ?? "",
            address: !visible || (masked && person.address != nil) ? hide : person.address ?? "",
            category: categoryName(p.category), type: label(state.matterType?.rawValue),
            request: visible ? p.request : hide, state: phase.title.text(language), organ: organName(state.holder),
            accepted: state.acceptedOn?.description ?? "", replied: state.deliveredOn?.description ?? "",
            rating: label(state.rating?.rawValue), withheld: !visible)
    }

    /// The CSV: identity numbers and phones end in a tab inside their quoted cell, so that a
    /// spreadsheet keeps them as text — 18 digits read as a number lose their last three
    /// (1.10101199001011E+17) — while showing the digits; a script reading the CSV trims it
    /// (docs/statistics.md, "Exports"). `="…"` would keep them too, but is a formula, which the
    /// CSV neutralises (`CSV.neutralised`).
    package static func csv(_ rows: [Row], language: Language) -> String {
        var rows = rows
        for i in rows.indices {
            rows[i].idNumber = asText(rows[i].idNumber)
            rows[i].phone = asText(rows[i].phone)
        }
        return CSV.text(table(rows, language: language), bom: true)
    }

    /// A cell of digits a spreadsheet must keep as text: with a trailing tab.
    static func asText(_ digits: String) -> String { digits.isEmpty || digits == PersonalData.withheld ? digits : digits + "\t" }

    /// The same table as an Excel 2003 XML workbook (`SpreadsheetXML`, decision 0024).
    package static func xml(_ rows: [Row], language: Language) -> String {
        SpreadsheetXML.text(table(rows, language: language), sheet: language == .zh ? "案件" : "cases")
    }

    /// The headers, then one line per case: every export form prints this one table.
    static func table(_ rows: [Row], language: Language) -> [[String]] {
        [headers(language)] + rows.map { r in
            [r.caseNumber, r.received, r.channel, r.petitioner, r.idNumber, r.phone, r.address, r.category, r.type,
             r.request, r.state, r.organ, r.accepted, r.replied, r.rating]
        }
    }
}
