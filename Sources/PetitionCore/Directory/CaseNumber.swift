/// A case number a clerk can read out at the window: organ, year, sequence —
/// `D-XFJ-2025-00017`, read as 临江区信访局 2025 年第 17 号.
package struct CaseNumber: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package var organ: OrganCode
    package var year: Int
    package var sequence: Int

    package init(organ: OrganCode, year: Int, sequence: Int) {
        self.organ = organ
        self.year = year
        self.sequence = sequence
    }

    /// Hashed by year and sequence only (equality still compares the organ too): the
    /// numbers are looked up once per replayed event, and hashing the organ's text
    /// would cost more than the rare collision between two organs' same number.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(year &* 10_000_000 &+ sequence)
    }

    package init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count >= 3, let seq = Int(parts[parts.count - 1]), let year = Int(parts[parts.count - 2]),
              parts[parts.count - 2].count == 4, seq > 0 else { return nil }
        self.init(organ: parts.dropLast(2).joined(separator: "-"), year: year, sequence: seq)
    }

    package var description: String {
        let digits = String(sequence)
        return "\(organ)-\(year)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }

    /// How the number is read out: 临江区信访局2025年第17号.
    package func spoken(_ directory: Directory, _ language: Language) -> String {
        let name = directory.name(organ, language)
        return language == .zh ? "\(name)\(year)年第\(sequence)号" : "\(name), \(year), No. \(sequence)"
    }

    package static func < (a: CaseNumber, b: CaseNumber) -> Bool {
        (a.organ, a.year, a.sequence) < (b.organ, b.year, b.sequence)
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let n = CaseNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a case number: \(text)"))
        }
        self = n
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
