/// A recorded time: milliseconds since 1970-01-01T00:00:00Z, written as UTC RFC 3339 with milliseconds,
/// `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 ASCII bytes).
///
/// Because the written form has a fixed width, comparing two written timestamps byte by byte orders them in time.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch, UTC.
    public let millisecondsSinceEpoch: Int64

    /// The length of the written form in bytes.
    public static let byteCount = 24

    /// Creates a timestamp from milliseconds since the Unix epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    /// - Returns: `nil` for any other shape or an impossible date or time (seconds 00–59; no leap seconds).
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let value = bytes.withUnsafeBytes({ Timestamp(ascii: $0) }) else { return nil }
        self = value
    }

    /// Parses exactly 24 ASCII bytes `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public init?(ascii b: UnsafeRawBufferPointer) {
        guard b.count == 24, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              b[19] == UInt8(ascii: "."), b[23] == UInt8(ascii: "Z"),
              let date = CivilDate(ascii: UnsafeRawBufferPointer(rebasing: b[0..<10])),
              let hour = ASCIIDigits.parse(b, 11, 2), hour < 24,
              let minute = ASCIIDigits.parse(b, 14, 2), minute < 60,
              let second = ASCIIDigits.parse(b, 17, 2), second < 60,
              let milli = ASCIIDigits.parse(b, 20, 3) else { return nil }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.millisecondsSinceEpoch = seconds * 1000 + Int64(milli)
    }

    /// The UTC civil date of this instant.
    public var utcDate: CivilDate {
        CivilDate(daysSinceEpoch: Int(millisecondsSinceEpoch.floorDiv(86_400_000)))
    }

    /// The written form, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public var description: String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the 24-byte written form to `out`.
    public func append(to out: inout [UInt8]) {
        let days = millisecondsSinceEpoch.floorDiv(86_400_000)
        let msOfDay = Int(millisecondsSinceEpoch - days * 86_400_000)
        let date = CivilDate(daysSinceEpoch: Int(days))
        ASCIIDigits.append(date.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(date.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(date.day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        ASCIIDigits.append(msOfDay / 3_600_000, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDigits.append(msOfDay / 60_000 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDigits.append(msOfDay / 1000 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        ASCIIDigits.append(msOfDay % 1000, width: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

extension Int64 {
    /// Division rounding towards negative infinity.
    func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
