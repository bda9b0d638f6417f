import Foundation
import LiggareDomain
import LiggareJSON
import LiggareLog
import Testing

@Suite("Governance events: worked examples from the seed documents and their edges")
struct GovernanceTests {
    @Test("the samverkansform assignment: keys are derived and stored, the due period is kept with its wording")
    func samverkansAssignment() throws {
        let s = samverkansScenario()
        let issued = try #require(s.events.last)
        #expect(issued.data["key"]?.stringValue == "U-2025-01")
        #expect(s.events[2].data["key"]?.stringValue == "RS-2025-05-20")
        #expect(s.events[3].data["key"]?.stringValue == "RS-2025-§112")
        let state = s.ledger.state(at: date("2025-09-30"))
        let a = try #require(state.assignment("U-2025-01"))
        #expect(a.due.last == date("2025-09-30"))
        #expect(a.due.wording == "under tredje kvartalet 2025")
        #expect(a.receiver == "Regiondirektören")
        #expect(a.organ == "RS")
    }

    @Test("due on the day is not overdue; the day after is, by one day")
    func dueDateEdges() throws {
        let ledger = samverkansScenario().ledger
        let onTheDay = try #require(ledger.state(at: date("2025-09-30")).assignment("U-2025-01"))
        #expect(!onTheDay.isOverdue(on: date("2025-09-30")))
        #expect(onTheDay.status(on: date("2025-09-30")) == .notStarted)
        let dayAfter = try #require(ledger.state(at: date("2025-10-01")).assignment("U-2025-01"))
        #expect(dayAfter.isOverdue(on: date("2025-10-01")))
        #expect(dayAfter.daysOverdue(on: date("2025-10-01")) == 1)
        #expect(dayAfter.status(on: date("2025-10-01")) == .overdue)
        // Before it was issued, it does not exist.
        #expect(ledger.state(at: date("2025-05-19")).assignment("U-2025-01") == nil)
    }

