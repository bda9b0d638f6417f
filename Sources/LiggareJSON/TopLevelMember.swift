/// One member of a top-level object found by ``TopLevelMemberSink``: where its key and value are.
struct TopLevelMember {
    /// The offset of the key's opening quote.
    var keyStart: Int
    /// The offset just after the key's closing quote.
    var keyEnd: Int
    /// The offset of the value's first byte.
    var valueStart: Int
    /// The offset just after the value's last byte.
    var valueEnd: Int
    /// The value's kind, as ``kindCode(_:)`` encodes it.
    var kind: UInt8
    /// Whether the key contains a backslash.
    var keyEscaped: Bool

    /// A small code for a value kind, so that this struct stays trivially copyable.
    @inline(__always)
    static func kindCode(_ kind: JSONValueKind) -> UInt8 {
        switch kind {
        case .null: return 0
        case .bool: return 1
        case .number: return 2
        case .string: return 3
        case .array: return 4
        case .object: return 5
        }
    }

    /// The value kind encoded in ``kind``.
    @inline(__always)
    var valueKind: JSONValueKind {
        switch kind {
        case 0: return .null
        case 1: return .bool
        case 2: return .number
        case 3: return .string
        case 4: return .array
        default: return .object
        }
    }
}
