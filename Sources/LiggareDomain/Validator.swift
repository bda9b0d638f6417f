import LiggareJSON
import LiggareLog

/// Keys a ledger has used, looked up without holding them all in memory.
public protocol KeyDirectory {
    /// Whether the key was used.
    func contains(_ key: String) -> Bool
    /// Every used key that starts with `prefix`.
    func keys(withPrefix prefix: String) -> [String]
}

/// Every problem found in a batch of new events.
public struct ValidationFailure: Error, Sendable {
    /// The problems, in input order.
    public var problems: [EventProblem]

    /// Creates a failure.
    public init(problems: [EventProblem]) { self.problems = problems }
}

/// Checks new events against the ledger as it stands, and completes them (derived keys) before they are written.
///
/// Every problem of every event is reported, each naming its input, field and value. Events of one batch are
/// checked in order, each against the ledger plus the events before it in the batch.
public struct Validator {
    var ledger: any LedgerHistory
    var state: BoardState
    var usedKeys: Set<String>
    /// Keys the ledger used that `usedKeys` does not hold (a snapshot's key index), if any.
    let moreKeys: (any KeyDirectory)?
    var nextSeq: Int
    /// The events of this batch accepted so far, with the seqs they will get.
    var accepted: [RecordedEvent] = []

    /// Prepares to check events that would follow the ledger's last event.
    /// - Complexity: O(n log n) in the ledger's events.
    public init(ledger: GovernanceLedger) {
        var used = Set<String>()
        for event in ledger.events { if let key = event.text("key") { used.insert(key) } }
        self.init(history: ledger, state: ledger.currentState, usedKeys: used, moreKeys: nil)
    }

    /// Prepares to check events against a state that holds at least every entity the events name (with what their
    /// rules look through), and the keys used so far.
    /// - Parameters:
    ///   - history: the ledger.
    ///   - state: its current state, or the part of it that concerns the events (``SnapshotLedger/currentState(concerning:)``).
    ///   - usedKeys: keys used in the ledger, with `moreKeys`.
    ///   - moreKeys: more keys used in the ledger.
    public init(history: any LedgerHistory, state: BoardState, usedKeys: Set<String>, moreKeys: (any KeyDirectory)?) {
        self.ledger = history
        self.state = state
        self.usedKeys = usedKeys
        self.moreKeys = moreKeys
        self.nextSeq = history.lastSeq + 1
    }

    /// Checks and completes a batch.
    /// - Returns: the drafts with derived keys stored in their data, or every problem found.
    public static func check(_ drafts: [EventDraft], against ledger: GovernanceLedger) -> Result<[EventDraft], ValidationFailure> {
        var validator = Validator(ledger: ledger)
        return validator.check(drafts)
    }

    /// Checks and completes a batch, each draft against the ledger and the drafts before it.
    /// - Returns: the drafts with derived keys stored in their data, or every problem found.
    public mutating func check(_ drafts: [EventDraft]) -> Result<[EventDraft], ValidationFailure> {
        var completed: [EventDraft] = []
        var problems: [EventProblem] = []
        for draft in drafts {
            switch check(draft) {
            case .success(let done): completed.append(done)
            case .failure(let found): problems += found.problems
            }
        }
        return problems.isEmpty ? .success(completed) : .failure(ValidationFailure(problems: problems))
    }

