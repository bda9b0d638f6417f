/// Where an object key's bytes are in the input (between its quotes), with a fingerprint for fast comparison.
struct KeyRef {
    /// The offset of the key's first byte after the opening quote.
    var start: Int
    /// The number of bytes between the quotes, shifted left by one, with bit 0 set when the key contains a
    /// backslash (so that its raw bytes differ from its decoded UTF-8).
    var lengthAndEscaped: Int
    /// The key's first (up to) eight raw bytes, little-endian, zero-padded; keys cannot contain a raw NUL, so for
    /// unescaped keys of at most eight bytes equal fingerprints and lengths mean equal keys.
    var fingerprint: UInt64

    /// Creates a reference to the `length` raw key bytes at `start` in the input at `base` of `count` bytes.
    @inline(__always)
    init(base: UnsafePointer<UInt8>, count: Int, start: Int, length: Int, escaped: Bool) {
        self.start = start
        lengthAndEscaped = length << 1 | (escaped ? 1 : 0)
        if start + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
            fingerprint = length >= 8 ? word : word & ((1 << UInt64(length * 8)) - 1)
        } else {
            var word: UInt64 = 0
            for index in 0..<min(length, 8) {
                word |= UInt64(base[start + index]) << UInt64(index * 8)
            }
            fingerprint = word
        }
    }

    /// The number of raw bytes between the quotes.
    @inline(__always)
    var length: Int { lengthAndEscaped >> 1 }

    /// Whether the key contains a backslash.
    @inline(__always)
    var escaped: Bool { lengthAndEscaped & 1 != 0 }
}
