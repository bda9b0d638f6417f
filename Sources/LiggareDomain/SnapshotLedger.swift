import LiggareJSON
import LiggareLog

/// A ledger seen through a snapshot: the snapshot's events (decoded only when a query reaches them) followed by the
/// events recorded after it, read from the ledger. It answers every ``LedgerHistory`` question exactly as
/// ``GovernanceLedger`` does for the same events.
///
/// A query for effective date D decodes only the events effective by D: the snapshot keeps them sorted by
/// (effective date, seq), and the newer events are merged into that order.
public struct SnapshotLedger: LedgerHistory {
    let base: SnapshotEvents
    /// The events after the snapshot, in seq order (seqs `base.count + 1` …).
    let newer: [RecordedEvent]
    /// Indexes into `newer` in fold order, and their effective days.
    let newerFold: [Int]
    let newerDays: [Int]
    /// For each seq corrected by a newer event, the seqs of those corrections, in seq order (the snapshot's own
    /// are looked up in it).
    let newerCorrections: [Int: [Int]]
    /// For each seq annulled by a newer event, the seq of the first such annulment.
    let newerAnnulments: [Int: Int]

    /// Joins a snapshot and the events recorded after it.
    /// - Parameters:
    ///   - snapshot: the snapshot's events.
    ///   - newer: the ledger's events after the snapshot, in file order.
    /// - Throws: ``SnapshotDamage`` when the two do not join up the way a snapshot requires (seqs that do not
    ///   continue 1, 2, 3 …, ids that do not increase); the caller then reads the ledger whole.
    /// - Complexity: O(m log m) for m newer events.
    public init(snapshot: SnapshotEvents, newer: [RecordedEvent]) throws(SnapshotDamage) {
        base = snapshot
        self.newer = newer
        var lastID = snapshot.count > 0 ? snapshot.id(snapshot.count - 1) : nil
        for (i, event) in newer.enumerated() {
            guard event.seq == snapshot.count + i + 1, lastID.map({ event.id > $0 }) ?? true else {
                throw SnapshotDamage(detail: "the events after the snapshot do not continue its seqs and ids")
            }
            lastID = event.id
        }
        var corrections: [Int: [Int]] = [:]
        var annulments: [Int: Int] = [:]
        var fold: [(day: Int, index: Int)] = []
        for (index, event) in newer.enumerated() {
            if event.isMeta {
                guard let target = event.text("event").flatMap({ Self.resolve($0, base: snapshot, newer: newer) }) else { continue }
                switch event.metaEffect {
                case .correction: corrections[target, default: []].append(event.seq)
                case .annulment: if annulments[target] == nil { annulments[target] = event.seq }
                case nil: break
                }
            } else if event.type != "ledger.opened" {
                fold.append((event.effective.daysSinceEpoch, index))
            }
        }
        newerFold = LedgerIndexing.foldOrder(fold)
        newerDays = newerFold.map { newer[$0].effective.daysSinceEpoch }
        newerCorrections = corrections
        newerAnnulments = annulments
    }

    /// The seq an event reference (`seq:N` or an id) names, as ``GovernanceLedger/resolve(_:)`` finds it.
    static func resolve(_ reference: String, base: SnapshotEvents, newer: [RecordedEvent]) -> Int? {
        if let n = LedgerIndexing.seqNumber(reference) { return n <= base.count + newer.count ? n : nil }
        guard let id = EventID(reference) else { return nil }
        // The newer events' ids are all above the snapshot's (checked when they are joined).
        if let position = LedgerIndexing.position(of: id, count: base.count, idAt: base.id) { return position + 1 }
        return newer.first { $0.id == id }?.seq
    }

    public func resolve(_ reference: String) -> Int? { Self.resolve(reference, base: base, newer: newer) }

    /// The seq of the first annulment of an event, in the snapshot or after it.
    /// - Complexity: O(log m) for m corrections and annulments in the snapshot.
    public func annulment(of seq: Int) -> Int? {
        let inSnapshot = seq <= base.count ? base.metaEntries(of: seq).first { $0.kind == 1 }?.seq : nil
        return inSnapshot ?? newerAnnulments[seq]
    }

