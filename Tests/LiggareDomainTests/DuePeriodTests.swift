import LiggareDomain
import LiggareLog
import Testing

/// One accepted wording and the period it must mean. The dates are written from the calendar, not computed.
struct DuePeriodExpectation: Sendable, CustomTestStringConvertible {
    let text: String
    let kind: DuePeriod.Kind
    let number: Int
    let first: String
    let last: String
    let canonical: String

    init(_ text: String, _ kind: DuePeriod.Kind, _ number: Int, _ first: String, _ last: String, _ canonical: String) {
        self.text = text
        self.kind = kind
        self.number = number
        self.first = first
        self.last = last
        self.canonical = canonical
    }

    var testDescription: String { "\"\(text)\" → \(canonical)" }
}

private func civil(_ text: String) throws -> CivilDate {
    try #require(CivilDate(text), "bad test date \(text)")
}

@Suite("DuePeriod: due dates and due periods as Swedish secretaries write them")
struct DuePeriodTests {
    static let accepted: [DuePeriodExpectation] = [
        // Year
        .init("2025", .year, 0, "2025-01-01", "2025-12-31", "2025"),
        .init("1900", .year, 0, "1900-01-01", "1900-12-31", "1900"),
        .init("2999", .year, 0, "2999-01-01", "2999-12-31", "2999"),
        // Quarter, compact and letter forms
        .init("2025-Q1", .quarter, 1, "2025-01-01", "2025-03-31", "2025-Q1"),
        .init("2025-Q2", .quarter, 2, "2025-04-01", "2025-06-30", "2025-Q2"),
        .init("2025-Q3", .quarter, 3, "2025-07-01", "2025-09-30", "2025-Q3"),
        .init("2025-Q4", .quarter, 4, "2025-10-01", "2025-12-31", "2025-Q4"),
        .init("Q3 2025", .quarter, 3, "2025-07-01", "2025-09-30", "2025-Q3"),
        .init("2025 Q3", .quarter, 3, "2025-07-01", "2025-09-30", "2025-Q3"),
        .init("Q1 2024", .quarter, 1, "2024-01-01", "2024-03-31", "2024-Q1"),
        // Quarter, Swedish words
        .init("kvartal 3 2025", .quarter, 3, "2025-07-01", "2025-09-30", "2025-Q3"),
        .init("kvartal 2 2026", .quarter, 2, "2026-04-01", "2026-06-30", "2026-Q2"),
        .init("kv 3 2025", .quarter, 3, "2025-07-01", "2025-09-30", "2025-Q3"),
        .init("kv. 4 2025", .quarter, 4, "2025-10-01", "2025-12-31", "2025-Q4"),
        .init("första kvartalet 2025", .quarter, 1, "2025-01-01", "2025-03-31", "2025-Q1"),
        .init("andra kvartalet 2025", .quarter, 2, "2025-04-01", "2025-06-30", "2025-Q2"),
        .init("tredje kvartalet 2025", .quarter, 3, "2025-07-01", "2025-09-30", "2025-Q3"),
        .init("fjärde kvartalet 2025", .quarter, 4, "2025-10-01", "2025-12-31", "2025-Q4"),
        .init("fjarde kvartalet 2025", .quarter, 4, "2025-10-01", "2025-12-31", "2025-Q4"),
        .init("1:a kvartalet 2025", .quarter, 1, "2025-01-01", "2025-03-31", "2025-Q1"),
        .init("2:a kvartalet 2025", .quarter, 2, "2025-04-01", "2025-06-30", "2025-Q2"),
        .init("3:e kvartalet 2025", .quarter, 3, "2025-07-01", "2025-09-30", "2025-Q3"),
        .init("4:e kvartalet 2025", .quarter, 4, "2025-10-01", "2025-12-31", "2025-Q4"),
        // Tertial
        .init("2025-T1", .tertial, 1, "2025-01-01", "2025-04-30", "2025-T1"),
        .init("2025-T2", .tertial, 2, "2025-05-01", "2025-08-31", "2025-T2"),
        .init("2025-T3", .tertial, 3, "2025-09-01", "2025-12-31", "2025-T3"),
        .init("T2 2025", .tertial, 2, "2025-05-01", "2025-08-31", "2025-T2"),
        .init("2025 T2", .tertial, 2, "2025-05-01", "2025-08-31", "2025-T2"),
        .init("tertial 2 2025", .tertial, 2, "2025-05-01", "2025-08-31", "2025-T2"),
        .init("tertial 1 2024", .tertial, 1, "2024-01-01", "2024-04-30", "2024-T1"),
        .init("första tertialet 2025", .tertial, 1, "2025-01-01", "2025-04-30", "2025-T1"),
        .init("andra tertialet 2025", .tertial, 2, "2025-05-01", "2025-08-31", "2025-T2"),
        .init("tredje tertialet 2025", .tertial, 3, "2025-09-01", "2025-12-31", "2025-T3"),
        .init("2:a tertialet 2025", .tertial, 2, "2025-05-01", "2025-08-31", "2025-T2"),
        .init("3:e tertialet 2025", .tertial, 3, "2025-09-01", "2025-12-31", "2025-T3"),
        // Month
        .init("2025-09", .month, 9, "2025-09-01", "2025-09-30", "2025-09"),
        .init("2025-01", .month, 1, "2025-01-01", "2025-01-31", "2025-01"),
        .init("2024-02", .month, 2, "2024-02-01", "2024-02-29", "2024-02"),
        .init("september 2025", .month, 9, "2025-09-01", "2025-09-30", "2025-09"),
        .init("sep 2025", .month, 9, "2025-09-01", "2025-09-30", "2025-09"),
        .init("sep. 2025", .month, 9, "2025-09-01", "2025-09-30", "2025-09"),
        .init("sept 2025", .month, 9, "2025-09-01", "2025-09-30", "2025-09"),
        .init("februari 2024", .month, 2, "2024-02-01", "2024-02-29", "2024-02"),
        .init("februari 2025", .month, 2, "2025-02-01", "2025-02-28", "2025-02"),
        .init("februari 2000", .month, 2, "2000-02-01", "2000-02-29", "2000-02"),
        .init("februari 2100", .month, 2, "2100-02-01", "2100-02-28", "2100-02"),
        .init("okt 2025", .month, 10, "2025-10-01", "2025-10-31", "2025-10"),
        .init("maj 2025", .month, 5, "2025-05-01", "2025-05-31", "2025-05"),
        .init("mars 2025", .month, 3, "2025-03-01", "2025-03-31", "2025-03"),
        .init("mar 2025", .month, 3, "2025-03-01", "2025-03-31", "2025-03"),
        // Day
        .init("2025-09-30", .day, 0, "2025-09-30", "2025-09-30", "2025-09-30"),
        .init("2024-02-29", .day, 0, "2024-02-29", "2024-02-29", "2024-02-29"),
        .init("30 september 2025", .day, 0, "2025-09-30", "2025-09-30", "2025-09-30"),
        .init("den 30 september 2025", .day, 0, "2025-09-30", "2025-09-30", "2025-09-30"),
        .init("30 sep 2025", .day, 0, "2025-09-30", "2025-09-30", "2025-09-30"),
        .init("den 5 maj 2025", .day, 0, "2025-05-05", "2025-05-05", "2025-05-05"),
        .init("den 05 maj 2025", .day, 0, "2025-05-05", "2025-05-05", "2025-05-05"),
        .init("1 okt. 2025", .day, 0, "2025-10-01", "2025-10-01", "2025-10-01"),
        .init("29 februari 2024", .day, 0, "2024-02-29", "2024-02-29", "2024-02-29"),
        .init("den 31 december 2025", .day, 0, "2025-12-31", "2025-12-31", "2025-12-31"),
        // Leading words that are ignored
        .init("under tredje kvartalet 2025", .quarter, 3, "2025-07-01", "2025-09-30", "2025-Q3"),
        .init("under T2 2025", .tertial, 2, "2025-05-01", "2025-08-31", "2025-T2"),
        .init("senast 2025-09-30", .day, 0, "2025-09-30", "2025-09-30", "2025-09-30"),
        .init("senast den 30 september 2025", .day, 0, "2025-09-30", "2025-09-30", "2025-09-30"),
        .init("före utgången av 2025", .year, 0, "2025-01-01", "2025-12-31", "2025"),
        .init("före utgången av andra tertialet 2025", .tertial, 2, "2025-05-01", "2025-08-31", "2025-T2"),
        .init("t.o.m. september 2025", .month, 9, "2025-09-01", "2025-09-30", "2025-09"),
        .init("t.o.m. 2025-Q4", .quarter, 4, "2025-10-01", "2025-12-31", "2025-Q4"),
    ]

