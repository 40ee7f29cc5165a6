import PetitionCore

/// The register screen: the form on the left; on the right, as soon as the person is
/// identified, their earlier cases with state and next deadline, and what the
/// regulation says about taking the same matter again.
enum RegisterScreen {
    static func draw(_ grid: inout CellGrid, _ state: AppState, _ data: ConsoleData) {
        guard let form = state.form else { return }
        let lang = state.language
        let zh = lang == .zh
        let height = FormScreen.height(.register, rows: grid.rows)
        let formWidth = FormScreen.formWidth(.register, columns: grid.columns)
        FormScreen.draw(&grid, FormInput.fields(state, data), form, language: lang, top: 1, left: 1,
                        width: formWidth, height: height)
        let left = formWidth + 2
        let width = grid.columns - left - 1
        for r in 1...height { grid.put("│", row: r, column: left - 1, style: .hint) }
        grid.put(DisplayWidth.pad(zh ? "此人以往信访" : "Earlier petitions", to: width), row: 1, column: left, style: .title)
        var lines: [(String, StyleRole)] = []
        func wrapped(_ text: String, _ style: StyleRole, indent: Int = 0) {
            for row in DisplayWidth.wrap(text, to: width - indent) { lines.append((String(repeating: " ", count: indent) + row, style)) }
        }
        if let problem = RegisterForm.idProblem(form, data, lang) {
            // A number that cannot be anyone's is not a first petition: it is a typing error.
            wrapped(problem, .overdue)
        } else if state.priorKey.isEmpty {
            let hint = zh ? ["输入完整证件号码，", "或姓名和电话后，", "这里列出此人以往", "的案件及办理情况。"]
                          : ["Enter a whole ID", "number, or a name", "and phone, to see", "this person's cases."]
            for line in hint { lines.append((line, .hint)) }
        } else if state.prior.isEmpty {
            lines.append((zh ? "无以往案件：初信初访" : "None: a first petition", .normal))
        } else {
            lines.append((zh ? "共\(state.prior.count)件  F3 打开（表单保留）" : "\(state.prior.count)  F3 opens one (form kept)", .normal))
            let typed = form.value("petitioner.name")
            for (n, prior) in state.prior.enumerated() {
                let index: String = state.prior.count > 1 ? "\(n + 1). " : ""
                lines.append((index + prior.number.description, .normal))
                let category = data.categories[prior.category]?.name(lang) ?? prior.category
                wrapped(prior.phase.title.text(lang) + " " + category, .normal, indent: 1)
                if let earlier = data.state(prior.number)?.petition {
                    let request: String = DisplayWidth.truncate(earlier.request, to: 2 * width - 10)
                    wrapped((zh ? "请求：" : "Request: ") + request, .normal, indent: 1)
                    // The name on record, and a plain question when the form's differs: the
                    // same number with another name is a typing error or another person.
                    // Read from the fields themselves, not the whole petition (which a form still
                    // being filled in does not yet make).
                    let typedPeople: [Petitioner] = (["petitioner"] + RegisterForm.extraRepresentatives.map { "group.representatives[\($0)]" })
                        .map { path in
                            func value(_ key: String) -> String? { form.value(path + key).isEmpty ? nil : form.value(path + key) }
                            return Petitioner(name: value(".name"), idNumber: value(".idNumber"), phone: value(".phone"))
                        }
                    // The form's person who is the one on record (a representative, not always
                    // the first name on the form) is the one whose name is compared.
                    let pair: (typed: Petitioner, record: Petitioner)? = earlier.people.lazy.compactMap { person in
                        typedPeople.first { $0.isSamePerson(as: person) }.map { (typed: $0, record: person) }
                    }.first
                    let onRecord: String = pair?.record.name ?? earlier.petitioner.name ?? ""
                    let typed: String = pair?.typed.name ?? typed
                    let shownName: String = onRecord.isEmpty ? "—" : onRecord
                    wrapped((zh ? "登记姓名：" : "Name on record: ") + shownName, .normal, indent: 1)
                    if !typed.isEmpty, !onRecord.isEmpty, InputText.normalise(typed) != InputText.normalise(onRecord) {
                        wrapped(zh ? "⚠ 所填姓名「\(typed)」与登记的「\(onRecord)」不同：是同一人吗？请核对证件"
                                   : "⚠ \(typed) typed, \(onRecord) on record: the same person? Check the ID",
                                .overdue, indent: 1)
                    }
                }
                if let next = prior.next {
                    let clock: String = next.kind.title.text(lang) + " " + Console.daysLeft(next, lang)
                    wrapped(clock, Console.urgency(next), indent: 1)
                }
                if let finding = prior.finding {
                    wrapped("⚑" + finding.title.text(lang), finding == .repeatPetition ? .dueSoon : .overdue, indent: 1)
                    wrapped(data.articles.short(finding.rule, lang), .hint, indent: 2)
                }
            }
        }
        for (i, (text, style)) in lines.prefix(height - 1).enumerated() {
            grid.put(DisplayWidth.truncate(text, to: width), row: 2 + i, column: left, style: style)
        }
    }
}
