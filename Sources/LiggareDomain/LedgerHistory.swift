import LiggareLog

/// What the as-of queries ask of a ledger: the board's state on an effective date as known at a cut, and a few facts
/// about its events. ``GovernanceLedger`` answers from events in memory; ``SnapshotLedger`` answers from a snapshot
/// plus the events recorded after it, and gives the same answers.
public protocol LedgerHistory: Sendable {
    /// The last seq.
    var lastSeq: Int { get }
    /// The last seq known at a cut.
    func knownSeq(_ knownAt: KnownAt) -> Int
    /// The board's state on effective date `at`, as known at `knownAt`.
    /// - Throws: when the events cannot be read (a damaged snapshot); never for a ledger in memory.
    func state(at: CivilDate, knownAt: KnownAt) throws -> BoardState
    /// The event with a seq, as recorded.
    /// - Throws: when the event cannot be read (a damaged snapshot).
    func event(seq: Int) throws -> RecordedEvent?
    /// The seq an event reference (`seq:N` or an event id) names, if it exists.
    func resolve(_ reference: String) -> Int?
    /// The seq of the first annulment of an event, if it has one.
    func annulment(of seq: Int) -> Int?
}

extension LedgerHistory {
    /// The organisation's name, from `ledger.opened` (empty when it has none).
    public func organization() throws -> String { try event(seq: 1)?.text("organization") ?? "" }

    /// The state with everything applied: every effective date, everything known.
    public func wholeState() throws -> BoardState { try state(at: CivilDate.latest, knownAt: .everything) }
}

extension CivilDate {
    /// 9999-12-31, later than every effective date.
    public static let latest = CivilDate(daysSinceEpoch: 2_932_896)
}

extension GovernanceLedger: LedgerHistory {
    public func annulment(of seq: Int) -> Int? { annulments[seq] }
}
