/// A JSON number, kept exactly as written.
///
/// The reader never converts numbers: `1.0`, `1e0` and `1` are three different numbers with three different
/// lexemes, and `1e999` or `100000000000000000000000000` are kept without loss. Equality and hashing compare
/// lexemes.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as in the input, for example `-12.50e+3`; always matches the RFC 8259 grammar
    /// `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    public let lexeme: String

    /// Creates a number from a lexeme already known to be valid (read by the reader, or from Liggare's own cache).
    package init(uncheckedLexeme: String) {
        lexeme = uncheckedLexeme
    }

    /// Creates a number from a lexeme, if it matches the RFC 8259 number grammar.
    ///
    /// - Parameter lexeme: The number as it should be written, without surrounding whitespace.
    /// - Returns: nil when `lexeme` is not a JSON number (for example `+1`, `01`, `1.`, `.5`, `NaN` or ` 1`).
    /// - Complexity: O(*n*) for a lexeme of *n* bytes.
    public init?(lexeme: String) {
        let utf8 = lexeme.utf8
        guard let first = utf8.first, let last = utf8.last,
              first == 0x2D || first &- 0x30 < 10, last &- 0x30 < 10 else { return nil }
        do {
            try JSONReader.validate(lexeme, options: .rfc8259)
        } catch {
            return nil
        }
        self.lexeme = lexeme
    }

    /// Creates a number from an integer, written in decimal without leading zeros.
    ///
    /// - Parameter value: The integer.
    /// - Complexity: O(*d*) for *d* decimal digits.
    public init(_ value: some BinaryInteger) {
        lexeme = String(value)
    }

    /// Creates a number from a finite `Double`, written in Swift's shortest round-tripping form (for example
    /// `0.1`, `5.0`, `1e-05`, `1e+100`).
    ///
    /// - Parameter value: The value.
    /// - Returns: nil when `value` is infinite or NaN, which JSON cannot represent.
    /// - Complexity: O(1).
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.init(lexeme: value.description)
    }

    /// Whether the lexeme is written as an integer (no fraction and no exponent), such as `-42` or `0`.
    ///
    /// - Complexity: O(*n*) for a lexeme of *n* bytes.
    public var isInteger: Bool {
        !lexeme.utf8.contains { $0 == 0x2E || $0 | 0x20 == 0x65 }
    }

    /// The value as an `Int64`, only when the lexeme is written as an integer and is in range.
    ///
    /// `-0` gives 0; `1.0`, `1e2` and `9223372036854775808` give nil.
    ///
    /// - Complexity: O(*n*) for a lexeme of *n* bytes.
    public var int64Value: Int64? {
        guard isInteger else { return nil }
        return Int64(lexeme, radix: 10)
    }

    /// The nearest `Double`, or nil when the number is too large in magnitude to be finite (such as `1e999`).
    ///
    /// Numbers too small for a `Double` give 0 or a subnormal value.
    ///
    /// - Complexity: O(*n*) for a lexeme of *n* bytes.
    public var doubleValue: Double? {
        guard let value = Double(lexeme), value.isFinite else { return nil }
        return value
    }

    /// The lexeme.
    ///
    /// - Complexity: O(1).
    public var description: String { lexeme }
}
