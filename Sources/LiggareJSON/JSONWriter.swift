/// The canonical compact JSON serialisation used by the ledger.
///
/// The output has no insignificant whitespace; object members are written in their stored order; numbers are
/// written as their lexeme; strings are escaped minimally: `\"`, `\\`, the short escapes `\b \f \n \r \t`,
/// the other control characters U+0000-U+001F as `\u00XX` with lowercase hex digits, and U+2028 and U+2029 as
/// `\u2028` and `\u2029` (so that line-oriented tools never split a line); every other character, including
/// `/`, DEL and all non-ASCII characters, is written as raw UTF-8. The output therefore never contains a line
/// feed byte and is always valid UTF-8 and valid JSON.
public enum JSONWriter {
    /// Appends the canonical serialisation of `value` to `output`.
    ///
    /// The writer does not recurse, so any nesting depth is safe.
    ///
    /// - Parameter value: The value to write.
    /// - Parameter output: The buffer to append to.
    /// - Complexity: O(*n*) in the size of the output.
    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        var pending = value
        var stack: [WriterFrame] = []
        while true {
            switch pending {
            case .null:
                output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            case .bool(let bool):
                output.append(contentsOf: bool ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
            case .number(let number):
                output.append(contentsOf: number.lexeme.utf8)
            case .string(let string):
                writeString(string, into: &output)
            case .array(let elements):
                output.append(0x5B)
                if let first = elements.first {
                    stack.append(.array(elements, next: 1))
                    pending = first
                    continue
                }
                output.append(0x5D)
            case .object(let object):
                output.append(0x7B)
                if let first = object.members.first {
                    writeString(first.key, into: &output)
                    output.append(0x3A)
                    stack.append(.object(object.members, next: 1))
                    pending = first.value
                    continue
                }
                output.append(0x7D)
            }
            // A value is complete: continue with the innermost open container, closing finished ones.
            var resumed = false
            while !resumed, let frame = stack.popLast() {
                switch frame {
                case .array(let elements, let next):
                    if next < elements.count {
                        output.append(0x2C)
                        stack.append(.array(elements, next: next + 1))
                        pending = elements[next]
                        resumed = true
                    } else {
                        output.append(0x5D)
                    }
                case .object(let members, let next):
                    if next < members.count {
                        output.append(0x2C)
                        writeString(members[next].key, into: &output)
                        output.append(0x3A)
                        stack.append(.object(members, next: next + 1))
                        pending = members[next].value
                        resumed = true
                    } else {
                        output.append(0x7D)
                    }
                }
            }
            if !resumed {
                return
            }
        }
    }

    /// Appends `string` as a canonical JSON string literal, quotes included, to `output`.
    ///
    /// - Parameter string: The string to write.
    /// - Parameter output: The buffer to append to.
    /// - Complexity: O(*n*) for *n* UTF-8 bytes.
    public static func writeString(_ string: some StringProtocol, into output: inout [UInt8]) {
        output.append(0x22)
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { writeEscaped($0, into: &output) }
        if done == nil {
            var copy = String(string)
            copy.withUTF8 { writeEscaped($0, into: &output) }
        }
        output.append(0x22)
    }

    /// The canonical serialisation of `value`.
    ///
    /// - Parameter value: The value to serialise.
    /// - Returns: Its bytes, valid UTF-8 without any line feed.
    /// - Complexity: O(*n*) in the size of the output.
    public static func serialize(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        write(value, into: &output)
        return output
    }

    /// Appends the escaped form of the UTF-8 bytes `bytes` (without quotes) to `output`.
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 {
                index += 1
                continue
            }
            if byte == 0xE2 {
                guard index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, 0x32, bytes[index + 2] == 0xA8 ? 0x38 : 0x39])
                index += 3
                runStart = index
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            switch byte {
            case 0x22: output.append(0x5C); output.append(0x22)
            case 0x5C: output.append(0x5C); output.append(0x5C)
            case 0x08: output.append(0x5C); output.append(0x62)
            case 0x0C: output.append(0x5C); output.append(0x66)
            case 0x0A: output.append(0x5C); output.append(0x6E)
            case 0x0D: output.append(0x5C); output.append(0x72)
            case 0x09: output.append(0x5C); output.append(0x74)
            default:
                output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Hex.digits[Int(byte >> 4)], Hex.digits[Int(byte & 0x0F)]])
            }
            index += 1
            runStart = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
    }
}
