import Foundation
import LiggareHash
import Testing
@testable import LiggareLog

/// Issue 8, item 3: every single-bit flip of a small ledger is detected at the right line, with the expected and
/// actual hash where a hash no longer matches; repair never changes anything for damage in a line before the last.
///
/// A flip in the last line that leaves it a valid line (a changed title, a later time, another id) leaves a file that
/// is consistent in itself: only a checkpoint of the original head catches it (docs/format.md §4, "What a checkpoint
/// adds"). The test asserts that every such flip is caught by `checkpoints: [original head]`, as `checkpoint-mismatch`.
@Suite("Faults: every bit flip")
struct FaultBitFlipTests {
    /// Five lines: ledger.opened and four events.
    static let original: [UInt8] = {
        let dir = try! TemporaryDirectory()
        let path = try! Fixture.ledger(in: dir, events: 4, seed: 8)
        return Fixture.read(path)
    }()

    static var lines: [[UInt8]] { Fixture.lines(original) }

    /// The byte offset at which each line starts.
    static var lineStarts: [Int] {
        var starts = [0]
        for (i, b) in original.enumerated() where b == 0x0A && i + 1 < original.count { starts.append(i + 1) }
        return starts
    }

    static func hash(_ bytes: some Collection<UInt8>) -> SHA256Digest { Array(bytes).withUnsafeBytes { SHA256.leafHash($0) } }

