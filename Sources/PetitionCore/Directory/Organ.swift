import Foundation

/// An organ's code, e.g. `D-XFJ` (the district petition bureau).
package typealias OrganCode = String

/// One organ of the jurisdiction's directory.
///
/// The regulation covers Party, government, judicial and other organs (Art 2), so
/// every organ has a type; `superior` is the organ one level above that reviews its
/// handling opinions (Art 35).
package struct Organ: Codable, Sendable, Equatable {
    package enum Level: String, Codable, Sendable, CaseIterable {
        case province, city, district, subdistrict

        /// Smaller is higher.
        package var rank: Int {
            switch self {
            case .province: 0
            case .city: 1
            case .district: 2
            case .subdistrict: 3
            }
        }
    }

    package enum Kind: String, Codable, Sendable, CaseIterable {
        case government, partyCommittee, petitionBureau, department, politicalLegal
        case discipline, court, procuratorate, publicSecurity, subdistrict, township
    }

    package var code: OrganCode
    package var name: String
    package var nameEn: String
    package var level: Level
    package var type: Kind
    package var superior: OrganCode?
    /// The territory, as a path from the province down (`DJ/JC/LJ`).
    package var region: String
    /// A short name for narrow table columns (区住建局).
    package var short: String?
    package var shortEn: String?

    package func name(_ language: Language) -> String { language == .zh ? name : nameEn }

    package func shortName(_ language: Language) -> String {
        (language == .zh ? short : shortEn) ?? name(language)
    }
}

/// The organ directory of one jurisdiction, loaded from `data/organs.json`.
package struct Directory: Sendable {
    package let organs: [Organ]
    /// The organ whose directory this is (the home petition bureau).
    package let jurisdiction: OrganCode
    private let byCode: [OrganCode: Organ]

    package init(organs: [Organ], jurisdiction: OrganCode) {
        self.organs = organs
        self.jurisdiction = jurisdiction
        byCode = Dictionary(organs.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    package init(json: Data) throws {
        struct File: Decodable { var jurisdiction: OrganCode; var organs: [Organ] }
        let file = try JSONDecoder().decode(File.self, from: json)
        self.init(organs: file.organs, jurisdiction: file.jurisdiction)
    }

    package subscript(code: OrganCode) -> Organ? { byCode[code] }

    /// The organ's name in the language, or the code itself when unknown.
    package func name(_ code: OrganCode?, _ language: Language) -> String {
        guard let code else { return "—" }
        return byCode[code]?.name(language) ?? code
    }

    /// The names of the organs a document was issued to, as its record keeps them (codes
    /// joined by commas: a policy suggestion goes to the Party committee and the government).
    package func names(recipients: String, _ language: Language) -> String {
        recipients.split(separator: ",").map { name(String($0), language) }.joined(separator: language == .zh ? "、" : ", ")
    }

    /// The organ's short name, or the code itself when unknown.
    package func shortName(_ code: OrganCode?, _ language: Language) -> String {
        guard let code else { return "—" }
        return byCode[code]?.shortName(language) ?? code
    }

    /// Whether `target` is below `sender` in its own system: `sender` is one of the organs
    /// above it (its superior, or its superior's, …). Where an organ other than a petition
    /// department may transfer or assign what a petitioner brought it directly (Art 23 para 1).
    package func isBelowInSystem(_ target: OrganCode, of sender: OrganCode) -> Bool {
        var seen: Set<OrganCode> = [target]
        var next = byCode[target]?.superior
        while let code = next, seen.insert(code).inserted {
            if code == sender { return true }
            next = byCode[code]?.superior
        }
        return false
    }

    /// Whether `target` is at the sender's level or below, inside the sender's territory:
    /// where a petition department may transfer or assign (Arts 5, 22).
    package func isWithinReach(of sender: OrganCode, _ target: OrganCode) -> Bool {
        guard let s = byCode[sender], let t = byCode[target], s.code != t.code else { return false }
        return t.level.rank >= s.level.rank && (t.region == s.region || t.region.hasPrefix(s.region + "/"))
    }
}
