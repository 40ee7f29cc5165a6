import PetitionCore

/// Keys on a form: typing edits the focused field by grapheme; Tab and Enter move on;
/// a list field opens a searchable picker; F2 checks everything and hands the run
/// loop the write; Esc asks before throwing typing away.
enum FormInput {
    static func fields(_ state: AppState, _ data: ConsoleData) -> [FormField] {
        guard let form = state.form else { return [] }
        switch state.screen {
        case .register: return RegisterForm.fields(form, data, state.language)
        case .action(let number, let kind): return ActionForm.fields(kind, on: number, form, data, state.language)
        case .organAct: return OrganActForm.fields(form, data, state.language)
        case .home, .queue, .detail, .help, .actions, .search, .staff, .document, .exercises, .exercise, .organActs,
             .statistics: return []
        }
    }

    /// Applies a key to the open form; returns the write a save asks for.
    static func apply(_ key: Key, _ state: inout AppState, _ data: ConsoleData, pageSize: Int,
                      columns: Int = Console.minimumColumns) -> Effect? {
        guard var form = state.form else {
            Update.back(&state)
            return nil
        }
        defer {
            if state.screen.isForm, state.form != nil { settle(&state, data, pageSize: pageSize, columns: columns) }
        }
        if let confirming = form.confirming {
            switch key {
            case .character("y"), .character("Y"):
                state.form = nil
                if confirming == .quit { state.quit = true } else { Update.back(&state) }
            case .character("n"), .character("N"), .escape:
                form.confirming = nil
                state.form = form
            case .character, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .backspace, .delete,
                 .tab, .backTab, .function, .resize, .tick, .paste:
                break  // only y or n answers the question
            }
            return nil
        }
        let fields = fields(state, data)
        guard !fields.isEmpty || KeyMap.intent(for: key, in: .form) != nil else { return nil }
        let index = fields.firstIndex { $0.key == form.focus } ?? 0
        if form.picker != nil {
            pickerKey(key, &form, fields.indices.contains(index) ? fields[index] : nil)
            state.form = form
            return nil
        }
        // A long text field takes Enter as a line break and ↑ ↓ as moves between its rows
        // (to the next field from its last row); a paste goes into the field whole.
        if fields.indices.contains(index), fields[index].multiline || key.isPaste,
           longTextKey(key, &form, fields[index], width: valueWidth(state.screen, columns: columns), {
               RegisterForm.message($0, data, state.language)
           }) {
            state.form = form
            return nil
        }
        if let intent = KeyMap.intent(for: key, in: .form) {
            switch intent {
            case .nextField:
                if key == .enter, fields.indices.contains(index), fields[index].opensPicker {
                    form.picker = Picker.opening(fields[index], form)
                } else if !fields.isEmpty {
                    form.touched.insert(form.focus)
                    form.focus = fields[min(fields.count - 1, index + 1)].key
                }
            case .previousField:
                if !fields.isEmpty {
                    form.touched.insert(form.focus)
                    form.focus = fields[max(0, index - 1)].key
                }
            case .save:
                state.form = form
                return save(&state, data)
            case .back, .quit:
                if form.dirty {
                    form.confirming = intent
                } else {
                    state.form = nil
                    if intent == .quit { state.quit = true } else { Update.back(&state) }
                    return nil
                }
            case .help:
                state.form = form
                Update.go(.help, &state)
                return nil
            case .openEarlier:
                state.form = form
                openEarlier(&state)
                return nil
            case .up, .down, .pageUp, .pageDown, .top, .bottom, .open, .filter, .queue, .register, .search, .home, .staff, .statistics,
                 .print, .clock, .exercises, .hint,
                 .actions, .sort, .view, .link:
                break  // browse intents: the form's key map binds none of them
            }
            state.form = form
            return nil
        }
        guard fields.indices.contains(index) else { return nil }
        edit(key, &form, fields[index], width: valueWidth(state.screen, columns: columns)) {
            RegisterForm.message($0, data, state.language)
        }
        state.form = form
        return nil
    }

    /// From the register form, the person's earlier case: the form waits (Esc on the case
    /// returns to it, as typed). With several, each press opens the next in the panel's order.
    static func openEarlier(_ state: inout AppState) {
        guard case .register = state.screen else { return }
        let zh = state.language == .zh
        guard !state.prior.isEmpty else {
            state.flash = Flash(text: zh ? "没有可打开的以往案件" : "No earlier case to open", style: .hint)
            return
        }
        let n = state.earlierOpened % state.prior.count
        state.earlierOpened = n + 1
        state.detailScroll = 0
        Update.go(.detail(state.prior[n].number), &state)
        state.flash = Flash(text: zh ? "以往案件 \(state.prior[n].number)：按 Esc 回到登记表单" 
                                     : "Earlier case \(state.prior[n].number): Esc returns to the register form", style: .hint)
    }

