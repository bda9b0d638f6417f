import Foundation
import LiggareDomain
import LiggareJSON
import Testing
@testable import LiggareCLI
@testable import LiggareLog

/// `liggare snapshot` and the queries that use one: the same answers with and without it, before and after new
/// appends, and a snapshot that no longer matches its ledger is never used.
@Suite("Snapshots on the command line")
struct SnapshotCLITests {
    /// A workspace with the sample ledger copied to events/l.jsonl.
    static func workspace() throws -> Workspace {
        let ws = try Workspace()
        try FileManager.default.createDirectory(atPath: ws.file("events"), withIntermediateDirectories: true)
        let sample = GuideTests.repository.appendingPathComponent("events/inkop-sormland-vastmanland.jsonl").path
        try FileManager.default.copyItem(atPath: sample, toPath: ws.file("events/l.jsonl"))
        return ws
    }

    static let queries: [[String]] = [
        ["status", "--at", "2025-10-01"], ["status", "--at", "2025-06-30", "--format", "json"],
        ["status", "--at", "2025-10-01", "--known-at", "seq:40", "--format", "csv"], ["status", "--organ", "IN", "--at", "2025-12-31"],
        ["assignments", "--at", "2025-10-01", "--format", "json"], ["assignments", "--at", "2024-12-31"],
        ["decisions", "--at", "2025-10-01", "--known-at", "2025-09-01"], ["controls", "--at", "2025-12-31", "--format", "json"],
        ["indicators", "--at", "2025-12-31"], ["policies", "--at", "2026-06-30", "--format", "md"], ["members", "--at", "2025-03-01"],
    ]

    /// Every query's output with snapshots off, and with the environment given.
    static func answers(_ ws: Workspace, _ environment: [String: String]) -> [String] {
        queries.map { query in
            let result = ws.run(query + ["--ledger", "events/l.jsonl"], environment: environment)
            return "\(result.code)\n\(result.stdout)\(result.stderr)"
        }
    }

    static func status(_ ws: Workspace) throws -> JSONValue {
        try JSONReader.parse(ws.run(["snapshot", "--status", "--format", "json", "--ledger", "events/l.jsonl"]).stdout)
    }

    @Test("queries answer the same with and without a snapshot, also after new appends; always refreshes it")
    func sameAnswers() throws {
        let ws = try Self.workspace()
        let expected = Self.answers(ws, ["LIGGARE_SNAPSHOT": "off"])
        #expect(expected.allSatisfy { $0.hasPrefix("0\n") })
        #expect(try Self.status(ws)["state"]?.stringValue == "absent")
        // The sample ledger is small: auto does not write a snapshot by itself.
        _ = Self.answers(ws, [:])
        #expect(!FileManager.default.fileExists(atPath: ws.file(".liggare/l.jsonl.snapshot")))

        let written = ws.run(["snapshot", "--ledger", "events/l.jsonl", "--format", "json"])
        #expect(written.code == 0, "\(written.stderr)")
        #expect(try JSONReader.parse(written.stdout)["seq"]?.int64Value == 83)
        #expect(FileManager.default.fileExists(atPath: ws.file(".liggare/l.jsonl.snapshot")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.file("events")) == ["l.jsonl"])
        #expect(String(decoding: ws.read(".liggare/.gitignore"), as: UTF8.self).hasSuffix("*\n"))
        // Nothing is left of the scratch and temporary files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.file(".liggare")).sorted() == [".gitignore", "l.jsonl.snapshot"])
        // The file built while reading the ledger holds exactly the payload made from the ledger in memory.
        let inMemory = try #require(SnapshotCodec.encode(try GovernanceLoading.load(path: ws.file("events/l.jsonl"))))
        #expect(Array(ws.read(".liggare/l.jsonl.snapshot").dropFirst(128)) == inMemory)
        let current = try Self.status(ws)
        #expect(current["state"]?.stringValue == "current")
        #expect(current["newerLines"]?.int64Value == 0)
        #expect(Self.answers(ws, [:]) == expected)

        // New events after the snapshot, some effective before its latest dates: a decision, an assignment, a
        // correction of an event the snapshot holds, an annulment.
        let more = """
        {"type":"meeting.held","effective":"2025-09-10","data":{"organ":"IN","place":"Eskilstuna"}}
        {"type":"decision.recorded","effective":"2025-09-10","data":{"organ":"IN","meeting":"IN-2025-09-10","paragraph":90,"title":"Uppföljning av avtal"}}
        {"type":"assignment.issued","effective":"2025-09-10","data":{"decision":"IN-2025-§90","receiver":"Förbundschefen","description":"Följ upp avtalen","due":"2025-11-30"}}
        {"type":"event.corrected","effective":"2025-09-11","data":{"event":"seq:85","fields":{"title":"Uppföljning av ramavtal"},"reason":"Fel rubrik"}}
        """
        let appended = ws.run(["append", "--ledger", "events/l.jsonl"], stdin: Array(more.utf8))
        #expect(appended.code == 0, "\(appended.stderr)")
        #expect(try Self.status(ws)["newerLines"]?.int64Value == 4)
        let afterAppend = Self.answers(ws, ["LIGGARE_SNAPSHOT": "off"])
        #expect(afterAppend != expected)
        #expect(Self.answers(ws, [:]) == afterAppend)
        #expect(try Self.status(ws)["newerLines"]?.int64Value == 4)

        // always: the first query that read newer lines writes a new snapshot.
        _ = ws.run(["status", "--ledger", "events/l.jsonl"], environment: ["LIGGARE_SNAPSHOT": "always"])
        let refreshed = try Self.status(ws)
        #expect(refreshed["seq"]?.int64Value == 87)
        #expect(refreshed["newerLines"]?.int64Value == 0)
        #expect(Self.answers(ws, [:]) == afterAppend)

        let deleted = ws.run(["snapshot", "--delete", "--ledger", "events/l.jsonl"])
        #expect(deleted.code == 0 && deleted.stdout.hasPrefix("deleted "))
        #expect(try Self.status(ws)["state"]?.stringValue == "absent")
        #expect(Self.answers(ws, [:]) == afterAppend)
    }

