/// The sink for ``JSONReader/validate(_:options:)``: ignores every event.
struct ValidationSink: JSONEventSink {
    /// Ignores a scalar.
    @inline(__always)
    mutating func scalar(_ kind: JSONValueKind, start: Int, end: Int, escaped: Bool) {}

    /// Ignores a key.
    @inline(__always)
    mutating func key(start: Int, end: Int, escaped: Bool) {}

    /// Ignores an opening bracket.
    @inline(__always)
    mutating func beginContainer(_ kind: JSONValueKind, at offset: Int) {}

    /// Ignores a closing bracket.
    @inline(__always)
    mutating func endContainer(_ kind: JSONValueKind, at offset: Int) {}
}
