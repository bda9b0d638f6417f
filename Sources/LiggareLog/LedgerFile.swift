#if canImport(Glibc)
import Glibc
#endif
import LiggareHash
import LiggareJSON

/// The ledger file: create, read the head, append durably under a lock, and repair a torn tail.
///
/// An append takes an exclusive `flock` on the file, re-reads the tail, writes the whole batch with one `write`
/// loop, calls `fsync`, and only then returns. A failed write is rolled back with `ftruncate` where possible.
public enum LedgerFile {
    // MARK: Opening

    /// Opens a ledger for reading, with a clear error when the path is missing or a directory.
    /// - Returns: a file descriptor the caller closes.
    public static func openForReading(_ path: String) throws(LedgerError) -> Int32 {
        guard let info = SystemCall.stat(path) else {
            if SystemCall.stat(PathName.directory(of: path)) == nil {
                throw .missingDirectory(path: PathName.directory(of: path))
            }
            // A symbolic link to nothing: name the link (init would refuse the path, which exists as a link).
            if let link = try? SystemCall.lstat(path), link.st_mode & S_IFMT == S_IFLNK {
                throw .symbolicLink(path: path, target: SystemCall.readLink(path))
            }
            throw .notFound(path: path)
        }
        if info.st_mode & S_IFMT == S_IFDIR { throw .isDirectory(path: path) }
        if info.st_mode & S_IFMT != S_IFREG { throw .notRegularFile(path: path) }
        return try SystemCall.open(path, O_RDONLY, operation: "open")
    }

    /// Checks, before anything is attempted, that the ledger at `path` may be appended to.
    ///
    /// Refuses a missing file, a directory, a symbolic link, a non-regular file, and a file without any write
    /// permission bit (an archived ledger stays read-only even for root).
    public static func checkWritable(_ path: String) throws(LedgerError) {
        guard let info = try SystemCall.lstat(path) else {
            if SystemCall.stat(PathName.directory(of: path)) == nil {
                throw .missingDirectory(path: PathName.directory(of: path))
            }
            throw .notFound(path: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: throw .symbolicLink(path: path, target: SystemCall.readLink(path))
        case S_IFDIR: throw .isDirectory(path: path)
        case S_IFREG: break
        default: throw .notRegularFile(path: path)
        }
        if info.st_mode & 0o222 == 0 || access(path, W_OK) != 0 { throw .readOnlyFile(path: path) }
    }

    /// Checks that new files can be made in a directory.
    static func checkDirectoryWritable(_ directory: String) throws(LedgerError) {
        guard let info = SystemCall.stat(directory) else { throw .missingDirectory(path: directory) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notRegularFile(path: directory) }
        if info.st_mode & 0o222 == 0 || access(directory, W_OK) != 0 { throw .readOnlyDirectory(path: directory) }
    }

    /// Opens for appending, mapping permission and read-only-filesystem errors to ``LedgerError/readOnlyFile(path:)``.
    static func openForWriting(_ path: String) throws(LedgerError) -> Int32 {
        try checkWritable(path)
        do {
            return try SystemCall.open(path, O_RDWR | O_APPEND | O_NOFOLLOW, operation: "open for writing")
        } catch {
            if case .io(_, _, let code) = error, code == EACCES || code == EROFS || code == EPERM {
                throw .readOnlyFile(path: path)
            }
            throw error
        }
    }

    // MARK: Create

    /// Creates a new ledger whose line 1 is `ledger.opened`.
    ///
    /// Refuses to overwrite anything. The file is created with mode 0644 (less the umask): never writable by other
    /// users. The file and its directory are fsynced before this returns.
    /// - Parameters:
    ///   - path: where to create it; the directory must exist and be writable.
    ///   - organization: the organisation's name.
    ///   - actor: who creates it.
    ///   - clock: the time source.
    /// - Returns: the head (seq 1).
    public static func create(path: String, organization: String, actor: String, clock: some LedgerClock,
                              random: inout some RandomNumberGenerator) throws(LedgerError) -> LedgerHead {
        let trimmed = organization.trimmingWhitespace
        guard !trimmed.isEmpty else {
            throw .invalidEvents([EventProblem(location: "init", field: "organization", detail: "must name the organisation")])
        }
        guard !actor.isEmpty else {
            throw .invalidEvents([EventProblem(location: "init", field: "actor", detail: "must not be empty")])
        }
        if try SystemCall.lstat(path) != nil { throw .alreadyExists(path: path) }
        let directory = PathName.directory(of: path)
        try checkDirectoryWritable(directory)
        let now = clock.now()
        let data = JSONValue.object(JSONObject([(key: "organization", value: .string(trimmed)),
                                                 (key: "formatVersion", value: .number(JSONNumber(LedgerFormat.version)))]))
        var line: [UInt8] = []
        let id = EventID.next(milliseconds: now.millisecondsSinceEpoch, after: nil, using: &random)
        encodeLine(seq: 1, id: id, type: LedgerFormat.openedType, recorded: now, effective: SwedishTime.date(at: now),
                   actor: actor, prev: .zero, data: JSONWriter.serialize(data)[...], into: &line)
        let hash = line.withUnsafeBytes { SHA256.leafHash($0) }
        line.append(0x0A)
        let fd: Int32
        do throws(LedgerError) {
            fd = try SystemCall.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o644, operation: "create")
        } catch {
            if case .io(_, _, let code) = error, code == EEXIST { throw .alreadyExists(path: path) }
            if case .io(_, _, let code) = error, code == EACCES || code == EROFS { throw .readOnlyDirectory(path: directory) }
            throw error
        }
        defer { close(fd) }
        try SystemCall.writeAll(fd, line, path: path)
        try SystemCall.fsync(fd, path: path)
        try SystemCall.fsyncDirectory(directory)
        return LedgerHead(seq: 1, hash: hash, id: id, recorded: now, byteCount: line.count)
    }

