import Foundation
import LiggareHash
import LiggareJSON
import Testing
@testable import LiggareLog

/// Issue 8, item 8, for stored ledger lines: each hostile encoding is accepted or rejected by a documented rule
/// (docs/format.md §1–2, docs/json.md §1, docs/reliability.md "Encoding rules"), with the exact kind, line, byte offset
/// and message; never a crash or a hang. The same inputs given to `liggare append` are in FaultInputTests.
@Suite("Faults: hostile encodings in a stored ledger")
struct FaultEncodingTests {
    /// A ledger of ledger.opened and one event; the event is the last line, so its bytes can be changed without
    /// breaking the chain (nothing points at the last line's hash).
    static func ledger() throws -> (TemporaryDirectory, String, [[UInt8]]) {
        let dir = try TemporaryDirectory()
        let path = try Fixture.ledger(in: dir, events: 1)
        return (dir, path, Fixture.lines(Fixture.read(path)))
    }

    /// Line 2 with its `data` object replaced by `data` (raw bytes).
    static func withData(_ line: [UInt8], _ data: [UInt8]) -> [UInt8] {
        let marker = Array(#","data":"#.utf8)
        let at = line.firstRange(of: marker)!.upperBound
        return Array(line[0..<at]) + data + [UInt8(ascii: "}")]
    }

    static func utf16(_ bytes: [UInt8], bigEndian: Bool, bom: Bool) -> [UInt8] {
        let units = Array(String(decoding: bytes, as: UTF8.self).utf16)
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for u in units {
            out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
        }
        return out
    }

    static func verify(_ bytes: [UInt8], _ dir: TemporaryDirectory) throws -> VerificationReport {
        let path = dir.file("hostile.jsonl")
        Fixture.write(bytes, to: path)
        return try LedgerVerifier.verify(path: path)
    }

    @Test("accepted: a raw U+2028 and U+2029 inside a string, and a number too large for Int64 in data, kept exactly")
    func acceptedLines() throws {
        let (dir, _, lines) = try Self.ledger()
        for data in [#"{"text":"a"# + "\u{2028}b\u{2029}c" + #""}"#,
                     #"{"amount":123456789012345678901234567890,"tiny":-1.5e-999999,"huge":1E+400}"#] {
            let line = Self.withData(lines[1], Array(data.utf8))
            let report = try Self.verify(lines[0] + [0x0A] + line + [0x0A], dir)
            #expect(report.failure == nil, "\(data): \(report.failure?.message ?? "")")
            #expect(report.eventCount == 2)
            // The line is hashed as stored: no re-encoding.
            #expect(report.head?.hash == line.withUnsafeBytes { SHA256.leafHash($0) })
        }
        // The number keeps its lexeme exactly when read back.
        let line = Self.withData(lines[1], Array(#"{"amount":123456789012345678901234567890}"#.utf8))
        let parsed = try line.withUnsafeBytes { try LedgerLine.parse($0) }
        let data = try JSONReader.parse(Array(line[parsed.dataRange]))
        #expect(data["amount"]?.numberValue?.lexeme == "123456789012345678901234567890")
        #expect(data["amount"]?.int64Value == nil)
    }

    /// (name, how to damage the file, kind, line, message)
    static func rejectedCases(_ lines: [[UInt8]]) -> [(String, [UInt8], VerificationFailure.Kind, Int, String)] {
        let line1 = lines[0], line2 = lines[1]
        let line2Offset = line1.count + 1
        let file = Fixture.join(lines)
        let dataAt = line2.firstRange(of: Array(#","data":"#.utf8))!.upperBound
        func second(_ l: [UInt8]) -> [UInt8] { line1 + [0x0A] + l + [0x0A] }
        let deep = Array(#"{"text":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
            + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000) + [UInt8(ascii: "}")]
        let tenMB = Array(#"{"text":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000) + Array(#""}"#.utf8)
        let seqLine = Array(String(decoding: line2, as: UTF8.self)
            .replacingOccurrences(of: #"{"seq":2,"#, with: #"{"seq":99999999999999999999,"#).utf8)
        let actorAt = line2.firstRange(of: Array(#","actor":"#.utf8))!.lowerBound
        let duplicateActor = Array(line2[0..<actorAt]) + Array(#","actor":"mallory""#.utf8) + Array(line2[actorAt...])
        return [
            ("CRLF line endings", lines.flatMap { $0 + [0x0D, 0x0A] }, .invalidLine, 1,
             "line 1 (byte offset 0): not a ledger line: ends with a carriage return (CR); lines end with LF only"),
            ("a UTF-8 byte order mark", [0xEF, 0xBB, 0xBF] + file, .invalidLine, 1,
             "line 1 (byte offset 0): not a ledger line: starts with a byte order mark (the ledger is UTF-8 without BOM)"),
            ("UTF-16LE with BOM", utf16(file, bigEndian: false, bom: true), .invalidJSON, 1,
             "line 1 (byte offset 0): not valid JSON: input looks like UTF-16; the ledger is UTF-8 at column 1"),
            ("UTF-16LE without BOM", utf16(file, bigEndian: false, bom: false), .invalidJSON, 1,
             "line 1 (byte offset 0): not valid JSON: input looks like UTF-16; the ledger is UTF-8 at column 1"),
            ("UTF-16BE with BOM", utf16(file, bigEndian: true, bom: true), .invalidJSON, 1,
             "line 1 (byte offset 0): not valid JSON: input looks like UTF-16; the ledger is UTF-8 at column 1"),
            // Split at the 0x0A of 00 0A, line 1 has an odd length, so the UTF-16 guess does not apply: a plain error.
            ("UTF-16BE without BOM", utf16(file, bigEndian: true, bom: false), .invalidJSON, 1,
             "line 1 (byte offset 0): not valid JSON: expected a JSON object at the top level, found control character U+0000 at column 1"),
            ("invalid UTF-8 in a string", second(Array(line2[0..<dataAt]) + Array(#"{"text":"a"#.utf8) + [0xFF] + Array(#""}}"#.utf8)),
             .invalidJSON, 2,
             "line 2 (byte offset \(line2Offset)): not valid JSON: invalid UTF-8 byte 0xff in a string at column \(dataAt + 11)"),
            ("an overlong encoding", second(Array(line2[0..<dataAt]) + Array(#"{"text":""#.utf8) + [0xC0, 0xAF] + Array(#""}}"#.utf8)),
             .invalidJSON, 2, "line 2 (byte offset \(line2Offset)): not valid JSON: invalid UTF-8 byte 0xc0 in a string at column \(dataAt + 10)"),
            ("a NUL byte in a string", second(Array(line2[0..<dataAt]) + Array(#"{"text":"a"#.utf8) + [0] + Array(#""}}"#.utf8)),
             .invalidJSON, 2,
             "line 2 (byte offset \(line2Offset)): not valid JSON: control character U+0000 must be escaped in a string at column \(dataAt + 11)"),
            ("a NUL byte between tokens", second(Array(line2[0..<dataAt]) + [0] + Array(#"{}}"#.utf8)), .invalidJSON, 2,
             "line 2 (byte offset \(line2Offset)): not valid JSON: expected a JSON value, found control character U+0000 at column \(dataAt + 1)"),
            // The line is depth 1 and data depth 2, so the 511th '[' opens level 513.
            ("100,000-deep nesting in data", second(Array(line2[0..<dataAt]) + deep + [UInt8(ascii: "}")]), .invalidJSON, 2,
             "line 2 (byte offset \(line2Offset)): not valid JSON: nesting deeper than 512 levels at column \(dataAt + 8 + 510 + 1)"),
            ("a 10 MB line", second(Array(line2[0..<dataAt]) + tenMB + [UInt8(ascii: "}")]), .invalidLine, 2,
             "line 2 (byte offset \(line2Offset)) is longer than "),
            ("a duplicate key in data", second(Array(line2[0..<dataAt]) + Array(#"{"text":"a","text":"b"}}"#.utf8)), .invalidJSON, 2,
             "line 2 (byte offset \(line2Offset)): not valid JSON: duplicate key \"text\" in an object at column \(dataAt + 13)"),
            ("a duplicate top-level key", second(duplicateActor), .invalidJSON, 2,
             "line 2 (byte offset \(line2Offset)): not valid JSON: duplicate key \"actor\" in an object at column \(actorAt + 20)"),
            ("a seq too large for Int64", second(seqLine), .invalidLine, 2,
             "line 2 (byte offset \(line2Offset)): field \"seq\" is 99999999999999999999; expected a positive whole number (1, 2, 3 …)"),
        ]
    }

    @Test("rejected: CRLF, BOM, UTF-16 (LE/BE, with and without BOM), invalid UTF-8, NUL, deep nesting, a 10 MB line, duplicate keys, a huge seq",
          arguments: 0..<15)
    func rejectedLines(_ index: Int) throws {
        let (dir, _, lines) = try Self.ledger()
        let cases = Self.rejectedCases(lines)
        #expect(cases.count == 15)
        let (name, bytes, kind, line, message) = cases[index]
        let report = try Self.verify(bytes, dir)
        let failure = try #require(report.failure, "\(name) accepted")
        #expect(failure.kind == kind, "\(name)")
        #expect(failure.line == line, "\(name)")
        #expect(failure.offset == (line == 1 ? 0 : lines[0].count + 1), "\(name)")
        if name == "a 10 MB line" {
            #expect(failure.message.hasPrefix(message), "\(name): \(failure.message)")
            #expect(failure.message.hasSuffix("bytes; the format allows at most 1048576 bytes a line"), "\(name)")
        } else {
            #expect(failure.message == message, "\(name)")
        }
        #expect(report.eventCount == line - 1)
    }
}
