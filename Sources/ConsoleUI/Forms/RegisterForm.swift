import PetitionCore

/// The register form (登记): which fields a petition needs for its channel, its
/// petitioner and whether it is a group visit, and how the typing becomes a `Petition`.
/// The checks themselves are the core's (`PetitionValidation`, `Workflow.decide`).
enum RegisterForm {
    /// Representatives beyond the first (the petitioner is the first); Art 20 allows five in all.
    static let extraRepresentatives = 2...5

    static func blank(_ data: ConsoleData) -> Form {
        Form(focus: "channel", values: ["channel": "visit", "receivedAt": "\(data.today)", "petitioner.kind": "citizen",
                                        "type": "grievance"])
    }

    /// The fields as the form stands: an organisation is asked for its name and credit
    /// code, a group for its size and representatives, an accusation for the organ accused.
    static func fields(_ form: Form, _ data: ConsoleData, _ language: Language) -> [FormField] {
        let zh = language == .zh
        let articles = data.articles
        func cite(_ rule: RuleID) -> String { articles.short(rule, language) }
        func options(_ values: [String]) -> [Choice] { values.map { Choice($0, ChoiceLabels.label($0, language)) } }
        let kind = PetitionerKind(rawValue: form.value("petitioner.kind")) ?? .citizen
        let channel = Channel(rawValue: form.value("channel")) ?? .visit
        let organisation = kind == .legalPerson || kind == .otherOrganisation || kind == .foreignOrganisation
        let idLabel: String = switch kind {
        case .citizen: zh ? "身份证号" : "Resident ID"
        case .legalPerson, .otherOrganisation: zh ? "信用代码" : "Credit code"
        case .foreigner, .stateless, .foreignOrganisation: zh ? "证件号码" : "Passport/ID"
        }
        let group = (Int(InputText.number(form.value("group.people"))) ?? 0) >= 2
        var fields: [FormField] = [
            FormField("channel", zh ? "信访渠道" : "Channel", .choice(options(Channel.allCases.map(\.rawValue))),
                      required: true, hint: cite(.intakeChannels)),
            FormField("receivedAt", zh ? "收到日期" : "Received", .day, required: true),
            FormField("petitioner.kind", zh ? "信访人类别" : "Petitioner", .choice(options(PetitionerKind.allCases.map(\.rawValue))),
                      required: true, hint: kind.isForeign ? cite(.intakeForeign) : nil),
            FormField("petitioner.name", organisation ? (zh ? "单位名称" : "Org. name") : (group ? (zh ? "代表1姓名" : "Rep 1 name") : (zh ? "姓名" : "Name")),
                      required: channel == .visit, hint: cite(.intakeContent)),
            FormField("petitioner.idNumber", group ? (zh ? "代表1证件" : "Rep 1 ID") : idLabel, required: channel == .visit,
                      hint: channel == .visit ? (zh ? "走访须核对证件 " : "visit: check ID ") + cite(.intakeChannels) : nil),
            // A call without a number is registered all the same, flagged for a supplement (补正).
            FormField("petitioner.phone", zh ? "联系电话" : "Phone", .number,
                      hint: channel == .phone ? (zh ? "来电无号码：照登，待补正" : "call: no number, flagged") : nil),
            FormField("petitioner.address", zh ? "住址" : "Address", hint: zh ? "无姓名住址则无法告知 " + cite(.intakeContent)
                                                                        : "no name/address: cannot be told " + cite(.intakeContent)),
            FormField("type", zh ? "事项类型" : "Matter type", .choice(options(MatterType.allCases.map(\.rawValue))), required: true),
            FormField("category", zh ? "问题类别" : "Category",
                      .pick(data.categories.categories.map { Choice($0.code, $0.name(language), keywords: $0.name + " " + $0.nameEn) }),
                      required: true, hint: zh ? "Enter 选择" : "Enter to pick"),
            FormField("request", zh ? "信访请求" : "Request", required: true, hint: cite(.intakeContent)),
            // Missing facts or reasons are a warning, not a refusal: the petition is registered
            // and flagged, and the petitioner asked to supplement it (Art 22 para 1, Art 23 para 1).
            FormField("facts", zh ? "事实" : "Facts", hint: (zh ? "缺则照登，待补正 " : "if none: flagged ") + cite(.intakeContent)),
            FormField("reasons", zh ? "理由" : "Reasons", hint: (zh ? "缺则照登，待补正 " : "if none: flagged ") + cite(.intakeContent)),
        ]
        if form.value("type") == MatterType.accusation.rawValue {
            fields.append(FormField("accusedOrgan", zh ? "被检举单位" : "Accused organ", .pick(organOptions(data, language)),
                                    hint: (zh ? "不转被检举单位 " : "never routed there ") + cite(.classifyAccusation)))
            // Art 30 para 3: the accused person too, so the accuser is kept from them.
            fields.append(FormField("accusedPerson.name", zh ? "被检举人姓名" : "Accused person",
                                    hint: (zh ? "不向被检举人透露 " : "never shown to them ") + cite(.classifyAccusation)))
            fields.append(FormField("accusedPerson.post", zh ? "被检举人职务" : "Their post"))
            fields.append(FormField("accusedPerson.organ", zh ? "被检举人单位" : "Their organ", .pick(organOptions(data, language)),
                                    hint: zh ? "按被检举单位对待" : "treated as an accused organ"))
        }
        fields.append(FormField("group.people", zh ? "集体访人数" : "Group size", .number,
                                hint: (zh ? "2人起，代表最多5名 " : "2 or more; at most 5 reps ") + cite(.intakeGroupVisit)))
        if group {
            for n in extraRepresentatives {
                let path = "group.representatives[\(n)]"
                fields.append(FormField(path + ".name", zh ? "代表\(n)姓名" : "Rep \(n) name",
                                        hint: (zh ? "代表最多5名 " : "at most 5 reps ") + cite(.intakeGroupVisit)))
                fields.append(FormField(path + ".idNumber", zh ? "代表\(n)证件" : "Rep \(n) ID"))
                fields.append(FormField(path + ".phone", zh ? "代表\(n)电话" : "Rep \(n) phone", .number))
            }
        }
        return fields
    }