    // MARK: Head

    /// Reads the last line of the ledger without locking it.
    /// - Throws: ``LedgerError/tornTail(path:offset:length:reason:)`` when the tail is torn,
    ///   ``LedgerError/empty(path:)`` for an empty file.
    /// - Complexity: O(length of the last line), independent of the ledger's size.
    public static func readHead(path: String) throws(LedgerError) -> LedgerHead {
        let fd = try openForReading(path)
        defer { close(fd) }
        return try readHead(fd: fd, path: path)
    }

    static func readHead(fd: Int32, path: String) throws(LedgerError) -> LedgerHead {
        let size = Int(try SystemCall.fstat(fd, path: path).st_size)
        switch try inspectTail(fd: fd, size: size, path: path) {
        case .intact(let head): return head
        case .torn(let offset, let reason): throw .tornTail(path: path, offset: offset, length: size - offset, reason: reason)
        case .damaged(let offset, let reason): throw .damagedLastLine(path: path, offset: offset, reason: reason)
        case .empty: throw .empty(path: path)
        }
    }

    /// What the end of the file looks like.
    enum TailState {
        case empty
        case intact(LedgerHead)
        case torn(offset: Int, reason: String)
        /// The last line is a complete ledger line followed by other bytes before its line feed: damage to a complete
        /// event (a line feed changed into another byte, or a carriage return added), not an interrupted write.
        case damaged(offset: Int, reason: String)
    }

    /// Looks at the end of the file: a final newline, and a last line that parses.
    static func inspectTail(fd: Int32, size: Int, path: String) throws(LedgerError) -> TailState {
        if size == 0 { return .empty }
        // Find the last two newlines, reading backwards in growing chunks.
        var chunk = min(size, 64 << 10)
        while true {
            let start = size - chunk
            let bytes = try SystemCall.pread(fd, count: chunk, at: start, path: path)
            if bytes.last != 0x0A {
                if let lastNewline = bytes.lastIndex(of: 0x0A) {
                    let offset = start + lastNewline + 1
                    return .torn(offset: offset, reason: tornReason(Array(bytes[(lastNewline + 1)...])))
                }
                if start == 0 { return .torn(offset: 0, reason: tornReason(bytes)) }
            } else {
                let body = bytes.dropLast()
                if let previous = body.lastIndex(of: 0x0A) {
                    return parseLast(Array(body[(previous + 1)...]), offset: start + previous + 1, size: size)
                }
                if start == 0 { return parseLast(Array(body), offset: 0, size: size) }
            }
            if chunk == size { return .torn(offset: 0, reason: "unreadable") }
            chunk = min(size, chunk * 4)
        }
    }

