/// An object key reported by ``JSONReader/scanTopLevelObject(_:options:_:)``, referring to the input bytes.
///
/// A key is only valid inside the callback it is passed to: ``raw`` points into the caller's input buffer.
/// Comparisons are made after unescaping (`"\u0061"` equals `"a"`), by Unicode scalars, without allocating.
public struct JSONKey {
    /// The key's bytes between its quotes, still escaped; valid only during the callback.
    public let raw: UnsafeRawBufferPointer
    /// The offsets of ``raw`` in the input (the quotes are at `range.lowerBound - 1` and `range.upperBound`).
    public let range: Range<Int>
    /// Whether the key contains a backslash escape (when false, ``raw`` is the key's UTF-8).
    public let hasEscapes: Bool

    /// Creates a key from its raw bytes (between the quotes), their offsets, and whether they contain escapes.
    ///
    /// - Parameter raw: The bytes between the quotes.
    /// - Parameter range: Their offsets in the input.
    /// - Parameter hasEscapes: Whether `raw` contains a backslash.
    /// - Complexity: O(1).
    public init(raw: UnsafeRawBufferPointer, range: Range<Int>, hasEscapes: Bool) {
        self.raw = raw
        self.range = range
        self.hasEscapes = hasEscapes
    }

    /// The unescaped key as a `String` (allocates for keys longer than 15 UTF-8 bytes).
    ///
    /// - Complexity: O(*n*) for *n* raw bytes.
    public var decoded: String {
        JSONString.decode(raw)
    }

    /// Whether the unescaped key's UTF-8 bytes equal `utf8`.
    ///
    /// - Parameter utf8: UTF-8 bytes to compare with.
    /// - Returns: true when they are equal.
    /// - Complexity: O(*n*) for *n* raw bytes; allocates nothing for keys without escapes, and only stack
    ///   memory for short escaped keys.
    public func equals(utf8: UnsafeRawBufferPointer) -> Bool {
        if !hasEscapes {
            guard raw.count == utf8.count else { return false }
            guard let left = raw.baseAddress, let right = utf8.baseAddress else { return raw.count == 0 }
            return RawBytes.equal(left.assumingMemoryBound(to: UInt8.self), right.assumingMemoryBound(to: UInt8.self), raw.count)
        }
        guard let source = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return utf8.count == 0 }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count + JSONString.decodingSlack) { buffer in
            guard let target = buffer.baseAddress else { return false }
            let length = JSONString.unescape(source, count: raw.count, into: target)
            guard length == utf8.count else { return false }
            guard let right = utf8.baseAddress else { return length == 0 }
            return RawBytes.equal(target, right.assumingMemoryBound(to: UInt8.self), length)
        }
    }

    /// Whether the unescaped key equals a static string, such as a literal `"seq"`.
    ///
    /// - Parameter other: The string to compare with.
    /// - Returns: true when they have the same Unicode scalars.
    /// - Complexity: O(*n*) for *n* raw bytes; no allocation for keys without escapes.
    public func equals(_ other: StaticString) -> Bool {
        other.withUTF8Buffer { equals(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Whether the unescaped key equals `other` by Unicode scalars.
    ///
    /// - Parameter other: The string to compare with.
    /// - Returns: true when they have the same Unicode scalars.
    /// - Complexity: O(*n*) for *n* raw bytes.
    public func equals(_ other: String) -> Bool {
        var other = other
        return other.withUTF8 { equals(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Whether `key` equals the static string `string` after unescaping, so that `if key == "seq"` works.
    ///
    /// - Parameter key: A key.
    /// - Parameter string: A static string, usually a literal.
    /// - Returns: `key.equals(string)`.
    /// - Complexity: O(*n*) for *n* raw bytes.
    public static func == (key: JSONKey, string: StaticString) -> Bool {
        key.equals(string)
    }

    /// Matches a key against a string literal in a `switch`, so that `case "seq":` works.
    ///
    /// - Parameter pattern: The literal of the `case`.
    /// - Parameter key: The key being switched on.
    /// - Returns: `key.equals(pattern)`.
    /// - Complexity: O(*n*) for *n* raw bytes.
    public static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        key.equals(pattern)
    }
}
