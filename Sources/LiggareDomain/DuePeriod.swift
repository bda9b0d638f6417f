import LiggareLog

/// A due date or due period as a Swedish secretary writes it: "under tredje kvartalet 2025", "T2 2025",
/// "senast den 30 september 2025".
///
/// A due period means its last day: "under tredje kvartalet 2025" is due by 2025-09-30 and "T2 2025" by 2025-08-31.
/// The original wording is kept next to the parsed period, so that a report can quote the minutes.
///
/// Periods (DOMAIN.md "Periods"): the verksamhetsår is the calendar year; kvartal Q1 January–March, Q2 April–June,
/// Q3 July–September, Q4 October–December; tertial T1 January–April, T2 May–August, T3 September–December.
///
/// ## Accepted forms
///
/// Matching ignores case, tolerates any run of whitespace between words (and around the text), and ignores one leading
/// `under`, `senast`, `före utgången av` or `t.o.m.`. Years are four digits, 1900...2999.
///
/// | Kind    | Forms                                                                      | Canonical    |
/// |---------|----------------------------------------------------------------------------|--------------|
/// | year    | `2025`                                                                     | `2025`       |
/// | quarter | `2025-Q3`, `Q3 2025`, `2025 Q3`                                            | `2025-Q3`    |
/// | quarter | `kvartal 3 2025`, `kv 3 2025`, `kv. 3 2025`                                | `2025-Q3`    |
/// | quarter | `tredje kvartalet 2025`, `3:e kvartalet 2025`                              | `2025-Q3`    |
/// | tertial | `2025-T2`, `T2 2025`, `2025 T2`, `tertial 2 2025`                          | `2025-T2`    |
/// | tertial | `andra tertialet 2025`, `2:a tertialet 2025`                               | `2025-T2`    |
/// | month   | `2025-09`, `september 2025`, `sep 2025`, `sep. 2025`, `sept 2025`          | `2025-09`    |
/// | day     | `2025-09-30`, `30 september 2025`, `den 30 september 2025`, `30 sep 2025`  | `2025-09-30` |
/// | day     | `den 5 maj 2025`, `den 05 maj 2025`                                        | `2025-05-05` |
///
/// - Ordinals: `första`, `andra`, `tredje`, `fjärde` (also `fjarde`), `1:a`, `2:a`, `3:e`, `4:e`.
/// - Months: `januari` … `december`, and the three-letter abbreviations `jan feb mar apr maj jun jul aug sep okt nov
///   dec` (an abbreviation may end with a period; `sept` is accepted too).
/// - Quarter and tertial numbers are one digit; a day of the month is one or two digits.
/// - Without a year, the quarter and tertial forms (`kvartal 1`, `Q1`, `kv 1`, `första kvartalet`, `T1`,
///   `tertial 1`, `första tertialet`) take `defaultYear` (the plan year) when one is given, and are rejected otherwise.
///   A year, month or day always needs its year.
/// - Rejected: impossible dates (`2025-02-30`, `30 februari 2025`), quarter 5, tertial 4, years outside 1900...2999,
///   anything unrecognised before or after the period (`2025-Q3x`, `Q3 2025 ungefär`), and the empty text.
///
/// Equality and hashing compare every stored property, the wording included: `2025-Q3` and `Q3 2025` name the same
/// period but are different values. Compare ``canonical`` (or ``first`` and ``last``) to compare periods.
public struct DuePeriod: Hashable, Sendable, CustomStringConvertible {
    /// The kind of period.
    public enum Kind: String, Sendable {
        /// A calendar year (verksamhetsår).
        case year
        /// A quarter (kvartal): three months.
        case quarter
        /// A tertial: four months.
        case tertial
        /// A calendar month.
        case month
        /// A single day.
        case day
    }

    /// The kind of period.
    public let kind: Kind
    /// The calendar year the period lies in, 1900...2999.
    public let year: Int
    /// The quarter 1–4, the tertial 1–3 or the month 1–12; 0 for a year or a day.
    public let number: Int
    /// The first day of the period.
    public let first: CivilDate
    /// The last day of the period: the due date.
    public let last: CivilDate
    /// The original text, trimmed of surrounding whitespace, otherwise exactly as given (prefix and case included).
    public let wording: String

    /// The canonical form: `2025`, `2025-Q3`, `2025-T2`, `2025-09` or `2025-09-30`.
    public var canonical: String {
        switch kind {
        case .year: return String(year)
        case .quarter: return "\(year)-Q\(number)"
        case .tertial: return "\(year)-T\(number)"
        case .month: return "\(year)-\(number < 10 ? "0" : "")\(number)"
        case .day: return last.description
        }
    }

    /// The canonical form, as ``canonical``.
    public var description: String { canonical }

