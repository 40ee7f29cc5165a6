import PetitionCore

// The codecs of a case's fields in a snapshot (`CaseSnapshot.layout`). Each composite
// codec's shape names its members, so changing what it writes means changing its shape.

enum TextCodec: SnapshotCodec {
    static let shape = "str"
    static func write(_ v: String, _ w: inout BinaryWriter) { w.string(v) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> String { try r.string() }
}

enum IntCodec: SnapshotCodec {
    static let shape = "int"
    static func write(_ v: Int, _ w: inout BinaryWriter) { w.int(v) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> Int { try r.int() }
}

enum DayCodec: SnapshotCodec {
    static let shape = "day"
    static func write(_ v: Day, _ w: inout BinaryWriter) { w.day(v) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> Day { try r.day() }
}

enum Opt<C: SnapshotCodec>: SnapshotCodec {
    static var shape: String { "opt(\(C.shape))" }
    static func write(_ v: C.Value?, _ w: inout BinaryWriter) { w.optional(v) { w, v in C.write(v, &w) } }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> C.Value? {
        try r.optional { r throws(BinaryEventCodec.DecodeError) in try C.read(&r) }
    }
}

enum List<C: SnapshotCodec>: SnapshotCodec {
    static var shape: String { "list(\(C.shape))" }
    static func write(_ items: [C.Value], _ w: inout BinaryWriter) {
        w.uvarint(UInt64(items.count))
        for item in items { C.write(item, &w) }
    }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> [C.Value] {
        let count = try r.count()
        var items: [C.Value] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try C.read(&r)) }
        return items
    }
}

/// A set, written sorted as a list.
enum SetOf<C: SnapshotCodec>: SnapshotCodec where C.Value: Hashable & Comparable {
    static var shape: String { "set(\(C.shape))" }
    static func write(_ set: Set<C.Value>, _ w: inout BinaryWriter) { List<C>.write(set.sorted(), &w) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> Set<C.Value> { Set(try List<C>.read(&r)) }
}

/// A case's flags, written as `SetOf<FlagTag>` writes a set of them (sorted, as a list):
/// the same bytes and shape as when they were held in a `Set`.
enum FlagSetCodec: SnapshotCodec {
    static var shape: String { SetOf<FlagTag>.shape }
    static func write(_ flags: CaseFlags, _ w: inout BinaryWriter) { List<FlagTag>.write(flags.sorted(), &w) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseFlags {
        CaseFlags(try List<FlagTag>.read(&r))
    }
}

enum PhaseTag: TagCodec {
    typealias Value = Phase
    static let table: [Phase] = Phase.allCases
}
enum FlagTag: TagCodec {
    typealias Value = CaseFlag
    static let table: [CaseFlag] = CaseFlag.allCases
}
enum MatterTypeTag: TagCodec {
    typealias Value = MatterType
    static let table: [MatterType] = BinaryEventCodec.matterTypes
}
enum OutcomeTag: TagCodec {
    typealias Value = Outcome
    static let table: [Outcome] = BinaryEventCodec.outcomes
}
enum MeasureTag: TagCodec {
    typealias Value = Measure
    static let table: [Measure] = BinaryEventCodec.measures
}
enum ReviewOutcomeTag: TagCodec {
    typealias Value = ReviewOutcome
    static let table: [ReviewOutcome] = BinaryEventCodec.reviewOutcomes
}
enum SuggestionTag: TagCodec {
    typealias Value = Suggestion
    static let table: [Suggestion] = BinaryEventCodec.suggestions
}
enum AdoptionTag: TagCodec {
    typealias Value = Adoption
    static let table: [Adoption] = BinaryEventCodec.adoptions
}
enum SatisfactionTag: TagCodec {
    typealias Value = Satisfaction
    static let table: [Satisfaction] = BinaryEventCodec.satisfactions
}
enum LinkKindTag: TagCodec {
    typealias Value = LinkKind
    static let table: [LinkKind] = BinaryEventCodec.links
}
enum EarlierCaseKindTag: TagCodec {
    typealias Value = EarlierCaseKind
    static let table: [EarlierCaseKind] = BinaryEventCodec.earlierCaseKinds
}
enum SettlementTag: TagCodec {
    typealias Value = EarlierCaseFlag.Settlement
    static let table: [EarlierCaseFlag.Settlement] = [.notAccepted, .differentMatter, .linked]
}
enum RoleTag: TagCodec {
    typealias Value = Role
    static let table: [Role] = BinaryEventCodec.roles
}
enum RuleTag: TagCodec {
    typealias Value = RuleID
    static let table: [RuleID] = BinaryEventCodec.rules
}
enum ActionTag: TagCodec {
    typealias Value = ActionKind
    static let table: [ActionKind] = ActionKind.allCases
}

enum CaseNumberCodec: SnapshotCodec {
    static let shape = "CaseNumber(organ:str,year:int,sequence:int)"
    static func write(_ n: CaseNumber, _ w: inout BinaryWriter) { w.string(n.organ); w.int(n.year); w.int(n.sequence) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseNumber {
        CaseNumber(organ: try r.string(), year: try r.int(), sequence: try r.int())
    }
}

/// A petition as an event carries it (`BinaryEventCodec`'s own layout and version).
enum PetitionCodec: SnapshotCodec {
    // With its accused person (tag 41's layout): a snapshot written before has another
    // fingerprint and is rebuilt.
    static var shape: String { "Petition(codec \(BinaryEventCodec.codecVersion), accusedPerson)" }
    static func write(_ p: Petition, _ w: inout BinaryWriter) { BinaryEventCodec.writePetitionWithPerson(p, &w) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> Petition {
        try BinaryEventCodec.readPetitionWithPerson(&r)
    }
}

enum AssignmentCodec: SnapshotCodec {
    static let shape = "Assignment(assigner:str,to:str,on:day,due:day,reportedOn:opt(day))"
    static func write(_ a: CaseState.Assignment, _ w: inout BinaryWriter) {
        w.string(a.assigner); w.string(a.to); w.day(a.on); w.day(a.due); Opt<DayCodec>.write(a.reportedOn, &w)
    }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.Assignment {
        CaseState.Assignment(assigner: try r.string(), to: try r.string(), on: try r.day(), due: try r.day(),
                             reportedOn: try Opt<DayCodec>.read(&r))
    }
}

enum IntervalCodec: SnapshotCodec {
    static let shape = "Interval(start:day,end:opt(day))"
    static func write(_ i: CaseState.Interval, _ w: inout BinaryWriter) { w.day(i.start); Opt<DayCodec>.write(i.end, &w) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.Interval {
        CaseState.Interval(start: try r.day(), end: try Opt<DayCodec>.read(&r))
    }
}

enum ExtensionCodec: SnapshotCodec {
    static let shape = "Extension(days:int,reason:str,approvedBy:str,on:day)"
    static func write(_ e: CaseState.Extension, _ w: inout BinaryWriter) {
        w.int(e.days); w.string(e.reason); w.string(e.approvedBy); w.day(e.on)
    }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.Extension {
        CaseState.Extension(days: try r.int(), reason: try r.string(), approvedBy: try r.string(), on: try r.day())
    }
}

enum OpinionCodec: SnapshotCodec {
    static var shape: String { "Opinion(outcome:\(OutcomeTag.shape),text:str,basis:str,measures:list(\(MeasureTag.shape)),on:day)" }
    static func write(_ o: CaseState.Opinion, _ w: inout BinaryWriter) {
        OutcomeTag.write(o.outcome, &w); w.string(o.text); w.string(o.basis)
        List<MeasureTag>.write(o.measures, &w)
        w.day(o.on)
    }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.Opinion {
        CaseState.Opinion(outcome: try OutcomeTag.read(&r), text: try r.string(), basis: try r.string(),
                          measures: try List<MeasureTag>.read(&r), on: try r.day())
    }
}

enum StageCodec: SnapshotCodec {
    static var shape: String {
        "Stage(organ:str,requestedOn:day,outcome:opt(\(ReviewOutcomeTag.shape)),opinionOn:opt(day),deliveredOn:opt(day))"
    }
    static func write(_ s: CaseState.Stage, _ w: inout BinaryWriter) {
        w.string(s.organ); w.day(s.requestedOn)
        Opt<ReviewOutcomeTag>.write(s.outcome, &w)
        Opt<DayCodec>.write(s.opinionOn, &w)
        Opt<DayCodec>.write(s.deliveredOn, &w)
    }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.Stage {
        CaseState.Stage(organ: try r.string(), requestedOn: try r.day(), outcome: try Opt<ReviewOutcomeTag>.read(&r),
                        opinionOn: try Opt<DayCodec>.read(&r), deliveredOn: try Opt<DayCodec>.read(&r))
    }
}

enum SupervisionOrderCodec: SnapshotCodec {
    static var shape: String {
        "SupervisionOrder(index:int,organ:str,suggestion:\(SuggestionTag.shape),issuedBy:str,reason:str,issuedOn:day,due:day,"
            + "feedback:opt(adoption:\(AdoptionTag.shape),note:str,on:day))"
    }
    static func write(_ o: CaseState.SupervisionOrder, _ w: inout BinaryWriter) {
        w.int(o.index); w.string(o.organ); SuggestionTag.write(o.suggestion, &w); w.string(o.issuedBy); w.string(o.reason)
        w.day(o.issuedOn); w.day(o.due)
        w.optional(o.feedback) { w, f in AdoptionTag.write(f.adoption, &w); w.string(f.note); w.day(f.on) }
    }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.SupervisionOrder {
        let index = try r.int(), organ = try r.string(), suggestion = try SuggestionTag.read(&r), issuedBy = try r.string()
        let reason = try r.string(), issued = try r.day(), due = try r.day()
        let feedback = try r.optional { r throws(BinaryEventCodec.DecodeError) -> (adoption: Adoption, note: String, on: Day) in
            (try AdoptionTag.read(&r), try r.string(), try r.day())
        }
        return CaseState.SupervisionOrder(index: index, organ: organ, suggestion: suggestion, issuedBy: issuedBy, reason: reason,
                                          issuedOn: issued, due: due, feedback: feedback)
    }
}

enum LinkCodec: SnapshotCodec {
    static var shape: String { "Link(to:\(CaseNumberCodec.shape),kind:\(LinkKindTag.shape))" }
    static func write(_ l: CaseState.Link, _ w: inout BinaryWriter) { CaseNumberCodec.write(l.to, &w); LinkKindTag.write(l.kind, &w) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.Link {
        CaseState.Link(to: try CaseNumberCodec.read(&r), kind: try LinkKindTag.read(&r))
    }
}

/// An earlier-case flag (decision 0017): its kind, the case it names, how it was settled.
enum EarlierFlagCodec: SnapshotCodec {
    static var shape: String {
        "EarlierCaseFlag(kind:\(EarlierCaseKindTag.shape),ref:opt(\(CaseNumberCodec.shape)),settled:opt(\(SettlementTag.shape)))"
    }
    static func write(_ f: EarlierCaseFlag, _ w: inout BinaryWriter) {
        EarlierCaseKindTag.write(f.kind, &w)
        Opt<CaseNumberCodec>.write(f.ref, &w)
        Opt<SettlementTag>.write(f.settled, &w)
    }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> EarlierCaseFlag {
        EarlierCaseFlag(kind: try EarlierCaseKindTag.read(&r), ref: try Opt<CaseNumberCodec>.read(&r),
                        settled: try Opt<SettlementTag>.read(&r))
    }
}

/// A full event as a case holds it: its record's sequence number, then the event.
enum EventCodec: SnapshotCodec {
    static var shape: String { "CaseEvent(seq:int,codec \(BinaryEventCodec.codecVersion))" }
    static func write(_ e: CaseEvent, _ w: inout BinaryWriter) { w.int(e.seq); BinaryEventCodec.write(e, &w) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseEvent {
        let seq = try r.int()
        var e = try BinaryEventCodec.read(&r)
        e.seq = seq
        return e
    }
}

enum StepCodec: SnapshotCodec {
    static var shape: String {
        "Step(seq:int,at:int64,user:str,role:\(RoleTag.shape),organ:str,rule:\(RuleTag.shape),action:\(ActionTag.shape),"
            + "annotation:bool)"
    }
    static func write(_ s: CaseState.Step, _ w: inout BinaryWriter) {
        w.int(s.seq); w.int64(s.at.millisecondsSince1970)
        w.string(s.actor.user); RoleTag.write(s.actor.role, &w); w.string(s.actor.organ)
        RuleTag.write(s.rule, &w); ActionTag.write(s.action, &w); w.bool(s.annotation)
    }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.Step {
        let seq = try r.int()
        let at = Instant(millisecondsSince1970: try r.int64())
        let actor = Actor(user: try r.string(), role: try RoleTag.read(&r), organ: try r.string())
        return CaseState.Step(seq: seq, at: at, actor: actor, rule: try RuleTag.read(&r), action: try ActionTag.read(&r),
                              annotation: try r.bool())
    }
}
