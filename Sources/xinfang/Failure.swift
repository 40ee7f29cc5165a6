import ArgumentParser
import ConsoleTerminal
import Foundation
import PetitionCore
import PetitionDocuments
import PetitionStore

/// The one place where errors become a line on stderr and an exit code:
/// 0 success, 64 usage, 65 bad data, 74 I/O, 1 anything else.
enum Failure {
    static func report(_ error: any Error, language: Language, reference: ReferenceData?) -> ExitCode {
        if let e = error as? ExitCode { return e }
        let (line, code) = describe(error, language: language, reference: reference)
        // Input quoted in the line (a value, a key) shows its control and bidi characters as escapes.
        FileHandle.standardError.write(Data(("xinfang: " + InputText.visible(line) + "\n").utf8))
        return ExitCode(code)
    }

    /// The one line that says what went wrong, and the exit code it calls for.
    static func describe(_ error: any Error, language: Language, reference: ReferenceData?) -> (String, Int32) {
        let (line, code): (String, Int32)
        switch error {
        case let r as Rejection:
            (line, code) = (text(r, language, reference), 65)
        case let b as BatchRejection:
            let which = language == .zh ? "第\(b.index + 1)件（共\(b.count)件）：" : "petition \(b.index + 1) of \(b.count): "
            (line, code) = (which + text(b.rejection, language, reference), 65)
        case let c as Conflict:
            let last = c.changes.last
            let what = last.map { $0.body.title.text(language) } ?? ""
            let who = last?.actor.user ?? ""
            let when = last.map { String($0.at.beijingDescription.dropFirst(11).prefix(5)) } ?? ""
            let prefix = language == .zh ? "另一位工作人员（\(who)，\(when)）刚对本案件做了「\(what)」，本操作已不适用："
                                         : "\(who) recorded \"\(what)\" on this case at \(when); this step no longer applies: "
            (line, code) = (prefix + text(c.rejection, language, reference), 65)
        case let s as StoreError:
            let dataProblem: Set<StoreError.Code> = [.notALog, .futureVersion, .corruptRecord, .badData, .badRoster]
            // A user the roster does not know, or a log's own file given as a new one to
            // write: a command line that cannot be carried out.
            let usage: Set<StoreError.Code> = [.notInRoster, .ownFile]
            (line, code) = (s.message(language), dataProblem.contains(s.code) ? 65 : usage.contains(s.code) ? 64 : 74)
        case let t as TerminalLocaleError:
            (line, code) = (t.message(language), 1)
        case let j as JSONInputError:
            (line, code) = (j.message(language), 65)
        case let p as PartialRegistration:
            // Written in part: an I/O outcome whatever stopped it, so no script takes it for success or for nothing done.
            let (cause, _) = describe(p.cause, language: language, reference: reference)
            let first = p.written.first.map(\.description) ?? "", last = p.written.last.map(\.description) ?? ""
            let text = language == .zh
                ? "只登记了\(p.count)件中的前\(p.written.count)件（\(first) 至 \(last)，案件号见标准输出）；从第\(p.firstNotWritten + 1)件（索引\(p.firstNotWritten)）起均未写入：\(cause)"
                : "only \(p.written.count) of \(p.count) petitions were registered (\(first) to \(last), listed on stdout); from petition \(p.firstNotWritten + 1) (index \(p.firstNotWritten)) on, none was written: \(cause)"
            (line, code) = (text, 74)
        case let d as DocumentError:
            (line, code) = (d.text(language), 65)
        case let u as UsageError:
            (line, code) = (u.message(language), u.exitCode)
        default:
            (line, code) = ("\(error)", 1)
        }
        return (line, code)
    }

    private static func text(_ r: Rejection, _ language: Language, _ reference: ReferenceData?) -> String {
        guard let reference else { return r.code.rawValue }
        return r.message(language, articles: reference.articles, directory: reference.directory)
    }
}

/// A command line that cannot be carried out as written (64), or input that is
/// not what it should be (65).
struct UsageError: Error {
    var zh: String
    var en: String
    var exitCode: Int32 = 64

    init(_ zh: String, _ en: String, badData: Bool = false) {
        self.zh = zh
        self.en = en
        exitCode = badData ? 65 : 64
    }

    func message(_ language: Language) -> String { language == .zh ? zh : en }
}
