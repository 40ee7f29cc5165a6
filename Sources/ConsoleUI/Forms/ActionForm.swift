import PetitionCore

/// An action's form, laid out from the action catalogue's fields: the same fields
/// `xinfang act ACTION --help` lists, the same builder, the same decision.
enum ActionForm {
    static func blank(_ kind: ActionKind) -> Form {
        Form(focus: ActionCatalog.spec(kind).fields.first?.name ?? "")
    }

    static func fields(_ kind: ActionKind, on number: CaseNumber? = nil, _ form: Form, _ data: ConsoleData,
                       _ language: Language) -> [FormField] {
        let reachable = number.flatMap { routeTargets(kind, on: $0, data) }
        let action = kind
        return ActionCatalog.spec(kind).fields.map { spec in
            // The catalogue's own words when they fit the label column; else the field's
            // name, with the catalogue's words as the hint.
            let help = spec.help.text(language)
            let fits = DisplayWidth.of(help) <= FormScreen.labelWidth - 1 && !help.contains("（") && !help.contains("(")
            var label = fits ? help : FieldLabels.label(spec.name, language)
            // The command line asks for an organ's code; the console picks it from a list.
            if case .organ = spec.kind {
                for suffix in ["代码", " code"] where label.hasSuffix(suffix) { label = String(label.dropLast(suffix.count)) }
            }
            // Every list shows its Chinese labels (the code is what is stored), and only
            // what may be chosen on this case: an outcome that fits its matter type (Arts 29,
            // 30, 32), a track 1 to 6 (Art 31).
            let options: (([String]) -> [Choice]) = {
                $0.filter { mayChoose(spec.name, $0, on: number, data) }
                    .map { Choice($0, ChoiceLabels.label($0, language), keywords: $0) }
            }
            var kind: FormField.Kind = switch spec.kind {
            case .text, .caseNumber: .text
            case .organ: .pick(RegisterForm.organOptions(data, language).filter { reachable?.contains($0.value) ?? true })
            case .integer: .number
            case .day: .day
            case .yesNo: .choice(options(["yes", "no"]))
            case .choice(let values): .choice(options(values))
            case .choices(let values): .several(options(values))
            }
            if case .number = kind, spec.name == "track" {
                kind = .choice(tracks(language))
                label = language == .zh ? "法定途径" : "Track"
            }
            // Feedback answers one of the case's open supervision orders: picked, not typed.
            if case .number = kind, spec.name == "order", let c = number.flatMap({ data.state($0) }) {
                // Each order by its suggestion and who answers it (Art 40 para 4): the organ
                // supervised, or the addressee its paragraph names, with the organ it concerns.
                kind = .choice(c.openSupervisionOrders.map { order in
                    let to = order.addressees(in: data.directory)
                    let answering = to.isEmpty ? [order.organ] : to
                    let names = answering.map { data.directory.shortName($0, language) }.joined(separator: language == .zh ? "、" : ", ")
                    let about = answering == [order.organ] ? ""
                        : (language == .zh ? "（关于\(data.directory.shortName(order.organ, language))）"
                                           : " (about \(data.directory.shortName(order.organ, language)))")
                    return Choice("\(order.index)", (language == .zh ? "第\(order.index)号 " : "no. \(order.index) ")
                                  + ChoiceLabels.label(order.suggestion.rawValue, language) + " → " + names + about)
                })
            }
            // 督办 (decision 0030): the organs the case is or was with, within the issuer's reach — the
            // one it is with first — and each suggestion with the organ its paragraph sends it to.
            if action == .orderSupervision, let c = number.flatMap({ data.state($0) }) {
                if spec.name == "organ" {
                    kind = .choice(supervisable(c, data).map { Choice($0, data.directory.shortName($0, language), keywords: $0) })
                } else if spec.name == "suggestion" {
                    let organ = form.value("organ")
                    kind = .choice(Suggestion.allCases.map { suggestion in
                        let to = data.directory.addressees(of: suggestion, concerning: organ, issuedBy: data.actor.organ)
                        let names = to.isEmpty ? (language == .zh ? "无受文机关" : "no addressee")
                            : to.map { data.directory.shortName($0, language) }.joined(separator: language == .zh ? "、" : ", ")
                        return Choice(suggestion.rawValue, ChoiceLabels.label(suggestion.rawValue, language) + " → " + names,
                                      keywords: suggestion.rawValue)
                    })
                }
            }
            var hint: String? = spec.help.text(language) == label ? nil : spec.help.text(language)
            if case .choices = spec.kind {
                hint = language == .zh ? "Enter 打开列表，空格勾选，可多选" : "Enter: list; Space ticks; several allowed"
            } else if spec.name == "track" {
                hint = data.articles.short(.classifyGrievance, language)
            } else if case .day = spec.kind {
                hint = language == .zh ? "YYYY-MM-DD，空则今天" : "YYYY-MM-DD, empty for today"
            } else if let reason = NonAcceptance(rawValue: form.value(spec.name)) {
                // A reason for not accepting rests on its own article (Art 19(3) or Art 36(3)).
                hint = data.articles.short(reason.rule, language)
            } else if action == .orderSupervision, spec.name == "suggestion",
                      let suggestion = Suggestion(rawValue: form.value("suggestion")) {
                hint = data.articles.short(suggestion.rule, language)
            } else if action == .orderSupervision, spec.name == "organ" {
                hint = data.articles.short(.supervisionOrder, language)
            } else if case .pick = kind {
                hint = language == .zh ? "Enter 选择，可输入名称搜索" : "Enter: pick, type to search"
            }
            return FormField(spec.name, label, kind, required: spec.required, hint: hint)
        }
    }

