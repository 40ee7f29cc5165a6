import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang init [--training]`: creates a log and its roster.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a production log, or a training log with --training.",
        discussion: "--training creates a practice log (simulated clock allowed, sample users); later commands on it take --training too.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "The jurisdiction's petition department (organ code); default from data/organs.json.")
    var jurisdiction: String?

    @Option(help: "The role of the OS user in a new production roster (default clerk).")
    var role: String = "clerk"

    func run() throws {
        try Session.run(options) { session in
            let training = session.trainingRequested
            let mode: LogMode = training ? .training : .production
            let now = try session.now(for: mode)
            let organ = jurisdiction ?? session.reference.directory.jurisdiction
            guard session.reference.directory[organ] != nil else {
                throw Rejection(.unknownOrgan, field: "organ", ["organ": organ])
            }
            guard let userRole = Role(rawValue: role), userRole != .trainee else {
                throw UsageError("--role 应为 clerk、handler、organHead、supervisor 或 administrator",
                                 "--role must be clerk, handler, organHead, supervisor or administrator")
            }
            let path = session.logPath
            let account = training ? session.osUser : try session.productionUser()
            _ = try DurableLog.create(at: path, mode: mode, jurisdiction: organ, now: now)
            let rosterPath = Roster.path(forLog: path)
            if !FileManager.default.fileExists(atPath: rosterPath) {
                // A production roster's first member is the account creating the log.
                let roster = training
                    ? Roster.training(osUser: session.osUser, jurisdiction: organ)
                    : Roster(members: [.init(user: account, name: account, role: userRole, organ: organ)])
                try roster.save(to: rosterPath)
            }
            let name = session.reference.directory.name(organ, session.language)
            session.say(training ? "已创建培训日志：\(path)（\(name)）" : "已创建正式日志：\(path)（\(name)）",
                        training ? "Created training log \(path) (\(name))" : "Created production log \(path) (\(name))")
            session.say("人员名册：\(rosterPath)", "Roster: \(rosterPath)")
        }
    }
}