    @Test("every accepted form gives its first day, last day and canonical form", arguments: accepted)
    func acceptedForms(_ expected: DuePeriodExpectation) throws {
        let period = try #require(DuePeriod.parse(expected.text))
        #expect(period.kind == expected.kind)
        #expect(period.number == expected.number)
        #expect(period.first == (try civil(expected.first)))
        #expect(period.last == (try civil(expected.last)))
        #expect(period.canonical == expected.canonical)
        #expect(period.description == expected.canonical)
        #expect(period.year == (try civil(expected.first)).year)
        #expect(period.wording == expected.text)
        // A year given in the text wins over the default year.
        #expect(DuePeriod.parse(expected.text, defaultYear: 1999)?.canonical == expected.canonical)
    }

    @Test("every month name and abbreviation, with the month's last day in 2025 and 2024")
    func monthNames() throws {
        let names = ["januari", "februari", "mars", "april", "maj", "juni",
                     "juli", "augusti", "september", "oktober", "november", "december"]
        let abbreviations = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        // Last days from the calendar: 2025 is a common year, 2024 a leap year.
        let last2025 = ["01-31", "02-28", "03-31", "04-30", "05-31", "06-30",
                        "07-31", "08-31", "09-30", "10-31", "11-30", "12-31"]
        let last2024 = ["01-31", "02-29", "03-31", "04-30", "05-31", "06-30",
                        "07-31", "08-31", "09-30", "10-31", "11-30", "12-31"]
        for index in 0..<12 {
            let month = (index < 9 ? "0" : "") + String(index + 1)
            for word in [names[index], abbreviations[index], abbreviations[index] + ".", names[index].uppercased()] {
                let p2025 = try #require(DuePeriod.parse("\(word) 2025"), "\(word) 2025")
                #expect(p2025.kind == .month)
                #expect(p2025.number == index + 1)
                #expect(p2025.canonical == "2025-\(month)")
                #expect(p2025.first.description == "2025-\(month)-01")
                #expect(p2025.last.description == "2025-\(last2025[index])")
                let p2024 = try #require(DuePeriod.parse("\(word) 2024"), "\(word) 2024")
                #expect(p2024.last.description == "2024-\(last2024[index])")
                // The day form with the same word.
                let day = try #require(DuePeriod.parse("den 1 \(word) 2025"), "den 1 \(word) 2025")
                #expect(day.canonical == "2025-\(month)-01")
            }
        }
    }

