import Foundation
import LiggareJSON
import Testing
@testable import LiggareCLI
@testable import LiggareLog

/// Issue 8, item 8, for input to `liggare append`: the same hostile encodings as FaultEncodingTests (stored lines),
/// given as `--data`, `--data-file` and a batch on standard input. Each is accepted or rejected by the documented rule
/// (docs/reliability.md "Encoding rules"), with the exact message and position, exit 1 and nothing written on
/// rejection; never a crash or a hang.
@Suite("Faults: hostile input to liggare append")
struct FaultInputTests {
    enum Channel: String, CaseIterable, Sendable { case data = "--data", dataFile = "--data-file", stdin }

    enum Outcome {
        /// Accepted; the stored data object, parsed, must equal this.
        case accepted(JSONValue)
        /// Rejected by the JSON reader at `offset` of the data (or of the whole stdin line for `stdinOffset`).
        case json(message: String, offset: Int, stdinOffset: Int?)
        /// Rejected after reading: a problem message fragment.
        case problem(String)
    }

    struct Case {
        var name: String
        var type = "note.added"
        var data: [UInt8]
        /// The whole standard input, when it is not the data wrapped in one event line.
        var stdin: [UInt8]?
        /// Whether the data can be passed as an argument (a Swift string: valid UTF-8 without NUL).
        var argument = true
        var outcome: Outcome
    }

