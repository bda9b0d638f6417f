/// Options that decide which JSON texts ``JSONReader`` accepts beyond the RFC 8259 grammar.
///
/// The grammar, the UTF-8 rules and the error messages are the same under every option; the options only limit
/// nesting depth and decide what happens to duplicate object keys.
public struct JSONReadOptions: Sendable, Hashable {
    /// The most arrays and objects that may be open at the same time; a deeper text is rejected with
    /// "nesting deeper than N levels".
    ///
    /// A top-level scalar has depth 0 and `[]` has depth 1. Values below 0 are treated as 0 (only a scalar is
    /// accepted) and values above ``depthCeiling`` are treated as ``depthCeiling``, because a parsed
    /// ``JSONValue`` is destroyed and compared recursively, and a much deeper value could exhaust the stack of a
    /// thread with a small stack (in a debug build on a Swift concurrency thread this happened near 7,000 levels).
    public var maximumDepth: Int

    /// What to do when an object has two members whose keys are equal after unescaping.
    public var duplicateKeys: DuplicateKeyPolicy

    /// The largest nesting depth the reader supports, whatever ``maximumDepth`` says: 2,048 levels.
    public static let depthCeiling = 2_048

    /// Options for the ledger: at most 512 levels of nesting, duplicate keys rejected.
    public static let ledger = JSONReadOptions(maximumDepth: 512, duplicateKeys: .reject)

    /// Options for plain RFC 8259 conformance: at most 512 levels of nesting, duplicate keys allowed (RFC 8259
    /// says keys "SHOULD be unique", so a conforming reader must accept them).
    public static let rfc8259 = JSONReadOptions(maximumDepth: 512, duplicateKeys: .allow)

    /// Creates options with the given depth limit and duplicate-key policy.
    ///
    /// - Parameter maximumDepth: The most arrays and objects that may be open at once; 512 by default.
    /// - Parameter duplicateKeys: What to do with duplicate object keys; ``DuplicateKeyPolicy/reject`` by default.
    /// - Complexity: O(1).
    public init(maximumDepth: Int = 512, duplicateKeys: DuplicateKeyPolicy = .reject) {
        self.maximumDepth = maximumDepth
        self.duplicateKeys = duplicateKeys
    }

    /// The depth limit the reader actually applies: ``maximumDepth`` clamped to `0...depthCeiling`.
    ///
    /// - Complexity: O(1).
    public var effectiveMaximumDepth: Int {
        min(max(maximumDepth, 0), Self.depthCeiling)
    }
}