    /// Checks one draft against the ledger and the drafts accepted before it; on success, folds it in.
    public mutating func check(_ draft: EventDraft) -> Result<EventDraft, ValidationFailure> {
        guard let spec = EventCatalogue.spec(draft.type) else {
            let hint = Suggestion.closest(to: draft.type, among: EventCatalogue.all.map(\.type)).map { " Did you mean '\($0)'?" }
                ?? " See docs/events.md for the event types."
            return .failure(ValidationFailure(problems: [EventProblem(location: draft.source, field: "type",
                                                                      detail: "unknown event type '\(draft.type)'.\(hint)")]))
        }
        guard case .object(var data) = draft.data else {
            return .failure(ValidationFailure(problems: [EventProblem(location: draft.source, field: "data",
                                                                      detail: "must be a JSON object")]))
        }
        var context = CheckContext(draft: draft, spec: spec, data: data)
        checkFields(&context)
        checkRules(&context)
        if !context.problems.isEmpty { return .failure(ValidationFailure(problems: context.problems)) }
        if spec.creates != nil, data["key"] == nil, let key = context.derivedKey { data["key"] = .string(key) }
        if draft.type == "meeting.minutes_adjusted", data["head"] == nil, let last = try? ledger.event(seq: ledger.lastSeq) {
            // The checkpoint of everything recorded before this batch.
            data["head"] = .string("\(last.seq):\(last.hash)")
        }
        if let key = data["key"]?.stringValue { usedKeys.insert(key) }
        var completed = draft
        completed.data = .object(data)
        let recorded = RecordedEvent(seq: nextSeq, id: EventID(high: 0, low: UInt64(nextSeq)), type: draft.type,
                                     recorded: Timestamp(millisecondsSinceEpoch: 0), effective: draft.effective,
                                     actor: draft.actor, hash: "", data: data)
        state.apply(recorded)
        accepted.append(recorded)
        nextSeq += 1
        return .success(completed)
    }

    /// What one check works on.
    struct CheckContext {
        let draft: EventDraft
        let spec: EventSpec
        let data: JSONObject
        var problems: [EventProblem] = []
        var derivedKey: String?

        init(draft: EventDraft, spec: EventSpec, data: JSONObject) {
            self.draft = draft
            self.spec = spec
            self.data = data
        }

        mutating func problem(_ field: String?, _ detail: String) {
            problems.append(EventProblem(location: draft.source, field: field, detail: detail))
        }

        func text(_ name: String) -> String? { data[name]?.stringValue }
        var effective: CivilDate { draft.effective }
    }

    // MARK: Field shapes

    func checkFields(_ c: inout CheckContext) {
        let names = c.spec.fields.map(\.name)
        for member in c.data.members where !names.contains(member.key) {
            let hint = Suggestion.closest(to: member.key, among: names).map { " Did you mean '\($0)'?" } ?? ""
            c.problem(member.key, "\(c.spec.type) has no field \"\(member.key)\"; it has \(names.joined(separator: ", ")).\(hint)")
        }
        for field in c.spec.fields {
            guard let value = c.data[field.name] else {
                if field.required { c.problem(field.name, "missing; expected \(field.kind.expectation) (\(field.meaning))") }
                continue
            }
            if let detail = problem(with: value, as: field.kind, effective: c.effective) {
                c.problem(field.name, detail)
            }
        }
    }

    /// What is wrong with a value for a field kind, or nil.
    func problem(with value: JSONValue, as kind: FieldKind, effective: CivilDate) -> String? {
        let shown = Self.show(value)
        let bad = "\(shown) is not \(kind.expectation)"
        switch kind {
        case .text:
            guard let s = value.stringValue, !s.trimmingWhitespace.isEmpty else { return bad }
        case .texts:
            guard let items = value.arrayValue, items.allSatisfy({ !($0.stringValue ?? "").trimmingWhitespace.isEmpty })
            else { return bad }
        case .date:
            guard let s = value.stringValue, CivilDate(s) != nil else { return "\(shown) is not a real date; expected YYYY-MM-DD" }
        case .period:
            guard let s = value.stringValue, DuePeriod.parse(s, defaultYear: effective.year) != nil else { return bad }
        case .integer(let range):
            guard let n = value.int64Value, range.contains(Int(n)) else { return bad }
        case .boolean:
            guard value.boolValue != nil else { return bad }
        case .number:
            guard value.numberValue != nil else { return bad }
        case .choice(let words):
            guard let s = value.stringValue, words.contains(s) else {
                let hint = value.stringValue.flatMap { Suggestion.closest(to: $0, among: words) }.map { " Did you mean \"\($0)\"?" } ?? ""
                return bad + hint
            }
        case .reference(let entity):
            guard let key = value.stringValue else { return bad }
            guard state.kind(of: key) == entity else {
                let candidates = state.keys.filter { $0.value.kind == entity }.map(\.key).sorted()
                let hint = Suggestion.closest(to: key, among: candidates).map { " Did you mean '\($0)'?" } ?? ""
                if let other = state.kind(of: key) { return "\"\(key)\" is a \(other.rawValue), not a \(entity.rawValue)" }
                return "\"\(key)\" is not a known \(entity.rawValue) (\(entity.swedish)).\(hint)"
            }
        case .head:
            guard let s = value.stringValue, let checkpoint = Checkpoint(s) else { return bad }
            guard let event = try? ledger.event(seq: checkpoint.seq), event.hash == checkpoint.hash.hex else {
                return "\(shown) does not match the ledger: there is no line \(checkpoint.seq) with that hash"
            }
        case .eventReference:
            guard let s = value.stringValue else { return bad }
            guard resolveEvent(s) != nil else { return "\(shown) names no event in the ledger (use seq:N or an event id)" }
        case .object:
            guard value.objectValue != nil else { return bad }
        }
        return nil
    }

