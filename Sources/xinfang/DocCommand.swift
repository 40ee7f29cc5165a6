import ArgumentParser
import Foundation
import PetitionCore
import PetitionDocuments
import PetitionStore

/// `xinfang doc CASE KIND`, `doc list CASE`, `doc verify FILE`: the written documents of
/// issue 15 (docs/documents.md, decision 0025).
struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "文书 — issue, list and verify written notices, opinions and letters.",
        discussion: "Kinds: " + DocumentKind.allCases.map(\.rawValue).joined(separator: ", "),
        subcommands: [DocIssueCommand.self, DocListCommand.self, DocVerifyCommand.self],
        defaultSubcommand: DocIssueCommand.self)
}

extension Session {
    /// The renderer over the reference data's templates, directory and articles.
    func documentRenderer() throws -> DocumentRenderer {
        try DocumentRenderer(DocumentReference(directory: reference.directory, articles: reference.articles,
                                               templates: reference.templates))
    }

    func caseNumber(_ text: String) throws -> CaseNumber {
        guard let number = CaseNumber(text) else {
            throw Rejection(.invalidValue, field: "case", ["value": text, "expected": "D-XFJ-2025-00001"])
        }
        return number
    }
}

/// `xinfang doc CASE KIND`: renders the document, records its issue, prints or saves it.
struct DocIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "出具文书 — render a document from the case's records, record its issue, print or save it.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The case number.")
    var caseNumber: String

    @Argument(help: "The kind of document (xinfang doc list CASE names those that can be issued now).")
    var kind: String

    @Flag(help: "A self-contained HTML page for A4 (default: plain text at 80 columns).")
    var html = false

    @Option(help: "Save the document to this file instead of printing it.")
    var out: String?

    @Option(help: "How it reaches the recipient: handed-over (default), post, online.")
    var delivery: String = DeliveryMethod.handedOver.rawValue

    @Flag(help: "Render only: record nothing (the document carries no valid code).")
    var preview = false

    func run() throws {
        try Session.run(options) { session in
            guard let kind = DocumentKind(rawValue: kind) else {
                throw UsageError("没有「\(kind)」这种文书，可选：" + DocumentKind.allCases.map(\.rawValue).joined(separator: "、"),
                                 "No document kind \"\(kind)\"; the kinds: " + DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let delivery = DeliveryMethod(rawValue: delivery) else {
                throw Rejection(.invalidValue, field: "delivery",
                                ["value": delivery, "expected": DeliveryMethod.allCases.map(\.rawValue).joined(separator: "|")])
            }
            let number = try session.caseNumber(caseNumber)
            let english = session.language == .en
            let book = try session.openBook(only: [number], writable: !preview && !english)
            guard book[number] != nil else { throw Rejection(.unknownCase, field: "case", ["case": caseNumber]) }
            let actor = try session.actor(in: book)
            let events = try book.history(of: number)
            let renderer = try session.documentRenderer()
            let now = try session.now(for: book)
            var document: RenderedDocument
            // A reader who sees this case's personal data masked sees it masked in its documents
            // too, and may not issue one that carries it (decision 0031, addendum).
            let masked = book[number].map { PersonalData.masked(for: actor, case: $0, directory: session.reference.directory) } ?? false
            if english {
                // The English copy is a reference translation of a document issued in Chinese:
                // the latest of its kind, as issued (its day, its records), with its code.
                guard let issue = CaseDocuments(events: events).issued.last(where: { $0.kind == kind }) else {
                    throw UsageError("英文参考译本只能译已出具的文书：请先出具中文\(kind.title.zh)",
                                     "An English copy translates a document already issued: issue the Chinese \(kind.title.zh) first",
                                     badData: true)
                }
                var request = CaseDocuments.request(for: issue, events: events, language: .en)
                request.actor = actor
                request.actorName = session.actorName(actor, in: book)
                request.personalDataMasked = masked
                document = try renderer.render(request)
            } else {
                var request = DocumentRequest(kind: kind, number: number, events: events, issuedOn: Day(now),
                                              delivery: delivery, language: .zh, actor: actor,
                                              actorName: session.actorName(actor, in: book))
                request.personalDataMasked = masked
                document = try renderer.render(request)
                if !preview, renderer.withholdsPersonalData(document, of: request) {
                    throw UsageError("此文书载有信访人的联系电话或通讯地址，您看到的是遮蔽后的内容，不能出具：请由本案登记或承办机关的人员出具",
                                     "This document carries the petitioner's phone or address, which you see masked: it is issued by the staff of the organ that registered or handles the case",
                                     badData: true)
                }
                if preview {
                    document = document.marked(preview: true)
                } else {
                    // Saved first, then recorded: a file that cannot be written records nothing, and
                    // a refused issue takes away the file it made.
                    let existed = out.map { FileManager.default.fileExists(atPath: $0) } ?? true
                    if let out { try Self.save(html ? document.html : document.text, to: out) }
                    do {
                        try issue(document, request, book: book, session: session, actor: actor, now: now)
                    } catch {
                        if let out, !existed { try? FileManager.default.removeItem(atPath: out) }
                        throw error
                    }
                }
            }
            let content = html ? document.html : document.text
            if let out {
                if preview || english { try Self.save(content, to: out) }
                session.say("\(kind.title.zh)已保存到 \(out)（核验码 \(document.code)）",
                            "\(kind.title.en) saved to \(out) (code \(document.code))")
            } else {
                print(content, terminator: "")
            }
        }
    }

    /// Records the issue: the document's digest, under the log's lock, against the latest
    /// state (refused if the case moved on since it was rendered).
    private func issue(_ document: RenderedDocument, _ request: DocumentRequest, book: CaseBook, session: Session,
                       actor: Actor, now: Instant) throws {
        let command = CaseCommand.issueDocument(kind: request.kind, asOf: request.asOf, to: document.recipient,
                                                delivery: request.delivery, digest: document.digest)
        _ = try book.execute(command, on: request.number, now: now, actor: actor, reference: session.reference,
                             staff: try session.staff(in: book))
    }

    /// Whether `actor` may read a case's documents whole — personal data unmasked and the
    /// accusation visible (Art 30) — and so see their codes and where a copy differs.
    static func mayRead(_ state: CaseState, _ actor: Actor, name: String?, directory: Directory) -> Bool {
        !PersonalData.masked(for: actor, case: state, directory: directory) && state.contentVisible(to: actor, name: name)
    }

    /// Writes the file whole (a name of its own, renamed into place), so a failure leaves no half document.
    static func save(_ content: String, to path: String) throws {
        // Owner only, as the console saves them: a document holds personal data.
        let mask = umask(0o077)
        defer { umask(mask) }
        do {
            try Data(content.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            var failure = UsageError("不能写入文件 \(path)（文件夹不存在，或没有写入权限）",
                                     "Cannot write \(path) (no such folder, or no permission to write there)")
            failure.exitCode = 74
            throw failure
        }
    }
}

/// `xinfang doc list CASE`: what can be issued now, and what was issued.
struct DocListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "文书清单 — the documents a case can issue now, and those it issued.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The case number.")
    var caseNumber: String

    func run() throws {
        try Session.run(options) { session in
            let number = try session.caseNumber(caseNumber)
            let book = try session.openBook(only: [number])
            guard let state = book[number] else { throw Rejection(.unknownCase, field: "case", ["case": caseNumber]) }
            let actor = try session.actor(in: book)
            let documents = CaseDocuments(events: try book.history(of: number))
            let language = session.language, zh = language == .zh
            let masked = !DocIssueCommand.mayRead(state, actor, name: session.actorName(actor, in: book), directory: session.reference.directory)
            session.say("\(number) 现在可以出具（xinfang doc \(number) 文书）：", "\(number) can issue now (xinfang doc \(number) KIND):")
            Output.printTable(zh ? ["文书", "名称"] : ["kind", "title"],
                              documents.available.map { [$0.rawValue, $0.title.text(language)] })
            guard !documents.issued.isEmpty else {
                return session.say("尚未出具文书。", "No document issued yet.")
            }
            session.say("", "")
            session.say("已出具：", "Issued:")
            Output.printTable(zh ? ["记录", "文书", "日期", "送达对象", "送达方式", "核验码"]
                                 : ["record", "document", "date", "to", "delivery", "code"],
                              documents.issued.map { d in
                                  let to = d.kind.toOrgan ? session.reference.directory.names(recipients: d.to, language)
                                                          : (masked ? PersonalData.mask(d.to) : d.to)
                                  // A code lets its holder check text against the log: not for one who may not read it (Art 30).
                                  return ["\(d.seq)", d.kind.title.text(language), "\(d.on)", to,
                                          d.delivery.label.text(language), masked ? (zh ? "（不显示）" : "(withheld)") : d.code]
                              })
        }
    }
}

