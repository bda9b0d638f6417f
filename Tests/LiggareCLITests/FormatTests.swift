import Foundation
import LiggareJSON
import Testing
@testable import LiggareCLI

@Suite("CSV for Excel and Markdown for minutes, with hostile text rendered inert")
struct FormatTests {
    static let hostileTitle = "=HYPERLINK(\"http://x\";\"klicka\") <script>alert(1)</script> | \u{1B}[31mröd\u{1B}[0m \u{202E}txet"

    static func workspace() throws -> Workspace {
        let ws = try QueryCommandTests.workspace()
        let result = ws.run(["record", "decision", "--organ", "RS", "--meeting", "2025-05-20", "--paragraph", "113",
                             "--title", hostileTitle, "--case", "RV 2025/124"])
        #expect(result.code == 0, "\(result.stderr)")
        return ws
    }

    @Test("CSV: BOM, semicolons, CRLF, RFC 4180 quoting, formulas neutralised, numbers with a decimal comma")
    func csv() throws {
        let ws = try Self.workspace()
        let out = CapturedOutput()
        let context = CommandContext(arguments: ["decisions", "--at", "2025-06-01", "--format", "csv"],
                                     environment: ["LIGGARE_ACTOR": "t"], currentDirectory: ws.path, stdin: FixedInput(),
                                     stdout: out, stderr: CapturedOutput())
        #expect(Liggare.run(context) == 0)
        let bytes = out.bytes
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let records = text.components(separatedBy: "\r\n")
        #expect(records[0] == "BESLUT;DATUM;DIARIENUMMER;LAGA KRAFT;RUBRIK")
        #expect(records[1] == "RS-2025-§112;2025-05-20;RV 2025/123;protokollet ej justerat;Uppdrag om utredning av samverkansformer")
        // The title starts with '=': an apostrophe keeps Excel from running it; the ';' and '"' make it quoted.
        #expect(records[2].hasPrefix("RS-2025-§113;2025-05-20;RV 2025/124;protokollet ej justerat;\"'=HYPERLINK(\"\"http://x\"\";\"\"klicka\"\")"))
        #expect(records.last == "")
        #expect(!text.contains("\n\n"))
        // Numbers get a decimal comma.
        #expect(CSVRenderer.field(Cell(text: "3.4", isNumber: true)) == "3,4")
        #expect(CSVRenderer.field(Cell(text: "-5")) == "'-5")
        #expect(CSVRenderer.field(Cell(text: "@SUM(A1)")) == "'@SUM(A1)")
        #expect(CSVRenderer.field(Cell(text: "+46 21 17 30 00")) == "'+46 21 17 30 00")
        #expect(CSVRenderer.field(Cell(text: "rad 1\nrad 2")) == "\"rad 1\nrad 2\"")
        #expect(CSVRenderer.field(Cell(text: "Region Sörmland")) == "Region Sörmland")
    }

    @Test("Markdown: a table to paste into minutes, with HTML and Markdown in ledger text escaped")
    func markdown() throws {
        let ws = try Self.workspace()
        let result = ws.run(["decisions", "--at", "2025-06-01", "--format", "md"])
        #expect(result.code == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Per 2025-06-01, känt: allt registrerat (seq 7)")
        #expect(lines[1] == "| BESLUT | DATUM | DIARIENUMMER | LAGA KRAFT | RUBRIK |")
        #expect(lines[2] == "| --- | --- | --- | --- | --- |")
        let hostile = try #require(lines.last)
        #expect(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(hostile.contains(#"\| \\u{1b}\[31mröd"#))
        #expect(!hostile.contains("<script>"))
        #expect(!hostile.contains("\u{1B}"))
        #expect(!hostile.contains("\u{202E}"))
        #expect(hostile.components(separatedBy: " | ").count == 5)
    }

    @Test("status as Markdown and CSV; text output stays inert")
    func status() throws {
        let ws = try Self.workspace()
        let md = ws.run(["status", "--at", "2025-10-01", "--format", "md"])
        #expect(md.code == 0)
        #expect(md.stdout.hasPrefix("## Status per 2025-10-01 – Region Västmanland\n"))
        #expect(md.stdout.contains("### Alla organ"))
        #expect(md.stdout.contains("| Nyckel | Vad | Datum | Dagar sent | Beskrivning |"))
        let csv = ws.run(["status", "--at", "2025-10-01", "--format", "csv"])
        #expect(csv.stdout.contains("ORGAN;NYCKEL;VAD;DATUM;DAGAR SENT;BESKRIVNING\r\n"))
        #expect(csv.stdout.contains("RS;U-2025-01;försenat uppdrag;2025-09-30;1;"))
        let text = ws.run(["decisions", "--at", "2025-06-01"])
        #expect(!text.stdout.contains("\u{1B}"))
        #expect(text.stdout.contains("\\u{1b}[31mröd"))
        let json = try JSONReader.parse(ws.run(["decisions", "--format", "json"]).stdout)
        #expect(json["rows"]?.arrayValue?.last?["title"]?.stringValue == Self.hostileTitle)
    }

    @Test("log as CSV and Markdown: one record or row per event")
    func log() throws {
        let ws = try Self.workspace()
        let csv = ws.run(["log", "--format", "csv"])
        let records = csv.stdout.dropFirst().components(separatedBy: "\r\n")
        #expect(records[0] == "SEQ;RECORDED;EFFECTIVE;TYPE;ACTOR;HASH")
        #expect(records.count == 9)
        #expect(records[1].hasPrefix("1;"))
        let md = ws.run(["log", "--format", "md"]).stdout.split(separator: "\n")
        #expect(md[0] == "| SEQ | RECORDED | EFFECTIVE | TYPE | ACTOR | HASH |")
        #expect(md[1] == "| ---: | --- | --- | --- | --- | --- |")
        #expect(md.count == 9)
    }
}
