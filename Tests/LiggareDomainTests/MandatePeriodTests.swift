import LiggareDomain
import LiggareLog
import Testing

private func civil(_ text: String) throws -> CivilDate {
    try #require(CivilDate(text), "bad test date \(text)")
}

@Suite("MandatePeriod: terms of office, election days and fullmäktige's term")
struct MandatePeriodTests {
    /// Election days as published: val.se (2010-09-19), the 2014 election on 14 September, Knivsta kommun
    /// (2018-09-09), DOMAIN.md (2022-09-11, 2026-09-13, 2030-09-08; Vallentuna kommun also gives 2026-09-13), and the
    /// 1994 election on 18 September (the third Sunday, the rule before SFS 2010:1416).
    @Test("Election days", arguments: [
        (1994, "1994-09-18"), (2010, "2010-09-19"), (2014, "2014-09-14"), (2018, "2018-09-09"),
        (2022, "2022-09-11"), (2026, "2026-09-13"), (2030, "2030-09-08"),
    ])
    func electionDay(year: Int, expected: String) throws {
        let day = try #require(MandatePeriod.electionDay(year: year))
        #expect(day == (try civil(expected)))
        #expect(day.isoWeekday == 7)
    }

    @Test("Years without an ordinary election have no election day", arguments: [
        2019, 2020, 2021, 2023, 2024, 2025, 2027, 2028, 2029, 1990, 1991, 1993, 0, -2, 10_002, Int.min, Int.max,
    ])
    func noElection(year: Int) {
        #expect(MandatePeriod.electionDay(year: year) == nil)
    }

    @Test("From 2014 the election day is the second Sunday of September, every fourth year")
    func secondSunday() throws {
        for year in stride(from: 2014, through: 2102, by: 4) {
            let day = try #require(MandatePeriod.electionDay(year: year))
            #expect(day.month == 9 && (8...14).contains(day.day) && day.isoWeekday == 7, "\(day)")
        }
    }

    /// The periods around the turn of 2022/2023 and 2026/2027, written out from DOMAIN.md "Terms of office".
    @Test("The period containing a date", arguments: [
        ("2022-12-31", 2019, "2019-01-01", "2022-12-31", "2019–2022"),
        ("2023-01-01", 2023, "2023-01-01", "2026-12-31", "2023–2026"),
        ("2024-06-15", 2023, "2023-01-01", "2026-12-31", "2023–2026"),
        ("2026-12-31", 2023, "2023-01-01", "2026-12-31", "2023–2026"),
        ("2027-01-01", 2027, "2027-01-01", "2030-12-31", "2027–2030"),
    ])
    func containing(date: String, firstYear: Int, start: String, end: String, description: String) throws {
        let day = try civil(date)
        let period = MandatePeriod.containing(day)
        #expect(period.firstYear == firstYear)
        #expect(period.start == (try civil(start)))
        #expect(period.end == (try civil(end)))
        #expect(period.description == description)
        #expect(period.contains(day))
        #expect(!period.contains(period.start.adding(days: -1)))
        #expect(!period.contains(period.end.adding(days: 1)))
    }

    @Test("next, previous, the election year and the checked initialiser")
    func navigation() throws {
        let current = try #require(MandatePeriod(firstYear: 2023))
        #expect(current.next == MandatePeriod(firstYear: 2027))
        #expect(current.previous == MandatePeriod(firstYear: 2019))
        #expect(current.next.previous == current)
        #expect(current.electionYear == 2022)
        #expect(current.next.description == "2027–2030")
        #expect(current.previous.description == "2019–2022")
        #expect(current.previous.end.adding(days: 1) == current.start)
        #expect(current.end.adding(days: 1) == current.next.start)
        #expect(MandatePeriod(firstYear: 2022) == nil)
        #expect(MandatePeriod(firstYear: 2024) == nil)
        #expect(MandatePeriod(firstYear: 2026) == nil)
        #expect(MandatePeriod(firstYear: 10_003) == nil)
        #expect(MandatePeriod(firstYear: Int.min) == nil)
        #expect(MandatePeriod(firstYear: -1) != nil)
        #expect(Set([current, MandatePeriod.containing(try civil("2025-05-05"))]).count == 1)
    }

    @Test("Every day 2015–2035 lies in exactly the four-year period that contains it")
    func everyDay() throws {
        var day = try civil("2015-01-01")
        let stop = try civil("2035-12-31")
        while day <= stop {
            let period = MandatePeriod.containing(day)
            #expect(period.contains(day), "\(day)")
            #expect(!period.previous.contains(day) && !period.next.contains(day), "\(day)")
            #expect(period.firstYear % 4 == 3)
            #expect(period.start.month == 1 && period.start.day == 1 && period.end.year == period.firstYear + 3)
            #expect(MandatePeriod.electionDay(year: period.electionYear) != nil, "\(period)")
            day = day.adding(days: 1)
        }
    }

    /// Fullmäktige: 2018-10-15–2022-10-14, then 2022-10-15–2026-10-14 (DOMAIN.md), then 2026-10-15–2030-10-14.
    @Test("Fullmäktige's term around 15 October", arguments: [
        ("2022-10-14", "2018-10-15", "2022-10-14"),
        ("2022-10-15", "2022-10-15", "2026-10-14"),
        ("2022-12-31", "2022-10-15", "2026-10-14"),
        ("2023-01-01", "2022-10-15", "2026-10-14"),
        ("2022-09-11", "2018-10-15", "2022-10-14"), // election day: the old fullmäktige still serves
        ("2026-10-14", "2022-10-15", "2026-10-14"),
        ("2026-10-15", "2026-10-15", "2030-10-14"),
        ("2018-10-15", "2018-10-15", "2022-10-14"),
        ("2018-10-14", "2014-10-15", "2018-10-14"),
    ])
    func assemblyTerm(date: String, start: String, end: String) throws {
        let term = MandatePeriod.assemblyTerm(containing: try civil(date))
        #expect(term.start == (try civil(start)))
        #expect(term.end == (try civil(end)))
    }

    @Test("The ends of the range of CivilDate are clamped, not trapped")
    func extremes() throws {
        let first = try civil("0001-01-01")
        let last = try civil("9999-12-31")
        let early = MandatePeriod.containing(first)
        #expect(early.firstYear == -1)
        #expect(early.start == first)
        #expect(early.contains(first))
        let late = MandatePeriod.containing(last)
        #expect(late.firstYear == 9999)
        #expect(late.end == last)
        #expect(late.contains(last))
        #expect(MandatePeriod.assemblyTerm(containing: first).start == first)
        #expect(MandatePeriod.assemblyTerm(containing: last).end == last)
        #expect(MandatePeriod.assemblyTerm(containing: last).start == (try civil("9998-10-15")))
    }
}
