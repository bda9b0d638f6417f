/// Strict UTF-8 validation (RFC 3629): no overlong forms, no encoded surrogates, nothing above U+10FFFF, no
/// truncated sequences.
enum UTF8Validation {
    /// The length (2, 3 or 4) of the valid multi-byte sequence that starts at `index`, or 0 when the bytes there
    /// do not start a valid multi-byte sequence (ASCII bytes also give 0).
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, _ count: Int, _ index: Int) -> Int {
        let b0 = base[index]
        if b0 < 0xC2 {
            return 0
        }
        if b0 < 0xE0 {
            return index + 1 < count && base[index + 1] & 0xC0 == 0x80 ? 2 : 0
        }
        if b0 < 0xF0 {
            guard index + 2 < count else { return 0 }
            let b1 = base[index + 1]
            let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            return b1 >= low && b1 <= high && base[index + 2] & 0xC0 == 0x80 ? 3 : 0
        }
        if b0 < 0xF5 {
            guard index + 3 < count else { return 0 }
            let b1 = base[index + 1]
            let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            return b1 >= low && b1 <= high && base[index + 2] & 0xC0 == 0x80 && base[index + 3] & 0xC0 == 0x80
                ? 4 : 0
        }
        return 0
    }

    /// The Unicode scalar encoded at `index` (ASCII or a valid multi-byte sequence), or nil when the bytes there
    /// are not valid UTF-8.
    ///
    /// - Complexity: O(1).
    static func scalar(_ base: UnsafePointer<UInt8>, _ count: Int, _ index: Int) -> Unicode.Scalar? {
        guard index < count else { return nil }
        let b0 = base[index]
        if b0 < 0x80 {
            return Unicode.Scalar(b0)
        }
        let length = sequenceLength(base, count, index)
        guard length > 0 else { return nil }
        var value = UInt32(b0) & (0xFF >> UInt32(length + 1))
        for offset in 1..<length {
            value = value << 6 | UInt32(base[index + offset] & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    /// Explains why the bytes at `index` inside a string are not valid UTF-8; the offset to report is `index`.
    ///
    /// - Complexity: O(1).
    static func problem(_ base: UnsafePointer<UInt8>, _ count: Int, _ index: Int) -> String {
        let b0 = base[index]
        if b0 >= 0x80 && b0 <= 0xBF {
            return "invalid UTF-8 byte \(Hex.byte(b0)) in a string (a continuation byte without a lead byte)"
        }
        if b0 == 0xC0 || b0 == 0xC1 || b0 >= 0xF5 {
            return "invalid UTF-8 byte \(Hex.byte(b0)) in a string"
        }
        let length = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        let truncated = "invalid UTF-8 in a string: truncated sequence starting with byte \(Hex.byte(b0))"
        guard index + 1 < count, base[index + 1] & 0xC0 == 0x80 else { return truncated }
        let b1 = base[index + 1]
        let pair = "\(Hex.byte(b0)) \(Hex.byte(b1))"
        if (b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xF0 && b1 < 0x90) {
            return "invalid UTF-8 in a string: overlong encoding starting with bytes \(pair)"
        }
        if b0 == 0xED && b1 > 0x9F {
            return "invalid UTF-8 in a string: encoded surrogate starting with bytes \(pair)"
        }
        if b0 == 0xF4 && b1 > 0x8F {
            return "invalid UTF-8 in a string: code point above U+10FFFF starting with bytes \(pair)"
        }
        for offset in 2..<length where index + offset >= count || base[index + offset] & 0xC0 != 0x80 {
            return truncated
        }
        return "invalid UTF-8 in a string at byte \(Hex.byte(b0))"
    }
}
