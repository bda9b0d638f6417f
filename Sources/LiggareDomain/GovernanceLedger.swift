import LiggareJSON
import LiggareLog

/// A ledger's events, indexed for bitemporal queries: the board's state on any effective date, as the ledger knew
/// it at any earlier moment.
///
/// Corrections and annulments apply retroactively in effective time, but only to queries that know of them
/// (their seq is within the known-at cut). The original events stay, and `history` shows them.
public struct GovernanceLedger: Sendable {
    /// Every event, in seq order (index = seq - 1 for a complete ledger).
    public let events: [RecordedEvent]
    /// Indexes into `events` of the non-meta events, sorted by (effective date, seq): the fold order.
    let foldOrder: [Int]
    /// For each corrected seq, its corrections (seq of the correction, fields) in seq order.
    let corrections: [Int: [(seq: Int, fields: JSONObject)]]
    /// For each annulled seq, the seq of the first annulment.
    let annulments: [Int: Int]
    /// Seq by event id.
    let seqByID: [EventID: Int]

    /// Indexes the events.
    /// - Complexity: O(n log n).
    public init(events: [RecordedEvent]) {
        self.events = events
        var seqByID: [EventID: Int] = [:]
        var corrections: [Int: [(seq: Int, fields: JSONObject)]] = [:]
        var annulments: [Int: Int] = [:]
        for event in events {
            seqByID[event.id] = event.seq
        }
        for event in events where event.isMeta {
            guard let target = event.text("event").flatMap({ Self.resolve($0, seqByID: seqByID) }) else { continue }
            if event.type == "event.corrected", let fields = event.data["fields"]?.objectValue {
                corrections[target, default: []].append((event.seq, fields))
            } else if event.type == "event.annulled", annulments[target] == nil {
                annulments[target] = event.seq
            }
        }
        self.seqByID = seqByID
        self.corrections = corrections
        self.annulments = annulments
        self.foldOrder = events.indices.filter { !events[$0].isMeta && events[$0].type != "ledger.opened" }
            .sorted { (events[$0].effective, events[$0].seq) < (events[$1].effective, events[$1].seq) }
    }

    /// The seq an event reference (`seq:N` or an id) names, if it exists.
    public func resolve(_ reference: String) -> Int? { Self.resolve(reference, seqByID: seqByID, count: events.count) }

    static func resolve(_ reference: String, seqByID: [EventID: Int], count: Int = .max) -> Int? {
        if reference.hasPrefix("seq:"), let n = Int(reference.dropFirst(4)), n >= 1 {
            return n <= count ? n : nil
        }
        return EventID(reference).flatMap { seqByID[$0] }
    }

    /// The last seq.
    public var lastSeq: Int { events.last?.seq ?? 0 }

    /// The event with a seq.
    public func event(seq: Int) -> RecordedEvent? {
        if seq >= 1, seq <= events.count, events[seq - 1].seq == seq { return events[seq - 1] }
        return events.first { $0.seq == seq }
    }

    /// The last seq known at a cut: every event recorded at or before an instant, or up to a seq.
    /// - Complexity: O(log n).
    public func knownSeq(_ knownAt: KnownAt) -> Int {
        switch knownAt {
        case .everything: return lastSeq
        case .seq(let n): return min(max(n, 0), lastSeq)
        case .instant(let t):
            // recorded never decreases, so binary search.
            var low = 0, high = events.count
            while low < high {
                let mid = (low + high) / 2
                if events[mid].recorded <= t { low = mid + 1 } else { high = mid }
            }
            return low == 0 ? 0 : events[low - 1].seq
        }
    }

    /// The event as a query that knows everything up to `known` sees it: corrections known by then applied,
    /// or `nil` if an annulment known by then removes it.
    public func view(of event: RecordedEvent, known: Int) -> RecordedEvent? {
        if let annulment = annulments[event.seq], annulment <= known { return nil }
        guard let list = corrections[event.seq] else { return event }
        var data = event.data
        var changed = false
        for correction in list where correction.seq <= known {
            for member in correction.fields.members {
                if member.value.isNull { data.members.removeAll { $0.key == member.key } } else { data[member.key] = member.value }
                changed = true
            }
        }
        return changed ? event.with(data: data) : event
    }

    /// The board's state on effective date `at`, as known at `knownAt`.
    /// - Complexity: O(events effective by `at`), using the pre-sorted fold order.
    public func state(at: CivilDate, knownAt: KnownAt = .everything) -> BoardState {
        let known = knownSeq(knownAt)
        var state = BoardState()
        for index in foldOrder {
            let event = events[index]
            if event.effective > at { break }
            if event.seq > known { continue }
            guard let seen = view(of: event, known: known) else { continue }
            state.apply(seen)
        }
        return state
    }

    /// The state with everything applied: every effective date, everything known. Validation checks against this.
    public var currentState: BoardState { state(at: CivilDate(year: 9999, month: 12, day: 31) ?? CivilDate(daysSinceEpoch: 0)) }
}
