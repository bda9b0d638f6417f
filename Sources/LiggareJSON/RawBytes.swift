/// Small loops over raw input bytes shared by the reader, the key helpers and the string decoder.
enum RawBytes {
    /// Whether the `count` bytes at `a` and at `b` are equal.
    ///
    /// - Complexity: O(*count*).
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index + 8 <= count {
            let wordA = UnsafeRawPointer(a + index).loadUnaligned(as: UInt64.self)
            let wordB = UnsafeRawPointer(b + index).loadUnaligned(as: UInt64.self)
            if wordA != wordB {
                return false
            }
            index += 8
        }
        while index < count {
            if a[index] != b[index] {
                return false
            }
            index += 1
        }
        return true
    }

    /// The index of the first backslash in the `count` bytes at `start`, at or after `from`, or `count` when there
    /// is none.
    ///
    /// - Complexity: O(*count*).
    @inline(__always)
    static func firstBackslash(_ start: UnsafePointer<UInt8>, _ count: Int, from: Int = 0) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var index = max(from, 0)
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
            let backslash = word ^ (ones &* 0x5C)
            let mask = (backslash &- ones) & ~backslash & high
            if mask != 0 {
                return index + mask.trailingZeroBitCount >> 3
            }
            index += 8
        }
        while index < count {
            if start[index] == 0x5C {
                return index
            }
            index += 1
        }
        return count
    }
}
