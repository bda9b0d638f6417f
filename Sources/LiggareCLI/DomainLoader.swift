import LiggareDomain
import LiggareJSON
import LiggareLog

/// Reads a ledger file into the domain's indexed form, or into a history backed by its snapshot.
enum DomainLoader {
    /// Every event of the ledger, with its data parsed.
    /// - Throws: ``ReadFailure`` for an unreadable line, ``LedgerError`` for I/O.
    static func load(_ path: String) throws -> GovernanceLedger { GovernanceLedger(events: try loadEvents(path)) }

    /// Every event of the ledger, with its data parsed, in seq order (read on all cores).
    static func loadEvents(_ path: String) throws -> [RecordedEvent] { try loadEvents(path, after: .start).events }

    /// The events after `position`, with the position after the last one.
    static func loadEvents(_ path: String, after position: LedgerPosition) throws -> (events: [RecordedEvent], end: LedgerPosition) {
        let read = try LedgerReader.map(path: path, after: position) { entry throws(ReadFailure) in try decode(entry, path: path) }
        return (read.values, read.end)
    }

    /// One line as a domain event.
    static func decode(_ entry: LedgerReader.Entry, path: String) throws(ReadFailure) -> RecordedEvent {
        let line = entry.line
        let dataBytes = UnsafeRawBufferPointer(rebasing: entry.bytes[line.dataRange])
        let data: JSONObject
        do throws(JSONError) {
            data = try JSONReader.parse(dataBytes, options: .ledger).objectValue ?? JSONObject()
        } catch {
            throw ReadFailure(path: path, line: entry.lineNumber, offset: entry.offset, detail: "data: \(error.message)")
        }
        let typeBytes = UnsafeRawBufferPointer(rebasing: entry.bytes[line.typeRange])
        return RecordedEvent(seq: line.seq, id: line.id, type: EventCatalogue.type(typeBytes) ?? line.type(in: entry.bytes),
                             recorded: line.recorded, effective: line.effective, actor: line.actor(in: entry.bytes),
                             digest: entry.hash, data: data)
    }

    /// Runs `body` on the ledger's history for as-of queries: its snapshot joined with the events recorded after
    /// it when there is a current snapshot, else the whole file. Afterwards the snapshot is written or refreshed
    /// as ``SnapshotPolicy`` says.
    ///
    /// A snapshot that turns out to be damaged is deleted and the question asked again of the whole file, so the
    /// answer never depends on the snapshot. `body` must compute, not print: it may run twice.
    /// - Throws: what reading the ledger or `body` throws.
    static func withHistory<R>(_ path: String, _ context: CommandContext, _ body: (any LedgerHistory) throws -> R) throws -> R {
        let policy = SnapshotPolicy(context.environment)
        if policy != .off, case .current(let mapped) = SnapshotFile.open(forLedger: path) {
            do {
                let base = try SnapshotEvents(bytes: mapped.payload, owner: mapped)
                let newer = try loadEvents(path, after: mapped.binding)
                let result = try body(try SnapshotLedger(snapshot: base, newer: newer.events))
                if policy.refreshes(newLines: newer.events.count) {
                    announceSnapshot(lines: newer.end.lines, path: path, context)
                    _ = try? writeSnapshot(path)
                }
                return result
            } catch is SnapshotDamage {
                try? SnapshotFile.remove(forLedger: path)
            }
        }
        let (result, lines) = try answerFromWholeLedger(path, body)
        if policy.refreshes(newLines: lines) {
            announceSnapshot(lines: lines, path: path, context)
            _ = try? writeSnapshot(path)
        }
        return result
    }

    /// `body`'s answer from the whole ledger read into memory, and the number of lines read; the events are freed
    /// when it returns.
    private static func answerFromWholeLedger<R>(_ path: String, _ body: (any LedgerHistory) throws -> R) throws -> (R, Int) {
        let read = try loadEvents(path, after: .start)
        return (try body(GovernanceLedger(events: read.events)), read.end.lines)
    }

    /// Says on a terminal's stderr that a snapshot is being written (it takes seconds on a large ledger).
    static func announceSnapshot(lines: Int, path: String, _ context: CommandContext) {
        guard context.stderr.isTerminal else { return }
        context.stderr.line("liggare: writing a snapshot of \(lines) lines to \(SnapshotFile.path(forLedger: path)) so that the next "
                            + "queries are fast (LIGGARE_SNAPSHOT=off skips this) …")
    }

