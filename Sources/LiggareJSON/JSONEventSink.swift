/// Receives the values that ``JSONScanner`` recognises, in input order.
///
/// The scanner validates everything itself; a sink only builds or reports. Sinks are used as generic
/// parameters so that the no-op validation sink compiles away entirely.
protocol JSONEventSink {
    /// A complete scalar value: its kind and its byte range `start..<end` (a string's range includes its quotes);
    /// `escaped` tells whether a string contains a backslash.
    mutating func scalar(_ kind: JSONValueKind, start: Int, end: Int, escaped: Bool)

    /// An object key, already checked for duplicates: its byte range `start..<end` including its quotes.
    mutating func key(start: Int, end: Int, escaped: Bool)

    /// The opening bracket of an array or object, at byte `offset`.
    mutating func beginContainer(_ kind: JSONValueKind, at offset: Int)

    /// The closing bracket of an array or object, at byte `offset`.
    mutating func endContainer(_ kind: JSONValueKind, at offset: Int)
}
