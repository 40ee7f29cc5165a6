import ArgumentParser
import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore

/// `xinfang staff list|history|add|change|remove`: who may act on the log, as its staff
/// records say (docs/decisions/0016-staff.md). Changes are made by an administrator (or
/// the account that created the log), each one a record in the log naming who made it.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "人员 — who may act, in which role, for which organ (kept as records in the log).",
        subcommands: [List.self, History.self, Add.self, Change.self, Remove.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The staff now, or as it stood at the end of a day (--on YYYY-MM-DD).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The day to show the staff as of (every change made up to its end).") var on: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try Session.run(options) { session in
                let staff: Staff
                if let on {
                    let day = try session.day(on, option: "on")
                    let book = try session.openBook()
                    try session.checkStaffKept(book)
                    staff = Staff().applying(try LogInspection.staffChanges(in: try session.scanLog()).map(\.change)
                        .filter { Day($0.at) <= day })
                } else {
                    let book = try session.openBook()
                    try session.checkStaffKept(book)
                    staff = book.staff
                }
                if json { return Output.printJSON(staff.sorted) }
                let zh = session.language == .zh
                let reference = session.reference
                Output.printTable(zh ? ["账户", "姓名", "角色", "机关"] : ["account", "name", "role", "organ"],
                                  staff.sorted.map { m in
                                      [m.user, m.name, reference.policy.name(of: m.role, session.language),
                                       reference.directory.name(m.organ, session.language)]
                                  })
                session.say("共\(staff.members.count)人" + (staff.owner.map { "；创建日志的账户：\($0)" } ?? ""),
                            "\(staff.members.count) on the staff" + (staff.owner.map { "; the log's creator: \($0)" } ?? ""))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Every staff change: when, by whom, what (read from the first record).")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        struct Line: Encodable {
            var seq: Int
            var change: StaffChange
        }

        func run() throws {
            try Session.run(options) { session in
                try session.checkStaffKept(try session.openBook())
                let changes = try LogInspection.staffChanges(in: try session.scanLog())
                if json { return Output.printJSON(changes.map { Line(seq: $0.seq, change: $0.change) }) }
                let zh = session.language == .zh
                let reference = session.reference
                Output.printTable(zh ? ["记录", "时间", "操作人", "变更", "账户", "姓名", "角色", "机关"]
                                     : ["record", "time", "by", "change", "account", "name", "role", "organ"],
                                  changes.map { seq, c in
                                      ["\(seq)", c.at.beijingDescription, c.by, Self.kindName(c.kind, zh), c.user, c.name ?? "",
                                       c.role.map { reference.policy.name(of: $0, session.language) } ?? "",
                                       c.organ.map { reference.directory.name($0, session.language) } ?? ""]
                                  })
            }
        }

        static func kindName(_ kind: StaffChange.Kind, _ zh: Bool) -> String {
            switch kind {
            case .add: zh ? "加入" : "joined"
            case .change: zh ? "变更" : "changed"
            case .remove: zh ? "离开" : "left"
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Enrol an account: its name, role and organ.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account (its operating-system user name).") var user: String
        @Option(help: "The person's name.") var name: String
        @Option(help: "clerk, handler, organHead, supervisor, administrator (trainee: training logs only).") var role: String
        @Option(help: "The organ code (xinfang organs).") var organ: String

        func run() throws {
            try Session.run(options) { session in
                try StaffCommand.change(session, account: user) { by, now in
                    StaffChange(.add, user: user, name: name, role: try StaffCommand.role(role), organ: organ, by: by, at: now)
                }
                session.say("已加入：\(user)", "Enrolled \(user)")
            }
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "change", abstract: "Change an account's name, role or organ.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account.") var user: String
        @Option(help: "The person's name.") var name: String?
        @Option(help: "The new role.") var role: String?
        @Option(help: "The new organ code.") var organ: String?

        func run() throws {
            try Session.run(options) { session in
                try StaffCommand.change(session) { by, now in
                    StaffChange(.change, user: user, name: name, role: try role.map(StaffCommand.role), organ: organ,
                                by: by, at: now)
                }
                session.say("已变更：\(user)", "Changed \(user)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "An account leaves the staff: it acts no more.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account.") var user: String

        func run() throws {
            try Session.run(options) { session in
                try StaffCommand.change(session) { by, now in StaffChange(.remove, user: user, by: by, at: now) }
                session.say("已离开：\(user)（此前的记录不变）", "\(user) has left the staff (earlier records stay as they are)")
            }
        }
    }

    /// Decides and records one change, made by the acting account. On a production log an
    /// account enrolled must exist on this system (its records will name it).
    static func change(_ session: Session, account: String? = nil, _ make: (String, Instant) throws -> StaffChange) throws {
        let book = try session.openBook(writable: true)
        try session.checkStaffKept(book)
        if let account, book.mode == .production, let database = book.log as? PostgresEventLog {
            // On a database log the staff are the database's roles (decision 0028).
            if try !database.roleExists(account) {
                var refused = UsageError("数据库中没有角色「\(InputText.visible(account))」：请先由数据库管理员创建（CREATE ROLE \(InputText.visible(account)) LOGIN; GRANT xinfang_staff TO \(InputText.visible(account))；docs/install.md）",
                                         "There is no database role \"\(InputText.visible(account))\": ask the database administrator to create it (CREATE ROLE \(InputText.visible(account)) LOGIN; GRANT xinfang_staff TO \(InputText.visible(account)); docs/install.md)")
                refused.exitCode = 65
                throw refused
            }
        } else if let account, book.mode == .production, getpwnam(account) == nil {
            var refused = UsageError("系统中没有账户「\(InputText.visible(account))」：请先为此人创建系统账户（docs/install.md）",
                                     "There is no account \"\(InputText.visible(account))\" on this system: create it first (docs/install.md)")
            refused.exitCode = 65
            throw refused
        }
        let actor = try session.actor(in: book)
        let change = try make(actor.user, try session.now(for: book))
        try book.changeStaff([change], directory: session.reference.directory)
    }

    static func role(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text) else {
            throw UsageError("--role「\(text)」不是角色（clerk、handler、organHead、supervisor、administrator、trainee）",
                             "--role \"\(text)\" is not a role (clerk, handler, organHead, supervisor, administrator, trainee)")
        }
        return role
    }
}

extension Session {
    /// A log made before staff records keeps its users in the roster file beside it;
    /// `xinfang staff` works on logs that keep them as records.
    func checkStaffKept(_ book: CaseBook) throws {
        guard book.keepsStaff else {
            throw UsageError("这个日志的人员仍在名册文件 \(Roster.path(forLog: logPath)) 中（建于人员记录之前）：请用新版 xinfang init 建立的日志",
                             "This log keeps its users in \(Roster.path(forLog: logPath)) (it predates staff records): staff works on logs made by this version's init")
        }
    }
}
