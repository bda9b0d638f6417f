#if canImport(Glibc)
import Glibc
#endif
import LiggareHash
import LiggareJSON

/// Recomputes a ledger's hash chain, streaming, and names the first damage found.
public enum LedgerVerifier {
    /// Verifies the ledger file at `path`.
    ///
    /// Every line is checked on its own (``LedgerLine/parse(_:)``) and against the line before it: seq is the line
    /// number, `prev` is the previous line's hash, `id` increases, `recorded` does not go backwards, line 1 and only
    /// line 1 is `ledger.opened`. The file must end with a newline. Each checkpoint's line must have the checkpoint's
    /// hash.
    /// - Parameters:
    ///   - path: the ledger file.
    ///   - checkpoints: heads written down earlier.
    ///   - workers: how many threads hash and parse lines (default: the number of online cores).
    ///   - progress: called now and then with (bytes done, total bytes).
    /// - Returns: the report; `failure` names the first damage.
    /// - Throws: ``LedgerError`` when the file cannot be opened or read.
    /// - Complexity: O(n) time in the file size; memory is one fixed buffer and one batch of line facts.
    public static func verify(path: String, checkpoints: [Checkpoint] = [], workers: Int = LineBatch.onlineCores,
                              progress: ((Int, Int) -> Void)? = nil) throws(LedgerError) -> VerificationReport {
        let fd = try LedgerFile.openForReading(path)
        defer { close(fd) }
        let size = Int(try SystemCall.fstat(fd, path: path).st_size)
        var state = ChainState(checkpoints: checkpoints)
        var reader = LineReader(fd: fd, path: path, bufferSize: 8 << 20)
        var nextProgress = 64 << 20
        var batch = LineBatch(workers: workers)
        defer { batch.release() }
        loop: while state.failure == nil {
            switch try reader.next() {
            case .line(let bytes, let offset):
                // Every complete line already in the buffer is hashed and parsed on all cores at once; the chain
                // is then checked in order, which is cheap.
                batch.removeAll()
                batch.append(bytes, offset: offset)
                while batch.count < LineBatch.capacity, let more = reader.nextBuffered() {
                    batch.append(more.line, offset: more.offset)
                }
                batch.hashAndParse()
                for i in 0..<batch.count where state.failure == nil {
                    state.consume(batch.lines[i], offset: batch.offsets[i], hash: batch.hashes[i], parsed: batch.parsed[i],
                                  prevMatches: batch.prevMatches[i])
                }
                let last = batch.offsets[batch.count - 1]
                if let progress, last >= nextProgress {
                    progress(last, size)
                    nextProgress = last + (64 << 20)
                }
            case .tooLong(let offset, let length):
                state.fail(VerificationFailure(
                    kind: .invalidLine, line: state.lineNumber + 1, offset: offset,
                    message: "line \(state.lineNumber + 1) (byte offset \(offset)) is longer than \(length - 1) bytes; "
                        + "the format allows at most \(LedgerFormat.maximumLineLength) bytes a line"))
            case .tail(let bytes, let offset):
                state.finishChain()
                if state.failure == nil { state.failTornTail(bytes, offset: offset, fileSize: size) }
            case .end:
                break loop
            }
        }
        state.finishChain()
        state.finishCheckpoints()
        if var failure = state.failure, failure.kind == .missing || failure.kind == .duplicated
            || failure.kind == .reordered, let diagnosis = state.seqDiagnosis {
            failure = try diagnoseSeq(path: path, diagnosis, failure)
            state.failure = failure
        }
        progress?(size, size)
        return VerificationReport(eventCount: state.validCount, head: state.lastGood, byteCount: size,
                                  organization: state.organization, confirmedCheckpoints: state.confirmed,
                                  failure: state.failure)
    }

