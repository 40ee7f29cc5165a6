import ArgumentParser
import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore

/// `xinfang init [--training]`: creates a log and enrols its first staff (staff records,
/// docs/decisions/0016-staff.md): the account creating it, and whoever `--roster` lists.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a production log, or a training log with --training.",
        discussion: "--training creates a practice log (simulated clock allowed, sample users); later commands on it take --training too. The account running init is enrolled first (administrator by default) and may always manage the staff (xinfang staff).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "The jurisdiction's petition department (organ code); default from data/organs.json.")
    var jurisdiction: String?

    @Option(help: "The role of the account creating a production log (default administrator).")
    var role: String = "administrator"

    @Option(help: "A roster JSON file ({\"members\": [{user, name, role, organ}]}) whose members are enrolled too.")
    var roster: String?

    func run() throws {
        try Session.run(options) { session in
            let training = session.trainingRequested
            let mode: LogMode = training ? .training : .production
            let now = try session.now(for: mode)
            let database = try session.database()
            let organ = jurisdiction ?? database?.jurisdiction ?? session.reference.directory.jurisdiction
            guard let userRole = Role(rawValue: role), userRole != .trainee else {
                throw UsageError("--role 应为 clerk、handler、organHead、supervisor 或 administrator",
                                 "--role must be clerk, handler, organHead, supervisor or administrator")
            }
            let path = session.logPath
            if let database, let named = database.jurisdiction, named != organ, jurisdiction != nil {
                throw UsageError("--jurisdiction \(organ) 与数据库地址中的 jurisdiction=\(named) 不一致",
                                 "--jurisdiction \(organ) differs from the URL's jurisdiction=\(named)")
            }
            guard session.reference.directory[organ] != nil else {
                throw Rejection(.unknownOrgan, field: "organ", ["organ": organ])
            }
            if database == nil { try Self.checkNewLogPath(path) }
            // A production log's first member is the account creating it (decision 0014);
            // in a database, the role the connection authenticated as.
            let user = training ? session.osUser
                : try database.map { location throws in try PostgresEventLog.sessionUser(location) } ?? session.productionUser()
            var members = training
                ? Roster.training(osUser: user, jurisdiction: organ).members
                : [.init(user: user, name: user, role: userRole, organ: organ)]
            if let roster {
                let listed = try Roster.load(from: roster).members
                // The account creating the log is enrolled by --role (and its organ): a roster that
                // lists it too is refused rather than silently overridden (tester, issue 13).
                if listed.contains(where: { $0.user == user }) {
                    throw StoreError(.badRoster, path: roster, cause: "列有建立日志的账户「\(user)」：该账户的角色由 --role 指定，请从名单中删去")
                }
                members += listed
            }
            // Checked before the log is made: a refused roster leaves no log behind.
            var check = Staff()
            for change in Roster(members: members).enrolment(by: user, at: now) {
                try check.decide(change, directory: session.reference.directory, training: training)
                check.apply(change)
            }
            let log: any EventLog
            if var database {
                let applied = try PostgresEventLog.create(database, jurisdiction: organ, mode: mode, now: now,
                                                          dataHash: session.referenceHash)
                if !applied.isEmpty {
                    session.say("数据库结构已建立或更新至第\(PostgresSchema.version)版", "Database schema created or migrated to version \(PostgresSchema.version)")
                }
                database.jurisdiction = organ
                log = try PostgresEventLog.open(database, writable: true, dataHash: session.referenceHash, listen: false)
            } else {
                log = try DurableLog.create(at: path, mode: mode, jurisdiction: organ, now: now)
            }
            try CaseBook(log: log).changeStaff(Roster(members: members).enrolment(by: user, at: now),
                                               directory: session.reference.directory)
            // A database log records the reference data its records are decided by (decision 0028).
            try (log as? PostgresEventLog)?.recordReferenceData()
            let name = session.reference.directory.name(organ, session.language)
            session.say(training ? "已创建培训日志：\(path)（\(name)）" : "已创建正式日志：\(path)（\(name)）",
                        training ? "Created training log \(path) (\(name))" : "Created production log \(path) (\(name))")
            session.say("人员：\(members.count)人（xinfang staff list 查看；由 \(user) 管理）",
                        "Staff: \(members.count) (xinfang staff list; managed by \(user))")
        }
    }

    /// A new log may not take a name another log's own files use (its snapshot, damage
    /// note, roster, quarantine or temporary files): the next open of that log would
    /// read it as its own. Installed for an office, only root creates logs in the office
    /// folder (docs/install.md: the administrator does, right after installing).
    static func checkNewLogPath(_ path: String) throws {
        let name = (path as NSString).lastPathComponent
        let sideFile = [".snapshot", ".damaged", ".roster.json", ".creating"].contains { name.hasSuffix($0) }
            || name.contains(".quarantine-") || name.contains(".writing-")
        if sideFile {
            throw UsageError("「\(name)」是日志附属文件的名字（快照、损坏记号、名册、隔离或临时文件），不能作日志：请用以 .log 结尾的名字",
                             "\"\(name)\" is the name of a log's own file (snapshot, damage note, roster, quarantine or temporary): name a log NAME.log")
        }
        if Installation.current.privileged, getuid() != 0 {
            throw UsageError("办公室安装版本的日志由系统管理员（root）创建；请联系管理员",
                             "In an office installation the administrator (root) creates logs; ask them")
        }
    }
}
