import PetitionCore

/// How a case is written in a snapshot: one description, `layout`, read by both the
/// writer and the reader — one entry per field of `CaseState.Fields`, in order, each
/// with its name, its codec and how to reach it. A test checks that it names every
/// field of `Fields` and that every field survives the round trip; the fingerprint is
/// computed from it.
extension CaseSnapshot {
    typealias DecodeError = BinaryEventCodec.DecodeError

    /// One field of a case: its name (in `Fields`), and how it is written and read.
    struct Field: Sendable {
        let name: String
        /// The field's type and its codec's shape, for the fingerprint.
        let shape: String
        let write: @Sendable (CaseState.Fields, inout BinaryWriter) -> Void
        let read: @Sendable (inout CaseState.Fields, inout BinaryReader) throws(DecodeError) -> Void

        /// The codec is a type, so each field's reading is specialised and inlined: one
        /// indirect call a field. (Codecs as values of closures, and key paths, each cost
        /// a tenth of a second or more on every open of a 130k-case snapshot.)
        init<C: SnapshotCodec>(_ name: String, _ codec: C.Type, _ get: @escaping @Sendable (CaseState.Fields) -> C.Value,
                               _ set: @escaping @Sendable (inout CaseState.Fields, C.Value) -> Void) {
            self.name = name
            shape = "\(C.Value.self)=\(C.shape)"
            write = { fields, w in C.write(get(fields), &w) }
            read = { fields, r throws(DecodeError) in set(&fields, try C.read(&r)) }
        }
    }

    /// Every field of a case, in the order written. Its number is written first by
    /// itself (a case is made from it), so it is not listed.
    static let layout: [Field] = [
        Field("phase", PhaseTag.self, { $0.phase }, { $0.phase = $1 }),
        Field("petition", Opt<PetitionCodec>.self, { $0.petition }, { $0.petition = $1 }),
        Field("flags", FlagSetCodec.self, { $0.flags }, { $0.flags = $1 }),
        Field("holder", Opt<TextCodec>.self, { $0.holder }, { $0.holder = $1 }),
        Field("sender", Opt<TextCodec>.self, { $0.sender }, { $0.sender = $1 }),
        Field("sentOn", Opt<DayCodec>.self, { $0.sentOn }, { $0.sentOn = $1 }),
        Field("triageStart", Opt<DayCodec>.self, { $0.triageStart }, { $0.triageStart = $1 }),
        Field("assignment", Opt<AssignmentCodec>.self, { $0.assignment }, { $0.assignment = $1 }),
        Field("receivedOn", Opt<DayCodec>.self, { $0.receivedOn }, { $0.receivedOn = $1 }),
        Field("acceptedOn", Opt<DayCodec>.self, { $0.acceptedOn }, { $0.acceptedOn = $1 }),
        Field("handlerOrgan", Opt<TextCodec>.self, { $0.handlerOrgan }, { $0.handlerOrgan = $1 }),
        Field("route", Opt<TextCodec>.self, { $0.route }, { $0.route = $1 }),
        Field("type", Opt<MatterTypeTag>.self, { $0.type }, { $0.type = $1 }),
        Field("track", Opt<IntCodec>.self, { $0.track }, { $0.track = $1 }),
        Field("handler", Opt<TextCodec>.self, { $0.handler }, { $0.handler = $1 }),
        Field("hearings", List<IntervalCodec>.self, { $0.hearings }, { $0.hearings = $1 }),
        Field("extensionGranted", Opt<ExtensionCodec>.self, { $0.extensionGranted }, { $0.extensionGranted = $1 }),
        Field("opinion", Opt<OpinionCodec>.self, { $0.opinion }, { $0.opinion = $1 }),
        Field("deliveredOn", Opt<DayCodec>.self, { $0.deliveredOn }, { $0.deliveredOn = $1 }),
        Field("review", Opt<StageCodec>.self, { $0.review }, { $0.review = $1 }),
        Field("rereview", Opt<StageCodec>.self, { $0.rereview }, { $0.rereview = $1 }),
        Field("rereviewPauses", List<IntervalCodec>.self, { $0.rereviewPauses }, { $0.rereviewPauses = $1 }),
        Field("supervision", List<SupervisionOrderCodec>.self, { $0.supervision }, { $0.supervision = $1 }),
        Field("listedOn", Opt<DayCodec>.self, { $0.listedOn }, { $0.listedOn = $1 }),
        Field("listedDue", Opt<DayCodec>.self, { $0.listedDue }, { $0.listedDue = $1 }),
        Field("leader", Opt<TextCodec>.self, { $0.leader }, { $0.leader = $1 }),
        Field("links", List<LinkCodec>.self, { $0.links }, { $0.links = $1 }),
        Field("closedOn", Opt<DayCodec>.self, { $0.closedOn }, { $0.closedOn = $1 }),
        Field("earlierFlags", List<EarlierFlagCodec>.self, { $0.earlierFlags }, { $0.earlierFlags = $1 }),
        Field("supplementRequestedOn", Opt<DayCodec>.self, { $0.supplementRequestedOn }, { $0.supplementRequestedOn = $1 }),
        Field("supplementDue", Opt<DayCodec>.self, { $0.supplementDue }, { $0.supplementDue = $1 }),
        Field("rehandledOn", Opt<DayCodec>.self, { $0.rehandledOn }, { $0.rehandledOn = $1 }),
        Field("rating", Opt<SatisfactionTag>.self, { $0.rating }, { $0.rating = $1 }),
        Field("lastStepDay", Opt<DayCodec>.self, { $0.lastStepDay }, { $0.lastStepDay = $1 }),
        Field("events", List<EventCodec>.self, { $0.events }, { $0.events = $1 }),
        Field("steps", List<StepCodec>.self, { $0.steps }, { $0.steps = $1 }),
        Field("voided", SetOf<IntCodec>.self, { $0.voided }, { $0.voided = $1 }),
    ]

    static func write(_ s: CaseState, _ w: inout BinaryWriter) {
        let fields = s.fields
        CaseNumberCodec.write(fields.number, &w)
        // By index: a field copied out of the array would retain its closures, once a
        // field of every case.
        layout.withUnsafeBufferPointer { all in for i in all.indices { all[i].write(fields, &w) } }
    }

    static func read(_ r: inout BinaryReader) throws(DecodeError) -> CaseState {
        var fields = CaseState.Fields(number: try CaseNumberCodec.read(&r))
        let result: Result<Void, DecodeError> = layout.withUnsafeBufferPointer { all in
            Result { () throws(DecodeError) in for i in all.indices { try all[i].read(&fields, &r) } }
        }
        try result.get()
        return CaseState(consume fields)
    }
}

/// How values of one type are written in a snapshot. A type, not a value, so that
/// reading a field is one specialised call (see `CaseSnapshot.Field`).
protocol SnapshotCodec {
    associatedtype Value
    /// What is written, in a word (`opt(day)`, `list(str)`, …): part of the snapshot's
    /// fingerprint, so a field whose encoding changes makes older snapshots another layout.
    static var shape: String { get }
    static func write(_ value: Value, _ w: inout BinaryWriter)
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> Value
}

/// A value written as its position in a fixed table (the tables of `BinaryEventCodec`).
protocol TagCodec: SnapshotCodec where Value: Equatable {
    static var table: [Value] { get }
}

extension TagCodec {
    static var shape: String { "tag(" + table.map { "\($0)" }.joined(separator: ",") + ")" }
    static func write(_ value: Value, _ w: inout BinaryWriter) { w.tag(value, in: table) }
    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> Value { try r.tag(in: table) }
}
