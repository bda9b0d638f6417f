import LiggareLog

/// The Swedish calendar of public holidays and days off, and the appeal period that depends on it.
///
/// Sources:
/// - Lag (1989:253) om allmänna helgdagar: which days are public holidays (allmänna helgdagar).
/// - Lag (1930:173) om beräkning av lagstadgad tid, 2 §: when the last day of a period set by law falls on a Saturday,
///   a Sunday or another public holiday, midsommarafton, julafton or nyårsafton, the period runs to the next weekday.
/// - Kommunallagen (2017:725) 13 kap. 5 §: an appeal (laglighetsprövning) must reach the court within three weeks from
///   the day the notice that the minutes were adjusted was posted on the notice board (anslagstavlan).
///
/// The calendar follows the law, not custom: påskafton, pingstafton and alla helgons afton are not named by
/// lag 1930:173 (påskafton and pingstafton are Saturdays and so days off anyway), and skärtorsdagen,
/// trettondagsafton, valborgsmässoafton, alla helgons afton and (from 2005) annandag pingst are ordinary weekdays.
///
/// Every function is total: years outside 1...9999 (the range of ``CivilDate``) never trap.
public enum SwedishCalendar {
    // MARK: - Easter

    /// Easter Sunday (påskdagen) of a year in the Gregorian calendar.
    ///
    /// Computed with the anonymous Gregorian algorithm (Meeus/Jones/Butcher), which is exact for every Gregorian year.
    /// Sweden has kept Easter by the Gregorian computus since 1753 (earlier years get the proleptic Gregorian date).
    /// - Parameter year: the year; values outside 1...9999 are clamped to that range.
    /// - Returns: the date of påskdagen, always a Sunday between 22 March and 25 April.
    public static func easterSunday(year: Int) -> CivilDate {
        let y = min(max(year, 1), 9999)
        let a = y % 19
        let b = y / 100
        let c = y % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return civilDate(year: y, month: month, day: day)
    }

    // MARK: - Public holidays (lag 1989:253)

    /// The public holidays (allmänna helgdagar) of a year other than the ordinary Sundays, sorted by date.
    ///
    /// From 2005 (lag 1989:253 as amended by SFS 2004:1320, in force 2005-04-01) the list has thirteen entries:
    ///
    /// | Name                     | Date                                          |
    /// |--------------------------|-----------------------------------------------|
    /// | `nyårsdagen`             | 1 January                                     |
    /// | `trettondedag jul`       | 6 January                                     |
    /// | `långfredagen`           | the Friday before påskdagen (Easter − 2)      |
    /// | `påskdagen`              | Easter Sunday (see ``easterSunday(year:)``)   |
    /// | `annandag påsk`          | the Monday after påskdagen (Easter + 1)       |
    /// | `första maj`             | 1 May                                         |
    /// | `Kristi himmelsfärdsdag` | the sixth Thursday after påskdagen (Easter + 39) |
    /// | `nationaldagen`          | 6 June                                        |
    /// | `pingstdagen`            | the seventh Sunday after påskdagen (Easter + 49) |
    /// | `midsommardagen`         | the Saturday 20–26 June                       |
    /// | `alla helgons dag`       | the Saturday 31 October–6 November            |
    /// | `juldagen`               | 25 December                                   |
    /// | `annandag jul`           | 26 December                                   |
    ///
    /// Every Sunday is also a public holiday but is not listed. Annandag pingst is not a holiday from 2005.
    /// For years before 2005 the law's original wording applies: `annandag pingst` (Easter + 50) is listed, after
    /// `pingstdagen`, and `nationaldagen` is not. Rules older than lag 1989:253 are not modelled.
    ///
    /// Two holidays can fall on the same day (in 2008 Kristi himmelsfärdsdag fell on första maj); both are listed,
    /// in the order of the table above.
    /// - Parameter year: the year.
    /// - Returns: the holidays sorted by date; empty for years outside 1...9999.
    public static func publicHolidays(year: Int) -> [(date: CivilDate, name: String)] {
        guard (1...9999).contains(year) else { return [] }
        let easter = easterSunday(year: year)
        let june20 = civilDate(year: year, month: 6, day: 20)
        let october31 = civilDate(year: year, month: 10, day: 31)
        var list: [(date: CivilDate, name: String)] = [
            (civilDate(year: year, month: 1, day: 1), "nyårsdagen"),
            (civilDate(year: year, month: 1, day: 6), "trettondedag jul"),
            (easter.adding(days: -2), "långfredagen"),
            (easter, "påskdagen"),
            (easter.adding(days: 1), "annandag påsk"),
            (civilDate(year: year, month: 5, day: 1), "första maj"),
            (easter.adding(days: 39), "Kristi himmelsfärdsdag"),
        ]
        if year >= 2005 {
            list.append((civilDate(year: year, month: 6, day: 6), "nationaldagen"))
        }
        list.append((easter.adding(days: 49), "pingstdagen"))
        if year < 2005 {
            list.append((easter.adding(days: 50), "annandag pingst"))
        }
        list.append((nextSaturday(onOrAfter: june20), "midsommardagen"))
        list.append((nextSaturday(onOrAfter: october31), "alla helgons dag"))
        list.append((civilDate(year: year, month: 12, day: 25), "juldagen"))
        list.append((civilDate(year: year, month: 12, day: 26), "annandag jul"))
        // Sort by date; holidays on the same day keep the order of the table (the index breaks ties).
        return list.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }

