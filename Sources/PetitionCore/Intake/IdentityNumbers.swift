/// Check-digit validation for the identity numbers a clerk types at the window.
package enum IdentityNumbers {
    /// Why an identity number is refused.
    package enum Problem: Equatable, Sendable {
        case wrongLength
        case badCharacters
        case badBirthDate
        case badCheckCharacter
    }

    /// An 18-character resident ID (GB 11643-1999): 17 digits, a plausible birth
    /// date, and an ISO 7064 MOD 11-2 check character (0–9 or X).
    package static func checkResidentID(_ id: String, today: Day) -> Problem? {
        let chars = Array(id.uppercased())
        guard chars.count == 18 else { return .wrongLength }
        guard chars[..<17].allSatisfy(\.isASCIIDigit), chars[17].isASCIIDigit || chars[17] == "X" else {
            return .badCharacters
        }
        let digits = chars[..<17].compactMap { $0.wholeNumberValue }
        guard let y = Int(String(chars[6..<10])), let m = Int(String(chars[10..<12])),
              let d = Int(String(chars[12..<14])), let birth = Day(year: y, month: m, day: d),
              y >= 1890, birth <= today else { return .badBirthDate }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        return check == chars[17] ? nil : .badCheckCharacter
    }

    /// An 18-character unified social credit code (GB 32100-2015), with its check
    /// character computed over the 31-character alphabet (no I, O, Z, S, V).
    package static func checkCreditCode(_ code: String) -> Problem? {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let chars = Array(code.uppercased())
        guard chars.count == 18 else { return .wrongLength }
        var values: [Int] = []
        for c in chars {
            guard let v = alphabet.firstIndex(of: c) else { return .badCharacters }
            values.append(v)
        }
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let sum = zip(values[..<17], weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check = (31 - sum % 31) % 31
        return values[17] == check ? nil : .badCheckCharacter
    }

    /// A mainland mobile (11 digits from 13–19), a landline with its area code
    /// (0 + 2–3 digits, 7–8 digits, optional extension), or a service number
    /// (400/800 + 7 digits, or 5-digit hotlines such as 12345).
    package static func isPlausiblePhone(_ phone: String) -> Bool {
        let p = phone.filter { $0 != " " && $0 != "-" }
        guard !p.isEmpty, p.allSatisfy(\.isASCIIDigit) else { return false }
        if p.count == 11, p.hasPrefix("1"), let second = p.dropFirst().first, "3456789".contains(second) {
            return true
        }
        if p.hasPrefix("0"), (10...16).contains(p.count) { return true }
        if (p.hasPrefix("400") || p.hasPrefix("800")), p.count == 10 { return true }
        return p.count == 5 && p.hasPrefix("1")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