    /// A second pass, run only when seq is out of place, to tell a missing line from a duplicated or moved one.
    static func diagnoseSeq(path: String, _ d: ChainState.SeqDiagnosis,
                            _ failure: VerificationFailure) throws(LedgerError) -> VerificationFailure {
        let fd = try LedgerFile.openForReading(path)
        defer { close(fd) }
        var reader = LineReader(fd: fd, path: path)
        var lineNumber = 0
        var copyOf: Int?
        var expectedAt: Int?
        scan: while true {
            switch try reader.next() {
            case .line(let bytes, _):
                lineNumber += 1
                if lineNumber < d.line, copyOf == nil, SHA256.leafHash(bytes) == d.hash { copyOf = lineNumber }
                if lineNumber > d.line, expectedAt == nil, let line = try? LedgerLine.parse(bytes), line.seq == d.expected {
                    expectedAt = lineNumber
                    break scan
                }
            default:
                break scan
            }
        }
        var result = failure
        let at = "line \(d.line) (byte offset \(d.offset))"
        if let copyOf {
            result.kind = .duplicated
            result.message = "\(at) is a duplicate of line \(copyOf) (seq \(d.found)); seq \(d.expected) was expected there"
        } else if let expectedAt {
            result.kind = .reordered
            result.message = "\(at) has seq \(d.found) but seq \(d.expected) was expected; seq \(d.expected) is at line "
                + "\(expectedAt): the lines were reordered"
        } else if d.found > d.expected {
            result.kind = .missing
            let count = d.found - d.expected
            let which = count == 1 ? "seq \(d.expected) is" : "seq \(d.expected)–\(d.found - 1) are"
            result.message = "\(at) has seq \(d.found) but seq \(d.expected) was expected: \(which) missing "
                + "(\(count) line\(count == 1 ? "" : "s") removed before line \(d.line))"
        } else {
            result.kind = .reordered
            result.message = "\(at) has seq \(d.found) again, after seq \(d.expected - 1): a line was moved or replaced"
        }
        return result
    }
}

/// The running state of a chain check: what the next line must agree with.
struct ChainState {
    /// Facts kept for the second pass that classifies a seq failure.
    struct SeqDiagnosis {
        var line: Int
        var offset: Int
        var found: Int
        var expected: Int
        var hash: SHA256Digest
    }

    /// A `prev` mismatch waiting for the next line to tell which line was altered.
    struct PendingBreak {
        var line: Int
        var seq: Int
        var offset: Int
        var storedPrev: String
        var previousHash: SHA256Digest
        var hash: SHA256Digest
    }

    var lineNumber = 0
    var validCount = 0
    var previousHash = SHA256Digest.zero
    var previousID: EventID?
    var previousRecorded: Timestamp?
    var lastGood: Checkpoint?
    /// The intact line before ``lastGood``, for when ``lastGood`` turns out to have been altered.
    var lastGoodBefore: Checkpoint?
    var organization: String?
    var failure: VerificationFailure?
    var seqDiagnosis: SeqDiagnosis?
    var pending: PendingBreak?
    var checkpoints: [Int: SHA256Digest]
    var requested: [Checkpoint]
    var confirmed: [Checkpoint] = []

    init(checkpoints: [Checkpoint]) {
        var map: [Int: SHA256Digest] = [:]
        for c in checkpoints { map[c.seq] = c.hash }
        self.checkpoints = map
        self.requested = checkpoints
    }

    mutating func fail(_ f: VerificationFailure) {
        if failure == nil { failure = f }
    }

