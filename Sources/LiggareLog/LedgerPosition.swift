import LiggareHash

/// Where a reading of a ledger stopped: just after its last complete line. A later reading can continue from here,
/// and a derived cache (a snapshot) is bound to it.
public struct LedgerPosition: Sendable, Equatable {
    /// The number of lines read (the last line's number; its seq in a well-formed ledger).
    public var lines: Int
    /// The byte offset just past the last line's newline: where the next line starts.
    public var offset: Int
    /// The last line's length in bytes, without its newline.
    public var lineLength: Int
    /// The last line's hash (all zeros before the first line).
    public var hash: SHA256Digest

    /// The start of a file: nothing read yet.
    public static let start = LedgerPosition(lines: 0, offset: 0, lineLength: 0, hash: .zero)

    /// Creates a position.
    public init(lines: Int, offset: Int, lineLength: Int, hash: SHA256Digest) {
        self.lines = lines
        self.offset = offset
        self.lineLength = lineLength
        self.hash = hash
    }
}