    @Test("a snapshot that no longer matches its ledger is not used, and says why", arguments: ["replaced", "changed", "shorter", "header", "damaged"])
    func mismatch(_ change: String) throws {
        let ws = try Self.workspace()
        #expect(ws.run(["snapshot", "--ledger", "events/l.jsonl"]).code == 0)
        let ledger = ws.file("events/l.jsonl")
        var bytes = ws.read("events/l.jsonl")
        let lastLineStart = (bytes.dropLast().lastIndex(of: 0x0A) ?? -1) + 1
        switch change {
        case "replaced":
            // A new file with other bytes in place of the old one (as a checkout of another version leaves it). The
            // file system may give it the old inode number again; then the changed line gives it away.
            try FileManager.default.removeItem(atPath: ledger)
            bytes[bytes.count - 3] = bytes[bytes.count - 3] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            try Data(bytes).write(to: URL(fileURLWithPath: ledger))
        case "changed":
            // One character of the last line changed in place.
            let handle = try #require(FileHandle(forUpdatingAtPath: ledger))
            let at = try #require(bytes[lastLineStart...].firstRange(of: Array("Inköp".utf8))?.lowerBound
                                  ?? bytes[lastLineStart...].firstIndex(of: UInt8(ascii: "a")))
            try handle.seek(toOffset: UInt64(at))
            try handle.write(contentsOf: [bytes[at] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")])
            try handle.close()
            bytes = ws.read("events/l.jsonl")
        case "shorter":
            let handle = try #require(FileHandle(forUpdatingAtPath: ledger))
            try handle.truncate(atOffset: UInt64(lastLineStart))
            try handle.close()
        case "header":
            // A line length no ledger line can have, in the snapshot's header.
            var snapshot = ws.read(".liggare/l.jsonl.snapshot")
            for i in 40..<48 { snapshot[i] = 0x7F }
            try Data(snapshot).write(to: URL(fileURLWithPath: ws.file(".liggare/l.jsonl.snapshot")))
        default:
            // The snapshot's own payload damaged after its header.
            var snapshot = ws.read(".liggare/l.jsonl.snapshot")
            for i in 128..<144 { snapshot[i] = 0x3F }
            try Data(snapshot).write(to: URL(fileURLWithPath: ws.file(".liggare/l.jsonl.snapshot")))
        }
        let status = try Self.status(ws)
        if change == "damaged" {
            // The header still matches; the damage shows when a query reads the payload, which deletes it.
            #expect(status["state"]?.stringValue == "current")
        } else {
            #expect(status["state"]?.stringValue == "unusable")
            let reason = status["reason"]?.stringValue ?? ""
            let expectedWords = ["replaced": ["replaced", "line 83 has changed"], "changed": ["line 83 has changed"],
                                 "shorter": ["shorter"], "header": ["damaged header"]][change] ?? []
            #expect(expectedWords.contains { reason.contains($0) }, "\(reason)")
        }
        let without = Self.answers(ws, ["LIGGARE_SNAPSHOT": "off"])
        #expect(Self.answers(ws, [:]) == without)
        if change == "damaged" { #expect(try Self.status(ws)["state"]?.stringValue == "absent") }
    }

    @Test("record checks with a snapshot as without one: the same completed events and the same errors")
    func record() throws {
        let ws = try Self.workspace()
        #expect(ws.run(["snapshot", "--ledger", "events/l.jsonl"]).code == 0)
        let commands: [[String]] = [
            ["assignment", "--decision", "IN-2025-§31", "--receiver", "Förbundschefen", "--description", "Utred", "--due", "2026-03-31"],
            ["decision", "--organ", "IN", "--meeting", "IN-2025-06-12", "--paragraph", "77", "--title", "Nytt beslut"],
            ["decision", "--organ", "IN", "--meeting", "IN-2025-06-12", "--paragraph", "30", "--title", "Samma paragraf"],
            ["control-point", "--plan", "IKP-IN-2025", "--risk", "R", "--risk-type", "processrisk", "--likelihood", "2",
             "--consequence", "2", "--area", "Avtal", "--point", "P", "--method", "M", "--responsible", "X", "--frequency", "årligen",
             "--effective", "2025-06-12"],
            ["progress", "--assignment", "U-2021-01", "--text", "Pågår"],
            ["progress", "--assignment", "U-2099-01", "--text", "Finns inte"],
            ["meeting", "--organ", "INX", "--effective", "2025-12-01"],
            ["audit", "--auditors", "Revisorerna", "--title", "Granskning", "--assessment", "Godtagbar", "--effective", "2025-12-01"],
            ["note", "--text", "Anteckning", "--effective", "2025-12-01"],
        ]
        for command in commands {
            let arguments = ["record"] + command + ["--dry-run", "--ledger", "events/l.jsonl"]
            let with = ws.run(arguments)
            let without = ws.run(arguments, environment: ["LIGGARE_SNAPSHOT": "off"])
            #expect(with.code == without.code && with.stdout == without.stdout && with.stderr == without.stderr,
                    "\(command): \(with.stdout)\(with.stderr) ≠ \(without.stdout)\(without.stderr)")
        }
        // A real record: the snapshot stays current and the new line is read after it.
        let recorded = ws.run(["record"] + commands[0] + ["--ledger", "events/l.jsonl", "--format", "json"])
        #expect(recorded.code == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("U-2025-"))
        #expect(try Self.status(ws)["newerLines"]?.int64Value == 1)
        #expect(Self.answers(ws, [:]) == Self.answers(ws, ["LIGGARE_SNAPSHOT": "off"]))
    }

    @Test("auto: a query that had to read 4,096 lines or more writes the snapshot; fewer newer lines leave it be")
    func auto() throws {
        let ws = try Self.workspace()
        func notes(_ count: Int, from: Int) -> [UInt8] {
            Array((from..<from + count).map { #"{"type":"note.added","effective":"2025-12-01","data":{"text":"Anteckning \#($0)"}}"# }
                .joined(separator: "\n").utf8)
        }
        #expect(ws.run(["append", "--ledger", "events/l.jsonl"], stdin: notes(4100, from: 0)).code == 0)
        let expected = ws.run(["status", "--at", "2025-12-31", "--ledger", "events/l.jsonl"], environment: ["LIGGARE_SNAPSHOT": "off"])
        #expect(try Self.status(ws)["state"]?.stringValue == "absent")
        let first = ws.run(["status", "--at", "2025-12-31", "--ledger", "events/l.jsonl"])
        #expect(first.stdout == expected.stdout && first.code == 0)
        #expect(first.stderr.isEmpty, "the notice about writing a snapshot goes to a terminal only")
        let written = try Self.status(ws)
        #expect(written["state"]?.stringValue == "current")
        #expect(written["seq"]?.int64Value == Int64(83 + 4100))
        // 100 more lines: used and not rewritten.
        #expect(ws.run(["append", "--ledger", "events/l.jsonl"], stdin: notes(100, from: 4100)).code == 0)
        _ = ws.run(["assignments", "--ledger", "events/l.jsonl"])
        let after = try Self.status(ws)
        #expect(after["seq"]?.int64Value == Int64(83 + 4100))
        #expect(after["newerLines"]?.int64Value == 100)
        // Off: not used, not written.
        _ = ws.run(["snapshot", "--delete", "--ledger", "events/l.jsonl"])
        _ = ws.run(["status", "--ledger", "events/l.jsonl"], environment: ["LIGGARE_SNAPSHOT": "off"])
        #expect(try Self.status(ws)["state"]?.stringValue == "absent")
    }

    @Test("snapshot's usage errors and help")
    func usage() throws {
        let ws = try Self.workspace()
        let both = ws.run(["snapshot", "--status", "--delete", "--ledger", "events/l.jsonl"])
        #expect(both.code == 64)
        #expect(both.stderr.contains("--status and --delete cannot be combined"))
        let help = ws.run(["snapshot", "--help"])
        #expect(help.code == 0 && help.stdout.hasPrefix("USAGE: liggare snapshot [--status | --delete]"))
        #expect(ws.run(["snapshot", "--delete", "--ledger", "events/l.jsonl"]).stdout.hasPrefix("there is no snapshot at "))
        for arguments in [["snapshot"], ["snapshot", "--status"]] {
            let missing = ws.run(arguments + ["--ledger", "events/none.jsonl"])
            #expect(missing.code == 1 && missing.stderr.contains("no ledger at "), "\(arguments): \(missing.stderr)")
        }
    }
}