    @Test("DOMAIN.md: a due period means its last day")
    func domainExamples() throws {
        let q3 = try #require(DuePeriod.parse("under tredje kvartalet 2025"))
        #expect(q3.last == (try civil("2025-09-30")))
        #expect(q3.wording == "under tredje kvartalet 2025")
        #expect(q3.canonical == "2025-Q3")
        let t2 = try #require(DuePeriod.parse("T2 2025"))
        #expect(t2.last == (try civil("2025-08-31")))
        #expect(t2.wording == "T2 2025")
        // Dates are written 2025-09-30 in tables and "den 30 september 2025" in running text.
        let day = try #require(DuePeriod.parse("den 30 september 2025"))
        #expect(day.canonical == "2025-09-30")
        #expect(day.swedish == "den 30 september 2025")
    }

    @Test("case and whitespace are ignored; the wording keeps the text as given, trimmed",
          arguments: [
              ("  Under   Tredje   KVARTALET   2025  ", "2025-Q3", "Under   Tredje   KVARTALET   2025"),
              ("2025-q3", "2025-Q3", "2025-q3"),
              ("q3 2025", "2025-Q3", "q3 2025"),
              ("t2\t2025", "2025-T2", "t2\t2025"),
              ("\n TERTIAL 2 2025\n", "2025-T2", "TERTIAL 2 2025"),
              ("FJÄRDE KVARTALET 2025", "2025-Q4", "FJÄRDE KVARTALET 2025"),
              ("Fjärde Kvartalet 2025", "2025-Q4", "Fjärde Kvartalet 2025"),
              ("fja\u{308}rde kvartalet 2025", "2025-Q4", "fja\u{308}rde kvartalet 2025"),
              ("FÖRE UTGÅNGEN AV Q3 2025", "2025-Q3", "FÖRE UTGÅNGEN AV Q3 2025"),
              ("Senast Den 30 September 2025", "2025-09-30", "Senast Den 30 September 2025"),
              ("KV 3 2025", "2025-Q3", "KV 3 2025"),
              ("3:E kvartalet 2025", "2025-Q3", "3:E kvartalet 2025"),
              ("T.O.M. OKT 2025", "2025-10", "T.O.M. OKT 2025"),
              ("30\u{00A0}september\u{00A0}2025", "2025-09-30", "30\u{00A0}september\u{00A0}2025"),
          ])
    func caseAndSpacing(_ text: String, _ canonical: String, _ wording: String) throws {
        let period = try #require(DuePeriod.parse(text))
        #expect(period.canonical == canonical)
        #expect(period.wording == wording)
    }

