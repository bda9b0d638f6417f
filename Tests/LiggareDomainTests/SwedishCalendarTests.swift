import LiggareDomain
import LiggareLog
import Testing

private func civil(_ text: String) throws -> CivilDate {
    try #require(CivilDate(text), "bad test date \(text)")
}

/// One year's public holidays as printed in a published Swedish calendar.
struct HolidayYearExpectation: Sendable, CustomTestStringConvertible {
    let year: Int
    /// (YYYY-MM-DD, name) in date order, copied from the calendar.
    let holidays: [(String, String)]
    /// The midsommarafton of the year, copied from the calendar.
    let midsommarafton: String

    var testDescription: String { "holidays \(year)" }
}

/// One appeal period worked out by hand from a printed calendar.
struct AppealExpectation: Sendable, CustomTestStringConvertible {
    let posted: String
    let nominal: String
    let last: String
    let reason: String?
    let label: String

    init(_ label: String, posted: String, nominal: String, last: String, reason: String?) {
        self.label = label
        self.posted = posted
        self.nominal = nominal
        self.last = last
        self.reason = reason
    }

    var testDescription: String { "\(label): posted \(posted) → \(last)" }
}

@Suite("SwedishCalendar: holidays (lag 1989:253), days off and the appeal period (lag 1930:173)")
struct SwedishCalendarTests {
    // MARK: - Easter

    /// Easter Sundays 2000–2030 from a published table (Wikipedia "List of dates for Easter", Western column; the
    /// same dates as kalender.se "Påskdagen" for 2024–2030).
    static let easterSundays: [(Int, String)] = [
        (2000, "2000-04-23"), (2001, "2001-04-15"), (2002, "2002-03-31"), (2003, "2003-04-20"),
        (2004, "2004-04-11"), (2005, "2005-03-27"), (2006, "2006-04-16"), (2007, "2007-04-08"),
        (2008, "2008-03-23"), (2009, "2009-04-12"), (2010, "2010-04-04"), (2011, "2011-04-24"),
        (2012, "2012-04-08"), (2013, "2013-03-31"), (2014, "2014-04-20"), (2015, "2015-04-05"),
        (2016, "2016-03-27"), (2017, "2017-04-16"), (2018, "2018-04-01"), (2019, "2019-04-21"),
        (2020, "2020-04-12"), (2021, "2021-04-04"), (2022, "2022-04-17"), (2023, "2023-04-09"),
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
        (2028, "2028-04-16"), (2029, "2029-04-01"), (2030, "2030-04-21"),
    ]

    @Test("Easter Sunday 2000–2030 matches the published table", arguments: easterSundays)
    func easter(year: Int, expected: String) throws {
        let date = SwedishCalendar.easterSunday(year: year)
        #expect(date == (try civil(expected)))
        #expect(date.isoWeekday == 7)
    }

    /// The extremes and the exceptions of Gauss's rule, from published tables: the earliest possible Easter
    /// (22 March: 1818, next 2285), the latest (25 April: 1943, 2038), and the years where Gauss's formula needs its
    /// correction (1954 → 18 April, 1981 → 19 April, 2049 → 18 April, 2076 → 19 April).
    @Test("Easter Sunday at the edges of the computus", arguments: [
        (1818, "1818-03-22"), (2285, "2285-03-22"), (1943, "1943-04-25"), (2038, "2038-04-25"),
        (1954, "1954-04-18"), (1981, "1981-04-19"), (2049, "2049-04-18"), (2076, "2076-04-19"),
    ])
    func easterEdges(year: Int, expected: String) throws {
        #expect(SwedishCalendar.easterSunday(year: year) == (try civil(expected)))
    }

    @Test("Easter is a Sunday from 22 March to 25 April in every year 1583–3000")
    func easterRange() throws {
        let earliest = 3 * 100 + 22
        let latest = 4 * 100 + 25
        for year in 1583...3000 {
            let easter = SwedishCalendar.easterSunday(year: year)
            #expect(easter.year == year)
            #expect(easter.isoWeekday == 7, "\(easter)")
            let key = easter.month * 100 + easter.day
            #expect(key >= earliest && key <= latest, "\(easter)")
        }
    }

