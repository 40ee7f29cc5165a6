import PetitionCore

/// The values a document's template reads, built from the case's records: the step the
/// document puts in writing (`source`), the case as it stood, and the reference data.
/// Every value a template prints is checked here first, so a document is never made with a
/// blank: a missing one is a `DocumentError` naming the field.
struct DocumentModel {
    let request: DocumentRequest
    let reference: DocumentReference
    let state: CaseState
    let source: CaseEvent

    private var kind: DocumentKind { request.kind }
    private var language: Language { request.language }
    private var zh: Bool { language == .zh }

    /// The step the document puts in writing: the latest record of its kind not voided.
    static func source(of kind: DocumentKind, in events: [CaseEvent], state: CaseState) -> CaseEvent? {
        events.last { kind.isSource($0.body) && !state.voided.contains($0.seq) }
    }

    init(_ request: DocumentRequest, _ reference: DocumentReference) throws(DocumentError) {
        let state = Workflow.replay(request.number, request.events)
        guard let source = Self.source(of: request.kind, in: request.events, state: state) else {
            throw DocumentError.notReached(request.kind, request.number)
        }
        // Art 30 para 3: whoever may not see the accusation on screen may not print it either.
        guard state.contentVisible(to: request.actor, name: request.actorName) else {
            throw DocumentError(.art30, Localized("检举控告事项的内容不向您显示，也不能由您出具文书（第30条）",
                                                  "This accusation's content is not shown to you, and you may not issue its documents (Art 30)"))
        }
        self.request = request
        self.reference = reference
        self.state = state
        self.source = source
    }

    private func l(_ zh: String, _ en: String) -> String { self.zh ? zh : en }

    private func organName(_ code: OrganCode?) -> String { reference.directory.name(code, language) }

    /// 2025年5月6日; 6 May 2025.
    func date(_ day: Day) -> String {
        let c = day.components
        if zh { return "\(c.year)年\(c.month)月\(c.day)日" }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }

    /// A text the document prints: present and visible, or the document is not made.
    private func required(_ value: String?, _ field: String, _ label: Localized) throws(DocumentError) -> String {
        guard let value, !InputText.isBlank(value) else { throw DocumentError.missing(field, label, for: kind) }
        return value.trimmed
    }

    /// The organ that issues the document, as the case says it: the one that registered it
    /// for a receipt; the one handling it for the documents of acceptance and handling; the
    /// reviewing and re-reviewing organs for their opinions; else the organ of the user who
    /// recorded the step. (Not the recorder's organ throughout: a step keyed in at the bureau
    /// for a department, as synthetic and migrated cases are, would print the bureau.)
    var issuer: OrganCode {
        switch kind {
        case .receipt: state.petition?.organ ?? source.actor.organ
        case .acceptanceNotice, .extensionNotice, .handlingOpinion, .mediationAgreement, .settlementAgreement:
            state.handlerOrgan ?? source.actor.organ
        case .reviewOpinion: state.review?.organ ?? source.actor.organ
        case .rereviewOpinion: state.rereview?.organ ?? source.actor.organ
        case .nonAcceptanceNotice, .notAgainNotice, .redirectNotice, .transferLetter, .assignmentLetter, .supervisionLetter:
            source.actor.organ
        }
    }

    /// Who the document is addressed to: the organ of a letter, or the petitioner.
    func recipient() throws(DocumentError) -> String {
        if !recipientOrgans.isEmpty { return recipientOrgans.joined(separator: ",") }
        return try required(state.petition?.petitioner.name, "name", Localized("信访人姓名", "petitioner's name"))
    }

    /// The organs a letter goes to (one, but for a policy suggestion: the Party committee and
    /// the government); none for a notice or an opinion, which go to the petitioner.
    var recipientOrgans: [OrganCode] {
        switch source.body {
        case .transferred(let to, _), .assigned(let to, _, _), .referred(_, let to, _): [to]
        // A supervision letter goes where its suggestion's paragraph sends it (Art 40 paras
        // 1–3): the organ supervised, the issuer's own level's Party committee and government,
        // or the organ with authority over the one supervised.
        case .supervisionOrdered(let organ, let suggestion, _, _):
            Self.orElse(reference.directory.addressees(of: suggestion, concerning: organ, issuedBy: source.actor.organ), [organ])
        default: []  // a notice or an opinion goes to the petitioner, whatever the step
        }
    }

    private static func orElse(_ list: [OrganCode], _ fallback: [OrganCode]) -> [OrganCode] { list.isEmpty ? fallback : list }

