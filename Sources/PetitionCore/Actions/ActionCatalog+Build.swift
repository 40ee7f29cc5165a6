/// Turning typed-in field values into a command.
extension ActionCatalog {
    /// Builds the command for `kind` from field values keyed by field name.
    /// Unknown fields, missing required fields and malformed values are refused, naming the field.
    /// A supervision order's feedback term defaults to `terms.supervisionFeedback` (practice).
    package static func command(_ kind: ActionKind, _ values: [String: String],
                                terms: StatutoryTerms = .regulation) throws(Rejection) -> CaseCommand {
        let spec = spec(kind, terms: terms)
        for key in values.keys.sorted() where !spec.fields.contains(where: { $0.name == key }) {
            // The nearest field first (`--recusal_checked` → `--recusal-checked`), then all of them.
            let nearest = JSONInputError.nearest(to: key, in: spec.fields.map(\.name)).map { "--\($0)？" } ?? ""
            throw Rejection(.invalidValue, field: key,
                            ["value": values[key] ?? "",
                             "expected": nearest + spec.fields.map { "--" + $0.name }.joined(separator: " ")])
        }
        let reader = FieldReader(spec: spec, values: values)
        switch kind {
        case .register:
            throw Rejection(.invalidValue, field: "action", ["value": "register", "expected": "xinfang register"])
        case .transfer: return .transfer(to: try reader.text("to"), note: try reader.optional("note"))
        case .assign:
            return .assign(to: try reader.text("to"), days: try reader.integer("days"), note: try reader.optional("note"))
        case .referPoliticalLegal: return .referPoliticalLegal(to: try reader.text("to"), note: try reader.optional("note"))
        case .referDiscipline: return .referDiscipline(to: try reader.text("to"), note: try reader.optional("note"))
        case .escalate: return .escalate(proposal: try reader.text("proposal"))
        case .redirect: return .redirect(to: try reader.text("to"), note: try reader.optional("note"))
        case .notAccept:
            return .notAccept(reason: try reader.choice("reason"), ref: try reader.caseNumber("ref"),
                              note: try reader.optional("note"))
        case .receive: return .receive(on: try reader.day("on"))
        case .accept: return .accept(route: try reader.text("route"), on: try reader.day("on"))
        case .object: return .object(reason: try reader.text("reason"), on: try reader.day("on"))
        case .decideObjection: return .decideObjection(upheld: try reader.yesNo("upheld"), note: try reader.optional("note"))
        case .classify: return .classify(type: try reader.choice("type"), track: try reader.optionalInteger("track"))
        case .assignHandler:
            return .assignHandler(user: try reader.text("user"), recusalChecked: try reader.yesNo("recusal-checked"))
        case .startHearing: return .startHearing(on: try reader.day("on"))
        case .endHearing: return .endHearing(on: try reader.day("on"))
        case .startMediation: return .startMediation
        case .recordAgreement: return .recordAgreement(kind: try reader.choice("kind"), text: try reader.text("text"))
        case .endMediation: return .endMediation(note: try reader.optional("note"))
        case .extend: return .extend(days: try reader.integer("days"), reason: try reader.text("reason"))
        case .issueOpinion:
            return .issueOpinion(outcome: try reader.choice("outcome"), opinion: try reader.text("opinion"),
                                 basis: try reader.text("basis"), measures: try reader.choices("measures"))
        case .deliver: return .deliver(on: try reader.day("on"))
        case .reportCompletion: return .reportCompletion(note: try reader.optional("note"))
        case .requestReview: return .requestReview(on: try reader.day("on"))
        case .issueReviewOpinion:
            return .issueReviewOpinion(outcome: try reader.choice("outcome"), opinion: try reader.text("opinion"))
        case .requestRereview: return .requestRereview(on: try reader.day("on"))
        case .startRereviewHearing: return .startRereviewHearing(on: try reader.day("on"))
        case .endRereviewHearing: return .endRereviewHearing(on: try reader.day("on"))
        case .issueRereviewOpinion:
            return .issueRereviewOpinion(outcome: try reader.choice("outcome"), opinion: try reader.text("opinion"))
        case .withdraw: return .withdraw(note: try reader.text("note"))
        case .recordIncident: return .recordIncident(kind: try reader.choice("kind"), note: try reader.optional("note"))
        case .recordFollowUp: return .recordFollowUp(kind: try reader.choice("kind"), note: try reader.text("note"))
        case .orderSupervision:
            return .orderSupervision(organ: try reader.text("organ"), suggestion: try reader.choice("suggestion"),
                                     reason: try reader.text("reason"),
                                     days: try reader.optionalInteger("days") ?? terms.supervisionFeedback.days)
        case .recordFeedback:
            return .recordFeedback(order: try reader.integer("order"), adoption: try reader.choice("adoption"),
                                   note: try reader.text("note"))
        case .listSupervision: return .listSupervision(days: try reader.integer("days"), note: try reader.text("note"))
        case .assignLeader: return .assignLeader(name: try reader.text("name"))
        case .correct:
            return .correct(field: try reader.choice("field"), value: try reader.text("value"),
                            reason: try reader.text("reason"))
        case .void: return .void(seq: try reader.integer("seq"), reason: try reader.text("reason"))
        case .link: return .link(to: try reader.caseNumber("to"), kind: try reader.choice("kind"))
        case .reviewRecovery: return .reviewRecovery(note: try reader.text("note"))
        case .recordLoss:
            throw Rejection(.invalidValue, field: "action", ["value": "record-loss", "expected": "xinfang log recover"])
        case .flagEarlierCase:
            throw Rejection(.invalidValue, field: "action", ["value": "flag-earlier-case", "expected": "xinfang register"])
        case .differentMatter:
            return .recordDifferentMatter(ref: try reader.caseNumber("ref"), reason: try reader.text("reason"))
        case .requestSupplement: return .requestSupplement(note: try reader.text("note"))
        case .recordSupplement:
            return .recordSupplement(facts: try reader.optional("facts"), reasons: try reader.optional("reasons"),
                                     phone: try reader.optional("phone"), note: try reader.optional("note"))
        case .rehandle: return .rehandle(note: try reader.text("note"))
        case .rate: return .rate(satisfaction: try reader.choice("satisfaction"), note: try reader.optional("note"))
        case .recordExecution: return .recordExecution(note: try reader.text("note"))
        case .issueDocument:
            throw Rejection(.invalidValue, field: "action", ["value": "issue-document", "expected": "xinfang doc CASE KIND"])
        }
    }
}

