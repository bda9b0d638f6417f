/// Small helpers for hexadecimal digits in escapes and error messages.
enum Hex {
    /// The lowercase hexadecimal digits.
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value (0-15) of the hexadecimal digit `byte`, or 0xFF when it is not one.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func value(_ byte: UInt8) -> UInt8 {
        let decimal = byte &- 0x30
        if decimal < 10 {
            return decimal
        }
        let letter = (byte | 0x20) &- 0x61
        return letter < 6 ? letter + 10 : 0xFF
    }

    /// The value of the four hexadecimal digits at `index`, or nil when there are fewer than four or one is not a
    /// hexadecimal digit.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func fourDigits(_ base: UnsafePointer<UInt8>, _ count: Int, _ index: Int) -> UInt32? {
        guard index >= 0, index + 4 <= count else { return nil }
        let d0 = value(base[index]), d1 = value(base[index + 1])
        let d2 = value(base[index + 2]), d3 = value(base[index + 3])
        guard (d0 | d1 | d2 | d3) < 0x10 else { return nil }
        return UInt32(d0) << 12 | UInt32(d1) << 8 | UInt32(d2) << 4 | UInt32(d3)
    }

    /// A byte as "0x" followed by two lowercase hexadecimal digits, e.g. "0xff".
    ///
    /// - Complexity: O(1).
    static func byte(_ byte: UInt8) -> String {
        "0x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    /// A code point as "U+" followed by at least four uppercase hexadecimal digits, e.g. "U+000A".
    ///
    /// - Complexity: O(1).
    static func codePoint(_ value: UInt32) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    /// A UTF-16 code unit as it would be written in a `\u` escape, with lowercase digits, e.g. "\ud800".
    ///
    /// - Complexity: O(1).
    static func escape(_ value: UInt32) -> String {
        let text = String(value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
