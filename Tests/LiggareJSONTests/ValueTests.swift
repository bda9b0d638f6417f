import LiggareJSON
import Testing

/// Parsed values: numbers, strings, objects, equality.
@Suite("Values")
struct ValueTests {
    @Test("int64Value is exact and only for integer lexemes in range", arguments: [
        ("12345", Int64(12345)), ("-0", 0), ("0", 0), ("9223372036854775807", .max), ("-9223372036854775808", .min),
    ])
    func int64Values(_ lexeme: String, _ expected: Int64) throws {
        let value = try JSONReader.parse(lexeme)
        #expect(value.int64Value == expected)
        #expect(value.numberValue?.lexeme == lexeme)
    }

    @Test("int64Value is nil for fractions, exponents and out-of-range integers", arguments: [
        "1.0", "1e2", "9223372036854775808", "-9223372036854775809", "100000000000000000000000000",
    ])
    func noInt64Value(_ lexeme: String) throws {
        let value = try JSONReader.parse(lexeme)
        #expect(value.int64Value == nil)
        #expect(value.numberValue?.lexeme == lexeme, "the lexeme is kept exactly")
    }

    @Test("doubleValue is the nearest Double, nil when not finite")
    func doubleValues() throws {
        #expect(try JSONReader.parse("1.5").numberValue?.doubleValue == 1.5)
        #expect(try JSONReader.parse("-2.5e-3").numberValue?.doubleValue == -0.0025)
        #expect(try JSONReader.parse("1e999").numberValue?.doubleValue == nil)
        #expect(try JSONReader.parse("-1e999").numberValue?.doubleValue == nil)
        #expect(try JSONReader.parse("123e-10000000").numberValue?.doubleValue == 0)
    }

    @Test("JSONNumber(lexeme:) accepts exactly the RFC 8259 number grammar")
    func numberLexemes() {
        for good in ["0", "-0", "12", "-12.50", "1e5", "1E+05", "0.5e-7", "100000000000000000000000000"] {
            #expect(JSONNumber(lexeme: good)?.lexeme == good, "\(good)")
        }
        for bad in ["", "-", "+1", "01", "1.", ".5", " 1", "1 ", "NaN", "1e", "0x10", "1_000", "[1]", "\"1\""] {
            #expect(JSONNumber(lexeme: bad) == nil, "\(bad)")
        }
        #expect(JSONNumber(0.1)?.lexeme == "0.1")
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(UInt64.max).lexeme == "18446744073709551615")
        #expect(JSONNumber(lexeme: "1.0") != JSONNumber(lexeme: "1"), "numbers compare by lexeme")
    }

    @Test("escapes decode to the right scalars, surrogate pairs included")
    func escapes() throws {
        let value = try JSONReader.parse(#"["\"\\\/\b\f\n\r\t", "\u00e5\u00C4", "\ud834\udd1e", "\u0000", "a\u2028b"]"#)
        #expect(value == ["\"\\/\u{8}\u{C}\n\r\t", "åÄ", "𝄞", "\u{0}", "a\u{2028}b"])
        #expect(value[2]?.stringValue?.unicodeScalars.map(\.value) == [0x1D11E])
    }

    @Test("raw U+2028 and U+2029 are accepted in strings")
    func rawLineSeparators() throws {
        #expect(try JSONReader.parse("\"a\u{2028}b\u{2029}\"") == .string("a\u{2028}b\u{2029}"))
    }

    @Test("strings and keys compare by Unicode scalars, not canonical equivalence")
    func scalarEquality() throws {
        #expect(JSONValue.string("é") != JSONValue.string("e\u{301}"))
        #expect(JSONValue.string("é") == JSONValue.string("\u{E9}"))
        // Precomposed and decomposed keys are different keys, so not duplicates.
        let object = try #require(try JSONReader.parse(#"{"é":1,"e\u0301":2}"#).objectValue)
        #expect(object.count == 2)
        #expect(object["e\u{301}"]?.int64Value == 2)
        #expect(object["é"]?.int64Value == 1)
    }

    @Test("duplicate keys: rejected after unescaping under .ledger, kept in order under .rfc8259")
    func duplicateKeys() throws {
        let text = #"{"a":1,"\u0061":2}"#
        #expect(Outcome.parse(Array(text.utf8), .ledger).error?.message == #"duplicate key "a" in an object"#)
        let object = try #require(try JSONReader.parse(text, options: .rfc8259).objectValue)
        #expect(object.keys == ["a", "a"])
        #expect(object["a"]?.int64Value == 1, "the subscript returns the first member")
        // The same key in different objects is fine.
        #expect(Outcome.validate(Array(#"{"a":{"a":1},"b":[{"a":2},{"a":3}]}"#.utf8), .ledger) == .accepted)
    }

    @Test("objects with many keys use the hash index and still find duplicates", arguments: [15, 16, 17, 40, 2_000])
    func manyKeys(_ count: Int) throws {
        let members = (0..<count).map { #""k\#($0)":\#($0)"# }
        let distinct = Array(("{" + members.joined(separator: ",") + "}").utf8)
        #expect(Outcome.validate(distinct, .ledger) == .accepted)
        #expect(try JSONReader.parse(distinct).objectValue?.count == count)
        // A duplicate of the middle key, written with an escape, at the end.
        let middle = count / 2
        let prefix = "{" + members.joined(separator: ",") + ","
        let duplicated = Array((prefix + #""\u006b\#(middle)":0}"#).utf8)
        let error = try #require(Outcome.validate(duplicated, .ledger).error)
        #expect(error.message == #"duplicate key "k\#(middle)" in an object"#)
        #expect(error.offset == prefix.utf8.count)
        #expect(Outcome.parse(duplicated, .ledger) == .rejected(error))
        // Nested large objects, each with its own keys.
        let nested = Array(("{" + members.joined(separator: ",") + #","inner":{"# + members.joined(separator: ",") + "}}").utf8)
        #expect(Outcome.validate(nested, .ledger) == .accepted)
    }

    @Test("JSONObject keeps order, and its subscript sets, replaces and removes")
    func objectEditing() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = "x"
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"] == "x")
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(object != ["c": 3, "b": "x"], "order matters")
        #expect(object == ["b": "x", "c": 3])
    }

    @Test("convenience accessors return nil for other kinds")
    func accessors() throws {
        let value = try JSONReader.parse(#"{"s":"x","b":true,"n":null,"a":[1],"o":{}}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == true)
        #expect(value["n"]?.isNull == true)
        #expect(value["a"]?[0]?.int64Value == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["o"]?.objectValue?.isEmpty == true)
        #expect(value["missing"] == nil)
        #expect(value["s"]?.int64Value == nil)
        #expect(value["a"]?["s"] == nil)
        #expect(value.kind == .object)
        #expect(value["a"]?.arrayValue?.count == 1)
    }

    @Test("JSONString.decode never traps on unvalidated bytes")
    func decodeUnvalidated() {
        func decode(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBytes { JSONString.decode($0) }
        }
        #expect(decode([]) == "")
        #expect(decode(Array("plain å".utf8)) == "plain å")
        #expect(decode([0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
        #expect(decode(Array(#"x\"#.utf8)) == "x\u{FFFD}")
        #expect(decode(Array(#"\ud800z"#.utf8)) == "\u{FFFD}z")
        #expect(decode(Array(#"\x\u12"#.utf8)) == "xu12")
        #expect(decode(Array(#"\u00e5\n"#.utf8)) == "å\n")
        #expect(decode([0x5C, 0x6E, 0xC3]) == "\n\u{FFFD}")
    }
}
