/// A parsed JSON value.
///
/// Equality is exact and follows the canonical serialisation: strings and keys are compared by Unicode scalars
/// (no normalisation), numbers by lexeme (`1.0 != 1`), objects member by member in order.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as its lexeme.
    case number(JSONNumber)
    /// A string, unescaped.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in order.
    case object(JSONObject)

    /// The value's kind.
    ///
    /// - Complexity: O(1).
    public var kind: JSONValueKind {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    /// For an object, the value of the first member with key `key`; nil for a missing key or a non-object.
    ///
    /// - Parameter key: The key, compared by Unicode scalars.
    /// - Complexity: O(*n*) for *n* members.
    public subscript(_ key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// For an array, the element at `index`; nil for an index out of range or a non-array.
    ///
    /// - Parameter index: The zero-based index.
    /// - Complexity: O(1).
    public subscript(_ index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string, if the value is a string.
    ///
    /// - Complexity: O(1).
    public var stringValue: String? {
        guard case .string(let string) = self else { return nil }
        return string
    }

    /// The Boolean, if the value is `true` or `false`.
    ///
    /// - Complexity: O(1).
    public var boolValue: Bool? {
        guard case .bool(let bool) = self else { return nil }
        return bool
    }

    /// The number, if the value is a number.
    ///
    /// - Complexity: O(1).
    public var numberValue: JSONNumber? {
        guard case .number(let number) = self else { return nil }
        return number
    }

    /// The number as an `Int64`, if the value is a number written as an integer (no fraction, no exponent) that
    /// fits; see ``JSONNumber/int64Value``.
    ///
    /// - Complexity: O(*n*) for a lexeme of *n* bytes.
    public var int64Value: Int64? {
        numberValue?.int64Value
    }

    /// The elements, if the value is an array.
    ///
    /// - Complexity: O(1).
    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The object, if the value is an object.
    ///
    /// - Complexity: O(1).
    public var objectValue: JSONObject? {
        guard case .object(let object) = self else { return nil }
        return object
    }

    /// Whether the value is `null`.
    ///
    /// - Complexity: O(1).
    public var isNull: Bool {
        if case .null = self {
            return true
        }
        return false
    }

    /// Whether two values are exactly equal: same kind, strings equal by Unicode scalars, numbers by lexeme,
    /// arrays element by element, objects member by member in order.
    ///
    /// - Parameter lhs: A value.
    /// - Parameter rhs: Another value.
    /// - Returns: true when the values would serialise to the same bytes.
    /// - Complexity: O(*n*) in the total size of both values.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.number(let left), .number(let right)):
            return left == right
        case (.string(let left), .string(let right)):
            return sameScalars(left, right)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0 == $1 }
        case (.object(let left), .object(let right)):
            return left == right
        default:
            return false
        }
    }

    /// Whether two strings have the same Unicode scalars (the same UTF-8 bytes), unlike `String.==`, which
    /// compares by canonical equivalence.
    static func sameScalars(_ lhs: String, _ rhs: String) -> Bool {
        // Compared as contiguous UTF-8 bytes: a plain loop over UTF8View is many times slower, and object member
        // lookups do this for every field an event's fold reads.
        let a = lhs.utf8, b = rhs.utf8
        guard a.count == b.count else { return false }
        if let same = a.withContiguousStorageIfAvailable({ x in b.withContiguousStorageIfAvailable { y in x.elementsEqual(y) } }),
           let same {
            return same
        }
        return a.elementsEqual(b)
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// Creates a string value from a string literal.
    ///
    /// - Parameter value: The string.
    /// - Complexity: O(1).
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// Creates a number value from an integer literal.
    ///
    /// - Parameter value: The integer.
    /// - Complexity: O(1).
    public init(integerLiteral value: Int64) {
        self = .number(JSONNumber(value))
    }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// Creates a Boolean value from `true` or `false`.
    ///
    /// - Parameter value: The Boolean.
    /// - Complexity: O(1).
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// Creates an array value from an array literal.
    ///
    /// - Parameter elements: The elements.
    /// - Complexity: O(1).
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Creates an object value from a dictionary literal, keeping the literal's order.
    ///
    /// - Parameter elements: The members, in order.
    /// - Complexity: O(*n*) for *n* members.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}
