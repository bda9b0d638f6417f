import LiggareHash
import Testing

/// SHA-256 against the NIST CAVP byte-oriented test vectors (Tests/Fixtures/sha256; provenance
/// in Tests/Fixtures/PROVENANCE.md), for every implementation.
@Suite("NIST CAVP SHA-256 vectors")
struct NISTVectorTests {
    @Test("ShortMsg: every vector", arguments: SHA256Implementation.allCases)
    func shortMessages(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        let vectors = try CAVPFile(named: "SHA256ShortMsg.rsp").messageVectors()
        // Len = 0, 8, ..., 512: the parser must have found all of them, including the empty one.
        #expect(vectors.count == 65)
        #expect(vectors.first?.bits == 0 && vectors.first?.message.isEmpty == true)
        for vector in vectors {
            #expect(SHA256.hash(vector.message, implementation: implementation).hex == vector.digest, "Len = \(vector.bits)")
        }
    }

    @Test("LongMsg: every vector", arguments: SHA256Implementation.allCases)
    func longMessages(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        let vectors = try CAVPFile(named: "SHA256LongMsg.rsp").messageVectors()
        #expect(vectors.count == 64)
        for vector in vectors {
            #expect(SHA256.hash(vector.message, implementation: implementation).hex == vector.digest, "Len = \(vector.bits)")
        }
    }

    /// The SHA-2 Monte Carlo test of the CAVP SHAVS: 100 checkpoints of 1,000 chained hashes each.
    @Test("Monte Carlo: 100 checkpoints", arguments: SHA256Implementation.allCases)
    func monteCarlo(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        let (seed, checkpoints) = try CAVPFile(named: "SHA256Monte.rsp").monteCarlo()
        #expect(seed.count == 32)
        #expect(checkpoints.count == 100)
        // `window` is M_i = MD_{i-3} || MD_{i-2} || MD_{i-1}; each step shifts in the new digest.
        var window = seed + seed + seed
        for (j, expected) in checkpoints.enumerated() {
            for _ in 3..<1003 {
                let digest = window.withUnsafeBytes { SHA256.hash($0, implementation: implementation) }
                window.withUnsafeMutableBytes { raw in
                    raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[32..<96]))
                    digest.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[64..<96]).copyMemory(from: $0) }
                }
            }
            let md1002 = Array(window[64..<96])
            #expect(TestSupport.hex(md1002) == expected, "COUNT = \(j)")
            guard TestSupport.hex(md1002) == expected else { return }  // later checkpoints would all fail too
            // The next seed is MD_1002: MD_0 = MD_1 = MD_2 = Seed.
            window = md1002 + md1002 + md1002
        }
    }

    /// The examples of FIPS 180-2 appendix B (also in NIST's published SHA-256 examples).
    @Test("FIPS 180-2 examples, including one million 'a'", arguments: SHA256Implementation.allCases)
    func fipsExamples(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        #expect(SHA256.hash(Array("abc".utf8), implementation: implementation).hex
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), implementation: implementation).hex
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), implementation: implementation).hex
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.hash([UInt8](), implementation: implementation).hex
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