    /// The organs this user may order supervision of on the case (Art 40 para 1, decision 0030).
    static func supervisable(_ state: CaseState, _ data: ConsoleData) -> [OrganCode] {
        state.supervisable(by: data.actor.organ, in: data.directory)
    }

    /// Whether a value of a list may be chosen on this case: an outcome fits the case's
    /// matter type; everything else may.
    static func mayChoose(_ field: String, _ value: String, on number: CaseNumber?, _ data: ConsoleData) -> Bool {
        guard field == "outcome", let outcome = Outcome(rawValue: value),
              let type = number.flatMap({ data.state($0) })?.matterType else { return true }
        return outcome.fits(type)
    }

    /// Art 31's six tracks of a grievance, as the classify form offers them.
    static func tracks(_ language: Language) -> [Choice] {
        let zh = language == .zh
        let names = zh ? ["诉讼、复议、检察、公安程序", "仲裁", "党员申诉", "行政程序", "履行职责", "其他"]
                       : ["litigation, reconsideration, procuratorate, police", "arbitration", "Party member appeal", "administrative procedure",
                          "performance of duty", "other"]
        return names.enumerated().map { Choice("\($0.offset + 1)", "\($0.offset + 1) " + $0.element) }
    }

    /// The command as typed, decided against the case as the log will decide it.
    static func check(_ kind: ActionKind, on number: CaseNumber, _ form: Form,
                      _ data: ConsoleData) throws(Rejection) -> CaseCommand {
        var values: [String: String] = [:]
        for field in ActionCatalog.spec(kind).fields where !form.value(field.name).isEmpty {
            values[field.name] = form.value(field.name)
        }
        let command = try ActionCatalog.command(kind, values)
        guard let state = data.state(number) else { throw Rejection(.unknownCase, field: "case", ["case": "\(number)"]) }
        _ = try Workflow.decide(command, state, data.context)
        return command
    }

    /// Why this user may not take an action now — not this role's, not this organ's
    /// case — as the core words it, with its article; nil when it may.
    static func refusal(_ kind: ActionKind, on state: CaseState, _ data: ConsoleData) -> Rejection? {
        do throws(Rejection) {
            try Workflow.precheck(kind, state, data.context)
            return nil
        } catch {
            return error
        }
    }

