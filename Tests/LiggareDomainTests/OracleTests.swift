import LiggareDomain
import LiggareJSON
import LiggareLog
import Testing

/// The naive model: for a cut (at, known), filter the known events, apply the known annulments and corrections,
/// keep what is effective by `at`, sort by (effective, seq) and fold. The indexed `GovernanceLedger.state` must agree.
enum NaiveReplay {
    static func state(_ events: [RecordedEvent], at: CivilDate, known: Int) -> BoardState {
        let knownEvents = events.filter { $0.seq <= known }
        var seqByID: [EventID: Int] = [:]
        for e in knownEvents { seqByID[e.id] = e.seq }
        func target(_ e: RecordedEvent) -> Int? {
            guard let reference = e.data["event"]?.stringValue else { return nil }
            if reference.hasPrefix("seq:") { return Int(reference.dropFirst(4)) }
            return EventID(reference).flatMap { seqByID[$0] }
        }
        var annulled = Set<Int>()
        for e in knownEvents where e.type == "event.annulled" { if let t = target(e) { annulled.insert(t) } }
        var data: [Int: JSONObject] = [:]
        for e in knownEvents { data[e.seq] = e.data }
        for e in knownEvents where e.type == "event.corrected" {
            guard let t = target(e), var d = data[t], let fields = e.data["fields"]?.objectValue else { continue }
            for member in fields.members {
                if member.value.isNull { d.members.removeAll { $0.key == member.key } } else { d[member.key] = member.value }
            }
            data[t] = d
        }
        let folded = knownEvents
            .filter { !$0.isMeta && $0.type != "ledger.opened" && !annulled.contains($0.seq) && $0.effective <= at }
            .sorted { ($0.effective, $0.seq) < ($1.effective, $1.seq) }
        var state = BoardState()
        for e in folded {
            state.apply(RecordedEvent(seq: e.seq, id: e.id, type: e.type, recorded: e.recorded, effective: e.effective,
                                      actor: e.actor, hash: e.hash, data: data[e.seq] ?? e.data))
        }
        return state
    }
}

