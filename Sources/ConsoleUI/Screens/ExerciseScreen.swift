import PetitionCore

/// 练习: the exercises of a training log, each with how this trainee stands on it; and one
/// exercise — its story, its steps marked done or not, the step now, the feedback so far
/// (decision 0026). Keys are named on the screen.
enum ExerciseScreen {
    static func drawList(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        let zh = state.language == .zh
        let lang = state.language
        guard !data.exercises.isEmpty else {
            grid.put(zh ? "没有练习（data/exercises/ 为空）" : "No exercises (data/exercises/ is empty)", row: 2, column: 2, style: .hint)
            return
        }
        grid.put(zh ? " 选一个练习，按 Enter 开始（每次开始都是一个新的案情）" : " Pick an exercise; Enter starts it (each start is a fresh situation)",
                 row: 1, column: 1, style: .hint)
        for (i, exercise) in data.exercises.enumerated() where 3 + i < grid.rows - 4 {
            // The standing `training status` and `training report` show too (decision 0029).
            let status = data.standings.first { $0.exercise == exercise.id }?.label(lang) ?? ""
            let chapter = zh ? "第\(exercise.chapter)章" : "Ch \(exercise.chapter)"
            let line = DisplayWidth.pad("\(i + 1). " + exercise.title.text(lang), to: 52) + DisplayWidth.pad(chapter, to: 8) + status
            grid.put(DisplayWidth.pad(DisplayWidth.truncate(" " + line, to: grid.columns - 2), to: grid.columns - 2),
                     row: 3 + i, column: 1, style: i == state.exerciseSelected ? .selected : .normal)
        }
        grid.put(zh ? " ↑↓ 选择  Enter 开始或继续  x 重新开始  i 提示  Esc 返回" : " ↑↓ pick  Enter start or go on  x start again  i hint  Esc back",
                 row: grid.rows - 4, column: 1, style: .hint)
    }

    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData, _ id: String) {
        let zh = state.language == .zh
        let lang = state.language
        guard let exercise = data.exercise(id) else { return }
        let judged = data.latestRuns[id]
        let run = judged?.run
        let result = judged?.result
        let width = grid.columns - 4
        var row = 2
        for line in DisplayWidth.wrap(exercise.story.text(lang), to: width).prefix(5) {
            grid.put(line, row: row, column: 2)
            row += 1
        }
        if let run, !run.start.cases.isEmpty {
            let cases = run.start.cases.enumerated().map { "$\($0.offset + 1) \($0.element)" }.joined(separator: "  ")
            grid.put(DisplayWidth.truncate((zh ? "本练习的案件：" : "Cases: ") + cases, to: width), row: row, column: 2, style: .hint)
            row += 1
        }
        row += 1
        for (i, step) in exercise.steps.enumerated() where row < grid.rows - 6 {
            let done = result.map { $0.current == nil || i < ($0.current ?? 0) } ?? false
            let mark = done ? "✓" : (result?.current == i ? "→" : " ")
            let text = "\(mark) \(i + 1). " + step.task.text(lang) + " " + (zh ? "（" : "(") + data.articles.short(step.rule, lang) + (zh ? "）" : ")")
            for (j, line) in DisplayWidth.wrap(text, to: width).prefix(2).enumerated() {
                grid.put(line, row: row, column: 2, style: result?.current == i && j == 0 ? .selected : .normal)
                row += 1
            }
        }
        if let result, let last = result.feedback.last, row < grid.rows - 5 {
            row += 1
            // Whole, wrapped: the why-sentence is the lesson (the message line cuts it).
            let line = Update.feedbackLine(last, result, exercise, data, lang)
            for text in DisplayWidth.wrap(line, to: width) where row < grid.rows - 5 {
                grid.put(text, row: row, column: 2, style: last.right ? .title : .overdue)
                row += 1
            }
        }
        // The mistakes of this run by article (the score asks for them), above the keys.
        if let result, !result.mistakes.isEmpty {
            let articles = result.mistakes.sorted { ($1.value, $0.key?.rawValue ?? "") < ($0.value, $1.key?.rawValue ?? "") }
                .map { (rule, n) in (rule.map { data.articles.short($0, lang) } ?? (zh ? "其他" : "other")) + "×\(n)" }
                .joined(separator: zh ? "；" : "; ")
            grid.put(DisplayWidth.truncate((zh ? "本次出错：" : "Mistakes this run: ") + articles, to: width), row: grid.rows - 5,
                     column: 2, style: .overdue)
        }
        let score: String = if let result {
            zh ? "一次做对 \(result.rightFirstTime)/\(result.steps)  错误 \(result.mistakeCount)  提示 \(result.hints)"
               : "right first time \(result.rightFirstTime)/\(result.steps)  mistakes \(result.mistakeCount)  hints \(result.hints)"
        } else { "" }
        let keys = result?.complete == true
            ? (zh ? "练习完成。x 再做一次  Esc 返回练习列表" : "Done. x does it again  Esc returns to the list")
            : (zh ? "Enter 打开本步的案件  i 提示  x 重新开始  Esc 返回" : "Enter opens this step's case  i hint  x start again  Esc back")
        grid.put(DisplayWidth.truncate(" " + keys + "    " + score, to: grid.columns - 2), row: grid.rows - 4, column: 1, style: .hint)
    }
}
