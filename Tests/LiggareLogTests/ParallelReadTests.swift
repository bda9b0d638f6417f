import Foundation
import LiggareHash
import Testing
@testable import LiggareLog

/// Verify and the bulk reader split every read buffer between threads. These tests use ledgers long enough for the
/// split to happen (a batch of 256 lines or more) and damage lines on both sides of the split points, and check
/// that any number of threads gives exactly the single-threaded answer.
@Suite("Parallel verify and read")
struct ParallelReadTests {
    /// A ledger of 1,201 lines.
    static func makeLedger() throws -> (TemporaryDirectory, String, [[UInt8]]) {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 1_200)
        return (dir, path, Fixture.lines(Fixture.read(path)))
    }

    static func reports(_ bytes: [UInt8], in dir: TemporaryDirectory, checkpoints: [Checkpoint] = []) throws -> [VerificationReport] {
        let path = dir.file("damaged.jsonl")
        Fixture.write(bytes, to: path)
        return try [1, 2, 3, 7].map { try LedgerVerifier.verify(path: path, checkpoints: checkpoints, workers: $0) }
    }

    /// Line indexes around the split points of 2, 3 and 7 workers in a batch of 1,201 lines, and the ends.
    static let places: [Int] = {
        var places: Set<Int> = [1, 2, 1_199, 1_200]
        for parts in [2, 3, 7] {
            for part in 1..<parts {
                let first = 1_201 * part / parts
                places.formUnion([first - 1, first, first + 1])
            }
        }
        return places.sorted()
    }()

    @Test("the intact ledger gives the same report with 1, 2, 3 and 7 threads")
    func intact() throws {
        let (dir, path, lines) = try Self.makeLedger()
        let reports = try Self.reports(Fixture.read(path), in: dir)
        for report in reports {
            #expect(report.failure == nil)
            #expect(report.eventCount == 1_201)
            #expect(report.head == Checkpoint(seq: 1_201, hash: lines[1_200].withUnsafeBytes { SHA256.leafHash($0) }))
        }
    }

    @Test("a changed byte, a removed line and swapped lines at every split point are named alike by any thread count")
    func damageAtSplitPoints() throws {
        let (dir, _, lines) = try Self.makeLedger()
        for place in Self.places {
            var altered = lines
            // Change a digit of the title (the line stays valid JSON; the chain breaks).
            if let i = altered[place].lastIndex(of: UInt8(ascii: "1")) { altered[place][i] = UInt8(ascii: "2") }
            var removed = lines
            removed.remove(at: place)
            var swapped = lines
            swapped.swapAt(place, place - 1)
            var garbage = lines
            garbage[place] = Array("{\"seq\":".utf8)
            // A changed or removed last line leaves a consistent chain: only a checkpoint catches it (format.md §4).
            let detectable: [(name: String, lines: [[UInt8]], found: Bool)] = [
                ("altered", altered, place < 1_200), ("removed", removed, place < 1_200), ("swapped", swapped, true),
                ("garbage", garbage, true),
            ]
            for (name, damaged, found) in detectable {
                let reports = try Self.reports(Fixture.join(damaged), in: dir)
                #expect((reports[0].failure != nil) == found, "\(name) line \(place + 1)")
                for report in reports.dropFirst() {
                    #expect(report == reports[0], "line \(place + 1): \(String(describing: report.failure?.message))")
                }
            }
        }
    }

    @Test("a checkpoint is checked the same way by any thread count")
    func checkpoints() throws {
        let (dir, path, lines) = try Self.makeLedger()
        let good = Checkpoint(seq: 700, hash: lines[699].withUnsafeBytes { SHA256.leafHash($0) })
        let wrong = Checkpoint(seq: 800, hash: good.hash)
        let reports = try Self.reports(Fixture.read(path), in: dir, checkpoints: [good, wrong])
        #expect(reports[0].failure?.kind == .checkpointMismatch)
        #expect(reports[0].confirmedCheckpoints == [good])
        for report in reports.dropFirst() { #expect(report == reports[0]) }
    }

    @Test("the bulk reader returns every line in order, like the streaming reader, and names the first bad line")
    func bulkReader() throws {
        let (dir, path, lines) = try Self.makeLedger()
        var streamed: [String] = []
        try LedgerReader.forEach(path: path) { entry in
            streamed.append("\(entry.lineNumber) \(entry.offset) \(entry.line.seq) \(entry.hash.hex)")
            return true
        }
        for workers in [1, 2, 5] {
            let mapped = try LedgerReader.map(path: path, workers: workers) { entry in
                "\(entry.lineNumber) \(entry.offset) \(entry.line.seq) \(entry.hash.hex)"
            }
            #expect(mapped == streamed)
        }
        // Two bad lines: the first in file order is reported, whichever thread read it.
        var damaged = lines
        damaged[900] = Array("not json".utf8)
        damaged[300] = Array("{}".utf8)
        let bad = dir.file("bad.jsonl")
        Fixture.write(Fixture.join(damaged), to: bad)
        for workers in [1, 2, 5] {
            #expect(throws: ReadFailure.self) { _ = try LedgerReader.map(path: bad, workers: workers) { $0.lineNumber } }
            do {
                _ = try LedgerReader.map(path: bad, workers: workers) { $0.lineNumber }
            } catch let failure as ReadFailure {
                #expect(failure.line == 301)
            }
        }
    }
}
