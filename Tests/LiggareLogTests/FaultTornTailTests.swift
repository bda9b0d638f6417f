import Foundation
import LiggareHash
import Testing
@testable import LiggareLog

/// Issue 8, items 1 and 2: torn tails. A crash can leave bytes after the last line feed (or zero bytes); verify names
/// them with their byte offset, every append refuses them, and repair moves exactly those bytes into a quarantine
/// file. Nothing complete is ever lost. (TamperTests.cutLastLine and AppendTests cover verify alone and one repair;
/// these tests repair at every offset and for many kinds of garbage.)
@Suite("Faults: torn tails, garbage after the last line, and repair")
struct FaultTornTailTests {
    static let repairClock = FixedClock(Timestamp(millisecondsSinceEpoch: 1_749_560_000_123)) // 2025-06-10T12:53:20.123Z

    /// A ledger of 6 lines (ledger.opened + 5 events) and its bytes.
    static func ledger() throws -> (TemporaryDirectory, String, [UInt8]) {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 5)
        return (dir, path, Fixture.read(path))
    }

    static func hash(_ line: [UInt8]) -> SHA256Digest { line.withUnsafeBytes { SHA256.leafHash($0) } }

    /// The quarantine path repair uses for a torn tail at `offset` with ``repairClock``.
    static func quarantine(_ path: String, _ offset: Int) -> String { "\(path).torn-20250610T125320123Z-at-\(offset)" }

    /// Appending one event, expecting the exact torn-tail refusal, and that the file is unchanged.
    static func expectAppendRefused(_ path: String, offset: Int, length: Int, reason: String) {
        let before = Fixture.read(path)
        var random = SeededGenerator(seed: 11)
        #expect(throws: LedgerError.tornTail(path: path, offset: offset, length: length, reason: reason)) {
            _ = try LedgerFile.append(path: path, events: [Fixture.draft(99)], clock: SystemClock(), random: &random)
        }
        #expect(Fixture.read(path) == before, "a refused append changed the file")
    }

    @Test("cut at every byte offset of the last line: verify names the torn tail, append refuses, repair quarantines exactly the cut bytes")
    func repairAtEveryCut() throws {
        let (dir, path, bytes) = try Self.ledger()
        let lines = Fixture.lines(bytes)
        let lastStart = bytes.count - lines[5].count - 1
        let head5 = Checkpoint(seq: 5, hash: Self.hash(lines[4]))
        for cut in (lastStart + 1)..<bytes.count {
            let cutPath = dir.file("cut-\(cut).jsonl")
            Fixture.write(Array(bytes[0..<cut]), to: cutPath)
            let length = cut - lastStart
            // verify: torn-tail at the start of the last line, after line 5.
            let report = try LedgerVerifier.verify(path: cutPath)
            let failure = try #require(report.failure, "cut at \(cut) not detected")
            #expect(failure.kind == .tornTail)
            #expect(failure.line == 6)
            #expect(failure.offset == lastStart)
            #expect(failure.actual == "\(length) bytes")
            #expect(failure.message.hasPrefix("torn tail: \(length) byte\(length == 1 ? "" : "s") at byte offset \(lastStart), after line 5, have no final newline"))
            #expect(report.eventCount == 5)
            #expect(report.head == head5)
            // append: refused, nothing written.
            let complete = cut == bytes.count - 1
            let reason = complete ? "a complete line without its final newline, never acknowledged"
                : "an incomplete last line with no final newline"
            Self.expectAppendRefused(cutPath, offset: lastStart, length: length, reason: reason)
            // repair: exactly the torn bytes move to the quarantine file; lines 1-5 stay byte for byte.
            let result = try LedgerFile.repair(path: cutPath, clock: Self.repairClock)
            #expect(result.offset == lastStart)
            #expect(result.length == length)
            #expect(result.reason == reason)
            #expect(result.quarantinePath == Self.quarantine(cutPath, lastStart))
            #expect(result.remainingProblem == nil)
            #expect(result.head?.checkpoint == head5)
            #expect(Fixture.read(result.quarantinePath) == Array(bytes[lastStart..<cut]))
            #expect(Fixture.read(cutPath) == Array(bytes[0..<lastStart]))
            #expect(try LedgerVerifier.verify(path: cutPath, checkpoints: [head5]).failure == nil)
        }
    }

    /// Garbage after the last line feed that has no line feed of its own.
    static let garbageKinds: [(String, [UInt8], String)] = [
        ("ASCII text", Array("hello, world".utf8), "an incomplete last line with no final newline"),
        ("the start of a JSON line", Array(#"{"seq":7,"id":"01"#.utf8), "an incomplete last line with no final newline"),
        ("invalid UTF-8", [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80], "an incomplete last line with no final newline"),
        ("a UTF-8 byte order mark", [0xEF, 0xBB, 0xBF], "an incomplete last line with no final newline"),
        ("a lone carriage return", [0x0D], "an incomplete last line with no final newline"),
        ("one zero byte", [0], "zero bytes with no final newline"),
        ("7 zero bytes", [UInt8](repeating: 0, count: 7), "zero bytes with no final newline"),
        ("512 zero bytes", [UInt8](repeating: 0, count: 512), "zero bytes with no final newline"),
        ("4096 zero bytes", [UInt8](repeating: 0, count: 4096), "zero bytes with no final newline"),
        // Longer than the 64 KiB window readHead looks at first, so it must read further back.
        ("65,537 zero bytes", [UInt8](repeating: 0, count: 65_537), "zero bytes with no final newline"),
        ("zero bytes then text", [UInt8](repeating: 0, count: 100) + Array("abc".utf8), "an incomplete last line with no final newline"),
        ("text then zero bytes", Array(#"{"seq":7,"#.utf8) + [UInt8](repeating: 0, count: 300), "an incomplete last line with no final newline"),
        ("200 KiB of text", [UInt8](repeating: UInt8(ascii: "x"), count: 200 << 10), "an incomplete last line with no final newline"),
    ]

    @Test("garbage without a line feed after the last line: named at its offset, appends refused, repair moves exactly it",
          arguments: 0..<garbageKinds.count)
    func garbageTail(_ index: Int) throws {
        let (name, garbage, reason) = Self.garbageKinds[index]
        let (dir, path, intact) = try Self.ledger()
        defer { _ = dir }
        Fixture.write(intact + garbage, to: path)
        let failure = try #require(try LedgerVerifier.verify(path: path).failure, "\(name) not detected")
        #expect(failure.kind == .tornTail, "\(name)")
        #expect(failure.offset == intact.count)
        #expect(failure.line == 7)
        #expect(failure.message.hasPrefix("torn tail: \(garbage.count) byte\(garbage.count == 1 ? "" : "s") at byte offset \(intact.count), after line 6"))
        Self.expectAppendRefused(path, offset: intact.count, length: garbage.count, reason: reason)
        let result = try LedgerFile.repair(path: path, clock: Self.repairClock)
        #expect(result.offset == intact.count)
        #expect(result.length == garbage.count)
        #expect(result.reason == reason)
        #expect(Fixture.read(result.quarantinePath) == garbage, "\(name): quarantine differs")
        #expect(Fixture.read(path) == intact, "\(name): a complete line was changed")
        #expect(try LedgerVerifier.verify(path: path).eventCount == 6)
        // The next append works.
        var random = SeededGenerator(seed: 12)
        let appended = try LedgerFile.append(path: path, events: [Fixture.draft(6)], clock: SystemClock(), random: &random)
        #expect(appended.head.seq == 7)
        #expect(try LedgerVerifier.verify(path: path).failure == nil)
    }

    @Test("garbage that contains a line feed: verify names the unreadable line, two repairs move the torn tail and then the unreadable line, each exactly")
    func garbageWithNewline() throws {
        let (dir, path, intact) = try Self.ledger()
        defer { _ = dir }
        let unreadable = Array(#"{"seq":7,"id":"019"#.utf8)
        let tail = Array("tail".utf8)
        Fixture.write(intact + unreadable + [0x0A] + tail, to: path)
        let failure = try #require(try LedgerVerifier.verify(path: path).failure)
        #expect(failure.kind == .invalidJSON)
        #expect(failure.line == 7)
        #expect(failure.offset == intact.count)
        #expect(failure.message == "line 7 (byte offset \(intact.count)): not valid JSON: unterminated string: the input ends before the closing '\"' at column 15")
        Self.expectAppendRefused(path, offset: intact.count + unreadable.count + 1, length: tail.count,
                                 reason: "an incomplete last line with no final newline")
        // First repair: the bytes after the last line feed.
        let first = try LedgerFile.repair(path: path, clock: Self.repairClock)
        #expect(first.offset == intact.count + unreadable.count + 1)
        #expect(Fixture.read(first.quarantinePath) == tail)
        #expect(first.head == nil)
        #expect(first.remainingProblem == "\(path) ends in a torn tail: \(unreadable.count + 1) bytes at byte offset \(intact.count) "
            + "(the last line cannot be read: not valid JSON: unterminated string: the input ends before the closing '\"' at column 15). "
            + "Nothing was written. Run `liggare repair` to move the torn bytes aside.")
        #expect(Fixture.read(path) == intact + unreadable + [0x0A])
        // Second repair: the unreadable last line, with its line feed.
        let second = try LedgerFile.repair(path: path, clock: FixedClock(Timestamp(millisecondsSinceEpoch: 1_749_560_000_124)))
        #expect(second.offset == intact.count)
        #expect(Fixture.read(second.quarantinePath) == unreadable + [0x0A])
        #expect(second.head?.seq == 6)
        #expect(Fixture.read(path) == intact)
        #expect(try LedgerVerifier.verify(path: path).failure == nil)
    }

    @Test("a run of zero bytes that ends in a line feed is an unreadable last line: repair moves it exactly", arguments: [1, 64, 70_000])
    func zeroLineWithNewline(_ count: Int) throws {
        let (dir, path, intact) = try Self.ledger()
        defer { _ = dir }
        let zeros = [UInt8](repeating: 0, count: count) + [0x0A]
        Fixture.write(intact + zeros, to: path)
        let failure = try #require(try LedgerVerifier.verify(path: path).failure)
        #expect(failure.kind == .invalidJSON)
        #expect(failure.line == 7)
        #expect(failure.offset == intact.count)
        let result = try LedgerFile.repair(path: path, clock: Self.repairClock)
        #expect(result.offset == intact.count)
        #expect(result.length == count + 1)
        #expect(result.reason.hasPrefix("the last line cannot be read: not valid JSON: "))
        #expect(Fixture.read(result.quarantinePath) == zeros)
        #expect(Fixture.read(path) == intact)
    }

    // MARK: Item 2: a valid last line without its newline

    @Test("a valid last line without its line feed is a torn tail: verify names it, append refuses (never glues), repair quarantines it")
    func validLastLineWithoutNewline() throws {
        let (dir, path, full) = try Self.ledger()
        let lines = Fixture.lines(full)
        let lastStart = full.count - lines[5].count - 1
        Fixture.write(Array(full.dropLast()), to: path)
        // verify
        let report = try LedgerVerifier.verify(path: path)
        let failure = try #require(report.failure)
        #expect(failure.kind == .tornTail)
        #expect(failure.line == 6)
        #expect(failure.offset == lastStart)
        #expect(failure.message == "torn tail: \(lines[5].count) bytes at byte offset \(lastStart), after line 5, have no final "
            + "newline (a complete event without its final newline; it was never acknowledged). `liggare repair` moves them "
            + "aside into a quarantine file")
        #expect(report.eventCount == 5)
        // readHead and append: refused with the documented reason; the file is not touched.
        #expect(throws: LedgerError.tornTail(path: path, offset: lastStart, length: lines[5].count,
                                             reason: "a complete line without its final newline, never acknowledged")) {
            _ = try LedgerFile.readHead(path: path)
        }
        Self.expectAppendRefused(path, offset: lastStart, length: lines[5].count,
                                 reason: "a complete line without its final newline, never acknowledged")
        // repair: the line, without a newline, goes to quarantine; the ledger ends at line 5.
        let result = try LedgerFile.repair(path: path, clock: Self.repairClock)
        #expect(result.offset == lastStart)
        #expect(Fixture.read(result.quarantinePath) == lines[5])
        #expect(result.head?.seq == 5)
        #expect(Fixture.read(path) == Array(full[0..<lastStart]))
        // It was never acknowledged, so a checkpoint that names it is not in the ledger.
        let named = Checkpoint(seq: 6, hash: Self.hash(lines[5]))
        #expect(try LedgerVerifier.verify(path: path, checkpoints: [named]).failure?.kind == .checkpointMissing)
        _ = dir
    }
}