    /// The period in Swedish running text: `2025`, `tredje kvartalet 2025`, `tertial 2 2025`, `september 2025` or
    /// `den 30 september 2025`.
    public var swedish: String {
        switch kind {
        case .year: return String(year)
        case .quarter: return "\(DuePeriod.ordinalWords[number - 1]) kvartalet \(year)"
        case .tertial: return "tertial \(number) \(year)"
        case .month: return "\(DuePeriod.monthNames[number - 1]) \(year)"
        case .day: return "den \(last.day) \(DuePeriod.monthNames[last.month - 1]) \(last.year)"
        }
    }

    /// Whether a date lies within the period, both ends included.
    /// - Parameter date: the date to test.
    /// - Returns: `true` when `first <= date <= last`.
    public func contains(_ date: CivilDate) -> Bool {
        first <= date && date <= last
    }

    /// Parses a due date or due period that names its year; see the table on ``DuePeriod``.
    /// - Parameter text: the text as written, for example `under tredje kvartalet 2025`.
    /// - Returns: the period, or `nil` when the text is not understood.
    public static func parse(_ text: String) -> DuePeriod? {
        parse(text, defaultYear: nil)
    }

    /// Parses a due date or due period; a quarter or tertial written without a year (`kvartal 1`) takes `defaultYear`.
    /// - Parameter text: the text as written, for example `kvartal 1` or `T2 2025`.
    /// - Parameter defaultYear: the year for a quarter or tertial written without one, usually the plan year;
    ///   `nil` to require the year. Must be in 1900...2999 to be used.
    /// - Returns: the period, or `nil` when the text is not understood.
    public static func parse(_ text: String, defaultYear: Int?) -> DuePeriod? {
        // The compact forms the writer stores (2025-Q3, 2025-09-30) are one token without spaces: parse them
        // directly, without splitting into words (this runs for every assignment event a fold reads).
        if let first = text.utf8.first, (0x30...0x39).contains(first),
           text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2D || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) {
            if let period = parseCompact(text.lowercased(), wording: text) { return period }
        }
        let wording = trimmed(text)
        var tokens = wording.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        for prefix in prefixes where tokens.starts(with: prefix) {
            tokens.removeFirst(prefix.count)
            break
        }
        guard let last = tokens.last else { return nil }

        // One token with the year first: 2025, 2025-Q3, 2025-T2, 2025-09, 2025-09-30.
        if tokens.count == 1, let period = parseCompact(last, wording: wording) { return period }

        // The year first, then the quarter or tertial: 2025 Q3, 2025 T2.
        if tokens.count == 2, let year = parseYear(tokens[0]), let (kind, number) = parseLetterNumber(tokens[1]) {
            return period(kind, year: year, number: number, wording: wording)
        }

        // Otherwise the year comes last, or is left out for a quarter or tertial.
        let explicitYear = parseYear(last)
        let words = explicitYear == nil ? tokens[...] : tokens.dropLast()
        let year: Int
        if let explicitYear {
            year = explicitYear
        } else if let defaultYear, yearRange.contains(defaultYear) {
            year = defaultYear
        } else {
            return nil
        }

