/// The kind of a JSON value, without its contents.
///
/// ``JSONReader/scanTopLevelObject(_:options:_:)`` reports it for each top-level member so that a caller can
/// check a member's type without looking at its bytes; ``JSONValue/kind`` gives it for a parsed value.
public enum JSONValueKind: Sendable, Hashable, CustomStringConvertible {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool
    /// A number.
    case number
    /// A string.
    case string
    /// An array.
    case array
    /// An object.
    case object

    /// The kind's name as used in error messages and documentation: "null", "boolean", "number", "string",
    /// "array" or "object".
    ///
    /// - Complexity: O(1).
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
