/// Why a snapshot's payload cannot be used; the caller then reads the ledger itself.
public struct SnapshotDamage: Error, Sendable {
    /// What is wrong.
    public var detail: String
}
