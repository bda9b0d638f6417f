// libFuzzer harness for the ledger line reader and the verifier (LiggareLog). Not a SwiftPM target: .ci/fuzz.sh
// compiles it with `swiftc -sanitize=fuzzer,address` against LiggareHash, LiggareJSON and LiggareLog built from source.
//
// Each input is used twice:
// A. as one stored line: `LedgerLine.parse` must agree with the JSON reader (a line it accepts is strict JSON that
//    starts with '{' and ends with '}'; a JSON error it reports is exactly `scanTopLevelObject`'s), and the fields it
//    returns must lie inside the line and have their documented shapes (docs/format.md §2);
// B. as a whole ledger file (written to a scratch directory on tmpfs): `LedgerVerifier.verify` must agree with a
//    small independent re-implementation of docs/format.md §4 (written here from the text, sharing only the line
//    parser and SHA-256), `LedgerFile.readHead` must agree with verify, `LedgerReader.forEach` must not trap, and
//    `LedgerFile.repair` may only ever move bytes after the second-to-last line feed, exactly, into its quarantine
//    file (docs/format.md §6), leaving the ledger byte-identical whenever it refuses.
#if canImport(Glibc)
import Glibc
#endif
import LiggareHash
import LiggareJSON
import LiggareLog

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("ledger fuzz invariant broken: " + message()) }
}

// MARK: A. One line

private func fuzzLine(_ line: UnsafeRawBufferPointer) {
    do {
        let parsed = try LedgerLine.parse(line)
        var jsonError: JSONError?
        do { try JSONReader.validate(line, options: .ledger) } catch { jsonError = error }
        check(jsonError == nil, "LedgerLine.parse accepted a line the JSON reader rejects: \(jsonError!)")
        check(line.first == 0x7B && line.last == 0x7D, "accepted line does not start with '{' and end with '}'")
        check(parsed.seq >= 1, "seq \(parsed.seq) < 1")
        check(parsed.id.isVersion7, "id is not a UUIDv7")
        for r in [parsed.typeRange, parsed.actorRange, parsed.prevRange, parsed.dataRange] {
            check(r.lowerBound >= 0 && r.upperBound <= line.count, "field range \(r) outside the line of \(line.count) bytes")
        }
        check(LedgerFormat.isValidType(UnsafeRawBufferPointer(rebasing: line[parsed.typeRange])), "type is not a valid type")
        check(parsed.prevRange.count == 64, "prev is not 64 bytes")
        check(!parsed.actorRange.isEmpty, "actor is empty")
        check(line[parsed.dataRange.lowerBound] == 0x7B && line[parsed.dataRange.upperBound - 1] == 0x7D, "data is not an object")
        let data = try? JSONReader.parse(UnsafeRawBufferPointer(rebasing: line[parsed.dataRange]), options: .ledger)
        check(data?.objectValue != nil, "data range does not parse as an object")
        check(Timestamp(parsed.recorded.description) == parsed.recorded, "recorded does not round-trip")
        check(CivilDate(parsed.effective.description) == parsed.effective, "effective does not round-trip")
        _ = parsed.actor(in: line)
        _ = parsed.type(in: line)
        _ = parsed.isOpened(in: line)
    } catch {
        if case .invalidJSON(let e) = error {
            var scanError: JSONError?
            do { try JSONReader.scanTopLevelObject(line, options: .ledger) { _, _, _ in } } catch { scanError = error }
            check(scanError == e, "LedgerLine.parse reported \(e), scanTopLevelObject \(String(describing: scanError))")
        }
        _ = error.message
    }
}

// MARK: B. A whole file

private struct Outcome {
    var ok: Bool
    var count: Int
    var head: Checkpoint?
}

/// docs/format.md §4, step by step, stopping at the first failure.
private func independentVerify(_ file: [UInt8]) -> Outcome {
    if file.isEmpty { return Outcome(ok: false, count: 0, head: nil) }
    var previousHash = SHA256Digest.zero
    var previousID: EventID?
    var previousRecorded: Timestamp?
    var count = 0
    var head: Checkpoint?
    var start = 0
    return file.withUnsafeBytes { all -> Outcome in
        while start < all.count {
            guard let newline = all[start...].firstIndex(of: 0x0A) else {
                return Outcome(ok: false, count: count, head: head) // torn tail
            }
            let line = UnsafeRawBufferPointer(rebasing: all[start..<newline])
            start = newline + 1
            let n = count + 1
            guard line.count <= LedgerFormat.maximumLineLength, let parsed = try? LedgerLine.parse(line) else {
                return Outcome(ok: false, count: count, head: head)
            }
            let prev = UnsafeRawBufferPointer(rebasing: line[parsed.prevRange])
            let hash = SHA256.leafHash(line)
            guard parsed.seq == n, prev.elementsEqual(previousHash.hex.utf8) else { return Outcome(ok: false, count: count, head: head) }
            if let previousID, !(parsed.id > previousID) { return Outcome(ok: false, count: count, head: head) }
            if let previousRecorded, parsed.recorded < previousRecorded { return Outcome(ok: false, count: count, head: head) }
            let opened = parsed.type(in: line) == "ledger.opened"
            if opened != (n == 1) { return Outcome(ok: false, count: count, head: head) }
            if n == 1 {
                let data = try? JSONReader.parse(UnsafeRawBufferPointer(rebasing: line[parsed.dataRange]), options: .ledger)
                guard let organization = data?["organization"]?.stringValue, !organization.isEmpty,
                      data?["formatVersion"]?.int64Value == 1 else { return Outcome(ok: false, count: count, head: head) }
            }
            previousHash = hash
            previousID = parsed.id
            previousRecorded = parsed.recorded
            count = n
            head = Checkpoint(seq: n, hash: hash)
        }
        return Outcome(ok: true, count: count, head: head)
    }
}

