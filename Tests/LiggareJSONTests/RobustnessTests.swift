import LiggareJSON
import Testing

/// Hostile and extreme inputs: thrown errors, never a crash, hang or stack overflow.
@Suite("Robustness")
struct RobustnessTests {
    @Test("a 10 MB string is read in full")
    func tenMegabyteString() throws {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
        let bytes = [0x22] + body + [0x22]
        try JSONReader.validate(bytes)
        let value = try JSONReader.parse(bytes)
        #expect(value.stringValue?.utf8.count == 10_000_000)
        // Non-ASCII and escapes too.
        let swedish = [0x22] + Array(String(repeating: "åäö\\n", count: 1_000_000).utf8) + [0x22]
        #expect(try JSONReader.parse(swedish).stringValue?.unicodeScalars.count == 4_000_000)
    }

    @Test("a 10 MB unterminated string is an error at its opening quote")
    func unterminatedHugeString() {
        let bytes = [0x5B, 0x22] + [UInt8](repeating: UInt8(ascii: "b"), count: 10_000_000)
        let error = Outcome.validate(bytes, .ledger).error
        #expect(error?.offset == 1)
        #expect(error?.message == "unterminated string: the input ends before the closing '\"'")
        #expect(Outcome.parse(bytes, .ledger).error == error)
    }

    @Test("100,000-deep nesting is an error under any options", arguments: ["[", "{\"a\":", "[{\"a\":"])
    func deepNesting(_ opener: String) {
        let bytes = Array(String(repeating: opener, count: 100_000).utf8)
        for options in [JSONReadOptions.ledger, .rfc8259, JSONReadOptions(maximumDepth: .max)] {
            let limit = options.effectiveMaximumDepth
            let error = Outcome.parse(bytes, options).error
            #expect(error?.message == "nesting deeper than \(limit) levels")
            #expect(Outcome.validate(bytes, options).error == error)
            if opener.hasPrefix("{") {
                #expect(Outcome.scan(bytes, options).error == error)
            }
        }
    }

    @Test("NUL bytes anywhere are errors")
    func nulBytes() {
        for input: [UInt8] in [[0x00], [0x00, 0x00], [0x5B, 0x00], [0x22, 0x00, 0x22], [0x31, 0x00], [0x7B, 0x22, 0x00, 0x22, 0x3A, 0x31, 0x7D]] {
            #expect(Outcome.validate(input, .ledger).error != nil, "\(input)")
            #expect(Outcome.parse(input, .ledger) == Outcome.validate(input, .ledger))
        }
    }

    @Test("string contents are accepted exactly when they are valid UTF-8 (the standard library's validator as oracle)")
    func utf8AgainstStandardLibrary() {
        var contents: [[UInt8]] = []
        let allowed = (UInt8(0x20)...0xFF).filter { $0 != 0x22 && $0 != 0x5C }
        for b0 in UInt8(0x80)...0xFF {
            for b1 in allowed {
                contents.append([b0, b1])
            }
        }
        for b0 in UInt8(0xE0)...0xFF {
            for b1 in allowed {
                for b2: UInt8 in [0x41, 0x80, 0xBF, 0xC0] {
                    contents.append([b0, b1, b2])
                    if b0 >= 0xF0 {
                        contents.append([b0, b1, b2, 0x80])
                        contents.append([b0, b1, 0x80, b2])
                    }
                }
            }
        }
        var mismatches: [[UInt8]] = []
        for content in contents {
            let input = [0x22] + content + [0x22]
            let outcome = Outcome.validate(input, .ledger)
            let valid = String(validating: content, as: UTF8.self) != nil
            if (outcome == .accepted) != valid {
                mismatches.append(content)
            }
            // Every rejection names a specific reason at a byte of the content.
            if let error = outcome.error, !error.message.hasPrefix("invalid UTF-8")
                || error.message.hasPrefix("invalid UTF-8 in a string at byte") || !(1...content.count).contains(error.offset) {
                mismatches.append(content)
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test("mutated JSONTestSuite files: parse and validate agree, errors are in range, accepted texts round-trip")
    func mutations() throws {
        var random = SplitMix64(seed: 0x4C69_6767_6172_6521)
        let interesting: [UInt8] = Array(#"{}[],:"\ -+.eE0123456789tfnu"#.utf8) + [0x00, 0x0A, 0x09, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF4, 0xFF]
        var checked = 0
        for name in TestSuiteFiles.accepted + TestSuiteFiles.rejected {
            let original = try TestSuiteFiles.bytes(name)
            guard original.count < 10_000 else { continue }
            for _ in 0..<12 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
                    let byte = interesting.randomElement(using: &random) ?? 0
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0 where !bytes.isEmpty: bytes[position] = byte
                    case 1: bytes.insert(byte, at: position)
                    case 2 where !bytes.isEmpty: bytes.remove(at: position)
                    default: bytes = Array(bytes.prefix(position))
                    }
                }
                for options in [JSONReadOptions.ledger, .rfc8259] {
                    let parsed = Outcome.parse(bytes, options)
                    #expect(parsed == Outcome.validate(bytes, options), "\(name) mutated to \(bytes)")
                    if bytes.first == UInt8(ascii: "{") {
                        #expect(parsed == Outcome.scan(bytes, options), "\(name) mutated to \(bytes)")
                    }
                    switch parsed {
                    case .accepted:
                        let value = try JSONReader.parse(bytes, options: options)
                        #expect(try JSONReader.parse(JSONWriter.serialize(value), options: options) == value)
                    case .rejected(let error):
                        #expect((0...bytes.count).contains(error.offset))
                        #expect(!error.message.isEmpty)
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
    }
}