    static let prefix = Array(#"{"type":"note.added","effective":"2025-06-10","data":"#.utf8)

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for u in text.utf16 { out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        return out
    }

    static let event = #"{"type":"note.added","effective":"2025-06-10","data":{"text":"a"}}"#

    static let cases: [Case] = {
        let deep = Array(#"{"text":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
            + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000) + [UInt8(ascii: "}")]
        let tenMB = Array(#"{"text":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000) + Array(#""}"#.utf8)
        return [
            Case(name: "CRLF line endings", data: Array("{\"text\":\"a\"}\r\n".utf8),
                 stdin: Array((event + "\r\n" + event + "\r\n").utf8), outcome: .accepted(["text": "a"])),
            Case(name: "a UTF-8 byte order mark", data: [0xEF, 0xBB, 0xBF] + Array(#"{"text":"a"}"#.utf8),
                 stdin: [0xEF, 0xBB, 0xBF] + Array(event.utf8),
                 outcome: .json(message: "byte order mark is not allowed", offset: 0, stdinOffset: 0)),
            Case(name: "UTF-16LE with BOM", data: utf16(#"{"text":"a"}"#, bigEndian: false, bom: true),
                 stdin: utf16(event, bigEndian: false, bom: true), argument: false,
                 outcome: .json(message: "input looks like UTF-16; the ledger is UTF-8", offset: 0, stdinOffset: 0)),
            Case(name: "UTF-16LE without BOM", data: utf16(#"{"text":"a"}"#, bigEndian: false, bom: false),
                 stdin: utf16(event, bigEndian: false, bom: false), argument: false,
                 outcome: .json(message: "input looks like UTF-16; the ledger is UTF-8", offset: 0, stdinOffset: 0)),
            Case(name: "UTF-16BE with BOM", data: utf16(#"{"text":"a"}"#, bigEndian: true, bom: true),
                 stdin: utf16(event, bigEndian: true, bom: true), argument: false,
                 outcome: .json(message: "input looks like UTF-16; the ledger is UTF-8", offset: 0, stdinOffset: 0)),
            Case(name: "UTF-16BE without BOM", data: utf16(#"{"text":"a"}"#, bigEndian: true, bom: false),
                 stdin: utf16(event, bigEndian: true, bom: false), argument: false,
                 outcome: .json(message: "input looks like UTF-16; the ledger is UTF-8", offset: 0, stdinOffset: 0)),
            Case(name: "invalid UTF-8", data: Array(#"{"text":"a"#.utf8) + [0xFF] + Array(#"b"}"#.utf8), argument: false,
                 outcome: .json(message: "invalid UTF-8 byte 0xff in a string", offset: 10, stdinOffset: nil)),
            Case(name: "an encoded surrogate", data: Array(#"{"text":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8), argument: false,
                 outcome: .json(message: "invalid UTF-8 in a string: encoded surrogate starting with bytes 0xed 0xa0", offset: 9, stdinOffset: nil)),
            Case(name: "a NUL byte in a string", data: Array(#"{"text":"a"#.utf8) + [0] + Array(#"b"}"#.utf8), argument: false,
                 outcome: .json(message: "control character U+0000 must be escaped in a string", offset: 10, stdinOffset: nil)),
            Case(name: "a NUL byte after the object", data: Array(#"{"text":"a"}"#.utf8) + [0], stdin: Array(event.utf8) + [0],
                 argument: false,
                 outcome: .json(message: "unexpected bytes after the JSON value", offset: 12, stdinOffset: event.utf8.count)),
            Case(name: "a raw U+2028 and U+2029 in a string", data: Array("{\"text\":\"a\u{2028}b\u{2029}c\"}".utf8),
                 outcome: .accepted(["text": .string("a\u{2028}b\u{2029}c")])),
            Case(name: "100,000-deep nesting", data: deep,
                 outcome: .json(message: "nesting deeper than 512 levels", offset: 8 + 511, stdinOffset: prefix.count + 8 + 510)),
            Case(name: "a 10 MB payload", data: tenMB, outcome: .problem("bytes as a line; the format allows at most 1048576")),
            Case(name: "a number too large for Int64 in data", type: "indicator.defined",
                 data: Array(#"{"key":"BIG","name":"Stort","unit":"st","target":123456789012345678901234567890.5e-3,"direction":"higher"}"#.utf8),
                 outcome: .accepted(try! JSONReader.parse(#"{"key":"BIG","name":"Stort","unit":"st","target":123456789012345678901234567890.5e-3,"direction":"higher"}"#))),
            Case(name: "a duplicate key in data", data: Array(#"{"text":"a","text":"b"}"#.utf8),
                 outcome: .json(message: "duplicate key \"text\" in an object", offset: 12, stdinOffset: nil)),
            Case(name: "a duplicate key in the input event", data: Array(#"{"text":"a"}"#.utf8),
                 stdin: Array(#"{"type":"note.added","type":"note.added","effective":"2025-06-10","data":{"text":"a"}}"#.utf8),
                 outcome: .json(message: "duplicate key \"text\" in an object", offset: 999, stdinOffset: 21)),
        ]
    }()

    static func ledger() throws -> Workspace {
        let ws = try Workspace()
        #expect(ws.run(["init", "--organization", "Region Sörmland"]).code == 0)
        return ws
    }

    @Test("each hostile payload, through --data, --data-file and standard input",
          arguments: 0..<16, Channel.allCases)
    func hostilePayload(_ index: Int, _ channel: Channel) throws {
        #expect(Self.cases.count == 16)
        var c = Self.cases[index]
        if channel == .data && !c.argument { return } // not expressible as an argument (invalid UTF-8, NUL, UTF-16)
        if c.name == "a duplicate key in the input event" {
            guard channel == .stdin else { return } // only standard input has an event object around the data
            c.outcome = .json(message: "duplicate key \"type\" in an object", offset: 21, stdinOffset: 21)
        }
        let ws = try Self.ledger()
        let before = ws.read("events/ledger.jsonl")
        let result: CLIResult
        var stdinLine: [UInt8] = []
        switch channel {
        case .data:
            result = ws.run(["append", "--type", c.type, "--effective", "2025-06-10", "--data", String(decoding: c.data, as: UTF8.self)])
        case .dataFile:
            _ = FileManager.default.createFile(atPath: ws.file("data.json"), contents: Data(c.data))
            result = ws.run(["append", "--type", c.type, "--effective", "2025-06-10", "--data-file", "data.json"])
        case .stdin:
            stdinLine = c.stdin ?? (Array(#"{"type":"\#(c.type)","effective":"2025-06-10","data":"#.utf8) + c.data + [UInt8(ascii: "}")])
            result = ws.run(["append"], stdin: stdinLine)
        }
        let name = channel == .data ? "--data" : "data.json"
        switch c.outcome {
        case .accepted(let expected):
            #expect(result.code == 0, "\(c.name) via \(channel): \(result.stderr)")
            let log = try JSONReader.parse(ws.run(["log", "--format", "json"]).stdout)
            let events = try #require(log.arrayValue)
            let appended = events.dropFirst()
            #expect(appended.count == (c.name == "CRLF line endings" && channel == .stdin ? 2 : 1))
            for event in appended { #expect(event["data"] == expected, "\(c.name) via \(channel)") }
            // Stored compactly, U+2028 and U+2029 escaped; numbers as written.
            let stored = String(decoding: ws.read("events/ledger.jsonl"), as: UTF8.self)
            #expect(!stored.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 || $0.value == 0x0D })
            if c.name.hasPrefix("a raw U+2028") { #expect(stored.contains(#""data":{"text":"a\u2028b\u2029c"}"#)) }
            if c.type == "indicator.defined" { #expect(stored.contains(#""target":123456789012345678901234567890.5e-3,"#)) }
            #expect(ws.run(["verify"]).code == 0)
        case .json(let message, let offset, let stdinOffset):
            #expect(result.code == 1, "\(c.name) via \(channel) was accepted")
            #expect(result.stderr.hasPrefix("liggare: error: 1 problem in the input; nothing was written:\n  "), "\(result.stderr)")
            if channel == .stdin {
                let at = stdinOffset ?? (Self.prefix.count + offset)
                #expect(result.stderr.contains("stdin:1: not valid JSON: \(message) at column \(at + 1)\n"),
                        "\(c.name) via stdin: \(result.stderr)")
            } else {
                #expect(result.stderr.contains("\(name): data: not valid JSON: line 1, column \(offset + 1) (byte \(offset)): \(message)\n"),
                        "\(c.name) via \(channel): \(result.stderr)")
            }
            #expect(ws.read("events/ledger.jsonl") == before)
        case .problem(let fragment):
            #expect(result.code == 1, "\(c.name) via \(channel) was accepted")
            let location = channel == .stdin ? "stdin:1" : "event"
            #expect(result.stderr.contains("\(location): the event is "), "\(result.stderr.prefix(300))")
            #expect(result.stderr.contains(fragment))
            #expect(ws.read("events/ledger.jsonl") == before)
        }
    }

    @Test("numbers too large for Int64 where a seq is expected are usage errors: --expect-seq, --checkpoint, --from")
    func hugeSeqArguments() throws {
        let ws = try Self.ledger()
        let huge = "99999999999999999999"
        let expect = ws.run(["append", "--type", "note.added", "--effective", "2025-06-10", "--data", #"{"text":"a"}"#, "--expect-seq", huge])
        #expect(expect.code == 64)
        #expect(expect.stderr.hasPrefix("liggare: error: --expect-seq needs a seq (a whole number ≥ 1), not '\(huge)'\n"))
        let checkpoint = ws.run(["verify", "--checkpoint", "\(huge):" + String(repeating: "0", count: 64)])
        #expect(checkpoint.code == 64)
        #expect(checkpoint.stderr.hasPrefix("liggare: error: --checkpoint '\(huge):"))
        let from = ws.run(["log", "--from", huge])
        #expect(from.code == 64)
        #expect(from.stderr.hasPrefix("liggare: error: --from needs a seq (a whole number ≥ 1), not '\(huge)'\n"))
    }
}
