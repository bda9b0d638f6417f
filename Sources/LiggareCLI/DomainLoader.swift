import LiggareDomain
import LiggareJSON
import LiggareLog

/// Reads a ledger file into the domain's indexed form.
enum DomainLoader {
    /// Every event of the ledger, with its data parsed.
    /// - Throws: ``ReadFailure`` for an unreadable line, ``LedgerError`` for I/O.
    static func load(_ path: String) throws -> GovernanceLedger { GovernanceLedger(events: try loadEvents(path)) }

    /// Every event of the ledger, with its data parsed, in seq order (read on all cores).
    static func loadEvents(_ path: String) throws -> [RecordedEvent] {
        try LedgerReader.map(path: path) { entry throws(ReadFailure) in
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