    static func isHex64(_ s: String?) -> Bool {
        guard let s, s.utf8.count == 64 else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    @Test("the unflipped ledger verifies")
    func intact() throws {
        let dir = try TemporaryDirectory()
        Fixture.write(Self.original, to: dir.file("l.jsonl"))
        #expect(try LedgerVerifier.verify(path: dir.file("l.jsonl")).eventCount == 5)
        #expect(Self.lines.count == 5)
    }

    /// Flips each bit of line `lineIndex` (1-based; its line feed included) and checks what verify and repair do.
    @Test("every bit flip in a line is detected at that line; repair changes nothing unless the last line is unreadable",
          arguments: 1...5)
    func flipEveryBit(_ lineIndex: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("flipped.jsonl")
        let lines = Self.lines
        let starts = Self.lineStarts
        let last = lines.count
        let start = starts[lineIndex - 1]
        let end = start + lines[lineIndex - 1].count // the line feed's offset
        let originalHashes = lines.map { Self.hash($0) }
        let head = Checkpoint(seq: last, hash: originalHashes[last - 1])
        var kinds: [String: Int] = [:]
        var caughtOnlyByCheckpoint = 0
        for position in start...end {
            for bit in 0..<8 {
                var bytes = Self.original
                bytes[position] ^= UInt8(1 << bit)
                let what = "line \(lineIndex), byte \(position - start) ('\(Character(Unicode.Scalar(Self.original[position])))'), bit \(bit)"
                Fixture.write(bytes, to: path)
                var report = try LedgerVerifier.verify(path: path)
                if report.failure == nil {
                    // Only possible for the last line: a checkpoint of the original head must catch it.
                    #expect(lineIndex == last, "\(what): not detected")
                    report = try LedgerVerifier.verify(path: path, checkpoints: [head])
                    let failure = try #require(report.failure, "\(what): not detected even with the checkpoint")
                    #expect(failure.kind == .checkpointMismatch, "\(what)")
                    #expect(failure.seq == last)
                    #expect(failure.expected == head.hash.hex)
                    #expect(failure.actual == Self.hash(bytes[start..<end]).hex)
                    caughtOnlyByCheckpoint += 1
                    kinds["checkpoint-mismatch", default: 0] += 1
                    continue
                }
                let failure = try #require(report.failure)
                kinds[failure.kind.rawValue, default: 0] += 1
                if lineIndex == last - 1, failure.kind == .altered, failure.line == last {
                    // Line 4 changed but still valid: the last line no longer points at it, and as the last line it
                    // cannot tell which of the two was altered, so both are named (docs/format.md §4).
                    #expect(failure.field == "prev", "\(what)")
                    #expect(failure.expected == Self.hash(bytes[start..<end]).hex, "\(what)")
                    #expect(failure.actual == originalHashes[lineIndex - 1].hex, "\(what)")
                    #expect(failure.message.hasSuffix("line \(lineIndex) was altered, or the prev of line \(last) was"), "\(what)")
                } else {
                    #expect(failure.line == lineIndex, "\(what): reported at line \(String(describing: failure.line)): \(failure.message)")
                }
                if failure.kind == .altered {
                    #expect(failure.expected != nil && failure.actual != nil, "\(what): altered without expected/actual")
                    if failure.field == "seq" {
                        #expect(failure.expected == String(lineIndex), "\(what)")
                    } else {
                        #expect(Self.isHex64(failure.expected) && Self.isHex64(failure.actual), "\(what)")
                        #expect(failure.expected != failure.actual)
                    }
                    if failure.field == nil {
                        // The line itself changed: expected is its old hash (as the next line records it), actual its new one.
                        #expect(failure.expected == originalHashes[lineIndex - 1].hex, "\(what)")
                        #expect(failure.actual == Self.hash(bytes[start..<end]).hex, "\(what)")
                    }
                }
                if position == end {
                    // The line feed itself: the line runs into the next one, or (last line) becomes a torn tail.
                    #expect(failure.kind == (lineIndex == last ? .tornTail : .invalidJSON), "\(what): \(failure.kind)")
                    #expect(failure.offset == start)
                }

                // Repair: for a line before the last, refuse and change nothing.
                var repaired: RepairResult?
                var refusal: LedgerError?
                do {
                    repaired = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
                } catch {
                    refusal = error
                }
                if lineIndex < last {
                    #expect(repaired == nil, "\(what): repair changed a ledger damaged in line \(lineIndex)")
                    #expect(Fixture.read(path) == bytes, "\(what): repair changed the file")
                    if let refusal {
                        switch refusal {
                        case .nothingToRepair(_, let seq): #expect(seq == last)
                        case .damagedLastLine(_, let offset, _): #expect(offset == start && lineIndex == last - 1 && position == end)
                        default: Issue.record("\(what): repair refused with \(refusal)")
                        }
                    }
                } else if let repaired {
                    // The last line could not be read: it is moved aside whole, exactly.
                    #expect(repaired.offset == start)
                    #expect(Fixture.read(repaired.quarantinePath) == Array(bytes[start...]))
                    #expect(Fixture.read(path) == Array(bytes[0..<start]))
                    #expect(repaired.head?.checkpoint == Checkpoint(seq: last - 1, hash: originalHashes[last - 2]))
                    try FileManager.default.removeItem(atPath: repaired.quarantinePath)
                } else {
                    #expect(Fixture.read(path) == bytes)
                }
            }
        }
        if lineIndex == last {
            #expect(caughtOnlyByCheckpoint > 0, "expected some last-line flips that only a checkpoint catches")
        } else {
            #expect(caughtOnlyByCheckpoint == 0)
        }
        // Every flip was counted once.
        #expect(kinds.values.reduce(0, +) == (end - start + 1) * 8)
    }

    /// Regression test for a bug found by ``flipEveryBit(_:)``: when the line feed between the last two lines changed
    /// into another byte, repair took the two lines run together for a torn tail and moved both acknowledged events
    /// into quarantine, after which the shorter ledger verified. Now it refuses, and so does append.
    @Test("the last two lines run together (their line feed changed) are damage, not a torn tail: repair and append refuse",
          arguments: [UInt8(ascii: "X"), 0x0B, 0x08, 0x2A, 0x0D, 0x20])
    func lastTwoLinesRunTogether(_ replacement: UInt8) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("merged.jsonl")
        let starts = Self.lineStarts
        var bytes = Self.original
        let feed = starts[4] - 1
        bytes[feed] = replacement
        Fixture.write(bytes, to: path)
        let failure = try #require(try LedgerVerifier.verify(path: path).failure)
        #expect(failure.line == 4)
        #expect(failure.offset == starts[3])
        let reason = "a complete line (seq 4) followed by \(bytes.count - feed - 1) other bytes before its line feed, "
            + "starting with byte 0x\(String(replacement, radix: 16))"
        #expect(throws: LedgerError.damagedLastLine(path: path, offset: starts[3], reason: reason)) {
            _ = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        }
        var random = SeededGenerator(seed: 3)
        #expect(throws: LedgerError.damagedLastLine(path: path, offset: starts[3], reason: reason)) {
            _ = try LedgerFile.append(path: path, events: [Fixture.draft(9)], clock: SystemClock(), random: &random)
        }
        #expect(Fixture.read(path) == bytes)
        #expect(LedgerError.damagedLastLine(path: path, offset: starts[3], reason: reason).message
            == "\(path) ends in a damaged line at byte offset \(starts[3]): \(reason). That is not an interrupted write but damage "
            + "to an event that was acknowledged, so nothing was written and `liggare repair` does not touch it. Run "
            + "`liggare verify`, and restore the ledger from a copy or a checkpoint.")
    }

    @Test("a last line with a carriage return before its line feed is damage: repair refuses; a complete line followed by zero bytes stays a torn write")
    func carriageReturnAndZeroAfterCompleteLine() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cr.jsonl")
        let lines = Self.lines
        let starts = Self.lineStarts
        let crlf = Fixture.join(Array(lines[0..<4])) + lines[4] + [0x0D, 0x0A]
        Fixture.write(crlf, to: path)
        #expect(throws: LedgerError.damagedLastLine(path: path, offset: starts[4],
                                                    reason: "a complete line (seq 5) followed by 1 other byte before its line feed, starting with byte 0xd")) {
            _ = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        }
        #expect(Fixture.read(path) == crlf)
        // A complete line whose line feed and what followed never reached the disk (zero bytes), then the end of a
        // later line of the same write: an interrupted write, moved aside whole.
        let torn = Fixture.join(Array(lines[0..<4])) + lines[4] + [0, 0, 0, 0] + Array(#"e"}}"#.utf8) + [0x0A]
        Fixture.write(torn, to: path)
        let result = try LedgerFile.repair(path: path, clock: FixedClock(Fixture.start))
        #expect(result.offset == starts[4])
        #expect(Fixture.read(result.quarantinePath) == Array(torn[starts[4]...]))
        #expect(Fixture.read(path) == Fixture.join(Array(lines[0..<4])))
    }
}
