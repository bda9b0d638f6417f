#if canImport(Glibc)
import Glibc
#endif
import LiggareHash

/// A snapshot file: a derived cache beside a ledger, bound to one position in it (the last line it covers, by
/// line number, byte offset and hash, and the file's identity). The log stores and checks the binding; what the
/// payload holds is the caller's business.
///
/// A snapshot is never needed for correctness: it is written atomically by ``SnapshotWriter`` (temporary file,
/// `fsync`, `rename`, `fsync` of the directory), and one that does not match the ledger any more is reported as
/// unusable, never used.
public enum SnapshotFile {
    /// The first 16 bytes of every snapshot file.
    static let magic = Array("LIGGARE SNAPSHOT".utf8)
    /// The container's format version.
    static let version: UInt32 = 1
    /// The header's length; the payload follows it.
    public static let headerLength = 128

    /// Where the snapshot of a ledger lives: `.liggare/<file name>.snapshot` in the directory above the ledger's
    /// when that directory is `events` (so the cache stays out of `events/`), otherwise in the ledger's directory.
    /// - Parameter ledger: the ledger's path.
    public static func path(forLedger ledger: String) -> String {
        let directory = PathName.directory(of: ledger)
        let name = ledger.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ledger
        var base = directory
        if directory == "events" {
            base = "."
        } else if directory.hasSuffix("/events") {
            base = PathName.directory(of: directory)
        }
        return (base == "/" ? "" : base) + "/.liggare/" + name + ".snapshot"
    }

    /// What a ledger's snapshot is good for.
    public enum Status: Sendable {
        /// There is no snapshot.
        case absent
        /// There is one, but it does not match the ledger (or cannot be read); the reason says why.
        case unusable(reason: String)
        /// It matches the ledger: the ledger still holds, unchanged, the line the snapshot is bound to.
        case current(MappedSnapshot)
    }