private let scratch: String = {
    let dir = (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") + "/liggare-fuzz-\(getpid())"
    mkdir(dir, 0o700)
    return dir
}()

private func writeFile(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    check(fd >= 0, "cannot create \(path)")
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
        check(n > 0, "cannot write \(path)")
        done += n
    }
    close(fd)
}

private func readFile(_ path: String) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { return result }
        result += chunk[0..<n]
    }
}

private func fuzzFile(_ file: [UInt8]) {
    let path = scratch + "/ledger.jsonl"
    writeFile(path, file)
    let report: VerificationReport
    do {
        report = try LedgerVerifier.verify(path: path)
    } catch {
        fatalError("ledger fuzz invariant broken: verify threw \(error) for a readable regular file")
    }
    let expected = independentVerify(file)
    check(report.isValid == expected.ok,
          "verify says \(report.isValid ? "intact" : report.failure!.kind.rawValue + ": " + report.failure!.message), the independent check says \(expected.ok)")
    let lastNewline = file.lastIndex(of: 0x0A)
    if report.isValid {
        check(report.eventCount == expected.count, "event count \(report.eventCount) != \(expected.count)")
        check(report.head == expected.head, "head differs")
        check(report.byteCount == file.count, "byte count differs")
        do {
            let head = try LedgerFile.readHead(path: path)
            check(head.checkpoint == report.head, "readHead \(head) differs from verify's head")
            check(head.byteCount == file.count, "readHead byteCount differs")
        } catch {
            fatalError("ledger fuzz invariant broken: readHead failed on a ledger that verifies: \(error)")
        }
    } else if let failure = report.failure {
        if let offset = failure.offset {
            check(offset >= 0 && offset <= file.count, "failure offset \(offset) outside the file")
            check(offset == 0 || file[offset - 1] == 0x0A, "failure offset \(offset) is not at a line start")
        }
        if let line = failure.line { check(line >= 1, "failure line \(line)") }
        if failure.kind == .tornTail {
            let tornAt = lastNewline.map { $0 + 1 } ?? 0
            check(file.last != 0x0A, "torn tail reported for a file that ends in a line feed")
            check(failure.offset == tornAt, "torn tail at \(String(describing: failure.offset)), expected \(tornAt)")
            check(independentVerify(Array(file[0..<tornAt])).ok || tornAt == 0, "torn tail reported after a damaged line")
        }
    }
    if file.last != 0x0A && !file.isEmpty {
        do {
            _ = try LedgerFile.readHead(path: path)
            fatalError("ledger fuzz invariant broken: readHead accepted a file without a final newline")
        } catch {
            if case .tornTail(_, let offset, let length, _) = error {
                check(offset == (lastNewline.map { $0 + 1 } ?? 0) && length == file.count - offset, "readHead torn offset")
            } else {
                fatalError("ledger fuzz invariant broken: readHead threw \(error) instead of tornTail")
            }
        }
    }
    var visited = 0
    do {
        try LedgerReader.forEach(path: path) { _ in visited += 1; return true }
        if report.isValid { check(visited == report.eventCount, "forEach visited \(visited) lines") }
    } catch {
        check(!report.isValid, "forEach failed on a ledger that verifies: \(error)")
    }

    // Repair: only ever the bytes after the second-to-last line feed, moved exactly.
    let clock = FixedClock(Timestamp(millisecondsSinceEpoch: 1_749_550_000_000))
    do {
        let result = try LedgerFile.repair(path: path, clock: clock)
        let after = readFile(path)
        let moved = readFile(result.quarantinePath)
        unlink(result.quarantinePath)
        check(result.offset >= 0 && result.offset < file.count, "repair offset \(result.offset)")
        check(after == Array(file[0..<result.offset]), "the repaired ledger is not the original cut at the offset")
        check(moved == Array(file[result.offset...]), "the quarantine file does not hold exactly the removed bytes")
        let body = file.last == 0x0A ? file.dropLast() : file[...]
        let lastLineStart = body.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        check(result.offset == lastLineStart, "repair cut at \(result.offset), not at the last line (\(lastLineStart))")
        check(!(report.isValid), "repair changed a ledger that verifies")
    } catch {
        check(readFile(path) == file, "repair failed (\(error)) but changed the ledger")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLedger(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    fuzzLine(bytes)
    fuzzFile(Array(bytes))
    return 0
}
