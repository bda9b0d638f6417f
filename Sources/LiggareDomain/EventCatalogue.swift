/// The kinds of thing a governance ledger keeps, each with a stable human key.
public enum EntityKind: String, Sendable, CaseIterable, Hashable {
    case organ, meeting, decision, assignment, controlPlan = "control-plan", controlPoint = "control-point",
         measure, indicator, document, audit

    /// The Swedish term.
    public var swedish: String {
        switch self {
        case .organ: "organ"
        case .meeting: "sammanträde"
        case .decision: "beslut"
        case .assignment: "uppdrag"
        case .controlPlan: "internkontrollplan"
        case .controlPoint: "kontrollpunkt"
        case .measure: "åtgärd"
        case .indicator: "indikator"
        case .document: "styrdokument"
        case .audit: "revisionsrapport"
        }
    }
}

/// The JSON shape and meaning of one field of an event's `data`.
public enum FieldKind: Sendable, Hashable {
    /// A non-empty string.
    case text
    /// An array of non-empty strings.
    case texts
    /// A date `YYYY-MM-DD`.
    case date
    /// A due date or due period (`2025-Q3`, `tredje kvartalet 2025`, …); see ``DuePeriod``.
    case period
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// `true` or `false`.
    case boolean
    /// Any JSON number (kept exactly as written).
    case number
    /// One of a fixed list of words.
    case choice([String])
    /// The key of an existing entity of a kind.
    case reference(EntityKind)
    /// A ledger head `SEQ:HASH`.
    case head
    /// A reference to a stored event: `seq:N` or its id.
    case eventReference
    /// A JSON object.
    case object

    /// What the field must hold, for messages and docs.
    public var expectation: String {
        switch self {
        case .text: "a non-empty string"
        case .texts: "an array of non-empty strings"
        case .date: "a date YYYY-MM-DD"
        case .period: "a due date or period such as 2025-09-30, 2025-Q3, 2025-T2, 2025-09, 2025 or \"tredje kvartalet 2025\""
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .boolean: "true or false"
        case .number: "a number"
        case .choice(let words): "one of " + words.map { "\"\($0)\"" }.joined(separator: ", ")
        case .reference(let kind): "the key of an existing \(kind.rawValue) (\(kind.swedish))"
        case .head: "a ledger head SEQ:HASH as printed by `liggare checkpoint`"
        case .eventReference: "an event: seq:N or the event's id"
        case .object: "a JSON object"
        }
    }
}

/// One field of an event type.
public struct FieldSpec: Sendable, Hashable {
    /// The key in `data`.
    public let name: String
    /// Its shape.
    public let kind: FieldKind
    /// Whether it must be present.
    public let required: Bool
    /// What it means, with the Swedish term.
    public let meaning: String

    init(_ name: String, _ kind: FieldKind, required: Bool = false, _ meaning: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.meaning = meaning
    }
}

/// An event type of the governance vocabulary.
public struct EventSpec: Sendable {
    /// The type, for example `decision.recorded`.
    public let type: String
    /// The Swedish term.
    public let swedish: String
    /// What it records.
    public let summary: String
    /// Its fields (besides `note`, which every type accepts).
    public let fields: [FieldSpec]
    /// The kind of entity it creates, if any (its key is given in `key` or derived).
    public let creates: EntityKind?
    /// Rules checked against the ledger beyond field shapes, for docs.
    public let rules: [String]

    /// The field named `name`.
    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}

/// The governance vocabulary: every event type Liggare knows (docs/events.md is generated from the same facts).
public enum EventCatalogue {
    static let note = FieldSpec("note", .text, "a free note, for example that a date is illustrative (anteckning)")
    static let organKinds = ["fullmäktige", "styrelse", "nämnd", "gemensam nämnd", "utskott", "grupp"]
    static let roles = ["ordförande", "förste vice ordförande", "andre vice ordförande", "vice ordförande", "ledamot",
                        "ersättare"]
    /// Control outcomes: utan anmärkning (no remark), avvikelse (deviation), ej genomförd (not performed).
    public static let controlOutcomes = ["utan anmärkning", "avvikelse", "ej genomförd"]
    static let documentKinds = ["policy", "riktlinje", "reglemente", "delegationsordning", "plan", "annat"]
    /// Review rules of governing documents.
    public static let reviewRules = ["varje mandatperiod", "årligen", "ingen"]

