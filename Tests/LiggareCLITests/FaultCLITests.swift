import Foundation
import LiggareHash
import LiggareJSON
import Testing
@testable import LiggareCLI
@testable import LiggareLog

/// Issue 8 through the command line, in process: tampering caught by `verify` with the exact text and JSON output and
/// exit code 1 (item 4), read-only and misplaced ledgers (item 6), a clock that goes back (item 10), and hostile text
/// (item 11).
@Suite("Faults: the command line")
struct FaultCLITests {
    static let start: Int64 = 1_749_550_000_000 // 2025-06-10T10:06:40.000Z
    static func clock(_ seconds: Int64) -> FixedClock { FixedClock(Timestamp(millisecondsSinceEpoch: start + seconds * 1000)) }

    /// A workspace with events/ledger.jsonl: ledger.opened and `count` notes, one second apart.
    static func ledger(events count: Int, organization: String = "Region Sörmland") throws -> Workspace {
        let ws = try Workspace()
        let created = ws.run(["init", "--organization", organization], clock: clock(0))
        #expect(created.code == 0, "\(created.stderr)")
        for i in 1...max(count, 1) where count > 0 {
            let r = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"note \#(i)"}"#],
                           clock: clock(Int64(i)))
            #expect(r.code == 0, "\(r.stderr)")
        }
        return ws
    }

    static let ledgerName = "events/ledger.jsonl"
    static func lines(_ ws: Workspace) -> [[UInt8]] {
        ws.read(ledgerName).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
    }
    static func write(_ ws: Workspace, _ bytes: [UInt8]) { _ = FileManager.default.createFile(atPath: ws.file(ledgerName), contents: Data(bytes)) }
    static func join(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }
    static func hash(_ line: [UInt8]) -> String { line.withUnsafeBytes { SHA256.leafHash($0) }.hex }
    static func offset(of lineNumber: Int, in lines: [[UInt8]]) -> Int { lines[0..<(lineNumber - 1)].reduce(0) { $0 + $1.count + 1 } }

    /// The exact `verify --format json` line for a failure.
    static func failureJSON(events: Int, bytes: Int, head: (Int, String)?, checkpoints: [(Int, String)] = [],
                            kind: String, line: Int?, seq: Int?, offset: Int?, field: String?, expected: String?,
                            actual: String?, message: String) -> String {
        func int(_ n: Int?) -> JSONValue { n.map { .number(JSONNumber(Int64($0))) } ?? .null }
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func pair(_ p: (Int, String)) -> JSONValue { .object(JSONObject([(key: "seq", value: int(p.0)), (key: "hash", value: .string(p.1))])) }
        let failure = JSONValue.object(JSONObject([
            (key: "kind", value: .string(kind)), (key: "line", value: int(line)), (key: "seq", value: int(seq)),
            (key: "offset", value: int(offset)), (key: "field", value: str(field)), (key: "expected", value: str(expected)),
            (key: "actual", value: str(actual)), (key: "message", value: .string(message)),
        ]))
        let report = JSONValue.object(JSONObject([
            (key: "ok", value: .bool(false)), (key: "events", value: int(events)), (key: "bytes", value: int(bytes)),
            (key: "organization", value: .string("Region Sörmland")), (key: "head", value: head.map(pair) ?? .null),
            (key: "checkpoints", value: .array(checkpoints.map(pair))), (key: "failure", value: failure),
        ]))
        return String(decoding: JSONWriter.serialize(report), as: UTF8.self) + "\n"
    }

    /// Runs `verify` as text and as JSON and checks both outputs and the exit code 1.
    static func expectVerifyFailure(_ ws: Workspace, checkpoints: [String] = [], text: String, json: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        let args = ["verify"] + checkpoints.flatMap { ["--checkpoint", $0] }
        let plain = ws.run(args)
        #expect(plain.code == 1, sourceLocation: sourceLocation)
        #expect(plain.stdout == text, sourceLocation: sourceLocation)
        #expect(plain.stderr.isEmpty, sourceLocation: sourceLocation)
        let structured = ws.run(args + ["--format", "json"])
        #expect(structured.code == 1, sourceLocation: sourceLocation)
        #expect(structured.stdout == json, sourceLocation: sourceLocation)
    }

    // MARK: Item 4: removed, doubled, moved lines; truncation, older copies, other chains

    @Test("a deleted line: verify prints 'missing' at the line, exit 1, text and JSON exactly")
    func deletedLine() throws {
        let ws = try Self.ledger(events: 4)
        var lines = Self.lines(ws)
        let h2 = Self.hash(lines[1])
        lines.remove(at: 2)
        Self.write(ws, Self.join(lines))
        let offset = Self.offset(of: 3, in: lines)
        let message = "line 3 (byte offset \(offset)) has seq 4 but seq 3 was expected: seq 3 is missing (1 line removed before line 3)"
        Self.expectVerifyFailure(ws, text: "FAILED  missing: \(message)\nintact  2 lines before it, up to 2:\(h2)\n",
                                 json: Self.failureJSON(events: 2, bytes: Self.join(lines).count, head: (2, h2), kind: "missing",
                                                        line: 3, seq: 4, offset: offset, field: "seq", expected: "3", actual: "4",
                                                        message: message))
    }

    @Test("a duplicated line: verify prints 'duplicated', naming the original")
    func duplicatedLine() throws {
        let ws = try Self.ledger(events: 4)
        var lines = Self.lines(ws)
        let h3 = Self.hash(lines[2])
        lines.insert(lines[2], at: 3)
        Self.write(ws, Self.join(lines))
        let offset = Self.offset(of: 4, in: lines)
        let message = "line 4 (byte offset \(offset)) is a duplicate of line 3 (seq 3); seq 4 was expected there"
        Self.expectVerifyFailure(ws, text: "FAILED  duplicated: \(message)\nintact  3 lines before it, up to 3:\(h3)\n",
                                 json: Self.failureJSON(events: 3, bytes: Self.join(lines).count, head: (3, h3), kind: "duplicated",
                                                        line: 4, seq: 3, offset: offset, field: "seq", expected: "4", actual: "3",
                                                        message: message))
    }

    @Test("two swapped lines: verify prints 'reordered', saying where the expected seq is")
    func swappedLines() throws {
        let ws = try Self.ledger(events: 4)
        var lines = Self.lines(ws)
        let h2 = Self.hash(lines[1])
        lines.swapAt(2, 3)
        Self.write(ws, Self.join(lines))
        let offset = Self.offset(of: 3, in: lines)
        let message = "line 3 (byte offset \(offset)) has seq 4 but seq 3 was expected; seq 3 is at line 4: the lines were reordered"
        Self.expectVerifyFailure(ws, text: "FAILED  reordered: \(message)\nintact  2 lines before it, up to 2:\(h2)\n",
                                 json: Self.failureJSON(events: 2, bytes: Self.join(lines).count, head: (2, h2), kind: "reordered",
                                                        line: 3, seq: 4, offset: offset, field: "seq", expected: "3", actual: "4",
                                                        message: message))
    }

    @Test("lines reordered (line 2 moved to the end): verify prints 'reordered' at line 2")
    func reorderedLines() throws {
        let ws = try Self.ledger(events: 4)
        var lines = Self.lines(ws)
        let h1 = Self.hash(lines[0])
        lines.append(lines.remove(at: 1))
        Self.write(ws, Self.join(lines))
        let offset = Self.offset(of: 2, in: lines)
        let message = "line 2 (byte offset \(offset)) has seq 3 but seq 2 was expected; seq 2 is at line 5: the lines were reordered"
        Self.expectVerifyFailure(ws, text: "FAILED  reordered: \(message)\nintact  1 line before it, up to 1:\(h1)\n",
                                 json: Self.failureJSON(events: 1, bytes: Self.join(lines).count, head: (1, h1), kind: "reordered",
                                                        line: 2, seq: 3, offset: offset, field: "seq", expected: "2", actual: "3",
                                                        message: message))
    }

    @Test("truncated at a line boundary, or replaced by an older copy: verify alone passes; verify --checkpoint with the saved head fails with 'checkpoint-missing'",
          arguments: ["truncated", "older copy"])
    func truncatedOrOlderCopy(_ how: String) throws {
        let ws = try Self.ledger(events: 2)
        let olderCopy = ws.read(Self.ledgerName)
        for i in 3...4 {
            #expect(ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"note \#(i)"}"#],
                           clock: Self.clock(Int64(i))).code == 0)
        }
        let saved = ws.run(["checkpoint"]).stdout.trimmingCharacters(in: .newlines)
        let full = Self.lines(ws)
        #expect(saved == "5:\(Self.hash(full[4]))")
        if how == "truncated" {
            Self.write(ws, Self.join(Array(full[0..<3])))
        } else {
            Self.write(ws, olderCopy)
        }
        #expect(ws.read(Self.ledgerName) == olderCopy) // appending never changes earlier bytes: both are the same file
        let h3 = Self.hash(full[2])
        let alone = ws.run(["verify"])
        #expect(alone.code == 0)
        #expect(alone.stdout == "OK  3 events, \(olderCopy.count) bytes: every line is intact and chained\norganisation  Region Sörmland\nhead          3:\(h3)\n")
        let message = "checkpoint \(saved) names seq 5, but the ledger ends at seq 3: it was truncated or replaced by another history"
        Self.expectVerifyFailure(ws, checkpoints: [saved],
                                 text: "FAILED  checkpoint-missing: \(message)\nintact  3 lines before it, up to 3:\(h3)\n",
                                 json: Self.failureJSON(events: 3, bytes: olderCopy.count, head: (3, h3), kind: "checkpoint-missing",
                                                        line: nil, seq: 5, offset: nil, field: nil,
                                                        expected: String(saved.dropFirst(2)), actual: nil, message: message))
    }

    @Test("replaced by a different valid chain of the same length: verify alone passes; --checkpoint fails with 'checkpoint-mismatch' and both hashes")
    func differentChain() throws {
        let ws = try Self.ledger(events: 4)
        let saved = ws.run(["checkpoint"]).stdout.trimmingCharacters(in: .newlines)
        let savedAt2 = "2:" + Self.hash(Self.lines(ws)[1])
        let other = try Self.ledger(events: 4) // same organisation, actor, times and texts; other random ids
        let forged = other.read(Self.ledgerName)
        #expect(forged.count == ws.read(Self.ledgerName).count)
        #expect(forged != ws.read(Self.ledgerName))
        Self.write(ws, forged)
        let lines = Self.lines(ws)
        #expect(ws.run(["verify"]).code == 0)
        let h5 = Self.hash(lines[4]), h4 = Self.hash(lines[3]), h2 = Self.hash(lines[1]), h1 = Self.hash(lines[0])
        let message = "checkpoint \(saved) does not hold: line 5 now has hash \(h5). The history up to seq 5 was rewritten or replaced."
        // The line that contradicts the checkpoint is the failure; the lines before it are consistent in themselves.
        Self.expectVerifyFailure(ws, checkpoints: [saved],
                                 text: "FAILED  checkpoint-mismatch: \(message)\nintact  4 lines before it, up to 4:\(h4)\n",
                                 json: Self.failureJSON(events: 4, bytes: forged.count, head: (4, h4), kind: "checkpoint-mismatch",
                                                        line: 5, seq: 5, offset: Self.offset(of: 5, in: lines), field: "hash",
                                                        expected: String(saved.dropFirst(2)), actual: h5, message: message))
        // An older checkpoint is caught at its own seq, before the rest is read.
        let early = "checkpoint \(savedAt2) does not hold: line 2 now has hash \(h2). The history up to seq 2 was rewritten or replaced."
        Self.expectVerifyFailure(ws, checkpoints: [savedAt2],
                                 text: "FAILED  checkpoint-mismatch: \(early)\nintact  1 line before it, up to 1:\(h1)\n",
                                 json: Self.failureJSON(events: 1, bytes: forged.count, head: (1, h1), kind: "checkpoint-mismatch",
                                                        line: 2, seq: 2, offset: Self.offset(of: 2, in: lines), field: "hash",
                                                        expected: String(savedAt2.dropFirst(2)), actual: h2, message: early))
    }

    // MARK: Item 6: read-only, missing, a directory, a symbolic link

    @Test("a read-only ledger file (no write bit, even for root): append and repair refused before anything is written; verify, log and checkpoint work")
    func readOnlyFile() throws {
        let ws = try Self.ledger(events: 2)
        let path = ws.file(Self.ledgerName)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let before = ws.read(Self.ledgerName)
        let refusal = "liggare: error: the ledger \(path) is read-only: nothing was written. Read commands (verify, log, checkpoint) still work.\n"
        let append = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#])
        #expect(append.code == 1)
        #expect(append.stderr == refusal)
        #expect(append.stdout.isEmpty)
        let repair = ws.run(["repair"])
        #expect(repair.code == 1)
        #expect(repair.stderr == refusal)
        #expect(ws.read(Self.ledgerName) == before)
        #expect(ws.run(["verify"]).code == 0)
        #expect(ws.run(["log"]).code == 0)
        let checkpoint = ws.run(["checkpoint"])
        #expect(checkpoint.code == 0)
        #expect(checkpoint.stdout == "3:\(Self.hash(Self.lines(ws)[2]))\n")
    }

    @Test("a read-only directory: init refused; repair of a torn tail refused (its quarantine file cannot be made) and nothing truncated")
    func readOnlyDirectory() throws {
        let ws = try Self.ledger(events: 1)
        let events = ws.file("events")
        let path = ws.file(Self.ledgerName)
        let intact = ws.read(Self.ledgerName)
        Self.write(ws, intact + Array(#"{"seq":3,"#.utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: events)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: events) }
        let refusal = "liggare: error: the directory \(events) is read-only: no file can be created there; nothing was written.\n"
        let initResult = ws.run(["init", "--organization", "X", "--ledger", "events/other.jsonl"])
        #expect(initResult.code == 1)
        #expect(initResult.stderr == refusal)
        #expect(!FileManager.default.fileExists(atPath: ws.file("events/other.jsonl")))
        let repair = ws.run(["repair"])
        #expect(repair.code == 1)
        #expect(repair.stderr == refusal)
        #expect(ws.read(Self.ledgerName) == intact + Array(#"{"seq":3,"#.utf8))
        // verify still reads it and names the torn tail.
        let verify = ws.run(["verify", "--format", "json"])
        #expect(verify.code == 1)
        #expect(try JSONReader.parse(verify.stdout)["failure"]?["kind"] == "torn-tail")
        _ = path
    }

    @Test("a missing directory: every command names it, exit 1")
    func missingDirectory() throws {
        let ws = try Workspace()
        let missing = ws.file("nowhere")
        let message = "liggare: error: the directory \(missing) does not exist.\n"
        for args in [["init", "--organization", "X"], ["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#],
                     ["verify"], ["log"], ["checkpoint"], ["repair"]] {
            let r = ws.run(args + ["--ledger", "nowhere/ledger.jsonl"])
            #expect(r.code == 1, "\(args[0])")
            #expect(r.stderr == message, "\(args[0]): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("the ledger path is a directory: every command says so, exit 1")
    func pathIsDirectory() throws {
        let ws = try Self.ledger(events: 1)
        try FileManager.default.createDirectory(atPath: ws.file("events/dir.jsonl"), withIntermediateDirectories: false)
        let message = "liggare: error: \(ws.file("events/dir.jsonl")) is a directory, not a ledger file. Name the .jsonl file itself with --ledger.\n"
        for args in [["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#],
                     ["verify"], ["log"], ["checkpoint"], ["repair"]] {
            let r = ws.run(args + ["--ledger", "events/dir.jsonl"])
            #expect(r.code == 1, "\(args[0])")
            #expect(r.stderr == message, "\(args[0]): \(r.stderr)")
        }
        let again = ws.run(["init", "--organization", "X", "--ledger", "events/dir.jsonl"])
        #expect(again.code == 1)
        #expect(again.stderr.hasSuffix("already exists; init never overwrites a file. Choose another path with --ledger.\n"))
    }

    @Test("the ledger path is a symbolic link to somewhere else: append and repair refused, naming the target; verify, log and checkpoint read through it")
    func symbolicLink() throws {
        let ws = try Self.ledger(events: 2)
        let elsewhere = try Workspace()
        let target = elsewhere.file("real.jsonl")
        try FileManager.default.copyItem(atPath: ws.file(Self.ledgerName), toPath: target)
        let link = ws.file("events/link.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let before = elsewhere.read("real.jsonl")
        let refusal = "liggare: error: \(link) is a symbolic link to \(target). Liggare writes only to the real file: pass --ledger \(target)\n"
        let append = ws.run(["append", "--ledger", "events/link.jsonl", "--type", "note.added", "--effective", "2025-06-10",
                             "--data", #"{"text":"x"}"#])
        #expect(append.code == 1)
        #expect(append.stderr == refusal)
        let repair = ws.run(["repair", "--ledger", "events/link.jsonl"])
        #expect(repair.code == 1)
        #expect(repair.stderr == refusal)
        #expect(elsewhere.read("real.jsonl") == before)
        for args in [["verify"], ["log"], ["checkpoint"]] {
            #expect(ws.run(args + ["--ledger", "events/link.jsonl"]).code == 0, "\(args[0])")
        }
        // Through the target itself, appending works.
        #expect(ws.run(["append", "--ledger", target, "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#]).code == 0)
    }

    /// Regression: a dangling link was reported as "no ledger at PATH. Create one with: liggare init … --ledger PATH",
    /// advice that init then refused ("already exists").
    @Test("the ledger path is a symbolic link to nothing: every command names the link and its target, exit 1")
    func danglingSymbolicLink() throws {
        let ws = try Self.ledger(events: 1)
        let link = ws.file("events/gone.jsonl")
        let target = ws.file("events/moved-away.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let message = "liggare: error: \(link) is a symbolic link to \(target). Liggare writes only to the real file: pass --ledger \(target)\n"
        for args in [["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#],
                     ["verify"], ["log"], ["checkpoint"], ["repair"]] {
            let r = ws.run(args + ["--ledger", "events/gone.jsonl"])
            #expect(r.code == 1, "\(args[0])")
            #expect(r.stderr == message, "\(args[0]): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    // MARK: Item 10: a clock that goes backwards

    @Test("the clock goes back between appends: recorded stays at the last recorded time, ids keep increasing, verify passes")
    func clockGoesBack() throws {
        let ws = try Self.ledger(events: 1) // line 2 recorded at start + 1 s
        let steps: [Int64] = [-3600, -86_400 * 400, 1, 0, 5, -2]
        for (i, seconds) in steps.enumerated() {
            let r = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"step \#(i)"}"#],
                           clock: Self.clock(seconds))
            #expect(r.code == 0, "\(r.stderr)")
        }
        // A batch under a clock far behind: one recorded time for the whole batch, the last line's.
        let batch = (0..<3).map { #"{"type":"note.added","effective":"2025-06-10","data":{"text":"batch \#($0)"}}"# }.joined(separator: "\n")
        #expect(ws.run(["append"], stdin: Array(batch.utf8), clock: Self.clock(-10_000)).code == 0)
        let json = try JSONReader.parse(ws.run(["log", "--format", "json"]).stdout)
        let events = try #require(json.arrayValue)
        let recorded = events.map { $0["recorded"]?.stringValue ?? "" }
        #expect(recorded == ["2025-06-10T10:06:40.000Z", "2025-06-10T10:06:41.000Z", "2025-06-10T10:06:41.000Z",
                             "2025-06-10T10:06:41.000Z", "2025-06-10T10:06:41.000Z", "2025-06-10T10:06:41.000Z",
                             "2025-06-10T10:06:45.000Z", "2025-06-10T10:06:45.000Z", "2025-06-10T10:06:45.000Z",
                             "2025-06-10T10:06:45.000Z", "2025-06-10T10:06:45.000Z"])
        let ids = events.compactMap { $0["id"]?.stringValue.flatMap(EventID.init) }
        #expect(ids.count == events.count)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }, "ids not strictly increasing")
        #expect(ids.allSatisfy { $0.isVersion7 })
        #expect(ws.run(["verify"]).code == 0)
    }

    // MARK: Item 11: hostile text

    static let hostile = "<script>alert(1)</script> =HYPERLINK(\"http://evil.example\",\"x\") \u{1B}[2J\u{1B}[31mröd\u{1B}[0m "
        + "\u{1B}]8;;http://evil.example\u{07}länk\u{1B}]8;;\u{07} \u{9B}31m \u{202E}txet\u{202C} \u{2066}iso\u{2069} \u{200F}rlm"

    @Test("hostile text in actor and data: stored as given, inert in log text and messages, exact in JSON output")
    func hostileText() throws {
        let ws = try Self.ledger(events: 0, organization: "Region Sörmland")
        var data: [UInt8] = []
        JSONWriter.write(.object(JSONObject([(key: "text", value: .string(Self.hostile))])), into: &data)
        let r = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", String(decoding: data, as: UTF8.self),
                        "--actor", Self.hostile])
        #expect(r.code == 0, "\(r.stderr)")
        // Stored as given: JSON-escaped control characters, everything else raw.
        let line = Self.lines(ws)[1]
        let stored = try JSONReader.parse(line)
        #expect(stored["actor"]?.stringValue == Self.hostile)
        #expect(stored["data"]?["text"]?.stringValue == Self.hostile)
        #expect(String(decoding: line, as: UTF8.self).contains(#""actor":"<script>alert(1)</script> =HYPERLINK(\"http://evil.example\",\"x\") \u001b[2J"#))
        // log text: no control character or bidirectional control reaches the terminal.
        for terminal in [false, true] {
            let log = ws.run(["log"], terminal: terminal)
            #expect(log.code == 0)
            let scalars = log.stdout.unicodeScalars
            #expect(!scalars.contains { $0.value < 0x20 && $0 != "\n" }, "a control character in log output")
            #expect(!scalars.contains { (0x7F...0x9F).contains($0.value) })
            #expect(!scalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) || $0.value == 0x200F })
            #expect(log.stdout.contains(#"<script>alert(1)</script> =HYPERLINK("http://evil.example","x") \u{1b}[2J\u{1b}[31mröd\u{1b}[0m \u{1b}]8;;http://evil.example\u{7}länk\u{1b}]8;;\u{7} \u{9b}31m \u{202e}txet\u{202c} \u{2066}iso\u{2069} \u{200f}rlm"#))
        }
        // JSON output carries the text exactly, escaped.
        let json = ws.run(["log", "--format", "json"])
        #expect(!json.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let events = try #require(try JSONReader.parse(json.stdout).arrayValue)
        #expect(events[1]["actor"]?.stringValue == Self.hostile)
        #expect(events[1]["data"]?["text"]?.stringValue == Self.hostile)
        // Error messages: hostile input is echoed inert.
        let badType = ws.run(["append", "--type", "note.\u{1B}[31madded\u{202E}", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#])
        #expect(badType.code == 1)
        #expect(badType.stderr.contains(#"note.\u{1b}[31madded\u{202e}"#), "\(badType.stderr)")
        #expect(!badType.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        let badDate = ws.run(["append", "--type", "note.added", "--effective", "2025\u{1B}[2J-06-10", "--data", #"{"text":"x"}"#])
        #expect(badDate.code == 1)
        #expect(!badDate.stderr.unicodeScalars.contains { $0.value == 0x1B }, "\(badDate.stderr)")
        #expect(badDate.stderr.contains(#"2025\u{1b}[2J-06-10"#))
        // An organisation name with escapes is shown inert by init and verify.
        let other = try Workspace()
        let created = other.run(["init", "--organization", "Region \u{1B}[31mX\u{202E}"])
        #expect(created.code == 0)
        #expect(created.stdout.contains(#"for Region \u{1b}[31mX\u{202e}"#))
        let verify = other.run(["verify"])
        #expect(verify.stdout.contains(#"organisation  Region \u{1b}[31mX\u{202e}"#))
        #expect(!verify.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test("a hostile key in a stored line is named inert by verify")
    func hostileKeyInVerify() throws {
        let ws = try Self.ledger(events: 1)
        var lines = Self.lines(ws)
        let text = String(decoding: lines[1], as: UTF8.self).replacingOccurrences(of: #","data":"#, with: #","\u001b[2J\u202e":1,"data":"#)
        lines[1] = Array(text.utf8)
        Self.write(ws, Self.join(lines))
        let verify = ws.run(["verify"])
        #expect(verify.code == 1)
        #expect(verify.stdout.contains(#"unexpected field "\u{1b}[2J\u{202e}""#), "\(verify.stdout)")
        #expect(!verify.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        let json = try JSONReader.parse(ws.run(["verify", "--format", "json"]).stdout)
        #expect(json["failure"]?["kind"] == "invalid-line")
        #expect(json["failure"]?["line"]?.int64Value == 2)
    }
}
