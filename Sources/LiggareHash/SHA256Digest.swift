/// A 32-byte SHA-256 digest.
///
/// Stored as four 64-bit words (each holding eight digest bytes, first byte most significant), so
/// copying, hashing and comparing a digest never touch the heap. The ordering of ``Comparable``
/// is the lexicographic order of the 32 bytes, which is also the order of the ``hex`` strings.
public struct SHA256Digest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Digest bytes 0 ..< 8, big-endian.
    let w0: UInt64
    /// Digest bytes 8 ..< 16, big-endian.
    let w1: UInt64
    /// Digest bytes 16 ..< 24, big-endian.
    let w2: UInt64
    /// Digest bytes 24 ..< 32, big-endian.
    let w3: UInt64

    /// The digest made of 32 zero bytes (for example, the "previous hash" of a first entry).
    public static let zero = SHA256Digest(w0: 0, w1: 0, w2: 0, w3: 0)

    /// Creates a digest from its four big-endian 64-bit words.
    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Creates the digest that a final chaining value `state` (H0 ... H7) represents.
    @inline(__always)
    init(state: SHA256State) {
        self.init(
            w0: UInt64(state.0) << 32 | UInt64(state.1),
            w1: UInt64(state.2) << 32 | UInt64(state.3),
            w2: UInt64(state.4) << 32 | UInt64(state.5),
            w3: UInt64(state.6) << 32 | UInt64(state.7))
    }

    /// Creates a digest from exactly 32 bytes.
    ///
    /// - Parameter bytes: The digest bytes, first byte first.
    /// - Returns: `nil` unless `bytes` holds exactly 32 elements.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self = bytes.withUnsafeBytes { raw in
            func word(_ index: Int) -> UInt64 {
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            }
            return SHA256Digest(w0: word(0), w1: word(1), w2: word(2), w3: word(3))
        }
    }

    /// Creates a digest from the 32 bytes at `raw[offset...]`, without allocating.
    ///
    /// - Returns: `nil` unless `raw` holds 32 bytes from `offset` on.
    public init?(bytes raw: UnsafeRawBufferPointer, at offset: Int) {
        guard offset >= 0, raw.count - offset >= 32 else { return nil }
        func word(_ index: Int) -> UInt64 {
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset + index * 8, as: UInt64.self))
        }
        self.init(w0: word(0), w1: word(1), w2: word(2), w3: word(3))
    }

    /// Parses the 64-character lowercase hexadecimal form of a digest.
    ///
    /// Uppercase letters are rejected: the ledger format writes digests in lowercase only, so an
    /// uppercase digest in a file is an error, not an alternative spelling.
    ///
    /// - Parameter hex: Exactly 64 characters from `0`-`9` and `a`-`f`.
    /// - Returns: `nil` if `hex` has another length or contains any other character.
    /// - Complexity: O(1) (the input is at most 64 characters long when valid).
    public init?(hex: some StringProtocol) {
        let utf8 = hex.utf8
        let parsed = utf8.withContiguousStorageIfAvailable { SHA256Digest(hexBytes: UnsafeRawBufferPointer($0)) }
        if let parsed {
            guard let parsed else { return nil }
            self = parsed
        } else {
            guard utf8.count == 64 else { return nil }
            guard let copy = Array(utf8).withUnsafeBytes({ SHA256Digest(hexBytes: $0) }) else { return nil }
            self = copy
        }
    }

    /// Parses the lowercase hexadecimal form of a digest from 64 ASCII bytes, without creating a
    /// `String`. This is the ledger verifier's hot path.
    ///
    /// - Parameter hexBytes: Exactly 64 bytes, each one of the ASCII characters `0`-`9`, `a`-`f`.
    /// - Returns: `nil` if `hexBytes` is not exactly 64 bytes long or contains any other byte
    ///   (including uppercase `A`-`F`).
    /// - Complexity: O(1).
    public init?(hexBytes: UnsafeRawBufferPointer) {
        guard hexBytes.count == 64, let base = hexBytes.baseAddress else { return nil }
        guard let w0 = decodeHex16(base), let w1 = decodeHex16(base + 16),
              let w2 = decodeHex16(base + 32), let w3 = decodeHex16(base + 48)
        else { return nil }
        self.init(w0: w0, w1: w1, w2: w2, w3: w3)
    }

    /// The digest as 64 lowercase hexadecimal characters.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            writeHex(to: UnsafeMutableRawBufferPointer(buffer))
            return 64
        }
    }

    /// Writes the digest as 64 lowercase hexadecimal ASCII bytes, without allocating.
    ///
    /// - Parameter buffer: Destination of at least 64 bytes; bytes 0 ..< 64 are overwritten and
    ///   any further bytes are left untouched.
    /// - Precondition: `buffer.count >= 64`.
    /// - Complexity: O(1).
    public func writeHex(to buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= 64, "SHA256Digest.writeHex needs a 64-byte buffer")
        let out = buffer.baseAddress!
        store(hexOf(w0), out, 0)
        store(hexOf(w1), out, 16)
        store(hexOf(w2), out, 32)
        store(hexOf(w3), out, 48)
    }

    /// Whether `ascii` is exactly this digest's 64-character lowercase hexadecimal form.
    ///
    /// Equivalent to `ascii.elementsEqual(hex.utf8)` but without allocating or decoding.
    ///
    /// - Parameter ascii: The bytes to compare; any length (only 64 can match).
    /// - Returns: `true` when `ascii` is 64 bytes equal to ``hex``. Uppercase hexadecimal never
    ///   matches.
    /// - Complexity: O(1).
    public func equalsHex(_ ascii: UnsafeRawBufferPointer) -> Bool {
        guard ascii.count == 64, let base = ascii.baseAddress else { return false }
        let (a0, a1) = hexOf(w0)
        let (b0, b1) = hexOf(w1)
        let (c0, c1) = hexOf(w2)
        let (d0, d1) = hexOf(w3)
        var diff = load(base, 0) ^ a0
        diff |= load(base, 8) ^ a1
        diff |= load(base, 16) ^ b0
        diff |= load(base, 24) ^ b1
        diff |= load(base, 32) ^ c0
        diff |= load(base, 40) ^ c1
        diff |= load(base, 48) ^ d0
        diff |= load(base, 56) ^ d1
        return diff == 0
    }

    /// The 32 digest bytes, first byte first.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Calls `body` with the 32 digest bytes (first byte first) in a temporary buffer, without
    /// allocating.
    ///
    /// - Parameter body: A closure that reads the bytes; the buffer must not escape it.
    /// - Returns: What `body` returns.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let raw = (w0.bigEndian, w1.bigEndian, w2.bigEndian, w3.bigEndian)
        return try Swift.withUnsafeBytes(of: raw, body)
    }

    /// The lowercase hexadecimal form, ``hex``.
    public var description: String { hex }

    /// Orders digests by their bytes, lexicographically (the same order as their ``hex`` forms).
    ///
    /// - Parameter lhs: A digest.
    /// - Parameter rhs: Another digest.
    /// - Returns: `true` when the bytes of `lhs` sort before the bytes of `rhs`.
    public static func < (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
    }
}

