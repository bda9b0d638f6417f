import Foundation
import LiggareJSON
import Testing
@testable import LiggareCLI
@testable import LiggareLog

@Suite("record and import: what a secretary types")
struct RecordCommandTests {
    static func workspace() throws -> Workspace {
        let ws = try Workspace()
        #expect(ws.run(["init", "--organization", "Inköp Sörmland-Västmanland"]).code == 0)
        #expect(ws.run(["record", "organ", "--key", "IN", "--name", "Inköpsnämnden", "--kind", "gemensam nämnd",
                        "--host", "Region Sörmland", "--participant", "Region Sörmland", "--participant", "Region Västmanland",
                        "--effective", "2019-01-01"]).code == 0)
        #expect(ws.run(["record", "meeting", "--organ", "IN", "--effective", "2025-06-10", "--digital"]).code == 0)
        return ws
    }

    @Test("record decision with options named after the fields; effective date from the meeting; seq, key and head")
    func recordDecision() throws {
        let ws = try Self.workspace()
        let result = ws.run(["record", "decision", "--organ", "IN", "--meeting", "2025-06-10", "--paragraph", "45",
                             "--case", "IN 2025/17", "--title", "Inköpspolicy för Region Sörmland och Region Västmanland",
                             "--point", "Nämnden föreslår fullmäktige att anta policyn.", "--point", "Policyn gäller från 2026-01-01.",
                             "--sent-to", "Regiondirektören"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("appended seq 4 (decision.recorded, key IN-2025-§45)\nhead 4:"))
        let log = try JSONReader.parse(ws.run(["log", "--from", "4", "--format", "json"]).stdout)
        let event = try #require(log.arrayValue?.first)
        #expect(event["effective"]?.stringValue == "2025-06-10")
        #expect(event["data"]?["meeting"]?.stringValue == "IN-2025-06-10")
        #expect(event["data"]?["points"]?.arrayValue?.count == 2)
        #expect(event["data"]?["paragraph"]?.int64Value == 45)
        // An assignment from it takes the decision's date, and its key.
        let assignment = ws.run(["record", "assignment", "--decision", "IN-2025-§45", "--receiver", "Inköpschef",
                                 "--description", "Ta fram rutin för direktupphandling", "--due", "tredje kvartalet 2025"])
        #expect(assignment.stdout.hasPrefix("appended seq 5 (assignment.issued, key U-2025-01)"))
    }

    @Test("missing fields without a terminal: every missing option is named, exit 64, nothing written")
    func missingFields() throws {
        let ws = try Self.workspace()
        let before = ws.read("events/ledger.jsonl")
        let result = ws.run(["record", "decision", "--organ", "IN"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("missing required options for 'record decision': --paragraph (paragraph number (§)), --title (title (rubrik))"))
        #expect(ws.read("events/ledger.jsonl") == before)
        let kind = ws.run(["record", "decison"])
        #expect(kind.code == 64)
        #expect(kind.stderr.contains("unknown kind 'decison'. Did you mean 'decision'?"))
        let option = ws.run(["record", "decision", "--titel", "X"])
        #expect(option.stderr.contains("unknown option '--titel' for 'record decision'. Did you mean '--title'?"))
    }

    @Test("--dry-run shows the completed event and writes nothing")
    func dryRun() throws {
        let ws = try Self.workspace()
        let before = ws.read("events/ledger.jsonl")
        let result = ws.run(["record", "decision", "--organ", "IN", "--meeting", "IN-2025-06-10", "--paragraph", "46",
                             "--title", "Prov", "--dry-run"])
        #expect(result.code == 0)
        let shown = try JSONReader.parse(result.stdout)
        #expect(shown["data"]?["key"]?.stringValue == "IN-2025-§46")
        #expect(result.stderr.contains("nothing was written"))
        #expect(ws.read("events/ledger.jsonl") == before)
    }

    @Test("on a terminal, missing fields open the editor on a template; problems reopen it; emptying it aborts")
    func editor() throws {
        let ws = try Self.workspace()
        let script = ws.file("editor.sh")
        // A scripted 'editor': the first time it leaves the paragraph invalid, the second time it fixes it.
        try """
        #!/bin/sh
        if grep -q '^# ERROR' "$1"; then sed -i 's/^paragraph: .*$/paragraph: 47/' "$1"
        else sed -i 's/^title: $/title: Beslut från mallen/; s/^paragraph: $/paragraph: fyrtiosju/' "$1"; fi
        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let terminal = CapturedOutput(isTerminal: true)
        let out = CapturedOutput()
        let context = CommandContext(arguments: ["record", "decision", "--organ", "IN", "--meeting", "2025-06-10"],
                                     environment: ["EDITOR": script, "LIGGARE_ACTOR": "sekreterare", "TMPDIR": ws.path],
                                     currentDirectory: ws.path, stdin: FixedInput([], isTerminal: true), stdout: out,
                                     stderr: terminal, clock: SystemClock())
        #expect(Liggare.run(context) == 0, "\(terminal.text)")
        #expect(terminal.text.contains("1 problem; reopening the editor"))
        #expect(out.text.hasPrefix("appended seq 4 (decision.recorded, key IN-2025-§47)"))
        // An editor that empties the file aborts, and nothing is written.
        try "#!/bin/sh\n: > \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let before = ws.read("events/ledger.jsonl")
        let abort = CommandContext(arguments: ["record", "decision", "--organ", "IN"],
                                   environment: ["EDITOR": script, "LIGGARE_ACTOR": "sekreterare", "TMPDIR": ws.path],
                                   currentDirectory: ws.path, stdin: FixedInput([], isTerminal: true), stdout: CapturedOutput(),
                                   stderr: terminal, clock: SystemClock())
        #expect(Liggare.run(abort) == 1)
        #expect(terminal.text.contains("aborted; nothing was written"))
        #expect(ws.read("events/ledger.jsonl") == before)
    }

    @Test("import: JSON Lines or a JSON array, as one batch or nothing, every error naming its line")
    func importFile() throws {
        let ws = try Self.workspace()
        let good = """
        [
          {"type":"decision.recorded","effective":"2025-06-10","data":{"organ":"IN","meeting":"IN-2025-06-10","paragraph":50,"title":"A"}},
          {"type":"assignment.issued","effective":"2025-06-10","data":{"decision":"IN-2025-§50","receiver":"X","description":"Y","due":"2025-T3"}}
        ]
        """
        try good.write(toFile: ws.file("in.json"), atomically: true, encoding: .utf8)
        let result = ws.run(["import", "in.json"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("appended 2 events, seq 4–5"))
        let bad = """
        {"type":"decision.recorded","effective":"2025-06-10","data":{"organ":"IN","meeting":"IN-2025-06-10","paragraph":51,"title":"B"}}
        {"type":"assignment.issued","effective":"2025-06-10","data":{"decision":"IN-2025-§52","receiver":"X","description":"Y","due":"2025-T3"}}
        {"type":"decision.recorded","effective":"2025-06-10","data":{"organ":"IN","meeting":"IN-2025-06-10","paragraph":51,"title":"C"}}
        """
        try bad.write(toFile: ws.file("bad.jsonl"), atomically: true, encoding: .utf8)
        let before = ws.read("events/ledger.jsonl")
        let refused = ws.run(["import", "bad.jsonl"])
        #expect(refused.code == 1)
        #expect(refused.stderr.contains("bad.jsonl:2: decision: \"IN-2025-§52\" is not a known decision"))
        #expect(refused.stderr.contains("bad.jsonl:3: paragraph: § 51 of IN in 2025 is already IN-2025-§51"))
        #expect(ws.read("events/ledger.jsonl") == before)
        let missing = ws.run(["import", "nothere.jsonl"])
        #expect(missing.code == 1)
        #expect(missing.stderr == "liggare: error: there is no regular file \(ws.file("nothere.jsonl")) to read\n")
        let array = ws.run(["import", "in.json"])
        #expect(array.stderr.contains("in.json:2 (item 1): paragraph: § 50 of IN in 2025 is already IN-2025-§50"))
    }
}
