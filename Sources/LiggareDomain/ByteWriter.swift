import LiggareJSON

/// Appends little-endian integers and the binary value form to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// An unsigned LEB128 number.
    mutating func appendVarint(_ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func appendString(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendVarint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// The binary value form: a tag byte (0 null, 1 false, 2 true, 3 number, 4 string, 5 array, 6 object), then for
    /// a number or string its UTF-8 length and bytes, for an array its count and elements, for an object its count
    /// and members (key as length and bytes, then value).
    mutating func appendValue(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(0)
        case .bool(let b): bytes.append(b ? 2 : 1)
        case .number(let n):
            bytes.append(3)
            appendString(n.lexeme)
        case .string(let s):
            bytes.append(4)
            appendString(s)
        case .array(let items):
            bytes.append(5)
            appendVarint(items.count)
            for item in items { appendValue(item) }
        case .object(let object):
            bytes.append(6)
            appendVarint(object.members.count)
            for member in object.members {
                appendString(member.key)
                appendValue(member.value)
            }
        }
    }
}
