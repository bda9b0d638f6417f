import Testing
@testable import LiggareLog

@Suite("Civil dates, timestamps and Swedish time")
struct TimeTests {
    @Test("real dates parse, impossible ones do not",
          arguments: ["2024-02-29", "2000-02-29", "2025-12-31", "0001-01-01", "9999-12-31"])
    func validDates(_ text: String) throws {
        let date = try #require(CivilDate(text))
        #expect(date.description == text)
    }

    @Test("impossible and malformed dates are rejected",
          arguments: ["2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-6-10", "2025-06-10 ",
                      "25-06-10", "2025/06/10", "0000-01-01", "2025-06-1x", ""])
    func invalidDates(_ text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test("days since the epoch match known values")
    func epochDays() throws {
        // Known values: 1970-01-01 is day 0; 2000-03-01 is day 11017; 2025-06-10 is day 20249.
        #expect(try #require(CivilDate("1970-01-01")).daysSinceEpoch == 0)
        #expect(try #require(CivilDate("2000-03-01")).daysSinceEpoch == 11_017)
        #expect(try #require(CivilDate("2025-06-10")).daysSinceEpoch == 20_249)
        for day in stride(from: -719_162, through: 2_932_896, by: 997) {
            #expect(CivilDate(daysSinceEpoch: day).daysSinceEpoch == day)
        }
    }

    @Test("weekdays match the calendar")
    func weekdays() throws {
        // 2025-06-10 was a Tuesday, 2024-12-24 a Tuesday, 2026-01-04 a Sunday.
        #expect(try #require(CivilDate("2025-06-10")).isoWeekday == 2)
        #expect(try #require(CivilDate("2024-12-24")).isoWeekday == 2)
        #expect(try #require(CivilDate("2026-01-04")).isoWeekday == 7)
    }

    @Test("timestamps round-trip and reject other shapes")
    func timestamps() throws {
        let t = try #require(Timestamp("2025-06-10T12:34:56.789Z"))
        #expect(t.description == "2025-06-10T12:34:56.789Z")
        #expect(t.millisecondsSinceEpoch == 1_749_558_896_789)
        #expect(Timestamp(millisecondsSinceEpoch: 0).description == "1970-01-01T00:00:00.000Z")
        for bad in ["2025-06-10T12:34:56Z", "2025-06-10T12:34:56.789+02:00", "2025-06-10T24:00:00.000Z",
                    "2025-06-10T12:60:00.000Z", "2025-02-30T00:00:00.000Z", "2025-06-10 12:34:56.789Z"] {
            #expect(Timestamp(bad) == nil, "\(bad)")
        }
    }

    @Test("Swedish summer time starts and ends at 01:00 UTC on the last Sundays of March and October")
    func swedishTime() throws {
        // 2025: summer time from 2025-03-30 01:00 UTC to 2025-10-26 01:00 UTC.
        #expect(SwedishTime.utcOffsetMilliseconds(at: try #require(Timestamp("2025-03-30T00:59:59.999Z"))) == 3_600_000)
        #expect(SwedishTime.utcOffsetMilliseconds(at: try #require(Timestamp("2025-03-30T01:00:00.000Z"))) == 7_200_000)
        #expect(SwedishTime.utcOffsetMilliseconds(at: try #require(Timestamp("2025-10-26T00:59:59.999Z"))) == 7_200_000)
        #expect(SwedishTime.utcOffsetMilliseconds(at: try #require(Timestamp("2025-10-26T01:00:00.000Z"))) == 3_600_000)
        // 22:30 UTC on 9 June is 00:30 on 10 June in Stockholm; 23:30 UTC on 31 December is 00:30 on 1 January.
        #expect(SwedishTime.date(at: try #require(Timestamp("2025-06-09T22:30:00.000Z"))).description == "2025-06-10")
        #expect(SwedishTime.date(at: try #require(Timestamp("2025-12-31T23:30:00.000Z"))).description == "2026-01-01")
        #expect(SwedishTime.date(at: try #require(Timestamp("2025-12-31T22:59:00.000Z"))).description == "2025-12-31")
    }

    @Test("event ids are UUIDv7 and strictly increasing, also when the clock stands still or goes back")
    func eventIDs() throws {
        var random = SeededGenerator(seed: 7)
        var previous: EventID?
        let times: [Int64] = [1_749_550_000_000, 1_749_550_000_000, 1_749_549_000_000, 1_749_550_000_001, 1_749_550_000_001]
        for ms in times {
            let id = EventID.next(milliseconds: ms, after: previous, using: &random)
            #expect(id.isVersion7)
            if let previous { #expect(id > previous) }
            let text = id.description
            #expect(text.count == 36)
            #expect(EventID(text) == id)
            #expect(text == text.lowercased())
            previous = id
        }
        // A fresh id carries its millisecond time in the first 48 bits.
        let fresh = EventID.next(milliseconds: 1_749_550_123_456, after: nil, using: &random)
        #expect(fresh.milliseconds == 1_749_550_123_456)
        #expect(EventID("0190A6B2-7C3E-7DEF-8123-456789ABCDEF") == nil)
    }
}
