import LiggareJSON

/// An event before the ledger has given it its seq, id, recorded time and prev.
public struct EventDraft: Sendable {
    /// The event type, for example `decision.recorded`.
    public var type: String
    /// The civil date on which the event takes effect.
    public var effective: CivilDate
    /// Who records it.
    public var actor: String
    /// The payload; must be a JSON object.
    public var data: JSONValue
    /// Where the draft came from, for error messages (for example `input.jsonl:3`).
    public var source: String

    /// Creates a draft.
    public init(type: String, effective: CivilDate, actor: String, data: JSONValue, source: String = "event") {
        self.type = type
        self.effective = effective
        self.actor = actor
        self.data = data
        self.source = source
    }

    /// The problems that make this draft unwritable, judged on its own.
    ///
    /// - Returns: an empty array when the draft can be written.
    public func problems() -> [EventProblem] {
        var found: [EventProblem] = []
        if !LedgerFormat.isValidType(type) {
            found.append(EventProblem(location: source, field: "type",
                                      detail: "\"\(LineProblem.printable(type))\" is not an event type; expected lowercase words "
                                        + "separated by dots, such as \"decision.recorded\""))
        } else if type == LedgerFormat.openedType {
            found.append(EventProblem(location: source, field: "type",
                                      detail: "ledger.opened is written only by `liggare init`, as line 1"))
        }
        if actor.isEmpty || actor.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            found.append(EventProblem(location: source, field: "actor", detail: "must not be empty"))
        }
        if case .object = data {} else {
            found.append(EventProblem(location: source, field: "data", detail: "must be a JSON object ({…})"))
        }
        return found
    }
}

/// What an append wrote.
public struct AppendResult: Sendable {
    /// One written event.
    public struct Written: Sendable {
        /// Its seq.
        public var seq: Int
        /// Its id.
        public var id: EventID
        /// Its type.
        public var type: String
        /// Its recorded time.
        public var recorded: Timestamp
        /// The hash of its line.
        public var hashHex: String
        /// The key of what it created (`data.key`), if any.
        public var key: String?
    }

    /// The events written, in order.
    public var written: [Written]
    /// The new head.
    public var head: LedgerHead
}

/// What `repair` did.
public struct RepairResult: Sendable {
    /// Where the torn bytes started.
    public var offset: Int
    /// How many bytes were moved.
    public var length: Int
    /// Why they were judged torn.
    public var reason: String
    /// The quarantine file now holding them.
    public var quarantinePath: String
    /// The head after the repair, when the new last line is intact.
    public var head: LedgerHead?
    /// What is still wrong with the new tail, when the line before the torn bytes is unreadable too.
    public var remainingProblem: String?
}
