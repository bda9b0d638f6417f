import LiggareJSON
import LiggareLog

/// Deterministic synthetic governance history that passes the domain's checks: many organs, monthly meetings,
/// decisions with assignments, progress notes, report-backs (some recorded late), due-date changes and corrections,
/// internal control plans with results and measures, indicator outcomes; Swedish text; about 500 bytes a line.
struct SyntheticLedger {
    var random: SeededRandom
    var counter = 0
    var queue: [EventDraft] = []
    let organCount: Int
    var day: CivilDate
    var paragraph: [Int: Int] = [:]
    var assignmentNumber = 0
    /// Open assignments: (key, issued).
    var open: [(String, CivilDate)] = []
    var planned = Set<String>()
    var deviations: [String] = []
    var measureNumber = 0
    var issuedSeqs: [Int] = []
    var emitted = 1

    init(seed: UInt64, organs: Int = 200) {
        random = SeededRandom(seed: seed)
        organCount = organs
        day = CivilDate(year: 2019, month: 1, day: 7) ?? CivilDate(daysSinceEpoch: 0)
    }

    static let titles = [
        "Uppdrag att utreda samverkansformer för Inköpsnämndens område inför kommande mandatperiod",
        "Revisionsrapport om regionens hantering av direktupphandling – yttrande till revisorerna",
        "Internkontrollplan med riskanalys, kontrollområden och kontrollmoment för verksamhetsåret",
        "Återrapportering av uppdrag om arbetet mot välfärdsbrottslighet och leverantörskontroll",
        "Beslut om inköpspolicy för Region Sörmland och Region Västmanland, slutförslag",
        "Uppföljning av måluppfyllelse för möjliggjorda besparingar, HME och sjukfrånvaro",
        "Översyn av delegationsordningen under mandatperioden och förslag till ändringar",
    ]
    static let receivers = ["Regiondirektören", "Inköpschefen", "Ekonomidirektören", "Förvaltningschefen", "Nämndsekreteraren"]
    static let people = ["Åsa Öberg", "Björn Ärlig", "Märta Söderström", "Örjan Åkesson", "Lena Hägg"]

    func organ(_ i: Int) -> String { "O" + String(1000 + i).dropFirst() }

    mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(max(n, 1))) }

    /// The next event as a draft; `emitted` is its seq.
    mutating func next() -> EventDraft {
        if queue.isEmpty { refill() }
        emitted += 1
        return queue.removeFirst()
    }

    func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members.map { (key: $0.0, value: $0.1) })) }

    mutating func draft(_ type: String, _ effective: CivilDate, _ members: [(String, JSONValue)]) {
        let actor = Self.people[pick(Self.people.count)]
        queue.append(EventDraft(type: type, effective: effective, actor: actor, data: object(members), source: "synthetic"))
    }

    mutating func refill() {
        counter += 1
        if counter == 1 {
            for i in 0..<organCount {
                draft("organ.established", day, [("key", .string(organ(i))), ("name", .string("Nämnd nummer \(i) för hälso- och sjukvård i Västmanland")),
                                                 ("kind", .string("nämnd"))])
            }
            return
        }
        day = day.adding(days: pick(3) == 0 ? 1 : 0)
        let o = pick(organCount)
        let organKey = organ(o)
        // Internal control plan for the year, once per organ and year.
        let planKey = "IKP-\(organKey)-\(day.year)"
        if !planned.contains(planKey) {
            planned.insert(planKey)
            draft("control.plan_adopted", day, [("organ", .string(organKey)), ("year", .number(JSONNumber(day.year))), ("key", .string(planKey))])
            for k in 1...3 {
                draft("control.point_defined", day, [
                    ("plan", .string(planKey)), ("key", .string("\(organKey)-\(day.year)-K\(k)")),
                    ("risk", .string("Risk att avtal inte följs och att leverantörer inte levererar enligt avtal")),
                    ("riskType", .string(["målrisk", "processrisk", "kategoririsk"][k - 1])),
                    ("likelihood", .number(JSONNumber(1 + pick(4)))), ("consequence", .number(JSONNumber(1 + pick(4)))),
                    ("area", .string("Upphandling")), ("point", .string("Avtalstrohet och leverantörsuppföljning")),
                    ("method", .string("Stickprov på fakturor och uppföljning mot avtal, rapporteras i tertialrapport")),
                    ("responsible", .string("Inköpschef")), ("frequency", .string("tertialvis")),
                ])
            }
            return
        }
        // A meeting with decisions, some giving assignments.
        let meetingKey = "\(organKey)-\(day)"
        draft("meeting.held", day, [("organ", .string(organKey)), ("key", .string(meetingKey)), ("digital", .bool(pick(2) == 0)),
                                    ("place", .string("Regionhuset, Västerås")), ("present", .array(Self.people.prefix(3).map { .string($0) }))])
        for _ in 0..<(2 + pick(5)) {
            let number = (paragraph[o * 10_000 + day.year] ?? 0) + 1
            paragraph[o * 10_000 + day.year] = number
            let decisionKey = "\(organKey)-\(day.year)-§\(number)"
            draft("decision.recorded", day, [("organ", .string(organKey)), ("meeting", .string(meetingKey)),
                                             ("paragraph", .number(JSONNumber(number))), ("case", .string("\(organKey) \(day.year)/\(number + 100)")),
                                             ("title", .string(Self.titles[pick(Self.titles.count)])),
                                             ("points", .array([.string("Nämnden beslutar att godkänna förslaget enligt bilaga.")])),
                                             ("key", .string(decisionKey))])
            if pick(3) == 0 {
                assignmentNumber += 1
                let key = "U-\(day.year)-\(assignmentNumber)"
                let due = "\(day.adding(days: 60 + pick(200)).year)-Q\(1 + pick(4))"
                draft("assignment.issued", day, [("decision", .string(decisionKey)), ("key", .string(key)),
                                                 ("receiver", .string(Self.receivers[pick(Self.receivers.count)])),
                                                 ("description", .string("Utreda och återrapportera förslag till åtgärder för bättre avtalstrohet")),
                                                 ("due", .string(due)), ("reportTo", .string(organKey))])
                issuedSeqs.append(emitted + queue.count)
                open.append((key, day))
            }
        }
        // Follow-ups on open assignments.
        if !open.isEmpty {
            let i = pick(open.count)
            let (key, issued) = open[i]
            switch pick(6) {
            case 0, 1:
                draft("assignment.progress_noted", day, [("assignment", .string(key)), ("text", .string("Arbetet pågår enligt plan; delrapport lämnad till förvaltningsledningen."))])
            case 2, 3:
                // Some report-backs are recorded weeks after their effective date.
                let effective = pick(3) == 0 ? max(issued, day.adding(days: -20)) : day
                draft("assignment.reported_back", effective, [("assignment", .string(key))])
                open.remove(at: i)
            case 4:
                if let seq = issuedSeqs.isEmpty ? nil : issuedSeqs[pick(issuedSeqs.count)] {
                    draft("event.corrected", day, [("event", .string("seq:\(seq)")), ("fields", object([("due", .string("\(day.year + 1)-T2"))])),
                                                   ("reason", .string("Fel datum infört; beslutet anger andra tertialet"))])
                }
            default:
                draft("assignment.due_changed", day, [("assignment", .string(key)), ("due", .string("\(day.year + 1)-Q2")),
                                                      ("decision", .string("\(organKey)-\(day.year)-§1"))])
            }
        }
        // Control results, deviations and measures.
        if pick(4) == 0 {
            let point = "\(organKey)-\(day.year)-K\(1 + pick(3))"
            let deviation = pick(3) == 0
            draft("control.result_recorded", day, [("point", .string(point)), ("outcome", .string(deviation ? "avvikelse" : "utan anmärkning")),
                                                   ("finding", .string("Stickprov visade köp utanför avtal hos två leverantörer"))])
            if deviation {
                measureNumber += 1
                let measure = "\(point)-A\(measureNumber)"
                draft("control.measure_decided", day, [("point", .string(point)), ("key", .string(measure)),
                                                       ("description", .string("Informera beställare om avtalen och följ upp i nästa tertial")),
                                                       ("owner", .string("Inköpschef")), ("due", .string("\(day.adding(days: 90))"))])
            }
        }
    }
}
