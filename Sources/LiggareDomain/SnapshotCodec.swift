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

    /// Encodes every event of a ledger held in memory, with ``SnapshotBuilder`` (the command line builds the same
    /// payload while it reads the ledger file, without holding it).
    ///
    /// - Returns: the payload, or nil for a ledger a snapshot does not describe exactly (seqs that are not 1, 2, 3 …
    ///   in order, ids that do not increase, a correction or annulment whose event does not exist); queries then
    ///   always read such a ledger whole.
    /// - Complexity: O(n log n) in the events, and their payloads' size.
    public static func encode(_ ledger: GovernanceLedger) -> [UInt8]? {
        var builder = SnapshotBuilder()
        var blobs: [UInt8] = []
        for event in ledger.events {
            guard let blob = builder.add(SnapshotBuilder.prepare(event)) else { return nil }
            blobs += blob
        }
        guard let scratch = builder.scratchLayout() else { return nil }
        guard let events = try? SnapshotEvents(payload: scratch.header + blobs + Array(scratch.tables.joined())),
              let state = try? SnapshotLedger(snapshot: events, newer: []).wholeState() else { return nil }
        let final = builder.finalLayout(state: state)
        var payload = final.header + Array(final.tables.joined())
        for range in final.blobs { payload += blobs[range] }
        return payload
    }

    /// The key index: every key used in the ledger (in any event's `key`, or of an entity of the current state),
    /// sorted by its UTF-8 bytes. An entity's entry names its kind, its parent (the entity its creation needs:
    /// organ of a meeting, decision or plan; decision of an assignment; plan of a point; point of a measure) and
    /// the seqs of the events that made it what it is in the current state. An organ's list also holds the events
    /// of its members and the creating events of its decisions and plans, which the rules for new members,
    /// decisions and plans look through.
    static func keyIndex(state: BoardState?, usedKeys: [String]) -> (count: Int, offsets: [UInt8], entries: [UInt8]) {
        let state = state ?? BoardState()
        // One entry per key (the state's keys are unique across kinds); the seq lists share the entities' storage.
        var entries: [(key: String, kind: UInt8, parent: String?, seqs: [Int])] = []
        entries.reserveCapacity(state.keys.count + 64)
        func add(_ key: String, _ kind: EntityKind, _ parent: String?, _ seqs: [Int]) {
            entries.append((key, UInt8(EntityKind.allCases.firstIndex(of: kind) ?? 0), parent, seqs))
        }
        var organExtra: [String: [Int]] = [:]
        for member in state.members { organExtra[member.organ, default: []] += member.events }
        for decision in state.decisions { organExtra[decision.organ, default: []] += decision.events.prefix(1) }
        for plan in state.plans { organExtra[plan.organ, default: []] += plan.events.prefix(1) }
        for organ in state.organs { add(organ.key, .organ, nil, organ.events + (organExtra[organ.key] ?? [])) }
        organExtra = [:]
        for meeting in state.meetings { add(meeting.key, .meeting, meeting.organ, meeting.events) }
        for decision in state.decisions { add(decision.key, .decision, decision.organ, decision.events) }
        for assignment in state.assignments { add(assignment.key, .assignment, assignment.decision, assignment.events) }
        for plan in state.plans { add(plan.key, .controlPlan, plan.organ, plan.events) }
        for point in state.points { add(point.key, .controlPoint, point.plan, point.events) }
        for measure in state.measures { add(measure.key, .measure, measure.point, measure.events) }
        for indicator in state.indicators { add(indicator.key, .indicator, nil, indicator.events) }
        for document in state.documents { add(document.key, .document, nil, document.events) }
        for audit in state.audits { add(audit.key, .audit, nil, audit.events) }
        var usedOnlyKeys = Set<String>()
        for key in usedKeys where state.keys[key] == nil && usedOnlyKeys.insert(key).inserted { entries.append((key, usedOnly, nil, [])) }
        // Sorted by UTF-8 bytes, comparing the first 8 bytes as one integer before the rest.
        func prefix(_ key: String) -> UInt64 {
            var value: UInt64 = 0
            var n = 0
            for byte in key.utf8 {
                if n == 8 { break }
                value |= UInt64(byte) << (56 - 8 * UInt64(n))
                n += 1
            }
            return value
        }
        let prefixes = entries.map { prefix($0.key) }
        var order = Array(entries.indices)
        order.sort { a, b in
            if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
            return entries[a].key.utf8.lexicographicallyPrecedes(entries[b].key.utf8)
        }
        var offsets = ByteWriter()
        offsets.reserve((entries.count + 1) * 8)
        var blob = ByteWriter()
        for index in order {
            let entry = entries[index]
            offsets.append64(UInt64(blob.bytes.count))
            blob.appendString(entry.key)
            blob.bytes.append(entry.kind)
            blob.appendString(entry.parent ?? "")
            var seqs = entry.seqs
            seqs.sort()
            var unique = 0
            for (i, seq) in seqs.enumerated() where i == 0 || seq != seqs[i - 1] { unique += 1 }
            blob.appendVarint(unique)
            var previous = 0
            for (i, seq) in seqs.enumerated() where i == 0 || seq != seqs[i - 1] {
                blob.appendVarint(seq - previous)
                previous = seq
            }
        }
        offsets.append64(UInt64(blob.bytes.count))
        return (entries.count, offsets.bytes, blob.bytes)
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
