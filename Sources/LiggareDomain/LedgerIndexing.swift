import LiggareJSON
import LiggareLog

/// Indexing shared by the ledger in memory (``GovernanceLedger``), the snapshot builder (``SnapshotBuilder``) and the
/// ledger seen through a snapshot (``SnapshotLedger``), so that all three resolve references and order the fold
/// the same way.
enum LedgerIndexing {
    /// The `N` of a `seq:N` reference (N ≥ 1), or nil for any other text.
    static func seqNumber(_ reference: String) -> Int? {
        guard reference.hasPrefix("seq:"), let n = Int(reference.dropFirst(4)), n >= 1 else { return nil }
        return n
    }

    /// The position of `id` among `count` strictly increasing ids, or nil when it is not among them.
    /// - Complexity: O(log count).
    static func position(of id: EventID, count: Int, idAt: (Int) -> EventID) -> Int? {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if idAt(mid) < id { low = mid + 1 } else { high = mid }
        }
        return low < count && idAt(low) == id ? low : nil
    }

    /// Indexes sorted by (effective day, index): the fold order.
    ///
    /// Each pair is packed into one integer, which sorts as the pair does: days since 1970 fit in 24 bits for any
    /// date the format allows, offset by 2^23 so that earlier dates sort first, and the index takes the low 40 bits.
    /// - Complexity: O(n log n).
    static func foldOrder(_ entries: [(day: Int, index: Int)]) -> [Int] {
        var keys = entries.map { UInt64($0.day + (1 << 23)) << 40 | UInt64($0.index) }
        keys.sort()
        return keys.map { Int($0 & ((1 << 40) - 1)) }
    }
}

/// What a correction or an annulment does to the event it names.
enum MetaEffect {
    /// `event.corrected` with its `fields`.
    case correction(JSONObject)
    /// `event.annulled`.
    case annulment
}

extension RecordedEvent {
    /// What this event does to the event it names: a correction with fields, an annulment, or nothing (any other
    /// event, or a correction without a `fields` object).
    var metaEffect: MetaEffect? {
        if type == "event.corrected", let fields = data["fields"]?.objectValue { return .correction(fields) }
        if type == "event.annulled" { return .annulment }
        return nil
    }
}