// MARK: - Hexadecimal, eight bytes at a time

/// Loads eight bytes as a little-endian word (byte 0 is the least significant).
@inline(__always)
private func load(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
}

/// Stores two little-endian words (from ``hexOf(_:)``) as 16 ASCII bytes at `offset`.
@inline(__always)
private func store(_ words: (UInt64, UInt64), _ p: UnsafeMutableRawPointer, _ offset: Int) {
    p.storeBytes(of: words.0.littleEndian, toByteOffset: offset, as: UInt64.self)
    p.storeBytes(of: words.1.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
}

/// The 16 lowercase hexadecimal ASCII characters of `x` (most significant nibble first), as two
/// words whose little-endian bytes are the characters in order.
@inline(__always)
private func hexOf(_ x: UInt64) -> (UInt64, UInt64) {
    (hexOf32(UInt32(truncatingIfNeeded: x >> 32)), hexOf32(UInt32(truncatingIfNeeded: x)))
}

/// The 8 lowercase hexadecimal ASCII characters of `x`, as the little-endian bytes of a word.
@inline(__always)
private func hexOf32(_ x: UInt32) -> UInt64 {
    // Byte k (least significant first) of `t` is byte k of `x` in big-endian order.
    var t = UInt64(x.byteSwapped)
    // Spread the four bytes to the even bytes of the word ...
    t = (t | (t &<< 16)) & 0x0000_FFFF_0000_FFFF
    t = (t | (t &<< 8)) & 0x00FF_00FF_00FF_00FF
    // ... then put each byte's high nibble in its own byte and its low nibble in the next byte.
    let nibbles = ((t &>> 4) & 0x000F_000F_000F_000F) | ((t & 0x000F_000F_000F_000F) &<< 8)
    // Bytes holding 10 ... 15 become letters: '0' + n + ('a' - '0' - 10) = '0' + n + 39.
    let isLetter = ((nibbles &+ 0x0606_0606_0606_0606) &>> 4) & 0x0101_0101_0101_0101
    return nibbles &+ 0x3030_3030_3030_3030 &+ isLetter &* 0x27
}

/// Decodes 16 lowercase hexadecimal ASCII bytes at `p` into a word (first character most
/// significant), or `nil` if any byte is not one of `0`-`9`, `a`-`f`.
@inline(__always)
private func decodeHex16(_ p: UnsafeRawPointer) -> UInt64? {
    guard let high = decodeHex8(load(p, 0)), let low = decodeHex8(load(p, 8)) else { return nil }
    return UInt64(high) << 32 | UInt64(low)
}

/// Decodes the 8 ASCII characters held in the little-endian bytes of `c`.
@inline(__always)
private func decodeHex8(_ c: UInt64) -> UInt32? {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    // Every byte below 0x80, so that adding at most 0x7f to a byte cannot carry into the next.
    guard c & highBits == 0 else { return nil }
    // For a byte x < 0x80, x + (0x80 - m) has its high bit set exactly when x >= m.
    let atLeast0 = (c &+ ones &* (0x80 - 0x30)) & highBits  // x >= '0'
    let above9 = (c &+ ones &* (0x80 - 0x3A)) & highBits    // x >  '9'
    let atLeastA = (c &+ ones &* (0x80 - 0x61)) & highBits  // x >= 'a'
    let aboveF = (c &+ ones &* (0x80 - 0x67)) & highBits    // x >  'f'
    let digit = atLeast0 & ~above9
    let letter = atLeastA & ~aboveF
    guard digit | letter == highBits else { return nil }
    // '0' ... '9' -> 0 ... 9; 'a' ... 'f' (0x61 ... 0x66) -> 1 ... 6, + 9 = 10 ... 15.
    let nibbles = (c & (ones &* 0x0F)) &+ (letter &>> 7) &* 9
    // Pair up nibbles into bytes (first character high), in the even bytes ...
    var t = ((nibbles &<< 4) | (nibbles &>> 8)) & 0x00FF_00FF_00FF_00FF
    // ... then pack the even bytes into the low four bytes, first byte least significant.
    t = (t | (t &>> 8)) & 0x0000_FFFF_0000_FFFF
    t = (t | (t &>> 16)) & 0x0000_0000_FFFF_FFFF
    return UInt32(truncatingIfNeeded: t).byteSwapped
}
