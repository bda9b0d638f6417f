import Foundation
import LiggareJSON
@testable import LiggareLog

typealias SeededGenerator = SeededRandom

/// A fresh temporary directory, removed when the value is deinitialised.
final class TemporaryDirectory {
    let path: String
    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/liggare-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

enum Fixture {
    static let start = Timestamp(millisecondsSinceEpoch: 1_749_550_000_000) // 2025-06-10T10:06:40Z

    /// Creates a ledger with `count` events after ledger.opened (so `count + 1` lines), one millisecond apart.
    static func ledger(in dir: TemporaryDirectory, name: String = "ledger.jsonl", events count: Int,
                       seed: UInt64 = 1) throws -> String {
        let path = dir.file(name)
        var random = SeededGenerator(seed: seed)
        _ = try LedgerFile.create(path: path, organization: "Inköp Sörmland-Västmanland", actor: "anna",
                                  clock: FixedClock(start), random: &random)
        for i in 0..<count {
            let clock = FixedClock(Timestamp(millisecondsSinceEpoch: start.millisecondsSinceEpoch + Int64(i + 1) * 1000))
            _ = try LedgerFile.append(path: path, events: [draft(i)], clock: clock, random: &random)
        }
        return path
    }

    static func draft(_ i: Int, type: String = "decision.recorded") -> EventDraft {
        let data = try! JSONReader.parse(#"{"paragraph":\#(i + 40),"title":"Beslut nr \#(i) om inköpspolicy för Västmanland"}"#)
        return EventDraft(type: type, effective: CivilDate("2025-06-10")!, actor: "anna.svensson", data: data)
    }

    static func read(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }
    static func write(_ bytes: [UInt8], to path: String) { _ = FileManager.default.createFile(atPath: path, contents: Data(bytes)) }

    /// The lines of a file, each without its newline (a last fragment without newline included).
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        for b in bytes {
            if b == 0x0A { result.append(current); current = [] } else { current.append(b) }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func join(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }
}
