import Foundation
import LiggareJSON
import Testing
@testable import LiggareCLI

/// Rebuilds the sample ledger from docs/sample/inkop-sormland-vastmanland.jsonl (the five source documents, see
/// docs/sample/README.md) in a temporary directory and checks the story its queries tell, at several dates and as
/// known at several points of the recording order.
@Suite("The sample ledger rebuilt from docs/sample")
struct SampleLedgerBuildTests {
    /// docs/sample/inkop-sormland-vastmanland.jsonl in the repository.
    static var inputFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/sample/inkop-sormland-vastmanland.jsonl")
    }

    /// The input's non-empty lines, in recording order; line i (0-based) becomes seq i + 2.
    static func inputLines() throws -> [String] {
        let text = try String(contentsOf: inputFile, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The seq the first input line of `type` whose text contains `text` gets (line 1 of the ledger is ledger.opened).
    static func seq(_ type: String, _ text: String) throws -> Int {
        let lines = try inputLines()
        let index = try #require(lines.firstIndex { $0.contains("\"type\":\"\(type)\"") && $0.contains(text) },
                                 "no \(type) line containing \(text)")
        return index + 2
    }

    let ws: Workspace

    /// init, then append --file the input, as one batch.
    init() throws {
        ws = try Workspace()
        let created = ws.run(["init", "--organization", "Inköp Sörmland-Västmanland"])
        #expect(created.code == 0, "\(created.stderr)")
        let appended = ws.run(["append", "--file", Self.inputFile.path])
        #expect(appended.code == 0, "\(appended.stderr)")
        #expect(appended.stdout.contains("head 83:"), "\(appended.stdout)")
    }

    // MARK: Helpers

    /// Runs a query with --format json and parses its output.
    func json(_ arguments: [String]) throws -> JSONValue {
        let result = ws.run(arguments + ["--format", "json"])
        #expect(result.code == 0, "\(arguments): \(result.stderr)")
        return try JSONReader.parse(result.stdout)
    }

    /// The rows of a query.
    func rows(_ arguments: [String]) throws -> [JSONValue] {
        try #require(try json(arguments)["rows"]?.arrayValue)
    }

    /// The one row with a key.
    func row(_ arguments: [String], key: String) throws -> JSONValue {
        let matching = try rows(arguments).filter { $0["key"]?.stringValue == key }
        try #require(matching.count == 1, "\(key) in \(arguments): \(matching.count) rows")
        return matching[0]
    }

    /// The page of one organ in `liggare status`.
    func statusPage(at date: String, organ: String, knownAt: String? = nil) throws -> JSONValue {
        var arguments = ["status", "--at", date, "--organ", organ]
        if let knownAt { arguments += ["--known-at", knownAt] }
        let pages = try #require(try json(arguments)["pages"]?.arrayValue)
        try #require(pages.count == 1)
        return pages[0]
    }

    /// The items of a status page as "kind key".
    func items(_ page: JSONValue) -> [String] {
        (page["items"]?.arrayValue ?? []).map { "\($0["kind"]?.stringValue ?? "?") \($0["key"]?.stringValue ?? "?")" }
    }

    /// A status page's summary as [openAssignments, overdueAssignments, decisionsInForce, decisionsNotInForce, attention].
    func summary(_ page: JSONValue) -> [Int64?] {
        ["openAssignments", "overdueAssignments", "decisionsInForce", "decisionsNotInForce", "attention"]
            .map { page["summary"]?[$0]?.int64Value }
    }

    // MARK: The ledger as a whole

    @Test("the input builds an intact ledger of 83 lines whose correction names the assignment it corrects")
    func builds() throws {
        let verify = try json(["verify"])
        #expect(verify["ok"]?.boolValue == true)
        #expect(verify["events"]?.int64Value == 83)
        #expect(verify["organization"]?.stringValue == "Inköp Sörmland-Västmanland")
        let log = try #require(try json(["log"]).arrayValue)
        #expect(log.count == 83)
        func count(_ type: String) -> Int { log.filter { $0["type"]?.stringValue == type }.count }
        #expect(count("organ.established") == 5)
        #expect(count("member.appointed") == 7)
        #expect(count("meeting.held") == 10)
        #expect(count("decision.recorded") == 8)
        #expect(count("assignment.issued") == 6)
        #expect(count("control.point_defined") == 7)
        #expect(count("event.corrected") == 1)
        let correction = try #require(log.first { $0["type"]?.stringValue == "event.corrected" })
        #expect(correction["seq"]?.int64Value == 34)
        #expect(correction["data"]?["event"]?.stringValue == "seq:27")
        let corrected = try #require(log.first { $0["seq"]?.int64Value == 27 })
        #expect(corrected["type"]?.stringValue == "assignment.issued")
        #expect(corrected["data"]?["key"]?.stringValue == "U-2021-05")
        // Every value the sources do not give is marked in the event's note.
        let illustrative = log.filter { $0["data"]?["note"]?.stringValue?.contains("Illustrativ") == true }
        #expect(illustrative.count == 79)
    }

    @Test("import FILE writes the same events as append --file")
    func importMatchesAppend() throws {
        let imported = try Workspace()
        #expect(imported.run(["init", "--organization", "Inköp Sörmland-Västmanland"]).code == 0)
        let result = imported.run(["import", Self.inputFile.path])
        #expect(result.code == 0, "\(result.stderr)")
        func events(_ w: Workspace) throws -> [String] {
            let log = try #require(try JSONReader.parse(w.run(["log", "--format", "json"]).stdout).arrayValue)
            return log.dropFirst().map { e in
                // The stored head of an adjustment names line 1, whose hash differs per ledger (its recorded time).
                var data = e["data"]?.objectValue ?? JSONObject([])
                if let head = data["head"]?.stringValue { data["head"] = .string(head.hasPrefix("1:") ? "1:…" : head) }
                let text = String(decoding: JSONWriter.serialize(.object(data)), as: UTF8.self)
                return "\(e["seq"]?.int64Value ?? 0) \(e["type"]?.stringValue ?? "") \(e["effective"]?.stringValue ?? "") \(text)"
            }
        }
        let viaAppend = try events(ws)
        #expect(viaAppend.count == 82)
        #expect(try events(imported) == viaAppend)
        #expect(viaAppend.filter { $0.contains("meeting.minutes_adjusted") }.allSatisfy { $0.contains(#""head":"1:…""#) })
    }

    // MARK: 2021: the regional procurement group (seed 000)

    @Test("RUG on 2021-06-30: seven members with their roles, regions and titles; none before it is recorded")
    func groupMembers() throws {
        let members = try rows(["members", "--organ", "RUG", "--at", "2021-06-30"])
        let seen = members.map { m in
            ["person", "role", "electedBy", "title"].map { m[$0]?.stringValue ?? "-" }.joined(separator: " | ")
        }
        #expect(seen == [
            "Markus Liljenroth | ordförande | Region Örebro län | Upphandlingschef Region Örebro län",
            "Johan Welander | vice ordförande | Region Gävleborg | Inköpschef Region Gävleborg",
            "Mathias Snickar | ledamot | Region Dalarna | Upphandlingschef Region Dalarna",
            "Yvette Axelsson | ledamot | Region Uppsala | Inköpschef Region Uppsala",
            "Pia-Britt Hildebrand | ledamot | Region Värmland | Upphandlingschef Region Värmland",
            "Ronnie Svensson | ledamot | Region Sörmland och Region Västmanland | Upphandlingschef Region Sörmland och Västmanland",
            "Ann-Sofie Lillberg | ledamot | Region Sörmland och Region Västmanland | Inköpschef Region Sörmland och Västmanland",
        ])
        #expect(try rows(["members", "--at", "2020-12-31"]).isEmpty)
        // RUG is recorded from 2021-01-01: on an earlier date it has no members yet (but is a known organ).
        let before = ws.run(["members", "--organ", "RUG", "--at", "2020-12-31", "--format", "json"])
        #expect(before.code == 0)
        #expect(try JSONReader.parse(before.stdout)["rows"]?.arrayValue?.isEmpty == true)
        #expect(ws.run(["members", "--organ", "RUX", "--at", "2020-12-31"]).code == 64)
        let history = try rows(["history", "RUG"])
        let meetings = history.filter { $0["type"]?.stringValue == "meeting.held" }
        #expect(meetings.map { $0["effective"]?.stringValue } == ["2021-03-11", "2021-05-20", "2021-09-16", "2021-11-25"])
        #expect(meetings.allSatisfy { $0["data"]?["digital"]?.boolValue == true })
        // A working group is not a body under kommunallagen: no minutes deadlines, no legal force to compute.
        let plan = try row(["decisions", "--organ", "RUG", "--at", "2021-12-31"], key: "RUG-2021-§8")
        #expect(plan["legalForce"]?.stringValue == "not-applicable")
        #expect(items(try statusPage(at: "2021-12-31", organ: "RUG")) == [])
    }

    @Test("status on 2021-06-30: IN exists but has no control plan for 2021; the founding decision is in force")
    func status2021() throws {
        let inPage = try statusPage(at: "2021-06-30", organ: "IN")
        #expect(items(inPage) == ["control-plan-missing IN"])
        #expect(inPage["items"]?[0]?["message"]?.stringValue == "ingen internkontrollplan antagen för 2021")
        #expect(summary(inPage) == [0, 0, 0, 0, 1])
        let rfv = try statusPage(at: "2021-06-30", organ: "RFV")
        #expect(summary(rfv) == [0, 0, 1, 0, 0])
        let founding = try row(["decisions", "--at", "2021-06-30"], key: "RFV-2018-§128")
        #expect(founding["inForceSince"]?.stringValue == "2018-12-13")
        #expect(founding["lastAppealDay"]?.stringValue == "2018-12-12")
        let inOrgan = try rows(["history", "IN"]).first
        #expect(inOrgan?["data"]?["foundingDecision"]?.stringValue == "RFV-2018-§128")
        #expect(inOrgan?["data"]?["kind"]?.stringValue == "gemensam nämnd")
        #expect(inOrgan?["data"]?["host"]?.stringValue == "Region Sörmland")
        #expect(inOrgan?["effective"]?.stringValue == "2019-01-01")
    }

    @Test("2022: the activity plan's quarters; U-2021-05 entered as kvartal 2, corrected to kvartal 3")
    func correctedDueDate() throws {
        let correction = try Self.seq("event.corrected", "seq:27")
        #expect(correction == 34)
        let before = try row(["assignments", "--at", "2022-07-15", "--known-at", "seq:\(correction - 1)"], key: "U-2021-05")
        #expect(before["status"]?.stringValue == "försenad")
        #expect(before["due"]?.stringValue == "2022-06-30")
        #expect(before["dueWording"]?.stringValue == "kvartal 2 2022")
        #expect(before["daysOverdue"]?.int64Value == 15)
        let after = try row(["assignments", "--at", "2022-07-15", "--known-at", "seq:\(correction)"], key: "U-2021-05")
        #expect(after["status"]?.stringValue == "ej påbörjad")
        #expect(after["due"]?.stringValue == "2022-09-30")
        #expect(after["dueWording"]?.stringValue == "kvartal 3 2022")
        #expect(after["daysOverdue"] == .null)
        let all = try rows(["assignments", "--at", "2022-12-31", "--organ", "RUG"])
        #expect(all.map { "\($0["key"]?.stringValue ?? "") \($0["duePeriod"]?.stringValue ?? "") \($0["status"]?.stringValue ?? "") \($0["reportedBack"]?.stringValue ?? "-")" } == [
            "U-2021-01 2022-Q1 återrapporterad 2022-03-24",
            "U-2021-02 2022-Q1 återrapporterad 2022-03-24",
            "U-2021-03 2022-Q2 återrapporterad 2022-06-16",
            "U-2021-04 2022-Q2 återrapporterad 2022-06-16",
            "U-2021-05 2022-Q3 återrapporterad 2022-09-22",
        ])
        #expect(all.allSatisfy { $0["decision"]?.stringValue == "RUG-2021-§8" && $0["reportTo"]?.stringValue == "RUG" })
        let history = try rows(["history", "U-2021-05"])
        #expect(history.map { $0["type"]?.stringValue } == ["assignment.issued", "event.corrected", "assignment.reported_back"])
        let changes = try #require(history[1]["changes"]?.arrayValue)
        #expect(changes.map { "\($0["field"]?.stringValue ?? ""): \($0["before"]?.stringValue ?? "") → \($0["after"]?.stringValue ?? "")" }
                == ["due: kvartal 2 2022 → kvartal 3 2022"])
    }

    // MARK: 2025: the samverkansform assignment (seed 003)

    @Test("the samverkansform decision and its assignment: pågående in June, due 2025-09-30")
    func samverkansformAssignment() throws {
        let decision = try row(["decisions", "--organ", "RSV", "--at", "2025-06-30"], key: "RSV-2025-§87")
        #expect(decision["title"]?.stringValue == "Uppdrag om utredning av samverkansformer inom inköpsnämndens ansvarsområde")
        #expect(decision["points"]?.arrayValue?.count == 2)
        #expect(decision["points"]?[1]?.stringValue == "Uppdraget ska återrapporteras till regionstyrelsen under tredje kvartalet 2025.")
        #expect(decision["sentTo"]?.arrayValue?.compactMap(\.stringValue) == [
            "Regiondirektör Region Sörmland", "Regiondirektör Region Västmanland",
            "Verksamhetsområdeschef Regionservice Region Sörmland", "Inköpschef Region Sörmland"])
        let june = try row(["assignments", "--at", "2025-06-30"], key: "U-2025-01")
        #expect(june["decision"]?.stringValue == "RSV-2025-§87")
        #expect(june["receiver"]?.stringValue == "Regiondirektören")
        #expect(june["together"]?.arrayValue?.compactMap(\.stringValue) == ["Region Sörmland"])
        #expect(june["reportTo"]?.stringValue == "RSV")
        #expect(june["issued"]?.stringValue == "2025-05-06")
        #expect(june["due"]?.stringValue == "2025-09-30")
        #expect(june["duePeriod"]?.stringValue == "2025-Q3")
        #expect(june["dueWording"]?.stringValue == "under tredje kvartalet 2025")
        #expect(june["status"]?.stringValue == "pågående")
        #expect(june["progress"]?.int64Value == 1)
    }

    @Test("2025-10-01 known before the October entries: U-2025-01 is one day overdue; known after: återrapporterad 2025-09-23")
    func reportedBackLate() throws {
        let september = try Self.seq("meeting.held", "\"effective\":\"2025-09-23\"")
        #expect(september == 73)
        let early = "seq:\(september - 1)"
        let overdue = try rows(["assignments", "--at", "2025-10-01", "--overdue", "--known-at", early])
        #expect(overdue.map { $0["key"]?.stringValue } == ["U-2025-01"])
        #expect(overdue.first?["status"]?.stringValue == "försenad")
        #expect(overdue.first?["daysOverdue"]?.int64Value == 1)
        let rsvEarly = try statusPage(at: "2025-10-01", organ: "RSV", knownAt: early)
        #expect(items(rsvEarly) == ["assignment-overdue U-2025-01", "control-plan-missing RSV"])
        #expect(summary(rsvEarly) == [1, 1, 1, 0, 2])
        #expect(rsvEarly["items"]?[0]?["daysLate"]?.int64Value == 1)

        #expect(try rows(["assignments", "--at", "2025-10-01", "--overdue"]).isEmpty)
        let known = try row(["assignments", "--at", "2025-10-01"], key: "U-2025-01")
        #expect(known["status"]?.stringValue == "återrapporterad")
        #expect(known["reportedBack"]?.stringValue == "2025-09-23")
        #expect(known["overdue"]?.boolValue == false)
        let rsv = try statusPage(at: "2025-10-01", organ: "RSV")
        #expect(items(rsv) == ["control-plan-missing RSV", "appeal-period-running RSV-2025-§141"])
        #expect(summary(rsv) == [0, 0, 1, 1, 2])
        let controlItems = ["control-without-result IN-2025-K1", "control-behind-frequency IN-2025-K2",
                            "control-without-result IN-2025-K4", "control-without-result IN-2025-K5",
                            "control-without-result IN-2025-K6", "control-without-result IN-2025-K7",
                            "control-plan-missing RSV"]
        let allEarly = try #require(try json(["status", "--at", "2025-10-01", "--known-at", early])["pages"]?[0])
        #expect(allEarly["organ"] == .null)
        #expect(items(allEarly) == ["assignment-overdue U-2025-01"] + controlItems + ["indicator-not-met LEVTRO", "indicator-not-met SJUKFR"])
        #expect(summary(allEarly) == [1, 1, 5, 0, 10])
        let all = try #require(try json(["status", "--at", "2025-10-01"])["pages"]?[0])
        #expect(items(all) == controlItems + ["indicator-not-met LEVTRO", "indicator-not-met SJUKFR", "appeal-period-running RSV-2025-§141"])
        #expect(summary(all) == [0, 0, 5, 1, 10])
        let history = try rows(["history", "U-2025-01"])
        #expect(history.map { $0["type"]?.stringValue } == ["assignment.issued", "assignment.progress_noted", "assignment.reported_back"])
        #expect(history.map { $0["seq"]?.int64Value } == [58, 71, 75])
        #expect(history[2]["data"]?["meeting"]?.stringValue == "RSV-2025-09-23")
    }

    // MARK: Legal force (laga kraft)

    @Test("legal force of the samverkansform decision: not adjusted, then the appeal period runs past nationaldagen to 2025-06-09")
    func legalForceSamverkansform() throws {
        let adjusted = try Self.seq("meeting.minutes_adjusted", "RSV-2025-05-06")
        func state(_ at: String, _ knownAt: String? = nil) throws -> (String?, String?, String?) {
            var arguments = ["decisions", "--organ", "RSV", "--at", at]
            if let knownAt { arguments += ["--known-at", knownAt] }
            let r = try row(arguments, key: "RSV-2025-§87")
            return (r["legalForce"]?.stringValue, r["lastAppealDay"]?.stringValue, r["inForceSince"]?.stringValue)
        }
        // Posted Friday 2025-05-16; three weeks later is nationaldagen, Friday 2025-06-06; then a weekend.
        #expect(try state("2025-06-30", "seq:\(adjusted - 1)") == ("minutes-not-adjusted", nil, nil))
        #expect(try state("2025-05-10") == ("minutes-not-adjusted", nil, nil))
        #expect(try state("2025-05-15") == ("notice-not-posted", nil, nil))
        #expect(try state("2025-05-20") == ("appeal-period-running", "2025-06-09", nil))
        #expect(try state("2025-06-09") == ("appeal-period-running", "2025-06-09", nil))
        #expect(try state("2025-06-10") == ("in-force", "2025-06-09", "2025-06-10"))
        let notInForce = try rows(["decisions", "--not-in-force", "--organ", "RSV", "--at", "2025-06-09"])
        #expect(notInForce.map { $0["key"]?.stringValue } == ["RSV-2025-§87"])
        #expect(try rows(["decisions", "--not-in-force", "--organ", "RSV", "--at", "2025-06-10"]).isEmpty)
    }

    @Test("decisions not in force on 2025-10-01 and 2025-12-29, all in force on 2026-01-15")
    func decisionsNotInForce() throws {
        func notInForce(_ organ: String, _ at: String) throws -> [String] {
            try rows(["decisions", "--not-in-force", "--organ", organ, "--at", at]).map {
                "\($0["key"]?.stringValue ?? "") \($0["legalForce"]?.stringValue ?? "") \($0["lastAppealDay"]?.stringValue ?? "-")"
            }
        }
        #expect(try notInForce("RSV", "2025-10-01") == ["RSV-2025-§141 appeal-period-running 2025-10-22"])
        #expect(try notInForce("RSV", "2025-10-23") == [])
        // Posted 2025-12-03: three weeks later is julafton, then juldagen, annandag jul and a weekend.
        #expect(try notInForce("RFV", "2025-12-29") == ["RFV-2025-§118 appeal-period-running 2025-12-29"])
        #expect(try notInForce("RFV", "2025-12-30") == [])
        let all = try rows(["decisions", "--at", "2026-01-15"]).filter { $0["organ"]?.stringValue != "RUG" }
        #expect(all.map { "\($0["key"]?.stringValue ?? "") \($0["inForceSince"]?.stringValue ?? "-")" } == [
            "RFV-2018-§128 2018-12-13",
            "IN-2024-§62 2025-01-09",
            "RSV-2025-§87 2025-06-10",
            "IN-2025-§30 2025-07-10",
            "IN-2025-§31 2025-07-10",
            "RSV-2025-§141 2025-10-23",
            "RFV-2025-§118 2025-12-30",
        ])
    }

    // MARK: Internal control (seed 001)

    @Test("the 2025 control plan of IN: seven risks as in the operational plan, with risk values")
    func controlPlan() throws {
        let points = try rows(["controls", "--year", "2025", "--at", "2025-10-01"])
        #expect(points.map { $0["key"]?.stringValue } == (1...7).map { "IN-2025-K\($0)" })
        #expect(points.allSatisfy { $0["plan"]?.stringValue == "IKP-IN-2025" && $0["organ"]?.stringValue == "IN" })
        #expect(points.map { $0["riskType"]?.stringValue } == ["målrisk", "målrisk", "processrisk", "kategoririsk", "processrisk", "målrisk", "processrisk"])
        #expect(points.map { $0["area"]?.stringValue } == ["Upphandling", "Inköp", "Resursplanering", "Personal", "Upphandling", "Upphandling", "Avtal"])
        #expect(points.map { $0["riskValue"]?.int64Value } == [6, 12, 9, 6, 6, 6, 8])
        #expect(points.map { $0["frequency"]?.stringValue } == ["årligen", "tertialvis", "tertialvis", "årligen", "årligen", "årligen", "löpande"])
        #expect(points[1]["point"]?.stringValue == "Kontroll av leverantörstrohet och efterlevnad av LOU")
        #expect(points[6]["method"]?.stringValue == "Kreditupplysning sker löpande av avtalsleverantörer.")
        let plan = try rows(["history", "IKP-IN-2025"]).first
        #expect(plan?["data"]?["decision"]?.stringValue == "IN-2024-§62")
    }

    @Test("the deviation in IN-2025-K2: without a measure until 2025-06-12, the measure due 2025-10-31, completed 2025-10-20")
    func deviationAndMeasure() throws {
        let may = try statusPage(at: "2025-06-01", organ: "IN")
        #expect(items(may).contains("deviation-without-measure IN-2025-K2"))
        let measureSeq = try Self.seq("control.measure_decided", "IN-2025-K2")
        let juneEarly = try statusPage(at: "2025-06-30", organ: "IN", knownAt: "seq:\(measureSeq - 1)")
        #expect(items(juneEarly).contains("deviation-without-measure IN-2025-K2"))
        let june = try statusPage(at: "2025-06-30", organ: "IN")
        #expect(items(june) == ["control-without-result IN-2025-K1", "control-without-result IN-2025-K4",
                                "control-without-result IN-2025-K5", "control-without-result IN-2025-K6",
                                "control-without-result IN-2025-K7", "indicator-not-met SJUKFR",
                                "appeal-period-running IN-2025-§30", "appeal-period-running IN-2025-§31"])

        let k2 = try row(["controls", "--year", "2025", "--at", "2025-10-01"], key: "IN-2025-K2")
        #expect(k2["result"]?.stringValue == "avvikelse")
        #expect(k2["resultDate"]?.stringValue == "2025-05-15")
        #expect(k2["finding"]?.stringValue?.hasPrefix("Verksamhetsnära analyser hos två prioriterade verksamheter") == true)
        let measure = try #require(k2["measures"]?[0])
        #expect(measure["key"]?.stringValue == "IN-2025-K2-A1")
        #expect(measure["owner"]?.stringValue == "Inköpschef")
        #expect(measure["due"]?.stringValue == "2025-10-31")
        #expect(measure["completed"] == .null)
        let later = try row(["controls", "--year", "2025", "--at", "2026-01-15"], key: "IN-2025-K2")
        #expect(later["measures"]?[0]?["completed"]?.stringValue == "2025-10-20")

        let october = try statusPage(at: "2025-10-01", organ: "IN")
        #expect(items(october) == ["control-without-result IN-2025-K1", "control-behind-frequency IN-2025-K2",
                                   "control-without-result IN-2025-K4", "control-without-result IN-2025-K5",
                                   "control-without-result IN-2025-K6", "control-without-result IN-2025-K7",
                                   "indicator-not-met SJUKFR"])
        #expect(summary(october) == [0, 0, 3, 0, 7])
    }

    // MARK: Indicators, the policy, the audits

    @Test("indicators with targets and outcomes: met, not met (lower is better for sjukfrånvaro), and no outcome")
    func indicators() throws {
        let indicators = try rows(["indicators", "--at", "2026-01-15"])
        func show(_ r: JSONValue) -> String {
            let met = r["met"]?.boolValue.map { $0 ? "met" : "not met" } ?? "no outcome"
            return [r["key"], r["target"], r["unit"], r["direction"], r["latestPeriod"], r["latestValue"]]
                .map { $0?.stringValue ?? "-" }.joined(separator: " ") + " " + met
        }
        #expect(indicators.map(show) == [
            "LEVTRO 95 % higher 2020 92 not met",
            "SAMORD 30 st higher 2024 34 met",
            "BESPAR 66 MSEK higher - - no outcome",
            "HME 80 % higher - - no outcome",
            "SJUKFR 3 % lower 2024 3.6 not met",
        ])
        let before = try rows(["indicators", "--at", "2024-12-31"])
        #expect(before.first { $0["key"]?.stringValue == "SAMORD" }?["met"] == .null)
    }

    @Test("the Inköpspolicy: adopted by RFV 2025-11-25, due for review when the new fullmäktige term starts 2026-10-15")
    func policy() throws {
        #expect(try rows(["policies", "--at", "2025-10-01"]).isEmpty)
        let policy = try row(["policies", "--at", "2026-01-15"], key: "inkopspolicy")
        #expect(policy["title"]?.stringValue == "Inköpspolicy för Region Sörmland och Region Västmanland")
        #expect(policy["kind"]?.stringValue == "policy")
        #expect(policy["version"]?.stringValue == "slutförslag 2025-05-27")
        #expect(policy["organ"]?.stringValue == "RFV")
        #expect(policy["decision"]?.stringValue == "RFV-2025-§118")
        #expect(policy["review"]?.stringValue == "varje mandatperiod")
        #expect(policy["adopted"]?.stringValue == "2025-11-25")
        #expect(policy["repealed"] == .null)
        #expect(items(try statusPage(at: "2026-10-14", organ: "RFV")) == [])
        let due = try statusPage(at: "2026-10-15", organ: "RFV")
        #expect(items(due) == ["document-due-for-review inkopspolicy"])
    }

    @Test("the two 2025 audit reports of Region Sörmlands revisorer, answered by IN on 2025-06-12")
    func audits() throws {
        let june = try rows(["audits", "--at", "2025-06-01"])
        #expect(june.map { $0["key"]?.stringValue } == ["REV-2025-1", "REV-2025-2"])
        #expect(june.map { $0["title"]?.stringValue } == ["Regionens hantering av direktupphandling",
                                                          "Inköpsnämndens arbete mot välfärdsbrottslighet"])
        #expect(june.allSatisfy { $0["auditors"]?.stringValue == "Region Sörmlands revisorer" && $0["organ"]?.stringValue == "IN" })
        #expect(june.allSatisfy { $0["responded"] == .null && $0["responseOverdue"]?.boolValue == false })
        #expect(june[1]["assessment"]?.stringValue
                == "Inköpsnämnden har inte ett tillräckligt ändamålsenligt och effektivt arbetssätt mot välfärdsbrottslighet.")
        let answered = try rows(["audits", "--at", "2025-07-01"])
        #expect(answered.map { "\($0["key"]?.stringValue ?? "") \($0["responseDue"]?.stringValue ?? "") \($0["responded"]?.stringValue ?? "-")" }
                == ["REV-2025-1 2025-06-30 2025-06-12", "REV-2025-2 2025-06-30 2025-06-12"])
        #expect(try rows(["audits", "--at", "2025-03-01"]).isEmpty)
    }

    @Test("status on 2026-01-15: IN has no control plan for 2026 and misses its sjukfrånvaro target; RSV nothing open")
    func status2026() throws {
        let inPage = try statusPage(at: "2026-01-15", organ: "IN")
        #expect(items(inPage) == ["control-plan-missing IN", "indicator-not-met SJUKFR"])
        #expect(summary(inPage) == [0, 0, 3, 0, 2])
        let rsv = try statusPage(at: "2026-01-15", organ: "RSV")
        #expect(items(rsv) == ["control-plan-missing RSV"])
        #expect(summary(rsv) == [0, 0, 2, 0, 1])
        let rfv = try statusPage(at: "2026-01-15", organ: "RFV")
        #expect(summary(rfv) == [0, 0, 2, 0, 0])
    }
}