    @Test("a quarter or tertial without a year takes the default year (the plan year)",
          arguments: [
              ("kvartal 1", 2026, "2026-Q1", "2026-01-01", "2026-03-31"),
              ("Kvartal 4", 2025, "2025-Q4", "2025-10-01", "2025-12-31"),
              ("kv 2", 2025, "2025-Q2", "2025-04-01", "2025-06-30"),
              ("Q3", 2025, "2025-Q3", "2025-07-01", "2025-09-30"),
              ("tredje kvartalet", 2025, "2025-Q3", "2025-07-01", "2025-09-30"),
              ("under 3:e kvartalet", 2025, "2025-Q3", "2025-07-01", "2025-09-30"),
              ("T1", 2024, "2024-T1", "2024-01-01", "2024-04-30"),
              ("tertial 2", 2025, "2025-T2", "2025-05-01", "2025-08-31"),
              ("andra tertialet", 2025, "2025-T2", "2025-05-01", "2025-08-31"),
              ("senast tredje tertialet", 2025, "2025-T3", "2025-09-01", "2025-12-31"),
          ])
    func defaultYear(_ text: String, _ year: Int, _ canonical: String, _ first: String, _ last: String) throws {
        let period = try #require(DuePeriod.parse(text, defaultYear: year))
        #expect(period.canonical == canonical)
        #expect(period.year == year)
        #expect(period.first == (try civil(first)))
        #expect(period.last == (try civil(last)))
        #expect(period.wording == text)
        // Without a default year the same text is not understood.
        #expect(DuePeriod.parse(text) == nil)
        #expect(DuePeriod.parse(text, defaultYear: nil) == nil)
        // A default year outside 1900...2999 is not used.
        #expect(DuePeriod.parse(text, defaultYear: 1899) == nil)
        #expect(DuePeriod.parse(text, defaultYear: 3000) == nil)
    }

    @Test("a year, month or day never takes the default year",
          arguments: ["september", "sep", "30 september", "den 30 september", "", "under", "kvartal", "kvartalet",
                      "Q5", "kvartal 5", "T4", "tertial 4", "fjärde tertialet", "09", "09-30"])
    func noDefaultYearForOtherForms(_ text: String) {
        #expect(DuePeriod.parse(text, defaultYear: 2025) == nil)
    }

    @Test("impossible, out-of-range and malformed texts are rejected",
          arguments: [
              "", "   ", "under", "senast", "t.o.m.", "före utgången av",
              // Impossible dates
              "2025-02-30", "2025-02-29", "2100-02-29", "2025-04-31", "2025-09-31", "30 februari 2025",
              "29 februari 2025", "31 september 2025", "den 31 november 2025", "32 maj 2025", "0 maj 2025",
              "den 030 september 2025", "2025-00-10", "2025-13-01",
              // Months
              "2025-13", "2025-00", "2025-9", "2025-009", "septembre 2025", "sepember 2025", "se 2025",
              // Quarters and tertials out of range
              "2025-Q5", "2025-Q0", "Q5 2025", "Q0 2025", "2025 Q5", "kvartal 5 2025", "kvartal 0 2025",
              "kv 5 2025", "femte kvartalet 2025", "5:e kvartalet 2025", "2025-T4", "2025-T0", "T4 2025",
              "tertial 4 2025", "tertial 0 2025", "fjärde tertialet 2025", "4:e tertialet 2025",
              "kvartal 03 2025", "kvartal 10 2025", "Q03 2025", "2025-Q03", "Q 3 2025", "2025-Q", "2025-T",
              // Years out of range or malformed
              "1899", "3000", "0000", "25", "025", "02025", "20255", "1899-12", "3000-Q1", "Q3 1899", "Q3 3000",
              // Trailing or leading junk
              "2025-Q3x", "2025-Q3 x", "Q3 2025 ungefär", "2025 ungefär", "ca 2025", "under under 2025",
              "senast senast 2025", "under senast 2025", "senast t.o.m. 2025", "t.o.m. under Q3 2025",
              "om 30 september 2025", "1 30 september 2025", "den 30 30 september 2025",
              "2025 Q3 Q3", "Q3-2025", "2025–Q3", "2025/Q3", "2025-Q3-01", "2025-09-30-01",
              "2025-09-30 2025", "den 2025-09-30", "30 september 2025 den", "den den 30 september 2025",
              "under2025", "t.o.m 2025", "tom 2025", "före 2025", "utgången av 2025", "2025.", "2025,",
              "tredje kvartal 2025", "tredje kvartalen 2025", "3e kvartalet 2025", "3 kvartalet 2025",
              "kvartalet 3 2025", "tertialet 2 2025", "andra tertial 2025",
              // Non-ASCII digits
              "٢٠٢٥", "２０２５",
          ])
    func rejections(_ text: String) {
        #expect(DuePeriod.parse(text) == nil)
    }