/// `xinfang doc verify FILE`: renders the document again from the log and compares.
struct DocVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "核验文书 — check a saved or typed-back document against the log, by its code.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The document: a text or HTML file, or - for standard input.")
    var file: String

    func run() throws {
        try Session.run(options) { session in
            let content = try Self.read(file)
            guard let code = DocumentVerification.code(in: content) else {
                throw UsageError("文件中没有核验码（形如 XXXX-XXXX-XXXX-XXXX）", "No verification code (XXXX-XXXX-XXXX-XXXX) in the file",
                                 badData: true)
            }
            let book = try session.openBook()
            // Each case that issued a document read back until the one that issued this code.
            var found: (CaseDocuments.Issued, [CaseEvent])?
            for state in book.states where found == nil && state.steps.contains(where: { $0.action == .issueDocument }) {
                let events = try book.history(of: state.number)
                if let issue = CaseDocuments(events: events).issue(withCode: code) { found = (issue, events) }
            }
            guard let (issue, events) = found else {
                throw UsageError("核验未通过：本日志没有出具过核验码为 \(code) 的文书", "Not verified: this log issued no document with code \(code)",
                                 badData: true)
            }
            let renderer = try session.documentRenderer()
            let original = try renderer.render(CaseDocuments.request(for: issue, events: events, language: .zh))
            guard original.digest == issue.digest else {
                throw UsageError("核验未通过：按日志重新生成的\(issue.kind.title.zh)与出具记录的摘要不符（模板或参考数据已改动）",
                                 "Not verified: the \(issue.kind.title.en.lowercased()) rendered again from the log does not match the digest recorded (templates or reference data changed)",
                                 badData: true)
            }
            let language: Language = DocumentVerification.isTranslation(content) ? .en : .zh
            let again = language == .zh ? original
                : try renderer.render(CaseDocuments.request(for: issue, events: events, language: .en))
            let rendered = DocumentVerification.isHTML(content) ? again.html : again.text
            let what = "\(issue.event.caseNumber) \(issue.kind.title.text(session.language))"
            // Art 30 and personal data: where the difference lies is shown only to one who may
            // read the document; to anyone else it would give the text away a guess at a time.
            let actor = try session.actor(in: book)
            let readable = book[issue.event.caseNumber].map { DocIssueCommand.mayRead($0, actor, name: session.actorName(actor, in: book), directory: session.reference.directory) } ?? false
            if let diff = DocumentVerification.difference(file: content, rendered: rendered) {
                guard readable else {
                    throw UsageError("核验未通过：文件与\(issue.on)出具的\(what)不符（差异之处不向本岗位显示：第30条、个人信息）",
                                     "Not verified: the file differs from \(what) issued on \(issue.on) (where is not shown to your post: Art 30, personal data)",
                                     badData: true)
                }
                throw UsageError("核验未通过：文件与\(issue.on)出具的\(what)不符（应为「\(diff.expected)」，文件中为「\(diff.found)」）",
                                 "Not verified: the file differs from \(what) issued on \(issue.on) (expected \"\(diff.expected)\", found \"\(diff.found)\")",
                                 badData: true)
            }
            session.say("核验通过：\(what)，\(issue.on)出具，\(issue.delivery.label.zh)，核验码 \(code)",
                        "Verified: \(what), issued on \(issue.on), \(issue.delivery.label.en), code \(code)")
        }
    }

    static func read(_ path: String) throws -> String {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else {
            var error = UsageError("不能读取文件 \(path)", "Cannot read \(path)")
            error.exitCode = 74
            throw error
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UsageError("文件 \(path) 不是 UTF-8 文本或 HTML", "\(path) is not UTF-8 text or HTML", badData: true)
        }
        return text
    }
}