    /// The ledger joined with its current snapshot, or nil when there is none (or it cannot be used).
    static func snapshotHistory(_ path: String) -> SnapshotLedger? {
        guard case .current(let mapped) = SnapshotFile.open(forLedger: path),
              let base = try? SnapshotEvents(bytes: mapped.payload, owner: mapped),
              let newer = try? loadEvents(path, after: mapped.binding) else { return nil }
        return try? SnapshotLedger(snapshot: base, newer: newer.events)
    }

    /// New events checked against the ledger's snapshot and the lines after it only
    /// (``SnapshotLedger/acceptedUsingIndex(_:)``): the completed drafts when all are accepted, nil when there is no
    /// current snapshot or the whole ledger must decide.
    static func acceptedUsingSnapshot(_ drafts: [EventDraft], path: String) -> [EventDraft]? {
        snapshotHistory(path)?.acceptedUsingIndex(drafts)
    }

    /// Builds the ledger's snapshot while reading the file one batch at a time, and writes it atomically. The
    /// events are not held: each is encoded at once into a scratch file beside the snapshot, the current state
    /// for the key index is folded from that file, and the final file is written from it in fold order.
    /// - Returns: the snapshot's size in bytes and the position it is bound to, or nil when the ledger is not one a
    ///   snapshot can describe (``SnapshotBuilder/refusal``).
    /// - Throws: ``ReadFailure`` or ``LedgerError`` when the ledger cannot be read or the snapshot written.
    /// - Complexity: O(n log n) time; memory O(n) small fixed fields plus the current state.
    @discardableResult
    static func writeSnapshot(_ path: String) throws -> (bytes: Int, binding: LedgerPosition)? {
        struct Refused: Error {}
        var builder = SnapshotBuilder()
        let scratch = try SnapshotWriter(forLedger: path, scratch: true)
        defer { scratch.discard() }
        try scratch.append([UInt8](repeating: 0, count: SnapshotBuilder.payloadHeaderLength))
        let end: LedgerPosition
        do {
            end = try LedgerReader.forEachBatch(path: path, after: .start, { entry throws(ReadFailure) in
                SnapshotBuilder.prepare(try decode(entry, path: path))
            }) { batch in
                for prepared in batch {
                    guard let blob = builder.add(prepared) else { throw Refused() }
                    try scratch.append(blob)
                }
            }
        } catch is Refused {
            return nil
        }
        guard let layout = builder.scratchLayout() else { return nil }
        for table in layout.tables { try scratch.append(table) }
        try scratch.patch(payloadOffset: 0, layout.header)
        let mapping = try scratch.mapPayload()
        let state = try SnapshotLedger(snapshot: try SnapshotEvents(bytes: mapping.payload, owner: mapping), newer: []).wholeState()
        let final = builder.finalLayout(state: state)
        let writer = try SnapshotWriter(forLedger: path)
        try writer.append(final.header)
        for table in final.tables { try writer.append(table) }
        let blobs = SnapshotBuilder.payloadHeaderLength
        for range in final.blobs {
            try writer.append(UnsafeRawBufferPointer(rebasing: mapping.payload[(blobs + range.lowerBound)..<(blobs + range.upperBound)]))
        }
        try writer.commit(binding: end)
        return (SnapshotFile.headerLength + writer.payloadLength, end)
    }
}

/// When queries use and write snapshots, from `LIGGARE_SNAPSHOT`: `off` (never), `auto` (the default: use one when
/// it is current; write one when at least ``minimumLines`` lines had to be read from the ledger), `always` (write
/// one whenever a query read any line the snapshot did not hold).
enum SnapshotPolicy: Equatable {
    case off, auto, always

    /// Lines read from the ledger (beyond the snapshot) that make `auto` write a new snapshot.
    static let minimumLines = 4096

    init(_ environment: [String: String]) {
        switch environment["LIGGARE_SNAPSHOT"] {
        case "off", "0", "no": self = .off
        case "always": self = .always
        default: self = .auto
        }
    }

    /// Whether to write a snapshot after reading `newLines` lines from the ledger itself.
    func refreshes(newLines: Int) -> Bool {
        switch self {
        case .off: return false
        case .always: return newLines > 0
        case .auto: return newLines >= Self.minimumLines
        }
    }
}

/// Loading a ledger into the governance domain, for the benchmark and other tools built on the CLI library.
public enum GovernanceLoading {
    /// Every event of the ledger at `path`, indexed for bitemporal queries.
    /// - Throws: ``ReadFailure`` for an unreadable line, ``LedgerError`` for I/O.
    public static func load(path: String) throws -> GovernanceLedger { try DomainLoader.load(path) }

    /// Every event of the ledger at `path`, in seq order, not yet indexed.
    public static func loadEvents(path: String) throws -> [RecordedEvent] { try DomainLoader.loadEvents(path) }
}
