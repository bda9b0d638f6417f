import LiggareLog

/// A term of office (mandatperiod) of the nämnder and the styrelse: four calendar years from 1 January after an
/// election year, for example 2023-01-01–2026-12-31 after the election of 2022 (kommunallagen 2017:725 6 kap. 18 §;
/// DOMAIN.md "Terms of office").
///
/// Periods start in 2019, 2023, 2027, … (every fourth year, the year after the ordinary elections of 2018, 2022,
/// 2026, …). The four-year cycle began with the election of 1994, so the grid is historically right for periods from
/// 1995–1998 on; earlier dates are placed on the same grid, which does not match the three-year periods before 1995.
///
/// Fullmäktige serves on another grid, from 15 October of the election year: see ``assemblyTerm(containing:)``.
///
/// Equality and hashing compare ``firstYear``, which determines everything else.
public struct MandatePeriod: Hashable, Sendable, CustomStringConvertible {
    /// The first calendar year of the period: 2023 for 2023–2026. Always on the grid 2019, 2023, 2027, … (congruent
    /// to 3 modulo 4), the year after an ordinary election.
    public let firstYear: Int

    /// Creates the period that begins in `firstYear`.
    /// - Parameter firstYear: the first year of the period, for example 2023.
    /// - Returns: `nil` unless `firstYear` is a year in which a period begins (2019, 2023, 2027, … — congruent to 3
    ///   modulo 4) and lies in -1...9999 (the periods that overlap the range of ``CivilDate``).
    public init?(firstYear: Int) {
        guard (-1...9999).contains(firstYear), MandatePeriod.modulo(firstYear - 3, 4) == 0 else { return nil }
        self.firstYear = firstYear
    }

    /// Creates a period from a first year already known to be on the grid.
    private init(unchecked firstYear: Int) {
        self.firstYear = firstYear
    }

    /// The first day of the period: 1 January of ``firstYear`` (2023-01-01), clamped to 0001-01-01 for the period
    /// that begins before year 1.
    public var start: CivilDate {
        SwedishCalendar.civilDate(year: firstYear, month: 1, day: 1)
    }

    /// The last day of the period: 31 December of the fourth year (2026-12-31), clamped to 9999-12-31 for the period
    /// that ends after year 9999.
    public var end: CivilDate {
        SwedishCalendar.civilDate(year: firstYear + 3, month: 12, day: 31)
    }

    /// The year of the ordinary election before the period: ``firstYear`` − 1 (2022 for 2023–2026).
    public var electionYear: Int { firstYear - 1 }

    /// Whether a date lies in the period (``start`` through ``end``, both included).
    /// - Parameter date: the date.
    public func contains(_ date: CivilDate) -> Bool {
        start <= date && date <= end
    }

    /// The period that contains a date: 2022-12-31 is in 2019–2022, 2023-01-01 in 2023–2026.
    /// - Parameter date: the date.
    /// - Returns: the period whose ``start`` is on or before `date` and whose ``end`` is on or after it.
    public static func containing(_ date: CivilDate) -> MandatePeriod {
        MandatePeriod(unchecked: date.year - modulo(date.year - 3, 4))
    }

    /// The following period (2027–2030 after 2023–2026).
    public var next: MandatePeriod { MandatePeriod(unchecked: firstYear + 4) }

    /// The preceding period (2019–2022 before 2023–2026).
    public var previous: MandatePeriod { MandatePeriod(unchecked: firstYear - 4) }

    /// The years of the period with an en dash: `"2023–2026"`.
    public var description: String { "\(firstYear)–\(firstYear + 3)" }

    /// The day of the ordinary general election (allmänna val) held in a year, if that year has one.
    ///
    /// Ordinary elections are held every fourth year since 1994 (1994, 1998, …, 2022, 2026, 2030, …). From the
    /// election of 2014 the election day is the second Sunday of September (vallagen 2005:837 1 kap. 3 § as amended
    /// by SFS 2010:1416): 2014-09-14, 2018-09-09, 2022-09-11, 2026-09-13, 2030-09-08. From 1994 through 2010 it was the
    /// third Sunday of September: 1994-09-18, 2010-09-19. Extra elections (extra val) and re-elections (omval) are
    /// not ordinary elections and are not covered.
    /// - Parameter year: the year.
    /// - Returns: the election day, or `nil` when the year has no ordinary election (or is before 1994 or after 9999).
    public static func electionDay(year: Int) -> CivilDate? {
        guard (1994...9999).contains(year), modulo(year - 2, 4) == 0 else { return nil }
        let firstOfSeptember = SwedishCalendar.civilDate(year: year, month: 9, day: 1)
        let firstSunday = firstOfSeptember.adding(days: 7 - firstOfSeptember.isoWeekday)
        return firstSunday.adding(days: year >= 2014 ? 7 : 14)
    }

    /// The term of fullmäktige that contains a date: four years from 15 October of an election year through
    /// 14 October four years later (kommunallagen 2017:725 5 kap. 9 §), for example 2022-10-15–2026-10-14.
    ///
    /// 2022-10-14 is the last day of the term 2018-10-15–2022-10-14 and 2022-10-15 the first day of the next. The
    /// rule is applied on the four-year grid of the elections (2018, 2022, 2026, …) for every date; the 15 October
    /// start applies from the election of 2014, and earlier terms, which began on another day, are not modelled.
    /// Dates at the ends of the range of ``CivilDate`` are clamped to it.
    /// - Parameter date: the date.
    /// - Returns: the first and last day of the term.
    public static func assemblyTerm(containing date: CivilDate) -> (start: CivilDate, end: CivilDate) {
        var electionYear = date.year - modulo(date.year - 2, 4)
        if date < SwedishCalendar.civilDate(year: electionYear, month: 10, day: 15) {
            electionYear -= 4
        }
        return (SwedishCalendar.civilDate(year: electionYear, month: 10, day: 15),
                SwedishCalendar.civilDate(year: electionYear + 4, month: 10, day: 14))
    }

    /// The non-negative remainder of `value` divided by `divisor` (> 0).
    private static func modulo(_ value: Int, _ divisor: Int) -> Int {
        ((value % divisor) + divisor) % divisor
    }
}