    /// The columns a field's value takes on this screen at this terminal width.
    static func valueWidth(_ screen: Screen, columns: Int) -> Int {
        max(8, FormScreen.formWidth(screen, columns: columns) - FormScreen.labelWidth - 1)
    }

    /// Keys a long text field handles itself; false for those it leaves to the form.
    private static func longTextKey(_ key: Key, _ form: inout Form, _ field: FormField, width: Int,
                                    _ describe: (Rejection) -> String) -> Bool {
        var editor = form.values[field.key] ?? LineEditor()
        switch key {
        case .enter:
            insert("\n", into: &editor, &form, field, describe)
            return true
        case .paste(let text):
            switch field.kind {
            case .text, .number, .day:
                // One line in a one-line field: its line breaks become spaces.
                let pasted = field.multiline ? text : text.replacing("\r\n", with: " ").replacing("\n", with: " ")
                    .replacing("\r", with: " ")
                // A control, bidi or zero-width character the field may not hold refuses the
                // paste whole, naming it, as a save would: nothing is dropped unseen.
                let before = String(editor.graphemes[..<editor.cursor]).unicodeScalars.count
                if let refusal = InputText.forbiddenCharacter(in: pasted, field: field.key, before: before) {
                    form.errors[field.key] = describe(refusal)
                    form.touched.insert(field.key)
                    return true
                }
                insert(pasted, into: &editor, &form, field, describe)
                return true
            case .choice, .pick, .several:
                return true  // a list's value is chosen, not pasted
            }
        case .up: guard editor.moveRow(by: -1, width: width) else { return false }
        case .down: guard editor.moveRow(by: 1, width: width) else { return false }
        case .home: editor.rowHome(width: width)
        case .end: editor.rowEnd(width: width)
        case .character, .left, .right, .pageUp, .pageDown, .escape, .backspace, .delete, .tab, .backTab, .function,
             .resize, .tick:
            return false  // typed as in any text field, or the form's
        }
        form.values[field.key] = editor
        return true
    }

    /// Inserts typed or pasted text (what is printable, and line breaks and tabs). Past
    /// the field's limit (`InputText`) the field says so at once, in the core's words; the
    /// save then refuses it as the log would, so nothing is cut without the clerk seeing.
    private static func insert(_ text: String, into editor: inout LineEditor, _ form: inout Form, _ field: FormField,
                               _ describe: (Rejection) -> String) {
        let before = editor
        for c in text where isPrintable(c) || c == "\n" || c == "\r" || c == "\r\n" || c == "\t" { editor.insert(c) }
        guard editor != before else { return }
        form.values[field.key] = editor
        form.dirty = true
        form.errors[field.key] = nil
        let limit = InputText.rule(for: field.key).limit
        if editor.graphemes.count > limit {
            form.errors[field.key] = describe(Rejection(.fieldTooLong, field: field.key,
                                                        ["limit": "\(limit)", "length": "\(editor.graphemes.count)"]))
            form.touched.insert(field.key)
        }
    }

    /// Typing into one field.
    private static func edit(_ key: Key, _ form: inout Form, _ field: FormField, width: Int, _ describe: (Rejection) -> String) {
        var editor = form.values[field.key] ?? LineEditor()
        let before = editor
        switch field.kind {
        case .choice(let options):
            guard !options.isEmpty else { return }
            let current = options.firstIndex { $0.value == editor.text }
            switch key {
            case .right, .character(" "): editor = LineEditor(options[current.map { ($0 + 1) % options.count } ?? 0].value)
            case .left: editor = LineEditor(options[current.map { ($0 + options.count - 1) % options.count } ?? 0].value)
            case .backspace, .delete: editor = LineEditor()
            case .character(let c) where isPrintable(c):
                // Typing searches the list by its Chinese labels (or the codes), as a pick field does.
                var picker = Picker.opening(field, form)
                picker.query.insert(c)
                form.picker = picker
            case .character, .up, .down, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .function,
                 .resize, .tick, .paste:
                break  // a choice changes only by ← → and space, or in its list
            }
        case .pick, .several:
            switch key {
            case .backspace, .delete: editor = LineEditor()
            case .character(let c) where isPrintable(c) && !(c == " " && field.isSeveral):
                var picker = Picker.opening(field, form)
                picker.query.insert(c)
                form.picker = picker
            case .right, .character(" "): form.picker = Picker.opening(field, form)
            case .character, .up, .down, .left, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab,
                 .function, .resize, .tick, .paste:
                break  // a list's value is chosen in its picker, not typed
            }
        case .text, .number, .day:
            switch key {
            case .character("\u{15}"): editor.clear()  // Ctrl-U clears the field, as in a shell
            case .character(let c) where isPrintable(c):
                // Numbers as people write them: an input method's full-width digits, and a
                // phone's +86, parentheses, spaces and dashes (stored in one form: `InputText.phone`).
                // A count (days, a track, an order) takes digits only: "-" or a space is no number of days.
                let isPhone = field.key.hasSuffix("phone")
                if case .number = field.kind, !(c.isNumber || (isPhone && "+-() ＋－（）".contains(c))) { return }
                if case .day = field.kind, !(c.isASCII && (c.isNumber || c == "-")) { return }
                insert(String(c), into: &editor, &form, field, describe)
                return
            case .backspace: editor.backspace()
            case .delete: editor.delete()
            case .left: editor.left()
            case .right: editor.right()
            case .home: editor.home()
            case .end: editor.end()
            case .character, .up, .down, .pageUp, .pageDown, .enter, .escape, .tab, .backTab, .function, .resize, .tick,
                 .paste:
                break  // control characters and keys that do not edit
            }
        }
        if editor != before {
            form.values[field.key] = editor
            form.dirty = true
            form.errors[field.key] = nil
        }
    }

