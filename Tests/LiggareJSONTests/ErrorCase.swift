import Testing

/// A hand-written bad input and the exact error the reader must report for it.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    /// A short name for test output.
    var name: String
    /// The input bytes.
    var input: [UInt8]
    /// The expected message.
    var message: String
    /// The expected byte offset.
    var offset: Int
    /// The expected 1-based line.
    var line: Int
    /// The expected 1-based column, in bytes.
    var column: Int

    /// The name, for test output.
    var testDescription: String { name }

    /// A case whose input is the UTF-8 of `text`, on line 1.
    init(_ name: String, _ text: String, _ message: String, offset: Int, line: Int = 1, column: Int? = nil) {
        self.init(name, Array(text.utf8), message, offset: offset, line: line, column: column)
    }

    /// A case with explicit input bytes.
    init(_ name: String, _ input: [UInt8], _ message: String, offset: Int, line: Int = 1, column: Int? = nil) {
        self.name = name
        self.input = input
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column ?? offset + 1
    }

    /// All cases.
    static let all: [ErrorCase] = [
        ErrorCase("trailing comma in an object", #"{"a":1,}"#, "trailing comma before '}'", offset: 6),
        ErrorCase("trailing comma in an array", "[1,2,]", "trailing comma before ']'", offset: 4),
        ErrorCase("single quotes", "{'a':1}", "single quotes are not allowed; JSON strings use double quotes", offset: 1),
        ErrorCase("leading zero", #"{"n":007}"#, "leading zeros are not allowed in numbers", offset: 5),
        ErrorCase("tab in a string", "{\"a\":\"x\ty\"}", "control character U+0009 must be escaped in a string", offset: 7),
        ErrorCase("invalid UTF-8", [0x5B, 0x22, 0xFF, 0x22, 0x5D], "invalid UTF-8 byte 0xff in a string", offset: 2),
        ErrorCase("byte order mark", [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], "byte order mark is not allowed", offset: 0),
        ErrorCase("duplicate key", #"{"a":1,"b":2,"a":3}"#, #"duplicate key "a" in an object"#, offset: 13),
        ErrorCase("duplicate key after unescaping", #"{"a":1,"\u0061":2}"#, #"duplicate key "a" in an object"#, offset: 7),
        ErrorCase(
            "depth 513", String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
            "nesting deeper than 512 levels", offset: 512),
        ErrorCase("100,000 opening brackets", String(repeating: "[", count: 100_000), "nesting deeper than 512 levels", offset: 512),
        ErrorCase(
            "unterminated string at the end", #"{"a":"abc"#,
            "unterminated string: the input ends before the closing '\"'", offset: 5),
        ErrorCase(
            "missing comma on line 3", "{\n  \"a\": 1\n  \"b\": 2\n}",
            "expected ',' or '}' after an object member, found '\"'", offset: 13, line: 3, column: 3),
        ErrorCase("bracket mismatch", #"{"a":1]"#, "expected ',' or '}' after an object member, found ']'", offset: 6),
        ErrorCase("lone surrogate", #"["\ud800x"]"#, #"lone surrogate \ud800 in a string escape"#, offset: 2),
        ErrorCase("inverted surrogates", #"["\uDD1E\uD834"]"#, #"lone surrogate \udd1e in a string escape"#, offset: 2),
        ErrorCase("UTF-16LE", [0x7B, 0x00, 0x7D, 0x00], "input looks like UTF-16; the ledger is UTF-8", offset: 0),
        ErrorCase("UTF-16BE with byte order mark", [0xFE, 0xFF, 0x00, 0x5B, 0x00, 0x5D], "input looks like UTF-16; the ledger is UTF-8", offset: 0),
        ErrorCase("garbage after the value", "[1] x", "unexpected bytes after the JSON value", offset: 4),
        ErrorCase("empty input", "", "expected a JSON value, found end of input", offset: 0),
        ErrorCase("only whitespace", " \n ", "expected a JSON value, found end of input", offset: 3, line: 2, column: 2),
        ErrorCase("raw line feed in a string", "[\"a\nb\"]", "control character U+000A must be escaped in a string", offset: 3),
        ErrorCase("trailing comma on line 2", "[1,\n2,\n]", "trailing comma before ']'", offset: 5, line: 2, column: 2),
        ErrorCase("misspelt literal", "[tru]", "invalid literal: expected 'true', found ']' instead of 'e'", offset: 4),
        ErrorCase("NUL outside a string", [0x5B, 0x00, 0x5D], "expected a JSON value, found control character U+0000", offset: 1),
        ErrorCase("NUL inside a string", [0x22, 0x61, 0x00, 0x22], "control character U+0000 must be escaped in a string", offset: 2),
        ErrorCase(
            "non-breaking space as whitespace", "[\u{A0}1]", "expected a JSON value, found U+00A0", offset: 1),
        ErrorCase(
            "overlong encoding", [0x22, 0xE0, 0x80, 0xAF, 0x22],
            "invalid UTF-8 in a string: overlong encoding starting with bytes 0xe0 0x80", offset: 1),
        ErrorCase(
            "UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22],
            "invalid UTF-8 in a string: encoded surrogate starting with bytes 0xed 0xa0", offset: 1),
        ErrorCase(
            "truncated sequence at the end", [0x22, 0xC3],
            "invalid UTF-8 in a string: truncated sequence starting with byte 0xc3", offset: 1),
        ErrorCase(
            "invalid escape", #"["\x41"]"#,
            #"invalid escape in a string: '\' followed by 'x'; the escapes are \" \\ \/ \b \f \n \r \t and \uXXXX"#, offset: 2),
        ErrorCase("bad \\u escape", #"["\u12G4"]"#, #"expected four hexadecimal digits after \u in a string, found 'G'"#, offset: 6),
        ErrorCase("unquoted key", "{a:1}", "expected a string key or '}' after '{', found 'a'", offset: 1),
        ErrorCase("missing colon", #"{"a" 1}"#, "expected ':' after an object key, found '1'", offset: 5),
        ErrorCase("plus sign", "[+1]", "numbers must not start with '+'", offset: 1),
        ErrorCase("missing exponent digits", "1e+", "expected a digit in the exponent of a number, found end of input", offset: 3),
    ]
}