    /// The seqs of an event's corrections, in seq order.
    func corrections(of seq: Int) -> [Int] {
        let inSnapshot = seq <= base.count ? base.metaEntries(of: seq).filter { $0.kind == 0 }.map(\.seq) : []
        return inSnapshot + (newerCorrections[seq] ?? [])
    }

    /// The number of events the snapshot holds.
    public var snapshotSeq: Int { base.count }

    /// The number of events read from the ledger after the snapshot.
    public var newerCount: Int { newer.count }

    public var lastSeq: Int { base.count + newer.count }

    public func knownSeq(_ knownAt: KnownAt) -> Int {
        switch knownAt {
        case .everything: return lastSeq
        case .seq(let n): return min(max(n, 0), lastSeq)
        case .instant(let t):
            // recorded never decreases, so binary search over both parts.
            var low = 0, high = lastSeq
            while low < high {
                let mid = (low + high) / 2
                let recorded = mid < base.count ? base.recorded(mid) : newer[mid - base.count].recorded
                if recorded <= t { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    public func event(seq: Int) throws -> RecordedEvent? {
        if seq >= 1, seq <= base.count { return try base.event(seq - 1) }
        let i = seq - base.count - 1
        return i >= 0 && i < newer.count ? newer[i] : nil
    }

    /// The state on `at` as known at `knownAt`: the snapshot's events effective by then and the newer ones, in
    /// (effective date, seq) order.
    /// - Throws: ``SnapshotDamage`` when an event in the snapshot cannot be decoded.
    /// - Complexity: O(events effective by `at`), plus O(log n) to find them.
    public func state(at: CivilDate, knownAt: KnownAt) throws -> BoardState {
        let known = knownSeq(knownAt)
        let day = at.daysSinceEpoch
        let baseEnd = base.foldEnd(atMost: day)
        var newerEnd = 0
        while newerEnd < newerDays.count, newerDays[newerEnd] <= day { newerEnd += 1 }
        var state = BoardState()
        let newerMeta = !newerCorrections.isEmpty || !newerAnnulments.isEmpty
        var i = 0, j = 0
        while i < baseEnd || j < newerEnd {
            let event: RecordedEvent
            // On the same day the snapshot's events come first: their seqs are lower.
            if i < baseEnd && (j == newerEnd || base.foldDay(i) <= newerDays[j]) {
                let seq = base.foldIndex(i) + 1
                if seq > known {
                    i += 1
                    continue
                }
                // Most events are never corrected or annulled: they are applied as stored.
                guard base.isCorrectedOrAnnulled(atFold: i) || (newerMeta && (newerCorrections[seq] != nil || newerAnnulments[seq] != nil)) else {
                    state.apply(try base.event(atFold: i))
                    i += 1
                    continue
                }
                if annulment(of: seq).map({ $0 <= known }) == true {
                    i += 1
                    continue
                }
                event = try base.event(atFold: i)
                i += 1
            } else {
                event = newer[newerFold[j]]
                j += 1
                if event.seq > known { continue }
            }
            guard let seen = try view(of: event, known: known) else { continue }
            state.apply(seen)
        }
        return state
    }

    /// The event as seen at a cut, as ``GovernanceLedger/view(of:known:)`` gives it.
    func view(of event: RecordedEvent, known: Int) throws -> RecordedEvent? {
        var list: [(seq: Int, fields: JSONObject)] = []
        for seq in corrections(of: event.seq) where seq <= known {
            if let fields = try self.event(seq: seq)?.data["fields"]?.objectValue { list.append((seq, fields)) }
        }
        return GovernanceLedger.view(of: event, known: known, annulment: annulment(of: event.seq), corrections: list)
    }

    /// The current state (every effective date, everything known) of the entities that checking new events naming
    /// `keys` looks at: those entities, the entities their creation needs, and for an organ its members, decisions
    /// and plans, built from the snapshot's key index and the events after the snapshot.
    ///
    /// - Returns: nil when the events after the snapshot could change what the index says: a correction or an
    ///   annulment among them, or a new entity or member effective before the snapshot's last effective date. The
    ///   caller then checks against the whole state.
    /// - Throws: ``SnapshotDamage`` when the snapshot cannot be read.
    /// - Complexity: O(events of the entities concerned + events after the snapshot), independent of the rest.
    public func currentState(concerning keys: [String]) throws -> BoardState? {
        let lastDay = base.foldCount > 0 ? base.foldDay(base.foldCount - 1) : Int.min
        var wanted = keys
        for event in newer {
            guard let spec = EventCatalogue.spec(event.type), !event.isMeta else { return nil }
            if (spec.creates != nil || event.type == "member.appointed") && event.effective.daysSinceEpoch < lastDay { return nil }
            wanted += Self.references(event.data, spec: spec)
        }
        var seen = Set<String>()
        var seqs = Set<Int>()
        while let key = wanted.popLast() {
            guard seen.insert(key).inserted, let entry = try base.keyEntry(key), entry.kind != nil else { continue }
            seqs.formUnion(entry.seqs)
            if let parent = entry.parent { wanted.append(parent) }
        }
        var events: [RecordedEvent] = []
        for seq in seqs where seq >= 1 && seq <= base.count && annulment(of: seq) == nil {
            events.append(try base.event(seq - 1))
        }
        events += newer.filter { !$0.isMeta && $0.type != "ledger.opened" && annulment(of: $0.seq) == nil }
        events.sort { $0.effective != $1.effective ? $0.effective < $1.effective : $0.seq < $1.seq }
        var state = BoardState()
        for event in events {
            guard let seen = try view(of: event, known: lastSeq) else { continue }
            state.apply(seen)
        }
        return state
    }

    /// The keys an event's data names in its reference fields.
    static func references(_ data: JSONObject, spec: EventSpec) -> [String] {
        spec.fields.compactMap { field in
            if case .reference = field.kind { return data[field.name]?.stringValue }
            return nil
        }
    }
}

extension SnapshotLedger {
    /// Checks new events using only what concerns them: the snapshot's key index, the entities the events name and
    /// the events after the snapshot, so that the cost does not grow with the ledger.
    ///
    /// It only ever accepts: when it finds a problem, or cannot be sure (corrections or annulments in the batch or
    /// after the snapshot, a damaged snapshot), it returns nil and the caller checks against the whole ledger,
    /// which reports every problem as usual.
    /// - Returns: the completed drafts (derived keys filled in) when all are accepted, else nil.
    public func acceptedUsingIndex(_ drafts: [EventDraft]) -> [EventDraft]? {
        var keys: [String] = []
        for draft in drafts {
            guard let spec = EventCatalogue.spec(draft.type), draft.type != "event.corrected", draft.type != "event.annulled",
                  let data = draft.data.objectValue else { return nil }
            keys += Self.references(data, spec: spec)
        }
        guard let state = try? currentState(concerning: keys) else { return nil }
        let directory = SnapshotKeys(base)
        var validator = Validator(history: self, state: state, usedKeys: Set(newer.compactMap { $0.text("key") }), moreKeys: directory)
        guard case .success(let completed) = validator.check(drafts), !directory.damaged else { return nil }
        return completed
    }
}

/// A snapshot's key index as a ``KeyDirectory``. A lookup that meets damaged bytes answers "used" (so that
/// nothing is accepted on its word) and is remembered in ``damaged``.
final class SnapshotKeys: KeyDirectory, @unchecked Sendable {
    let events: SnapshotEvents
    private(set) var damaged = false

    init(_ events: SnapshotEvents) { self.events = events }

    func contains(_ key: String) -> Bool {
        do { return try events.keyEntry(key) != nil } catch {
            damaged = true
            return true
        }
    }

    func keys(withPrefix prefix: String) -> [String] {
        do { return try events.keys(withPrefix: prefix) } catch {
            damaged = true
            return []
        }
    }
}
