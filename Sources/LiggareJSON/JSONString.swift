/// Decoding of JSON string contents (the bytes between the quotes) to Swift strings.
public enum JSONString {
    /// How many bytes more than the raw length the unescaped form may need (only a lone backslash at the very
    /// end of unvalidated input grows, by two bytes).
    static let decodingSlack = 4

    /// Decodes the raw bytes of a JSON string literal (the bytes between its quotes) to a `String`.
    ///
    /// Bytes without a backslash are copied as they are (the fast path, one pass plus the standard library's UTF-8
    /// check); escapes are resolved, a `\uXXXX` high surrogate followed by a `\uXXXX` low surrogate becomes one
    /// scalar. The input is expected to have been validated by ``JSONReader``; for any other input this still
    /// never traps: invalid UTF-8, lone surrogate escapes and a lone trailing backslash become U+FFFD, and a
    /// backslash before anything that is not an escape is dropped.
    ///
    /// - Parameter raw: The bytes between the quotes, for example from ``JSONKey/raw`` or a range reported by
    ///   ``JSONReader/scanTopLevelObject(_:options:_:)`` without its first and last byte.
    /// - Returns: The decoded string.
    /// - Complexity: O(*n*) for *n* raw bytes.
    public static func decode(_ raw: UnsafeRawBufferPointer) -> String {
        guard let start = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return "" }
        let count = raw.count
        if RawBytes.firstBackslash(start, count) == count {
            return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: count + decodingSlack) { buffer in
            guard let target = buffer.baseAddress else { return 0 }
            return unescape(start, count: count, into: target)
        }
    }

    /// Writes the unescaped UTF-8 form of the `count` raw string bytes at `source` to `target`, which must have
    /// room for `count + decodingSlack` bytes.
    ///
    /// - Returns: The number of bytes written.
    /// - Complexity: O(*count*).
    static func unescape(_ source: UnsafePointer<UInt8>, count: Int, into target: UnsafeMutablePointer<UInt8>) -> Int {
        var input = 0
        var output = 0
        while input < count {
            let backslash = RawBytes.firstBackslash(source, count, from: input)
            if backslash > input {
                (target + output).initialize(from: source + input, count: backslash - input)
                output += backslash - input
                input = backslash
            }
            guard input < count else { break }
            guard input + 1 < count else {
                output += writeUTF8(0xFFFD, to: target + output)
                break
            }
            let escaped = source[input + 1]
            var simple: UInt8 = 0
            switch escaped {
            case 0x22, 0x5C, 0x2F: simple = escaped
            case 0x62: simple = 0x08
            case 0x66: simple = 0x0C
            case 0x6E: simple = 0x0A
            case 0x72: simple = 0x0D
            case 0x74: simple = 0x09
            case 0x75:
                guard let value = Hex.fourDigits(source, count, input + 2) else {
                    input += 1
                    continue
                }
                if value & 0xF800 != 0xD800 {
                    output += writeUTF8(value, to: target + output)
                    input += 6
                } else if value < 0xDC00, input + 7 < count, source[input + 6] == 0x5C, source[input + 7] == 0x75,
                          let low = Hex.fourDigits(source, count, input + 8), low & 0xFC00 == 0xDC00 {
                    output += writeUTF8(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00), to: target + output)
                    input += 12
                } else {
                    output += writeUTF8(0xFFFD, to: target + output)
                    input += 6
                }
                continue
            default:
                input += 1
                continue
            }
            target[output] = simple
            output += 1
            input += 2
        }
        return output
    }

    /// Writes the UTF-8 encoding of the scalar value `value` (not a surrogate, at most 0x10FFFF) to `target`.
    ///
    /// - Returns: The number of bytes written (1 to 4).
    @inline(__always)
    static func writeUTF8(_ value: UInt32, to target: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 0x80 {
            target[0] = UInt8(truncatingIfNeeded: value)
            return 1
        }
        if value < 0x800 {
            target[0] = UInt8(truncatingIfNeeded: 0xC0 | value >> 6)
            target[1] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            return 2
        }
        if value < 0x10000 {
            target[0] = UInt8(truncatingIfNeeded: 0xE0 | value >> 12)
            target[1] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
            target[2] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            return 3
        }
        target[0] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
        target[1] = UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F)
        target[2] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
        target[3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
        return 4
    }
}
