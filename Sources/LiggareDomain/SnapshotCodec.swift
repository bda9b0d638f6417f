import LiggareHash
import LiggareJSON
import LiggareLog

/// The payload of a snapshot: a ledger's events, decoded once and stored in a form that is quick to read back
/// (fixed-size records, a binary form of each payload), with the fold order and the corrections and annulments
/// already worked out. Pure: bytes in, bytes out. The layout is described in docs/snapshots.md.
public enum SnapshotCodec {
    /// The payload's first 16 bytes; the last one is the payload version.
    static let magic = Array("LIGGARE-EVENTS-3".utf8)
    /// Bytes of the payload header.
    static let headerLength = 128
    /// Bytes of one event's entry in the id table (id, recorded).
    static let recordLength = 24
    /// Bytes of the fixed part at the start of each event's blob.
    static let blobHeaderLength = 64
    /// Bytes of one fold entry.
    static let foldLength = 24
    /// Bytes of one correction or annulment entry.
    static let metaLength = 24

    /// Encodes every event of a ledger.
    ///
    /// - Returns: the payload, or nil for a ledger a snapshot does not describe exactly (seqs that are not 1, 2, 3 …
    ///   in order, ids that do not increase, a correction or annulment whose event does not exist); queries then
    ///   always read such a ledger whole.
    /// - Complexity: O(n) in the events and their payloads.
    public static func encode(_ ledger: GovernanceLedger) -> [UInt8]? {
        encodeParts(ledger).map { Array($0.joined()) }
    }

    /// The payload as consecutive parts (header, then each section padded to 8 bytes), so that it can be written
    /// without one more copy of the whole.
    public static func encodeParts(_ ledger: GovernanceLedger) -> [[UInt8]]? {
        guard ledger.events.count < 1 << 31 else { return nil }
        let events = ledger.events
        for (index, event) in events.enumerated() where event.seq != index + 1 || (index > 0 && event.id <= events[index - 1].id) {
            return nil
        }
        // The key index first: the current state it is made from is freed before the events are encoded.
        let index = keyIndex(ledger)
        var types: [String] = []
        var typeIndex: [String: Int] = [:]
        for event in events where typeIndex[event.type] == nil {
            typeIndex[event.type] = types.count
            types.append(event.type)
        }
        guard types.count <= Int(UInt16.max) else { return nil }

        var meta: [(target: Int, seq: Int, kind: UInt64)] = []
        for event in events where event.isMeta {
            // A reference that names no event now might name a later one (a hand-made ledger can refer forwards);
            // such a ledger is always read whole.
            guard let reference = event.text("event") else { continue }
            guard let target = ledger.resolve(reference) else { return nil }
            if event.type == "event.corrected", event.data["fields"]?.objectValue != nil {
                meta.append((target, event.seq, 0))
            } else if event.type == "event.annulled" {
                meta.append((target, event.seq, 1))
            }
        }

        let touched = Set(meta.map(\.target))
        var records = ByteWriter()
        records.reserve(events.count * recordLength)
        for event in events {
            records.append64(event.id.high)
            records.append64(event.id.low)
            records.append64(UInt64(bitPattern: event.recorded.millisecondsSinceEpoch))
        }
        // Blobs in fold order, then the events outside it: a query for an early date reads one contiguous stretch.
        var blobs = ByteWriter()
        var ranges = [(start: Int, end: Int)](repeating: (0, 0), count: events.count)
        func appendBlob(_ index: Int) {
            let event = events[index]
            let start = blobs.bytes.count
            blobs.append64(event.id.high)
            blobs.append64(event.id.low)
            blobs.append64(UInt64(bitPattern: event.recorded.millisecondsSinceEpoch))
            blobs.append32(UInt32(bitPattern: Int32(truncatingIfNeeded: event.effective.daysSinceEpoch)))
            blobs.append16(UInt16(typeIndex[event.type] ?? 0))
            blobs.append16(event.isMeta ? 1 : 0)
            event.digest.withUnsafeBytes { blobs.bytes.append(contentsOf: $0) }
            blobs.appendString(event.actor)
            blobs.appendValue(.object(event.data))
            ranges[index] = (start, blobs.bytes.count)
        }
        var inFold = [Bool](repeating: false, count: events.count)
        var fold = ByteWriter()
        for index in ledger.foldOrder {
            inFold[index] = true
            appendBlob(index)
            fold.append32(UInt32(index) | (touched.contains(index + 1) ? 1 << 31 : 0))
            fold.append32(UInt32(bitPattern: Int32(truncatingIfNeeded: events[index].effective.daysSinceEpoch)))
            fold.append64(UInt64(ranges[index].start))
            fold.append64(UInt64(ranges[index].end))
        }
        for index in events.indices where !inFold[index] { appendBlob(index) }
        var blobRanges = ByteWriter()
        for range in ranges {
            blobRanges.append64(UInt64(range.start))
            blobRanges.append64(UInt64(range.end))
        }

        var typeSection = ByteWriter()
        for type in types {
            typeSection.append16(UInt16(truncatingIfNeeded: type.utf8.count))
            typeSection.bytes.append(contentsOf: type.utf8)
        }
        // Sorted by target, then seq: a query finds an event's corrections and annulments by binary search.
        meta.sort { $0.target != $1.target ? $0.target < $1.target : $0.seq < $1.seq }
        var metaSection = ByteWriter()
        for entry in meta {
            metaSection.append64(UInt64(entry.target))
            metaSection.append64(UInt64(entry.seq))
            metaSection.append64(entry.kind)
        }

        var sections = [typeSection.bytes, records.bytes, blobRanges.bytes, fold.bytes, metaSection.bytes, blobs.bytes,
                        index.offsets, index.entries]
        var header = ByteWriter()
        header.bytes.append(contentsOf: magic)
        for count in [events.count, ledger.foldOrder.count, meta.count, types.count, index.count] { header.append64(UInt64(count)) }
        var offset = headerLength
        for i in sections.indices {
            header.append64(UInt64(offset))
            sections[i].append(contentsOf: repeatElement(0, count: ((sections[i].count + 7) & ~7) - sections[i].count))
            offset += sections[i].count
        }
        header.append64(UInt64(blobs.bytes.count))
        return [header.bytes] + sections
    }

