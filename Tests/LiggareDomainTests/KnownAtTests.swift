import LiggareDomain
import LiggareLog
import Testing

private func instant(_ text: String) throws -> Timestamp {
    try #require(Timestamp(text), "bad test timestamp \(text)")
}

@Suite("KnownAt: the --known-at cut in recorded time")
struct KnownAtTests {
    @Test("seq:N", arguments: [("seq:0", 0), ("seq:1", 1), ("seq:12", 12), ("seq:007", 7),
                                ("seq:9223372036854775807", Int.max)])
    func seq(_ text: String, _ n: Int) {
        #expect(KnownAt.parse(text) == .seq(n))
    }

    @Test("everything reads back")
    func everything() {
        #expect(KnownAt.parse("everything") == .everything)
        #expect(KnownAt.everything.description == "everything")
    }

    @Test("RFC 3339 date-times convert to UTC, fractions truncate to milliseconds",
          arguments: [
              ("2025-10-02T12:00:00Z", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02T12:00:00.000Z", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02 12:00:00Z", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02t12:00:00z", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02T14:00:00+02:00", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02T06:30:00-05:30", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02T12:00:00+00:00", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02T12:00:00-00:00", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02T12:00:00.5Z", "2025-10-02T12:00:00.500Z"),
              ("2025-10-02T12:00:00.12Z", "2025-10-02T12:00:00.120Z"),
              ("2025-10-02T12:00:00.123456789Z", "2025-10-02T12:00:00.123Z"),
              ("2025-10-02T12:00:00.9999Z", "2025-10-02T12:00:00.999Z"),
              ("2025-10-02T12:00:00.1+02:00", "2025-10-02T10:00:00.100Z"),
              ("2025-01-01T00:30:00+01:00", "2024-12-31T23:30:00.000Z"),
              ("2024-02-29T23:59:59.999-01:00", "2024-03-01T00:59:59.999Z"),
              ("2025-10-02T00:00:00+23:59", "2025-10-01T00:01:00.000Z"),
              ("2025-10-02T23:59:59-23:59", "2025-10-03T23:58:59.000Z"),
              ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"),
              ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
              ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"),
              ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
          ])
    func rfc3339(_ text: String, _ utc: String) throws {
        #expect(KnownAt.parse(text) == .instant(try instant(utc)))
    }

    @Test("a bare date means the end of that day in Swedish time",
          arguments: [
              ("2025-10-02", "2025-10-02T21:59:59.999Z"), // summer time (CEST, UTC+2)
              ("2025-12-01", "2025-12-01T22:59:59.999Z"), // winter time (CET, UTC+1)
              ("2025-06-30", "2025-06-30T21:59:59.999Z"),
              ("2025-12-31", "2025-12-31T22:59:59.999Z"),
              ("2024-02-29", "2024-02-29T22:59:59.999Z"),
              // Summer time starts 2025-03-30 at 02:00 local: the next midnight after the 29th is still winter
              // time, the one after the 30th is summer time (a 23-hour day).
              ("2025-03-29", "2025-03-29T22:59:59.999Z"),
              ("2025-03-30", "2025-03-30T21:59:59.999Z"),
              // Summer time ends 2025-10-26 at 03:00 local: the 26th is a 25-hour day.
              ("2025-10-25", "2025-10-25T21:59:59.999Z"),
              ("2025-10-26", "2025-10-26T22:59:59.999Z"),
          ])
    func bareDate(_ text: String, _ utc: String) throws {
        let t = try instant(utc)
        #expect(KnownAt.parse(text) == .instant(t))
        // The last millisecond of the Swedish day: the next one is the next Swedish day.
        let day = try #require(CivilDate(text))
        #expect(SwedishTime.date(at: t) == day)
        let next = Timestamp(millisecondsSinceEpoch: t.millisecondsSinceEpoch + 1)
        #expect(SwedishTime.date(at: next) == day.adding(days: 1))
    }

