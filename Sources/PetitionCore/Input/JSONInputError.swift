/// Why JSON input was refused before any of it was looked at as a petition: it is not
/// UTF-8, not JSON, or not the shape the input type has. Each names where.
package struct JSONInputError: Error, Equatable, Sendable {
    package enum Problem: Equatable, Sendable {
        case invalidUTF8(offset: Int)
        case syntax(offset: Int, expected: String)
        /// A raw control character (below U+0020) inside a string, which JSON forbids.
        case rawControl(offset: Int)
        case tooDeep(path: String)
        case duplicateKey(path: String)
        /// A key the input type does not have, with the nearest one it has.
        case unknownKey(path: String, nearest: String?)
        case wrongType(path: String, expected: String)
        /// A key the input type requires, left out.
        case missingKey(path: String)
        /// A value the field does not take (a role that is none of the roles), with those it does
        /// take when they are few enough to name.
        case invalidValue(path: String, value: String?, allowed: [String])
    }

    package var problem: Problem

    package init(_ problem: Problem) { self.problem = problem }

    /// One sentence saying what is wrong and where; `input`: what the JSON should have been
    /// (a petition, a roster…), as the sentence names it.
    package func message(_ language: Language, input: Localized = Localized("信访事项", "petition")) -> String {
        let zh = language == .zh
        let what = input.text(language)
        func at(_ path: String) -> String { path.isEmpty ? (zh ? "顶层" : "the top level") : path }
        return switch problem {
        case .invalidUTF8(let offset):
            zh ? "输入不是有效的 UTF-8 文本（第\(offset + 1)字节）：请以 UTF-8 编码保存后重新提交"
               : "The input is not valid UTF-8 (byte \(offset + 1)): save it as UTF-8 and submit it again"
        case .syntax(let offset, let expected):
            zh ? "输入不是有效的\(what) JSON（第\(offset + 1)字节处应为 \(expected)）"
               : "The input is not valid \(what) JSON (byte \(offset + 1): expected \(expected))"
        case .rawControl(let offset):
            zh ? "输入不是有效的\(what) JSON（第\(offset + 1)字节：字符串中有未转义的控制字符）"
               : "The input is not valid \(what) JSON (byte \(offset + 1): a raw control character in a string)"
        case .tooDeep(let path):
            zh ? "输入不是有效的\(what) JSON（\(at(path))嵌套超过\(StrictJSON.maxDepth)层）"
               : "The input is not valid \(what) JSON (nested more than \(StrictJSON.maxDepth) deep at \(at(path)))"
        case .duplicateKey(let path):
            zh ? "字段「\(path)」写了两次：每个字段只能出现一次，请删去多余的一个"
               : "The field \"\(path)\" is given twice: each field appears once; remove the extra one"
        case .unknownKey(let path, let nearest):
            nearest.map { n in
                zh ? "没有「\(path)」这个字段（是否应为「\(n)」？）：未知字段不会被忽略，请改正后重新提交"
                   : "There is no field \"\(path)\" (did you mean \"\(n)\"?): unknown fields are not ignored; correct it and submit again"
            } ?? (zh ? "没有「\(path)」这个字段：未知字段不会被忽略，请删去或改正后重新提交"
                     : "There is no field \"\(path)\": unknown fields are not ignored; remove or correct it and submit again")
        case .wrongType(let path, let expected):
            zh ? "输入不是有效的\(what) JSON（字段 \(at(path)) 应为\(Self.typeName(expected, zh: true))）"
               : "The input is not valid \(what) JSON (field \(at(path)) should be \(Self.typeName(expected, zh: false)))"
        case .missingKey(let path):
            zh ? "缺少字段「\(path)」：请补上后重新提交" : "The field \"\(path)\" is missing: add it and submit again"
        case .invalidValue(let path, let value, let allowed):
            (zh ? "字段「\(at(path))」的值\(value.map { "「\($0)」" } ?? "")无效" : "The field \"\(at(path))\" does not take \(value.map { "\"\($0)\"" } ?? "this value")")
                + (allowed.isEmpty ? "" : (zh ? "：应为 " : ": one of ") + allowed.joined(separator: zh ? "、" : ", "))
        }
    }

    static func typeName(_ expected: String, zh: Bool) -> String {
        switch expected {
        case "string": zh ? "文本" : "text"
        case "number": zh ? "整数" : "an integer"
        case "bool": zh ? "true 或 false" : "true or false"
        case "object": zh ? "对象 {…}" : "an object {…}"
        case "array": zh ? "数组 […]" : "an array […]"
        default: expected
        }
    }

    /// The known key nearest to an unknown one: the same once case, `_`, `-` and spaces
    /// are ignored (`accused_organ` → `accusedOrgan`), else the closest by edit distance,
    /// if within a third of its length (two edits for a short key, one for a key of three letters or fewer).
    package static func nearest(to key: String, in known: some Collection<String>) -> String? {
        func fold(_ s: String) -> String { s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " } }
        let folded = fold(key)
        if let same = known.sorted().first(where: { fold($0) == folded }) { return same }
        var best: (String, Int)?
        for candidate in known.sorted() {
            let d = distance(Array(folded), Array(fold(candidate)))
            let allowed = candidate.count <= 3 ? 1 : max(2, candidate.count / 3)
            if d <= allowed, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