    /// Every event type, in the order of docs/events.md.
    public static let all: [EventSpec] = [
        EventSpec(type: "organ.established", swedish: "organ inrättat",
                  summary: "A board, committee or group is established.",
                  fields: [FieldSpec("key", .text, required: true, "short key such as IN (förkortning)"),
                           FieldSpec("name", .text, required: true, "name, for example Inköpsnämnden (namn)"),
                           FieldSpec("kind", .choice(organKinds), required: true, "kind of organ (typ)"),
                           FieldSpec("host", .text, "host region of a gemensam nämnd (värdregion)"),
                           FieldSpec("participants", .texts, "participating regions (samverkande regioner)"),
                           FieldSpec("parent", .reference(.organ), "the organ it belongs to, for an utskott or grupp"),
                           FieldSpec("foundingDecision", .text, "the founding decision, a decision key or a citation such as LF § 128/18 (inrättandebeslut)"),
                           note],
                  creates: .organ, rules: ["the key is new", "a gemensam nämnd names its host region"]),
        EventSpec(type: "organ.dissolved", swedish: "organ upplöst", summary: "An organ ceases to exist.",
                  fields: [FieldSpec("organ", .reference(.organ), required: true, "the organ"),
                           FieldSpec("decision", .reference(.decision), "the deciding decision"), note],
                  creates: nil, rules: ["the organ is not already dissolved"]),
        EventSpec(type: "member.appointed", swedish: "ledamot vald", summary: "A person is elected to an organ in a role.",
                  fields: [FieldSpec("organ", .reference(.organ), required: true, "the organ"),
                           FieldSpec("person", .text, required: true, "the person's name (namn)"),
                           FieldSpec("role", .choice(roles), required: true, "role (roll)"),
                           FieldSpec("electedBy", .text, "the region or party that elected the member (vald av)"),
                           FieldSpec("title", .text, "the member's position, for example Inköpschef Region Gävleborg (befattning)"),
                           FieldSpec("from", .date, "first day (default: the effective date)"),
                           FieldSpec("to", .date, "last day of the term (mandattid t.o.m.)"), note],
                  creates: nil, rules: ["the organ exists and is not dissolved", "the person does not already hold that role in the organ", "to is not before from"]),
        EventSpec(type: "member.left", swedish: "ledamot avgått", summary: "A member leaves an organ.",
                  fields: [FieldSpec("organ", .reference(.organ), required: true, "the organ"),
                           FieldSpec("person", .text, required: true, "the person"), note],
                  creates: nil, rules: ["the person is a current member of the organ"]),
        EventSpec(type: "meeting.held", swedish: "sammanträde hållet", summary: "An organ meets; the effective date is the meeting day.",
                  fields: [FieldSpec("organ", .reference(.organ), required: true, "the organ"),
                           FieldSpec("key", .text, "key (default ORGAN-YYYY-MM-DD)"),
                           FieldSpec("digital", .boolean, "held digitally (digitalt sammanträde)"),
                           FieldSpec("place", .text, "where (plats)"),
                           FieldSpec("present", .texts, "members present (närvarande)"), note],
                  creates: .meeting, rules: ["the organ exists and is not dissolved"]),
        EventSpec(type: "meeting.minutes_adjusted", swedish: "protokoll justerat",
                  summary: "The minutes are adjusted (justerade); the effective date is the day of adjustment.",
                  fields: [FieldSpec("meeting", .reference(.meeting), required: true, "the meeting"),
                           FieldSpec("adjustedBy", .texts, required: true, "who adjusted, the chair and at least one member (justerare)"),
                           FieldSpec("head", .head, "the ledger head at adjustment, SEQ:HASH (kontrollsumma); when left out, the head before this event (before its batch, for an import) is stored"), note],
                  creates: nil, rules: ["the meeting exists", "not before the meeting day", "the head names an existing seq and its hash"]),
        EventSpec(type: "meeting.notice_posted", swedish: "anslag uppsatt",
                  summary: "The adjustment is announced on the official notice board (anslagstavlan); the effective date is the posting day.",
                  fields: [FieldSpec("meeting", .reference(.meeting), required: true, "the meeting"), note],
                  creates: nil, rules: ["the minutes are adjusted", "not before the adjustment"]),
        EventSpec(type: "decision.recorded", swedish: "beslut fattat", summary: "A decision (beslut) under a paragraph (§) of the minutes.",
                  fields: [FieldSpec("organ", .reference(.organ), required: true, "the deciding organ"),
                           FieldSpec("meeting", .reference(.meeting), "the meeting (omitted for a delegated decision)"),
                           FieldSpec("paragraph", .integer(1...99_999), required: true, "paragraph number (§)"),
                           FieldSpec("case", .text, "case number (diarienummer), for example IN 2025/17"),
                           FieldSpec("title", .text, required: true, "title (rubrik)"),
                           FieldSpec("points", .texts, "the numbered decision points (beslutspunkter)"),
                           FieldSpec("sentTo", .texts, "distribution (beslutet skickas till)"),
                           FieldSpec("delegated", .boolean, "taken under delegation (delegationsbeslut)"),
                           FieldSpec("key", .text, "key (default ORGAN-YYYY-§N)"), note],
                  creates: .decision, rules: ["the meeting belongs to the organ and is held on the effective date", "the paragraph is not used twice by the organ in the year"]),
        EventSpec(type: "decision.appeal_filed", swedish: "beslut överklagat", summary: "A decision is appealed (laglighetsprövning).",
                  fields: [FieldSpec("decision", .reference(.decision), required: true, "the decision"),
                           FieldSpec("appellant", .text, "who appealed (klagande)"),
                           FieldSpec("court", .text, "the court (förvaltningsrätt)"),
                           FieldSpec("case", .text, "the court's case number (målnummer)"), note],
                  creates: nil, rules: ["the decision exists"]),
        EventSpec(type: "decision.appeal_decided", swedish: "överklagande avgjort", summary: "An appeal is finally decided.",
                  fields: [FieldSpec("decision", .reference(.decision), required: true, "the decision"),
                           FieldSpec("outcome", .choice(["stands", "annulled"]), required: true, "stands (står fast) or annulled (upphävs)"), note],
                  creates: nil, rules: ["an appeal of the decision was filed and is not yet decided"]),
        EventSpec(type: "assignment.issued", swedish: "uppdrag givet", summary: "A decision gives an assignment (uppdrag).",
                  fields: [FieldSpec("decision", .reference(.decision), required: true, "the decision giving it"),
                           FieldSpec("key", .text, "key (default U-YYYY-NN, numbered per year)"),
                           FieldSpec("receiver", .text, required: true, "who receives it, a role or an organ (mottagare)"),
                           FieldSpec("together", .texts, "together with (tillsammans med)"),
                           FieldSpec("description", .text, required: true, "what is to be done (uppdragsbeskrivning)"),
                           FieldSpec("due", .period, required: true, "due date or period (återrapporteras senast)"),
                           FieldSpec("reportTo", .reference(.organ), "the organ to report back to (återrapporteras till)"), note],
                  creates: .assignment, rules: ["the decision exists"]),
        EventSpec(type: "assignment.progress_noted", swedish: "uppdrag lägesrapport", summary: "Progress on an assignment is noted.",
                  fields: [FieldSpec("assignment", .reference(.assignment), required: true, "the assignment"),
                           FieldSpec("text", .text, required: true, "the progress (lägesbeskrivning)"), note],
                  creates: nil, rules: ["the assignment is open"]),
        EventSpec(type: "assignment.due_changed", swedish: "uppdrag ny tidpunkt", summary: "A decision changes an assignment's due date.",
                  fields: [FieldSpec("assignment", .reference(.assignment), required: true, "the assignment"),
                           FieldSpec("due", .period, required: true, "the new due date or period"),
                           FieldSpec("decision", .reference(.decision), required: true, "the decision changing it"), note],
                  creates: nil, rules: ["the assignment is open"]),
        EventSpec(type: "assignment.reported_back", swedish: "uppdrag återrapporterat",
                  summary: "The assignment is reported back (återrapporterat); the effective date is the day of the report.",
                  fields: [FieldSpec("assignment", .reference(.assignment), required: true, "the assignment"),
                           FieldSpec("meeting", .reference(.meeting), "the meeting where it was reported"),
                           FieldSpec("decision", .reference(.decision), "the decision taking note of it"), note],
                  creates: nil, rules: ["the assignment is open (not withdrawn, closed or already reported back)"]),
        EventSpec(type: "assignment.closed", swedish: "uppdrag avslutat", summary: "The assignment is closed by decision.",
                  fields: [FieldSpec("assignment", .reference(.assignment), required: true, "the assignment"),
                           FieldSpec("decision", .reference(.decision), "the decision closing it"), note],
                  creates: nil, rules: ["the assignment is not withdrawn or already closed"]),
        EventSpec(type: "assignment.withdrawn", swedish: "uppdrag återkallat", summary: "The assignment is withdrawn (återkallat).",
                  fields: [FieldSpec("assignment", .reference(.assignment), required: true, "the assignment"),
                           FieldSpec("reason", .text, required: true, "why (skäl)"),
                           FieldSpec("decision", .reference(.decision), "the decision withdrawing it"), note],
                  creates: nil, rules: ["the assignment is open"]),
        EventSpec(type: "assignment.transferred", swedish: "uppdrag överlämnat", summary: "The assignment passes to another receiver.",
                  fields: [FieldSpec("assignment", .reference(.assignment), required: true, "the assignment"),
                           FieldSpec("receiver", .text, required: true, "the new receiver"),
                           FieldSpec("decision", .reference(.decision), "the decision"), note],
                  creates: nil, rules: ["the assignment is open"]),
        EventSpec(type: "control.plan_adopted", swedish: "internkontrollplan antagen", summary: "An organ adopts its internal control plan for a year.",
                  fields: [FieldSpec("organ", .reference(.organ), required: true, "the organ"),
                           FieldSpec("year", .integer(1900...2999), required: true, "the year the plan covers (år)"),
                           FieldSpec("decision", .reference(.decision), "the adopting decision"),
                           FieldSpec("key", .text, "key (default IKP-ORGAN-YYYY)"), note],
                  creates: .controlPlan, rules: ["no plan for the organ and year yet"]),
        EventSpec(type: "control.point_defined", swedish: "kontrollpunkt fastställd", summary: "A row of the internal control plan.",
                  fields: [FieldSpec("plan", .reference(.controlPlan), required: true, "the plan"),
                           FieldSpec("key", .text, "key (default ORGAN-YYYY-KN)"),
                           FieldSpec("risk", .text, required: true, "the risk (risk)"),
                           FieldSpec("riskType", .text, required: true, "risk type: målrisk, processrisk, kategoririsk, … (risktyp)"),
                           FieldSpec("likelihood", .integer(1...4), required: true, "likelihood 1–4 (sannolikhet)"),
                           FieldSpec("consequence", .integer(1...4), required: true, "consequence 1–4 (konsekvens)"),
                           FieldSpec("area", .text, required: true, "kontrollområde"),
                           FieldSpec("point", .text, required: true, "kontrollpunkt: what is checked"),
                           FieldSpec("method", .text, required: true, "kontrollmoment: how it is checked"),
                           FieldSpec("responsible", .text, required: true, "responsible role (ansvarig)"),
                           FieldSpec("frequency", .text, required: true, "how often: årligen, tertialvis, kvartalsvis, månadsvis (frekvens)"),
                           FieldSpec("reportTo", .text, "when and to whom it reports (rapporteras till)"), note],
                  creates: .controlPoint, rules: ["the plan exists"]),
        EventSpec(type: "control.result_recorded", swedish: "kontrollresultat", summary: "The result of a control; the effective date is the day of the control.",
                  fields: [FieldSpec("point", .reference(.controlPoint), required: true, "the control point"),
                           FieldSpec("outcome", .choice(controlOutcomes), required: true, "utan anmärkning, avvikelse or ej genomförd"),
                           FieldSpec("finding", .text, "what was found; required for an avvikelse (iakttagelse)"), note],
                  creates: nil, rules: ["the control point belongs to an adopted plan", "a deviation (avvikelse) states its finding"]),
        EventSpec(type: "control.measure_decided", swedish: "åtgärd beslutad", summary: "A measure (åtgärd) for a deviation.",
                  fields: [FieldSpec("point", .reference(.controlPoint), required: true, "the control point with the deviation"),
                           FieldSpec("key", .text, "key (default POINT-AN)"),
                           FieldSpec("description", .text, required: true, "the measure (åtgärd)"),
                           FieldSpec("owner", .text, required: true, "who is responsible (ansvarig)"),
                           FieldSpec("due", .date, required: true, "due date (klart senast)"), note],
                  creates: .measure, rules: ["the control point has a recorded deviation"]),
        EventSpec(type: "control.measure_completed", swedish: "åtgärd genomförd", summary: "A measure is completed; the effective date is the day.",
                  fields: [FieldSpec("measure", .reference(.measure), required: true, "the measure"), note],
                  creates: nil, rules: ["the measure is not already completed"]),
        EventSpec(type: "indicator.defined", swedish: "indikator fastställd", summary: "An indicator with a target value (målvärde).",
                  fields: [FieldSpec("key", .text, required: true, "short key, for example SAMORD"),
                           FieldSpec("name", .text, required: true, "name (indikator)"),
                           FieldSpec("unit", .text, required: true, "unit, for example st, MSEK, % (enhet)"),
                           FieldSpec("target", .number, required: true, "target value (målvärde)"),
                           FieldSpec("direction", .choice(["higher", "lower"]), required: true, "higher or lower is better"),
                           FieldSpec("organ", .reference(.organ), "the organ that follows it up"), note],
                  creates: .indicator, rules: ["the key is new"]),
        EventSpec(type: "indicator.outcome_recorded", swedish: "utfall", summary: "An outcome (utfall) for a period.",
                  fields: [FieldSpec("indicator", .reference(.indicator), required: true, "the indicator"),
                           FieldSpec("period", .period, required: true, "the period measured, for example 2024 or 2025-T1"),
                           FieldSpec("value", .number, required: true, "the outcome (utfall)"), note],
                  creates: nil, rules: ["the indicator exists"]),
        EventSpec(type: "document.adopted", swedish: "styrdokument antaget", summary: "A governing document (styrdokument) is adopted.",
                  fields: [FieldSpec("key", .text, "key (default a short form of the title)"),
                           FieldSpec("title", .text, required: true, "title (namn)"),
                           FieldSpec("kind", .choice(documentKinds), required: true, "policy, riktlinje, reglemente, delegationsordning, plan or annat"),
                           FieldSpec("version", .text, required: true, "version or date of the text (version)"),
                           FieldSpec("organ", .reference(.organ), required: true, "the adopting organ (beslutande organ)"),
                           FieldSpec("decision", .reference(.decision), "the adopting decision"),
                           FieldSpec("review", .choice(reviewRules), "review rule (revideringsregel; default varje mandatperiod)"), note],
                  creates: .document, rules: ["the key is new"]),
        EventSpec(type: "document.reviewed", swedish: "styrdokument reviderat", summary: "A governing document is reviewed and decided again.",
                  fields: [FieldSpec("document", .reference(.document), required: true, "the document"),
                           FieldSpec("version", .text, "the new version"),
                           FieldSpec("decision", .reference(.decision), "the decision"), note],
                  creates: nil, rules: ["the document is not repealed"]),
        EventSpec(type: "document.repealed", swedish: "styrdokument upphävt", summary: "A governing document is repealed.",
                  fields: [FieldSpec("document", .reference(.document), required: true, "the document"),
                           FieldSpec("decision", .reference(.decision), "the decision"), note],
                  creates: nil, rules: ["the document is not already repealed"]),
        EventSpec(type: "audit.report_received", swedish: "revisionsrapport mottagen", summary: "An audit report (revisionsrapport) arrives.",
                  fields: [FieldSpec("key", .text, "key (default REV-YYYY-N)"),
                           FieldSpec("auditors", .text, required: true, "the auditors, for example Region Sörmlands revisorer (revisorer)"),
                           FieldSpec("title", .text, required: true, "title"),
                           FieldSpec("assessment", .text, required: true, "the overall assessment (bedömning)"),
                           FieldSpec("recommendations", .texts, "recommendations (rekommendationer)"),
                           FieldSpec("responseDue", .date, "the board's response is due (yttrande senast)"),
                           FieldSpec("organ", .reference(.organ), "the organ that is to respond"), note],
                  creates: .audit, rules: []),
        EventSpec(type: "audit.response_given", swedish: "yttrande lämnat", summary: "The board responds (yttrande) to an audit report.",
                  fields: [FieldSpec("audit", .reference(.audit), required: true, "the audit report"),
                           FieldSpec("decision", .reference(.decision), "the decision adopting the response"),
                           FieldSpec("text", .text, "summary of the response"), note],
                  creates: nil, rules: ["the audit report exists"]),
        EventSpec(type: "event.corrected", swedish: "rättelse",
                  summary: "Fields of an earlier event were entered wrongly; the original stays, and queries that know of the correction use the new values.",
                  fields: [FieldSpec("event", .eventReference, required: true, "the event: seq:N or its id"),
                           FieldSpec("fields", .object, required: true, "the corrected fields of its data, with their new values"),
                           FieldSpec("reason", .text, required: true, "why (skäl)"), note],
                  creates: nil, rules: ["the event exists, is a governance event and is not annulled", "each field is a field of that event's type, with a valid value", "a key field is never corrected"]),
        EventSpec(type: "event.annulled", swedish: "makulering",
                  summary: "An event was entered in error; it stays in the ledger and in every history, and is ignored by queries that know of the annulment.",
                  fields: [FieldSpec("event", .eventReference, required: true, "the event: seq:N or its id"),
                           FieldSpec("reason", .text, required: true, "why (skäl)"), note],
                  creates: nil, rules: ["the event exists, is a governance event and is not already annulled"]),
        EventSpec(type: "note.added", swedish: "anteckning", summary: "A free note in the ledger.",
                  fields: [FieldSpec("text", .text, required: true, "the note"), note],
                  creates: nil, rules: []),
    ]

    /// The spec of a type.
    public static func spec(_ type: String) -> EventSpec? { byType[type] }

    /// The catalogue's type string equal to `bytes`, shared rather than allocated anew for every event read, or
    /// nil for a type the catalogue does not have.
    public static func type(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count < typesByLength.count else { return nil }
        for (utf8, type) in typesByLength[bytes.count] where utf8.elementsEqual(bytes) {
            return type
        }
        return nil
    }

    /// The catalogue's types (and `ledger.opened`) by their length in bytes.
    static let typesByLength: [[([UInt8], String)]] = {
        var table = Array(repeating: [([UInt8], String)](), count: 64)
        for type in all.map(\.type) + ["ledger.opened"] where type.utf8.count < 64 {
            table[type.utf8.count].append((Array(type.utf8), type))
        }
        return table
    }()

    static let byType: [String: EventSpec] = {
        var map: [String: EventSpec] = [:]
        for spec in all { map[spec.type] = spec }
        return map
    }()
}
