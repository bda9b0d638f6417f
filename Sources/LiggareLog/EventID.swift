/// An event id: a UUID version 7 (RFC 9562) in its canonical lowercase text form,
/// `xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx` where `y` is 8, 9, a or b.
///
/// Ids increase strictly along the ledger (the writer makes them monotonic, RFC 9562 §6.2), so a verifier proves
/// them unique by comparing each id with the previous one, in constant memory.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 128 bits, high half first.
    public let high: UInt64
    /// The low 64 bits.
    public let low: UInt64

    /// The 36-byte text form length.
    public static let byteCount = 36

    /// Creates an id from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The Unix time in milliseconds carried in the first 48 bits.
    public var milliseconds: Int64 { Int64(high >> 16) }

    /// Whether the version nibble is 7 and the variant bits are `10`.
    public var isVersion7: Bool { (high >> 12) & 0xF == 7 && low >> 62 == 0b10 }

    /// A new id for time `milliseconds` that is strictly greater than `previous`.
    ///
    /// When the clock has not moved past `previous`, the 74 random bits of `previous` are incremented by one,
    /// keeping the time of `previous` (RFC 9562 §6.2, method 2).
    /// - Parameters:
    ///   - milliseconds: the current time.
    ///   - previous: the ledger's last id, if any.
    ///   - random: the source of the random bits.
    /// - Returns: the new id.
    public static func next(milliseconds: Int64, after previous: EventID?,
                            using random: inout some RandomNumberGenerator) -> EventID {
        let ms = UInt64(max(0, min(milliseconds, Int64(0xFFFF_FFFF_FFFF))))
        if let previous, UInt64(previous.milliseconds) >= ms {
            return previous.incremented()
        }
        let randA = random.next() & 0xFFF
        // Keep the top bit of the random tail clear so that many increments fit before the time must move.
        let randB = random.next() & 0x1FFF_FFFF_FFFF_FFFF
        return EventID(high: (ms << 16) | 0x7000 | randA, low: 0x8000_0000_0000_0000 | randB)
    }

    /// The id with its 74 random bits plus one (carrying into the time when they overflow).
    func incremented() -> EventID {
        var randB = low & 0x3FFF_FFFF_FFFF_FFFF
        var randA = high & 0xFFF
        var ms = high >> 16
        if randB < 0x3FFF_FFFF_FFFF_FFFF {
            randB += 1
        } else {
            randB = 0
            if randA < 0xFFF { randA += 1 } else { randA = 0; ms += 1 }
        }
        return EventID(high: (ms << 16) | 0x7000 | randA, low: 0x8000_0000_0000_0000 | randB)
    }

    /// Parses the canonical lowercase 36-byte form; accepts any UUID version (the verifier checks the version).
    public init?(ascii b: UnsafeRawBufferPointer) {
        guard b.count == 36 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var nibbles = 0
        for i in 0..<36 {
            let c = b[i]
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return nil }
                continue
            }
            let v: UInt64
            switch c {
            case 0x30...0x39: v = UInt64(c - 0x30)
            case 0x61...0x66: v = UInt64(c - 0x61 + 10)
            default: return nil
            }
            if nibbles < 16 { high = high << 4 | v } else { low = low << 4 | v }
            nibbles += 1
        }
        self.init(high: high, low: low)
    }

    /// Parses the canonical lowercase text form.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let id = bytes.withUnsafeBytes({ EventID(ascii: $0) }) else { return nil }
        self = id
    }

    /// The canonical lowercase text form.
    public var description: String {
        var out: [UInt8] = []
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the 36-byte canonical form to `out`.
    public func append(to out: inout [UInt8]) {
        for i in 0..<32 {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
            let word = i < 16 ? high : low
            let nibble = UInt8(truncatingIfNeeded: (word >> UInt64(60 - 4 * (i % 16))) & 0xF)
            out.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
        }
    }

    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