/// Reads field values by name, refusing missing or malformed ones with the field's name.
private struct FieldReader {
    let spec: ActionSpec
    let values: [String: String]

    /// The field's text as stored (`InputText.clean`: NFC, trimmed, checked against the
    /// field's characters and length); nil when nothing visible was given.
    func optional(_ name: String) throws(Rejection) -> String? {
        guard let raw = values[name] else { return nil }
        let v = try InputText.clean(raw, field: name)
        return v.isEmpty ? nil : v
    }

    func text(_ name: String) throws(Rejection) -> String {
        guard let v = try optional(name) else { throw Rejection(.missingField, field: name) }
        return v
    }

    func integer(_ name: String) throws(Rejection) -> Int {
        guard let v = try optionalInteger(name) else { throw Rejection(.missingField, field: name) }
        return v
    }

    func optionalInteger(_ name: String) throws(Rejection) -> Int? {
        guard let raw = try optional(name) else { return nil }
        guard let v = Int(raw) else { throw Rejection(.invalidValue, field: name, ["value": raw, "expected": "整数 / integer"]) }
        return v
    }

    func day(_ name: String) throws(Rejection) -> Day? {
        guard let raw = try optional(name) else { return nil }
        guard let d = Day(iso: raw) else { throw Rejection(.invalidValue, field: name, ["value": raw, "expected": "YYYY-MM-DD"]) }
        guard Day.supported.contains(d) else { throw Rejection(.invalidValue, field: name, ["value": raw, "expected": Day.supportedText]) }
        return d
    }

    func yesNo(_ name: String) throws(Rejection) -> Bool {
        let raw = try text(name).lowercased()
        switch raw {
        case "yes", "y", "true", "是": return true
        case "no", "n", "false", "否": return false
        default: throw Rejection(.invalidValue, field: name, ["value": raw, "expected": "yes/no"])
        }
    }

    func caseNumber(_ name: String) throws(Rejection) -> CaseNumber {
        let raw = try text(name)
        guard let n = CaseNumber(raw) else {
            throw Rejection(.invalidValue, field: name, ["value": raw, "expected": "D-XFJ-2025-00001"])
        }
        return n
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String) throws(Rejection) -> T where T.RawValue == String {
        let raw = try text(name)
        // The value as stored, or its Chinese label as a clerk says it (满意, 不予支持…).
        let byLabel = T.allCases.first { ChoiceLabels.label($0.rawValue, .zh) == raw }
        guard let v = T(rawValue: raw) ?? byLabel else {
            throw Rejection(.invalidValue, field: name,
                            ["value": raw, "expected": T.allCases.map(\.rawValue).joined(separator: "|")])
        }
        return v
    }

    func choices<T: RawRepresentable & CaseIterable>(_ name: String) throws(Rejection) -> [T] where T.RawValue == String {
        let raw = try text(name)
        var result: [T] = []
        for part in raw.split(separator: ",") {
            let item = String(part).trimmed
            guard let v = T(rawValue: item) else {
                throw Rejection(.invalidValue, field: name,
                                ["value": item, "expected": T.allCases.map(\.rawValue).joined(separator: ",")])
            }
            result.append(v)
        }
        return result
    }
}
