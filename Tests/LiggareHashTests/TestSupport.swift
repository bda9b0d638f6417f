import Foundation
import LiggareHash
import Testing

/// Shared helpers for the LiggareHash tests.
enum TestSupport {
    /// `Tests/Fixtures/sha256`, located from this source file so that tests run from any directory.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sha256")

    /// Cancels (skips) the current test case when `implementation` cannot run on this CPU.
    static func requireAvailable(_ implementation: SHA256Implementation) throws {
        guard implementation.isAvailable else {
            try Test.cancel(
                "SHA-256 implementation '\(implementation.rawValue)' is not supported by this CPU (no x86 SHA extensions); skipped")
        }
    }

    /// Decodes hexadecimal test data (either case) independently of `SHA256Digest`.
    static func bytes(hex: some StringProtocol) -> [UInt8] {
        let digits = Array(hex.utf8)
        precondition(digits.count.isMultiple(of: 2), "odd-length hex in test data")
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: preconditionFailure("bad hex digit in test data")
            }
        }
        return stride(from: 0, to: digits.count, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
    }

    /// Encodes bytes as lowercase hexadecimal independently of `SHA256Digest`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `count` pseudo-random bytes from `generator`.
    static func randomBytes(_ count: Int, using generator: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
