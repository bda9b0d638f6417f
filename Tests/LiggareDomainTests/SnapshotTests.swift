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
