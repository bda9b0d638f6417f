import LiggareHash
import LiggareJSON
import LiggareLog

/// Builds a snapshot payload from a ledger's events taken one at a time, without holding them all: each event's
/// payload is encoded at once into a blob for a scratch payload, and only a few fixed fields are kept.
///
/// The build has three steps, and the caller does the I/O between them (in memory or through files):
/// 1. ``add(_:)`` every event in seq order (``prepare(_:)`` may run on any thread) and store the blobs it returns
///    one after another;
/// 2. ``scratchLayout()`` gives the header and tables that make `header, blobs, tables` a payload
///    ``SnapshotEvents`` can read; the caller folds its current state from it (``SnapshotLedger/wholeState()``);
/// 3. ``finalLayout(state:)`` gives the header and tables of the final payload and the order in which to copy the
///    blobs after them (fold order first, so that a query for an early date reads one contiguous stretch).
public struct SnapshotBuilder: Sendable {
    /// One event made ready for ``add(_:)``: its blob and the fields the tables need.
    public struct Prepared: Sendable {
        let seq: Int
        let id: EventID
        let recorded: Int64
        let day: Int32
        let type: String
        let inFold: Bool
        let reference: String?
        /// 0 neither, 1 a correction with `fields`, 2 an annulment.
        let metaKind: UInt8
        let key: String?
        let blob: [UInt8]
    }

    struct Facts {
        let id: EventID
        let recorded: Int64
        let day: Int32
        let inFold: Bool
        let reference: String?
        let metaKind: UInt8
    }

    private var facts: [Facts] = []
    private var types: [String] = []
    private var typeIndex: [String: Int] = [:]
    private var usedKeys: [String] = []
    /// The end of each event's blob in the scratch blobs, in seq order.
    private var blobEnds: [Int] = []
    /// Worked out by ``scratchLayout()``.
    private var foldOrder: [Int] = []
    private var meta: [(target: Int, seq: Int, kind: UInt64)] = []
    /// Why the ledger can have no snapshot, once that is known.
    public private(set) var refusal: String?

    /// An empty build.
    public init() {}

    /// The length of a payload's header: in the scratch payload the blobs start there.
    public static let payloadHeaderLength = SnapshotCodec.headerLength

    /// The number of events added.
    public var count: Int { facts.count }

    /// Encodes one event's blob and picks out its fields. Pure; may run on any thread.
    public static func prepare(_ event: RecordedEvent) -> Prepared {
        var blob = ByteWriter()
        blob.append64(event.id.high)
        blob.append64(event.id.low)
        blob.append64(UInt64(bitPattern: event.recorded.millisecondsSinceEpoch))
        blob.append32(UInt32(bitPattern: Int32(truncatingIfNeeded: event.effective.daysSinceEpoch)))
        blob.append16(0)  // the type index, set by add(_:)
        blob.append16(event.isMeta ? 1 : 0)
        event.digest.withUnsafeBytes { blob.bytes.append(contentsOf: $0) }
        blob.appendString(event.actor)
        blob.appendValue(.object(event.data))
        let kind: UInt8
        switch event.metaEffect {
        case .correction: kind = 1
        case .annulment: kind = 2
        case nil: kind = 0
        }
        return Prepared(seq: event.seq, id: event.id, recorded: event.recorded.millisecondsSinceEpoch,
                        day: Int32(truncatingIfNeeded: event.effective.daysSinceEpoch), type: event.type,
                        inFold: !event.isMeta && event.type != "ledger.opened", reference: event.isMeta ? event.text("event") : nil,
                        metaKind: kind, key: event.text("key"), blob: blob.bytes)
    }

    /// Takes the next event, in seq order.
    /// - Returns: its blob, to be stored right after the previous one; nil once the ledger turns out to be one a
    ///   snapshot cannot describe (seqs that do not run 1, 2, 3 …, ids that do not increase; see ``refusal``).
    public mutating func add(_ event: Prepared) -> [UInt8]? {
        guard refusal == nil else { return nil }
        guard event.seq == facts.count + 1, facts.last.map({ event.id > $0.id }) ?? true else {
            refusal = "line \(facts.count + 1) has seq \(event.seq) or an id that does not increase"
            return nil
        }
        let type: Int
        if let known = typeIndex[event.type] {
            type = known
        } else {
            type = types.count
            guard type <= Int(UInt16.max) else {
                refusal = "more than 65,535 event types"
                return nil
            }
            typeIndex[event.type] = type
            types.append(event.type)
        }
        var blob = event.blob
        blob[28] = UInt8(truncatingIfNeeded: type)
        blob[29] = UInt8(truncatingIfNeeded: type >> 8)
        facts.append(Facts(id: event.id, recorded: event.recorded, day: event.day, inFold: event.inFold,
                           reference: event.reference, metaKind: event.metaKind))
        if let key = event.key { usedKeys.append(key) }
        blobEnds.append((blobEnds.last ?? 0) + blob.count)
        return blob
    }

    /// The seq a reference names, as ``GovernanceLedger/resolve(_:)`` finds it in a ledger whose ids increase.
    private func resolve(_ reference: String) -> Int? {
        if let n = LedgerIndexing.seqNumber(reference) { return n <= facts.count ? n : nil }
        guard let id = EventID(reference) else { return nil }
        return LedgerIndexing.position(of: id, count: facts.count) { facts[$0].id }.map { $0 + 1 }
    }

