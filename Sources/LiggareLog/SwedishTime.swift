/// Swedish civil time (Europe/Stockholm): CET (UTC+1) in winter, CEST (UTC+2) in summer.
///
/// Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, the EU rule
/// in force since 1996. Computed here so that Liggare needs no time-zone database.
public enum SwedishTime {
    /// The offset from UTC in milliseconds at an instant.
    public static func utcOffsetMilliseconds(at instant: Timestamp) -> Int64 {
        let year = instant.utcDate.year
        let start = lastSunday(year: year, month: 3).daysSinceEpoch
        let end = lastSunday(year: year, month: 10).daysSinceEpoch
        let startMs = Int64(start) * 86_400_000 + 3_600_000
        let endMs = Int64(end) * 86_400_000 + 3_600_000
        let t = instant.millisecondsSinceEpoch
        return (t >= startMs && t < endMs) ? 7_200_000 : 3_600_000
    }

    /// The Swedish calendar date at an instant.
    public static func date(at instant: Timestamp) -> CivilDate {
        let local = instant.millisecondsSinceEpoch + utcOffsetMilliseconds(at: instant)
        return CivilDate(daysSinceEpoch: Int(local.floorDiv(86_400_000)))
    }

    /// The last Sunday of a month.
    static func lastSunday(year: Int, month: Int) -> CivilDate {
        let last = CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
            ?? CivilDate(daysSinceEpoch: 0)
        return last.adding(days: -(last.isoWeekday % 7))
    }
}