    // MARK: - Public holidays from published calendars

    /// Copied from published Swedish calendars (tidochdatum.se "Helgdagar", veckorna.se "Alla röda dagar",
    /// rodadagar.com, kalender-365.se), not computed.
    static let holidayYears: [HolidayYearExpectation] = [
        .init(year: 2023, holidays: [
            ("2023-01-01", "nyårsdagen"), ("2023-01-06", "trettondedag jul"), ("2023-04-07", "långfredagen"),
            ("2023-04-09", "påskdagen"), ("2023-04-10", "annandag påsk"), ("2023-05-01", "första maj"),
            ("2023-05-18", "Kristi himmelsfärdsdag"), ("2023-05-28", "pingstdagen"), ("2023-06-06", "nationaldagen"),
            ("2023-06-24", "midsommardagen"), ("2023-11-04", "alla helgons dag"), ("2023-12-25", "juldagen"),
            ("2023-12-26", "annandag jul"),
        ], midsommarafton: "2023-06-23"),
        .init(year: 2024, holidays: [
            ("2024-01-01", "nyårsdagen"), ("2024-01-06", "trettondedag jul"), ("2024-03-29", "långfredagen"),
            ("2024-03-31", "påskdagen"), ("2024-04-01", "annandag påsk"), ("2024-05-01", "första maj"),
            ("2024-05-09", "Kristi himmelsfärdsdag"), ("2024-05-19", "pingstdagen"), ("2024-06-06", "nationaldagen"),
            ("2024-06-22", "midsommardagen"), ("2024-11-02", "alla helgons dag"), ("2024-12-25", "juldagen"),
            ("2024-12-26", "annandag jul"),
        ], midsommarafton: "2024-06-21"),
        .init(year: 2025, holidays: [
            ("2025-01-01", "nyårsdagen"), ("2025-01-06", "trettondedag jul"), ("2025-04-18", "långfredagen"),
            ("2025-04-20", "påskdagen"), ("2025-04-21", "annandag påsk"), ("2025-05-01", "första maj"),
            ("2025-05-29", "Kristi himmelsfärdsdag"), ("2025-06-06", "nationaldagen"), ("2025-06-08", "pingstdagen"),
            ("2025-06-21", "midsommardagen"), ("2025-11-01", "alla helgons dag"), ("2025-12-25", "juldagen"),
            ("2025-12-26", "annandag jul"),
        ], midsommarafton: "2025-06-20"),
        .init(year: 2026, holidays: [
            ("2026-01-01", "nyårsdagen"), ("2026-01-06", "trettondedag jul"), ("2026-04-03", "långfredagen"),
            ("2026-04-05", "påskdagen"), ("2026-04-06", "annandag påsk"), ("2026-05-01", "första maj"),
            ("2026-05-14", "Kristi himmelsfärdsdag"), ("2026-05-24", "pingstdagen"), ("2026-06-06", "nationaldagen"),
            ("2026-06-20", "midsommardagen"), ("2026-10-31", "alla helgons dag"), ("2026-12-25", "juldagen"),
            ("2026-12-26", "annandag jul"),
        ], midsommarafton: "2026-06-19"),
        .init(year: 2027, holidays: [
            ("2027-01-01", "nyårsdagen"), ("2027-01-06", "trettondedag jul"), ("2027-03-26", "långfredagen"),
            ("2027-03-28", "påskdagen"), ("2027-03-29", "annandag påsk"), ("2027-05-01", "första maj"),
            ("2027-05-06", "Kristi himmelsfärdsdag"), ("2027-05-16", "pingstdagen"), ("2027-06-06", "nationaldagen"),
            ("2027-06-26", "midsommardagen"), ("2027-11-06", "alla helgons dag"), ("2027-12-25", "juldagen"),
            ("2027-12-26", "annandag jul"),
        ], midsommarafton: "2027-06-25"),
    ]