    /// The key index: every key used in the ledger (in any event's `key`, or of an entity of the current state),
    /// sorted by its UTF-8 bytes. An entity's entry names its kind, its parent (the entity its creation needs:
    /// organ of a meeting, decision or plan; decision of an assignment; plan of a point; point of a measure) and
    /// the seqs of the events that made it what it is in the current state. An organ's list also holds the events
    /// of its members and the creating events of its decisions and plans, which the rules for new members,
    /// decisions and plans look through.
    static func keyIndex(_ ledger: GovernanceLedger) -> (count: Int, offsets: [UInt8], entries: [UInt8]) {
        let state = ledger.currentState
        var entries: [String: (kind: UInt8, parent: String?, seqs: [Int])] = [:]
        entries.reserveCapacity(state.keys.count + 64)
        func add(_ key: String, _ kind: EntityKind, _ parent: String?, _ seqs: [Int]) {
            entries[key] = (UInt8(EntityKind.allCases.firstIndex(of: kind) ?? 0), parent, seqs)
        }
        var organExtra: [String: [Int]] = [:]
        for member in state.members { organExtra[member.organ, default: []] += member.events }
        for decision in state.decisions { organExtra[decision.organ, default: []] += decision.events.prefix(1) }
        for plan in state.plans { organExtra[plan.organ, default: []] += plan.events.prefix(1) }
        for organ in state.organs { add(organ.key, .organ, nil, organ.events + (organExtra[organ.key] ?? [])) }
        for meeting in state.meetings { add(meeting.key, .meeting, meeting.organ, meeting.events) }
        for decision in state.decisions { add(decision.key, .decision, decision.organ, decision.events) }
        for assignment in state.assignments { add(assignment.key, .assignment, assignment.decision, assignment.events) }
        for plan in state.plans { add(plan.key, .controlPlan, plan.organ, plan.events) }
        for point in state.points { add(point.key, .controlPoint, point.plan, point.events) }
        for measure in state.measures { add(measure.key, .measure, measure.point, measure.events) }
        for indicator in state.indicators { add(indicator.key, .indicator, nil, indicator.events) }
        for document in state.documents { add(document.key, .document, nil, document.events) }
        for audit in state.audits { add(audit.key, .audit, nil, audit.events) }
        for event in ledger.events {
            if let key = event.text("key"), entries[key] == nil { entries[key] = (usedOnly, nil, []) }
        }
        var sorted = entries.map { (key: Array($0.key.utf8), value: $0.value) }
        sorted.sort { $0.key.lexicographicallyPrecedes($1.key) }
        var offsets = ByteWriter()
        var blob = ByteWriter()
        for entry in sorted {
            offsets.append64(UInt64(blob.bytes.count))
            blob.appendVarint(entry.key.count)
            blob.bytes.append(contentsOf: entry.key)
            blob.bytes.append(entry.value.kind)
            blob.appendString(entry.value.parent ?? "")
            let seqs = Set(entry.value.seqs).sorted()
            blob.appendVarint(seqs.count)
            var previous = 0
            for seq in seqs {
                blob.appendVarint(seq - previous)
                previous = seq
            }
        }
        offsets.append64(UInt64(blob.bytes.count))
        return (sorted.count, offsets.bytes, blob.bytes)
    }