    /// The organs a transfer, an assignment or a referral from this case may go to, as
    /// the decider would judge each (Arts 22, 23, 30): the organ picker offers only these,
    /// so it never offers what the save then refuses. Nil for an action that names no
    /// destination organ.
    static func routeTargets(_ kind: ActionKind, on number: CaseNumber, _ data: ConsoleData) -> Set<OrganCode>? {
        guard let state = data.state(number) else { return nil }
        let command: (OrganCode) -> CaseCommand
        if kind == .transfer {
            command = { .transfer(to: $0, note: nil) }
        } else if kind == .assign {
            // Any term the table allows: only the destination is being judged.
            let days = data.context.terms.assignment.days.lowerBound
            command = { .assign(to: $0, days: days, note: nil) }
        } else if kind == .referPoliticalLegal {
            command = { .referPoliticalLegal(to: $0, note: nil) }
        } else if kind == .referDiscipline {
            command = { .referDiscipline(to: $0, note: nil) }
        } else {
            return nil
        }
        let routing: Set<Rejection.Code> = [.outOfReach, .notOwnSystem, .routeToAccused, .referralWrongOrganType, .unknownOrgan]
        var targets: Set<OrganCode> = []
        for organ in data.directory.organs {
            do throws(Rejection) {
                _ = try Workflow.decide(command(organ.code), state, data.context)
                targets.insert(organ.code)
            } catch {
                if !routing.contains(error.code) { targets.insert(organ.code) }
            }
        }
        return targets
    }

    /// The short mark beside a refused action in the list.
    static func mark(_ rejection: Rejection, _ language: Language) -> String {
        let zh = language == .zh
        return switch rejection.code {
        case .wrongOrgan, .outOfReach, .notOwnSystem, .organActOutOfReach, .organNotOfCase, .caseNotOfOrgan, .organIsIssuer,
             .noOrganToSupervise, .listedOwnOrgan: zh ? "（非本机关）" : " (organ)"
        case .heldByAccused, .accusedMayNotAct, .handlerIsAccused: zh ? "（第30条）" : " (Art 30)"
        // The role may not take it: the refusal a user can do nothing about but ask another.
        case .roleNotPermitted, .extensionNeedsOrganHead, .staffByAdministrator, .notStaff:
            zh ? "（非本岗位）" : " (role)"
        // Anything else (a state, a date, a field): not now; the form says exactly why.
        // Listed, so a new code is placed here.
        case .actionNotAllowedNow, .dateInFuture, .dateBeforePreviousStep, .beforeInForce, .missingField,
             .invalidValue, .invalidResidentID, .invalidCreditCode, .invalidPhone, .unknownOrgan, .unknownCategory,
             .unknownCase, .groupTooManyRepresentatives, .groupTooFewPeople, .routeToAccused, .notAnAccusation,
             .referralWrongOrganType, .assignDaysInvalid, .bureauMustTriage, .notPendingBelow, .notSamePetitioner,
             .notFinal, .objectionWindowLapsed, .trackRequired, .trackOnlyForGrievance, .recusalNotChecked,
             .extensionOnlyOnce, .extensionTooLong, .extensionAfterDeadline, .outcomeNotForType, .measuresRequired,
             .notAssigned, .completionAlreadyReported, .noSuperior, .reviewWindowLapsed, .rereviewWindowLapsed,
             .incidentNeedsVisit, .supervisionDaysInvalid, .unknownSupervisionOrder, .feedbackAlreadyRecorded,
             .noOpenSupervisionOrder, .suggestionNoAddressee, .nothingToExecute, .documentOutdated,
             .voidUnknownRecord, .voidNotVoidable, .linkToSelf, .staffExists, .staffUnknown,
             .staffTraineeInProduction, .staffLastAdministrator, .forbiddenCharacter, .fieldTooLong,
             .handlerNotStaff, .objectionAlreadyMade, .noHandlingTerm, .notFlaggedAgainst, .noEarlierFlag,
             .supplementAlreadyRequested, .nothingToSupplement, .reviewNotRevoked,
             .notAPetition, .notMissing, .earlierCaseUndecided, .notYetReplied, .alreadyRated,
             .clockTrainingOnly, .clockNotForward, .actNotLiftable:
            zh ? "（暂不可）" : " (not now)"
        case .caseIncomplete, .caseNotIncomplete, .numberNotThePetitions:
            zh ? "（待复核）" : " (review)"
        }
    }
}