    /// What identifies the people on the form well enough to look up their earlier
    /// cases: a whole identity number (15 or 18 characters for a resident ID, 6 or more
    /// for other documents), or a name with a whole phone number. Empty until then, so
    /// the log is not searched on every keystroke.
    static func lookupKey(_ form: Form) -> String {
        let citizen = (PetitionerKind(rawValue: form.value("petitioner.kind")) ?? .citizen) == .citizen
        var parts: [String] = []
        for path in ["petitioner"] + extraRepresentatives.map({ "group.representatives[\($0)]" }) {
            // As stored: spaces, dashes and an input method's full-width digits folded, so
            // `110105 19491231 002x` finds what `11010519491231002X` finds.
            let id = InputText.number(form.value(path + ".idNumber"))
            let name = form.value(path + ".name")
            let phone = InputText.phone(form.value(path + ".phone"))
            let wholeID = path == "petitioner" && !citizen ? id.count >= 6 : (id.count == 15 || id.count == 18)
            if wholeID { parts.append("id:" + id) } else if !name.isEmpty && phone.count >= 7 { parts.append("np:\(name)/\(phone)") }
        }
        return parts.joined(separator: "|")
    }

    /// Why the petitioner's resident ID as typed cannot be anyone's (its length, digits,
    /// birth date or check character: `IdentityNumbers`), in the clerk's language; nil
    /// when it may be, or is not a whole resident ID yet.
    static func idProblem(_ form: Form, _ data: ConsoleData, _ language: Language) -> String? {
        guard (PetitionerKind(rawValue: form.value("petitioner.kind")) ?? .citizen) == .citizen else { return nil }
        let id = InputText.number(form.value("petitioner.idNumber"))
        guard id.count == 18, let problem = IdentityNumbers.checkResidentID(id, today: data.today) else { return nil }
        let zh = language == .zh
        let why: String = switch problem {
        case .badCheckCharacter: zh ? "校验位不符" : "its check character is wrong"
        case .badBirthDate: zh ? "出生日期不成立" : "its birth date is impossible"
        case .badCharacters: zh ? "含有非数字字符" : "it has characters other than digits"
        case .wrongLength: zh ? "位数不对" : "its length is wrong"
        }
        return zh ? "证件号码无效（\(why)），无法查找以往案件：请核对证件" : "The ID number is invalid (\(why)): check the document"
    }

    static func organOptions(_ data: ConsoleData, _ language: Language) -> [Choice] {
        data.directory.organs.map {
            Choice($0.code, $0.name(language), keywords: [$0.code, $0.name, $0.nameEn, $0.short ?? "", $0.shortEn ?? ""]
                .joined(separator: " "))
        }
    }