    static func tornReason(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ $0 == 0 }) { return "zero bytes with no final newline" }
        let complete = bytes.withUnsafeBytes { (try? LedgerLine.parse($0)) != nil }
        return complete ? "a complete line without its final newline, never acknowledged" : "an incomplete last line with no final newline"
    }

    static func parseLast(_ line: [UInt8], offset: Int, size: Int) -> TailState {
        line.withUnsafeBytes { bytes in
            do throws(LineProblem) {
                let parsed = try LedgerLine.parse(bytes)
                return .intact(LedgerHead(seq: parsed.seq, hash: SHA256.leafHash(bytes), id: parsed.id,
                                          recorded: parsed.recorded, byteCount: size))
            } catch {
                if let end = completeLineEnd(bytes) {
                    return .damaged(offset: offset, reason: "a complete line (seq \(end.seq)) followed by "
                                    + "\(bytes.count - end.length) other byte\(bytes.count - end.length == 1 ? "" : "s") "
                                    + "before its line feed, starting with byte 0x\(String(bytes[end.length], radix: 16))")
                }
                return .torn(offset: offset, reason: "the last line cannot be read: \(error.message)")
            }
        }
    }

    /// When an unreadable line starts with a complete ledger line followed by bytes whose first is not zero, the
    /// length of that complete line and its seq.
    ///
    /// An interrupted append cannot leave such a line: the writer puts a line feed right after every line, so the
    /// bytes after a complete line are a line feed, or zero bytes where the data never reached the disk. A complete line
    /// followed by anything else is damage to a line that was acknowledged (typically two lines run together because
    /// the line feed between them changed), and repair must not move it aside.
    static func completeLineEnd(_ bytes: UnsafeRawBufferPointer) -> (length: Int, seq: Int)? {
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        var end: Int
        do throws(JSONError) {
            try JSONReader.validate(bytes, options: .ledger)
            end = bytes.count
        } catch {
            guard error.message == "unexpected bytes after the JSON value" else { return nil }
            end = error.offset
        }
        // The JSON reader skips whitespace (including CR) after the value; the line proper ends at its '}'.
        while end > 0, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[end - 1]) { end -= 1 }
        guard end < bytes.count, bytes[end] != 0,
              let line = try? LedgerLine.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<end])) else { return nil }
        return (end, line.seq)
    }

    // MARK: Append

    /// Appends a batch of events: validated whole and written whole, or not at all.
    ///
    /// Takes an exclusive lock, re-reads the tail, refuses a torn tail or an unexpected head, calls `complete` with
    /// the head and the drafts (so that a domain check sees the ledger exactly as it will be appended to, and may
    /// fill in derived fields), writes every line with one write loop, fsyncs, and releases the lock.
    /// `recorded` is the clock's time, or the previous line's when the
    /// clock is behind it; ids are UUIDv7, strictly increasing.
    /// - Parameters:
    ///   - path: the ledger.
    ///   - events: the drafts, in order; at least one.
    ///   - expectedSeq: when given, the ledger's last seq must equal it.
    ///   - clock: the time source.
    ///   - random: random bits for ids.
    ///   - complete: a check run under the lock, before anything is written; returns the drafts to write.
    ///   - waiting: called once if another process holds the lock.
    /// - Returns: what was written and the new head.
    /// - Complexity: O(total size of the batch + length of the last line).
    public static func append(path: String, events proposed: [EventDraft], expectedSeq: Int? = nil,
                              clock: some LedgerClock, random: inout some RandomNumberGenerator,
                              complete: (LedgerHead, [EventDraft]) throws(LedgerError) -> [EventDraft] = { _, drafts in drafts },
                              waiting: () -> Void = {}) throws(LedgerError) -> AppendResult {
        var problems: [EventProblem] = []
        for event in proposed { problems += event.problems() }
        if proposed.isEmpty {
            problems.append(EventProblem(location: "input", detail: "no events to append"))
        }
        guard problems.isEmpty else { throw .invalidEvents(problems) }

        let fd = try openForWriting(path)
        defer { close(fd) }
        try SystemCall.lockExclusive(fd, path: path, waiting: waiting)
        defer { flock(fd, LOCK_UN) }
        let head = try readHead(fd: fd, path: path)
        if let expectedSeq, expectedSeq != head.seq {
            throw .unexpectedHead(path: path, expected: expectedSeq, actual: head.seq)
        }
        // The domain checks (and may complete) the events against the ledger exactly as it will be appended to.
        let events = try complete(head, proposed)
        for event in events { problems += event.problems() }
        guard problems.isEmpty, !events.isEmpty else { throw .invalidEvents(problems) }
        // Every payload is serialised once, into one buffer.
        var payloads: [UInt8] = []
        payloads.reserveCapacity(events.count * 512)
        var payloadEnds: [Int] = []
        payloadEnds.reserveCapacity(events.count)
        for event in events {
            JSONWriter.write(event.data, into: &payloads)
            payloadEnds.append(payloads.count)
        }

        let now = clock.now()
        let recorded = max(now, head.recorded)
        var recordedBytes: [UInt8] = []
        recorded.append(to: &recordedBytes)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payloads.count + events.count * 300)
        var written: [AppendResult.Written] = []
        written.reserveCapacity(events.count)
        var previousHash = head.hash
        var previousID = head.id
        var seq = head.seq
        for (index, event) in events.enumerated() {
            seq += 1
            let id = EventID.next(milliseconds: recorded.millisecondsSinceEpoch, after: previousID, using: &random)
            let start = bytes.count
            let payload = payloads[(index == 0 ? 0 : payloadEnds[index - 1])..<payloadEnds[index]]
            encodeLine(seq: seq, id: id, type: event.type, recorded: recordedBytes, effective: event.effective,
                       actor: event.actor, prev: previousHash, data: payload, into: &bytes)
            let length = bytes.count - start
            if length > LedgerFormat.maximumLineLength {
                problems.append(EventProblem(location: event.source,
                                             detail: "the event is \(length) bytes as a line; the format allows at most "
                                                + "\(LedgerFormat.maximumLineLength)"))
            }
            let hash = bytes.withUnsafeBytes { SHA256.leafHash(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)])) }
            bytes.append(0x0A)
            written.append(.init(seq: seq, id: id, type: event.type, recorded: recorded, hashHex: hash.hex,
                                 key: event.data["key"]?.stringValue))
            previousHash = hash
            previousID = id
        }
        guard problems.isEmpty else { throw .invalidEvents(problems) }

        do throws(LedgerError) {
            try SystemCall.writeAll(fd, bytes, path: path)
            try SystemCall.fsync(fd, path: path)
        } catch {
            // Roll back whatever part of the batch reached the file, so that no torn tail is left behind.
            if ftruncate(fd, off_t(head.byteCount)) == 0 { _ = fsync(fd) }
            throw error
        }
        let newHead = LedgerHead(seq: seq, hash: previousHash, id: previousID, recorded: recorded,
                                 byteCount: head.byteCount + bytes.count)
        return AppendResult(written: written, head: newHead)
    }

    /// Writes one line (without its newline) in the format's key order.
    static func encodeLine(seq: Int, id: EventID, type: String, recorded: Timestamp, effective: CivilDate, actor: String,
                           prev: SHA256Digest, data: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var recordedBytes: [UInt8] = []
        recorded.append(to: &recordedBytes)
        encodeLine(seq: seq, id: id, type: type, recorded: recordedBytes, effective: effective, actor: actor, prev: prev,
                   data: data, into: &out)
    }

    /// Writes one line, with `recorded` already in its 24-byte written form (shared by a whole batch).
    static func encodeLine(seq: Int, id: EventID, type: String, recorded: [UInt8], effective: CivilDate, actor: String,
                           prev: SHA256Digest, data: ArraySlice<UInt8>, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"seq":"#.utf8)
        ASCIIDigits.append(seq, to: &out)
        out.append(contentsOf: #","id":""#.utf8)
        id.append(to: &out)
        out.append(contentsOf: #"","type":"#.utf8)
        JSONWriter.writeString(type, into: &out)
        out.append(contentsOf: #","recorded":""#.utf8)
        out.append(contentsOf: recorded)
        out.append(contentsOf: #"","effective":""#.utf8)
        effective.append(to: &out)
        out.append(contentsOf: #"","actor":"#.utf8)
        JSONWriter.writeString(actor, into: &out)
        out.append(contentsOf: #","prev":""#.utf8)
        let hexStart = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 64))
        out.withUnsafeMutableBytes { prev.writeHex(to: UnsafeMutableRawBufferPointer(rebasing: $0[hexStart..<(hexStart + 64)])) }
        out.append(contentsOf: #"","data":"#.utf8)
        out.append(contentsOf: data)
        out.append(UInt8(ascii: "}"))
    }

    // MARK: Repair

    /// Moves a torn tail (bytes after the last newline, or an unreadable last line) into a quarantine file beside
    /// the ledger and truncates the ledger to its last complete line.
    ///
    /// Touches nothing but a torn tail. The quarantine file is written and fsynced before the ledger is truncated,
    /// so the bytes are never lost.
    /// - Returns: what was moved, and where.
    /// - Throws: ``LedgerError/nothingToRepair(path:lastSeq:)`` when the tail is intact.
    public static func repair(path: String, clock: some LedgerClock) throws(LedgerError) -> RepairResult {
        let fd = try openForWriting(path)
        defer { close(fd) }
        let directory = PathName.directory(of: path)
        try checkDirectoryWritable(directory)
        try SystemCall.lockExclusive(fd, path: path, waiting: {})
        defer { flock(fd, LOCK_UN) }
        let size = Int(try SystemCall.fstat(fd, path: path).st_size)
        let offset: Int
        let reason: String
        switch try inspectTail(fd: fd, size: size, path: path) {
        case .empty: throw .empty(path: path)
        case .intact(let head): throw .nothingToRepair(path: path, lastSeq: head.seq)
        case .torn(let o, let r): offset = o; reason = r
        case .damaged(let o, let r): throw .damagedLastLine(path: path, offset: o, reason: r)
        }
        let length = size - offset
        let torn = try SystemCall.pread(fd, count: length, at: offset, path: path)
        let stamp = clock.now().description.filter { $0 != "-" && $0 != ":" && $0 != "." }
        let quarantine = "\(path).torn-\(stamp)-at-\(offset)"
        let qfd = try SystemCall.open(quarantine, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o644,
                                      operation: "create quarantine file")
        do throws(LedgerError) {
            try SystemCall.writeAll(qfd, torn, path: quarantine)
            try SystemCall.fsync(qfd, path: quarantine)
        } catch {
            close(qfd)
            throw error
        }
        close(qfd)
        try SystemCall.fsyncDirectory(directory)
        try SystemCall.truncate(fd, to: offset, path: path)
        try SystemCall.fsync(fd, path: path)
        var head: LedgerHead?
        var remaining: String?
        do throws(LedgerError) {
            head = try readHead(fd: fd, path: path)
        } catch {
            remaining = error.message
        }
        return RepairResult(offset: offset, length: length, reason: reason, quarantinePath: quarantine, head: head,
                            remainingProblem: remaining)
    }
}

extension String {
    /// The string without leading and trailing white space.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