    @Test("contains: both ends of the period are included")
    func containsDates() throws {
        let q3 = try #require(DuePeriod.parse("2025-Q3"))
        #expect(q3.contains(try civil("2025-07-01")))
        #expect(q3.contains(try civil("2025-08-15")))
        #expect(q3.contains(try civil("2025-09-30")))
        #expect(!q3.contains(try civil("2025-06-30")))
        #expect(!q3.contains(try civil("2025-10-01")))
        #expect(!q3.contains(try civil("2024-08-15")))
        let day = try #require(DuePeriod.parse("den 30 september 2025"))
        #expect(day.contains(try civil("2025-09-30")))
        #expect(!day.contains(try civil("2025-09-29")))
        #expect(!day.contains(try civil("2025-10-01")))
        let leap = try #require(DuePeriod.parse("februari 2024"))
        #expect(leap.contains(try civil("2024-02-29")))
        #expect(!leap.contains(try civil("2024-03-01")))
        let year = try #require(DuePeriod.parse("2025"))
        #expect(year.contains(try civil("2025-01-01")))
        #expect(year.contains(try civil("2025-12-31")))
        #expect(!year.contains(try civil("2026-01-01")))
        #expect(!year.contains(try civil("2024-12-31")))
    }

    @Test("the Swedish running-text form",
          arguments: [
              ("2025", "2025"),
              ("2025-Q1", "första kvartalet 2025"),
              ("Q2 2025", "andra kvartalet 2025"),
              ("kv 3 2025", "tredje kvartalet 2025"),
              ("4:e kvartalet 2025", "fjärde kvartalet 2025"),
              ("andra tertialet 2025", "tertial 2 2025"),
              ("2025-T3", "tertial 3 2025"),
              ("2025-09", "september 2025"),
              ("okt 2025", "oktober 2025"),
              ("2024-02", "februari 2024"),
              ("2025-09-30", "den 30 september 2025"),
              ("2025-05-05", "den 5 maj 2025"),
              ("1 jan 2026", "den 1 januari 2026"),
          ])
    func swedish(_ text: String, _ expected: String) throws {
        #expect(try #require(DuePeriod.parse(text)).swedish == expected)
    }

    @Test("the canonical and Swedish forms read back to the same period")
    func roundTrip() throws {
        var texts: [String] = []
        for year in [1900, 2000, 2024, 2025, 2100, 2999] {
            texts.append(String(year))
            texts += (1...4).map { "\(year)-Q\($0)" } + (1...3).map { "\(year)-T\($0)" }
            texts += (1...12).map { "\(year)-\($0 < 10 ? "0" : "")\($0)" }
            texts += ["\(year)-01-01", "\(year)-02-28", "\(year)-06-15", "\(year)-12-31"]
        }
        for text in texts {
            let period = try #require(DuePeriod.parse(text), "\(text)")
            #expect(period.canonical == text)
            let again = try #require(DuePeriod.parse(period.canonical))
            #expect(again == period, "\(text)")
            let fromSwedish = try #require(DuePeriod.parse(period.swedish), "\(period.swedish)")
            #expect(fromSwedish.canonical == period.canonical)
            #expect(fromSwedish.first == period.first && fromSwedish.last == period.last)
            #expect(fromSwedish.wording == period.swedish)
        }
    }

    @Test("periods tile the year: quarters, tertials and months follow each other without gaps")
    func periodsTileTheYear() throws {
        for year in [1900, 2024, 2025, 2100] {
            for (prefix, count) in [("Q", 4), ("T", 3)] {
                var next = try civil("\(year)-01-01")
                for number in 1...count {
                    let period = try #require(DuePeriod.parse("\(year)-\(prefix)\(number)"))
                    #expect(period.first == next)
                    next = period.last.adding(days: 1)
                }
                #expect(next == (try civil("\(year + 1)-01-01")))
            }
        }
    }

    @Test("equality includes the wording; the canonical form compares the periods")
    func equality() throws {
        let a = try #require(DuePeriod.parse("2025-Q3"))
        let b = try #require(DuePeriod.parse("Q3 2025"))
        let c = try #require(DuePeriod.parse("  2025-Q3 "))
        #expect(a != b)
        #expect(a.canonical == b.canonical)
        #expect(a == c)
        #expect(Set([a, b, c]).count == 2)
    }
}
