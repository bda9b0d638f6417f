extension JSONReadOptions {
    /// What the reader does when an object has two members with equal keys.
    ///
    /// Keys are compared after unescaping, as sequences of Unicode scalars (so `"a"` and `"\u0061"` are equal),
    /// without Unicode normalisation (so `"é"` and `"e\u0301"` are different keys).
    public enum DuplicateKeyPolicy: Sendable, Hashable {
        /// Accept duplicate keys; `JSONReader.parse` keeps every member
        /// in input order and ``JSONObject``'s subscript returns the first.
        case allow
        /// Reject the text with "duplicate key "k" in an object" at the second occurrence.
        case reject
    }
}
