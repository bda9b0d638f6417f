#if canImport(Glibc)
import Glibc
#endif

/// A snapshot file being written, in parts: a temporary file in the snapshot directory that is either committed
/// (header written, fsynced, renamed over the snapshot, directory fsynced) or discarded (deleted). A writer that is
/// neither deletes its file when it goes away.
public final class SnapshotWriter {
    /// The temporary file's path.
    public let temporaryPath: String
    private let ledger: String
    private let target: String
    private var fd: Int32
    /// Whether the temporary file is gone (renamed or deleted).
    private var finished = false
    private var pending: [UInt8] = []
    /// The payload bytes written so far.
    public private(set) var payloadLength = 0

    /// Starts a snapshot of a ledger (or, with `scratch`, a scratch file beside it that is never committed).
    /// - Throws: ``LedgerError`` when the directory or the file cannot be created.
    public init(forLedger ledger: String, scratch: Bool = false) throws(LedgerError) {
        self.ledger = ledger
        target = SnapshotFile.path(forLedger: ledger)
        let directory = PathName.directory(of: target)
        try SnapshotFile.makeDirectory(directory)
        let name = target.split(separator: "/").last.map(String.init) ?? "snapshot"
        temporaryPath = "\(directory)/.\(name).\(scratch ? "scratch" : "new").\(getpid()).tmp"
        fd = try SystemCall.open(temporaryPath, O_RDWR | O_CREAT | O_TRUNC, mode: 0o644, operation: "create")
        do throws(LedgerError) {
            try SystemCall.writeAll(fd, [UInt8](repeating: 0, count: SnapshotFile.headerLength), path: temporaryPath)
        } catch {
            discard()
            throw error
        }
        pending.reserveCapacity(Self.chunk)
    }

    deinit { discard() }

    /// Bytes gathered before one `write`.
    static let chunk = 4 << 20

    /// Appends payload bytes.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        pending.append(contentsOf: bytes)
        payloadLength += bytes.count
        if pending.count >= Self.chunk { try flush() }
    }

    /// Appends payload bytes.
    public func append(_ bytes: [UInt8]) throws(LedgerError) {
        pending.append(contentsOf: bytes)
        payloadLength += bytes.count
        if pending.count >= Self.chunk { try flush() }
    }

    private func flush() throws(LedgerError) {
        guard !pending.isEmpty else { return }
        try SystemCall.writeAll(fd, pending, path: temporaryPath)
        pending.removeAll(keepingCapacity: true)
    }

    /// Overwrites payload bytes already appended, from payload offset `offset` on.
    public func patch(payloadOffset offset: Int, _ bytes: [UInt8]) throws(LedgerError) {
        try flush()
        try SystemCall.pwriteAll(fd, bytes, at: SnapshotFile.headerLength + offset, path: temporaryPath)
    }

    /// The payload written so far, mapped read-only.
    public func mapPayload() throws(LedgerError) -> MappedSnapshot {
        try flush()
        let info = try SystemCall.fstat(fd, path: temporaryPath)
        guard let mapping = MappedSnapshot(fd: fd, size: Int(info.st_size), binding: .start, path: temporaryPath) else {
            throw .io(operation: "map", path: temporaryPath, errno: SystemCall.errno)
        }
        return mapping
    }

    /// Writes the header for `binding`, fsyncs the file, renames it over the ledger's snapshot and fsyncs the
    /// directory.
    /// - Throws: ``LedgerError``; the temporary file is deleted then.
    public func commit(binding: LedgerPosition) throws(LedgerError) {
        do throws(LedgerError) {
            try flush()
            guard let info = SystemCall.stat(ledger) else { throw .notFound(path: ledger) }
            try SystemCall.pwriteAll(fd, SnapshotFile.header(binding: binding, ledgerInfo: info, payloadLength: payloadLength),
                                     at: 0, path: temporaryPath)
            try SystemCall.fsync(fd, path: temporaryPath)
            close(fd)
            fd = -1
            guard rename(temporaryPath, target) == 0 else { throw .io(operation: "rename", path: target, errno: SystemCall.errno) }
            finished = true
        } catch {
            discard()
            throw error
        }
        try SystemCall.fsyncDirectory(PathName.directory(of: target))
    }

    /// Deletes the temporary file (when it is still there).
    public func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if !finished {
            unlink(temporaryPath)
            finished = true
        }
    }
}
