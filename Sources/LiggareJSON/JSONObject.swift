/// A JSON object: its members in input (or insertion) order, duplicates included.
///
/// Keys are compared as sequences of Unicode scalars (their UTF-8 bytes), without Unicode normalisation, the same
/// way the reader compares keys when it looks for duplicates.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The members, in order.
    public var members: [(key: String, value: JSONValue)]

    /// Creates an object with the given members, in order.
    ///
    /// - Parameter members: The members; duplicate keys are kept as they are.
    /// - Complexity: O(1).
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// Creates an object from a dictionary literal, keeping the literal's order.
    ///
    /// - Parameter elements: The members, in order.
    /// - Complexity: O(*n*) for *n* members.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { (key: $0.0, value: $0.1) }
    }

    /// The value of the first member whose key is `key`, or nil when there is none.
    ///
    /// Setting a value replaces the first such member's value, or appends a member when there is none; setting nil
    /// removes every member with that key.
    ///
    /// - Parameter key: The key, compared by Unicode scalars.
    /// - Complexity: O(*n*) for *n* members.
    public subscript(_ key: String) -> JSONValue? {
        get {
            guard let index = firstIndex(of: key) else { return nil }
            return members[index].value
        }
        set {
            guard let newValue else {
                members.removeAll { JSONValue.sameScalars($0.key, key) }
                return
            }
            if let index = firstIndex(of: key) {
                members[index].value = newValue
            } else {
                members.append((key: key, value: newValue))
            }
        }
    }

    /// The keys, in order, duplicates included.
    ///
    /// - Complexity: O(*n*) for *n* members.
    public var keys: [String] { members.map(\.key) }

    /// The number of members, duplicates included.
    ///
    /// - Complexity: O(1).
    public var count: Int { members.count }

    /// Whether the object has no members.
    ///
    /// - Complexity: O(1).
    public var isEmpty: Bool { members.isEmpty }

    /// The index of the first member whose key is `key`.
    private func firstIndex(of key: String) -> Int? {
        members.firstIndex { JSONValue.sameScalars($0.key, key) }
    }

    /// Whether two objects have the same members in the same order (keys compared by Unicode scalars).
    ///
    /// - Parameter lhs: An object.
    /// - Parameter rhs: Another object.
    /// - Returns: true when the member lists are equal element by element.
    /// - Complexity: O(*n*) in the total size of both objects.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (left, right) in zip(lhs.members, rhs.members) {
            guard JSONValue.sameScalars(left.key, right.key), left.value == right.value else { return false }
        }
        return true
    }
}
