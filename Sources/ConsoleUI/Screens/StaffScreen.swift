import PetitionCore

/// 人员名单: who may act on this log, in which role, for which organ, as its staff
/// records say (decision 0016) — the person at the keyboard marked. Read-only: a change
/// is an administrator's `xinfang staff add/change/remove`, recorded in the log.
enum StaffScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let zh = state.language == .zh
        guard !data.staffMembers.isEmpty else {
            grid.put(zh ? "这个日志的人员仍记在名册文件中（建于人员记录之前），控制台不列出"
                        : "This log keeps its users in a roster file (it predates staff records); not listed here",
                     row: 2, column: 2, style: .hint)
            return
        }
        let widths = [14, 14, 12]
        let header = zh ? ["账户", "姓名", "角色", "机关"] : ["account", "name", "role", "organ"]
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { DisplayWidth.pad(DisplayWidth.truncate($0, to: $1 - 1), to: $1) }.joined() + cells[3]
        }
        grid.put(DisplayWidth.truncate(" " + line(header), to: grid.columns - 1), row: 2, column: 1, style: .title)
        let rows = data.staffMembers.map { m -> (String, Bool) in
            let mark = m.user == data.actor.user ? (zh ? "（本人）" : " (you)") : m.user == data.staffOwner ? (zh ? "（创建者）" : " (creator)") : ""
            return (line([m.user, m.name, data.policy.name(of: m.role, state.language),
                          data.directory.name(m.organ, state.language) + mark]), m.user == data.actor.user)
        }
        let room = max(1, grid.rows - 8)
        let top = min(state.detailScroll, max(0, rows.count - room))
        for (i, (text, own)) in rows.dropFirst(top).prefix(room).enumerated() {
            grid.put(DisplayWidth.truncate(" " + text, to: grid.columns - 1), row: 3 + i, column: 1, style: own ? .selected : .normal)
        }
        let note = zh ? "共\(rows.count)人。人员变更由系统管理员用 xinfang staff add/change/remove 办理，每次变更记入日志"
                      : "\(rows.count) on the staff. An administrator changes it with xinfang staff add/change/remove; each change is a record"
        grid.put(DisplayWidth.truncate(" " + note, to: grid.columns - 2), row: grid.rows - 4, column: 1, style: .hint)
    }
}
