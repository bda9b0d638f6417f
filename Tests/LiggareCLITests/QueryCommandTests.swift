import Foundation
import LiggareJSON
import Testing
@testable import LiggareCLI
@testable import LiggareLog

@Suite("Query commands: assignments, decisions, history … at a date, as known at a time")
struct QueryCommandTests {
    static let input = """
    {"type":"organ.established","effective":"2023-01-01","data":{"key":"RS","name":"Regionstyrelsen Region Västmanland","kind":"styrelse"}}
    {"type":"meeting.held","effective":"2025-05-20","data":{"organ":"RS","place":"Västerås"}}
    {"type":"decision.recorded","effective":"2025-05-20","data":{"organ":"RS","meeting":"RS-2025-05-20","paragraph":112,"case":"RV 2025/123","title":"Uppdrag om utredning av samverkansformer"}}
    {"type":"assignment.issued","effective":"2025-05-20","data":{"decision":"RS-2025-§112","receiver":"Regiondirektören","together":["Region Sörmland"],"description":"Redovisa alternativa samverkansformer","due":"under tredje kvartalet 2025","reportTo":"RS"}}
    {"type":"assignment.issued","effective":"2025-05-20","data":{"decision":"RS-2025-§112","receiver":"Ekonomidirektören","description":"Analys av ekonomiska konsekvenser","due":"2025-06-30"}}
    """

    static func workspace() throws -> Workspace {
        let ws = try Workspace()
        #expect(ws.run(["init", "--organization", "Region Västmanland"]).code == 0)
        let append = ws.run(["append"], stdin: Array(input.utf8))
        #expect(append.code == 0, "\(append.stderr)")
        return ws
    }

    @Test("assignments at a date: status, due date with the decision's wording, days overdue")
    func assignments() throws {
        let ws = try Self.workspace()
        let text = ws.run(["assignments", "--at", "2025-10-01"])
        #expect(text.code == 0)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "per 2025-10-01, känt: allt registrerat (seq 6)")
        #expect(lines[1].hasPrefix("UPPDRAG    STATUS    SENAST      ENLIGT BESLUT"))
        #expect(lines[3].hasPrefix("U-2025-01  försenad  2025-09-30  under tredje kvartalet 2025          1  Regiondirektören"))
        #expect(lines[4].hasPrefix("U-2025-02  försenad  2025-06-30  2025-06-30                          93  Ekonomidirektören"))
        let json = try JSONReader.parse(ws.run(["assignments", "--at", "2025-09-30", "--format", "json"]).stdout)
        #expect(json["query"]?.stringValue == "assignments")
        #expect(json["knownSeq"]?.int64Value == 6)
        let rows = try #require(json["rows"]?.arrayValue)
        #expect(rows[0]["status"]?.stringValue == "ej påbörjad")
        #expect(rows[0]["daysOverdue"] == .null)
        #expect(rows[0]["duePeriod"]?.stringValue == "2025-Q3")
        #expect(rows[1]["daysOverdue"]?.int64Value == 92)
        let overdue = try JSONReader.parse(ws.run(["assignments", "--at", "2025-09-30", "--overdue", "--format", "json"]).stdout)
        #expect(overdue["rows"]?.arrayValue?.map { $0["key"]?.stringValue } == ["U-2025-02"])
    }

