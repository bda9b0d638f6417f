import LiggareJSON
import Testing

/// The canonical writer: exact bytes for hand-written cases and round trips over JSONTestSuite.
@Suite("Canonical writer")
struct WriterTests {
    /// The serialisation of `value` as a String (the writer always produces valid UTF-8).
    private func text(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.serialize(value), as: UTF8.self)
    }

    @Test("quotes, backslashes and short escapes; '/' is not escaped")
    func shortEscapes() {
        #expect(text(.string("a\"b\\c/d")) == #""a\"b\\c/d""#)
        #expect(text(.string("\u{8}\u{C}\n\r\t")) == #""\b\f\n\r\t""#)
    }

    @Test("other control characters become \\u00XX with lowercase hex; DEL stays raw")
    func controlCharacters() {
        #expect(text(.string("\u{1B}[0m")) == #""\u001b[0m""#)
        #expect(JSONWriter.serialize(.string("\u{0}\u{1}\u{1F}\u{7F}")) == Array(#""\u0000\u0001\u001f"#.utf8) + [0x7F, 0x22])
    }

    @Test("non-ASCII is written as raw UTF-8, except U+2028 and U+2029")
    func nonASCII() {
        #expect(JSONWriter.serialize(.string("åäö")) == [0x22, 0xC3, 0xA5, 0xC3, 0xA4, 0xC3, 0xB6, 0x22])
        #expect(JSONWriter.serialize(.string("😀")) == [0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22])
        #expect(text(.string("a\u{2028}b\u{2029}c")) == #""a\u2028b\u2029c""#)
        // Other characters starting with byte 0xE2 are raw.
        #expect(JSONWriter.serialize(.string("€\u{2027}")) == [0x22, 0xE2, 0x82, 0xAC, 0xE2, 0x80, 0xA7, 0x22])
    }

    @Test("numbers are written as their lexeme and whitespace is dropped")
    func numbersAndWhitespace() throws {
        let value = try JSONReader.parse(#"{ "n" : 1.0e+2 , "big" : 100000000000000000000000000, "neg": -0 , "a" : [ 1 , 2 ] }"#)
        #expect(text(value) == #"{"n":1.0e+2,"big":100000000000000000000000000,"neg":-0,"a":[1,2]}"#)
    }

    @Test("members keep their order, duplicates included")
    func memberOrder() throws {
        let value = try JSONReader.parse(#"{"b":1,"a":2,"b":3}"#, options: .rfc8259)
        #expect(text(value) == #"{"b":1,"a":2,"b":3}"#)
    }

    @Test("values built in code, including empty containers and literals")
    func builtValues() throws {
        let value: JSONValue = ["z": "v", "n": 5, "list": [true, false, .null, [], .object([:])], "neg": -42]
        #expect(text(value) == #"{"z":"v","n":5,"list":[true,false,null,[],{}],"neg":-42}"#)
        #expect(text(.number(try #require(JSONNumber(lexeme: "-12.5E-3")))) == "-12.5E-3")
    }

    @Test("writeString appends a quoted literal and accepts substrings")
    func writeStringAppends() {
        var output = Array("x".utf8)
        JSONWriter.writeString("hej\n"[...], into: &output)
        #expect(output == Array(#"x"hej\n""#.utf8))
    }

    @Test("deep values are written without recursion")
    func deepValue() {
        var value = JSONValue.array([])
        for _ in 0..<10_000 {
            value = .array([value])
        }
        let bytes = JSONWriter.serialize(value)
        #expect(bytes.count == 2 * 10_001)
        #expect(bytes.prefix(3) == [0x5B, 0x5B, 0x5B])
    }

    @Test("parse, serialize, parse gives an equal value for every y_ file", arguments: TestSuiteFiles.accepted)
    func roundTrip(_ name: String) throws {
        let original = try JSONReader.parse(try TestSuiteFiles.bytes(name), options: .rfc8259)
        let bytes = JSONWriter.serialize(original)
        let reparsed = try JSONReader.parse(bytes, options: .rfc8259)
        #expect(reparsed == original)
        #expect(JSONWriter.serialize(reparsed) == bytes, "canonical form is a fixed point")
        #expect(!bytes.contains(0x0A))
        let hasLineSeparator = bytes.indices.dropLast(2).contains {
            bytes[$0] == 0xE2 && bytes[$0 + 1] == 0x80 && (bytes[$0 + 2] == 0xA8 || bytes[$0 + 2] == 0xA9)
        }
        #expect(!hasLineSeparator)
    }
}