    private static func pickerKey(_ key: Key, _ form: inout Form, _ field: FormField?) {
        guard var picker = form.picker, let field else {
            form.picker = nil
            return
        }
        let matches = Picker.matches(field.options, picker.query.text)
        switch key {
        case .escape: form.picker = nil; return
        case .character(" ") where picker.ticked != nil:
            // Several: space ticks the highlighted option, or unticks it.
            if matches.indices.contains(picker.selected) {
                let value = matches[picker.selected].value
                if picker.ticked?.contains(value) == true { picker.ticked?.removeAll { $0 == value } } else { picker.ticked?.append(value) }
            }
        case .enter:
            if var ticked = picker.ticked {
                // Enter with nothing ticked takes the highlighted option.
                if ticked.isEmpty, matches.indices.contains(picker.selected) { ticked = [matches[picker.selected].value] }
                let value = field.options.map(\.value).filter(ticked.contains).joined(separator: ",")
                if value != form.value(field.key) {
                    form.values[field.key] = LineEditor(value)
                    form.dirty = true
                }
                form.errors[field.key] = nil
                form.touched.insert(field.key)
            } else if matches.indices.contains(picker.selected) {
                form.values[field.key] = LineEditor(matches[picker.selected].value)
                form.dirty = true
                form.errors[field.key] = nil
                form.touched.insert(field.key)
            }
            form.picker = nil
            return
        case .up: picker.selected = max(0, picker.selected - 1)
        case .down: picker.selected = min(max(0, matches.count - 1), picker.selected + 1)
        case .pageUp: picker.selected = max(0, picker.selected - 8)
        case .pageDown: picker.selected = min(max(0, matches.count - 1), picker.selected + 8)
        case .backspace:
            picker.query.backspace()
            picker.selected = 0
        case .character("\u{15}"):
            picker.query.clear()
            picker.selected = 0
        case .character(let c) where isPrintable(c):
            picker.query.insert(c)
            picker.selected = 0
        case .paste(let text):
            picker.query.insert(Key.queryText(text))
            picker.selected = 0
        case .character, .left, .right, .home, .end, .delete, .tab, .backTab, .function, .resize, .tick:
            break  // the picker's query takes typing and Backspace only
        }
        form.picker = picker
    }