    @Test("a correction changes the answer only for queries that know of it; history shows before and after")
    func correctionAndHistory() throws {
        let ws = try Self.workspace()
        let fix = ws.run(["append", "--type", "event.corrected", "--effective", "2025-08-15",
                          "--data", #"{"event":"seq:6","fields":{"due":"2025-Q3"},"reason":"Fel datum"}"#])
        #expect(fix.code == 0, "\(fix.stderr)")
        func status(_ knownAt: String?) throws -> String? {
            var args = ["assignments", "--at", "2025-08-01", "--format", "json"]
            if let knownAt { args += ["--known-at", knownAt] }
            let json = try JSONReader.parse(ws.run(args).stdout)
            return json["rows"]?.arrayValue?.last?["status"]?.stringValue
        }
        #expect(try status("seq:6") == "försenad")
        #expect(try status(nil) == "ej påbörjad")
        let history = ws.run(["history", "U-2025-02"])
        #expect(history.code == 0)
        #expect(history.stdout.contains("rättelse av seq 6: due 2025-06-30 → 2025-Q3 (Fel datum)"))
        #expect(history.stdout.contains("RADHASH"))
        let fullHash = try #require(try JSONReader.parse(ws.run(["log", "--from", "6", "--to", "6", "--format", "json"]).stdout)
            .arrayValue?.first?["hash"]?.stringValue)
        #expect(history.stdout.contains(String(fullHash.prefix(12))))
        let json = try JSONReader.parse(ws.run(["history", "U-2025-02", "--format", "json"]).stdout)
        let changes = try #require(json["rows"]?.arrayValue?.last?["changes"]?.arrayValue)
        #expect(changes.first?["before"]?.stringValue == "2025-06-30")
        #expect(changes.first?["after"]?.stringValue == "2025-Q3")
        #expect(json["rows"]?.arrayValue?.first?["hash"]?.stringValue?.count == 64)
        let before = try JSONReader.parse(ws.run(["history", "U-2025-02", "--known-at", "seq:6", "--format", "json"]).stdout)
        #expect(before["rows"]?.arrayValue?.count == 1)
    }

    @Test("an invalid event is refused with every problem and nothing is written")
    func refusedEvent() throws {
        let ws = try Self.workspace()
        let before = ws.read("events/ledger.jsonl")
        let result = ws.run(["append", "--type", "assignment.reported_back", "--effective", "2025-09-20",
                             "--data", #"{"assignment":"U-2025-03","meeting":"RS-2025-09-20"}"#])
        #expect(result.code == 1)
        #expect(result.stderr.contains("2 problems in the input; nothing was written"))
        #expect(result.stderr.contains("event: assignment: \"U-2025-03\" is not a known assignment (uppdrag). Did you mean 'U-2025-01'?"))
        #expect(result.stderr.contains("event: meeting: \"RS-2025-09-20\" is not a known meeting (sammanträde). Did you mean 'RS-2025-05-20'?"))
        #expect(ws.read("events/ledger.jsonl") == before)
        let typo = ws.run(["append", "--type", "asignment.issued", "--effective", "2025-09-20", "--data", "{}"])
        #expect(typo.stderr.contains("unknown event type 'asignment.issued'. Did you mean 'assignment.issued'?"))
    }

    @Test("usage errors: bad --at, --known-at and --organ, unknown key")
    func usage() throws {
        let ws = try Self.workspace()
        #expect(ws.run(["assignments", "--at", "2025-13-01"]).code == 64)
        let known = ws.run(["decisions", "--known-at", "igår"])
        #expect(known.code == 64)
        #expect(known.stderr.contains("--known-at 'igår' is not a time"))
        let organ = ws.run(["decisions", "--organ", "RX"])
        #expect(organ.code == 64)
        #expect(organ.stderr.contains("--organ 'RX' is not a known organ. Did you mean 'RS'?"))
        let history = ws.run(["history", "RS-2025-§12"])
        #expect(history.code == 1)
        #expect(history.stderr.contains("no event touches 'RS-2025-§12'. Did you mean 'RS-2025-§112'?"))
        let decisions = ws.run(["decisions", "--organ", "RS", "--from", "2025-01-01", "--to", "2025-12-31"])
        #expect(decisions.code == 0)
        #expect(decisions.stdout.contains("RS-2025-§112  2025-05-20  RV 2025/123   protokollet ej justerat  Uppdrag om utredning av samverkansformer"))
    }

    @Test("status: one page for all and one per organ, most urgent first, with keys; JSON documented")
    func status() throws {
        let ws = try Self.workspace()
        let text = ws.run(["status", "--at", "2025-10-01"])
        #expect(text.code == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Status per 2025-10-01 – Region Västmanland")
        #expect(lines[1] == "Känt: allt registrerat (seq 6)")
        #expect(lines[3] == "== Alla organ ==")
        #expect(lines[4] == "2 öppna uppdrag, varav 2 försenade; 0 beslut i laga kraft, 1 ej i laga kraft; 4 att uppmärksamma")
        #expect(lines[5].hasPrefix("NYCKEL"))
        // The most days late first: the minutes (120 days), then U-2025-02 (93), then U-2025-01 (1).
        #expect(lines[7].hasPrefix("RS-2025-05-20  protokoll ej justerat      2025-06-03         120"))
        #expect(lines[8].hasPrefix("U-2025-02      försenat uppdrag           2025-06-30          93"))
        #expect(lines[9].hasPrefix("U-2025-01      försenat uppdrag           2025-09-30           1"))
        #expect(lines[10].hasPrefix("RS             internkontrollplan saknas"))
        #expect(text.stdout.contains("== RS Regionstyrelsen Region Västmanland =="))
        let json = try JSONReader.parse(ws.run(["status", "--at", "2025-10-01", "--organ", "RS", "--format", "json"]).stdout)
        #expect(json["query"]?.stringValue == "status")
        #expect(json["knownSeq"]?.int64Value == 6)
        let pages = try #require(json["pages"]?.arrayValue)
        #expect(pages.count == 1)
        #expect(pages[0]["organ"]?.stringValue == "RS")
        let items = try #require(pages[0]["items"]?.arrayValue)
        #expect(items.first?["kind"]?.stringValue == "minutes-not-adjusted")
        #expect(items.first?["daysLate"]?.int64Value == 120)
        #expect(items[1]["kind"]?.stringValue == "assignment-overdue")
        #expect(items[1]["daysLate"]?.int64Value == 93)
        #expect(items.contains { $0["kind"]?.stringValue == "minutes-not-adjusted" && $0["key"]?.stringValue == "RS-2025-05-20" })
        #expect(items.contains { $0["kind"]?.stringValue == "control-plan-missing" })
    }

    @Test("decisions show their legal-force state; --not-in-force keeps those pending")
    func legalForce() throws {
        let ws = try Self.workspace()
        let head = ws.run(["checkpoint"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let adjust = ws.run(["append", "--type", "meeting.minutes_adjusted", "--effective", "2025-05-27",
                             "--data", #"{"meeting":"RS-2025-05-20","adjustedBy":["Ordförande","Justerare"],"head":"\#(head)"}"#])
        #expect(adjust.code == 0, "\(adjust.stderr)")
        #expect(ws.run(["append", "--type", "meeting.notice_posted", "--effective", "2025-12-03",
                        "--data", #"{"meeting":"RS-2025-05-20"}"#]).code == 0)
        // Posted 2025-12-03: three weeks later is julafton, so the last appeal day is Monday 2025-12-29.
        let running = try JSONReader.parse(ws.run(["decisions", "--at", "2025-12-29", "--format", "json"]).stdout)
        let row = try #require(running["rows"]?.arrayValue?.first)
        #expect(row["legalForce"]?.stringValue == "appeal-period-running")
        #expect(row["lastAppealDay"]?.stringValue == "2025-12-29")
        #expect(ws.run(["decisions", "--at", "2025-12-29"]).stdout.contains("överklagandetid löper t.o.m. 2025-12-29"))
        let inForce = try JSONReader.parse(ws.run(["decisions", "--at", "2025-12-30", "--format", "json"]).stdout)
        #expect(inForce["rows"]?.arrayValue?.first?["inForceSince"]?.stringValue == "2025-12-30")
        let pending = try JSONReader.parse(ws.run(["decisions", "--at", "2025-12-30", "--not-in-force", "--format", "json"]).stdout)
        #expect(pending["rows"]?.arrayValue?.isEmpty == true)
    }
}
