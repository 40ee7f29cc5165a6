/// The checks a petition must pass to be registered (Arts 17, 19, 20, 48, 50).
///
/// Each failure names the field as a path (`group.representatives[2].idNumber`)
/// so that the console can put the message beside the field.
package enum PetitionValidation {
    /// The rules these checks come from.
    package static let rules: [RuleID] = [.intakeChannels, .intakeContent, .intakeGroupVisit, .intakeForeign, .inForce]

    /// The article that requires a petition's field, where one does: what a petition must
    /// state and a visitor must show (Art 19; a foreigner's document, Art 17 via
    /// `intakeForeign`, is decided with the person's kind). Nil for fields the form asks
    /// for without a rule of its own (a category).
    package static func missingRule(_ field: String) -> RuleID? {
        let last = field.split(separator: ".").last.map(String.init) ?? field
        return ["request", "facts", "reasons", "name", "idNumber"].contains(last) ? .intakeContent : nil
    }

    /// The day the regulation came into force (Art 50).
    package static let inForce = Day(year: 2022, month: 5, day: 1) ?? Day(ordinal: 19113)

    package static func check(_ p: Petition, today: Day, directory: Directory,
                              categories: CategoryList? = nil) throws(Rejection) {
        // Characters and lengths first: a refused character is named as such, not as
        // an unknown code or an invalid number it happens to make.
        for (path, value) in p.texts { try InputText.check(value, field: path) }
        guard p.receivedOn <= today else {
            throw Rejection(.dateInFuture, field: "receivedAt", ["date": "\(p.receivedOn)", "today": "\(today)"])
        }
        guard p.receivedOn >= inForce else { throw Rejection(.beforeInForce, field: "receivedAt") }
        guard directory[p.organ] != nil else { throw Rejection(.unknownOrgan, field: "organ", ["organ": p.organ]) }
        if let categories, categories[p.category] == nil {
            throw Rejection(.unknownCategory, field: "category", ["category": p.category])
        }
        if let accused = p.accusedOrgan, directory[accused] == nil {
            throw Rejection(.unknownOrgan, field: "accusedOrgan", ["organ": accused])
        }
        if let person = p.accusedPerson {
            // Art 30 para 3: an accused person is named, so the accuser can be kept from them.
            if InputText.isBlank(person.name) {
                throw Rejection(.missingField, field: "accusedPerson.name", rule: .classifyAccusation)
            }
            if let organ = person.organ, directory[organ] == nil {
                throw Rejection(.unknownOrgan, field: "accusedPerson.organ", ["organ": organ])
            }
        }
        // Art 19: the request, the facts and the reasons. Everything that is a petition is
        // registered (Art 22 para 1, Art 23 para 1): missing facts or reasons are flagged and
        // supplemented (补正), not refused. Only what is no petition at all is refused: no
        // request, or nobody to reply to and nothing to act on. (A text of invisible
        // characters only counts as empty.)
        if InputText.isBlank(p.request) {
            throw Rejection(.notAPetition, field: "request", ["why": "request"])
        }
        let nobody = InputText.isBlank(p.petitioner.name)
            || (InputText.isBlank(p.petitioner.address) && InputText.isBlank(p.petitioner.phone))
        if nobody, InputText.isBlank(p.facts), p.group == nil {
            throw Rejection(.notAPetition, field: "facts", ["why": "nothing"])
        }
        // A visitor stands at the window: name and identity document are taken (Arts 17, 19).
        let present = p.channel == .visit
        try check(p.petitioner, path: "petitioner", requireIdentity: present && p.group == nil, today: today)
        // A call without a number is registered too, flagged (`missingContent`).
        if let group = p.group {
            // Art 20: several people, at most five representatives.
            guard group.people >= 2, group.people >= group.representatives.count else {
                throw Rejection(.groupTooFewPeople, field: "group.people", ["people": "\(group.people)"])
            }
            guard !group.representatives.isEmpty else {
                throw Rejection(.missingField, field: "group.representatives", rule: .intakeGroupVisit)
            }
            guard group.representatives.count <= 5 else {
                throw Rejection(.groupTooManyRepresentatives, field: "group.representatives",
                                ["count": "\(group.representatives.count)"])
            }
            for (i, rep) in group.representatives.enumerated() {
                try check(rep, path: "group.representatives[\(i + 1)]", requireIdentity: present, today: today)
            }
        }
    }

    package static func check(_ person: Petitioner, path: String, requireIdentity: Bool, today: Day) throws(Rejection) {
        for (field, value) in person.texts(path) { try InputText.check(value, field: field) }
        // As stored: NFC, and empty when nothing visible is left.
        let name = InputText.normalise(person.name ?? "")
        let id = InputText.number(person.idNumber ?? "")
        if requireIdentity {
            if name.isEmpty { throw Rejection(.missingField, field: "\(path).name", rule: .intakeContent) }
            if id.isEmpty {
                throw Rejection(.missingField, field: "\(path).idNumber",
                                rule: person.kind.isForeign ? .intakeForeign : .intakeContent)
            }
        }
        if !id.isEmpty {
            switch person.kind {
            case .citizen:
                if let problem = IdentityNumbers.checkResidentID(id, today: today) {
                    throw Rejection(.invalidResidentID, field: "\(path).idNumber", ["problem": "\(problem)"])
                }
            case .legalPerson, .otherOrganisation:
                if let problem = IdentityNumbers.checkCreditCode(id) {
                    throw Rejection(.invalidCreditCode, field: "\(path).idNumber", ["problem": "\(problem)"])
                }
            case .foreigner, .stateless, .foreignOrganisation:
                break
            }
        }
        let phone = InputText.phone(person.phone ?? "")
        if !phone.isEmpty, !IdentityNumbers.isPlausiblePhone(phone) {
            throw Rejection(.invalidPhone, field: "\(path).phone", ["phone": phone])
        }
    }
}