    @Test("Public holidays match the published calendar, every holiday with its date", arguments: holidayYears)
    func holidays(_ expected: HolidayYearExpectation) throws {
        let actual = SwedishCalendar.publicHolidays(year: expected.year)
        #expect(actual.count == expected.holidays.count)
        for (index, (text, name)) in expected.holidays.enumerated() where index < actual.count {
            let date = try civil(text)
            #expect(actual[index].date == date, "\(name)")
            #expect(actual[index].name == name, "\(text)")
            #expect(SwedishCalendar.holidayName(date) == name)
            #expect(SwedishCalendar.isDayOff(date))
            #expect(SwedishCalendar.nameOfDayOff(date) == name)
        }
    }

    @Test("The three eves of lag 1930:173 are days off but not public holidays", arguments: holidayYears)
    func eves(_ expected: HolidayYearExpectation) throws {
        let eves = [
            (expected.midsommarafton, "midsommarafton"),
            ("\(expected.year)-12-24", "julafton"),
            ("\(expected.year)-12-31", "nyårsafton"),
        ]
        for (text, name) in eves {
            let date = try civil(text)
            #expect(SwedishCalendar.holidayName(date) == nil, "\(text)")
            #expect(SwedishCalendar.isDayOff(date), "\(text)")
            #expect(SwedishCalendar.nameOfDayOff(date) == name, "\(text)")
        }
        let midsommarafton = try civil(expected.midsommarafton)
        #expect(midsommarafton.isoWeekday == 5)
    }

    /// Days that custom treats as half or whole days off but the law does not name: a period can end on them.
    /// Skärtorsdagen 2025-04-17 (Thursday) and 2024-03-28 (Thursday), trettondagsafton 2024-01-05 (Friday),
    /// valborgsmässoafton 2025-04-30 (Wednesday), annandag pingst 2025-06-09 and 2026-05-25 (Mondays), alla helgons
    /// afton 2025-10-31 and 2026-10-30 (Fridays), the day before Kristi himmelsfärdsdag 2025-05-28 (Wednesday), and
    /// the day before julafton 2026-12-23 (Wednesday).
    @Test("Eves that the law does not name are ordinary weekdays", arguments: [
        "2025-04-17", "2024-01-05", "2025-04-30", "2025-06-09", "2025-10-31", "2025-05-28", "2026-12-23",
        "2026-05-25", "2026-10-30", "2024-03-28",
    ])
    func ordinaryDays(_ text: String) throws {
        let date = try civil(text)
        #expect(date.isoWeekday <= 5)
        #expect(!SwedishCalendar.isDayOff(date))
        #expect(SwedishCalendar.nameOfDayOff(date) == nil)
        #expect(SwedishCalendar.holidayName(date) == nil)
        #expect(SwedishCalendar.nextWorkday(onOrAfter: date) == date)
    }

    @Test("Weekends are days off; påskafton and pingstafton are just Saturdays")
    func weekends() throws {
        #expect(SwedishCalendar.nameOfDayOff(try civil("2025-04-19")) == "lördag") // påskafton
        #expect(SwedishCalendar.nameOfDayOff(try civil("2025-06-07")) == "lördag") // pingstafton
        #expect(SwedishCalendar.nameOfDayOff(try civil("2025-03-22")) == "lördag")
        #expect(SwedishCalendar.nameOfDayOff(try civil("2025-03-23")) == "söndag")
        #expect(SwedishCalendar.holidayName(try civil("2025-03-23")) == nil) // an ordinary Sunday has no name
        #expect(SwedishCalendar.nameOfDayOff(try civil("2025-03-24")) == nil)
        // A holiday on a weekend is named by the holiday: juldagen 2027 is a Saturday, annandag jul a Sunday.
        #expect(SwedishCalendar.nameOfDayOff(try civil("2027-12-25")) == "juldagen")
        #expect(SwedishCalendar.nameOfDayOff(try civil("2027-12-26")) == "annandag jul")
        // Julafton 2023 was a Sunday: named julafton.
        #expect(SwedishCalendar.nameOfDayOff(try civil("2023-12-24")) == "julafton")
    }