    /// The header and the tables that, after the blobs, make the scratch payload: `header, blobs, tables…` (the
    /// first "table" is the zeros that pad the blobs to 8 bytes), with an empty key index.
    /// - Returns: nil when the ledger can have no snapshot (see ``refusal``), for example a correction or
    ///   annulment of an event the ledger does not have (a hand-made ledger can refer forwards; such a reference
    ///   might name a later event, so such a ledger is always read whole).
    /// - Complexity: O(n log n).
    public mutating func scratchLayout() -> (header: [UInt8], tables: [[UInt8]])? {
        guard refusal == nil else { return nil }
        meta = []
        for (index, fact) in facts.enumerated() where fact.reference != nil || fact.metaKind != 0 {
            guard let reference = fact.reference else { continue }
            guard let target = resolve(reference) else {
                refusal = "seq \(index + 1) corrects or annuls \(reference), which the ledger does not have"
                return nil
            }
            if fact.metaKind != 0 { meta.append((target, index + 1, fact.metaKind == 1 ? 0 : 1)) }
        }
        meta.sort { $0.target != $1.target ? $0.target < $1.target : $0.seq < $1.seq }
        foldOrder = LedgerIndexing.foldOrder(facts.indices.filter { facts[$0].inFold }.map { (Int(facts[$0].day), $0) })
        let ranges = facts.indices.map { (start: $0 == 0 ? 0 : blobEnds[$0 - 1], end: blobEnds[$0]) }
        let parts = layout(ranges: ranges, blobsFirst: true, keyIndex: SnapshotCodec.keyIndex(state: nil, usedKeys: []))
        let blobLength = blobEnds.last ?? 0
        // The zeros that pad the blobs to 8 bytes come first.
        return (parts.header, [[UInt8](repeating: 0, count: ((blobLength + 7) & ~7) - blobLength)] + parts.tables)
    }

    /// The final payload: its header and the tables that follow it, and the ranges of the scratch blobs (offsets
    /// within the scratch blob section) to copy after them, in that order.
    /// - Parameter state: the current state, folded from the scratch payload.
    public func finalLayout(state: BoardState) -> (header: [UInt8], tables: [[UInt8]], blobs: [Range<Int>]) {
        var order = foldOrder
        var inFold = [Bool](repeating: false, count: facts.count)
        for index in foldOrder { inFold[index] = true }
        order += facts.indices.filter { !inFold[$0] }
        var ranges = [(start: Int, end: Int)](repeating: (0, 0), count: facts.count)
        var copies: [Range<Int>] = []
        copies.reserveCapacity(order.count)
        var position = 0
        for index in order {
            let start = index == 0 ? 0 : blobEnds[index - 1], end = blobEnds[index]
            ranges[index] = (position, position + end - start)
            position += end - start
            copies.append(start..<end)
        }
        let parts = layout(ranges: ranges, blobsFirst: false, keyIndex: SnapshotCodec.keyIndex(state: state, usedKeys: usedKeys))
        return (parts.header, parts.tables, copies)
    }

    /// The payload header and every section but the blobs, for blobs placed at `ranges`, either right after the
    /// header (the tables follow the blobs) or after all the tables.
    private func layout(ranges: [(start: Int, end: Int)], blobsFirst: Bool,
                        keyIndex: (count: Int, offsets: [UInt8], entries: [UInt8])) -> (header: [UInt8], tables: [[UInt8]]) {
        let blobLength = blobEnds.last ?? 0
        let touched = Set(meta.map(\.target))
        var typeSection = ByteWriter()
        for type in types {
            typeSection.append16(UInt16(truncatingIfNeeded: type.utf8.count))
            typeSection.bytes.append(contentsOf: type.utf8)
        }
        var ids = ByteWriter()
        ids.reserve(facts.count * SnapshotCodec.recordLength)
        for fact in facts {
            ids.append64(fact.id.high)
            ids.append64(fact.id.low)
            ids.append64(UInt64(bitPattern: fact.recorded))
        }
        var blobRanges = ByteWriter()
        blobRanges.reserve(facts.count * 16)
        for range in ranges {
            blobRanges.append64(UInt64(range.start))
            blobRanges.append64(UInt64(range.end))
        }
        var fold = ByteWriter()
        fold.reserve(foldOrder.count * SnapshotCodec.foldLength)
        for index in foldOrder {
            fold.append32(UInt32(index) | (touched.contains(index + 1) ? 1 << 31 : 0))
            fold.append32(UInt32(bitPattern: facts[index].day))
            fold.append64(UInt64(ranges[index].start))
            fold.append64(UInt64(ranges[index].end))
        }
        var metaSection = ByteWriter()
        for entry in meta {
            metaSection.append64(UInt64(entry.target))
            metaSection.append64(UInt64(entry.seq))
            metaSection.append64(entry.kind)
        }
        // Header order of the eight sections: types, ids, blob ranges, fold, meta, blobs, key offsets, key entries.
        var tables = [typeSection.bytes, ids.bytes, blobRanges.bytes, fold.bytes, metaSection.bytes, keyIndex.offsets, keyIndex.entries]
        for i in tables.indices { tables[i].append(contentsOf: repeatElement(0, count: ((tables[i].count + 7) & ~7) - tables[i].count)) }
        let paddedBlobs = (blobLength + 7) & ~7
        var offsets: [Int] = []
        var position = SnapshotCodec.headerLength + (blobsFirst ? paddedBlobs : 0)
        for table in tables {
            offsets.append(position)
            position += table.count
        }
        let blobsAt = blobsFirst ? SnapshotCodec.headerLength : position
        var header = ByteWriter()
        header.bytes.append(contentsOf: SnapshotCodec.magic)
        for count in [facts.count, foldOrder.count, meta.count, types.count, keyIndex.count] { header.append64(UInt64(count)) }
        for offset in [offsets[0], offsets[1], offsets[2], offsets[3], offsets[4], blobsAt, offsets[5], offsets[6]] {
            header.append64(UInt64(offset))
        }
        header.append64(UInt64(blobLength))
        return (header.bytes, tables)
    }
}
