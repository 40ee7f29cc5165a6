import PetitionCore

/// How a case is written in a snapshot: one description, `layout`, read by both the
/// writer and the reader — one entry per field of `CaseState.Fields`, in order, each
/// with its name, its codec and how to reach it. A test checks that it names every field of `Fields`
/// and that every field survives the round trip; the fingerprint is computed from it.
extension CaseSnapshot {
    typealias DecodeError = BinaryEventCodec.DecodeError

    /// How values of one type are written and read.
    struct Codec<T>: Sendable {
        /// What is written, in a word (`opt(day)`, `list(str)`, …): part of the fingerprint,
        /// so a field whose encoding changes makes older snapshots other layouts.
        let shape: String
        let write: @Sendable (T, inout BinaryWriter) -> Void
        let read: @Sendable (inout BinaryReader) throws(DecodeError) -> T
    }

    /// One field of a case: its name (in `Fields`), and how it is written and read.
    struct Field: Sendable {
        let name: String
        /// The field's type and its codec's shape, for the fingerprint.
        let shape: String
        let write: @Sendable (CaseState.Fields, inout BinaryWriter) -> Void
        let read: @Sendable (inout CaseState.Fields, inout BinaryReader) throws(DecodeError) -> Void

        /// `get` and `set` reach the field directly: a key path here cost a tenth of a
        /// second on every open of a 130k-case snapshot.
        init<T>(_ name: String, _ codec: Codec<T>, _ get: @escaping @Sendable (CaseState.Fields) -> T,
                _ set: @escaping @Sendable (inout CaseState.Fields, T) -> Void) {
            self.name = name
            shape = "\(T.self)=\(codec.shape)"
            write = { fields, w in codec.write(get(fields), &w) }
            read = { fields, r throws(DecodeError) in set(&fields, try codec.read(&r)) }
        }
    }

    /// Every field of a case, in the order written. Its number is written first by
    /// itself (a case is made from it), so it is not listed.
    static let layout: [Field] = {
        typealias C = BinaryEventCodec
        return [
            Field("phase", tag(Phase.allCases), { $0.phase }, { $0.phase = $1 }),
            Field("petition", optional(petition), { $0.petition }, { $0.petition = $1 }),
            Field("flags", flags, { $0.flags }, { $0.flags = $1 }),
            Field("holder", optional(string), { $0.holder }, { $0.holder = $1 }),
            Field("sender", optional(string), { $0.sender }, { $0.sender = $1 }),
            Field("sentOn", optional(day), { $0.sentOn }, { $0.sentOn = $1 }),
            Field("triageStart", optional(day), { $0.triageStart }, { $0.triageStart = $1 }),
            Field("assignment", optional(assignment), { $0.assignment }, { $0.assignment = $1 }),
            Field("receivedOn", optional(day), { $0.receivedOn }, { $0.receivedOn = $1 }),
            Field("acceptedOn", optional(day), { $0.acceptedOn }, { $0.acceptedOn = $1 }),
            Field("handlerOrgan", optional(string), { $0.handlerOrgan }, { $0.handlerOrgan = $1 }),
            Field("route", optional(string), { $0.route }, { $0.route = $1 }),
            Field("type", optional(tag(C.matterTypes)), { $0.type }, { $0.type = $1 }),
            Field("track", optional(int), { $0.track }, { $0.track = $1 }),
            Field("handler", optional(string), { $0.handler }, { $0.handler = $1 }),
            Field("hearings", list(interval), { $0.hearings }, { $0.hearings = $1 }),
            Field("extensionGranted", optional(extensionGranted), { $0.extensionGranted }, { $0.extensionGranted = $1 }),
            Field("opinion", optional(opinion), { $0.opinion }, { $0.opinion = $1 }),
            Field("deliveredOn", optional(day), { $0.deliveredOn }, { $0.deliveredOn = $1 }),
            Field("review", optional(stage), { $0.review }, { $0.review = $1 }),
            Field("rereview", optional(stage), { $0.rereview }, { $0.rereview = $1 }),
            Field("rereviewPauses", list(interval), { $0.rereviewPauses }, { $0.rereviewPauses = $1 }),
            Field("supervision", list(supervisionOrder), { $0.supervision }, { $0.supervision = $1 }),
            Field("listedOn", optional(day), { $0.listedOn }, { $0.listedOn = $1 }),
            Field("listedDue", optional(day), { $0.listedDue }, { $0.listedDue = $1 }),
            Field("leader", optional(string), { $0.leader }, { $0.leader = $1 }),
            Field("links", list(link), { $0.links }, { $0.links = $1 }),
            Field("closedOn", optional(day), { $0.closedOn }, { $0.closedOn = $1 }),
            Field("lastStepDay", optional(day), { $0.lastStepDay }, { $0.lastStepDay = $1 }),
            Field("events", list(event), { $0.events }, { $0.events = $1 }),
            Field("steps", list(step), { $0.steps }, { $0.steps = $1 }),
            Field("voided", voided, { $0.voided }, { $0.voided = $1 }),
        ]
    }()