extension Petition {
    /// Text fields as stored (`InputText.normalise`: NFC, trimmed; a field with nothing
    /// visible is absent) and upper-case identity numbers.
    var normalized: Petition {
        var p = self
        func text(_ value: String?) -> String? {
            guard let value else { return nil }
            let clean = InputText.normalise(value)
            return clean.isEmpty ? nil : clean
        }
        func clean(_ person: inout Petitioner) {
            person.name = text(person.name)
            person.idNumber = text(person.idNumber).map(InputText.number)
            person.phone = text(person.phone).map(InputText.phone)
            person.address = text(person.address)
        }
        clean(&p.petitioner)
        if var g = p.group {
            for i in g.representatives.indices { clean(&g.representatives[i]) }
            p.group = g
        }
        p.request = InputText.normalise(p.request)
        p.facts = InputText.normalise(p.facts)
        p.reasons = InputText.normalise(p.reasons)
        p.category = InputText.normalise(p.category)
        if var person = p.accusedPerson {
            person.name = InputText.normalise(person.name)
            person.post = person.post.map(InputText.normalise)
            p.accusedPerson = person
        }
        return p
    }

    /// Every text field with its path, as rejections name them. A field added to the
    /// petition is added here, so that `InputText`'s rules reach it.
    package var texts: [(String, String)] {
        var all: [(String, String)] = [("organ", organ), ("category", category), ("request", request),
                                       ("facts", facts), ("reasons", reasons)]
        if let accusedOrgan { all.append(("accusedOrgan", accusedOrgan)) }
        // The accused person is matched by name to keep the accuser from them (Art 30):
        // a name with an invisible character in it would slip past that match.
        if let person = accusedPerson {
            all.append(("accusedPerson.name", person.name))
            if let post = person.post { all.append(("accusedPerson.post", post)) }
            if let organ = person.organ { all.append(("accusedPerson.organ", organ)) }
        }
        all += petitioner.texts("petitioner")
        for (i, rep) in (group?.representatives ?? []).enumerated() {
            all += rep.texts("group.representatives[\(i + 1)]")
        }
        return all
    }
}

extension Petitioner {
    /// The person's text fields with their paths under `path`.
    package func texts(_ path: String) -> [(String, String)] {
        [("name", name), ("idNumber", idNumber), ("phone", phone), ("address", address)]
            .compactMap { field, value in value.map { ("\(path).\(field)", $0) } }
    }
}
