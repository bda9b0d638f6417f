import LiggareHash

/// A ledger head written down earlier, `SEQ:HASH`: the seq of a line and that line's hash.
///
/// Because every line carries the hash of the one before it, the hash of line `SEQ` fixes every line up to it.
/// `verify --checkpoint` proves that the ledger still holds exactly that history.
public struct Checkpoint: Hashable, Sendable, CustomStringConvertible {
    /// The seq of the line.
    public var seq: Int
    /// The RFC 6962 leaf hash of that line.
    public var hash: SHA256Digest

    /// Creates a checkpoint.
    public init(seq: Int, hash: SHA256Digest) {
        self.seq = seq
        self.hash = hash
    }

    /// Parses `SEQ:HASH` where HASH is 64 lowercase hex digits (uppercase is accepted and lowered).
    /// - Returns: `nil` when the text has another shape.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int(parts[0]), seq >= 1,
              let hash = SHA256Digest(hex: parts[1].lowercased()) else { return nil }
        self.init(seq: seq, hash: hash)
    }

    /// `SEQ:HASH`.
    public var description: String { "\(seq):\(hash.hex)" }
}

/// The last line of a ledger: its seq and hash, plus what the next append needs.
public struct LedgerHead: Hashable, Sendable, CustomStringConvertible {
    /// The seq of the last line.
    public var seq: Int
    /// The hash of the last line.
    public var hash: SHA256Digest
    /// The id of the last line.
    public var id: EventID
    /// The recorded time of the last line.
    public var recorded: Timestamp
    /// The file size in bytes (the offset where the next line starts).
    public var byteCount: Int

    /// The head as a checkpoint.
    public var checkpoint: Checkpoint { Checkpoint(seq: seq, hash: hash) }

    /// `SEQ:HASH`.
    public var description: String { checkpoint.description }
}
