import LiggareJSON

/// Reads what ``ByteWriter`` wrote, checking every bound: damaged bytes give nil, never a crash.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = min(end, bytes.count)
    }

    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() -> Int? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while let b = byte() {
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result <= UInt64(Int.max) ? Int(result) : nil }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }

    mutating func string() -> String? {
        guard let count = varint(), count <= end - position else { return nil }
        defer { position += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
    }

    mutating func value(depth: Int = 0) -> JSONValue? {
        guard depth < 512, let tag = byte() else { return nil }
        switch tag {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return string().map { .number(JSONNumber(uncheckedLexeme: $0)) }
        case 4: return string().map { .string($0) }
        case 5:
            guard let count = varint(), count <= end - position else { return nil }
            var items: [JSONValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
            }
            return .array(items)
        case 6:
            guard let count = varint(), count <= end - position else { return nil }
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = string(), let item = value(depth: depth + 1) else { return nil }
                members.append((key, item))
            }
            return .object(JSONObject(members))
        default: return nil
        }
    }
}
