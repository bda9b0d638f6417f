import LiggareLog

/// What the ledger had recorded by then: the transaction-time cut of a query (`--known-at`).
///
/// "Status at 2025-09-30" uses effective dates; "as known on 2025-10-02" uses recorded time (DOMAIN.md, "Two kinds
/// of time"). A `KnownAt` is the second: every event recorded up to and including the cut is known, later ones are not.
///
/// ## Accepted forms (``parse(_:)``)
///
/// | Text                                                  | Meaning                                              |
/// |-------------------------------------------------------|------------------------------------------------------|
/// | `everything`                                          | ``everything`` (the written form of the default)     |
/// | `seq:12`, `seq:0`                                     | ``seq(_:)``: up to seq 12; `seq:0` knows nothing     |
/// | `2025-10-02T12:00:00Z`, `2025-10-02 14:00:00.5+02:00` | ``instant(_:)``: RFC 3339, converted to UTC          |
/// | `2025-10-02`                                          | end of the Swedish day: `2025-10-02T21:59:59.999Z`   |
/// | `2025-10-02T14:00`, `2025-10-02 14:00:00`             | Swedish local time: `2025-10-02T12:00:00.000Z`       |
///
/// - RFC 3339 date-time: `YYYY-MM-DD`, then `T`, `t` or one space, then `HH:MM:SS` (seconds required), an optional
///   fraction of 1–9 digits (truncated to milliseconds), then `Z`, `z` or an offset `+HH:MM` / `-HH:MM` (hours 00–23,
///   minutes 00–59; `-00:00` is UTC). Hours are 00–23, minutes and seconds 00–59: no `24:00`, no leap second `:60`.
/// - A bare civil date means the last millisecond before the next Swedish midnight, so that everything recorded on
///   that Swedish day is known: `2025-10-02` (summer time) is `2025-10-02T21:59:59.999Z`, `2025-12-01` (winter time)
///   is `2025-12-01T22:59:59.999Z`.
/// - A local time without an offset, `YYYY-MM-DD` then `T` or a space then `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f…`, is
///   Swedish time. The offset is the one ``SwedishTime`` gives for the resulting instant. At the switches the rule of
///   RFC 5545 §3.3.5 applies:
///   - a local time that occurs twice (the last Sunday of October, 02:00–02:59) means its first occurrence, in summer
///     time: `2025-10-26T02:30` is `2025-10-26T00:30:00.000Z`;
///   - a local time that does not occur (the last Sunday of March, 02:00–02:59) is read with the offset in force
///     before the gap, winter time: `2025-03-30T02:30` is `2025-03-30T01:30:00.000Z` (03:30 summer time).
/// - The resulting instant must lie within years 0001–9999 UTC.
/// - Everything else is rejected: other shapes, surrounding whitespace, impossible dates (`2025-02-30`), impossible
///   times (`25:00`), a sign or no digits after `seq:`.
public enum KnownAt: Hashable, Sendable, CustomStringConvertible {
    /// Everything that is recorded: the default.
    case everything
    /// Every event with seq up to and including N; `seq(0)` knows nothing.
    case seq(Int)
    /// Every event recorded at or before the instant.
    case instant(Timestamp)

    /// Parses the text of `--known-at`; see the table on ``KnownAt``.
    /// - Parameter text: `seq:N`, an RFC 3339 date-time, a civil date, a Swedish local date-time or `everything`.
    /// - Returns: the cut, or `nil` if the text is not understood.
    public static func parse(_ text: String) -> KnownAt? {
        if text == "everything" { return .everything }
        let bytes = Array(text.utf8)
        if bytes.starts(with: Array("seq:".utf8)) {
            return parseSeq(bytes[4...]).map(KnownAt.seq)
        }
        return parseTime(bytes).map(KnownAt.instant)
    }

    /// `seq:12`, `2025-10-02T12:00:00.000Z` or `everything`; ``parse(_:)`` reads it back to the same value.
    public var description: String {
        switch self {
        case .everything: return "everything"
        case .seq(let n): return "seq:\(n)"
        case .instant(let t): return t.description
        }
    }

    // MARK: - Parsing helpers

    private static let msPerDay: Int64 = 86_400_000
    private static let msPerHour: Int64 = 3_600_000

    /// The first millisecond of 0001-01-01 and the last of 9999-12-31, UTC.
    private static let instantRange: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// The digits after `seq:`: one or more ASCII digits that fit in an `Int`.
    private static func parseSeq(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(byte - 0x30))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    /// `count` ASCII digits at `offset`, or `nil`.
    private static func number(_ b: [UInt8], _ offset: Int, _ count: Int) -> Int? {
        guard offset >= 0, offset + count <= b.count else { return nil }
        var value = 0
        for byte in b[offset..<(offset + count)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A date-time, a bare date or a local date-time, as an instant.
    private static func parseTime(_ b: [UInt8]) -> Timestamp? {
        guard b.count >= 10, let date = b[0..<10].withUnsafeBytes({ CivilDate(ascii: $0) }) else { return nil }
        let dayStart = Int64(date.daysSinceEpoch) * msPerDay
        if b.count == 10 {
            // The end of the Swedish day: just before the next Swedish midnight.
            return checked(swedishLocalToUTC(dayStart + msPerDay) - 1)
        }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              b.count >= 16, b[13] == UInt8(ascii: ":"),
              let hour = number(b, 11, 2), hour < 24,
              let minute = number(b, 14, 2), minute < 60 else { return nil }
        var local = dayStart + Int64(hour) * msPerHour + Int64(minute) * 60_000
        var i = 16
        var hasSeconds = false
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let second = number(b, i + 1, 2), second < 60 else { return nil }
            local += Int64(second) * 1000
            hasSeconds = true
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                let count = i - start
                guard (1...9).contains(count) else { return nil }
                var millis = 0
                for k in 0..<3 {
                    millis = millis * 10 + (k < count ? Int(b[start + k] - 0x30) : 0)
                }
                local += Int64(millis)
            }
        }
        if i == b.count {
            // No offset: Swedish local time.
            return checked(swedishLocalToUTC(local))
        }
        guard hasSeconds else { return nil }
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return nil }
            return checked(local)
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                  let offsetHours = number(b, i + 1, 2), offsetHours < 24,
                  let offsetMinutes = number(b, i + 4, 2), offsetMinutes < 60 else { return nil }
            let offset = Int64(offsetHours) * msPerHour + Int64(offsetMinutes) * 60_000
            return checked(b[i] == UInt8(ascii: "+") ? local - offset : local + offset)
        default:
            return nil
        }
    }

    /// The instant if it lies within years 0001–9999 UTC.
    private static func checked(_ milliseconds: Int64) -> Timestamp? {
        instantRange.contains(milliseconds) ? Timestamp(millisecondsSinceEpoch: milliseconds) : nil
    }

    /// Converts a Swedish wall-clock time (milliseconds since the epoch as if it were UTC) to an instant.
    ///
    /// Summer time (UTC+2) when ``SwedishTime`` reports summer time at the instant that reading gives; otherwise
    /// winter time (UTC+1). A time that occurs twice thus means its first, summer-time occurrence, and a time in the
    /// spring gap is read in winter time, the offset before the gap (RFC 5545 §3.3.5).
    private static func swedishLocalToUTC(_ local: Int64) -> Int64 {
        let summer = local - 2 * msPerHour
        if SwedishTime.utcOffsetMilliseconds(at: Timestamp(millisecondsSinceEpoch: summer)) == 2 * msPerHour {
            return summer
        }
        return local - msPerHour
    }
}
