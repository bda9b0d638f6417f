import Foundation
import LiggareHash
import LiggareJSON
import Testing
@testable import LiggareCLI
@testable import LiggareLog

@Suite("liggare command line, in process")
struct CLITests {
    static let clock = FixedClock(Timestamp(millisecondsSinceEpoch: 1_749_550_000_000))

    /// A workspace with events/ledger.jsonl created by `liggare init`.
    static func initialised() throws -> Workspace {
        let ws = try Workspace()
        let result = ws.run(["init", "--organization", "Inköp Sörmland-Västmanland"], clock: clock)
        #expect(result.code == 0, "\(result.stderr)")
        return ws
    }

    @Test("help lists every command; no arguments shows the same")
    func help() throws {
        let ws = try Workspace()
        let help = ws.run(["help"])
        #expect(help.code == 0)
        #expect(help.stdout.hasPrefix("liggare: a tamper-evident ledger"))
        for command in ["init", "append", "log", "verify", "checkpoint", "repair", "snapshot", "help"] {
            #expect(help.stdout.contains("\n  \(command) "), "\(command) missing from help")
        }
        #expect(ws.run([]).stdout == help.stdout)
        #expect(ws.run(["--help"]).stdout == help.stdout)
        #expect(help.stderr.isEmpty)
    }

    @Test("every command has --help, the same as help COMMAND", arguments: ["init", "append", "log", "verify", "checkpoint", "repair", "snapshot", "help"])
    func commandHelp(_ name: String) throws {
        let ws = try Workspace()
        let viaOption = ws.run([name, "--help"])
        #expect(viaOption.code == 0)
        #expect(viaOption.stdout.hasPrefix("USAGE: liggare \(name)"))
        #expect(viaOption.stdout.contains("-h, --help"))
        #expect(ws.run(["help", name]).stdout == viaOption.stdout)
    }

    @Test("an unknown command gets a suggestion and exit 64")
    func unknownCommand() throws {
        let ws = try Workspace()
        let result = ws.run(["verfy"])
        #expect(result.code == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "liggare: error: unknown command 'verfy'. Did you mean 'verify'?\nSee 'liggare help'.\n")
    }

    @Test("an unknown option gets a suggestion and exit 64")
    func unknownOption() throws {
        let ws = try Self.initialised()
        let result = ws.run(["log", "--form", "2"])
        #expect(result.code == 64)
        #expect(result.stderr == "liggare: error: unknown option '--form' for 'log'. Did you mean '--from'?\nSee 'liggare log --help'.\n")
        let format = ws.run(["log", "--format", "jsn"])
        #expect(format.code == 64)
        #expect(format.stderr.contains("--format jsn is not offered by 'log'; choose one of text, json, csv, md. Did you mean 'json'?"))
        let missing = ws.run(["verify", "--checkpoint"])
        #expect(missing.code == 64)
        #expect(missing.stderr.contains("--checkpoint needs a value (SEQ:HASH)"))
    }

    @Test("init, append, log, verify and checkpoint work together")
    func endToEnd() throws {
        let ws = try Self.initialised()
        let append = ws.run(["append", "--type", "organ.established", "--effective", "2019-01-01",
                             "--data", #"{"key":"IN","name":"Inköpsnämnden","kind":"gemensam nämnd","host":"Region Sörmland"}"#,
                             "--actor", "Åsa Öberg"], clock: Self.clock)
        #expect(append.code == 0, "\(append.stderr)")
        #expect(append.stdout.hasPrefix("appended seq 2 (organ.established, key IN)\nhead 2:"))
        let batch = """
        {"type":"meeting.held","effective":"2025-06-10","data":{"organ":"IN","digital":true}}

        {"type":"decision.recorded","effective":"2025-06-10","actor":"Björn","data":{"organ":"IN","meeting":"IN-2025-06-10","paragraph":45,"title":"Inköpspolicy"}}
        """
        let appendBatch = ws.run(["append", "--expect-seq", "2"], stdin: Array(batch.utf8), clock: Self.clock)
        #expect(appendBatch.code == 0, "\(appendBatch.stderr)")
        #expect(appendBatch.stdout.hasPrefix("appended 2 events, seq 3–4\nhead 4:"))

        let log = ws.run(["log"])
        #expect(log.code == 0)
        let rows = log.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[0] == "SEQ  RECORDED                  EFFECTIVE   TYPE               ACTOR        HASH")
        #expect(rows.count == 7)
        // Column widths count å, ä, ö as one column each: the HASH column starts at the same place on every row.
        let hashColumn = rows[0].count - 4
        for row in rows[2..<6] {
            #expect(row.count == hashColumn + 12, "misaligned: \(row)")
        }
        #expect(rows[3].contains("Åsa Öberg"))

