/// The checks a petition must pass to be registered (Arts 17, 19, 20, 48, 50).
///
/// Each failure names the field as a path (`group.representatives[2].idNumber`)
/// so that the console can put the message beside the field.
package enum PetitionValidation {
    /// The rules these checks come from.
    package static let rules: [RuleID] = [.intakeChannels, .intakeContent, .intakeGroupVisit, .intakeForeign, .inForce]

    /// The day the regulation came into force (Art 50).
    package static let inForce = Day(year: 2022, month: 5, day: 1) ?? Day(ordinal: 19113)

    package static func check(_ p: Petition, today: Day, directory: Directory,
                              categories: CategoryList? = nil) throws(Rejection) {
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
            if person.name.trimmed.isEmpty {
                throw Rejection(.missingField, field: "accusedPerson.name", rule: .classifyAccusation)
            }
            if let organ = person.organ, directory[organ] == nil {
                throw Rejection(.unknownOrgan, field: "accusedPerson.organ", ["organ": organ])
            }
        }
        // Art 19: the request, the facts and the reasons.
        for (field, value) in [("request", p.request), ("facts", p.facts), ("reasons", p.reasons)]
        where value.trimmed.isEmpty {
            throw Rejection(.missingField, field: field, rule: .intakeContent)
        }
        // A visitor stands at the window: name and identity document are taken (Arts 17, 19).
        let present = p.channel == .visit
        try check(p.petitioner, path: "petitioner", requireIdentity: present && p.group == nil, today: today)
        if p.channel == .phone, (p.petitioner.phone ?? "").trimmed.isEmpty {
            throw Rejection(.missingField, field: "petitioner.phone", rule: .intakeChannels)
        }
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
        let name = (person.name ?? "").trimmed
        let id = (person.idNumber ?? "").trimmed
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
        if let phone = person.phone?.trimmed, !phone.isEmpty, !IdentityNumbers.isPlausiblePhone(phone) {
            throw Rejection(.invalidPhone, field: "\(path).phone", ["phone": phone])
        }
    }
}

extension Petition {
    /// Trimmed text fields and upper-case identity numbers, as stored.
    var normalized: Petition {
        var p = self
        func clean(_ person: inout Petitioner) {
            person.name = person.name?.trimmed
            person.idNumber = person.idNumber?.trimmed.uppercased()
            person.phone = person.phone?.trimmed
            person.address = person.address?.trimmed
        }
        clean(&p.petitioner)
        if var g = p.group {
            for i in g.representatives.indices { clean(&g.representatives[i]) }
            p.group = g
        }
        p.request = p.request.trimmed
        p.facts = p.facts.trimmed
        p.reasons = p.reasons.trimmed
        if var person = p.accusedPerson {
            person.name = person.name.trimmed
            person.post = person.post?.trimmed
            p.accusedPerson = person
        }
        return p
    }
}
