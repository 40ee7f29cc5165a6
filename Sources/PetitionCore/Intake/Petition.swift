/// How a petition arrived (Art 17).
package enum Channel: String, Codable, Sendable, CaseIterable {
    case online, letter, phone, fax, visit

    /// Visits and calls are recorded by the clerk as oral records (Art 19).
    package var isOral: Bool { self == .visit || self == .phone }
}

/// Who petitions (Art 17; foreigners, stateless persons and foreign organisations by Art 48).
package enum PetitionerKind: String, Codable, Sendable, CaseIterable {
    case citizen, legalPerson, otherOrganisation, foreigner, stateless, foreignOrganisation

    package var isForeign: Bool {
        switch self {
        case .foreigner, .stateless, .foreignOrganisation: true
        case .citizen, .legalPerson, .otherOrganisation: false
        }
    }
}

/// The three kinds of petition matter (Arts 29–31).
package enum MatterType: String, Codable, Sendable, CaseIterable {
    case suggestion, accusation, grievance
}

/// A person or organisation that petitions.
package struct Petitioner: Codable, Sendable, Equatable {
    package var kind: PetitionerKind
    package var name: String?
    /// Resident ID (citizen), unified social credit code (legal person), or passport/other document.
    package var idNumber: String?
    package var phone: String?
    package var address: String?

    package init(kind: PetitionerKind = .citizen, name: String? = nil, idNumber: String? = nil,
                 phone: String? = nil, address: String? = nil) {
        self.kind = kind
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.address = address
    }
}

/// Several people raising one matter together (Art 20).
package struct Group: Codable, Sendable, Equatable {
    package var people: Int
    package var representatives: [Petitioner]

    package init(people: Int, representatives: [Petitioner]) {
        self.people = people
        self.representatives = representatives
    }
}

/// A person an accusation names (Art 30 para 3: the accuser is kept from the accused
/// persons as well as the accused organ). The organ is where the person works: it is
/// treated as an accused organ, never routed to and never shown the accuser.
package struct AccusedPerson: Codable, Sendable, Equatable {
    package var name: String
    package var post: String?
    package var organ: OrganCode?

    package init(name: String, post: String? = nil, organ: OrganCode? = nil) {
        self.name = name
        self.post = post
        self.organ = organ
    }
}

/// A petition as registered (Arts 17, 19, 21).
package struct Petition: Codable, Sendable, Equatable {
    package var channel: Channel
    package var receivedOn: Day
    package var organ: OrganCode
    package var petitioner: Petitioner
    package var request: String
    package var facts: String
    package var reasons: String
    package var category: String
    package var type: MatterType
    package var group: Group?
    /// For an accusation: the organ accused, to which it may never be routed (Art 30).
    package var accusedOrgan: OrganCode?
    /// For an accusation: the person accused, kept from the accuser like the organ (Art 30 para 3).
    package var accusedPerson: AccusedPerson?

    package init(channel: Channel, receivedOn: Day, organ: OrganCode, petitioner: Petitioner,
                 request: String, facts: String, reasons: String, category: String,
                 type: MatterType, group: Group? = nil, accusedOrgan: OrganCode? = nil,
                 accusedPerson: AccusedPerson? = nil) {
        self.channel = channel
        self.receivedOn = receivedOn
        self.organ = organ
        self.petitioner = petitioner
        self.request = request
        self.facts = facts
        self.reasons = reasons
        self.category = category
        self.type = type
        self.group = group
        self.accusedOrgan = accusedOrgan
        self.accusedPerson = accusedPerson
    }

    /// The organs an accusation may never reach (Art 30 para 3): the accused organ and
    /// the accused person's organ.
    package var accusedOrgans: [OrganCode] {
        [accusedOrgan, accusedPerson?.organ].compactMap { $0 }
    }

    /// Without a name or an address the petitioner cannot be notified, and the
    /// duty to notify lapses (Art 19).
    package var isUnreachable: Bool {
        // Checked on every replayed registration: `isBlank` looks at the scalars only until
        // the first visible one (usually the first). A name of invisible characters only,
        // which old logs may hold, is no name.
        let blank = InputText.isBlank
        return blank(petitioner.name) || (blank(petitioner.address) && blank(petitioner.phone))
    }
}

extension String {
    /// Without leading and trailing white space (full-width spaces included).
    package var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
