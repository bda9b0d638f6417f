/// The sink for ``JSONReader/scanTopLevelObject(_:options:_:)``: records where each top-level member's key and
/// value are, so that the caller's callback can be run once the whole text is known to be valid.
///
/// The records live in a ``ScratchStack`` that starts in stack memory; its owner must release it.
struct TopLevelMemberSink: JSONEventSink {
    /// The top-level members found so far, in input order.
    var members: ScratchStack<TopLevelMember>
    /// The number of open containers.
    private var depth = 0
    /// The current top-level member (key fields set at its key, value fields at its value).
    private var current = TopLevelMember(keyStart: 0, keyEnd: 0, valueStart: 0, valueEnd: 0, kind: 0, keyEscaped: false)

    /// Creates a sink that records into `members`.
    init(members: ScratchStack<TopLevelMember>) {
        self.members = members
    }

    /// Records a top-level member whose value is a scalar.
    @inline(__always)
    mutating func scalar(_ kind: JSONValueKind, start: Int, end: Int, escaped: Bool) {
        if depth == 1 {
            current.valueStart = start
            record(kind, end: end)
        }
    }

    /// Remembers a top-level key.
    @inline(__always)
    mutating func key(start: Int, end: Int, escaped: Bool) {
        if depth == 1 {
            current.keyStart = start
            current.keyEnd = end
            current.keyEscaped = escaped
        }
    }

    /// Remembers where a top-level member's container value starts.
    @inline(__always)
    mutating func beginContainer(_ kind: JSONValueKind, at offset: Int) {
        if depth == 1 {
            current.valueStart = offset
        }
        depth += 1
    }

    /// Records a top-level member whose container value just closed.
    @inline(__always)
    mutating func endContainer(_ kind: JSONValueKind, at offset: Int) {
        depth -= 1
        if depth == 1 {
            record(kind, end: offset + 1)
        }
    }

    /// Appends the current member, whose value ends just before `end`.
    @inline(__always)
    private mutating func record(_ kind: JSONValueKind, end: Int) {
        current.valueEnd = end
        current.kind = TopLevelMember.kindCode(kind)
        members.push(current)
    }
}
