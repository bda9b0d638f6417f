import Foundation
import LiggareHash
import LiggareJSON
import Testing
@testable import LiggareLog

@Suite("Create, append and repair")
struct AppendTests {
    @Test("init writes ledger.opened as line 1 and refuses to overwrite")
    func create() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("ledger.jsonl")
        var random = SeededGenerator(seed: 1)
        let head = try LedgerFile.create(path: path, organization: "Region Västmanland", actor: "anna",
                                         clock: FixedClock(Fixture.start), random: &random)
        #expect(head.seq == 1)
        let bytes = Fixture.read(path)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"seq":1,"id":""#))
        #expect(text.contains(#","type":"ledger.opened","recorded":"2025-06-10T10:06:40.000Z","effective":"2025-06-10","actor":"anna","prev":"0000000000000000000000000000000000000000000000000000000000000000","data":{"organization":"Region Västmanland","formatVersion":1}}"#))
        #expect(bytes.last == 0x0A)
        #expect(head.hash == Array(bytes.dropLast()).withUnsafeBytes { SHA256.leafHash($0) })
        // Mode 0644: not writable by group or others.
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o022 == 0)
        #expect(throws: LedgerError.alreadyExists(path: path)) {
            var random = SeededGenerator(seed: 2)
            _ = try LedgerFile.create(path: path, organization: "Other", actor: "anna", clock: FixedClock(Fixture.start),
                                      random: &random)
        }
        #expect(Fixture.read(path) == bytes)
    }

    @Test("a batch is validated whole: one bad event and nothing is written")
    func batchIsAtomic() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 2)
        let before = Fixture.read(path)
        var random = SeededGenerator(seed: 9)
        var bad = Fixture.draft(3)
        bad.type = "Decision Recorded"
        bad.source = "input.jsonl:2"
        var notObject = Fixture.draft(4)
        notObject.data = .array([])
        notObject.source = "input.jsonl:3"
        do {
            _ = try LedgerFile.append(path: path, events: [Fixture.draft(2), bad, notObject], clock: FixedClock(Fixture.start),
                                      random: &random)
            Issue.record("append should have failed")
        } catch {
            guard case .invalidEvents(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.count == 2)
            #expect(problems[0].message.hasPrefix("input.jsonl:2: type: \"Decision Recorded\" is not an event type"))
            #expect(problems[1].message == "input.jsonl:3: data: must be a JSON object ({…})")
        }
        #expect(Fixture.read(path) == before)
    }

    @Test("--expect-seq refuses when the ledger has moved on")
    func expectSeq() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 2)
        var random = SeededGenerator(seed: 9)
        #expect(throws: LedgerError.unexpectedHead(path: path, expected: 2, actual: 3)) {
            _ = try LedgerFile.append(path: path, events: [Fixture.draft(5)], expectedSeq: 2, clock: SystemClock(), random: &random)
        }
        let result = try LedgerFile.append(path: path, events: [Fixture.draft(5)], expectedSeq: 3, clock: SystemClock(),
                                           random: &random)
        #expect(result.head.seq == 4)
        #expect(try LedgerVerifier.verify(path: path).failure == nil)
    }

    @Test("recorded time never goes backwards when the clock does")
    func clockGoesBackwards() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 1)
        let last = try LedgerFile.readHead(path: path)
        var random = SeededGenerator(seed: 4)
        let earlier = FixedClock(Timestamp(millisecondsSinceEpoch: last.recorded.millisecondsSinceEpoch - 3_600_000))
        let result = try LedgerFile.append(path: path, events: [Fixture.draft(1), Fixture.draft(2)], clock: earlier,
                                           random: &random)
        #expect(result.written.allSatisfy { $0.recorded == last.recorded })
        #expect(result.written[0].id > last.id)
        #expect(result.written[1].id > result.written[0].id)
        #expect(try LedgerVerifier.verify(path: path).failure == nil)
    }

    @Test("an append refuses while the tail is torn; repair moves exactly the torn bytes aside")
    func tornTailAndRepair() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 3)
        let intact = Fixture.read(path)
        let garbage: [UInt8] = Array(#"{"seq":5,"id":"019"#.utf8)
        Fixture.write(intact + garbage, to: path)
        var random = SeededGenerator(seed: 5)
        #expect(throws: LedgerError.tornTail(path: path, offset: intact.count, length: garbage.count,
                                             reason: "an incomplete last line with no final newline")) {
            _ = try LedgerFile.append(path: path, events: [Fixture.draft(9)], clock: SystemClock(), random: &random)
        }
        #expect(Fixture.read(path) == intact + garbage)
        let result = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        #expect(result.offset == intact.count)
        #expect(result.length == garbage.count)
        #expect(result.head?.seq == 4)
        #expect(Fixture.read(path) == intact)
        #expect(Fixture.read(result.quarantinePath) == garbage)
        #expect(result.quarantinePath == path + ".torn-20250610T100640000Z-at-\(intact.count)")
        #expect(try LedgerVerifier.verify(path: path).failure == nil)
        // Nothing left to repair.
        #expect(throws: LedgerError.nothingToRepair(path: path, lastSeq: 4)) {
            _ = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        }
        // Appending works again.
        _ = try LedgerFile.append(path: path, events: [Fixture.draft(9)], clock: SystemClock(), random: &random)
        #expect(try LedgerVerifier.verify(path: path).eventCount == 5)
    }

    @Test("a valid last line without its newline is a torn tail, never glued onto")
    func validLineWithoutNewline() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 3)
        let full = Fixture.read(path)
        let cut = Array(full.dropLast())
        Fixture.write(cut, to: path)
        let lastStart = (cut.lastIndex(of: 0x0A) ?? -1) + 1
        let report = try LedgerVerifier.verify(path: path)
        #expect(report.failure?.kind == .tornTail)
        #expect(report.failure?.message.contains("complete event without its final newline") == true)
        var random = SeededGenerator(seed: 5)
        #expect(throws: LedgerError.self) {
            _ = try LedgerFile.append(path: path, events: [Fixture.draft(9)], clock: SystemClock(), random: &random)
        }
        let result = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        #expect(result.offset == lastStart)
        #expect(Fixture.read(result.quarantinePath) == Array(cut[lastStart...]))
        #expect(try LedgerVerifier.verify(path: path).eventCount == 3)
    }

    @Test("zero bytes after the last newline are a torn tail, repaired exactly")
    func zeroBytesTail() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 2)
        let intact = Fixture.read(path)
        Fixture.write(intact + [UInt8](repeating: 0, count: 4096), to: path)
        let failure = try #require(try LedgerVerifier.verify(path: path).failure)
        #expect(failure.kind == .tornTail)
        #expect(failure.offset == intact.count)
        #expect(failure.message.contains("zero bytes"))
        let result = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        #expect(result.length == 4096)
        #expect(Fixture.read(path) == intact)
    }

    @Test("an unreadable last line that ends in a newline is moved aside by repair")
    func unreadableLastLine() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 2)
        let intact = Fixture.read(path)
        let garbage = Array("{\"seq\":4,\"id\":\n".utf8)
        Fixture.write(intact + garbage, to: path)
        let result = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        #expect(result.offset == intact.count)
        #expect(Fixture.read(result.quarantinePath) == garbage)
        #expect(Fixture.read(path) == intact)
    }

    @Test("repair refuses damage that is not a torn tail")
    func repairTouchesOnlyTheTail() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 3)
        var lines = Fixture.lines(Fixture.read(path))
        lines[1][lines[1].count - 5] ^= 0x01
        let damaged = Fixture.join(lines)
        Fixture.write(damaged, to: path)
        #expect(throws: LedgerError.nothingToRepair(path: path, lastSeq: 4)) {
            _ = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        }
        #expect(Fixture.read(path) == damaged)
    }

    @Test("read-only files and directories are refused before anything is attempted")
    func readOnly() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 1)
        let before = Fixture.read(path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        var random = SeededGenerator(seed: 5)
        #expect(throws: LedgerError.readOnlyFile(path: path)) {
            _ = try LedgerFile.append(path: path, events: [Fixture.draft(1)], clock: SystemClock(), random: &random)
        }
        #expect(Fixture.read(path) == before)
        // Reading still works.
        #expect(try LedgerVerifier.verify(path: path).failure == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)

        let sub = dir.file("ro")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: sub)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sub) }
        #expect(throws: LedgerError.readOnlyDirectory(path: sub)) {
            _ = try LedgerFile.create(path: sub + "/l.jsonl", organization: "X", actor: "a", clock: SystemClock(), random: &random)
        }
        #expect(throws: LedgerError.missingDirectory(path: dir.file("nope"))) {
            _ = try LedgerFile.append(path: dir.file("nope/l.jsonl"), events: [Fixture.draft(1)], clock: SystemClock(),
                                      random: &random)
        }
        #expect(throws: LedgerError.isDirectory(path: sub)) {
            _ = try LedgerFile.append(path: sub, events: [Fixture.draft(1)], clock: SystemClock(), random: &random)
        }
        let link = dir.file("link.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(throws: LedgerError.symbolicLink(path: link, target: path)) {
            _ = try LedgerFile.append(path: link, events: [Fixture.draft(1)], clock: SystemClock(), random: &random)
        }
        // Reading through the link works.
        #expect(try LedgerVerifier.verify(path: link).failure == nil)
    }
}