    static func show(_ value: JSONValue) -> String {
        let text = String(decoding: JSONWriter.serialize(value), as: UTF8.self)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    // MARK: Rules

    mutating func checkRules(_ c: inout CheckContext) {
        let date = c.effective
        switch c.spec.type {
        case "organ.established":
            checkNewKey(&c, c.text("key"))
            if c.text("kind") == "gemensam nämnd" && c.text("host") == nil {
                c.problem("host", "a gemensam nämnd names its host region (värdregion)")
            }
        case "organ.dissolved":
            if state.organ(c.text("organ"))?.dissolved != nil { c.problem("organ", "the organ is already dissolved") }
        case "member.appointed":
            if let organ = state.organ(c.text("organ")), organ.dissolved != nil { c.problem("organ", "the organ is dissolved") }
            let from = c.text("from").flatMap { CivilDate($0) } ?? date
            if let to = c.text("to").flatMap({ CivilDate($0) }), to < from { c.problem("to", "\(to) is before from \(from)") }
            let role = c.text("role"), person = c.text("person"), organ = c.text("organ")
            if state.members.contains(where: { $0.organ == organ && $0.person == person && $0.role == role && $0.left == nil
                && ($0.to.map { $0 >= from } ?? true) }) {
                c.problem("person", "\(person ?? "") is already \(role ?? "") of \(organ ?? "")")
            }
        case "member.left":
            let organ = c.text("organ"), person = c.text("person")
            if !state.members.contains(where: { $0.organ == organ && $0.person == person && $0.left == nil }) {
                c.problem("person", "\"\(person ?? "")\" is not a current member of \(organ ?? "")")
            }
        case "meeting.held":
            if let organ = state.organ(c.text("organ")), organ.dissolved != nil { c.problem("organ", "the organ is dissolved") }
            if let key = c.text("key") { checkNewKey(&c, key) } else { c.derivedKey = unique("\(c.text("organ") ?? "")-\(date)") }
        case "meeting.minutes_adjusted":
            if let meeting = state.meeting(c.text("meeting")) {
                if date < meeting.date { c.problem(nil, "the minutes cannot be adjusted (\(date)) before the meeting (\(meeting.date))") }
                if meeting.adjusted != nil { c.problem("meeting", "the minutes of \(meeting.key) are already adjusted") }
            }
        case "meeting.notice_posted":
            if let meeting = state.meeting(c.text("meeting")) {
                if let adjusted = meeting.adjusted {
                    if date < adjusted { c.problem(nil, "the notice cannot be posted (\(date)) before the adjustment (\(adjusted))") }
                } else {
                    c.problem("meeting", "the minutes of \(meeting.key) are not adjusted yet; record meeting.minutes_adjusted first")
                }
                if meeting.noticePosted != nil { c.problem("meeting", "the notice for \(meeting.key) is already posted") }
            }
        case "decision.recorded":
            let organ = c.text("organ") ?? ""
            if let meeting = state.meeting(c.text("meeting")) {
                if meeting.organ != organ { c.problem("meeting", "\(meeting.key) is a meeting of \(meeting.organ), not of \(organ)") }
                if meeting.date != date { c.problem("meeting", "\(meeting.key) was held on \(meeting.date), but the decision's effective date is \(date)") }
            }
            let paragraph = c.data["paragraph"]?.int64Value.map { Int($0) } ?? 0
            if let other = state.decisions.first(where: { $0.organ == organ && $0.paragraph == paragraph && $0.date.year == date.year }) {
                c.problem("paragraph", "§ \(paragraph) of \(organ) in \(date.year) is already \(other.key)")
            }
            if let key = c.text("key") { checkNewKey(&c, key) } else { c.derivedKey = unique("\(organ)-\(date.year)-§\(paragraph)") }
        case "decision.appeal_decided":
            if let decision = state.decision(c.text("decision")), !decision.appeals.contains(where: { $0.decided == nil }) {
                c.problem("decision", "\(decision.key) has no appeal waiting to be decided; record decision.appeal_filed first")
            }
        case "assignment.issued":
            if let key = c.text("key") { checkNewKey(&c, key) } else { c.derivedKey = nextNumbered(prefix: "U-\(date.year)-", width: 2) }
        case "assignment.progress_noted", "assignment.due_changed", "assignment.reported_back", "assignment.withdrawn",
             "assignment.transferred":
            if let assignment = state.assignment(c.text("assignment")), let why = closedReason(assignment) {
                c.problem("assignment", "\(assignment.key) is \(why); \(c.spec.type) is not possible")
            }
        case "assignment.closed":
            if let assignment = state.assignment(c.text("assignment")), assignment.withdrawn != nil || assignment.closed != nil {
                c.problem("assignment", "\(assignment.key) is already \(assignment.withdrawn != nil ? "withdrawn" : "closed")")
            }
        case "control.plan_adopted":
            let organ = c.text("organ") ?? "", year = c.data["year"]?.int64Value.map { Int($0) } ?? 0
            if let plan = state.plans.first(where: { $0.organ == organ && $0.year == year }) {
                c.problem("year", "\(organ) already has the plan \(plan.key) for \(year)")
            }
            if let key = c.text("key") { checkNewKey(&c, key) } else { c.derivedKey = unique("IKP-\(organ)-\(year)") }
        case "control.point_defined":
            if let key = c.text("key") { checkNewKey(&c, key) } else if let plan = state.plan(c.text("plan")) {
                c.derivedKey = nextNumbered(prefix: "\(plan.organ)-\(plan.year)-K", width: 1)
            }
        case "control.result_recorded":
            if c.text("outcome") == "avvikelse" && c.text("finding") == nil {
                c.problem("finding", "a deviation (avvikelse) states what was found")
            }
            if let point = state.point(c.text("point")), state.plan(point.plan) == nil {
                c.problem("point", "\(point.key) belongs to a plan that was never adopted")
            }
        case "control.measure_decided":
            if let point = state.point(c.text("point")) {
                if !point.results.contains(where: { $0.outcome == "avvikelse" }) {
                    c.problem("point", "\(point.key) has no recorded deviation (avvikelse) to remedy")
                }
                if let key = c.text("key") { checkNewKey(&c, key) } else { c.derivedKey = nextNumbered(prefix: "\(point.key)-A", width: 1) }
            }
        case "control.measure_completed":
            if let measure = state.measure(c.text("measure")), measure.completed != nil {
                c.problem("measure", "\(measure.key) is already completed")
            }
        case "indicator.defined":
            checkNewKey(&c, c.text("key"))
        case "document.adopted":
            if let key = c.text("key") { checkNewKey(&c, key) } else { c.derivedKey = unique(Self.slug(c.text("title") ?? "dokument")) }
        case "document.reviewed", "document.repealed":
            if let document = state.document(c.text("document")), document.repealed != nil {
                c.problem("document", "\(document.key) is repealed")
            }
        case "audit.report_received":
            if let key = c.text("key") { checkNewKey(&c, key) } else { c.derivedKey = nextNumbered(prefix: "REV-\(date.year)-", width: 1) }
        case "event.corrected", "event.annulled":
            checkMeta(&c)
        default:
            break
        }
    }

    /// The event a reference names: in the ledger, or earlier in this batch (by `seq:N`).
    func resolveEvent(_ reference: String) -> RecordedEvent? {
        if let seq = ledger.resolve(reference) { return try? ledger.event(seq: seq) }
        if reference.hasPrefix("seq:"), let n = Int(reference.dropFirst(4)) { return accepted.first { $0.seq == n } }
        return nil
    }

    func closedReason(_ a: Assignment) -> String? {
        if a.withdrawn != nil { return "withdrawn (återkallat)" }
        if a.closed != nil { return "closed (avslutat)" }
        if a.reportedBack != nil { return "already reported back (återrapporterat)" }
        return nil
    }

    mutating func checkMeta(_ c: inout CheckContext) {
        guard let reference = c.text("event"), let target = resolveEvent(reference) else { return }
        let seq = target.seq
        // Corrections and annulments are never themselves corrected or annulled; a note can only be annulled.
        guard let targetSpec = EventCatalogue.spec(target.type), !target.isMeta,
              target.type != "note.added" || c.spec.type == "event.annulled" else {
            c.problem("event", "\(reference) is a \(target.type) event, which cannot be \(c.spec.type == "event.corrected" ? "corrected" : "annulled")")
            return
        }
        if let annulled = ledger.annulment(of: seq) {
            c.problem("event", "\(reference) was already annulled by seq \(annulled)")
            return
        }
        guard c.spec.type == "event.corrected", let fields = c.data["fields"]?.objectValue else { return }
        if fields.isEmpty { c.problem("fields", "names no field to correct") }
        for member in fields.members {
            guard let field = targetSpec.field(member.key) else { continue }
            if member.key == "key" {
                c.problem("fields.key", "a key is never corrected (other events refer to it); annul the event and record it again")
            } else if member.value.isNull {
                if field.required { c.problem("fields.\(member.key)", "is required by \(target.type) and cannot be removed") }
            } else if let detail = problem(with: member.value, as: field.kind, effective: target.effective) {
                c.problem("fields.\(member.key)", detail)
            }
        }
        for member in fields.members where targetSpec.field(member.key) == nil {
            let names = targetSpec.fields.map(\.name)
            let hint = Suggestion.closest(to: member.key, among: names).map { " Did you mean '\($0)'?" } ?? ""
            c.problem("fields.\(member.key)", "\(target.type) has no field \"\(member.key)\".\(hint)")
        }
    }

    // MARK: Keys

    func checkNewKey(_ c: inout CheckContext, _ key: String?) {
        guard let key else { return }
        if key.trimmingWhitespace != key || key.isEmpty || key.count > 64 || key.hasPrefix("seq:")
            || key.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            c.problem("key", "\"\(key)\" is not a usable key: 1–64 characters, no surrounding spaces or control characters, not seq:N")
        } else if isUsed(key) {
            c.problem("key", "\"\(key)\" is already used in this ledger; keys are unique")
        }
    }