        if let (kind, number) = parseQuarterOrTertial(Array(words)) {
            return period(kind, year: year, number: number, wording: wording)
        }
        guard explicitYear != nil else { return nil }
        switch words.count {
        case 1:
            // september 2025
            guard let month = monthNumber(words[words.startIndex]) else { return nil }
            return period(.month, year: year, number: month, wording: wording)
        case 2, 3:
            // 30 september 2025, den 30 september 2025
            let parts = Array(words)
            if parts.count == 3 && parts[0] != "den" { return nil }
            let dayText = parts[parts.count - 2]
            guard (1...2).contains(dayText.utf8.count), let day = digits(dayText),
                  let month = monthNumber(parts[parts.count - 1]),
                  let date = CivilDate(year: year, month: month, day: day) else { return nil }
            return DuePeriod(kind: .day, year: year, number: 0, first: date, last: date, wording: wording)
        default:
            return nil
        }
    }

    // MARK: - Parsing helpers

    /// The accepted years.
    static let yearRange = 1900...2999

    /// The leading words that are ignored, as lowercase tokens.
    static let prefixes: [[String]] = [["under"], ["senast"], ["före", "utgången", "av"], ["t.o.m."]]

    /// Swedish month names, January first.
    static let monthNames = ["januari", "februari", "mars", "april", "maj", "juni",
                             "juli", "augusti", "september", "oktober", "november", "december"]

    /// Three-letter Swedish month abbreviations, January first.
    static let monthAbbreviations = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

    /// Ordinal words 1–4 as used in running text.
    static let ordinalWords = ["första", "andra", "tredje", "fjärde"]

    /// The memberwise initialiser; callers use ``parse(_:defaultYear:)``.
    init(kind: Kind, year: Int, number: Int, first: CivilDate, last: CivilDate, wording: String) {
        self.kind = kind
        self.year = year
        self.number = number
        self.first = first
        self.last = last
        self.wording = wording
    }

    /// The text without leading and trailing whitespace.
    static func trimmed(_ text: String) -> String {
        guard let start = text.firstIndex(where: { !$0.isWhitespace }),
              let end = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[start...end])
    }

    /// The value of a non-empty string of ASCII digits, at most nine of them.
    static func digits(_ text: some StringProtocol) -> Int? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 9 else { return nil }
        var value = 0
        for byte in utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A four-digit year in 1900...2999.
    static func parseYear(_ text: some StringProtocol) -> Int? {
        guard text.utf8.count == 4, let year = digits(text), yearRange.contains(year) else { return nil }
        return year
    }

    /// `q3` or `t2` (lowercase): the kind and its one-digit number, not yet range-checked.
    static func parseLetterNumber(_ token: some StringProtocol) -> (Kind, Int)? {
        let utf8 = Array(token.utf8)
        guard utf8.count == 2, let number = digits(token.dropFirst()) else { return nil }
        switch utf8[0] {
        case UInt8(ascii: "q"): return (.quarter, number)
        case UInt8(ascii: "t"): return (.tertial, number)
        default: return nil
        }
    }

    /// An ordinal 1–4: `första`…`fjärde`, `fjarde`, `1:a`, `2:a`, `3:e`, `4:e`.
    static func ordinal(_ token: String) -> Int? {
        switch token {
        case "första", "1:a": return 1
        case "andra", "2:a": return 2
        case "tredje", "3:e": return 3
        case "fjärde", "fjarde", "4:e": return 4
        default: return nil
        }
    }

    /// A one-digit number written as its own word (`kvartal 3`).
    static func singleDigit(_ token: String) -> Int? {
        token.utf8.count == 1 ? digits(token) : nil
    }

    /// The quarter and tertial forms without their year: `q3`, `t2`, `kvartal 3`, `kv 3`, `kv. 3`, `tredje kvartalet`,
    /// `3:e kvartalet`, `tertial 2`, `andra tertialet`, `2:a tertialet`.
    static func parseQuarterOrTertial(_ words: [String]) -> (Kind, Int)? {
        switch words.count {
        case 1:
            return parseLetterNumber(words[0])
        case 2:
            switch (words[0], words[1]) {
            case ("kvartal", let n), ("kv", let n), ("kv.", let n):
                return singleDigit(n).map { (.quarter, $0) }
            case ("tertial", let n):
                return singleDigit(n).map { (.tertial, $0) }
            case (let o, "kvartalet"):
                return ordinal(o).map { (.quarter, $0) }
            case (let o, "tertialet"):
                return ordinal(o).map { (.tertial, $0) }
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// A month name or abbreviation (lowercase), 1–12.
    static func monthNumber(_ token: String) -> Int? {
        if let index = monthNames.firstIndex(of: token) { return index + 1 }
        let bare = token.hasSuffix(".") ? String(token.dropLast()) : token
        if bare == "sept" { return 9 }
        if let index = monthAbbreviations.firstIndex(of: bare) { return index + 1 }
        return nil
    }

    /// `2025`, `2025-q3`, `2025-t2`, `2025-09`, `2025-09-30` (lowercase).
    static func parseCompact(_ token: String, wording: String) -> DuePeriod? {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = parts.first.flatMap({ parseYear($0) }) else { return nil }
        switch parts.count {
        case 1:
            return period(.year, year: year, number: 0, wording: wording)
        case 2:
            if let (kind, number) = parseLetterNumber(parts[1]) {
                return period(kind, year: year, number: number, wording: wording)
            }
            guard parts[1].utf8.count == 2, let month = digits(parts[1]) else { return nil }
            return period(.month, year: year, number: month, wording: wording)
        case 3:
            guard let date = CivilDate(token) else { return nil }
            return DuePeriod(kind: .day, year: year, number: 0, first: date, last: date, wording: wording)
        default:
            return nil
        }
    }

    /// A year, quarter, tertial or month with its first and last day; `nil` when the number is out of range.
    static func period(_ kind: Kind, year: Int, number: Int, wording: String) -> DuePeriod? {
        let firstMonth: Int, lastMonth: Int
        switch kind {
        case .year:
            firstMonth = 1
            lastMonth = 12
        case .quarter:
            guard (1...4).contains(number) else { return nil }
            firstMonth = 3 * number - 2
            lastMonth = 3 * number
        case .tertial:
            guard (1...3).contains(number) else { return nil }
            firstMonth = 4 * number - 3
            lastMonth = 4 * number
        case .month:
            guard (1...12).contains(number) else { return nil }
            firstMonth = number
            lastMonth = number
        case .day:
            return nil
        }
        guard let first = CivilDate(year: year, month: firstMonth, day: 1),
              let last = CivilDate(year: year, month: lastMonth,
                                   day: CivilDate.daysInMonth(year: year, month: lastMonth)) else { return nil }
        return DuePeriod(kind: kind, year: year, number: number, first: first, last: last, wording: wording)
    }
}
