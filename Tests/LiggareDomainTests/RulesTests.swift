import LiggareDomain
import LiggareJSON
import LiggareLog
import Testing

@Suite("Swedish governance rules at a date")
struct RulesTests {
    /// A scenario with the RS meeting of 2025-05-20 adjusted and posted on the given days.
    static func posted(adjusted: String, notice: String) -> Scenario {
        var s = samverkansScenario()
        let head = "3:" + s.events[2].hash
        s.add("meeting.minutes_adjusted", adjusted, #"{"meeting":"RS-2025-05-20","adjustedBy":["Ordförande","Justerare"],"head":"\#(head)"}"#)
        s.add("meeting.notice_posted", notice, #"{"meeting":"RS-2025-05-20"}"#)
        return s
    }

    static func force(_ s: Scenario, on day: String) -> LegalForce {
        let state = s.ledger.state(at: date(day))
        guard let decision = state.decision("RS-2025-§112") else { return .notApplicable }
        return LegalForce.of(decision, in: state, on: date(day))
    }

    @Test("legal force: not adjusted, not posted, appeal period running to the last day, in force the day after")
    func legalForceStates() throws {
        var s = samverkansScenario()
        #expect(Self.force(s, on: "2025-05-21") == .minutesNotAdjusted)
        let head = "3:" + s.events[2].hash
        s.add("meeting.minutes_adjusted", "2025-05-27", #"{"meeting":"RS-2025-05-20","adjustedBy":["Ordförande","Justerare"],"head":"\#(head)"}"#)
        #expect(Self.force(s, on: "2025-05-27") == .noticeNotPosted)
        // Posted Wednesday 2025-05-28: three weeks later is Wednesday 2025-06-18, an ordinary weekday.
        s.add("meeting.notice_posted", "2025-05-28", #"{"meeting":"RS-2025-05-20"}"#)
        #expect(Self.force(s, on: "2025-06-18") == .appealPeriodRunning(lastDay: date("2025-06-18")))
        #expect(Self.force(s, on: "2025-06-19") == .inForce(since: date("2025-06-19")))
    }

    @Test("appeal periods that end on a day off move to the next weekday", arguments: [
        // (notice posted, last appeal day, why)
        ("2025-05-17", "2025-06-09", "2025-06-07 is a Saturday; Monday 2025-06-09 is annandag pingst, an ordinary day"),
        ("2025-12-03", "2025-12-29", "2025-12-24 is julafton, then juldagen, annandag jul and a weekend"),
        ("2025-05-30", "2025-06-23", "2025-06-20 is midsommarafton, then midsommardagen and a Sunday"),
        ("2025-03-28", "2025-04-22", "2025-04-18 is långfredagen, then påskafton, påskdagen and annandag påsk"),
        ("2025-05-08", "2025-05-30", "2025-05-29 is Kristi himmelsfärdsdag"),
        ("2025-05-16", "2025-06-09", "2025-06-06 is nationaldagen (a Friday), then a weekend"),
        ("2025-10-10", "2025-10-31", "2025-10-31 is alla helgons afton, an ordinary Friday: not moved"),
    ])
    func appealPeriodEdges(_ posted: String, _ last: String, _ why: String) throws {
        #expect(SwedishCalendar.lastAppealDay(noticePosted: date(posted)) == date(last), "\(why)")
        // Through the decision's legal-force state too, where the posting can follow the RS meeting of 2025-05-20.
        if date(posted) >= date("2025-05-20") {
            let s = Self.posted(adjusted: posted, notice: posted)
            #expect(Self.force(s, on: last) == .appealPeriodRunning(lastDay: date(last)), "\(why)")
            #expect(Self.force(s, on: "\(date(last).adding(days: 1))") == .inForce(since: date(last).adding(days: 1)))
        }
    }

    @Test("an appeal keeps a decision out of force until decided; annulled or standing")
    func appeals() throws {
        var s = Self.posted(adjusted: "2025-05-27", notice: "2025-05-28")
        s.add("decision.appeal_filed", "2025-06-10", #"{"decision":"RS-2025-§112","appellant":"En medlem i regionen","court":"Förvaltningsrätten i Uppsala"}"#)
        #expect(Self.force(s, on: "2025-07-01") == .appealed(filed: date("2025-06-10")))
        var standing = s
        standing.add("decision.appeal_decided", "2025-11-03", #"{"decision":"RS-2025-§112","outcome":"stands"}"#)
        #expect(Self.force(standing, on: "2025-11-03") == .inForce(since: date("2025-11-03")))
        s.add("decision.appeal_decided", "2025-11-03", #"{"decision":"RS-2025-§112","outcome":"annulled"}"#)
        #expect(Self.force(s, on: "2025-12-01") == .annulled(on: date("2025-11-03")))
    }

    @Test("minutes adjusted on day 14 are in time; on day 15 they are late")
    func minutesDeadline() throws {
        let onTime = Self.posted(adjusted: "2025-06-03", notice: "2025-06-04")
        let items = Rules.attention(onTime.ledger.state(at: date("2025-06-30")), on: date("2025-06-30"))
        #expect(!items.contains { $0.kind == .minutesAdjustedLate })
        let late = Self.posted(adjusted: "2025-06-04", notice: "2025-06-05")
        let lateItems = Rules.attention(late.ledger.state(at: date("2025-06-30")), on: date("2025-06-30"))
        let item = try #require(lateItems.first { $0.kind == .minutesAdjustedLate })
        #expect(item.daysLate == 1)
        #expect(item.key == "RS-2025-05-20")
        // Not adjusted at all: on day 14 pending, on day 15 late.
        let none = samverkansScenario()
        let day14 = Rules.attention(none.ledger.state(at: date("2025-06-03")), on: date("2025-06-03"))
        #expect(day14.first { $0.kind == .minutesNotAdjusted }?.daysLate == nil)
        let day15 = Rules.attention(none.ledger.state(at: date("2025-06-04")), on: date("2025-06-04"))
        #expect(day15.first { $0.kind == .minutesNotAdjusted }?.daysLate == 1)
    }

    @Test("the notice is due by the second day after adjustment")
    func noticeDeadline() throws {
        let inTime = Self.posted(adjusted: "2025-05-27", notice: "2025-05-29")
        #expect(!Rules.attention(inTime.ledger.state(at: date("2025-06-30")), on: date("2025-06-30")).contains { $0.kind == .noticePostedLate })
        let late = Self.posted(adjusted: "2025-05-27", notice: "2025-05-30")
        #expect(Rules.attention(late.ledger.state(at: date("2025-06-30")), on: date("2025-06-30")).first { $0.kind == .noticePostedLate }?.daysLate == 1)
    }

    /// Internal control for IN 2025 with one control point.
    static func controlScenario(plan: Bool = true) -> Scenario {
        var s = samverkansScenario()
        s.add("meeting.held", "2024-12-10", #"{"organ":"IN","digital":true}"#)
        s.add("decision.recorded", "2024-12-10", #"{"organ":"IN","meeting":"IN-2024-12-10","paragraph":60,"title":"Internkontrollplan 2025"}"#)
        if plan {
            s.add("control.plan_adopted", "2024-12-10", #"{"organ":"IN","year":2025,"decision":"IN-2024-§60"}"#)
            s.add("control.point_defined", "2024-12-10", #"{"plan":"IKP-IN-2025","risk":"Risk för överprövningar","riskType":"processrisk","likelihood":2,"consequence":3,"area":"Upphandling","point":"Orsaker till överprövningar","method":"Genomgång av domar","responsible":"Inköpschef","frequency":"tertialvis"}"#)
        }
        return s
    }

    @Test("internal control: no plan for the year, no result, behind its frequency, a deviation without a measure")
    func internalControl() throws {
        let none = Self.controlScenario(plan: false)
        let noPlan = Rules.attention(none.ledger.state(at: date("2025-03-01")), on: date("2025-03-01"))
        #expect(noPlan.contains { $0.kind == .controlPlanMissing && $0.key == "IN" })
        #expect(noPlan.contains { $0.kind == .controlPlanMissing && $0.key == "RS" })
        var s = Self.controlScenario()
        let april = Rules.attention(s.ledger.state(at: date("2025-04-30")), on: date("2025-04-30"))
        #expect(april.first { $0.kind == .controlWithoutResult }?.urgency == 1)  // tertial 1 is over
        #expect(!april.contains { $0.kind == .controlPlanMissing && $0.key == "IN" })
        s.add("control.result_recorded", "2025-04-25", #"{"point":"IN-2025-K1","outcome":"avvikelse","finding":"Två överprövningar förlorade"}"#)
        let september = Rules.attention(s.ledger.state(at: date("2025-09-01")), on: date("2025-09-01"))
        #expect(september.contains { $0.kind == .deviationWithoutMeasure && $0.key == "IN-2025-K1" })
        #expect(september.first { $0.kind == .controlBehindFrequency }?.message.hasPrefix("1 av 2 kontroller") == true)
    }

    @Test("a measure completed late: overdue until completed, then no longer")
    func measureCompletedLate() throws {
        var s = Self.controlScenario()
        s.add("control.result_recorded", "2025-04-25", #"{"point":"IN-2025-K1","outcome":"avvikelse","finding":"F"}"#)
        s.add("control.measure_decided", "2025-05-05", #"{"point":"IN-2025-K1","description":"Ny rutin för anbudsprövning","owner":"Inköpschef","due":"2025-06-30"}"#)
        s.add("control.measure_completed", "2025-08-20", #"{"measure":"IN-2025-K1-A1"}"#)
        let onDue = Rules.attention(s.ledger.state(at: date("2025-06-30")), on: date("2025-06-30"))
        #expect(!onDue.contains { $0.kind == .measureOverdue })
        let july = Rules.attention(s.ledger.state(at: date("2025-07-15")), on: date("2025-07-15"))
        #expect(july.first { $0.kind == .measureOverdue }?.daysLate == 15)
        let after = Rules.attention(s.ledger.state(at: date("2025-08-20")), on: date("2025-08-20"))
        #expect(!after.contains { $0.kind == .measureOverdue })
        #expect(!after.contains { $0.kind == .deviationWithoutMeasure })
    }

    @Test("a policy decided on the last day of a mandate period is due for review the next day")
    func policyReview() throws {
        var s = samverkansScenario()
        s.add("document.adopted", "2022-12-31", #"{"title":"Delegationsordning för Inköpsnämnden","kind":"delegationsordning","version":"2022","organ":"IN"}"#)
        #expect(s.events.last?.data["key"]?.stringValue == "delegationsordning-for-inkopsnamnden")
        let lastDay = Rules.attention(s.ledger.state(at: date("2022-12-31")), on: date("2022-12-31"))
        #expect(!lastDay.contains { $0.kind == .documentDueForReview })
        let nextDay = Rules.attention(s.ledger.state(at: date("2023-01-01")), on: date("2023-01-01"))
        #expect(nextDay.contains { $0.kind == .documentDueForReview })
        // Reviewed in the new period: no longer due.
        s.add("document.reviewed", "2023-03-15", #"{"document":"delegationsordning-for-inkopsnamnden","version":"2023"}"#)
        #expect(!Rules.attention(s.ledger.state(at: date("2026-12-31")), on: date("2026-12-31")).contains { $0.kind == .documentDueForReview })
        #expect(Rules.attention(s.ledger.state(at: date("2027-01-01")), on: date("2027-01-01")).contains { $0.kind == .documentDueForReview })
    }

    @Test("a policy of fullmäktige follows the assembly's term, from 15 October of the election year")
    func assemblyPolicy() throws {
        var s = samverkansScenario()
        s.add("organ.established", "2019-01-01", #"{"key":"RF","name":"Regionfullmäktige Region Västmanland","kind":"fullmäktige"}"#)
        s.add("document.adopted", "2022-10-14", #"{"key":"INKOPSPOLICY","title":"Inköpspolicy","kind":"policy","version":"2022-09-27","organ":"RF"}"#)
        #expect(!Rules.attention(s.ledger.state(at: date("2022-10-14")), on: date("2022-10-14")).contains { $0.kind == .documentDueForReview })
        #expect(Rules.attention(s.ledger.state(at: date("2022-10-15")), on: date("2022-10-15")).contains { $0.kind == .documentDueForReview })
    }

    @Test("assignments issued in an earlier mandate period and still open are flagged; audit responses past due")
    func earlierPeriodAndAudits() throws {
        var s = samverkansScenario()
        s.add("meeting.held", "2022-11-15", #"{"organ":"IN"}"#)
        s.add("decision.recorded", "2022-11-15", #"{"organ":"IN","meeting":"IN-2022-11-15","paragraph":40,"title":"Uppföljning"}"#)
        s.add("assignment.issued", "2022-11-15", #"{"decision":"IN-2022-§40","receiver":"Inköpschef","description":"Ta fram rutin","due":"2027-Q1"}"#)
        s.add("audit.report_received", "2025-03-10", #"{"auditors":"Region Sörmlands revisorer","title":"Regionens hantering av direktupphandling","assessment":"Inte helt säkerställt","responseDue":"2025-05-31","organ":"IN"}"#)
        let items = Rules.attention(s.ledger.state(at: date("2025-06-02")), on: date("2025-06-02"))
        #expect(items.contains { $0.kind == .assignmentFromEarlierPeriod && $0.key == "U-2022-01" })
        let audit = try #require(items.first { $0.kind == .auditResponseOverdue })
        #expect(audit.key == "REV-2025-1")
        #expect(audit.daysLate == 2)
    }

    @Test("status: most urgent first, one page per organ, with a summary")
    func statusReport() throws {
        var s = Self.posted(adjusted: "2025-05-27", notice: "2025-05-28")
        s.add("indicator.defined", "2023-01-01", #"{"key":"SJUK","name":"Sjukfrånvaro","unit":"%","target":3,"direction":"lower","organ":"IN"}"#)
        s.add("indicator.outcome_recorded", "2025-02-15", #"{"indicator":"SJUK","period":"2024","value":3.6}"#)
        let at = date("2025-10-10")
        let report = StatusReport.make(s.ledger.state(at: at), on: at)
        #expect(report.pages.map(\.title) == ["Alla organ", "IN Inköpsnämnden", "RS Regionstyrelsen Region Västmanland"])
        let all = report.pages[0]
        #expect(all.items.first?.kind == .assignmentOverdue)
        #expect(all.items.first?.daysLate == 10)
        #expect(all.items.map(\.urgency) == all.items.map(\.urgency).sorted())
        #expect(all.summary.openAssignments == 1)
        #expect(all.summary.overdueAssignments == 1)
        #expect(all.summary.decisionsInForce == 1)
        #expect(report.pages[1].items.contains { $0.kind == .indicatorNotMet && $0.key == "SJUK" })
        #expect(report.pages[2].items.allSatisfy { $0.organ == "RS" })
        #expect(report.pages[2].items.contains { $0.kind == .assignmentOverdue })
        let only = StatusReport.make(s.ledger.state(at: at), on: at, organ: "IN")
        #expect(only.pages.map(\.organ) == ["IN"])
    }

    @Test("a working group (grupp) is not under kommunallagen: no minutes deadlines, no legal force")
    func workingGroup() throws {
        var s = samverkansScenario()
        s.add("organ.established", "2021-01-01", #"{"key":"RUG","name":"Regionala upphandlingsgruppen","kind":"grupp"}"#)
        s.add("meeting.held", "2021-03-11", #"{"organ":"RUG","digital":true}"#)
        s.add("decision.recorded", "2021-03-11", #"{"organ":"RUG","meeting":"RUG-2021-03-11","paragraph":1,"title":"Aktivitetsplan"}"#)
        let state = s.ledger.state(at: date("2021-12-31"))
        let items = Rules.attention(state, on: date("2021-12-31"))
        #expect(!items.contains { $0.key == "RUG-2021-03-11" })
        #expect(!items.contains { $0.kind == .controlPlanMissing && $0.key == "RUG" })
        let decision = try #require(state.decision("RUG-2021-§1"))
        #expect(LegalForce.of(decision, in: state, on: date("2021-12-31")) == .notApplicable)
    }
}