    /// The kind byte of a key that some event used but that names no entity of the current state.
    static let usedOnly: UInt8 = 255
}

/// Why a snapshot's payload cannot be used; the caller then reads the ledger itself.
public struct SnapshotDamage: Error, Sendable {
    /// What is wrong.
    public var detail: String
}

/// Appends little-endian integers and the binary value form to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// An unsigned LEB128 number.
    mutating func appendVarint(_ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func appendString(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendVarint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// The binary value form: a tag byte (0 null, 1 false, 2 true, 3 number, 4 string, 5 array, 6 object), then for
    /// a number or string its UTF-8 length and bytes, for an array its count and elements, for an object its count
    /// and members (key as length and bytes, then value).
    mutating func appendValue(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(0)
        case .bool(let b): bytes.append(b ? 2 : 1)
        case .number(let n):
            bytes.append(3)
            appendString(n.lexeme)
        case .string(let s):
            bytes.append(4)
            appendString(s)
        case .array(let items):
            bytes.append(5)
            appendVarint(items.count)
            for item in items { appendValue(item) }
        case .object(let object):
            bytes.append(6)
            appendVarint(object.members.count)
            for member in object.members {
                appendString(member.key)
                appendValue(member.value)
            }
        }
    }
}

/// Reads what ``ByteWriter`` wrote, checking every bound: damaged bytes give nil, never a crash.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = min(end, bytes.count)
    }

    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() -> Int? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while let b = byte() {
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result <= UInt64(Int.max) ? Int(result) : nil }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }

    mutating func string() -> String? {
        guard let count = varint(), count <= end - position else { return nil }
        defer { position += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
    }

    mutating func value(depth: Int = 0) -> JSONValue? {
        guard depth < 512, let tag = byte() else { return nil }
        switch tag {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return string().map { .number(JSONNumber(uncheckedLexeme: $0)) }
        case 4: return string().map { .string($0) }
        case 5:
            guard let count = varint(), count <= end - position else { return nil }
            var items: [JSONValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
            }
            return .array(items)
        case 6:
            guard let count = varint(), count <= end - position else { return nil }
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = string(), let item = value(depth: depth + 1) else { return nil }
                members.append((key, item))
            }
            return .object(JSONObject(members))
        default: return nil
        }
    }
}
