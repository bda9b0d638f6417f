import LiggareJSON
import LiggareLog

/// Deterministic synthetic governance events, about 500 bytes a line, with Swedish text.
struct SyntheticLedger {
    var random: SeededRandom
    var counter = 0

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    static let organs = ["IN", "RS", "RF", "HSN", "KN", "RUG"]
    static let titles = [
        "Uppdrag att utreda samverkansformer för Inköpsnämndens område",
        "Revisionsrapport om regionens hantering av direktupphandling",
        "Internkontrollplan för år 2025 med sju risker och kontrollmoment",
        "Återrapportering av uppdrag om välfärdsbrottslighet och leverantörskontroll",
        "Beslut om inköpspolicy för Region Sörmland och Region Västmanland",
        "Uppföljning av måluppfyllelse för möjliggjorda besparingar och HME",
        "Delegationsordning för Inköpsnämnden, översyn under mandatperioden",
    ]
    static let people = ["Åsa Öberg", "Björn Ärlig", "Märta Söderström", "Örjan Åkesson", "Lena Hägg"]
    static let types = ["meeting.held", "decision.recorded", "decision.recorded", "assignment.issued",
                        "assignment.progress_noted", "assignment.reported_back", "correction.recorded",
                        "control.result_recorded"]

    /// The next event as a draft.
    mutating func next() -> EventDraft {
        counter += 1
        let type = Self.types[Int(random.next() % UInt64(Self.types.count))]
        let organ = Self.organs[Int(random.next() % UInt64(Self.organs.count))]
        let year = 2019 + Int(random.next() % 7)
        let month = 1 + Int(random.next() % 12)
        let day = 1 + Int(random.next() % 28)
        let effective = CivilDate(year: year, month: month, day: day) ?? CivilDate(daysSinceEpoch: 0)
        let title = Self.titles[Int(random.next() % UInt64(Self.titles.count))]
        let person = Self.people[Int(random.next() % UInt64(Self.people.count))]
        let paragraph = Int64(1 + random.next() % 200)
        let data: JSONValue = .object(JSONObject([
            (key: "organ", value: .string(organ)),
            (key: "key", value: .string("\(organ)-\(year)-§\(paragraph)")),
            (key: "case", value: .string("\(organ) \(year)/\(counter % 997)")),
            (key: "title", value: .string(title)),
            (key: "points", value: .array([.string("Nämnden beslutar att godkänna förslaget enligt bilaga."),
                                            .string("Återrapportering sker under tredje kvartalet \(year).")])),
            (key: "responsible", value: .string(person)),
            (key: "due", value: .string("\(year)-Q\(1 + counter % 4)")),
        ]))
        return EventDraft(type: type, effective: effective, actor: person, data: data, source: "synthetic:\(counter)")
    }
}
