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