    @Test("Moving holidays fall on their weekday and window in every year 2005–2100")
    func holidayRules() throws {
        for year in 2005...2100 {
            let list = SwedishCalendar.publicHolidays(year: year)
            #expect(list.count == 13, "\(year)")
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.date <= $1.date }, "\(year) not sorted")
            #expect(!list.contains { $0.name == "annandag pingst" }, "\(year)")
            for (date, name) in list {
                #expect(date.year == year)
                switch name {
                case "långfredagen": #expect(date.isoWeekday == 5)
                case "påskdagen", "pingstdagen": #expect(date.isoWeekday == 7)
                case "annandag påsk": #expect(date.isoWeekday == 1)
                case "Kristi himmelsfärdsdag": #expect(date.isoWeekday == 4)
                case "midsommardagen":
                    #expect(date.isoWeekday == 6 && date.month == 6 && (20...26).contains(date.day), "\(date)")
                case "alla helgons dag":
                    #expect(date.isoWeekday == 6, "\(date)")
                    #expect((date.month == 10 && date.day == 31) || (date.month == 11 && date.day <= 6), "\(date)")
                case "nyårsdagen", "trettondedag jul", "första maj", "nationaldagen", "juldagen", "annandag jul":
                    break
                default:
                    Issue.record("unexpected holiday \(name) on \(date)")
                }
            }
        }
    }

    /// 2008: Easter was 23 March (published table), so Kristi himmelsfärdsdag (Easter + 39) fell on första maj.
    @Test("Two holidays on one day are both listed and both named")
    func coincidingHolidays() throws {
        let mayDay = try civil("2008-05-01")
        let list = SwedishCalendar.publicHolidays(year: 2008)
        #expect(list.filter { $0.date == mayDay }.map(\.name) == ["första maj", "Kristi himmelsfärdsdag"])
        #expect(SwedishCalendar.holidayName(mayDay) == "första maj och Kristi himmelsfärdsdag")
    }

    /// Before 2005 (lag 1989:253 before SFS 2004:1320) annandag pingst was a public holiday and nationaldagen was not.
    /// 2004: Easter 11 April (published table), pingstdagen 30 May, annandag pingst Monday 31 May; 6 June 2004 was a
    /// Sunday. 2005: Easter 27 March, annandag pingst Monday 16 May (ordinary), nationaldagen Monday 6 June.
    @Test("Annandag pingst until 2004, nationaldagen from 2005")
    func pentecostMondayAbolished() throws {
        #expect(SwedishCalendar.holidayName(try civil("2004-05-31")) == "annandag pingst")
        #expect(SwedishCalendar.holidayName(try civil("2004-06-06")) == nil)
        #expect(SwedishCalendar.nameOfDayOff(try civil("2004-06-06")) == "söndag")
        #expect(SwedishCalendar.publicHolidays(year: 2004).count == 13)
        #expect(SwedishCalendar.holidayName(try civil("2005-05-16")) == nil)
        #expect(!SwedishCalendar.isDayOff(try civil("2005-05-16")))
        #expect(SwedishCalendar.holidayName(try civil("2005-06-06")) == "nationaldagen")
    }

    // MARK: - Appeal periods

    /// Each case: the notice is posted on a day; the nominal last day is the same weekday three weeks later (+21 days);
    /// if that is a day off the period runs to the next day that is not. Weekdays checked in the calendar.
    static let appeals: [AppealExpectation] = [
        // A normal weekday: Tuesday 2025-06-03 → Tuesday 2025-06-24, an ordinary day (midsommar 2025 is 20–21 June).
        .init("weekday", posted: "2025-06-03", nominal: "2025-06-24", last: "2025-06-24", reason: nil),
        // Ends on a Saturday: posted Saturday 2025-03-01 → Saturday 2025-03-22 → Monday 2025-03-24.
        .init("Saturday", posted: "2025-03-01", nominal: "2025-03-22", last: "2025-03-24",
              reason: "2025-03-22 is lördag"),
        // Ends on a Sunday: posted Sunday 2025-03-02 → Sunday 2025-03-23 → Monday 2025-03-24.
        .init("Sunday", posted: "2025-03-02", nominal: "2025-03-23", last: "2025-03-24",
              reason: "2025-03-23 is söndag"),
        // Julafton Wednesday 2025-12-24, juldagen Thursday, annandag jul Friday, Saturday 27, Sunday 28 → Monday 29.
        .init("julafton", posted: "2025-12-03", nominal: "2025-12-24", last: "2025-12-29",
              reason: "2025-12-24 is julafton"),
        .init("juldagen", posted: "2025-12-04", nominal: "2025-12-25", last: "2025-12-29",
              reason: "2025-12-25 is juldagen"),
        .init("annandag jul", posted: "2025-12-05", nominal: "2025-12-26", last: "2025-12-29",
              reason: "2025-12-26 is annandag jul"),
        // Nyårsafton Wednesday 2025-12-31, nyårsdagen Thursday 2026-01-01 → Friday 2026-01-02 (an ordinary day).
        .init("nyårsafton", posted: "2025-12-10", nominal: "2025-12-31", last: "2026-01-02",
              reason: "2025-12-31 is nyårsafton"),
        .init("nyårsdagen", posted: "2025-12-11", nominal: "2026-01-01", last: "2026-01-02",
              reason: "2026-01-01 is nyårsdagen"),
        // Nyårsafton Thursday 2026-12-31, nyårsdagen Friday 2027-01-01, Saturday, Sunday → Monday 2027-01-04.
        .init("nyårsafton into the weekend", posted: "2026-12-10", nominal: "2026-12-31", last: "2027-01-04",
              reason: "2026-12-31 is nyårsafton"),
        // Trettondedag jul Tuesday 2026-01-06 → Wednesday 2026-01-07.
        .init("trettondedag jul", posted: "2025-12-16", nominal: "2026-01-06", last: "2026-01-07",
              reason: "2026-01-06 is trettondedag jul"),
        // Midsommarafton Friday 2025-06-20, midsommardagen Saturday 21, Sunday 22 → Monday 2025-06-23.
        .init("midsommarafton", posted: "2025-05-30", nominal: "2025-06-20", last: "2025-06-23",
              reason: "2025-06-20 is midsommarafton"),
        // Easter 2025: långfredagen Friday 04-18, påskafton Saturday 19, påskdagen Sunday 20, annandag påsk Monday 21
        // → Tuesday 2025-04-22.
        .init("långfredagen", posted: "2025-03-28", nominal: "2025-04-18", last: "2025-04-22",
              reason: "2025-04-18 is långfredagen"),
        .init("påskdagen", posted: "2025-03-30", nominal: "2025-04-20", last: "2025-04-22",
              reason: "2025-04-20 is påskdagen"),
        .init("annandag påsk", posted: "2025-03-31", nominal: "2025-04-21", last: "2025-04-22",
              reason: "2025-04-21 is annandag påsk"),
        // Skärtorsdagen Thursday 2025-04-17 is an ordinary day: not moved.
        .init("skärtorsdagen", posted: "2025-03-27", nominal: "2025-04-17", last: "2025-04-17", reason: nil),
        // Första maj Thursday 2025-05-01 → Friday 2025-05-02.
        .init("första maj", posted: "2025-04-10", nominal: "2025-05-01", last: "2025-05-02",
              reason: "2025-05-01 is första maj"),
        // Kristi himmelsfärdsdag Thursday 2025-05-29 → Friday 2025-05-30 (the klämdag is an ordinary day).
        .init("Kristi himmelsfärdsdag", posted: "2025-05-08", nominal: "2025-05-29", last: "2025-05-30",
              reason: "2025-05-29 is Kristi himmelsfärdsdag"),
        // Nationaldagen Thursday 2024-06-06 → Friday 2024-06-07.
        .init("nationaldagen 2024", posted: "2024-05-16", nominal: "2024-06-06", last: "2024-06-07",
              reason: "2024-06-06 is nationaldagen"),
        // Nationaldagen Friday 2025-06-06, Saturday 7, pingstdagen Sunday 8 → Monday 2025-06-09, annandag pingst,
        // which is an ordinary day since 2005.
        .init("nationaldagen 2025", posted: "2025-05-16", nominal: "2025-06-06", last: "2025-06-09",
              reason: "2025-06-06 is nationaldagen"),
        // Annandag pingst Monday 2025-06-09: an ordinary day, not moved.
        .init("annandag pingst", posted: "2025-05-19", nominal: "2025-06-09", last: "2025-06-09", reason: nil),
        // Alla helgons afton Friday 2025-10-31 (alla helgons dag is Saturday 11-01): an ordinary day, not moved.
        .init("alla helgons afton", posted: "2025-10-10", nominal: "2025-10-31", last: "2025-10-31", reason: nil),
        // Alla helgons dag Saturday 2026-10-31 → Monday 2026-11-02; named by the holiday, not "lördag".
        .init("alla helgons dag", posted: "2026-10-10", nominal: "2026-10-31", last: "2026-11-02",
              reason: "2026-10-31 is alla helgons dag"),
    ]

    @Test("Appeal periods at their edges", arguments: appeals)
    func appeal(_ expected: AppealExpectation) throws {
        let posted = try civil(expected.posted)
        let period = SwedishCalendar.appealPeriod(noticePosted: posted)
        #expect(period.nominal == (try civil(expected.nominal)))
        #expect(period.last == (try civil(expected.last)))
        #expect(period.reason == expected.reason)
        #expect(period.nominal.isoWeekday == posted.isoWeekday)
        #expect(SwedishCalendar.lastAppealDay(noticePosted: posted) == period.last)
    }

    @Test("For every posting date 2020–2030 the last day is the first day on or after the nominal day that is not off")
    func appealInvariant() throws {
        var posted = try civil("2020-01-01")
        let stop = try civil("2030-12-31")
        while posted <= stop {
            let period = SwedishCalendar.appealPeriod(noticePosted: posted)
            #expect(posted.days(until: period.nominal) == 21)
            #expect(period.last >= period.nominal)
            #expect(period.nominal.days(until: period.last) <= 5, "\(posted)")
            #expect(!SwedishCalendar.isDayOff(period.last), "\(posted)")
            var day = period.nominal
            while day < period.last {
                #expect(SwedishCalendar.isDayOff(day), "\(day)")
                day = day.adding(days: 1)
            }
            #expect((period.reason == nil) == (period.last == period.nominal), "\(posted)")
            posted = posted.adding(days: 1)
        }
    }

    @Test("nextWorkday returns the date itself on a workday and skips runs of days off")
    func nextWorkday() throws {
        #expect(SwedishCalendar.nextWorkday(onOrAfter: try civil("2025-06-24")) == (try civil("2025-06-24")))
        #expect(SwedishCalendar.nextWorkday(onOrAfter: try civil("2025-12-24")) == (try civil("2025-12-29")))
        #expect(SwedishCalendar.nextWorkday(onOrAfter: try civil("2023-12-23")) == (try civil("2023-12-27")))
        #expect(SwedishCalendar.nextWorkday(onOrAfter: try civil("2025-04-18")) == (try civil("2025-04-22")))
    }

    @Test("Years outside the range of CivilDate neither trap nor loop")
    func extremes() throws {
        #expect(SwedishCalendar.publicHolidays(year: 0).isEmpty)
        #expect(SwedishCalendar.publicHolidays(year: 10_000).isEmpty)
        #expect(SwedishCalendar.publicHolidays(year: Int.min).isEmpty)
        #expect(SwedishCalendar.easterSunday(year: Int.max).year == 9999)
        #expect(SwedishCalendar.easterSunday(year: Int.min).year == 1)
        #expect(SwedishCalendar.publicHolidays(year: 1).count == 13)
        #expect(SwedishCalendar.publicHolidays(year: 9999).count == 13)
        let last = try civil("9999-12-31") // nyårsafton with no day after it
        #expect(SwedishCalendar.nextWorkday(onOrAfter: last) == last)
        #expect(SwedishCalendar.lastAppealDay(noticePosted: try civil("9999-12-20")) == last)
    }
}
