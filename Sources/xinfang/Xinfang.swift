import ArgumentParser

/// The root command: with no subcommand it opens the console.
struct Xinfang: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xinfang",
        abstract: "信访案件办理控制台 — petition case-handling console (《信访工作条例》2022).",
        discussion: """
            Without a subcommand, opens the console. Every subcommand takes --log, --now \
            (training logs only), --as and --lang. Exit codes: 0 ok, 64 usage, 65 bad data, 74 I/O.
            """,
        subcommands: [ConsoleCommand.self, InitCommand.self, RegisterCommand.self, ActCommand.self,
                      ShowCommand.self, QueueCommand.self, ServeCommand.self, CalendarCommand.self, OrgansCommand.self,
                      CategoriesCommand.self, LogCommand.self, GenerateCommand.self, StaffCommand.self,
                      StatsCommand.self, ReportCommand.self, ExportCommand.self, SuperviseCommand.self, DocCommand.self, TrainingCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )
}