    /// Opens the snapshot of a ledger and checks its binding: the same file (device and inode), at least as long as
    /// the bound offset, the bound line still there with the same hash, and the next line, if complete, chaining
    /// to it.
    ///
    /// It does not read the lines before the bound one: changing those without changing the file's identity is
    /// detected by `verify`, which never uses a snapshot.
    /// - Parameter ledger: the ledger's path.
    /// - Complexity: O(1): the payload is mapped, not read.
    public static func open(forLedger ledger: String) -> Status {
        let path = path(forLedger: ledger)
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return SystemCall.errno == ENOENT ? .absent : .unusable(reason: "cannot open \(path): \(SystemCall.describe(SystemCall.errno))")
        }
        defer { close(fd) }
        var info = Glibc.stat()
        guard Glibc.fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .unusable(reason: "\(path) is not a regular file") }
        let size = Int(info.st_size)
        guard size >= headerLength, let header = try? SystemCall.pread(fd, count: headerLength, at: 0, path: path),
              header.count == headerLength else {
            return .unusable(reason: "\(path) is shorter than a snapshot header")
        }
        guard Array(header[0..<16]) == magic else { return .unusable(reason: "\(path) is not a Liggare snapshot") }
        guard load32(header, 16) == version else { return .unusable(reason: "\(path) has snapshot format \(load32(header, 16)), not \(version)") }
        let binding = LedgerPosition(lines: Int(truncatingIfNeeded: load64(header, 24)), offset: Int(truncatingIfNeeded: load64(header, 32)),
                                     lineLength: Int(truncatingIfNeeded: load64(header, 40)),
                                     hash: SHA256Digest(bytes: Array(header[48..<80])) ?? .zero)
        let payloadLength = Int(truncatingIfNeeded: load64(header, 96))
        guard binding.lines >= 1, binding.offset > binding.lineLength, binding.lineLength >= 0,
              binding.lineLength <= LedgerFormat.maximumLineLength, payloadLength >= 0, payloadLength == size - headerLength else {
            return .unusable(reason: "\(path) has a damaged header")
        }
        if let reason = mismatch(ledger: ledger, binding: binding, device: load64(header, 80), inode: load64(header, 88)) {
            return .unusable(reason: reason)
        }
        guard let mapping = MappedSnapshot(fd: fd, size: size, binding: binding, path: path) else {
            return .unusable(reason: "cannot map \(path): \(SystemCall.describe(SystemCall.errno))")
        }
        return .current(mapping)
    }

    /// Why a ledger no longer matches a binding, or nil when it does.
    static func mismatch(ledger: String, binding: LedgerPosition, device: UInt64, inode: UInt64) -> String? {
        let fd = Glibc.open(ledger, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "the ledger \(ledger) cannot be opened" }
        defer { close(fd) }
        var info = Glibc.stat()
        guard Glibc.fstat(fd, &info) == 0 else { return "the ledger \(ledger) cannot be examined" }
        if UInt64(info.st_dev) != device || UInt64(info.st_ino) != inode {
            return "the ledger file was replaced (another device or inode) since the snapshot was written"
        }
        let size = Int(info.st_size)
        if size < binding.offset { return "the ledger is shorter (\(size) bytes) than the snapshot's end (\(binding.offset) bytes)" }
        let start = binding.offset - binding.lineLength - 1
        guard let bound = try? SystemCall.pread(fd, count: binding.lineLength + 1, at: start, path: ledger),
              bound.count == binding.lineLength + 1, bound.last == 0x0A else {
            return "line \(binding.lines) is no longer where the snapshot found it"
        }
        let hash = bound.withUnsafeBytes { SHA256.leafHash(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        if hash != binding.hash { return "line \(binding.lines) has changed since the snapshot was written" }
        if size > binding.offset {
            // The next line: most are short, so a first small read usually holds it.
            var next: [UInt8] = []
            for limit in [8192, LedgerFormat.maximumLineLength + 1] where next.firstIndex(of: 0x0A) == nil && next.count < size - binding.offset {
                guard let read = try? SystemCall.pread(fd, count: min(size - binding.offset, limit), at: binding.offset, path: ledger) else {
                    return "the ledger cannot be read after line \(binding.lines)"
                }
                next = read
            }
            if let newline = next.firstIndex(of: 0x0A) {
                let chains = next.withUnsafeBytes { raw -> Bool in
                    let line = UnsafeRawBufferPointer(rebasing: raw[0..<newline])
                    guard let parsed = try? LedgerLine.parse(line) else { return false }
                    return binding.hash.equalsHex(UnsafeRawBufferPointer(rebasing: line[parsed.prevRange]))
                }
                if !chains { return "line \(binding.lines + 1) does not chain to line \(binding.lines) as the snapshot knew it" }
            }
        }
        return nil
    }

    /// Creates the snapshot directory when it is missing, with its `.gitignore`.
    static func makeDirectory(_ directory: String) throws(LedgerError) {
        guard SystemCall.stat(directory) == nil else { return }
        if mkdir(directory, 0o755) != 0 && SystemCall.errno != EEXIST {
            throw .io(operation: "create directory", path: directory, errno: SystemCall.errno)
        }
        let ignore = directory + "/.gitignore"
        if SystemCall.stat(ignore) == nil {
            try? FileBytes.write(Array("# Liggare's derived caches (snapshots): never needed, safe to delete.\n*\n".utf8), to: ignore)
        }
    }

    /// The container header for a payload bound to `binding` in the ledger file `info` describes.
    static func header(binding: LedgerPosition, ledgerInfo info: Glibc.stat, payloadLength: Int) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: headerLength)
        header.replaceSubrange(0..<16, with: magic)
        store32(&header, 16, version)
        store32(&header, 20, UInt32(headerLength))
        store64(&header, 24, UInt64(binding.lines))
        store64(&header, 32, UInt64(binding.offset))
        store64(&header, 40, UInt64(binding.lineLength))
        header.replaceSubrange(48..<80, with: binding.hash.bytes)
        store64(&header, 80, UInt64(info.st_dev))
        store64(&header, 88, UInt64(info.st_ino))
        store64(&header, 96, UInt64(payloadLength))
        return header
    }

    /// Deletes a ledger's snapshot.
    /// - Returns: whether there was one.
    /// - Throws: ``LedgerError`` when it exists but cannot be deleted.
    @discardableResult
    public static func remove(forLedger ledger: String) throws(LedgerError) -> Bool {
        let path = path(forLedger: ledger)
        if unlink(path) == 0 { return true }
        if SystemCall.errno == ENOENT { return false }
        throw .io(operation: "delete", path: path, errno: SystemCall.errno)
    }

    static func load32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
    }

    static func load64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
    }

    static func store32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
        for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
    }

    static func store64(_ bytes: inout [UInt8], _ at: Int, _ value: UInt64) {
        for i in 0..<8 { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }
}