    static func write(_ s: CaseState, _ w: inout BinaryWriter) {
        let fields = s.fields
        caseNumber.write(fields.number, &w)
        for field in layout { field.write(fields, &w) }
    }

    static func read(_ r: inout BinaryReader) throws(DecodeError) -> CaseState {
        var fields = CaseState.Fields(number: try caseNumber.read(&r))
        for field in layout { try field.read(&fields, &r) }
        return CaseState(fields)
    }

    // MARK: - Codecs

    static let string = Codec<String>(shape: "str", write: { $1.string($0) },
                                      read: { r throws(DecodeError) in try r.string() })
    static let int = Codec<Int>(shape: "int", write: { $1.int($0) },
                                      read: { r throws(DecodeError) in try r.int() })
    static let day = Codec<Day>(shape: "day", write: { $1.day($0) },
                                      read: { r throws(DecodeError) in try r.day() })
    static let bool = Codec<Bool>(shape: "bool", write: { $1.bool($0) },
                                      read: { r throws(DecodeError) in try r.bool() })

    static func tag<T: Equatable & Sendable>(_ table: [T]) -> Codec<T> {
        Codec(shape: "tag(" + table.map { "\($0)" }.joined(separator: ",") + ")", write: { $1.tag($0, in: table) },
              read: { r throws(DecodeError) in try r.tag(in: table) })
    }

    static func optional<T>(_ c: Codec<T>) -> Codec<T?> {
        Codec(shape: "opt(\(c.shape))", write: { v, w in w.optional(v) { w, v in c.write(v, &w) } },
              read: { r throws(DecodeError) in try r.optional { r throws(DecodeError) in try c.read(&r) } })
    }