    @Test("every bare date of 2024–2026 ends just before the next Swedish day")
    func bareDatesAllYear() throws {
        var day = try #require(CivilDate("2024-01-01"))
        let end = try #require(CivilDate("2027-01-01"))
        while day < end {
            guard case .instant(let t)? = KnownAt.parse(day.description) else {
                Issue.record("\(day) did not parse to an instant")
                return
            }
            #expect(SwedishTime.date(at: t) == day, "\(day)")
            #expect(SwedishTime.date(at: Timestamp(millisecondsSinceEpoch: t.millisecondsSinceEpoch + 1))
                        == day.adding(days: 1), "\(day)")
            day = day.adding(days: 1)
        }
    }

    @Test("a local time without an offset is Swedish time, with the DST edges of 2025",
          arguments: [
              ("2025-10-02T14:00", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02 14:00:00", "2025-10-02T12:00:00.000Z"),
              ("2025-10-02t14:00:00.250", "2025-10-02T12:00:00.250Z"),
              ("2025-10-02 14:00:00.123456789", "2025-10-02T12:00:00.123Z"),
              ("2025-12-01T14:00", "2025-12-01T13:00:00.000Z"),
              ("2026-01-01 00:30", "2025-12-31T23:30:00.000Z"),
              // Spring forward, 2025-03-30: 02:00–02:59 local does not exist and is read in winter time.
              ("2025-03-30T00:00", "2025-03-29T23:00:00.000Z"),
              ("2025-03-30T01:59:59.999", "2025-03-30T00:59:59.999Z"),
              ("2025-03-30T02:00", "2025-03-30T01:00:00.000Z"),
              ("2025-03-30T02:30", "2025-03-30T01:30:00.000Z"),
              ("2025-03-30T02:59:59", "2025-03-30T01:59:59.000Z"),
              ("2025-03-30T03:00", "2025-03-30T01:00:00.000Z"),
              ("2025-03-30T03:30", "2025-03-30T01:30:00.000Z"),
              ("2025-03-30T23:59", "2025-03-30T21:59:00.000Z"),
              // Fall back, 2025-10-26: 02:00–02:59 local occurs twice and means the first, summer-time occurrence.
              ("2025-10-26T00:00", "2025-10-25T22:00:00.000Z"),
              ("2025-10-26T01:59:59", "2025-10-25T23:59:59.000Z"),
              ("2025-10-26T02:00", "2025-10-26T00:00:00.000Z"),
              ("2025-10-26T02:30", "2025-10-26T00:30:00.000Z"),
              ("2025-10-26T02:59:59.999", "2025-10-26T00:59:59.999Z"),
              ("2025-10-26T03:00", "2025-10-26T02:00:00.000Z"),
              ("2025-10-26T23:59", "2025-10-26T22:59:00.000Z"),
          ])
    func swedishLocal(_ text: String, _ utc: String) throws {
        #expect(KnownAt.parse(text) == .instant(try instant(utc)))
    }

    @Test("a local time outside the spring gap reads back as the same Swedish wall-clock time")
    func localTimesAgreeWithSwedishTime() throws {
        for start in ["2025-03-29", "2025-10-25", "2025-06-01", "2025-12-30"] {
            let first = try #require(CivilDate(start))
            for dayOffset in 0..<3 {
                let day = first.adding(days: dayOffset)
                for minuteOfDay in stride(from: 0, to: 1440, by: 15) {
                    let hh = minuteOfDay / 60, mm = minuteOfDay % 60
                    let text = "\(day) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
                    guard case .instant(let t)? = KnownAt.parse(text) else {
                        Issue.record("\(text) did not parse")
                        continue
                    }
                    let wall = t.millisecondsSinceEpoch + SwedishTime.utcOffsetMilliseconds(at: t)
                    let expectedWall = Int64(day.daysSinceEpoch) * 86_400_000 + Int64(minuteOfDay) * 60_000
                    if day.description == "2025-03-30" && hh == 2 {
                        // In the gap: read in winter time, so the wall clock shows one hour later.
                        #expect(wall == expectedWall + 3_600_000, "\(text)")
                    } else {
                        #expect(wall == expectedWall, "\(text)")
                    }
                }
            }
        }
    }

    @Test("anything else is rejected",
          arguments: [
              "", " ", "now", "today", "Everything", "everything ", " everything", "EVERYTHING", "all",
              // seq
              "seq:", "seq:-1", "seq:+1", "seq: 1", "seq:1 ", " seq:1", "SEQ:1", "seq:1x", "seq:1.0", "seq:x",
              "seq:9223372036854775808", "seq:99999999999999999999", "seq", "seq1", "s:1",
              // dates
              "2025-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "0000-01-01", "2025-10-2", "2025/10/02",
              "20251002", "2025-10-02 ", " 2025-10-02", "2025-10-02Z", "2025-10-02T",
              // times
              "2025-10-02T25:00:00Z", "2025-10-02T24:00:00Z", "2025-10-02T12:60:00Z", "2025-10-02T12:00:60Z",
              "2025-10-02T25:00", "2025-10-02T24:00", "2025-10-02 12:60", "2025-10-02T12:00:60",
              "2025-02-30T12:00:00Z", "2025-02-30T12:00",
              "2025-10-02T12:00Z", "2025-10-02T12:00+02:00", "2025-10-02T12Z", "2025-10-02T12", "2025-10-02T1200",
              "2025-10-02T9:00", "2025-10-02T12:0", "2025-10-02T12:00:", "2025-10-02T12:00:0",
              "2025-10-02T12:00.5", "2025-10-02T12:00:00.", "2025-10-02T12:00:00.Z",
              "2025-10-02T12:00:00.1234567890Z", "2025-10-02T12:00:00,5Z",
              "2025-10-02T12:00:00+0200", "2025-10-02T12:00:00+02", "2025-10-02T12:00:00+2:00",
              "2025-10-02T12:00:00+24:00", "2025-10-02T12:00:00+02:60", "2025-10-02T12:00:00 +02:00",
              "2025-10-02T12:00:00Zjunk", "2025-10-02T12:00:00 Z", "2025-10-02T12:00:00ZZ",
              "2025-10-02T12:00:00+02:00x", "2025-10-02T12:00:00.000+02:00:00",
              "2025-10-02  12:00:00Z", "2025-10-02_12:00:00Z", "2025-10-02T-1:00:00Z",
              "2025-10-02T12:00:00Z ", " 2025-10-02T12:00:00Z",
              // outside years 0001–9999 UTC
              "0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00",
              // periods are not cuts
              "2025-Q3", "2025", "2025-10",
          ])
    func rejections(_ text: String) {
        #expect(KnownAt.parse(text) == nil)
    }

    @Test("the written form, and it reads back", arguments: [
        KnownAt.everything, .seq(0), .seq(12),
        .instant(Timestamp(millisecondsSinceEpoch: 1_759_406_400_000)), // 2025-10-02T12:00:00.000Z
        .instant(Timestamp(millisecondsSinceEpoch: 0)),
    ])
    func description(_ value: KnownAt) {
        #expect(KnownAt.parse(value.description) == value)
    }

    @Test("written forms")
    func writtenForms() throws {
        #expect(KnownAt.seq(12).description == "seq:12")
        #expect(KnownAt.seq(0).description == "seq:0")
        #expect(KnownAt.instant(try instant("2025-10-02T12:00:00.000Z")).description == "2025-10-02T12:00:00.000Z")
        #expect(KnownAt.parse("2025-10-02")?.description == "2025-10-02T21:59:59.999Z")
        #expect(KnownAt.parse("2025-10-02T14:00:00+02:00")?.description == "2025-10-02T12:00:00.000Z")
    }
}
