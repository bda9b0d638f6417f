import Foundation
import LiggareHash
import Testing
@testable import LiggareLog

/// The tamper matrix: each kind of damage to a small ledger is detected and named exactly.
@Suite("Tamper matrix")
struct TamperTests {
    /// A ledger of 6 lines (ledger.opened + 5 decisions); line 3 is the middle line tampered with.
    static func makeLedger() throws -> (TemporaryDirectory, String, [[UInt8]]) {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 5)
        return (dir, path, Fixture.lines(Fixture.read(path)))
    }

    static func verify(_ bytes: [UInt8], in dir: TemporaryDirectory, checkpoints: [Checkpoint] = []) throws -> VerificationReport {
        let path = dir.file("tampered.jsonl")
        Fixture.write(bytes, to: path)
        return try LedgerVerifier.verify(path: path, checkpoints: checkpoints)
    }

    @Test("the untouched ledger verifies, with its head")
    func intact() throws {
        let (dir, path, lines) = try Self.makeLedger()
        let report = try LedgerVerifier.verify(path: path)
        #expect(report.failure == nil)
        #expect(report.eventCount == 6)
        #expect(report.organization == "Inköp Sörmland-Västmanland")
        let lastHash = lines[5].withUnsafeBytes { SHA256.leafHash($0) }
        #expect(report.head == Checkpoint(seq: 6, hash: lastHash))
        _ = dir
    }

    /// The byte range of each top-level value of a line, found by searching for `"key":`.
    static func valueRanges(_ line: [UInt8]) -> [(String, Range<Int>)] {
        let text = String(decoding: line, as: UTF8.self)
        var result: [(String, Range<Int>)] = []
        let keys = ["seq", "id", "type", "recorded", "effective", "actor", "prev", "data"]
        for (i, key) in keys.enumerated() {
            let marker = Array("\"\(key)\":".utf8)
            guard let start = line.firstRange(of: marker)?.upperBound else { continue }
            let end: Int
            if i + 1 < keys.count, let next = line.firstRange(of: Array(",\"\(keys[i + 1])\":".utf8)) {
                end = next.lowerBound
            } else {
                end = line.count - 1
            }
            result.append((key, start..<end))
        }
        #expect(result.count == 8, "could not find every field in \(text)")
        return result
    }

    @Test("flipping any byte of any field of a middle line is detected at that line")
    func flipEachFieldOfMiddleLine() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var flips = 0
        for (field, range) in Self.valueRanges(lines[2]) {
            for position in range {
                var tampered = lines
                tampered[2][position] ^= 0x01
                if tampered[2][position] == 0x0A { continue } // a new line break is the "split line" case below
                let report = try Self.verify(Fixture.join(tampered), in: dir)
                let failure = try #require(report.failure, "flip in \(field) at byte \(position) not detected")
                #expect(failure.line == 3, "flip in \(field) at byte \(position): \(failure.message)")
                #expect([.altered, .invalidJSON, .invalidLine, .idNotIncreasing, .recordedBackwards].contains(failure.kind),
                        "flip in \(field): \(failure.kind)")
                flips += 1
            }
        }
        #expect(flips > 200)
    }

    @Test("a changed title in the middle is named as an altered line, with both hashes")
    func alteredTitle() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var tampered = lines
        let text = String(decoding: tampered[2], as: UTF8.self).replacingOccurrences(of: "Beslut nr 1", with: "Beslut nr 9")
        tampered[2] = Array(text.utf8)
        let report = try Self.verify(Fixture.join(tampered), in: dir)
        let failure = try #require(report.failure)
        #expect(failure.kind == .altered)
        #expect(failure.line == 3)
        #expect(failure.seq == 3)
        let newHash = tampered[2].withUnsafeBytes { SHA256.leafHash($0) }.hex
        let oldHash = lines[2].withUnsafeBytes { SHA256.leafHash($0) }.hex
        #expect(failure.actual == newHash)
        #expect(failure.expected == oldHash)
        #expect(failure.message == "line 3 (seq 3) was altered: its hash is now \(newHash), but line 4 records prev \(oldHash)")
        #expect(report.eventCount == 2)
    }

    @Test("a changed prev is named as that line altered")
    func alteredPrev() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var tampered = lines
        let range = try #require(Self.valueRanges(tampered[2]).first { $0.0 == "prev" }?.1)
        tampered[2][range.lowerBound + 5] = tampered[2][range.lowerBound + 5] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let failure = try #require(try Self.verify(Fixture.join(tampered), in: dir).failure)
        #expect(failure.kind == .altered)
        #expect(failure.line == 3)
        #expect(failure.field == "prev")
    }

    @Test("a changed seq is named as that line altered")
    func alteredSeq() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var tampered = lines
        tampered[2] = Array(String(decoding: tampered[2], as: UTF8.self).replacingOccurrences(of: #"{"seq":3,"#, with: #"{"seq":7,"#).utf8)
        let failure = try #require(try Self.verify(Fixture.join(tampered), in: dir).failure)
        #expect(failure.kind == .altered)
        #expect(failure.line == 3)
        #expect(failure.field == "seq")
    }

    @Test("a deleted line is named as missing")
    func deletedLine() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var tampered = lines
        tampered.remove(at: 2)
        let failure = try #require(try Self.verify(Fixture.join(tampered), in: dir).failure)
        #expect(failure.kind == .missing)
        #expect(failure.line == 3)
        #expect(failure.seq == 4)
        #expect(failure.message.contains("seq 3 is missing"))
    }

    @Test("two deleted lines are named as missing, with the range")
    func deletedTwoLines() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var tampered = lines
        tampered.removeSubrange(2...3)
        let failure = try #require(try Self.verify(Fixture.join(tampered), in: dir).failure)
        #expect(failure.kind == .missing)
        #expect(failure.message.contains("seq 3–4 are missing"))
    }

    @Test("two swapped lines are named as reordered")
    func swappedLines() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var tampered = lines
        tampered.swapAt(2, 3)
        let failure = try #require(try Self.verify(Fixture.join(tampered), in: dir).failure)
        #expect(failure.kind == .reordered)
        #expect(failure.line == 3)
        #expect(failure.message.contains("seq 3 is at line 4"))
    }

    @Test("a duplicated line is named as a duplicate of the original")
    func duplicatedLine() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var tampered = lines
        tampered.insert(lines[2], at: 3)
        let failure = try #require(try Self.verify(Fixture.join(tampered), in: dir).failure)
        #expect(failure.kind == .duplicated)
        #expect(failure.line == 4)
        #expect(failure.message.contains("duplicate of line 3"))
    }

    @Test("a line moved to the end is named as reordered")
    func movedLine() throws {
        let (dir, _, lines) = try Self.makeLedger()
        var tampered = lines
        let moved = tampered.remove(at: 1)
        tampered.append(moved)
        let failure = try #require(try Self.verify(Fixture.join(tampered), in: dir).failure)
        #expect(failure.kind == .reordered)
        #expect(failure.line == 2)
    }

    @Test("cutting the file at every byte offset of the last line")
    func cutLastLine() throws {
        let (dir, path, lines) = try Self.makeLedger()
        let bytes = Fixture.read(path)
        let lastStart = bytes.count - lines[5].count - 1
        let head5 = Checkpoint(seq: 6, hash: lines[5].withUnsafeBytes { SHA256.leafHash($0) })
        for cut in lastStart..<bytes.count {
            let report = try Self.verify(Array(bytes[0..<cut]), in: dir)
            if cut == lastStart {
                // Cut at a line boundary: consistent in itself; only a checkpoint catches it.
                #expect(report.failure == nil)
                #expect(report.eventCount == 5)
                let withCheckpoint = try Self.verify(Array(bytes[0..<cut]), in: dir, checkpoints: [head5])
                #expect(withCheckpoint.failure?.kind == .checkpointMissing)
            } else {
                let failure = try #require(report.failure, "cut at \(cut)")
                #expect(failure.kind == .tornTail)
                #expect(failure.offset == lastStart)
                #expect(failure.line == 6)
                #expect(failure.message.contains("\(cut - lastStart) byte"))
            }
        }
    }

    @Test("a checkpoint catches an older copy, truncation and a different valid chain")
    func checkpoints() throws {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 5, seed: 1)
        let original = Fixture.read(path)
        let head = try LedgerFile.readHead(path: path).checkpoint
        let older = try LedgerFile.readHead(path: path)
        #expect(older.seq == 6)
        // The head confirms the ledger itself.
        let ok = try LedgerVerifier.verify(path: path, checkpoints: [head])
        #expect(ok.failure == nil)
        #expect(ok.confirmedCheckpoints == [head])
        // A checkpoint taken at seq 3 still holds after more appends.
        let lines = Fixture.lines(original)
        let at3 = Checkpoint(seq: 3, hash: lines[2].withUnsafeBytes { SHA256.leafHash($0) })
        #expect(try LedgerVerifier.verify(path: path, checkpoints: [at3]).failure == nil)
        // Replaced by an older copy (the first 4 lines): consistent in itself, caught by the checkpoint.
        let olderCopy = Fixture.join(Array(lines[0..<4]))
        #expect(try Self.verify(olderCopy, in: dir).failure == nil)
        #expect(try Self.verify(olderCopy, in: dir, checkpoints: [head]).failure?.kind == .checkpointMissing)
        // Replaced by a different valid chain of the same length.
        let otherDir = try TemporaryDirectory()
        let otherPath = try Fixture.ledger(in: otherDir, events: 5, seed: 2)
        let other = Fixture.read(otherPath)
        #expect(try Self.verify(other, in: dir).failure == nil)
        let failure = try #require(try Self.verify(other, in: dir, checkpoints: [head]).failure)
        #expect(failure.kind == .checkpointMismatch)
        #expect(failure.seq == 6)
        // A changed last line that stays valid: undetectable alone, caught by the checkpoint.
        var lastChanged = lines
        lastChanged[5] = Array(String(decoding: lines[5], as: UTF8.self).replacingOccurrences(of: "Beslut nr 4", with: "Beslut nr 8").utf8)
        #expect(try Self.verify(Fixture.join(lastChanged), in: dir).failure == nil)
        #expect(try Self.verify(Fixture.join(lastChanged), in: dir, checkpoints: [head]).failure?.kind == .checkpointMismatch)
    }

    @Test("CR line endings, a BOM, a blank line and an empty file are named")
    func encodingDamage() throws {
        let (dir, _, lines) = try Self.makeLedger()
        let crlf: [UInt8] = lines.flatMap { $0 + [UInt8(0x0D), UInt8(0x0A)] }
        let crFailure = try #require(try Self.verify(crlf, in: dir).failure)
        #expect(crFailure.line == 1)
        #expect(crFailure.message.contains("carriage return"))

        let bom = [0xEF, 0xBB, 0xBF] + Fixture.join(lines)
        let bomFailure = try #require(try Self.verify(bom, in: dir).failure)
        #expect(bomFailure.line == 1)
        #expect(bomFailure.message.lowercased().contains("byte order mark"))

        var blank = lines
        blank.insert([], at: 3)
        let blankFailure = try #require(try Self.verify(Fixture.join(blank), in: dir).failure)
        #expect(blankFailure.line == 4)
        #expect(blankFailure.kind == .invalidLine)

        let empty = try #require(try Self.verify([], in: dir).failure)
        #expect(empty.kind == .empty)
    }

    @Test("recorded time going backwards is named")
    func recordedBackwards() throws {
        // Build a chain by hand whose line 3 is recorded before line 2, with a correct chain.
        let dir = try TemporaryDirectory()
        let path = dir.file("ledger.jsonl")
        var random = SeededGenerator(seed: 3)
        _ = try LedgerFile.create(path: path, organization: "Region", actor: "a", clock: FixedClock(Fixture.start), random: &random)
        let lines = Fixture.lines(Fixture.read(path))
        var bytes = Fixture.join(lines)
        var prev = lines[0].withUnsafeBytes { SHA256.leafHash($0) }
        var lastID = try #require(EventID("\(String(decoding: lines[0][15..<51], as: UTF8.self))"))
        for (seq, time) in [(2, "2025-06-10T12:00:00.000Z"), (3, "2025-06-10T11:00:00.000Z")] {
            lastID = EventID.next(milliseconds: 1_749_550_000_000, after: lastID, using: &random)
            let line = #"{"seq":\#(seq),"id":"\#(lastID)","type":"note.added","recorded":"\#(time)","effective":"2025-06-10","actor":"a","prev":"\#(prev.hex)","data":{}}"#
            bytes += Array(line.utf8) + [0x0A]
            prev = Array(line.utf8).withUnsafeBytes { SHA256.leafHash($0) }
        }
        let failure = try #require(try Self.verify(bytes, in: dir).failure)
        #expect(failure.kind == .recordedBackwards)
        #expect(failure.line == 3)
        #expect(failure.field == "recorded")
    }
}
