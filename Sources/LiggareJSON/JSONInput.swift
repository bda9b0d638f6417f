/// The input bytes and the scanning of scalars (strings, numbers, literals, whitespace) and error messages.
///
/// It is two words, passed in registers, so the hot loops of ``JSONScanner`` never copy the scanner's state.
struct JSONInput {
    /// The first input byte.
    let base: UnsafePointer<UInt8>
    /// The number of input bytes.
    let count: Int

    /// Rejects a UTF-8 byte order mark and input that looks like UTF-16 before anything else is looked at.
    func checkEncoding() throws(ScanFailure) {
        guard count >= 2 else { return }
        let b0 = base[0], b1 = base[1]
        if count >= 3 && b0 == 0xEF && b1 == 0xBB && base[2] == 0xBF {
            throw ScanFailure(offset: 0, message: "byte order mark is not allowed")
        }
        let utf16ByteOrderMark = (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)
        let utf16Zero = count % 2 == 0 && ((b0 == 0) != (b1 == 0))
        if utf16ByteOrderMark || utf16Zero {
            throw ScanFailure(offset: 0, message: "input looks like UTF-16; the ledger is UTF-8")
        }
    }

    /// The index of the first byte at or after `index` that is not JSON whitespace (space, tab, LF, CR).
    @inline(__always)
    func skipWhitespace(_ index: Int) -> Int {
        var i = index
        while i < count {
            let byte = base[i]
            if byte > 0x20 || (byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09) {
                break
            }
            i += 1
        }
        return i
    }

