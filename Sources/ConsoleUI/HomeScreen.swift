import PetitionCore

/// What the home screen shows: who is at the console, the mode and the date, and
/// the counts that matter.
package struct HomeModel: Sendable, Equatable {
    package var user: String
    package var role: String
    package var organ: String
    package var training: Bool
    package var today: Day
    package var registeredToday: Int
    package var dueWithin3Days: Int
    package var overdue: Int
    package var underSupervision: Int

    package init(user: String, role: String, organ: String, training: Bool, today: Day, registeredToday: Int,
                 dueWithin3Days: Int, overdue: Int, underSupervision: Int) {
        self.user = user
        self.role = role
        self.organ = organ
        self.training = training
        self.today = today
        self.registeredToday = registeredToday
        self.dueWithin3Days = dueWithin3Days
        self.overdue = overdue
        self.underSupervision = underSupervision
    }
}

/// The home screen. The register, queue and case screens come with the console.
package enum HomeScreen {
    package static func render(_ m: HomeModel, rows: Int, columns: Int, language: Language) -> CellGrid {
        var grid = CellGrid(rows: rows, columns: columns)
        let zh = language == .zh
        guard rows >= 24, columns >= 80 else {
            grid.put(zh ? "终端窗口太小：至少需要 80×24" : "Terminal too small: 80x24 needed", row: 0, column: 0)
            return grid
        }
        grid.fill(row: 0, style: .title)
        grid.put(zh ? " 信访案件办理控制台 xinfang" : " xinfang petition console", row: 0, column: 0, style: .title)
        let counts: [(String, String, Int, StyleRole)] = [
            ("今日登记", "registered today", m.registeredToday, .normal),
            ("3日内到期", "due within 3 days", m.dueWithin3Days, .dueSoon),
            ("已逾期", "overdue", m.overdue, .overdue),
            ("督办中", "under supervision", m.underSupervision, .normal),
        ]
        for (i, (zhLabel, enLabel, n, style)) in counts.enumerated() {
            grid.put(DisplayWidth.pad(zh ? zhLabel : enLabel, to: 20), row: 3 + i, column: 4)
            grid.put(String(n), row: 3 + i, column: 26, style: n > 0 ? style : .normal)
        }
        grid.put(zh ? "登记、队列和案件详情界面即将提供；现在可用命令行：xinfang --help"
                    : "Register, queue and case screens are coming; the command line works now: xinfang --help",
                 row: 9, column: 4, style: .hint)
        grid.put(zh ? "q 退出" : "q quit", row: rows - 2, column: 1, style: .hint)
        let mode = m.training ? (zh ? "培训模式" : "TRAINING") : (zh ? "正式" : "production")
        let status = " \(m.user)  \(m.role)  \(m.organ)  \(mode)  \(m.today)"
        grid.fill(row: rows - 1, style: m.training ? .training : .status)
        grid.put(status, row: rows - 1, column: 0, style: m.training ? .training : .status)
        return grid
    }
}
