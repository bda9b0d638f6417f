/// The sink for ``JSONReader``'s `parse`: builds a ``JSONValue`` on a flat stack.
///
/// Scalars are pushed on ``values``; when a container closes, its elements (and, for an object, its keys) are
/// moved off the top of the stacks into one new value.
struct ValueBuilder: JSONEventSink {
    /// The first input byte.
    let base: UnsafePointer<UInt8>
    /// Completed values not yet placed in their container, innermost last.
    private var values: [JSONValue] = []
    /// Keys of the open objects' completed members, innermost last.
    private var keys: [String] = []
    /// For each open container, the number of entries in ``values`` when it opened.
    private var starts: [Int] = []

    /// Creates a builder for the input at `base`.
    init(base: UnsafePointer<UInt8>) {
        self.base = base
    }

    /// The finished value (after a successful scan, the only entry on the stack).
    var result: JSONValue {
        values.last ?? .null
    }

    /// Pushes a scalar.
    @inline(__always)
    mutating func scalar(_ kind: JSONValueKind, start: Int, end: Int, escaped: Bool) {
        switch kind {
        case .string:
            values.append(.string(decode(start: start, end: end, escaped: escaped)))
        case .number:
            let lexeme = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
            values.append(.number(JSONNumber(uncheckedLexeme: lexeme)))
        case .bool:
            values.append(.bool(base[start] == 0x74))
        case .null, .array, .object:
            values.append(.null)
        }
    }

    /// Pushes a key.
    @inline(__always)
    mutating func key(start: Int, end: Int, escaped: Bool) {
        keys.append(decode(start: start, end: end, escaped: escaped))
    }

    /// Remembers where a container's elements start.
    @inline(__always)
    mutating func beginContainer(_ kind: JSONValueKind, at offset: Int) {
        starts.append(values.count)
    }

    /// Replaces a closed container's elements on the stack with the container.
    mutating func endContainer(_ kind: JSONValueKind, at offset: Int) {
        let start = min(starts.popLast() ?? 0, values.count)
        let elements = Array(values[start...])
        values.removeSubrange(start...)
        if kind == .array {
            values.append(.array(elements))
            return
        }
        let keyStart = max(keys.count - elements.count, 0)
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(elements.count)
        for (key, value) in zip(keys[keyStart...], elements) {
            members.append((key: key, value: value))
        }
        keys.removeSubrange(keyStart...)
        values.append(.object(JSONObject(members)))
    }

    /// Decodes the string whose quotes are at `start` and `end - 1`.
    @inline(__always)
    private func decode(start: Int, end: Int, escaped: Bool) -> String {
        let contentStart = base + start + 1
        let count = end - start - 2
        if !escaped {
            return String(decoding: UnsafeBufferPointer(start: contentStart, count: count), as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: count + JSONString.decodingSlack) { buffer in
            guard let target = buffer.baseAddress else { return 0 }
            return JSONString.unescape(contentStart, count: count, into: target)
        }
    }
}
