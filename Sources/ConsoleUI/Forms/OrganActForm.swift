import PetitionCore

/// The form of a supervision act of an organ (decision 0024), opened from the supervisor's
/// desk on the organ's row: the same fields as `xinfang supervise`, the same decision.
enum OrganActForm {
    static func blank(cases: [CaseNumber]) -> Form {
        Form(focus: "measure", values: ["measure": OrganMeasure.interview.rawValue, "target": LeadershipTarget.leadershipTeam.rawValue,
                                        "cases": cases.map(\.description).joined(separator: ",")])
    }

    /// The form lifting act `number` (decision 0030): the reason only.
    static func lift(_ number: Int) -> Form {
        Form(focus: "note", values: ["lifts": "\(number)"])
    }

    /// The act the form lifts, if it lifts one.
    static func lifting(_ form: Form, _ data: ConsoleData) -> OrganActEntry? {
        guard let n = Int(form.value("lifts")) else { return nil }
        let ledger = OrganActEntry.ledger(data.organRecords)
        return ledger.indices.contains(n - 1) ? ledger[n - 1] : nil
    }

    static func fields(_ form: Form, _ data: ConsoleData, _ language: Language) -> [FormField] {
        let zh = language == .zh
        if !form.value("lifts").isEmpty {
            return [FormField("note", zh ? "解除理由" : "Why lifted", required: true,
                              hint: data.articles.short(.supervisionListed, language))]
        }
        func choices<T: RawRepresentable & CaseIterable>(_: T.Type) -> [Choice] where T.RawValue == String {
            T.allCases.map { Choice($0.rawValue, ChoiceLabels.label($0.rawValue, language), keywords: $0.rawValue) }
        }
        let measure = OrganMeasure(rawValue: form.value("measure")) ?? .interview
        var fields = [FormField("measure", zh ? "措施" : "Act", .choice(choices(OrganMeasure.self)), required: true,
                                hint: data.articles.short(measure.rule, language))]
        if measure.concernsLeadership {
            fields.append(FormField("target", zh ? "对象" : "Target", .choice(choices(LeadershipTarget.self)), required: true))
            if form.value("target") == LeadershipTarget.leader.rawValue {
                fields.append(FormField("leader", FieldLabels.label("leader", language), required: true))
            }
            fields.append(FormField("days", zh ? "整改期限（天）" : "Days to put right", .number, required: true,
                                    hint: data.context.terms.listedSupervision.text.text(language)))
        }
        fields.append(FormField("cases", FieldLabels.label("cases", language), required: measure.concernsLeadership,
                                hint: zh ? "案件编号，逗号分隔" : "case numbers, comma-separated"))
        fields.append(FormField("note", zh ? "事由或督查发现" : "Why, or what was found", required: true))
        return fields
    }

    /// The command the form says, decided as the log will decide it; or the rejection.
    static func check(_ organ: OrganCode, _ form: Form, _ data: ConsoleData) throws(Rejection) -> OrganSupervisionCommand {
        if let n = Int(form.value("lifts")) {
            let act = lifting(form, data)?.act
            let command = OrganSupervisionCommand(measure: act?.measure ?? .listing, organ: act?.organ ?? organ,
                                                  note: form.value("note"), lifts: n)
            _ = try command.decide(data.context, records: data.organRecords)
            return command
        }
        guard let measure = OrganMeasure(rawValue: form.value("measure")) else {
            throw Rejection(.missingField, field: "measure", rule: nil)
        }
        var numbers: [CaseNumber] = []
        for part in form.value("cases").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }) {
            guard let number = CaseNumber(String(part)) else {
                throw Rejection(.invalidValue, field: "cases", ["value": String(part), "expected": "D-XFJ-2025-00001"])
            }
            numbers.append(number)
        }
        let days = form.value("days").isEmpty ? nil : Int(form.value("days"))
        if !form.value("days").isEmpty, days == nil {
            throw Rejection(.invalidValue, field: "days", ["value": form.value("days"), "expected": "1-90"])
        }
        let command = OrganSupervisionCommand(measure: measure, organ: organ,
                                              target: LeadershipTarget(rawValue: form.value("target")),
                                              leader: form.value("leader"), cases: numbers, note: form.value("note"),
                                              days: days)
        _ = try command.decide(data.context, records: data.organRecords)
        return command
    }
}
