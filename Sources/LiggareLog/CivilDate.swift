/// A civil (calendar) date without a time zone, written `YYYY-MM-DD`: the effective date of an event.
///
/// Uses the proleptic Gregorian calendar. Years 0001–9999 are accepted.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31 depending on the month.
    public let day: Int

    /// Creates a date if the year, month and day name a real day.
    /// - Returns: `nil` when the combination is not a real date (for example 2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ten ASCII bytes) and checks that it is a real date.
    /// - Parameter text: the text to parse.
    /// - Returns: `nil` when the text has another shape or is not a real date.
    public init?(_ text: some StringProtocol) {
        var utf8 = Array(text.utf8)
        guard let date = utf8.withUnsafeMutableBytes({ CivilDate(ascii: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = date
    }

    /// Parses exactly ten ASCII bytes `YYYY-MM-DD` and checks that they name a real date.
    /// - Parameter ascii: the bytes.
    /// - Returns: `nil` when the bytes have another shape or are not a real date.
    public init?(ascii: UnsafeRawBufferPointer) {
        guard ascii.count == 10, ascii[4] == UInt8(ascii: "-"), ascii[7] == UInt8(ascii: "-"),
              let year = ASCIIDigits.parse(ascii, 0, 4),
              let month = ASCIIDigits.parse(ascii, 5, 2),
              let day = ASCIIDigits.parse(ascii, 8, 2) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// Days since 1970-01-01 (negative before it).
    ///
    /// Howard Hinnant's `days_from_civil` algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date a number of days after 1970-01-01.
    /// - Parameter days: days since 1970-01-01; the result is clamped to years 1...9999.
    public init(daysSinceEpoch days: Int) {
        let clamped = min(max(days, -719_162), 2_932_896)
        let z = clamped + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y
        self.month = m
        self.day = d
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int {
        let d = daysSinceEpoch // 1970-01-01 was a Thursday (4)
        let r = ((d % 7) + 7) % 7
        return (r + 3) % 7 + 1
    }

    /// Appends the 10-byte form `YYYY-MM-DD` to `out`.
    public func append(to out: inout [UInt8]) {
        ASCIIDigits.append(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(day, width: 2, to: &out)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        ASCIIDigits.pad(year, 4) + "-" + ASCIIDigits.pad(month, 2) + "-" + ASCIIDigits.pad(day, 2)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// Small helpers for fixed-width ASCII digits.
enum ASCIIDigits {
    /// Parses `count` ASCII digits at `offset`; `nil` if any is not a digit.
    static func parse(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ count: Int) -> Int? {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        var value = 0
        for i in offset..<(offset + count) {
            let b = bytes[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    /// Zero-pads a non-negative number to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Writes `value` zero-padded to `width` digits into `out`.
    static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<max(width, 1) { divisor *= 10 }
        var v = value
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: 0x30 + (v / divisor) % 10))
            v %= divisor
            divisor /= 10
        }
    }

    /// Appends a non-negative integer in decimal without leading zeros.
    static func append(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var v = value
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: 0x30 + v / divisor))
            v %= divisor
            divisor /= 10
        }
    }
}