    /// The petition as typed. A value that cannot be read (a date, a number) is refused
    /// naming its field; everything else is left to `PetitionValidation`.
    static func petition(_ form: Form, _ data: ConsoleData) throws(Rejection) -> Petition {
        guard let channel = Channel(rawValue: form.value("channel")) else {
            throw Rejection(.missingField, field: "channel", rule: .intakeChannels)
        }
        guard let received = Day(iso: form.value("receivedAt")) else {
            throw Rejection(.invalidValue, field: "receivedAt", ["value": form.value("receivedAt"), "expected": "YYYY-MM-DD"])
        }
        guard Day.supported.contains(received) else {
            throw Rejection(.invalidValue, field: "receivedAt", ["value": form.value("receivedAt"), "expected": Day.supportedText])
        }
        let kind = PetitionerKind(rawValue: form.value("petitioner.kind")) ?? .citizen
        func optional(_ key: String) -> String? { form.value(key).isEmpty ? nil : form.value(key) }
        let petitioner = Petitioner(kind: kind, name: optional("petitioner.name"), idNumber: optional("petitioner.idNumber"),
                                    phone: optional("petitioner.phone"), address: optional("petitioner.address"))
        var group: Group?
        let peopleText = form.value("group.people")
        if !peopleText.isEmpty {
            guard let people = Int(InputText.number(peopleText)) else {
                throw Rejection(.invalidValue, field: "group.people", ["value": peopleText, "expected": "2…"])
            }
            if people >= 2 {
                var reps = [petitioner]
                for n in extraRepresentatives {
                    let path = "group.representatives[\(n)]"
                    let rep = Petitioner(kind: .citizen, name: optional(path + ".name"), idNumber: optional(path + ".idNumber"),
                                         phone: optional(path + ".phone"))
                    if rep.name != nil || rep.idNumber != nil || rep.phone != nil { reps.append(rep) }
                }
                group = Group(people: people, representatives: reps)
            } else {
                group = Group(people: people, representatives: [petitioner])
            }
        }
        let type = MatterType(rawValue: form.value("type")) ?? .grievance
        return Petition(channel: channel, receivedOn: received, organ: data.actor.organ, petitioner: petitioner,
                        request: form.value("request"), facts: form.value("facts"), reasons: form.value("reasons"),
                        category: form.value("category"), type: type, group: group,
                        accusedOrgan: type == .accusation ? optional("accusedOrgan") : nil,
                        accusedPerson: type == .accusation ? accusedPerson(optional) : nil)
    }

    /// The accused person as typed, if any of their fields is (Art 30 para 3); a post or
    /// organ without a name is left for the validation to refuse by the name's field.
    private static func accusedPerson(_ optional: (String) -> String?) -> AccusedPerson? {
        let name = optional("accusedPerson.name"), post = optional("accusedPerson.post")
        let organ = optional("accusedPerson.organ")
        guard name != nil || post != nil || organ != nil else { return nil }
        return AccusedPerson(name: name ?? "", post: post, organ: organ)
    }

    /// The problems to show beside fields the clerk has left: each person's name, identity
    /// number, phone and address are checked (characters, lengths, numbers) as soon as they are typed.
    static func fieldErrors(_ form: Form, _ data: ConsoleData, _ language: Language) -> [String: String] {
        var errors: [String: String] = [:]
        guard let petition = try? petition(form, data) else { return errors }
        var people: [(String, Petitioner)] = [("petitioner", petition.petitioner)]
        for n in extraRepresentatives {
            let path = "group.representatives[\(n)]"
            people.append((path, Petitioner(kind: .citizen, name: form.value(path + ".name"),
                                            idNumber: form.value(path + ".idNumber"), phone: form.value(path + ".phone"))))
        }
        for (path, person) in people {
            do throws(Rejection) {
                try PetitionValidation.check(person, path: path, requireIdentity: false, today: data.today)
            } catch {
                if let field = error.field { errors[field] = message(error, data, language) }
            }
        }
        if let n = Int(InputText.number(form.value("group.people"))), n < 2 {
            errors["group.people"] = message(Rejection(.groupTooFewPeople, field: "group.people", ["people": "\(n)"]),
                                             data, language)
        }
        return errors.filter { form.touched.contains($0.key) }
    }

    /// Checks the whole petition as the log will: validation and the workflow's decision.
    static func check(_ form: Form, _ data: ConsoleData) throws(Rejection) -> Petition {
        let petition = try petition(form, data)
        if petition.category.isEmpty { throw Rejection(.missingField, field: "category") }
        let probe = CaseState(number: CaseNumber(organ: petition.organ, year: petition.receivedOn.year, sequence: 1))
        _ = try Workflow.decide(.register(petition), probe, data.context)
        return petition
    }

    /// Where a rejection belongs on this form: a first representative is the petitioner.
    static func fieldKey(_ rejection: Rejection) -> String? {
        guard let field = rejection.field else { return nil }
        let first = "group.representatives[1]."
        return field.hasPrefix(first) ? "petitioner." + field.dropFirst(first.count) : field
    }

    static func message(_ rejection: Rejection, _ data: ConsoleData, _ language: Language) -> String {
        rejection.message(language, articles: data.articles, directory: data.directory)
    }
}