    /// Checks that the four bytes at `index` are `word` (little-endian): the literal `text`, or for `false` its
    /// last four bytes.
    @inline(__always)
    func literal(at index: Int, word: UInt32, text: StaticString) throws(ScanFailure) {
        if index + 4 <= count {
            let found = UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self))
            if found == word {
                return
            }
        }
        throw invalidLiteral(at: index + 4 - text.utf8CodeUnitCount, text: text)
    }

    /// Scans a number starting at `start` (a '-' or a digit) by the RFC 8259 grammar
    /// `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    ///
    /// - Returns: The index just after the number.
    @inline(__always)
    func scanNumber(_ start: Int) throws(ScanFailure) -> Int {
        var i = start
        if base[i] == 0x2D {
            i += 1
            guard i < count, base[i] &- 0x30 < 10 else {
                throw expected("a digit after '-' in a number", at: i)
            }
        }
        if base[i] == 0x30 {
            i += 1
            if i < count && base[i] &- 0x30 < 10 {
                throw ScanFailure(offset: i - 1, message: "leading zeros are not allowed in numbers")
            }
        } else {
            i += 1
            while i < count && base[i] &- 0x30 < 10 {
                i += 1
            }
        }
        if i < count && base[i] == 0x2E {
            i += 1
            guard i < count, base[i] &- 0x30 < 10 else {
                throw expected("a digit after '.' in a number", at: i)
            }
            i += 1
            while i < count && base[i] &- 0x30 < 10 {
                i += 1
            }
        }
        if i < count && base[i] | 0x20 == 0x65 {
            i += 1
            if i < count && (base[i] == 0x2B || base[i] == 0x2D) {
                i += 1
            }
            guard i < count, base[i] &- 0x30 < 10 else {
                throw expected("a digit in the exponent of a number", at: i)
            }
            i += 1
            while i < count && base[i] &- 0x30 < 10 {
                i += 1
            }
        }
        return i
    }

    /// A mask with the high bit set in the first byte of `word` (little-endian) that is '"', '\\', a control
    /// character (below 0x20) or a non-ASCII byte; bits above the first such byte may be spurious.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (quoteZero | backslashZero | control | word) & high
    }

    /// Scans a string whose opening quote is at `start`, validating escapes and UTF-8.
    ///
    /// - Returns: The index just after the closing quote, and whether the string contains a backslash.
    @inline(__always)
    func scanString(_ start: Int) throws(ScanFailure) -> (end: Int, escaped: Bool) {
        var i = start + 1
        var escaped = false
        while true {
            while i &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let mask = Self.specialBytes(word)
                if mask != 0 {
                    i &+= mask.trailingZeroBitCount &>> 3
                    break
                }
                i &+= 8
            }
            guard i < count else { throw unterminatedString(start) }
            let byte = base[i]
            if byte == 0x22 {
                return (i + 1, escaped)
            }
            if byte == 0x5C {
                escaped = true
                i = try scanEscape(i, stringStart: start)
            } else if byte < 0x20 {
                throw controlCharacter(i)
            } else if byte >= 0x80 {
                let length = UTF8Validation.sequenceLength(base, count, i)
                if length == 0 {
                    throw invalidUTF8(i)
                }
                i &+= length
            } else {
                i &+= 1
            }
        }
    }

    /// Scans the escape sequence whose backslash is at `index`.
    ///
    /// - Returns: The index just after the escape (after both halves of a surrogate pair).
    @inline(__always)
    func scanEscape(_ index: Int, stringStart: Int) throws(ScanFailure) -> Int {
        guard index + 1 < count else { throw unterminatedString(stringStart) }
        switch base[index + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
            return index + 2
        case 0x75:
            let value = try hexEscape(index, stringStart: stringStart)
            if value & 0xF800 != 0xD800 {
                return index + 6
            }
            if value < 0xDC00, index + 7 < count, base[index + 6] == 0x5C, base[index + 7] == 0x75 {
                let low = try hexEscape(index + 6, stringStart: stringStart)
                if low & 0xFC00 == 0xDC00 {
                    return index + 12
                }
            }
            throw loneSurrogate(index, value: value)
        default:
            throw invalidEscape(index)
        }
    }

    /// The value of the `\uXXXX` escape whose backslash is at `index`.
    @inline(__always)
    func hexEscape(_ index: Int, stringStart: Int) throws(ScanFailure) -> UInt32 {
        if let value = Hex.fourDigits(base, count, index + 2) {
            return value
        }
        throw badHexEscape(index, stringStart: stringStart)
    }

    // MARK: - Errors (kept out of line so the hot paths stay small)

    /// "expected X, found Y" at `offset`.
    @inline(never)
    func expected(_ what: String, at offset: Int) -> ScanFailure {
        ScanFailure(offset: offset, message: "expected \(what), found \(InputDescription.describe(base, count, offset))")
    }

    /// The error for a byte that cannot start a value.
    @inline(never)
    func unexpectedValueStart(_ offset: Int) -> ScanFailure {
        switch base[offset] {
        case 0x27:
            return ScanFailure(offset: offset, message: "single quotes are not allowed; JSON strings use double quotes")
        case 0x2B:
            return ScanFailure(offset: offset, message: "numbers must not start with '+'")
        case 0x2E:
            return ScanFailure(offset: offset, message: "numbers must start with a digit or '-', found '.'")
        default:
            return expected("a JSON value", at: offset)
        }
    }

    /// The error for something other than a string where an object key should be.
    @inline(never)
    func keyExpected(_ offset: Int, afterComma: Bool) -> ScanFailure {
        if offset < count && base[offset] == 0x27 {
            return ScanFailure(offset: offset, message: "single quotes are not allowed; JSON strings use double quotes")
        }
        return expected(afterComma ? "a string key after ',' in an object" : "a string key or '}' after '{'", at: offset)
    }

    /// The error for a misspelt `true`, `false` or `null` starting at `start`: reported at the first wrong byte,
    /// for example "invalid literal: expected 'true', found 't' instead of 'e'".
    @inline(never)
    func invalidLiteral(at start: Int, text: StaticString) -> ScanFailure {
        var offset = start
        var wanted: UInt8 = 0
        text.withUTF8Buffer { expectedBytes in
            for expectedByte in expectedBytes {
                wanted = expectedByte
                guard offset < count, base[offset] == expectedByte else { return }
                offset += 1
            }
        }
        let found = InputDescription.describe(base, count, offset)
        return ScanFailure(
            offset: offset,
            message: "invalid literal: expected '\(text)', found \(found) instead of '\(String(Unicode.Scalar(wanted)))'")
    }

    /// The error for a string whose closing quote is missing; reported at the opening quote.
    @inline(never)
    func unterminatedString(_ start: Int) -> ScanFailure {
        ScanFailure(offset: start, message: "unterminated string: the input ends before the closing '\"'")
    }

    /// The error for a raw control character inside a string.
    @inline(never)
    func controlCharacter(_ offset: Int) -> ScanFailure {
        ScanFailure(
            offset: offset,
            message: "control character \(Hex.codePoint(UInt32(base[offset]))) must be escaped in a string")
    }

    /// The error for invalid UTF-8 inside a string.
    @inline(never)
    func invalidUTF8(_ offset: Int) -> ScanFailure {
        ScanFailure(offset: offset, message: UTF8Validation.problem(base, count, offset))
    }

    /// The error for a backslash followed by something that is not an escape.
    @inline(never)
    func invalidEscape(_ offset: Int) -> ScanFailure {
        let found = InputDescription.describe(base, count, offset + 1)
        return ScanFailure(
            offset: offset,
            message: "invalid escape in a string: '\\' followed by \(found); the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
    }

    /// The error for a `\u` escape at `index` without four hexadecimal digits; reported at the first bad digit.
    @inline(never)
    func badHexEscape(_ index: Int, stringStart: Int) -> ScanFailure {
        var offset = index + 2
        while offset < index + 6 {
            guard offset < count else { return unterminatedString(stringStart) }
            if Hex.value(base[offset]) == 0xFF {
                break
            }
            offset += 1
        }
        return expected("four hexadecimal digits after \\u in a string", at: offset)
    }

    /// The error for a surrogate escape that is not a high surrogate followed by a low surrogate escape.
    @inline(never)
    func loneSurrogate(_ offset: Int, value: UInt32) -> ScanFailure {
        ScanFailure(offset: offset, message: "lone surrogate \(Hex.escape(value)) in a string escape")
    }
}
