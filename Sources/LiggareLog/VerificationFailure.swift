/// The first thing found wrong with a ledger, with where it is and what was expected.
public struct VerificationFailure: Error, Equatable, Sendable {
    /// The kind of damage, as a stable word (used in JSON output).
    public enum Kind: String, Sendable, CaseIterable {
        /// The file has no lines.
        case empty
        /// A line is not valid UTF-8 / strict JSON.
        case invalidJSON = "invalid-json"
        /// A line is valid JSON but not a valid ledger line (missing field, wrong shape, CR, blank ...).
        case invalidLine = "invalid-line"
        /// A line's bytes were changed after it was written: its hash no longer matches the next line's `prev`.
        case altered
        /// One or more lines are missing (seq jumps forward and the missing seqs appear nowhere later).
        case missing
        /// A line appears twice.
        case duplicated
        /// Lines are out of order.
        case reordered
        /// `id` does not increase.
        case idNotIncreasing = "id-not-increasing"
        /// `recorded` goes backwards.
        case recordedBackwards = "recorded-backwards"
        /// The file ends in bytes without a final newline.
        case tornTail = "torn-tail"
        /// Line 1 is not `ledger.opened`, or a later line is.
        case opening
        /// A checkpoint's seq is beyond the end of the ledger.
        case checkpointMissing = "checkpoint-missing"
        /// The line at a checkpoint's seq has another hash.
        case checkpointMismatch = "checkpoint-mismatch"
    }

    /// The kind of damage.
    public var kind: Kind
    /// The 1-based line number in the file, when the damage is in a line.
    public var line: Int?
    /// The seq of the damaged line, when it could be read.
    public var seq: Int?
    /// The byte offset in the file where the damaged line or tail starts.
    public var offset: Int?
    /// The field concerned, if any.
    public var field: String?
    /// What was expected there.
    public var expected: String?
    /// What was found there.
    public var actual: String?
    /// A full sentence for the user.
    public var message: String

    /// Creates a failure.
    public init(kind: Kind, line: Int? = nil, seq: Int? = nil, offset: Int? = nil, field: String? = nil,
                expected: String? = nil, actual: String? = nil, message: String) {
        self.kind = kind
        self.line = line
        self.seq = seq
        self.offset = offset
        self.field = field
        self.expected = expected
        self.actual = actual
        self.message = message
    }
}

/// What `verify` found.
public struct VerificationReport: Equatable, Sendable {
    /// The number of complete, valid lines read before the first failure (all of them on success).
    public var eventCount: Int
    /// The last valid line read (the head on success).
    public var head: Checkpoint?
    /// The file size in bytes.
    public var byteCount: Int
    /// The organisation named in `ledger.opened`.
    public var organization: String?
    /// The checkpoints that were confirmed.
    public var confirmedCheckpoints: [Checkpoint]
    /// The first failure, or `nil` when the ledger is intact.
    public var failure: VerificationFailure?

    /// Whether the ledger verified.
    public var isValid: Bool { failure == nil }
}
