import LiggareDomain
import LiggareJSON
import LiggareLog
import Testing

/// Builds a ledger in memory, event by event, checking each with the Validator as `liggare append` would.
struct Scenario {
    var events: [RecordedEvent] = []
    var clock: Timestamp
    var random = SeededRandom(seed: 11)
    var lastID: EventID?

    init(start: String = "2025-01-02T08:00:00.000Z") {
        clock = Timestamp(start) ?? Timestamp(millisecondsSinceEpoch: 0)
    }

    var ledger: GovernanceLedger { GovernanceLedger(events: events) }

    /// Validates and appends one event; returns it, or the problems.
    @discardableResult
    mutating func tryAdd(_ type: String, _ effective: String, _ json: String, recorded: String? = nil,
                         actor: String = "sekreterare") -> Result<RecordedEvent, ValidationFailure> {
        guard let date = CivilDate(effective), let data = try? JSONReader.parse(json) else {
            return .failure(ValidationFailure(problems: [EventProblem(location: "test", detail: "bad test input \(effective) \(json)")]))
        }
        let draft = EventDraft(type: type, effective: date, actor: actor, data: data, source: "event \(events.count + 1)")
        var validator = Validator(ledger: ledger)
        switch validator.check(draft) {
        case .failure(let failure): return .failure(failure)
        case .success(let completed):
            if let recorded, let t = Timestamp(recorded) { clock = max(clock, t) } else {
                clock = Timestamp(millisecondsSinceEpoch: clock.millisecondsSinceEpoch + 60_000)
            }
            let id = EventID.next(milliseconds: clock.millisecondsSinceEpoch, after: lastID, using: &random)
            lastID = id
            let seq = events.count + 1
            let hash = String(repeating: "0", count: 64 - String(seq, radix: 16).count) + String(seq, radix: 16)
            let event = RecordedEvent(seq: seq, id: id, type: type, recorded: clock, effective: date, actor: actor, hash: hash,
                                      data: completed.data.objectValue ?? JSONObject())
            events.append(event)
            return .success(event)
        }
    }

    /// Appends an event that must be valid; records a test issue otherwise.
    @discardableResult
    mutating func add(_ type: String, _ effective: String, _ json: String, recorded: String? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) -> RecordedEvent? {
        switch tryAdd(type, effective, json, recorded: recorded) {
        case .success(let event): return event
        case .failure(let failure):
            Issue.record("\(type) rejected: \(failure.problems.map(\.message))", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The problems of an event that must be rejected (nothing is appended).
    mutating func problems(_ type: String, _ effective: String, _ json: String) -> [String] {
        switch tryAdd(type, effective, json) {
        case .success:
            events.removeLast()
            return []
        case .failure(let failure): return failure.problems.map(\.message)
        }
    }
}

func date(_ text: String) -> CivilDate { CivilDate(text) ?? CivilDate(daysSinceEpoch: 0) }

/// The board of seed 003: Region Västmanland's regionstyrelse and its samverkansform assignment.
func samverkansScenario() -> Scenario {
    var s = Scenario()
    s.add("organ.established", "2023-01-01", #"{"key":"RS","name":"Regionstyrelsen Region Västmanland","kind":"styrelse"}"#)
    s.add("organ.established", "2019-01-01", #"{"key":"IN","name":"Inköpsnämnden","kind":"gemensam nämnd","host":"Region Sörmland","participants":["Region Sörmland","Region Västmanland"],"foundingDecision":"LF § 128/18"}"#)
    s.add("meeting.held", "2025-05-20", #"{"organ":"RS","digital":false,"place":"Västerås"}"#)
    s.add("decision.recorded", "2025-05-20", #"{"organ":"RS","meeting":"RS-2025-05-20","paragraph":112,"case":"RV 2025/123","title":"Uppdrag om utredning av samverkansformer inom Inköpsnämndens ansvarsområde","points":["Regiondirektören får i uppdrag att tillsammans med Region Sörmland redovisa alternativa samverkansformer inför den kommande mandatperioden samt lämna rekommendation till fortsatt samverkansform.","Uppdraget ska återrapporteras till regionstyrelsen under tredje kvartalet 2025."],"sentTo":["Regiondirektör Region Sörmland","Regiondirektör Region Västmanland"]}"#)
    s.add("assignment.issued", "2025-05-20", #"{"decision":"RS-2025-§112","receiver":"Regiondirektören","together":["Region Sörmland"],"description":"Redovisa alternativa samverkansformer och lämna rekommendation","due":"under tredje kvartalet 2025","reportTo":"RS"}"#)
    return s
}
