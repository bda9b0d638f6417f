import LiggareHash
import LiggareJSON
import LiggareLog

/// The events of a snapshot payload, read in place: an event is decoded only when it is asked for.
///
/// Opening checks the payload's header and that every section lies inside it; each decode checks its own bounds,
/// so damaged bytes give a ``SnapshotDamage`` error, never a crash.
public struct SnapshotEvents: @unchecked Sendable {
    /// Keeps the bytes alive (for example the mapped file).
    let owner: AnyObject?
    let bytes: UnsafeRawBufferPointer
    /// The number of events (seqs 1 … count).
    public let count: Int
    /// The number of events in the fold order.
    let foldCount: Int
    let metaCount: Int
    let types: [String]
    let records: Int
    let blobRanges: Int
    let fold: Int
    let meta: Int
    let blobs: Int
    let blobLength: Int
    /// The number of keys in the key index, and where its offsets and entries start.
    let keyCount: Int
    let keyOffsets: Int
    let keyEntries: Int

    /// Reads a payload's header.
    /// - Parameters:
    ///   - bytes: the payload; it must stay valid as long as `owner` lives.
    ///   - owner: what keeps `bytes` alive.
    /// - Throws: ``SnapshotDamage`` when the header is not a snapshot payload's or a section lies outside it.
    /// - Complexity: O(number of event types).
    public init(bytes: UnsafeRawBufferPointer, owner: AnyObject?) throws(SnapshotDamage) {
        self.owner = owner
        self.bytes = bytes
        guard bytes.count >= SnapshotCodec.headerLength, SnapshotCodec.magic.elementsEqual(bytes[0..<16]) else {
            throw SnapshotDamage(detail: "not a snapshot of events in this version")
        }
        func word(_ at: Int) -> Int {
            let value = bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
            return value <= UInt64(Int32.max) * 1024 ? Int(value) : -1
        }
        count = word(16)
        foldCount = word(24)
        metaCount = word(32)
        let typeCount = word(40)
        keyCount = word(48)
        let typeSection = word(56)
        records = word(64)
        blobRanges = word(72)
        fold = word(80)
        meta = word(88)
        blobs = word(96)
        keyOffsets = word(104)
        keyEntries = word(112)
        blobLength = word(120)
        let size = bytes.count
        func inside(_ start: Int, _ length: Int) -> Bool { start >= 0 && length >= 0 && start <= size && length <= size - start }
        guard count >= 0, foldCount >= 0, foldCount <= count, metaCount >= 0, typeCount >= 0,
              inside(records, count * SnapshotCodec.recordLength), inside(blobRanges, count * 16),
              inside(fold, foldCount * SnapshotCodec.foldLength),
              inside(meta, metaCount * SnapshotCodec.metaLength), inside(blobs, blobLength), inside(typeSection, 0),
              keyCount >= 0, inside(keyOffsets, (keyCount + 1) * 8), inside(keyEntries, 0) else {
            throw SnapshotDamage(detail: "a section lies outside the payload")
        }
        var cursor = ByteCursor(bytes, from: typeSection, to: size)
        var types: [String] = []
        for _ in 0..<typeCount {
            guard let low = cursor.byte(), let high = cursor.byte() else { throw SnapshotDamage(detail: "damaged type table") }
            let length = Int(low) | Int(high) << 8
            guard length <= cursor.end - cursor.position else { throw SnapshotDamage(detail: "damaged type table") }
            let raw = UnsafeRawBufferPointer(rebasing: bytes[cursor.position..<cursor.position + length])
            types.append(EventCatalogue.type(raw) ?? String(decoding: raw, as: UTF8.self))
            cursor.position += length
        }
        self.types = types
    }

    /// Reads a payload held in memory (a copy is kept).
    /// - Throws: ``SnapshotDamage`` as ``init(bytes:owner:)`` does.
    public init(payload: [UInt8]) throws(SnapshotDamage) {
        let owned = OwnedBytes(payload)
        try self.init(bytes: UnsafeRawBufferPointer(owned.buffer), owner: owned)
    }