    static func list<T>(_ c: Codec<T>) -> Codec<[T]> {
        Codec(shape: "list(\(c.shape))", write: { items, w in
            w.uvarint(UInt64(items.count))
            for item in items { c.write(item, &w) }
        }, read: { r throws(DecodeError) in
            let count = try r.count()
            var items: [T] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try c.read(&r)) }
            return items
        })
    }

    static let caseNumber = Codec<CaseNumber>(
        shape: "CaseNumber(organ:str,year:int,sequence:int)",
        write: { n, w in w.string(n.organ); w.int(n.year); w.int(n.sequence) },
        read: { r throws(DecodeError) in CaseNumber(organ: try r.string(), year: try r.int(), sequence: try r.int()) })

    static let petition = Codec<Petition>(
        shape: "Petition(BinaryEventCodec \(BinaryEventCodec.codecVersion))",
        write: { BinaryEventCodec.writePetition($0, &$1) },
        read: { r throws(DecodeError) in try BinaryEventCodec.readPetition(&r) })

    static let flags = Codec<Set<CaseFlag>>(
        shape: "set(tag(CaseFlag))",
        write: { set, w in list(tag(CaseFlag.allCases)).write(set.sorted(), &w) },
        read: { r throws(DecodeError) in Set(try list(tag(CaseFlag.allCases)).read(&r)) })

    static let voided = Codec<Set<Int>>(
        shape: "set(int)",
        write: { set, w in list(int).write(set.sorted(), &w) },
        read: { r throws(DecodeError) in Set(try list(int).read(&r)) })

    static let assignment = Codec<CaseState.Assignment>(
        shape: "Assignment(assigner:str,to:str,on:day,due:day,reportedOn:opt(day))",
        write: { a, w in
            w.string(a.assigner); w.string(a.to); w.day(a.on); w.day(a.due); optional(day).write(a.reportedOn, &w)
        },
        read: { r throws(DecodeError) in
            CaseState.Assignment(assigner: try r.string(), to: try r.string(), on: try r.day(), due: try r.day(),
                                 reportedOn: try optional(day).read(&r))
        })

    static let interval = Codec<CaseState.Interval>(
        shape: "Interval(start:day,end:opt(day))",
        write: { i, w in w.day(i.start); optional(day).write(i.end, &w) },
        read: { r throws(DecodeError) in CaseState.Interval(start: try r.day(), end: try optional(day).read(&r)) })

    static let extensionGranted = Codec<CaseState.Extension>(
        shape: "Extension(days:int,reason:str,approvedBy:str,on:day)",
        write: { e, w in w.int(e.days); w.string(e.reason); w.string(e.approvedBy); w.day(e.on) },
        read: { r throws(DecodeError) in
            CaseState.Extension(days: try r.int(), reason: try r.string(), approvedBy: try r.string(), on: try r.day())
        })

    static let opinion = Codec<CaseState.Opinion>(
        shape: "Opinion(outcome:tag,text:str,basis:str,measures:list(tag),on:day)",
        write: { o, w in
            w.tag(o.outcome, in: BinaryEventCodec.outcomes); w.string(o.text); w.string(o.basis)
            list(tag(BinaryEventCodec.measures)).write(o.measures, &w)
            w.day(o.on)
        },
        read: { r throws(DecodeError) in
            CaseState.Opinion(outcome: try r.tag(in: BinaryEventCodec.outcomes), text: try r.string(), basis: try r.string(),
                              measures: try list(tag(BinaryEventCodec.measures)).read(&r), on: try r.day())
        })

    static let stage = Codec<CaseState.Stage>(
        shape: "Stage(organ:str,requestedOn:day,outcome:opt(tag),opinionOn:opt(day),deliveredOn:opt(day))",
        write: { s, w in
            w.string(s.organ); w.day(s.requestedOn)
            optional(tag(BinaryEventCodec.reviewOutcomes)).write(s.outcome, &w)
            optional(day).write(s.opinionOn, &w)
            optional(day).write(s.deliveredOn, &w)
        },
        read: { r throws(DecodeError) in
            CaseState.Stage(organ: try r.string(), requestedOn: try r.day(),
                            outcome: try optional(tag(BinaryEventCodec.reviewOutcomes)).read(&r),
                            opinionOn: try optional(day).read(&r), deliveredOn: try optional(day).read(&r))
        })

    static let supervisionOrder = Codec<CaseState.SupervisionOrder>(
        shape: "SupervisionOrder(index:int,organ:str,suggestion:tag,reason:str,issuedOn:day,due:day,feedback:opt(bool,str,day))",
        write: { o, w in
            w.int(o.index); w.string(o.organ); w.tag(o.suggestion, in: BinaryEventCodec.suggestions); w.string(o.reason)
            w.day(o.issuedOn); w.day(o.due)
            w.optional(o.feedback) { w, f in w.bool(f.adopted); w.string(f.note); w.day(f.on) }
        },
        read: { r throws(DecodeError) in
            let index = try r.int(), organ = try r.string(), suggestion = try r.tag(in: BinaryEventCodec.suggestions)
            let reason = try r.string(), issued = try r.day(), due = try r.day()
            let feedback = try r.optional { r throws(DecodeError) -> (adopted: Bool, note: String, on: Day) in
                (try r.bool(), try r.string(), try r.day())
            }
            return CaseState.SupervisionOrder(index: index, organ: organ, suggestion: suggestion, reason: reason,
                                              issuedOn: issued, due: due, feedback: feedback)
        })

    static let link = Codec<CaseState.Link>(
        shape: "Link(to:CaseNumber,kind:tag)",
        write: { l, w in caseNumber.write(l.to, &w); w.tag(l.kind, in: BinaryEventCodec.links) },
        read: { r throws(DecodeError) in CaseState.Link(to: try caseNumber.read(&r), kind: try r.tag(in: BinaryEventCodec.links)) })

    /// A full event as a case holds it: its record's sequence number, then the event.
    static let event = Codec<CaseEvent>(
        shape: "CaseEvent(seq:int,BinaryEventCodec \(BinaryEventCodec.codecVersion))",
        write: { e, w in w.int(e.seq); BinaryEventCodec.write(e, &w) },
        read: { r throws(DecodeError) in
            let seq = try r.int()
            var e = try BinaryEventCodec.read(&r)
            e.seq = seq
            return e
        })

    static let step = Codec<CaseState.Step>(
        shape: "Step(seq:int,at:int64,user:str,role:tag,organ:str,rule:tag,action:tag,annotation:bool)",
        write: { s, w in
            w.int(s.seq); w.int64(s.at.millisecondsSince1970)
            w.string(s.actor.user); w.tag(s.actor.role, in: BinaryEventCodec.roles); w.string(s.actor.organ)
            w.tag(s.rule, in: BinaryEventCodec.rules); w.tag(s.action, in: ActionKind.allCases); w.bool(s.annotation)
        },
        read: { r throws(DecodeError) in
            let seq = try r.int()
            let at = Instant(millisecondsSince1970: try r.int64())
            let actor = Actor(user: try r.string(), role: try r.tag(in: BinaryEventCodec.roles), organ: try r.string())
            return CaseState.Step(seq: seq, at: at, actor: actor, rule: try r.tag(in: BinaryEventCodec.rules),
                                  action: try r.tag(in: ActionKind.allCases), annotation: try r.bool())
        })
}
