import LiggareJSON
import Testing

/// `scanTopLevelObject`: keys, value ranges and kinds of top-level members.
@Suite("scanTopLevelObject")
struct ScanTopLevelObjectTests {
    /// One reported member.
    struct Member: Equatable {
        var key: String
        var value: String
        var kind: JSONValueKind
    }

    /// The members reported for `text`, with their values as the text of their byte ranges.
    private func members(_ text: String, options: JSONReadOptions = .ledger) throws -> [Member] {
        let bytes = Array(text.utf8)
        var found: [Member] = []
        try JSONReader.scanTopLevelObject(bytes, options: options) { key, range, kind in
            found.append(Member(key: key.decoded, value: String(decoding: bytes[range], as: UTF8.self), kind: kind))
        }
        return found
    }

    @Test("reports every top-level member with its raw value range and kind")
    func reportsMembers() throws {
        let text = #" { "seq" : 12345 ,"id":"x\"y","data":{"a":[1,{"b":2}]},"ok":true,"no":false,"n":null,"list":[ ],"e":{}}  "#
        #expect(try members(text) == [
            Member(key: "seq", value: "12345", kind: .number),
            Member(key: "id", value: #""x\"y""#, kind: .string),
            Member(key: "data", value: #"{"a":[1,{"b":2}]}"#, kind: .object),
            Member(key: "ok", value: "true", kind: .bool),
            Member(key: "no", value: "false", kind: .bool),
            Member(key: "n", value: "null", kind: .null),
            Member(key: "list", value: "[ ]", kind: .array),
            Member(key: "e", value: "{}", kind: .object),
        ])
    }

    @Test("nothing is reported when the text turns out to be invalid")
    func nothingForInvalidText() {
        for text in [#"{"a":1,"b":}"#, #"{"a":1,"a":2}"#, #"{"a":1} x"#, #"{"a":[1,2],"b":"\x"}"#] {
            var calls = 0
            #expect(throws: JSONError.self) {
                try JSONReader.scanTopLevelObject(Array(text.utf8)) { _, _, _ in calls += 1 }
            }
            #expect(calls == 0, "\(text)")
        }
    }

    @Test("objects with more members than the stack buffer holds are reported in full")
    func manyMembers() throws {
        let text = "{" + (0..<100).map { #""m\#($0)":[\#($0)]"# }.joined(separator: ",") + "}"
        let found = try members(text)
        #expect(found.count == 100)
        #expect(found.last == Member(key: "m99", value: "[99]", kind: .array))
    }

    @Test("an empty object reports nothing")
    func emptyObject() throws {
        #expect(try members("{}").isEmpty)
    }

    @Test("keys compare after unescaping, without allocating, and work in a switch")
    func keyComparison() throws {
        var seen: [String] = []
        try JSONReader.scanTopLevelObject(Array(#"{"\u0073eq":1,"type":"x","d\u00e5":2}"#.utf8)) { key, _, _ in
            switch key {
            case "seq":
                #expect(key.hasEscapes)
                #expect(key.equals("seq" as String))
                #expect(!key.equals("se"))
                seen.append("seq")
            case "type":
                #expect(!key.hasEscapes)
                #expect(key == "type")
                #expect(!(key == "typ"))
                seen.append("type")
            case "då":
                #expect(key.decoded == "då")
                #expect(key.raw.count == 7)
                seen.append("då")
            default:
                Issue.record("unexpected key \(key.decoded)")
            }
        }
        #expect(seen == ["seq", "type", "då"])
    }

    @Test("key ranges point at the bytes between the quotes")
    func keyRanges() throws {
        let bytes = Array(#"{"ab":1, "c":2}"#.utf8)
        var ranges: [Range<Int>] = []
        try JSONReader.scanTopLevelObject(bytes) { key, _, _ in ranges.append(key.range) }
        #expect(ranges == [2..<4, 10..<11])
    }

    @Test("a ledger line: the data range parses to the same value as parse gives")
    func ledgerLine() throws {
        let line = LedgerLine.sample
        let bytes = Array(line.utf8)
        var keys: [String] = []
        var dataRange: Range<Int>?
        try JSONReader.scanTopLevelObject(bytes) { key, range, kind in
            keys.append(key.decoded)
            if key == "data" {
                #expect(kind == .object)
                dataRange = range
            }
        }
        #expect(keys == ["seq", "id", "type", "recorded", "effective", "actor", "prev", "data"])
        let range = try #require(dataRange)
        #expect(try JSONReader.parse(bytes[range]) == JSONReader.parse(bytes)["data"])
    }

    @Test("duplicate keys are rejected at the top level and inside values under .ledger")
    func duplicates() throws {
        #expect(Outcome.scan(Array(#"{"a":1,"a":2}"#.utf8), .ledger).error?.message == #"duplicate key "a" in an object"#)
        #expect(Outcome.scan(Array(#"{"a":{"b":1,"b":2}}"#.utf8), .ledger).error?.offset == 12)
        #expect(try members(#"{"a":1,"a":2}"#, options: .rfc8259).map(\.value) == ["1", "2"])
    }
}