    private func load64(_ at: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
    private func load32(_ at: Int) -> UInt32 { bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian }

    /// The event id of the event at `index` (seq `index + 1`).
    func id(_ index: Int) -> EventID {
        let at = records + index * SnapshotCodec.recordLength
        return EventID(high: load64(at), low: load64(at + 8))
    }

    /// When the event at `index` was recorded.
    func recorded(_ index: Int) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64(bitPattern: load64(records + index * SnapshotCodec.recordLength + 16)))
    }

    /// Whether the snapshot holds a correction or an annulment of the event at a fold position (bit 31 of its index).
    func isCorrectedOrAnnulled(atFold position: Int) -> Bool { load32(fold + position * SnapshotCodec.foldLength) >> 31 != 0 }

    /// The event index at a position of the fold order.
    func foldIndex(_ position: Int) -> Int { Int(load32(fold + position * SnapshotCodec.foldLength) & 0x7FFF_FFFF) }

    /// The effective day (days since 1970) at a position of the fold order.
    func foldDay(_ position: Int) -> Int { Int(Int32(bitPattern: load32(fold + position * SnapshotCodec.foldLength + 4))) }

    /// The number of fold positions whose effective day is at most `day`.
    /// - Complexity: O(log n).
    func foldEnd(atMost day: Int) -> Int {
        var low = 0, high = foldCount
        while low < high {
            let mid = (low + high) / 2
            if foldDay(mid) <= day { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The corrections and annulments: (target seq, seq, kind 0 correction / 1 annulment), sorted by target, then seq.
    func metaEntry(_ i: Int) -> (target: Int, seq: Int, kind: Int) {
        let at = meta + i * SnapshotCodec.metaLength
        return (Int(truncatingIfNeeded: load64(at)), Int(truncatingIfNeeded: load64(at + 8)), Int(truncatingIfNeeded: load64(at + 16)))
    }

    /// The corrections and annulments of the event with seq `target`, in seq order.
    /// - Complexity: O(log m + matches).
    func metaEntries(of target: Int) -> [(seq: Int, kind: Int)] {
        var low = 0, high = metaCount
        while low < high {
            let mid = (low + high) / 2
            if metaEntry(mid).target < target { low = mid + 1 } else { high = mid }
        }
        var found: [(seq: Int, kind: Int)] = []
        while low < metaCount {
            let entry = metaEntry(low)
            guard entry.target == target else { break }
            found.append((entry.seq, entry.kind))
            low += 1
        }
        return found
    }

    /// One entry of the key index.
    public struct KeyEntry: Sendable {
        /// The key.
        public var key: String
        /// The kind of entity it names in the current state, or nil for a key some event used that names none.
        public var kind: EntityKind?
        /// The key of the entity its creation needs, if any.
        public var parent: String?
        /// The seqs of the events that made the entity what it is (see ``SnapshotCodec``), ascending.
        public var seqs: [Int]
    }

    /// The raw key bytes of index entry `i`, and the cursor after them.
    private func keyBytes(_ i: Int) throws(SnapshotDamage) -> (key: UnsafeRawBufferPointer, cursor: ByteCursor) {
        let start = Int(truncatingIfNeeded: load64(keyOffsets + i * 8)), end = Int(truncatingIfNeeded: load64(keyOffsets + i * 8 + 8))
        guard start >= 0, start <= end, end <= bytes.count - keyEntries else { throw SnapshotDamage(detail: "damaged key index") }
        var cursor = ByteCursor(bytes, from: keyEntries + start, to: keyEntries + end)
        guard let length = cursor.varint(), length <= cursor.end - cursor.position else { throw SnapshotDamage(detail: "damaged key index") }
        let key = UnsafeRawBufferPointer(rebasing: bytes[cursor.position..<cursor.position + length])
        cursor.position += length
        return (key, cursor)
    }

    /// The first index entry whose key is not below `probe` (by UTF-8 bytes).
    private func lowerBound(_ probe: [UInt8]) throws(SnapshotDamage) -> Int {
        var low = 0, high = keyCount
        while low < high {
            let mid = (low + high) / 2
            if try keyBytes(mid).key.lexicographicallyPrecedes(probe) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The index entry of a key, if any event used it.
    /// - Complexity: O(log k) for k keys.
    public func keyEntry(_ key: String) throws(SnapshotDamage) -> KeyEntry? {
        let probe = Array(key.utf8)
        let i = try lowerBound(probe)
        guard i < keyCount else { return nil }
        var (raw, cursor) = try keyBytes(i)
        guard raw.elementsEqual(probe) else { return nil }
        guard let kind = cursor.byte(), let parent = cursor.string(), let count = cursor.varint(), count <= cursor.end - cursor.position else {
            throw SnapshotDamage(detail: "damaged key index entry for \(key)")
        }
        var seqs: [Int] = []
        seqs.reserveCapacity(count)
        var seq = 0
        for _ in 0..<count {
            guard let delta = cursor.varint() else { throw SnapshotDamage(detail: "damaged key index entry for \(key)") }
            seq += delta
            seqs.append(seq)
        }
        let kinds = EntityKind.allCases
        return KeyEntry(key: key, kind: Int(kind) < kinds.count ? kinds[Int(kind)] : nil, parent: parent.isEmpty ? nil : parent, seqs: seqs)
    }

    /// Every indexed key that starts with `prefix`.
    /// - Complexity: O(log k + m) for m matches.
    public func keys(withPrefix prefix: String) throws(SnapshotDamage) -> [String] {
        let probe = Array(prefix.utf8)
        var i = try lowerBound(probe)
        var found: [String] = []
        while i < keyCount {
            let raw = try keyBytes(i).key
            guard raw.starts(with: probe) else { break }
            found.append(String(decoding: raw, as: UTF8.self))
            i += 1
        }
        return found
    }

    /// Decodes the event at `index` (seq `index + 1`).
    /// - Throws: ``SnapshotDamage`` when its bytes are damaged.
    /// - Complexity: O(size of its payload).
    public func event(_ index: Int) throws(SnapshotDamage) -> RecordedEvent {
        guard index >= 0, index < count else { throw SnapshotDamage(detail: "no event at index \(index)") }
        let at = blobRanges + index * 16
        return try decode(seq: index + 1, start: Int(truncatingIfNeeded: load64(at)), end: Int(truncatingIfNeeded: load64(at + 8)))
    }

    /// Decodes the event at a position of the fold order.
    /// - Throws: ``SnapshotDamage`` when its bytes are damaged.
    func event(atFold position: Int) throws(SnapshotDamage) -> RecordedEvent {
        let at = fold + position * SnapshotCodec.foldLength
        return try decode(seq: foldIndex(position) + 1, start: Int(truncatingIfNeeded: load64(at + 8)),
                          end: Int(truncatingIfNeeded: load64(at + 16)))
    }

    /// Decodes one blob: the fixed part (id, recorded, effective, type, flags, hash), the actor and the data.
    private func decode(seq: Int, start: Int, end: Int) throws(SnapshotDamage) -> RecordedEvent {
        guard start >= 0, start <= end, end - start >= SnapshotCodec.blobHeaderLength, end <= blobLength else {
            throw SnapshotDamage(detail: "damaged record of seq \(seq)")
        }
        let at = blobs + start
        let type = Int(load32(at + 28) & 0xFFFF)
        guard type < types.count, let digest = SHA256Digest(bytes: bytes, at: at + 32) else {
            throw SnapshotDamage(detail: "damaged record of seq \(seq)")
        }
        var cursor = ByteCursor(bytes, from: at + SnapshotCodec.blobHeaderLength, to: blobs + end)
        guard let actor = cursor.string(), case .object(let data)? = cursor.value() else {
            throw SnapshotDamage(detail: "damaged payload of seq \(seq)")
        }
        return RecordedEvent(seq: seq, id: EventID(high: load64(at), low: load64(at + 8)), type: types[type],
                             recorded: Timestamp(millisecondsSinceEpoch: Int64(bitPattern: load64(at + 16))),
                             effective: CivilDate(daysSinceEpoch: Int(Int32(bitPattern: load32(at + 24)))), actor: actor,
                             digest: digest, data: data)
    }
}

/// A copy of some bytes that lives as long as its last reference.
final class OwnedBytes: @unchecked Sendable {
    let buffer: UnsafeMutableRawBufferPointer

    init(_ bytes: [UInt8]) {
        buffer = .allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
    }

    deinit { buffer.deallocate() }
}