    /// Checks one complete line whose leaf hash, parse and prev comparison were computed already.
    /// - Parameter prevMatches: whether the line's `prev` is the hash of the line before it in the file (all zeros
    ///   for the first line). Whenever a line is consumed, ``previousHash`` is that hash.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, offset: Int, hash: SHA256Digest,
                          parsed: Result<LedgerLine, LineProblem>, prevMatches: Bool) {
        lineNumber += 1
        let n = lineNumber
        let line: LedgerLine
        switch parsed {
        case .success(let parsedLine):
            line = parsedLine
        case .failure(let error):
            resolvePending(nextPrevMatches: nil)
            if failure != nil { return }
            let kind: VerificationFailure.Kind
            if case .invalidJSON = error { kind = .invalidJSON } else { kind = .invalidLine }
            fail(VerificationFailure(kind: kind, line: n, offset: offset,
                                     message: "line \(n) (byte offset \(offset)): \(error.message)"))
            return
        }
        let prevBytes = UnsafeRawBufferPointer(rebasing: bytes[line.prevRange])

        // A pending chain break is decided by whether this line still points at the previous line's hash.
        if pending != nil {
            resolvePending(nextPrevMatches: prevMatches)
            return
        }

        if line.seq != n && prevMatches {
            // The line sits in its right place in the chain, so its seq field itself was changed.
            fail(VerificationFailure(kind: .altered, line: n, seq: line.seq, offset: offset, field: "seq",
                                     expected: String(n), actual: String(line.seq),
                                     message: "line \(n) was altered: its seq is \(line.seq), but it follows line \(n - 1) "
                                        + "in the chain, so its seq must be \(n)"))
            return
        }
        if line.seq != n {
            seqDiagnosis = SeqDiagnosis(line: n, offset: offset, found: line.seq, expected: n, hash: hash)
            fail(VerificationFailure(kind: line.seq > n ? .missing : .duplicated, line: n, seq: line.seq, offset: offset,
                                     field: "seq", expected: String(n), actual: String(line.seq),
                                     message: "line \(n) has seq \(line.seq); seq \(n) was expected"))
            return
        }

        if !prevMatches {
            pending = PendingBreak(line: n, seq: line.seq, offset: offset,
                                   storedPrev: String(decoding: prevBytes, as: UTF8.self),
                                   previousHash: previousHash, hash: hash)
            previousHash = hash
            return
        }

        if let previousID, line.id <= previousID {
            fail(VerificationFailure(kind: .idNotIncreasing, line: n, seq: line.seq, offset: offset, field: "id",
                                     expected: "greater than \(previousID)", actual: line.id.description,
                                     message: "line \(n) (seq \(line.seq)): id \(line.id) is not greater than the "
                                        + "previous line's id \(previousID); ids are unique and increasing"))
            return
        }
        if let previousRecorded, line.recorded < previousRecorded {
            fail(VerificationFailure(kind: .recordedBackwards, line: n, seq: line.seq, offset: offset, field: "recorded",
                                     expected: "\(previousRecorded) or later", actual: line.recorded.description,
                                     message: "line \(n) (seq \(line.seq)): recorded \(line.recorded) is earlier than the "
                                        + "previous line's \(previousRecorded); recorded time never goes backwards"))
            return
        }
        let isOpened = line.isOpened(in: bytes)
        if n == 1 {
            guard isOpened else {
                fail(VerificationFailure(kind: .opening, line: 1, seq: 1, offset: offset, field: "type",
                                         expected: LedgerFormat.openedType, actual: line.type(in: bytes),
                                         message: "line 1 has type \(line.type(in: bytes)); a ledger starts with ledger.opened"))
                return
            }
            if let problem = Self.checkOpenedData(UnsafeRawBufferPointer(rebasing: bytes[line.dataRange])) {
                fail(VerificationFailure(kind: .opening, line: 1, seq: 1, offset: offset, field: "data",
                                         message: "line 1 (ledger.opened): \(problem)"))
                return
            }
            organization = Self.organization(UnsafeRawBufferPointer(rebasing: bytes[line.dataRange]))
        } else if isOpened {
            fail(VerificationFailure(kind: .opening, line: n, seq: line.seq, offset: offset, field: "type",
                                     actual: LedgerFormat.openedType,
                                     message: "line \(n) (seq \(line.seq)) is a second ledger.opened; only line 1 may be"))
            return
        }
        accept(seq: line.seq, hash: hash, id: line.id, recorded: line.recorded, offset: offset)
    }

    mutating func accept(seq: Int, hash: SHA256Digest, id: EventID, recorded: Timestamp, offset: Int) {
        // A line that contradicts a checkpoint is the failure itself: it is not counted as intact.
        if let expected = checkpoints[seq], expected != hash {
            fail(VerificationFailure(kind: .checkpointMismatch, line: seq, seq: seq, offset: offset, field: "hash",
                                     expected: expected.hex, actual: hash.hex,
                                     message: "checkpoint \(seq):\(expected.hex) does not hold: line \(seq) now has hash "
                                        + "\(hash.hex). The history up to seq \(seq) was rewritten or replaced."))
            return
        }
        validCount += 1
        previousHash = hash
        previousID = id
        previousRecorded = recorded
        lastGoodBefore = lastGood
        lastGood = Checkpoint(seq: seq, hash: hash)
        if checkpoints[seq] != nil { confirmed.append(Checkpoint(seq: seq, hash: hash)) }
    }

    /// Decides a pending chain break. `nextPrevMatches` is nil when there is no readable next line.
    mutating func resolvePending(nextPrevMatches: Bool?) {
        guard let p = pending else { return }
        pending = nil
        let previous = p.line - 1
        switch nextPrevMatches {
        case true?:
            // The previous line was accepted when it was read; it turns out to be the altered one.
            validCount -= 1
            lastGood = lastGoodBefore
            fail(VerificationFailure(
                kind: .altered, line: previous, seq: previous, field: nil,
                expected: p.storedPrev, actual: p.previousHash.hex,
                message: "line \(previous) (seq \(previous)) was altered: its hash is now \(p.previousHash.hex), "
                    + "but line \(p.line) records prev \(p.storedPrev)"))
        case false?:
            fail(VerificationFailure(
                kind: .altered, line: p.line, seq: p.seq, offset: p.offset, field: "prev",
                expected: p.previousHash.hex, actual: p.storedPrev,
                message: "line \(p.line) (seq \(p.seq)) was altered: its prev \(p.storedPrev) does not match the hash "
                    + "\(p.previousHash.hex) of line \(previous), and line \(p.line + 1) no longer matches its hash either"))
        case nil:
            fail(VerificationFailure(
                kind: .altered, line: p.line, seq: p.seq, offset: p.offset, field: "prev",
                expected: p.previousHash.hex, actual: p.storedPrev,
                message: "line \(p.line) (seq \(p.seq)) records prev \(p.storedPrev), but line \(previous) hashes to "
                    + "\(p.previousHash.hex): line \(previous) was altered, or the prev of line \(p.line) was"))
        }
    }

    /// Called when no more complete lines follow.
    mutating func finishChain() {
        resolvePending(nextPrevMatches: nil)
        if failure == nil && lineNumber == 0 {
            fail(VerificationFailure(kind: .empty, message: "the ledger is empty: it has no ledger.opened line"))
        }
    }

    mutating func failTornTail(_ bytes: UnsafeRawBufferPointer, offset: Int, fileSize: Int) {
        let length = fileSize - offset
        let whatItIs: String
        if (try? LedgerLine.parse(bytes)) != nil {
            whatItIs = "a complete event without its final newline; it was never acknowledged"
        } else if bytes.allSatisfy({ $0 == 0 }) {
            whatItIs = "zero bytes"
        } else {
            whatItIs = "an incomplete line"
        }
        fail(VerificationFailure(kind: .tornTail, line: lineNumber + 1, offset: offset, actual: "\(length) bytes",
                                 message: "torn tail: \(length) byte\(length == 1 ? "" : "s") at byte offset \(offset), after "
                                    + "line \(lineNumber), have no final newline (\(whatItIs)). `liggare repair` moves them "
                                    + "aside into a quarantine file"))
    }

    mutating func finishCheckpoints() {
        guard failure == nil else { return }
        for c in requested where c.seq > validCount {
            fail(VerificationFailure(kind: .checkpointMissing, seq: c.seq, expected: c.hash.hex,
                                     message: "checkpoint \(c.seq):\(c.hash.hex) names seq \(c.seq), but the ledger ends at "
                                        + "seq \(validCount): it was truncated or replaced by another history"))
            return
        }
    }

    /// What is wrong with the data of `ledger.opened`, if anything.
    static func checkOpenedData(_ data: UnsafeRawBufferPointer) -> String? {
        guard let value = try? JSONReader.parse(data, options: .ledger) else { return "data is not valid JSON" }
        guard let name = value["organization"]?.stringValue, !name.isEmpty else {
            return "data.organization must be the organisation's name"
        }
        guard let version = value["formatVersion"]?.int64Value else { return "data.formatVersion is missing" }
        guard version == Int64(LedgerFormat.version) else {
            return "format version \(version) is not supported (this Liggare reads version \(LedgerFormat.version))"
        }
        return nil
    }

    static func organization(_ data: UnsafeRawBufferPointer) -> String? {
        (try? JSONReader.parse(data, options: .ledger))?["organization"]?.stringValue
    }
}
