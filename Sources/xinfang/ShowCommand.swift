import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang show CASE [--json]`: the case, its state, flags, clocks and timeline.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "查看案件 — a case with its state, running clocks and timeline.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The case number.")
    var caseNumber: String

    @Option(help: "Compute the clocks as of this date (YYYY-MM-DD); default today.")
    var asOf: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try Session.run(options) { session in
            // Only this case and the cases linked with it either way are read (from the
            // snapshot's index and reverse links, and the log's tail), not every case:
            // the screen lists the cases linking to it, each with its state and holder.
            let book = try CaseNumber(caseNumber).map { try session.openBook(only: [$0], linked: true) } ?? session.openBook()
            guard let number = CaseNumber(caseNumber), let state = book[number] else {
                throw Rejection(.unknownCase, field: "case", ["case": caseNumber])
            }
            let actor = try session.actor(in: book)
            let day = try session.asOfDay(asOf, book: book)
            let history = try book.history(of: number)
            let visible = state.contentVisible(to: actor, name: session.actorName(actor, in: book))
            // The same reading of the case as the console's case screen: its data, as of the day shown.
            let now = try session.now(for: book)
            var data = ConsoleData(states: book.states, directory: session.reference.directory,
                                   calendar: session.reference.calendar, categories: session.reference.categories,
                                   articles: session.reference.articles, policy: session.reference.policy, actor: actor,
                                   now: Day(now) == day ? now : day.start, training: book.mode == .training)
            data.staff = try session.staff(in: book)
            let linkedFrom = ConsoleData.links(to: number, in: book.states)
            data.detail = CaseDetail(number: number, version: data.version, events: history, linkedFrom: linkedFrom)
            var view = CaseView(state: state, history: history, asOf: day, session: session, visible: visible,
                                data: data)
            // Personal information: a supervisor watching the queues sees identity
            // numbers and phones masked (REGULATION.md, "Personal data").
            // Staff of another organ see it masked on a case their organ has had no part in.
            if PersonalData.masked(for: actor, case: state, directory: session.reference.directory) { view.maskPersonalData() }
            if json {
                Output.printJSON(view)
            } else {
                // The case screen's lines, unstyled, wrapped at 100 columns.
                for (line, _) in CaseScreen.lines(AppState(language: session.language), data, number, width: 100, printed: true) {
                    Swift.print(InputText.visible(line))
                }
            }
        }
    }
}

/// A case as `show` presents it.
struct CaseView: Encodable {
    struct PetitionView: Encodable {
        var channel: String
        var receivedAt: String
        var organ: String
        var petitioner: Petitioner?
        var request: String?
        var facts: String?
        var reasons: String?
        var category: String
        var categoryName: String
        var type: String
        var group: Group?
        var accusedOrgan: String?
        var accusedPerson: AccusedPerson?
    }

    struct Entry: Encodable {
        var seq: Int
        var at: String
        var user: String
        var role: String
        var organ: String
        var event: String
        var rule: String
        var article: String
        var voided: Bool
        var fields: EventBody?
    }

    struct LinkView: Encodable {
        var caseNumber: String
        var kind: String
    }

    struct AllowedAction: Encodable {
        var action: String
        var title: String
        var article: String
    }

    var caseNumber: String
    var spoken: String
    var state: String
    var stateName: String
    var effectiveState: String
    var flags: [String]
    /// What registration found about earlier cases and the visit's level, settled or not
    /// (decision 0017).
    var earlierCases: [EarlierFlagJSON]
    /// Content still missing (Art 19 para 1), to be supplemented (补正).
    var missing: [String]
    var holder: String?
    var holderName: String
    var petition: PetitionView?
    var clocks: [ClockJSON]
    var timeline: [Entry]
    /// Links made on this case, and links other cases made to it (the earlier case of a repeat shows it too).
    var links: [LinkView]
    var linkedFrom: [LinkView]
    /// The actions the law allows now and this user may take, each with its article.
    var allowedNow: [AllowedAction]
    var asOf: String
    var contentWithheld: Bool

    init(state s: CaseState, history: [CaseEvent], asOf: Day, session: Session, visible: Bool, data: ConsoleData) {
        let ref = session.reference
        let lang = session.language
        caseNumber = s.number.description
        spoken = s.number.spoken(ref.directory, lang)
        state = s.phase.rawValue
        // The state as of the day shown: a reply whose review window lapsed has closed (Art 35).
        let effective = s.effectivePhase(asOf: asOf, calendar: ref.calendar)
        stateName = effective.title.text(lang)
        effectiveState = effective.rawValue
        flags = s.flags.sorted().map(\.rawValue)
        earlierCases = s.earlierFlags.map { EarlierFlagJSON($0, session) }
        missing = (s.petition?.missingContent ?? []).map(\.rawValue)
        holder = s.holder
        holderName = ref.directory.name(s.holder, lang)
        if let p = s.petition {
            petition = PetitionView(
                channel: p.channel.rawValue, receivedAt: "\(p.receivedOn)", organ: p.organ,
                petitioner: visible ? p.petitioner : nil,
                request: visible ? p.request : nil, facts: visible ? p.facts : nil, reasons: visible ? p.reasons : nil,
                category: p.category, categoryName: ref.categories[p.category]?.name(lang) ?? p.category,
                type: (s.matterType ?? p.type).rawValue, group: visible ? p.group : nil,
                // Who is accused is itself a circumstance of the accusation (Art 30 para 3).
                accusedOrgan: visible ? p.accusedOrgan : nil, accusedPerson: visible ? p.accusedPerson : nil)
        }
        clocks = s.clocks(asOf: asOf, calendar: ref.calendar, directory: ref.directory).map { ClockJSON($0, session) }
        timeline = history.map { e in
            Entry(seq: e.seq, at: e.at.beijingDescription, user: e.actor.user, role: e.actor.role.rawValue,
                  organ: e.actor.organ, event: e.body.name, rule: e.rule.rawValue, article: session.citation(e.rule),
                  // An accusation this user may not read shows no event's fields at all: a
                  // note or an opinion can name the accuser as well as a registration (Art 30).
                  voided: s.voided.contains(e.seq), fields: visible ? e.body : nil)
        }
        links = s.links.map { LinkView(caseNumber: "\($0.to)", kind: $0.kind.rawValue) }
        linkedFrom = data.linkedFrom(s.number).map { LinkView(caseNumber: "\($0.to)", kind: $0.kind.rawValue) }
        allowedNow = CaseScreen.allowed(s, data).map {
            AllowedAction(action: $0.rawValue, title: ActionCatalog.spec($0).title.text(lang), article: session.citation($0.rule))
        }
        self.asOf = "\(asOf)"
        contentWithheld = !visible
    }

    mutating func maskPersonalData() {
        func masked(_ p: Petitioner) -> Petitioner {
            var p = p
            p.idNumber = PersonalData.mask(p.idNumber)
            p.phone = PersonalData.mask(p.phone)
            if !(p.address ?? "").isEmpty { p.address = PersonalData.withheld }
            return p
        }
        guard var view = petition else { return }
        view.petitioner = view.petitioner.map(masked)
        view.group = view.group.map { Group(people: $0.people, representatives: $0.representatives.map(masked)) }
        petition = view
        for i in timeline.indices where timeline[i].event == "registered" || timeline[i].event == "corrected" {
            timeline[i].fields = nil
        }
    }
}
