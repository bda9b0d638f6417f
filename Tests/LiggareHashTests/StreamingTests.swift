import LiggareHash
import Testing

/// The streaming `SHA256` value against the one-shot functions.
@Suite("Streaming SHA-256")
struct StreamingTests {
    /// Message lengths around the block (64) and padding (55/56) boundaries, and some longer ones.
    static let lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097]

    /// Chunk sizes to feed; 0 stands for random sizes between 0 and 200.
    static let chunkSizes = [1, 3, 63, 64, 65, 127, 0]

    @Test("every split gives the one-shot digest", arguments: SHA256Implementation.allCases, chunkSizes)
    func splits(implementation: SHA256Implementation, chunkSize: Int) throws {
        try TestSupport.requireAvailable(implementation)
        var random = SplitMix64(seed: 0x5EED_0000 + UInt64(chunkSize))
        for length in Self.lengths {
            let message = TestSupport.randomBytes(length, using: &random)
            let expected = SHA256.hash(message, implementation: implementation)
            var hasher = SHA256(implementation: implementation)
            var offset = 0
            while offset < length {
                let size = chunkSize == 0 ? Int.random(in: 0...200, using: &random) : chunkSize
                let end = min(offset + size, length)
                message[offset..<end].withUnsafeBytes { hasher.update($0) }
                offset = end
            }
            #expect(hasher.finalize() == expected, "length \(length), chunks of \(chunkSize)")
        }
    }

    @Test("the collection overloads match the raw-buffer ones", arguments: SHA256Implementation.allCases)
    func collectionOverloads(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        var random = SplitMix64(seed: 42)
        let message = TestSupport.randomBytes(777, using: &random)
        let expected = message.withUnsafeBytes { SHA256.hash($0, implementation: implementation) }
        // Non-contiguous collections take the copying path.
        let lazy = message.indices.lazy.map { message[$0] }
        #expect(SHA256.hash(lazy, implementation: implementation) == expected)
        #expect(SHA256.hash(message[...], implementation: implementation) == expected)
        var hasher = SHA256(implementation: implementation)
        hasher.update(message[..<100])
        hasher.update(lazy.dropFirst(100).prefix(200))
        hasher.update(Array(message[300...]))
        #expect(hasher.finalize() == expected)
    }

    @Test("finalize resets the hasher", arguments: SHA256Implementation.allCases)
    func finalizeResets(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        var hasher = SHA256(implementation: implementation)
        #expect(hasher.implementation == implementation)
        #expect(hasher.finalize().hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        hasher.update(Array("ab".utf8))
        hasher.update([UInt8]())
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize().hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hasher.finalize().hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hasher.implementation == implementation)
    }
}
