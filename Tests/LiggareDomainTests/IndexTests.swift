import LiggareDomain
import LiggareJSON
import LiggareLog
import Testing

/// The index of a governance ledger: event references by seq and by id, and the fold order.
@Suite("Ledger index")
struct IndexTests {
    static func events(ids: [EventID]) -> [RecordedEvent] {
        ids.enumerated().map { i, id in
            RecordedEvent(seq: i + 1, id: id, type: "note.recorded", recorded: Timestamp(millisecondsSinceEpoch: Int64(i) * 1000),
                          effective: CivilDate(year: 2025, month: 1 + i % 12, day: 1) ?? CivilDate(daysSinceEpoch: 0),
                          actor: "test", hash: String(repeating: "0", count: 64), data: JSONObject())
        }
    }

    static func ids(_ count: Int) -> [EventID] {
        var random = SeededRandom(seed: 5)
        var last: EventID?
        return (0..<count).map { i in
            let id = EventID.next(milliseconds: 1_750_000_000_000 + Int64(i), after: last, using: &random)
            last = id
            return id
        }
    }

    @Test("every id resolves to its seq, whether the ids increase (binary search) or not (a map)")
    func resolveByID() {
        let ids = Self.ids(300)
        let increasing = GovernanceLedger(events: Self.events(ids: ids))
        var shuffled = ids
        var random = SeededRandom(seed: 9)
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        let unordered = GovernanceLedger(events: Self.events(ids: shuffled))
        for (i, id) in ids.enumerated() {
            #expect(increasing.resolve(id.description) == i + 1)
        }
        for (i, id) in shuffled.enumerated() {
            #expect(unordered.resolve(id.description) == i + 1)
        }
        // An id the ledger does not have, below, between and above the stored ones.
        let missing = Self.ids(301)[300]
        #expect(increasing.resolve(missing.description) == nil)
        #expect(increasing.resolve("seq:300") == 300)
        #expect(increasing.resolve("seq:301") == nil)
        #expect(increasing.resolve("seq:0") == nil)
    }

    @Test("the fold sees events by effective date, then seq, also for dates before 1970")
    func foldOrder() {
        var events = Self.events(ids: Self.ids(4))
        let dates = ["2025-03-01", "1960-05-05", "2025-03-01", "2024-12-31"]
        events = events.enumerated().map { i, e in
            RecordedEvent(seq: e.seq, id: e.id, type: "organ.established", recorded: e.recorded, effective: CivilDate(dates[i])!,
                          actor: e.actor, hash: e.hash, data: JSONObject([(key: "key", value: .string("O\(i)")), (key: "name", value: .string("O\(i)")),
                                                                        (key: "kind", value: .string("nämnd"))]))
        }
        let state = GovernanceLedger(events: events).currentState
        #expect(state.organs.map(\.key) == ["O1", "O3", "O0", "O2"])
    }
}