    /// Whether a key is taken: used by an event or by an entity.
    func isUsed(_ key: String) -> Bool {
        usedKeys.contains(key) || state.keys[key] != nil || moreKeys?.contains(key) == true
    }

    /// `base`, or `base-2`, `base-3` … if taken.
    func unique(_ base: String) -> String {
        if !isUsed(base) { return base }
        var n = 2
        while isUsed("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }

    /// The next free `prefix` + number (zero-padded to `width`).
    /// - Complexity: O(keys used so far) without `moreKeys`; O(log k + keys with the prefix) with it.
    func nextNumbered(prefix: String, width: Int) -> String {
        var highest = 0
        let candidates = usedKeys.filter { $0.hasPrefix(prefix) } + state.keys.keys.filter { $0.hasPrefix(prefix) }
            + (moreKeys?.keys(withPrefix: prefix) ?? [])
        for key in candidates {
            if let n = Int(key.dropFirst(prefix.count)) { highest = max(highest, n) }
        }
        let digits = String(highest + 1)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A key from a title: lowercase ASCII letters and digits, å ä → a, ö → o, other runs → "-".
    static func slug(_ title: String) -> String {
        var out = ""
        var dash = false
        for ch in title.lowercased() {
            let mapped: Character?
            switch ch {
            case "å", "ä", "á", "à": mapped = "a"
            case "ö", "ó", "ø": mapped = "o"
            case "é", "è": mapped = "e"
            case "ü": mapped = "u"
            default: mapped = ch.isASCII && (ch.isLetter || ch.isNumber) ? ch : nil
            }
            if let mapped { out.append(mapped); dash = false } else if !dash && !out.isEmpty { out.append("-"); dash = true }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "dokument" : String(out.prefix(40))
    }
}
