import LiggareDomain
import LiggareJSON
import LiggareLog
import Testing

/// Snapshots: a ledger answered from a snapshot of its first k events plus the events after them gives the same
/// answers as the ledger in memory, for every (at, known-at) pair; damaged snapshot bytes never crash.
@Suite("Snapshots")
struct SnapshotTests {
    static func joined(_ events: [RecordedEvent], split k: Int) throws -> SnapshotLedger {
        let payload = try #require(SnapshotCodec.encode(GovernanceLedger(events: Array(events[..<k]))))
        return try SnapshotLedger(snapshot: try SnapshotEvents(payload: payload), newer: Array(events[k...]))
    }

    static func same(_ a: RecordedEvent?, _ b: RecordedEvent?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.seq == b.seq && a.id == b.id && a.type == b.type && a.recorded == b.recorded && a.effective == b.effective
            && a.actor == b.actor && a.digest == b.digest && a.data == b.data
    }

    @Test("every event decodes from the snapshot exactly as it was stored")
    func roundTrip() throws {
        let s = OracleTests.generatedHistory(seed: 4, steps: 120)
        let history = try Self.joined(s.events, split: s.events.count)
        #expect(history.snapshotSeq == s.events.count && history.newerCount == 0)
        for event in s.events { #expect(Self.same(try history.event(seq: event.seq), event)) }
        #expect(try history.event(seq: 0) == nil)
        #expect(try history.event(seq: s.events.count + 1) == nil)
        #expect(try history.organization() == s.ledger.organization())
    }

    @Test("with and without a snapshot, every query at every (at, known-at) pair gives the same answer",
          arguments: [UInt64(1), 2, 3])
    func oracle(seed: UInt64) throws {
        let s = OracleTests.generatedHistory(seed: seed, steps: 160)
        let ledger = s.ledger
        let n = s.events.count
        #expect(s.events.contains { $0.type == "event.corrected" } && s.events.contains { $0.type == "event.annulled" })
        let first = date("2024-12-01")
        var compared = 0
        for k in [1, n / 3, n / 2, n - 5, n] {
            let history = try Self.joined(s.events, split: k)
            #expect(history.lastSeq == n)
            for atStep in stride(from: 0, through: 1300, by: 53) {
                let at = first.adding(days: atStep)
                for known in stride(from: 0, through: n, by: 11) + [n] {
                    let expected = ledger.state(at: at, knownAt: .seq(known))
                    let answer = try history.state(at: at, knownAt: .seq(known))
                    #expect(answer == expected, "state differs: snapshot of \(k), at \(at), known seq \(known)")
                    #expect(OracleTests.tables(answer, at: at) == OracleTests.tables(expected, at: at))
                    compared += 1
                }
            }
            for event in s.events {
                let before = Timestamp(millisecondsSinceEpoch: event.recorded.millisecondsSinceEpoch - 1)
                #expect(history.knownSeq(.instant(event.recorded)) == ledger.knownSeq(.instant(event.recorded)))
                #expect(history.knownSeq(.instant(before)) == ledger.knownSeq(.instant(before)))
            }
            #expect(history.knownSeq(.everything) == n)
            #expect(history.knownSeq(.seq(n + 10)) == n)
            #expect(try history.wholeState() == ledger.currentState)
        }
        #expect(compared > 1000)
    }

    @Test("a snapshot is not made of a ledger whose seqs or ids break the format, nor joined to newer events that do")
    func refusals() throws {
        let s = OracleTests.generatedHistory(seed: 5, steps: 40)
        var swapped = s.events
        swapped.swapAt(3, 4)
        #expect(SnapshotCodec.encode(GovernanceLedger(events: swapped)) == nil)
        // An annulment of a seq the ledger does not have yet (only a hand-made ledger refers forwards).
        var forward = Array(s.events[..<20])
        let last = forward[19]
        forward.append(RecordedEvent(seq: 21, id: EventID(high: last.id.high, low: last.id.low &+ 1), type: "event.annulled",
                                     recorded: last.recorded, effective: last.effective, actor: "t", hash: last.hash,
                                     data: ["event": "seq:25", "reason": "framåt"]))
        #expect(SnapshotCodec.encode(GovernanceLedger(events: forward)) == nil)
        forward[20] = RecordedEvent(seq: 21, id: forward[20].id, type: "event.annulled", recorded: last.recorded,
                                    effective: last.effective, actor: "t", hash: last.hash, data: ["event": "seq:3", "reason": "bakåt"])
        #expect(SnapshotCodec.encode(GovernanceLedger(events: forward)) != nil)
        let payload = try #require(SnapshotCodec.encode(GovernanceLedger(events: Array(s.events[..<20]))))
        // Newer events must continue at seq 21, with larger ids.
        #expect(throws: SnapshotDamage.self) { try SnapshotLedger(snapshot: try SnapshotEvents(payload: payload), newer: Array(s.events[21...])) }
        #expect(throws: SnapshotDamage.self) { try SnapshotLedger(snapshot: try SnapshotEvents(payload: payload), newer: [s.events[19]]) }
    }

    @Test("damaged or truncated snapshot bytes are refused or give an answer, never a crash")
    func damage() throws {
        let s = OracleTests.generatedHistory(seed: 6, steps: 80)
        let payload = try #require(SnapshotCodec.encode(s.ledger))
        var random = SeededRandom(seed: 77)
        var refused = 0
        for round in 0..<300 {
            var bytes = payload
            if round % 3 == 0 {
                bytes.removeLast(1 + Int(random.next() % UInt64(bytes.count - 1)))
            } else {
                for _ in 0..<(1 + round % 4) {
                    let at = Int(random.next() % UInt64(bytes.count))
                    bytes[at] ^= UInt8(truncatingIfNeeded: 1 + random.next() % 255)
                }
            }
            do {
                let history = try SnapshotLedger(snapshot: try SnapshotEvents(payload: bytes), newer: [])
                _ = try history.wholeState()
                for seq in 1...history.lastSeq { _ = try history.event(seq: seq) }
            } catch is SnapshotDamage {
                refused += 1
            }
        }
        // Every truncation cuts into the blobs or a table, so it must be refused.
        #expect(refused >= 100)
        #expect(throws: SnapshotDamage.self) { try SnapshotEvents(payload: Array(payload.prefix(50))) }
        #expect(throws: SnapshotDamage.self) { try SnapshotEvents(payload: Array("not a snapshot at all, just some text here, long enough to hold a header .....".utf8)) }
    }
}

/// Checking new events with the snapshot's key index accepts exactly what checking against the whole state
/// accepts, with the same derived keys, and never accepts what the whole state refuses.
@Suite("Snapshots: checking new events with the key index")
struct SnapshotValidationTests {
    /// Drafts of many kinds that name entities of the state, right and wrong ones.
    static func drafts(_ state: BoardState, seed: UInt64, count: Int) -> [EventDraft] {
        var random = SeededRandom(seed: seed)
        func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int(random.next() % UInt64(items.count))] }
        let organs = state.organs.map(\.key) + ["XX"], meetings = state.meetings.map(\.key) + ["RS-1999-01-01"]
        let decisions = state.decisions.map(\.key) + ["RS-2025-§1"], assignments = state.assignments.map(\.key) + ["U-2020-01"]
        let plans = state.plans.map(\.key) + ["IKP-XX-2025"], points = state.points.map(\.key)
        let people = state.members.map(\.person) + ["Ny Person"]
        var out: [EventDraft] = []
        for i in 0..<count {
            let day = date("2025-01-01").adding(days: Int(random.next() % 700))
            let o = pick(organs) ?? "RS", m = pick(meetings) ?? "", d = pick(decisions) ?? "", a = pick(assignments) ?? ""
            let json: (String, String)
            switch i % 16 {
            case 0: json = ("meeting.held", #"{"organ":"\#(o)"}"#)
            case 1: json = ("decision.recorded", #"{"organ":"\#(o)","meeting":"\#(m)","paragraph":\#(100 + random.next() % 200),"title":"T"}"#)
            case 2: json = ("decision.recorded", #"{"organ":"\#(o)","paragraph":\#(100 + random.next() % 200),"title":"T","delegated":true}"#)
            case 3: json = ("assignment.issued", #"{"decision":"\#(d)","receiver":"R","description":"D","due":"2026-06-30"}"#)
            case 4: json = ("assignment.progress_noted", #"{"assignment":"\#(a)","text":"Pågår"}"#)
            case 5: json = ("assignment.reported_back", #"{"assignment":"\#(a)"}"#)
            case 6: json = ("assignment.closed", #"{"assignment":"\#(a)","decision":"\#(d)"}"#)
            case 7: json = ("control.plan_adopted", #"{"organ":"\#(o)","year":\#(2024 + random.next() % 3)}"#)
            case 8: json = ("control.point_defined", #"{"plan":"\#(pick(plans) ?? "")","risk":"R","riskType":"processrisk","likelihood":2,"consequence":3,"area":"A","point":"P","method":"M","responsible":"X","frequency":"årligen"}"#)
            case 9: json = ("control.result_recorded", #"{"point":"\#(pick(points) ?? "K")","outcome":"avvikelse","finding":"F"}"#)
            case 10: json = ("control.measure_decided", #"{"point":"\#(pick(points) ?? "K")","description":"Åtgärd","owner":"X","due":"2026-01-31"}"#)
            case 11: json = ("member.appointed", #"{"organ":"\#(o)","person":"\#(pick(people) ?? "P")","role":"ledamot"}"#)
            case 12: json = ("member.left", #"{"organ":"\#(o)","person":"\#(pick(people) ?? "P")"}"#)
            case 13: json = ("organ.dissolved", #"{"organ":"\#(o)"}"#)
            case 14: json = ("meeting.minutes_adjusted", #"{"meeting":"\#(m)","adjustedBy":["A","B"]}"#)
            default: json = ("audit.report_received", #"{"auditors":"Revisorerna","title":"Granskning","assessment":"Godtagbar"}"#)
            }
            let data = (try? JSONReader.parse(json.1)) ?? .null
            out.append(EventDraft(type: json.0, effective: day, actor: "test", data: data, source: "draft \(i)"))
        }
        return out
    }

    @Test("the index accepts only what the whole state accepts, with the same derived keys", arguments: [UInt64(1), 2, 3])
    func sameDecisions(seed: UInt64) throws {
        let s = OracleTests.generatedHistory(seed: seed, steps: 160)
        let n = s.events.count
        let ledger = s.ledger
        let drafts = Self.drafts(ledger.currentState, seed: seed, count: 400)
        var fastAccepted = 0, wholeAccepted = 0
        for k in [n / 2, n - 3, n] {
            let history = try SnapshotTests.joined(s.events, split: k)
            for draft in drafts {
                let whole = Validator.check([draft], against: ledger)
                let fast = history.acceptedUsingIndex([draft])
                if case .success(let completed) = whole {
                    wholeAccepted += 1
                    if let fast {
                        fastAccepted += 1
                        #expect(fast.map(\.data) == completed.map(\.data), "\(draft.source) \(draft.type): derived data differs")
                    }
                } else {
                    #expect(fast == nil, "\(draft.source) \(draft.type) \(draft.data): accepted with the index, refused by the whole state")
                }
            }
        }
        #expect(wholeAccepted > 100)
        // After a snapshot with no corrections after it, the index decides every accepted event itself.
        let direct = try SnapshotTests.joined(s.events, split: n)
        for draft in drafts {
            if case .success = Validator.check([draft], against: ledger) { #expect(direct.acceptedUsingIndex([draft]) != nil) }
        }
        #expect(fastAccepted >= wholeAccepted / 3)
    }

    @Test("a batch whose later events name entities its earlier events create is checked as a whole")
    func batch() throws {
        let s = OracleTests.generatedHistory(seed: 8, steps: 60)
        let history = try SnapshotTests.joined(s.events, split: s.events.count)
        let lines = [("meeting.held", #"{"organ":"RS","key":"RS-extra"}"#),
                     ("decision.recorded", #"{"organ":"RS","meeting":"RS-extra","paragraph":999,"title":"Ny"}"#),
                     ("assignment.issued", #"{"decision":"RS-2026-§999","receiver":"R","description":"D","due":"2026-09-30"}"#)]
        let drafts = lines.map { EventDraft(type: $0.0, effective: date("2026-03-03"), actor: "t", data: (try? JSONReader.parse($0.1)) ?? .null, source: $0.0) }
        guard case .success(let whole) = Validator.check(drafts, against: s.ledger) else {
            Issue.record("the batch should be valid")
            return
        }
        let fast = try #require(history.acceptedUsingIndex(drafts))
        #expect(fast.map(\.data) == whole.map(\.data))
        // The same paragraph twice in one batch is refused by both.
        #expect(history.acceptedUsingIndex([drafts[0], drafts[1], drafts[1]]) == nil)
    }
}
