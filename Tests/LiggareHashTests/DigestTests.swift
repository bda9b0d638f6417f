import LiggareHash
import Testing

/// `SHA256Digest`: construction, hexadecimal forms, comparison.
@Suite("SHA256Digest")
struct DigestTests {
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    /// Lowercase hexadecimal digits, the only bytes a digest's hex form may contain.
    static let hexDigits = Set("0123456789abcdef".utf8)

    @Test("bytes and hex round trips")
    func roundTrips() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let bytes = TestSupport.randomBytes(32, using: &random)
            let digest = try #require(SHA256Digest(bytes: bytes))
            #expect(digest.bytes == bytes)
            #expect(digest.hex == TestSupport.hex(bytes))
            #expect(digest.description == digest.hex)
            #expect(SHA256Digest(hex: digest.hex) == digest)
            #expect(SHA256Digest(hex: Substring("x" + digest.hex + "x").dropFirst().dropLast()) == digest)
            let fromBytes = Array(digest.hex.utf8).withUnsafeBytes { SHA256Digest(hexBytes: $0) }
            #expect(fromBytes == digest)
            #expect(digest.withUnsafeBytes { Array($0) } == bytes)
        }
    }

    @Test("known digest and zero")
    func knownValues() throws {
        let abc = try #require(SHA256Digest(hex: Self.abc))
        #expect(abc.bytes.first == 0xba && abc.bytes.last == 0xad)
        #expect(abc == SHA256.hash(Array("abc".utf8)))
        #expect(SHA256Digest.zero.bytes == [UInt8](repeating: 0, count: 32))
        #expect(SHA256Digest.zero.hex == String(repeating: "0", count: 64))
        #expect(SHA256Digest(hex: String(repeating: "f", count: 64))?.bytes == [UInt8](repeating: 0xff, count: 32))
    }

    @Test("wrong lengths are rejected")
    func wrongLengths() {
        for count in [0, 1, 31, 33, 64] {
            #expect(SHA256Digest(bytes: [UInt8](repeating: 1, count: count)) == nil, "\(count) bytes")
        }
        for count in [0, 1, 62, 63, 65, 66, 128] {
            let text = String(repeating: "a", count: count)
            #expect(SHA256Digest(hex: text) == nil, "\(count) characters")
            #expect(Array(text.utf8).withUnsafeBytes { SHA256Digest(hexBytes: $0) } == nil, "\(count) bytes")
        }
        #expect(SHA256Digest(hexBytes: UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
        // 64 characters but more than 64 UTF-8 bytes.
        #expect(SHA256Digest(hex: "é" + String(Self.abc.dropFirst())) == nil)
    }

    @Test("uppercase is rejected")
    func uppercase() {
        #expect(SHA256Digest(hex: Self.abc.uppercased()) == nil)
        for position in 0..<64 {
            var characters = Array(Self.abc)
            guard characters[position].isLetter else { continue }
            characters[position] = Character(characters[position].uppercased())
            #expect(SHA256Digest(hex: String(characters)) == nil, "uppercase at \(position)")
        }
    }

    /// Every byte value at every position: exactly the 16 lowercase digits are accepted, and they
    /// decode to the right nibble.
    @Test("every byte value at every position")
    func everyByteEverywhere() throws {
        let base = Array(Self.abc.utf8)
        let digest = try #require(SHA256Digest(hex: Self.abc))
        for position in 0..<64 {
            for value in 0...255 {
                var text = base
                text[position] = UInt8(value)
                let parsed = text.withUnsafeBytes { SHA256Digest(hexBytes: $0) }
                let matches = text.withUnsafeBytes { digest.equalsHex($0) }
                if Self.hexDigits.contains(UInt8(value)) {
                    let expected = TestSupport.bytes(hex: String(decoding: text, as: UTF8.self))
                    #expect(parsed?.bytes == expected, "byte \(value) at \(position)")
                    #expect(matches == (UInt8(value) == base[position]), "byte \(value) at \(position)")
                } else {
                    #expect(parsed == nil, "byte \(value) at \(position)")
                    #expect(!matches, "byte \(value) at \(position)")
                }
            }
        }
    }

    @Test("equalsHex")
    func equalsHex() throws {
        let digest = try #require(SHA256Digest(hex: Self.abc))
        func check(_ text: String) -> Bool { Array(text.utf8).withUnsafeBytes { digest.equalsHex($0) } }
        #expect(check(Self.abc))
        #expect(!check(Self.abc.uppercased()))
        #expect(!check(String(Self.abc.dropLast())))
        #expect(!check(Self.abc + "0"))
        #expect(!check(""))
        #expect(!SHA256Digest.zero.equalsHex(UnsafeRawBufferPointer(start: nil, count: 0)))
        #expect(!check(SHA256Digest.zero.hex))
        #expect(Array(SHA256Digest.zero.hex.utf8).withUnsafeBytes { SHA256Digest.zero.equalsHex($0) })
    }

    @Test("writeHex writes exactly 64 bytes")
    func writeHex() throws {
        let digest = try #require(SHA256Digest(hex: Self.abc))
        var buffer = [UInt8](repeating: 0xEE, count: 70)
        buffer.withUnsafeMutableBytes { digest.writeHex(to: UnsafeMutableRawBufferPointer(rebasing: $0[3...])) }
        #expect(Array(buffer[..<3]) == [0xEE, 0xEE, 0xEE])
        #expect(String(decoding: buffer[3..<67], as: UTF8.self) == Self.abc)
        #expect(Array(buffer[67...]) == [0xEE, 0xEE, 0xEE])
    }

    @Test("ordering is the byte (and hex) order; hashing and equality follow the bytes")
    func ordering() throws {
        var random = SplitMix64(seed: 99)
        var digests: [SHA256Digest] = []
        for _ in 0..<300 {
            var bytes = TestSupport.randomBytes(32, using: &random)
            // Many shared prefixes, so later words decide the order too.
            for index in 0..<Int.random(in: 0...31, using: &random) { bytes[index] = 0x80 }
            digests.append(try #require(SHA256Digest(bytes: bytes)))
        }
        let sorted = digests.sorted()
        #expect(sorted.map(\.bytes) == digests.map(\.bytes).sorted { $0.lexicographicallyPrecedes($1) })
        #expect(sorted.map(\.hex) == digests.map(\.hex).sorted())
        #expect(!(SHA256Digest.zero < SHA256Digest.zero))
        let one = try #require(SHA256Digest(bytes: [UInt8](repeating: 0, count: 31) + [1]))
        #expect(SHA256Digest.zero < one)
        #expect(Set(digests + digests).count == Set(digests.map(\.hex)).count)
        #expect(try #require(SHA256Digest(bytes: digests[0].bytes)) == digests[0])
    }
}
