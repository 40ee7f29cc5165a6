/// The initials of a name's pinyin, as clerks type a name at the window (`wxy` finds
/// 王秀英): one letter per Chinese character, from a per-character table, with the
/// readings names take as surnames (曾 zēng, not céng; 单 shàn, not dān) from `surnames`.
///
/// Computed per character rather than through Foundation's `mandarinToLatin`
/// transform: the transform costs ~250 µs a name (33 s for 130,000 names) and reads
/// surnames as ordinary words (decision 0020).
package enum PinyinInitials {
    /// Surnames read otherwise than the character's usual reading, and compound surnames
    /// whose characters read otherwise together (尉迟 yùchí, 万俟 mòqí): the full pinyin,
    /// of which the initials are taken. Longest match first.
    package static let surnames: [(surname: String, pinyin: String)] = [
        // Compound surnames.
        ("尉迟", "yu chi"), ("万俟", "mo qi"), ("单于", "chan yu"), ("长孙", "zhang sun"), ("澹台", "tan tai"),
        ("乐正", "yue zheng"), ("子车", "zi ju"), ("令狐", "ling hu"), ("欧阳", "ou yang"), ("诸葛", "zhu ge"),
        ("司马", "si ma"), ("上官", "shang guan"), ("皇甫", "huang fu"), ("宇文", "yu wen"), ("鲜于", "xian yu"),
        ("夏侯", "xia hou"), ("公孙", "gong sun"), ("慕容", "mu rong"), ("呼延", "hu yan"), ("轩辕", "xuan yuan"),
        ("拓跋", "tuo ba"), ("东方", "dong fang"), ("司徒", "si tu"), ("端木", "duan mu"), ("独孤", "du gu"),
        // Single surnames.
        ("曾", "zeng"), ("单", "shan"), ("解", "xie"), ("仇", "qiu"), ("朴", "piao"), ("区", "ou"), ("查", "zha"),
        ("盖", "ge"), ("乐", "yue"), ("缪", "miao"), ("秘", "bi"), ("覃", "qin"), ("召", "shao"), ("种", "chong"),
        ("繁", "po"), ("员", "yun"), ("句", "gou"), ("翟", "zhai"), ("祭", "zhai"), ("黑", "he"), ("隗", "wei"),
        ("能", "nai"), ("宓", "fu"), ("蕃", "pi"), ("颉", "xie"), ("藏", "zang"), ("重", "chong"), ("折", "she"),
        ("粘", "nian"), ("朝", "chao"), ("长", "chang"), ("车", "che"), ("华", "hua"), ("任", "ren"), ("沈", "shen"),
        ("石", "shi"), ("薄", "bo"), ("柏", "bai"), ("莘", "shen"), ("逄", "pang"), ("洗", "xian"), ("厍", "she"),
        ("訾", "zi"), ("都", "du"), ("角", "jue"), ("褚", "chu"), ("郗", "xi"), ("牟", "mou"), ("纪", "ji"),
        ("么", "yao"), ("术", "zhu"), ("尚", "shang"), ("过", "guo"),
    ]

    /// The initials of a name, lower-case: one letter per character the table knows
    /// (other characters — a middle dot, a Latin letter — are left out).
    package static func of(_ name: String) -> String {
        var letters: [UInt8] = []
        append(name, to: &letters)
        return String(decoding: letters, as: UTF8.self)
    }

    /// Appends the initials of a name to `letters` (as `of`, without making a string:
    /// the index takes them for every name).
    static func append(_ name: String, to letters: inout [UInt8]) {
        var scalars = name.unicodeScalars[...]
        if let first = scalars.first, let readings = bySurnameStart[first] {
            for (surname, initials) in readings where scalars.starts(with: surname) {
                letters += initials
                scalars = scalars.dropFirst(surname.count)
                break
            }
        }
        for scalar in scalars {
            if let letter = initial(scalar) { letters.append(UInt8(letter.value)) }
        }
    }

    /// The surname table by its first character: each surname's characters and initials,
    /// compound surnames first.
    private static let bySurnameStart: [Unicode.Scalar: [(surname: [Unicode.Scalar], initials: [UInt8])]] = {
        var table: [Unicode.Scalar: [(surname: [Unicode.Scalar], initials: [UInt8])]] = [:]
        for (surname, pinyin) in surnames {
            let scalars = Array(surname.unicodeScalars)
            let initials = pinyin.split(separator: " ").compactMap { $0.utf8.first }
            table[scalars[0], default: []].append((scalars, initials))
        }
        return table.mapValues { $0.sorted { $0.surname.count > $1.surname.count } }
    }()

    /// One character's initial by the table, or nil.
    package static func initial(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let i = Int(scalar.value) - 0x4E00
        guard i >= 0, i < letters.count, letters[i] != UInt8(ascii: "?") else { return nil }
        return Unicode.Scalar(letters[i])
    }

    /// The table as bytes, made once.
    private static let letters: [UInt8] = Array(table.utf8)
}
