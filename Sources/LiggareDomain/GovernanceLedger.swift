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
    /// Seq by event id, for a ledger whose ids do not increase with seq (never one written by Liggare: the format
    /// requires increasing ids, and then ``resolve(_:)`` searches `events` by binary search instead).
    let seqByID: [EventID: Int]?

    /// Indexes the events.
    /// - Complexity: O(n log n), O(n) when the events are nearly in effective-date order, as they usually are.
    public init(events: [RecordedEvent]) {
        self.events = events
        var increasing = true
        for i in events.indices.dropFirst() where events[i].id <= events[i - 1].id {
            increasing = false
            break
        }
        var seqByID: [EventID: Int]?
        if !increasing {
            var map: [EventID: Int] = [:]
            for event in events { map[event.id] = event.seq }
            seqByID = map
        }
        self.seqByID = seqByID
        var corrections: [Int: [(seq: Int, fields: JSONObject)]] = [:]
        var annulments: [Int: Int] = [:]
        var fold: [(day: Int, index: Int)] = []
        fold.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            if event.isMeta {
                guard let target = event.text("event").flatMap({ Self.resolve($0, in: events, seqByID: seqByID) }) else { continue }
                switch event.metaEffect {
                case .correction(let fields): corrections[target, default: []].append((event.seq, fields))
                case .annulment: if annulments[target] == nil { annulments[target] = event.seq }
                case nil: break
                }
            } else if event.type != "ledger.opened" {
                fold.append((event.effective.daysSinceEpoch, index))
            }
        }
        self.corrections = corrections
        self.annulments = annulments
        self.foldOrder = LedgerIndexing.foldOrder(fold)
    }

    /// The seq an event reference (`seq:N` or an id) names, if it exists.
    public func resolve(_ reference: String) -> Int? { Self.resolve(reference, in: events, seqByID: seqByID) }

    static func resolve(_ reference: String, in events: [RecordedEvent], seqByID: [EventID: Int]?) -> Int? {
        if let n = LedgerIndexing.seqNumber(reference) { return n <= events.count ? n : nil }
        guard let id = EventID(reference) else { return nil }
        if let seqByID { return seqByID[id] }
        return LedgerIndexing.position(of: id, count: events.count) { events[$0].id }.map { events[$0].seq }
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
        Self.view(of: event, known: known, annulment: annulments[event.seq], corrections: corrections[event.seq] ?? [])
    }

    /// An event as seen at a cut, given its first annulment's seq and its corrections in seq order.
    static func view(of event: RecordedEvent, known: Int, annulment: Int?,
                     corrections: [(seq: Int, fields: JSONObject)]) -> RecordedEvent? {
        if let annulment, annulment <= known { return nil }
        var data = event.data
        var changed = false
        for correction in corrections where correction.seq <= known {
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
    public var currentState: BoardState { state(at: .latest) }
}