    /// The name of the public holiday on a date, if any (see ``publicHolidays(year:)`` for the names).
    ///
    /// An ordinary Sunday is a public holiday too but has no name here: this returns `nil` for it.
    /// When two holidays fall on the same day, both names are given, joined by `" och "`
    /// (2008-05-01: `"första maj och Kristi himmelsfärdsdag"`).
    /// - Parameter date: the date.
    /// - Returns: the holiday's name, or `nil` when the date is not a named public holiday.
    public static func holidayName(_ date: CivilDate) -> String? {
        let names = publicHolidays(year: date.year).filter { $0.date == date }.map(\.name)
        return names.isEmpty ? nil : names.joined(separator: " och ")
    }

    // MARK: - Days off (lag 1930:173 2 §)

    /// Whether a period set by law that ends on this date runs on to the next weekday (lag 1930:173 2 §).
    ///
    /// True for a Saturday, a Sunday, a public holiday (``publicHolidays(year:)``), midsommarafton (the Friday before
    /// midsommardagen), julafton (24 December) and nyårsafton (31 December). No other eve: skärtorsdagen,
    /// trettondagsafton, valborgsmässoafton and alla helgons afton are ordinary weekdays.
    /// - Parameter date: the date.
    /// - Returns: `true` when the date is a day off in the sense of the law.
    public static func isDayOff(_ date: CivilDate) -> Bool {
        nameOfDayOff(date) != nil
    }

    /// Why a date is a day off in the sense of lag 1930:173, or `nil` when it is a weekday on which a period can end.
    ///
    /// The most specific reason wins: a public holiday's name (``holidayName(_:)``), then `"midsommarafton"`,
    /// `"julafton"` or `"nyårsafton"`, then `"lördag"` or `"söndag"`. So a Saturday juldagen is `"juldagen"` and
    /// påskafton is `"lördag"`.
    /// - Parameter date: the date.
    /// - Returns: the name of the day off, or `nil`.
    public static func nameOfDayOff(_ date: CivilDate) -> String? {
        if let name = holidayName(date) { return name }
        if date.month == 12, date.day == 24 { return "julafton" }
        if date.month == 12, date.day == 31 { return "nyårsafton" }
        if date.month == 6, (19...25).contains(date.day), date.isoWeekday == 5 { return "midsommarafton" }
        switch date.isoWeekday {
        case 6: return "lördag"
        case 7: return "söndag"
        default: return nil
        }
    }

    /// The first date on or after `date` that is not a day off (``isDayOff(_:)``).
    ///
    /// The longest run of days off is five days (julafton on a Wednesday to the Sunday after), so this looks at most
    /// a few days ahead. At the end of the supported range (9999-12-31) the last date is returned.
    /// - Parameter date: the first candidate.
    /// - Returns: `date` itself when it is not a day off, otherwise the next day that is not.
    public static func nextWorkday(onOrAfter date: CivilDate) -> CivilDate {
        var day = date
        while isDayOff(day) {
            let next = day.adding(days: 1)
            if next == day { break } // 9999-12-31: no later date exists
            day = next
        }
        return day
    }

    // MARK: - Appeal period (kommunallagen 13 kap. 5 §)

    /// The last day to appeal a decision (laglighetsprövning, kommunallagen 13 kap. 5 §).
    ///
    /// The period is three weeks from the day the notice of the adjusted minutes was posted on the anslagstavla.
    /// A period of weeks ends on the same weekday as the day it is counted from, three weeks later: a notice posted
    /// on Tuesday 2025-06-03 gives the nominal last day Tuesday 2025-06-24 (the posting date + 21 days). When that day
    /// is a day off (Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton, ``isDayOff(_:)``), the
    /// period runs to the next day that is not (lag 1930:173 2 §).
    /// - Parameter noticePosted: the day the notice was posted.
    /// - Returns: the last day on which an appeal is in time.
    public static func lastAppealDay(noticePosted: CivilDate) -> CivilDate {
        appealPeriod(noticePosted: noticePosted).last
    }

    /// The appeal period for a notice, with the nominal last day, the actual last day and why it was moved.
    ///
    /// `nominal` is the posting date + 21 days (the same weekday three weeks later, see
    /// ``lastAppealDay(noticePosted:)``). `last` is ``nextWorkday(onOrAfter:)`` of it. `reason` is `nil` when the
    /// two are equal, otherwise it names why the nominal day is a day off, for example
    /// `"2025-12-24 is julafton"` (the period then runs over juldagen, annandag jul and the weekend to 2025-12-29).
    /// - Parameter noticePosted: the day the notice was posted.
    /// - Returns: the nominal last day, the actual last day, and the reason it was moved (or `nil`).
    public static func appealPeriod(noticePosted: CivilDate) -> (nominal: CivilDate, last: CivilDate, reason: String?) {
        let nominal = noticePosted.adding(days: 21)
        let last = nextWorkday(onOrAfter: nominal)
        guard last != nominal, let name = nameOfDayOff(nominal) else { return (nominal, last, nil) }
        return (nominal, last, "\(nominal) is \(name)")
    }

    // MARK: - Helpers

    /// The Saturday on or after `date`.
    static func nextSaturday(onOrAfter date: CivilDate) -> CivilDate {
        date.adding(days: (6 - date.isoWeekday + 7) % 7)
    }

    /// A date from year, month (1...12) and day without failing: days past the end of the month roll over, and
    /// results outside 0001-01-01...9999-12-31 are clamped to that range (Hinnant's `days_from_civil`).
    static func civilDate(year: Int, month: Int, day: Int) -> CivilDate {
        let y0 = min(max(year, 0), 10_000) // keeps the arithmetic small; CivilDate clamps the result
        let m = min(max(month, 1), 12)
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + min(max(day, 1), 400) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return CivilDate(daysSinceEpoch: era * 146_097 + doe - 719_468)
    }
}