        let json = ws.run(["log", "--from", "2", "--to", "3", "--format", "json"])
        let parsed = try JSONReader.parse(json.stdout)
        guard case .array(let events) = parsed else { Issue.record("not an array"); return }
        #expect(events.count == 2)
        #expect(events[0]["seq"]?.int64Value == 2)
        #expect(events[0]["actor"]?.stringValue == "Åsa Öberg")
        #expect(events[0]["data"]?["key"]?.stringValue == "IN")
        #expect(events[1]["type"]?.stringValue == "meeting.held")
        #expect(events[1]["data"]?["key"]?.stringValue == "IN-2025-06-10")
        #expect(events[1]["hash"]?.stringValue?.count == 64)

        let filtered = ws.run(["log", "--type", "meeting.*", "--format", "json"])
        guard case .array(let meetings) = try JSONReader.parse(filtered.stdout) else { Issue.record("not an array"); return }
        #expect(meetings.count == 1)

        let verify = ws.run(["verify"])
        #expect(verify.code == 0)
        #expect(verify.stdout.hasPrefix("OK  4 events, "))
        #expect(verify.stdout.contains("organisation  Inköp Sörmland-Västmanland\n"))
        let checkpoint = ws.run(["checkpoint"])
        #expect(checkpoint.code == 0)
        #expect(verify.stdout.contains("head          \(checkpoint.stdout)"))
        let withCheckpoint = ws.run(["verify", "--checkpoint", checkpoint.stdout.trimmingCharacters(in: .newlines),
                                     "--format", "json"])
        #expect(withCheckpoint.code == 0)
        let report = try JSONReader.parse(withCheckpoint.stdout)
        #expect(report["ok"] == .bool(true))
        #expect(report["events"]?.int64Value == 4)
        #expect(report["checkpoints"]?.arrayValue?.count == 1)
        #expect(report["failure"] == .null)
        // The same checkpoint without verifying.
        #expect(ws.run(["checkpoint", "--no-verify"]).stdout == checkpoint.stdout)
    }

    @Test("--expect-seq mismatch is refused with exit 1 and nothing written")
    func expectSeqMismatch() throws {
        let ws = try Self.initialised()
        let before = ws.read("events/ledger.jsonl")
        let result = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#, "--expect-seq", "7"])
        #expect(result.code == 1)
        #expect(result.stderr.contains("its last seq is 1, not 7 as --expect-seq said. Nothing was written."))
        #expect(ws.read("events/ledger.jsonl") == before)
    }

    @Test("every problem of a batch is reported with its input line, and nothing is written")
    func batchErrors() throws {
        let ws = try Self.initialised()
        let before = ws.read("events/ledger.jsonl")
        let batch = """
        {"type":"decision.recorded","effective":"2025-06-10","data":{}}
        {"type":"decision.recorded","effective":"2025-02-30","data":{}}
        {"type":"decision.recorded","effective":"2025-06-10","data":{},}
        {"typ":"decision.recorded","effective":"2025-06-10","data":{}}
        """
        let result = ws.run(["append"], stdin: Array(batch.utf8))
        #expect(result.code == 1)
        #expect(result.stderr.contains("4 problems in the input; nothing was written"))
        #expect(result.stderr.contains("stdin:2: effective: \"2025-02-30\" is not a real date; expected YYYY-MM-DD"))
        #expect(result.stderr.contains("stdin:3: not valid JSON"))
        #expect(result.stderr.contains("stdin:4: typ: unknown key; an input event has type, effective, actor, data. Did you mean 'type'?"))
        #expect(ws.read("events/ledger.jsonl") == before)
    }

    @Test("every JSONTestSuite n_ file given as an event's data is rejected, nothing written")
    func rejectsInvalidJSONData() throws {
        let ws = try Self.initialised()
        let before = ws.read("events/ledger.jsonl")
        let dir = Fixtures.directory.appendingPathComponent("JSONTestSuite/test_parsing")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("n_") }.sorted()
        #expect(files.count == 188)
        for file in files {
            let result = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10",
                                 "--data-file", dir.appendingPathComponent(file).path])
            #expect(result.code == 1, "\(file) was accepted")
            #expect(result.stderr.contains(": data: not valid JSON: line "), "\(file): \(result.stderr)")
        }
        #expect(ws.read("events/ledger.jsonl") == before)
    }

    @Test("data that is valid JSON but not an object is rejected")
    func dataMustBeObject() throws {
        let ws = try Self.initialised()
        let result = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", "[1,2]"])
        #expect(result.code == 1)
        #expect(result.stderr.contains("event: data: must be a JSON object"))
        let dup = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"a":1,"a":2}"#])
        #expect(dup.code == 1)
        #expect(dup.stderr.contains("duplicate key"))
    }

    @Test("the ledger is found in ./events, or the user is told how to choose or create one")
    func ledgerLocation() throws {
        let ws = try Workspace()
        let none = ws.run(["verify"])
        #expect(none.code == 64)
        #expect(none.stderr.contains("no ledger found"))
        #expect(none.stderr.contains("liggare init --organization NAME"))
        #expect(ws.run(["init", "--organization", "A", "--ledger", "events/a.jsonl"]).code == 1) // events/ missing
        try FileManager.default.createDirectory(atPath: ws.file("events"), withIntermediateDirectories: true)
        #expect(ws.run(["init", "--organization", "A", "--ledger", "events/a.jsonl"]).code == 0)
        #expect(ws.run(["verify"]).code == 0)
        #expect(ws.run(["init", "--organization", "B", "--ledger", "events/b.jsonl"]).code == 0)
        let several = ws.run(["verify"])
        #expect(several.code == 64)
        #expect(several.stderr.contains("several ledgers in \(ws.file("events")): a.jsonl, b.jsonl"))
        #expect(ws.run(["verify"], environment: ["LIGGARE_LEDGER": "events/b.jsonl"]).code == 0)
        #expect(ws.run(["verify", "--ledger", "events/a.jsonl"]).code == 0)
        let again = ws.run(["init", "--organization", "C", "--ledger", "events/a.jsonl"])
        #expect(again.code == 1)
        #expect(again.stderr.contains("already exists; init never overwrites a file"))
    }

    @Test("verify reports damage with exit 1, as text and JSON")
    func verifyFailure() throws {
        let ws = try Self.initialised()
        for i in 0..<4 {
            ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"n\#(i)"}"#])
        }
        var text = String(decoding: ws.read("events/ledger.jsonl"), as: UTF8.self)
        text = text.replacingOccurrences(of: #"{"text":"n1"}"#, with: #"{"text":"n7"}"#)
        _ = FileManager.default.createFile(atPath: ws.file("events/ledger.jsonl"), contents: Data(text.utf8))
        let result = ws.run(["verify"])
        #expect(result.code == 1)
        #expect(result.stdout.hasPrefix("FAILED  altered: line 3 (seq 3) was altered: its hash is now "))
        #expect(result.stdout.contains("intact  2 lines before it, up to 2:"))
        let json = try JSONReader.parse(ws.run(["verify", "--format", "json"]).stdout)
        #expect(json["ok"] == .bool(false))
        #expect(json["failure"]?["kind"]?.stringValue == "altered")
        #expect(json["failure"]?["line"]?.int64Value == 3)
        // checkpoint refuses to certify a damaged ledger.
        let checkpoint = ws.run(["checkpoint"])
        #expect(checkpoint.code == 1)
        #expect(checkpoint.stdout.isEmpty)
    }

    @Test("repair through the CLI, and appends refused while torn")
    func repair() throws {
        let ws = try Self.initialised()
        let path = ws.file("events/ledger.jsonl")
        let intact = ws.read("events/ledger.jsonl")
        _ = FileManager.default.createFile(atPath: path, contents: Data(intact + Array(#"{"seq":2,"#.utf8)))
        let refused = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#])
        #expect(refused.code == 1)
        #expect(refused.stderr.contains("ends in a torn tail: 9 bytes at byte offset \(intact.count)"))
        #expect(refused.stderr.contains("Run `liggare repair`"))
        let verify = ws.run(["verify"])
        #expect(verify.code == 1)
        #expect(verify.stdout.contains("torn-tail"))
        let repair = ws.run(["repair"], clock: Self.clock)
        #expect(repair.code == 0)
        #expect(repair.stdout.hasPrefix("moved 9 bytes from byte offset \(intact.count) (an incomplete last line with no final newline) to \(path).torn-"))
        #expect(ws.read("events/ledger.jsonl") == intact)
        let nothing = ws.run(["repair"])
        #expect(nothing.code == 0)
        #expect(nothing.stdout.contains("has no torn tail"))
    }

    @Test("hostile text is stored as given and shown inert on the terminal")
    func hostileText() throws {
        let ws = try Self.initialised()
        let hostile = "\u{1B}[31mröd\u{1B}[0m \u{202E}txet"
        let result = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"<script>alert(1)</script> =HYPERLINK(\"x\")"}"#, "--actor", hostile])
        #expect(result.code == 0)
        let stored = String(decoding: ws.read("events/ledger.jsonl"), as: UTF8.self)
        #expect(stored.contains(#""actor":"\u001b[31mröd\u001b[0m \#u{202E}txet""#))
        let log = ws.run(["log"])
        #expect(!log.stdout.contains("\u{1B}"))
        #expect(!log.stdout.contains("\u{202E}"))
        #expect(log.stdout.contains("\\u{1b}[31mröd\\u{1b}[0m \\u{202e}txet"))
        let json = try JSONReader.parse(ws.run(["log", "--format", "json"]).stdout)
        #expect(json.arrayValue?.last?["actor"]?.stringValue == hostile)
    }

    @Test("the actor comes from --actor, else LIGGARE_ACTOR, else the user name")
    func actor() throws {
        let ws = try Self.initialised()
        ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#, "--actor", "A"])
        ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#], environment: ["LIGGARE_ACTOR": "B"])
        ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"x"}"#], environment: ["LIGGARE_ACTOR": ""])
        let json = try JSONReader.parse(ws.run(["log", "--from", "2", "--format", "json"]).stdout)
        #expect(json.arrayValue?.map { $0["actor"]?.stringValue ?? "" } == ["A", "B", "tester"])
    }
}
