import Foundation
import LiggareJSON
import Testing
@testable import LiggareCLI

@Suite("The HTML status report")
struct ReportTests {
    static func report(_ extra: [String] = []) throws -> (Workspace, String) {
        let ws = try FormatTests.workspace()
        #expect(ws.run(["record", "indicator", "--key", "SJUK", "--name", "Sjukfrånvaro", "--unit", "%", "--target", "3",
                        "--direction", "lower", "--organ", "RS", "--effective", "2023-01-01"]).code == 0)
        for (period, value) in [("2023", "3,4"), ("2024", "2.8")] {
            let r = ws.run(["record", "outcome", "--indicator", "SJUK", "--period", period, "--value", value, "--effective", "2025-02-01"])
            #expect(r.code == 0, "\(r.stderr)")
        }
        let result = ws.run(["report", "--at", "2025-10-01", "--out", "report.html"] + extra)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("wrote \(ws.file("report.html"))"))
        let html = try String(contentsOfFile: ws.file("report.html"), encoding: .utf8)
        return (ws, html)
    }

    @Test("self-contained, in Swedish, with the head, the sections, real table headers and escaped ledger text")
    func swedish() throws {
        let (ws, html) = try Self.report()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\""))
        #expect(!html.contains("href=\""))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("\\u{1b}[31mröd"))
        #expect(!html.contains("\u{1B}"))
        let head = ws.run(["checkpoint"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(html.contains("<code>\(head)</code>"))
        for id in ["attention", "assignments", "decisions", "control", "indicators", "audit-trail"] {
            #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        #expect(html.contains("<th scope=\"col\">"))
        #expect(html.contains("@page{size:A4"))
        #expect(html.contains("<svg role=\"img\" aria-label=\"Sjukfrånvaro\""))
        #expect(html.contains("class=\"target\""))
        #expect(html.contains("utfall 2024: 2.8 % – målet nått"))
        #expect(html.contains("<code>U-2025-01</code>"))
        #expect(html.contains("försenat uppdrag"))
    }

    @Test("--lang en gives the English report; --format md the same content for minutes")
    func englishAndMarkdown() throws {
        let (ws, html) = try Self.report(["--lang", "en"])
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("Needs attention"))
        #expect(html.contains("Appendix: the events behind this report"))
        #expect(html.contains("overdue assignment"))
        #expect(!html.contains("försenat uppdrag"))
        let md = ws.run(["report", "--at", "2025-10-01", "--format", "md"])
        #expect(md.code == 0)
        #expect(md.stdout.contains("### Att uppmärksamma"))
        #expect(md.stdout.contains("&lt;script&gt;"))
        let bad = ws.run(["report", "--lang", "de"])
        #expect(bad.code == 64)
    }
}