    @Test("a report-back recorded after its effective date counts only for queries that know of it")
    func lateReportBack() throws {
        var s = samverkansScenario()
        s.add("meeting.held", "2025-09-23", #"{"organ":"RS"}"#, recorded: "2025-09-23T12:00:00.000Z")
        s.add("assignment.reported_back", "2025-09-23", #"{"assignment":"U-2025-01","meeting":"RS-2025-09-23"}"#,
              recorded: "2025-10-06T09:00:00.000Z")
        let ledger = s.ledger
        let before = ledger.state(at: date("2025-10-01"), knownAt: .instant(try #require(Timestamp("2025-10-02T00:00:00.000Z"))))
        #expect(before.assignment("U-2025-01")?.status(on: date("2025-10-01")) == .overdue)
        let after = ledger.state(at: date("2025-10-01"), knownAt: .instant(try #require(Timestamp("2025-10-07T00:00:00.000Z"))))
        #expect(after.assignment("U-2025-01")?.status(on: date("2025-10-01")) == .reportedBack)
        #expect(after.assignment("U-2025-01")?.reportedAt == "RS-2025-09-23")
        // By seq as well.
        #expect(ledger.state(at: date("2025-10-01"), knownAt: .seq(s.events.count - 1)).assignment("U-2025-01")?.reportedBack == nil)
    }

    @Test("a correction of a wrongly entered due date applies retroactively, but only when known")
    func correctionOfDueDate() throws {
        var s = samverkansScenario()
        s.add("assignment.issued", "2025-05-20", #"{"decision":"RS-2025-§112","receiver":"Ekonomidirektören","description":"Analysera ekonomiska konsekvenser","due":"2025-06-30"}"#,
              recorded: "2025-05-21T08:00:00.000Z")
        #expect(s.events.last?.data["key"]?.stringValue == "U-2025-02")
        let corrected = s.add("event.corrected", "2025-08-15", #"{"event":"seq:6","fields":{"due":"tredje kvartalet 2025"},"reason":"Fel datum infört; beslutet säger tredje kvartalet"}"#,
                              recorded: "2025-08-15T10:00:00.000Z")
        #expect(corrected != nil)
        let ledger = s.ledger
        let unaware = ledger.state(at: date("2025-08-01"), knownAt: .instant(try #require(Timestamp("2025-08-14T00:00:00.000Z"))))
        #expect(unaware.assignment("U-2025-02")?.isOverdue(on: date("2025-08-01")) == true)
        let aware = ledger.state(at: date("2025-08-01"))
        #expect(aware.assignment("U-2025-02")?.isOverdue(on: date("2025-08-01")) == false)
        #expect(aware.assignment("U-2025-02")?.due.last == date("2025-09-30"))
        // History shows the correction as before → after.
        let history = try #require(Queries.history(ledger, key: "U-2025-02"))
        #expect(history.rows.count == 2)
        let summary = history.rows[1]["summary"]?.stringValue ?? ""
        #expect(summary == "rättelse av seq 6: due 2025-06-30 → tredje kvartalet 2025 (Fel datum infört; beslutet säger tredje kvartalet)")
        // The key can never be corrected.
        let problems = s.problems("event.corrected", "2025-08-16", #"{"event":"seq:6","fields":{"key":"U-2025-99"},"reason":"x"}"#)
        #expect(problems.contains { $0.contains("fields.key: a key is never corrected") })
    }

    @Test("a withdrawn assignment is never overdue, and refuses a report-back")
    func withdrawn() throws {
        var s = samverkansScenario()
        s.add("assignment.withdrawn", "2025-06-15", #"{"assignment":"U-2025-01","reason":"Ersätts av nytt uppdrag"}"#)
        let state = s.ledger.state(at: date("2026-01-01"))
        let a = try #require(state.assignment("U-2025-01"))
        #expect(!a.isOverdue(on: date("2026-01-01")))
        #expect(a.status(on: date("2026-01-01")) == .withdrawn)
        #expect(Queries.assignments(state, at: date("2026-01-01"), overdueOnly: true).rows.isEmpty)
        let problems = s.problems("assignment.reported_back", "2025-09-01", #"{"assignment":"U-2025-01"}"#)
        #expect(problems == ["event 7: assignment: U-2025-01 is withdrawn (återkallat); assignment.reported_back is not possible"])
    }

    @Test("an annulled event is ignored by every query but shown in history")
    func annulled() throws {
        var s = samverkansScenario()
        s.add("assignment.progress_noted", "2025-06-01", #"{"assignment":"U-2025-01","text":"Fel ärende"}"#)
        s.add("event.annulled", "2025-06-02", #"{"event":"seq:6","reason":"Infört på fel uppdrag"}"#)
        let ledger = s.ledger
        let a = try #require(ledger.state(at: date("2025-06-30")).assignment("U-2025-01"))
        #expect(a.progress.isEmpty)
        #expect(a.status(on: date("2025-06-30")) == .notStarted)
        // Known only up to seq 6, the progress note counts.
        #expect(ledger.state(at: date("2025-06-30"), knownAt: .seq(6)).assignment("U-2025-01")?.progress.count == 1)
        let history = try #require(Queries.history(ledger, key: "U-2025-01"))
        #expect(history.rows.map { $0["seq"]?.int64Value } == [5, 6, 7])
        #expect(history.rows[1]["summary"]?.stringValue == "[makulerad genom seq 7] Fel ärende")
        #expect(history.rows[2]["summary"]?.stringValue == "makulering av seq 6 (Infört på fel uppdrag)")
        // An annulled assignment disappears from queries and frees nothing: its key stays taken.
        s.add("event.annulled", "2025-06-03", #"{"event":"seq:5","reason":"Dubbelregistrerat"}"#)
        #expect(s.ledger.state(at: date("2025-06-30")).assignment("U-2025-01") == nil)
        s.add("assignment.issued", "2025-05-20", #"{"decision":"RS-2025-§112","receiver":"Regiondirektören","description":"Ny","due":"2025-Q3"}"#)
        #expect(s.events.last?.data["key"]?.stringValue == "U-2025-02")
    }

    @Test("every problem of an event is reported, with field, value and suggestion")
    func validationMessages() throws {
        var s = samverkansScenario()
        #expect(s.problems("asignment.issued", "2025-06-01", #"{}"#)
                == ["event 6: type: unknown event type 'asignment.issued'. Did you mean 'assignment.issued'?"])
        let problems = s.problems("assignment.issued", "2025-06-01",
                                  #"{"decision":"RS-2025-§12","reciever":"X","description":"","due":"femte kvartalet 2025"}"#)
        #expect(problems.contains("event 6: reciever: assignment.issued has no field \"reciever\"; it has decision, key, receiver, together, description, due, reportTo, note. Did you mean 'receiver'?"))
        #expect(problems.contains("event 6: receiver: missing; expected a non-empty string (who receives it, a role or an organ (mottagare))"))
        #expect(problems.contains("event 6: decision: \"RS-2025-§12\" is not a known decision (beslut). Did you mean 'RS-2025-§112'?"))
        #expect(problems.contains("event 6: description: \"\" is not a non-empty string"))
        #expect(problems.contains { $0.hasPrefix("event 6: due: \"femte kvartalet 2025\" is not a due date or period") })
        #expect(problems.count == 5)
        let choice = s.problems("organ.established", "2025-01-01", #"{"key":"RS","name":"X","kind":"namnd"}"#)
        #expect(choice.contains("event 6: kind: \"namnd\" is not one of \"fullmäktige\", \"styrelse\", \"nämnd\", \"gemensam nämnd\", \"utskott\", \"grupp\" Did you mean \"nämnd\"?"))
        #expect(choice.contains("event 6: key: \"RS\" is already used in this ledger; keys are unique"))
        let paragraph = s.problems("decision.recorded", "2025-05-20", #"{"organ":"RS","meeting":"RS-2025-05-20","paragraph":112,"title":"Igen"}"#)
        #expect(paragraph == ["event 6: paragraph: § 112 of RS in 2025 is already RS-2025-§112"])
        let meeting = s.problems("decision.recorded", "2025-05-21", #"{"organ":"IN","meeting":"RS-2025-05-20","paragraph":1,"title":"X"}"#)
        #expect(meeting.count == 2)
    }

    @Test("minutes, notice and the head: adjusted after the meeting, posted after adjustment, head must match the ledger")
    func minutesAndNotice() throws {
        var s = samverkansScenario()
        let head3 = "3:" + s.events[2].hash
        #expect(s.problems("meeting.notice_posted", "2025-05-22", #"{"meeting":"RS-2025-05-20"}"#)
                == ["event 6: meeting: the minutes of RS-2025-05-20 are not adjusted yet; record meeting.minutes_adjusted first"])
        let badHead = s.problems("meeting.minutes_adjusted", "2025-05-27",
                                 #"{"meeting":"RS-2025-05-20","adjustedBy":["Ordförande","Justerare"],"head":"3:\#(String(repeating: "a", count: 64))"}"#)
        #expect(badHead.count == 1)
        #expect(badHead.first?.contains("does not match the ledger") == true)
        #expect(!s.problems("meeting.minutes_adjusted", "2025-05-19", #"{"meeting":"RS-2025-05-20","adjustedBy":["A"],"head":"\#(head3)"}"#).isEmpty)
        s.add("meeting.minutes_adjusted", "2025-05-27", #"{"meeting":"RS-2025-05-20","adjustedBy":["Ordförande","Justerare"],"head":"\#(head3)"}"#)
        s.add("meeting.notice_posted", "2025-05-28", #"{"meeting":"RS-2025-05-20"}"#)
        let meeting = try #require(s.ledger.state(at: date("2025-06-01")).meeting("RS-2025-05-20"))
        #expect(meeting.adjusted == date("2025-05-27"))
        #expect(meeting.noticePosted == date("2025-05-28"))
        #expect(meeting.adjustedHead == head3)
    }

    @Test("internal control from seed 001: risk value, a deviation needs a finding and a measure, measures complete")
    func internalControl() throws {
        var s = samverkansScenario()
        s.add("meeting.held", "2024-12-10", #"{"organ":"IN","digital":true}"#)
        s.add("decision.recorded", "2024-12-10", #"{"organ":"IN","meeting":"IN-2024-12-10","paragraph":60,"title":"Verksamhetsplan med budget och internkontrollplan 2025"}"#)
        s.add("control.plan_adopted", "2024-12-10", #"{"organ":"IN","year":2025,"decision":"IN-2024-§60"}"#)
        s.add("control.point_defined", "2024-12-10", #"{"plan":"IKP-IN-2025","risk":"Risk att Inköp inte når målet om antal samordnade upphandlingar","riskType":"målrisk","likelihood":3,"consequence":3,"area":"Upphandling","point":"Antal genomförda samordnade upphandlingar","method":"Uppföljning i tertialrapport","responsible":"Inköpschef","frequency":"tertialvis"}"#)
        #expect(s.events.last?.data["key"]?.stringValue == "IN-2025-K1")
        #expect(s.problems("control.result_recorded", "2025-05-15", #"{"point":"IN-2025-K1","outcome":"avvikelse"}"#)
                == ["event 10: finding: a deviation (avvikelse) states what was found"])
        #expect(s.problems("control.measure_decided", "2025-05-20", #"{"point":"IN-2025-K1","description":"X","owner":"Y","due":"2025-09-30"}"#)
                == ["event 10: point: IN-2025-K1 has no recorded deviation (avvikelse) to remedy"])
        s.add("control.result_recorded", "2025-05-15", #"{"point":"IN-2025-K1","outcome":"avvikelse","finding":"8 av 15 planerade upphandlingar genomförda"}"#)
        s.add("control.measure_decided", "2025-05-20", #"{"point":"IN-2025-K1","description":"Omprioritera upphandlingsplanen","owner":"Inköpschef","due":"2025-09-30"}"#)
        #expect(s.events.last?.data["key"]?.stringValue == "IN-2025-K1-A1")
        s.add("control.measure_completed", "2025-10-10", #"{"measure":"IN-2025-K1-A1"}"#)
        let state = s.ledger.state(at: date("2025-12-31"))
        #expect(state.point("IN-2025-K1")?.riskValue == 9)
        let table = Queries.controls(state, year: 2025)
        #expect(table.rows.count == 1)
        #expect(table.rows[0]["result"]?.stringValue == "avvikelse")
        #expect(state.measure("IN-2025-K1-A1")?.completed == date("2025-10-10"))
        #expect(s.problems("control.plan_adopted", "2024-12-11", #"{"organ":"IN","year":2025}"#)
                == ["event 13: year: IN already has the plan IKP-IN-2025 for 2025"])
    }

    @Test("indicators honour the direction: lower is better for sjukfrånvaro")
    func indicators() throws {
        var s = samverkansScenario()
        s.add("indicator.defined", "2023-01-01", #"{"key":"SJUK","name":"Sjukfrånvarotid i relation till ordinarie arbetstid","unit":"%","target":3,"direction":"lower","organ":"IN"}"#)
        s.add("indicator.defined", "2023-01-01", #"{"key":"SAMORD","name":"Antal samordnade upphandlingar","unit":"st","target":30,"direction":"higher","organ":"IN"}"#)
        s.add("indicator.outcome_recorded", "2024-02-15", #"{"indicator":"SJUK","period":"2023","value":3.4}"#)
        s.add("indicator.outcome_recorded", "2025-02-15", #"{"indicator":"SJUK","period":"2024","value":2.8}"#)
        s.add("indicator.outcome_recorded", "2025-02-15", #"{"indicator":"SAMORD","period":"2024","value":27}"#)
        let state = s.ledger.state(at: date("2025-12-31"))
        let rows = Queries.indicators(state).rows
        #expect(rows[0]["latestValue"]?.stringValue == "2.8")
        #expect(rows[0]["met"] == .bool(true))
        #expect(rows[1]["met"] == .bool(false))
        // On 2024-12-31 the latest known outcome of SJUK is 3.4: not met.
        #expect(Queries.indicators(s.ledger.state(at: date("2024-12-31"))).rows[0]["met"] == .bool(false))
    }

    @Test("members serve from their first day to their last")
    func members() throws {
        var s = samverkansScenario()
        s.add("organ.established", "2021-01-01", #"{"key":"RUG","name":"Regionala upphandlingsgruppen","kind":"grupp"}"#)
        s.add("member.appointed", "2021-01-01", #"{"organ":"RUG","person":"Markus Liljenroth","role":"ordförande","title":"Upphandlingschef Region Örebro län","to":"2021-12-31"}"#)
        s.add("member.appointed", "2021-01-01", #"{"organ":"RUG","person":"Johan Welander","role":"vice ordförande","title":"Inköpschef Region Gävleborg"}"#)
        s.add("member.left", "2021-09-01", #"{"organ":"RUG","person":"Johan Welander"}"#)
        let june = Queries.members(s.ledger.state(at: date("2021-06-30")), at: date("2021-06-30"), organ: "RUG")
        #expect(june.rows.map { $0["person"]?.stringValue } == ["Markus Liljenroth", "Johan Welander"])
        let october = Queries.members(s.ledger.state(at: date("2021-10-01")), at: date("2021-10-01"), organ: "RUG")
        #expect(october.rows.map { $0["person"]?.stringValue } == ["Markus Liljenroth"])
        #expect(Queries.members(s.ledger.state(at: date("2022-01-01")), at: date("2022-01-01"), organ: "RUG").rows.isEmpty)
    }
}
