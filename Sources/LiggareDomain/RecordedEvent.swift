import LiggareHash
import LiggareJSON
import LiggareLog

/// A stored event as the domain sees it: the line's fields and its payload.
public struct RecordedEvent: Sendable {
    /// The line's seq.
    public let seq: Int
    /// The event id.
    public let id: EventID
    /// The event type.
    public let type: String
    /// When the ledger recorded it.
    public let recorded: Timestamp
    /// When it took effect.
    public let effective: CivilDate
    /// Who recorded it.
    public let actor: String
    /// The line's hash.
    public let digest: SHA256Digest
    /// The line's hash, 64 hex digits.
    public var hash: String { digest.hex }
    /// The payload.
    public let data: JSONObject

    /// Creates an event.
    public init(seq: Int, id: EventID, type: String, recorded: Timestamp, effective: CivilDate, actor: String,
                digest: SHA256Digest, data: JSONObject) {
        self.seq = seq
        self.id = id
        self.type = type
        self.recorded = recorded
        self.effective = effective
        self.actor = actor
        self.digest = digest
        self.data = data
    }

    /// Creates an event whose hash is given in hexadecimal (all zeros if it is not 64 hex digits).
    public init(seq: Int, id: EventID, type: String, recorded: Timestamp, effective: CivilDate, actor: String,
                hash: String, data: JSONObject) {
        self.init(seq: seq, id: id, type: type, recorded: recorded, effective: effective, actor: actor,
                  digest: SHA256Digest(hex: hash) ?? .zero, data: data)
    }

    /// A copy with other data (after a correction).
    func with(data: JSONObject) -> RecordedEvent {
        RecordedEvent(seq: seq, id: id, type: type, recorded: recorded, effective: effective, actor: actor, digest: digest,
                      data: data)
    }

    /// Whether this is a correction or an annulment (a meta event about another event).
    public var isMeta: Bool { type == "event.corrected" || type == "event.annulled" }

    /// A text field of the data.
    public func text(_ name: String) -> String? { data[name]?.stringValue }

    /// A text-array field of the data (empty when absent).
    func texts(_ name: String) -> [String] { data[name]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// An integer field of the data.
    func int(_ name: String) -> Int? { data[name]?.int64Value.map { Int($0) } }

    /// A boolean field of the data.
    func bool(_ name: String) -> Bool? { data[name]?.boolValue }

    /// A date field of the data.
    func date(_ name: String) -> CivilDate? { text(name).flatMap { CivilDate($0) } }
}