    static func isPrintable(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v)
    }

    /// Checks the whole form as the log will and, if it passes, returns the write for
    /// the run loop; if not, says why beside the field and returns nothing.
    private static func save(_ state: inout AppState, _ data: ConsoleData) -> Effect? {
        guard var form = state.form else { return nil }
        let lang = state.language
        do throws(Rejection) {
            switch state.screen {
            case .register:
                return .register(try RegisterForm.check(form, data))
            case .action(let number, let kind):
                return .execute(try ActionForm.check(kind, on: number, form, data), number)
            case .organAct(let organ):
                return .recordOrganAct(try OrganActForm.check(organ, form, data))
            case .home, .queue, .detail, .help, .actions, .search, .staff, .document, .exercises, .exercise, .organActs,
                 .statistics:
                return nil
            }
        } catch {
            // Every problem at once, beside its field, and the cursor on the first in the
            // form's order: the refusal the log would give, each required field left empty,
            // and what the person's fields fail.
            let fields = fields(state, data)
            // An action's or an organ act's form names a field as its label does (关联's `kind`
            // is its 关系, not a petitioner's 类别; a lift's `note` its 解除理由, not 说明);
            // the register form's messages cite the article that asks for the field.
            let ownLabels: Bool = if case .register = state.screen { false } else { true }
            var problems: [String: String] = [:]
            if let key = RegisterForm.fieldKey(error), fields.contains(where: { $0.key == key }) {
                problems[key] = RegisterForm.message(error, data, lang)
            }
            for field in fields where field.required && form.value(field.key).trimmingCharacters(in: .whitespaces).isEmpty
                && problems[field.key] == nil {
                problems[field.key] = !ownLabels
                    ? RegisterForm.message(Rejection(.missingField, field: field.key,
                                                     rule: PetitionValidation.missingRule(field.key)), data, lang)
                    : (lang == .zh ? "请填写\(field.label)" : "\(field.label): required")
            }
            if ownLabels, case .missingField = error.code, let key = error.field,
               let field = fields.first(where: { $0.key == key }) {
                problems[key] = lang == .zh ? "请填写\(field.label)" : "\(field.label): required"
            }
            if case .register = state.screen {
                var everything = form
                everything.touched.formUnion(fields.map(\.key))
                for (key, message) in RegisterForm.fieldErrors(everything, data, lang) where problems[key] == nil {
                    problems[key] = message
                }
            }
            for (key, message) in problems {
                form.errors[key] = message
                form.touched.insert(key)
            }
            let first = fields.first { problems[$0.key] != nil }
            if let first { form.focus = first.key }
            let message = first.flatMap { problems[$0.key] } ?? RegisterForm.message(error, data, lang)
            state.form = form
            state.flash = Flash(text: problems.count > 1 ? (lang == .zh ? "共\(problems.count)处需改正：" : "\(problems.count) problems: ")
                + message : message, style: .overdue)
            // On a training log the refusal is kept as an attempt (decision 0026); the form stays.
            guard data.training else { return nil }
            let (action, number): (String, CaseNumber?) = switch state.screen {
            case .action(let number, let kind): (kind.rawValue, number)
            case .organAct: ("supervise", nil)
            case .document(let number): (ActionKind.issueDocument.rawValue, number)
            case .register, .home, .queue, .detail, .help, .actions, .search, .staff, .exercises, .exercise, .organActs,
                 .statistics:
                ("register", nil)
            }
            return .recordNote(.refused(TrainingAttempt(error, action: action, caseNumber: number, by: data.actor.user, at: data.now)))
        }
    }

    /// After every key: the focus stays on a field that exists (a group's rows come
    /// and go with its size), problems show beside fields already left, the focused
    /// field is scrolled into view, and the person's earlier cases are looked up.
    private static func settle(_ state: inout AppState, _ data: ConsoleData, pageSize: Int, columns: Int) {
        guard var form = state.form else { return }
        let fields = fields(state, data)
        if !fields.isEmpty, !fields.contains(where: { $0.key == form.focus }) {
            form.focus = fields.first { $0.key == "group.people" }?.key ?? fields[0].key
        }
        if case .register = state.screen {
            let live = RegisterForm.fieldErrors(form, data, state.language)
            // A person's fields are checked as soon as they are left: characters, lengths, numbers.
            for key in ["petitioner.name", "petitioner.idNumber", "petitioner.phone", "petitioner.address", "group.people"]
                + RegisterForm.extraRepresentatives.flatMap({ n in
                    ["name", "idNumber", "phone"].map { "group.representatives[\(n)].\($0)" }
                }) {
                if let message = live[key] { form.errors[key] = message }
            }
            let key = RegisterForm.lookupKey(form)
            if key != state.priorKey {
                state.priorKey = key
                state.prior = key.isEmpty ? [] : (try? RegisterForm.petition(form, data)).map {
                    // An earlier accusation this clerk may not read is not listed: that this
                    // person accused someone is itself a circumstance of the accusation (Art 30).
                    data.states.priorCases(of: $0, asOf: data.today, calendar: data.calendar, directory: data.directory)
                        .filter { prior in data.state(prior.number).map(data.contentVisible) ?? true }
                } ?? []
            }
        }
        let rows = FormScreen.layout(fields, form, width: FormScreen.formWidth(state.screen, columns: columns))
        if let row = rows.firstIndex(where: { $0.field == form.focus && !$0.isError }) {
            // The focused field whole (a long text field's rows too) in view.
            let last = rows.lastIndex { $0.field == form.focus && !$0.isError } ?? row
            let visible = max(1, FormScreen.height(state.screen, rows: pageSize + 6) - 1)
            if last >= form.top + visible { form.top = last - visible + 1 }
            if row < form.top { form.top = row }
        }
        state.form = form
    }
}