@Suite("Oracle: indexed bitemporal queries equal a naive full replay")
struct OracleTests {
    /// A generated history: meetings, decisions, assignments with progress, report-backs recorded late, due-date
    /// changes and corrections, withdrawals, annulments, control results and indicator outcomes.
    static func generatedHistory(seed: UInt64, steps: Int) -> Scenario {
        var s = samverkansScenario()
        var random = SeededRandom(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(max(n, 1))) }
        var day = date("2025-01-10")
        s.add("control.plan_adopted", "2024-12-15", #"{"organ":"IN","year":2025}"#)
        s.add("control.point_defined", "2024-12-15", #"{"plan":"IKP-IN-2025","risk":"R","riskType":"processrisk","likelihood":2,"consequence":3,"area":"Avtal","point":"P","method":"M","responsible":"Inköpschef","frequency":"årligen"}"#)
        s.add("indicator.defined", "2025-01-01", #"{"key":"SAMORD","name":"Samordnade","unit":"st","target":30,"direction":"higher"}"#)
        var paragraph = 200
        for _ in 0..<steps {
            day = day.adding(days: 1 + pick(9))
            // Some events are recorded late: their effective date lies before the recording.
            let effective = pick(4) == 0 ? day.adding(days: -pick(40)) : day
            let assignments = s.ledger.currentState.assignments.filter { $0.withdrawn == nil && $0.reportedBack == nil && $0.closed == nil }
            switch pick(10) {
            case 0, 1:
                paragraph += 1
                if s.ledger.currentState.meeting("RS-\(day)") == nil { s.tryAdd("meeting.held", "\(day)", #"{"organ":"RS"}"#) }
                s.tryAdd("decision.recorded", "\(day)", #"{"organ":"RS","meeting":"RS-\#(day)","paragraph":\#(paragraph),"title":"Beslut \#(paragraph)"}"#)
                s.tryAdd("assignment.issued", "\(day)", #"{"decision":"RS-\#(day.year)-§\#(paragraph)","receiver":"Regiondirektören","description":"Uppdrag \#(paragraph)","due":"\#(day.adding(days: 20 + pick(120)))"}"#)
            case 2 where !assignments.isEmpty:
                let a = assignments[pick(assignments.count)]
                s.tryAdd("assignment.progress_noted", "\(effective)", #"{"assignment":"\#(a.key)","text":"Arbete pågår"}"#)
            case 3 where !assignments.isEmpty:
                let a = assignments[pick(assignments.count)]
                s.tryAdd("assignment.reported_back", "\(effective)", #"{"assignment":"\#(a.key)"}"#)
            case 4 where !assignments.isEmpty:
                let a = assignments[pick(assignments.count)]
                s.tryAdd("assignment.due_changed", "\(effective)", #"{"assignment":"\#(a.key)","due":"\#(day.year)-Q\#(1 + pick(4))","decision":"RS-2025-§112"}"#)
            case 5 where !assignments.isEmpty:
                let a = assignments[pick(assignments.count)]
                s.tryAdd("assignment.withdrawn", "\(effective)", #"{"assignment":"\#(a.key)","reason":"Inaktuellt"}"#)
            case 6:
                // Correct the due date or description of a random issued assignment.
                let issued = s.events.filter { $0.type == "assignment.issued" }
                if let e = issued.isEmpty ? nil : issued[pick(issued.count)] {
                    let fields = pick(2) == 0 ? #"{"due":"\#(day.adding(days: pick(60)))"}"# : #"{"description":"Rättad beskrivning"}"#
                    s.tryAdd("event.corrected", "\(day)", #"{"event":"seq:\#(e.seq)","fields":\#(fields),"reason":"Felregistrering"}"#)
                }
            case 7:
                let candidates = s.events.filter { ["assignment.progress_noted", "assignment.reported_back", "assignment.withdrawn", "assignment.issued"].contains($0.type) }
                if let e = candidates.isEmpty ? nil : candidates[pick(candidates.count)] {
                    s.tryAdd("event.annulled", "\(day)", #"{"event":"\#(e.id)","reason":"Registrerat i fel"}"#)
                }
            case 8:
                s.tryAdd("control.result_recorded", "\(effective)", #"{"point":"IN-2025-K1","outcome":"\#(["utan anmärkning", "avvikelse", "ej genomförd"][pick(3)])","finding":"Iakttagelse"}"#)
            default:
                s.tryAdd("indicator.outcome_recorded", "\(effective)", #"{"indicator":"SAMORD","period":"\#(effective.year)-T\#(1 + pick(3))","value":\#(pick(40))}"#)
            }
        }
        return s
    }

    static func tables(_ state: BoardState, at: CivilDate) -> [String] {
        [Queries.assignments(state, at: at), Queries.decisions(state, at: at), Queries.controls(state, year: 2025),
         Queries.indicators(state), Queries.policies(state), Queries.members(state, at: at), Queries.audits(state, at: at)]
            .map { table in table.rows.map { String(decoding: JSONWriter.serialize(.object($0)), as: UTF8.self) }.joined(separator: "\n") }
    }

    @Test("every query at every (at, known-at) pair equals the naive replay", arguments: [UInt64(1), 2, 3])
    func oracle(seed: UInt64) throws {
        let s = Self.generatedHistory(seed: seed, steps: 160)
        let ledger = s.ledger
        #expect(s.events.count > 150)
        #expect(s.events.contains { $0.type == "event.corrected" })
        #expect(s.events.contains { $0.type == "event.annulled" })
        let first = date("2025-01-01")
        var compared = 0
        for atStep in stride(from: 0, through: 1200, by: 37) {
            let at = first.adding(days: atStep)
            for known in stride(from: 0, through: s.events.count, by: 7) + [s.events.count] {
                let fast = ledger.state(at: at, knownAt: .seq(known))
                let naive = NaiveReplay.state(s.events, at: at, known: known)
                #expect(fast == naive, "state differs at \(at), known seq \(known)")
                #expect(Self.tables(fast, at: at) == Self.tables(naive, at: at), "queries differ at \(at), known seq \(known)")
                compared += 1
            }
        }
        #expect(compared > 500)
    }

    @Test("known-at by instant equals known-at by the corresponding seq")
    func instantAndSeq() throws {
        let s = Self.generatedHistory(seed: 9, steps: 60)
        let ledger = s.ledger
        for event in s.events {
            #expect(ledger.knownSeq(.instant(event.recorded)) >= event.seq)
            let before = Timestamp(millisecondsSinceEpoch: event.recorded.millisecondsSinceEpoch - 1)
            #expect(ledger.knownSeq(.instant(before)) < event.seq)
        }
    }
}
