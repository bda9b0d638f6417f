import Foundation
import LiggareHash
import Testing

/// The SHA-NI implementation against the portable one on many random inputs.
@Suite("SHA-NI against portable")
struct CrossCheckTests {
    @Test("random lengths 0 ... 10,000")
    func randomLengths() throws {
        try TestSupport.requireAvailable(.shaExtensions)
        var random = SplitMix64(seed: 0xC0FFEE)
        var lengths = Array(0...200)
        for _ in 0..<300 { lengths.append(Int.random(in: 0...10_000, using: &random)) }
        lengths.append(10_000)
        var mismatches: [String] = []
        for length in lengths {
            let data = TestSupport.randomBytes(length, using: &random)
            // A random offset makes the input unaligned.
            let offset = Int.random(in: 0...15, using: &random)
            let padded = [UInt8](repeating: 0xA5, count: offset) + data
            padded.withUnsafeBytes { raw in
                let slice = UnsafeRawBufferPointer(rebasing: raw[offset...])
                if SHA256.hash(slice, implementation: .shaExtensions) != SHA256.hash(slice, implementation: .portable) {
                    mismatches.append("hash of \(length) bytes")
                }
                if SHA256.leafHash(slice, implementation: .shaExtensions) != SHA256.leafHash(slice, implementation: .portable) {
                    mismatches.append("leafHash of \(length) bytes")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
    }

    @Test("implementation metadata")
    func metadata() {
        #expect(SHA256Implementation.portable.rawValue == "swift")
        #expect(SHA256Implementation.shaExtensions.rawValue == "sha-ni")
        #expect(SHA256Implementation(rawValue: "sha-ni") == .shaExtensions)
        #expect(SHA256Implementation.allCases == [.portable, .shaExtensions])
        #expect(SHA256Implementation.portable.isAvailable)
        #expect(SHA256Implementation.best.isAvailable)
        #expect(SHA256().implementation == SHA256Implementation.best)
        // `best` is the fastest available one unless LIGGARE_SHA256 overrides it.
        switch getenv("LIGGARE_SHA256").map({ String(cString: $0) }) {
        case "swift"?:
            #expect(SHA256Implementation.best == .portable)
        case nil:
            #expect(SHA256Implementation.best == (SHA256Implementation.shaExtensions.isAvailable ? .shaExtensions : .portable))
        default:
            break
        }
    }

    #if os(Linux) && arch(x86_64)
    /// The CPUID probe agrees with the kernel's view of the CPU features.
    @Test("SHA-NI availability matches /proc/cpuinfo")
    func availabilityMatchesKernel() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        let expected = flags.contains("sha_ni") && flags.contains("sse4_1") && flags.contains("ssse3")
        #expect(SHA256Implementation.shaExtensions.isAvailable == expected)
    }
    #endif
}