    /// Everything the templates read.
    func values() throws(DocumentError) -> [String: Any] {
        guard let petition = state.petition else { throw DocumentError.notReached(kind, request.number) }
        var v: [String: Any] = [
            "organ": organName(issuer),
            "title": kind.title.text(language),
            "caseNumber": "\(request.number)",
            "date": date(request.issuedOn),
            // The articles of the duty the document carries out, not those that say who answers if it is not (Ch. 5).
            "citation": reference.articles.citation(source.rule, language, dutyOnly: true),
            "delivery": request.delivery.label.text(language),
            "receivedOn": date(petition.receivedOn),
            "channel": ChoiceLabels.label(petition.channel.rawValue, language),
            "stepOn": date(CaseState.effectiveDay(source)),
            // The terms a document states, from the one table of terms (decision 0018).
            "reviewWindow": reference.terms.reviewWindow.text.text(language),
            "rereviewWindow": reference.terms.rereviewWindow.text.text(language),
            "receiverNotice": reference.terms.receiverNotice.text.text(language),
            "objectionTerm": reference.terms.objection.text.text(language),
        ]
        if !recipientOrgans.isEmpty {
            // Art 30 para 3: an accusation's letter never goes to an organ it accuses.
            if recipientOrgans.contains(where: state.accusedOrgans.contains) {
                throw DocumentError(.art30, Localized("检举控告材料不得转给被检举控告的单位（第30条第3款）",
                                                      "An accusation's material never goes to the organ it accuses (Art 30(3))"))
            }
            v["toOrgan"] = recipientOrgans.map { organName($0) }.joined(separator: language == .zh ? "、" : ", ")
        } else {
            v["petitioner"] = try recipient()
            if request.delivery == .post {
                v["address"] = try required(petition.petitioner.address, "address", Localized("信访人通讯地址", "petitioner's address"))
                if request.personalDataMasked { v["address"] = PersonalData.withheld }
            }
        }
        // The matter as registered: a letter carries it; a supervision letter does not (it is about the organ).
        if kind != .supervisionLetter {
            v["request"] = try required(petition.request, "request", Localized("信访请求", "request"))
            v["facts"] = InputText.isBlank(petition.facts) ? nil : petition.facts.trimmed
            v["reasons"] = InputText.isBlank(petition.reasons) ? nil : petition.reasons.trimmed
            if kind.toOrgan {
                v["petitionerName"] = try required(petition.petitioner.name, "name", Localized("信访人姓名", "petitioner's name"))
                v["petitionerAddress"] = petition.petitioner.address.flatMap { InputText.isBlank($0) ? nil : $0.trimmed }
                v["petitionerPhone"] = petition.petitioner.phone.flatMap { InputText.isBlank($0) ? nil : $0.trimmed }
                if request.personalDataMasked {
                    v["petitionerAddress"] = (v["petitionerAddress"] as? String).map { _ in PersonalData.withheld }
                    v["petitionerPhone"] = (v["petitionerPhone"] as? String).map { PersonalData.mask($0) }
                }
            }
        }
        try addStep(&v)
        // A clerk's text keeps its line breaks, but every line of it stays a paragraph of the
        // letter: indented, so none can start with the layout's marks (`^ `, `# `, `> `) and
        // become a letterhead, a title or a signature line, and none is a gap.
        for (key, value) in v {
            if let text = value as? String, text.contains("\n") {
                v[key] = text.split(separator: "\n", omittingEmptySubsequences: true)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n　　")
            }
        }
        return v
    }

    /// The values of the step itself.
    private func addStep(_ v: inout [String: Any]) throws(DocumentError) {
        switch source.body {
        case .registered:
            v["registeredOn"] = date(source.day)
        case .accepted(let route, let on):
            v["acceptedOn"] = date(on)
            v["route"] = try required(route, "route", Localized("办理途径和程序", "route"))
        case .notAccepted(_, let ref, let note):
            v["ref"] = "\(ref)"
            v["note"] = note.flatMap { InputText.isBlank($0) ? nil : $0.trimmed }
        case .redirected(let to, let note):
            v["redirectTo"] = try required(to, "to", Localized("应当前往的有权处理机关", "competent organ to approach"))
            v["note"] = note.flatMap { InputText.isBlank($0) ? nil : $0.trimmed }
        case .transferred(_, let note), .referred(_, _, let note):
            v["note"] = note.flatMap { InputText.isBlank($0) ? nil : $0.trimmed }
        case .assigned(_, let due, let note):
            v["due"] = date(due)
            v["note"] = note.flatMap { InputText.isBlank($0) ? nil : $0.trimmed }
        case .deadlineExtended(let days, let reason, let newDue):
            v["days"] = "\(days)"
            v["reason"] = try required(reason, "reason", Localized("延期理由", "reason for the extension"))
            v["newDue"] = date(newDue)
        case .opinionIssued(let outcome, let opinion, let basis, _):
            v["opinion"] = try required(opinion, "opinion", Localized("处理意见", "opinion"))
            v["basis"] = try required(basis, "basis", Localized("处理依据", "legal basis"))
            v["outcome"] = ChoiceLabels.label(outcome.rawValue, language)
            v["reviewable"] = state.isReviewable
            if state.isReviewable { v["reviewOrgan"] = try superior(of: issuer) }
        case .reviewOpinionIssued(let outcome, let opinion):
            v["opinion"] = try required(opinion, "opinion", Localized("复查意见", "review opinion"))
            v["outcome"] = ChoiceLabels.label(outcome.rawValue, language)
            v["rereviewOrgan"] = try superior(of: issuer)
        case .rereviewOpinionIssued(let outcome, let opinion):
            v["opinion"] = try required(opinion, "opinion", Localized("复核意见", "re-review opinion"))
            v["outcome"] = ChoiceLabels.label(outcome.rawValue, language)
        case .agreementRecorded(_, let text):
            v["agreement"] = try required(text, "text", Localized("协议内容", "terms of the agreement"))
        case .supervisionOrdered(let organ, let suggestion, let reason, let due):
            v["suggestion"] = ChoiceLabels.label(suggestion.rawValue, language)
            // Each paragraph of Art 40 says its own words (the template's sections).
            v[suggestion.rawValue] = true
            v["aboutOrgan"] = organName(organ)
            v["reason"] = try required(reason, "reason", Localized("督办事由", "grounds for supervision"))
            v["due"] = date(due)
        default:
            preconditionFailure("\(source.body.name) is no document's step")  // `isSource` chose it
        }
    }

    /// The organ one level above, which reviews (Art 35) or re-reviews (Art 36).
    private func superior(of organ: OrganCode) throws(DocumentError) -> String {
        guard let up = reference.directory[organ]?.superior else {
            throw DocumentError.missing("superior", Localized("上一级机关（复查、复核机关）", "organ one level above (reviewing organ)"),
                                        for: kind)
        }
        return organName(up)
    }
}
