/// Why a JSON text was rejected, and where.
///
/// The position is given three ways: ``offset`` counts bytes from the start of the input, ``line`` counts line
/// feeds (U+000A) before the offset, and ``column`` counts bytes (not characters) from the start of that line.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset, from the start of the input, of the byte where the problem is (the input's length when
    /// the problem is that the input ended too early).
    public var offset: Int
    /// The 1-based line of ``offset``: one more than the number of line feed bytes (0x0A) before it.
    public var line: Int
    /// The 1-based column of ``offset``, counted in bytes (not characters) from the byte after the last line
    /// feed before it.
    public var column: Int
    /// What was found and what was expected, in plain English, for example
    /// "expected ',' or '}' after an object member, found ']'".
    public var message: String

    /// Creates an error with an explicit position.
    ///
    /// - Parameter offset: The byte offset of the problem from the start of the input.
    /// - Parameter line: The 1-based line of the problem.
    /// - Parameter column: The 1-based column of the problem, in bytes.
    /// - Parameter message: What was found and what was expected.
    /// - Complexity: O(1).
    public init(offset: Int, line: Int, column: Int, message: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.message = message
    }

    /// Creates an error for a byte offset in an input, computing its line and column.
    ///
    /// - Parameter offset: The byte offset of the problem; clamped to `0...input.count`.
    /// - Parameter message: What was found and what was expected.
    /// - Parameter input: The input the offset refers to.
    /// - Complexity: O(*offset*).
    public init(offset: Int, message: String, in input: UnsafeRawBufferPointer) {
        let clamped = min(max(offset, 0), input.count)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < clamped {
            if input[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.init(offset: clamped, line: line, column: clamped - lineStart + 1, message: message)
    }

    /// The error as "line L, column C (byte O): message".
    ///
    /// - Complexity: O(*m*), where *m* is the length of the message.
    public var description: String {
        "line \(line), column \(column) (byte \(offset)): \(message)"
    }
}
