import LiggareJSON
import LiggareLog

/// The board's state: what a fold of events produces. Collections keep the order in which entities appeared.
public struct BoardState: Sendable, Equatable {
    public var organs: [Organ] = []
    public var members: [Member] = []
    public var meetings: [Meeting] = []
    public var decisions: [Decision] = []
    public var assignments: [Assignment] = []
    public var plans: [ControlPlan] = []
    public var points: [ControlPoint] = []
    public var measures: [Measure] = []
    public var indicators: [Indicator] = []
    public var documents: [GoverningDocument] = []
    public var audits: [Audit] = []
    /// Every key, with its kind and index in its collection.
    public var keys: [String: (kind: EntityKind, index: Int)] = [:]

    /// An empty state.
    public init() {}

    public static func == (lhs: BoardState, rhs: BoardState) -> Bool {
        lhs.organs == rhs.organs && lhs.members == rhs.members && lhs.meetings == rhs.meetings
            && lhs.decisions == rhs.decisions && lhs.assignments == rhs.assignments && lhs.plans == rhs.plans
            && lhs.points == rhs.points && lhs.measures == rhs.measures && lhs.indicators == rhs.indicators
            && lhs.documents == rhs.documents && lhs.audits == rhs.audits
    }

    /// The kind of entity a key names, if any.
    public func kind(of key: String) -> EntityKind? { keys[key]?.kind }

    func index(_ key: String?, _ kind: EntityKind) -> Int? {
        guard let key, let entry = keys[key], entry.kind == kind else { return nil }
        return entry.index
    }

    public func organ(_ key: String?) -> Organ? { index(key, .organ).map { organs[$0] } }
    public func meeting(_ key: String?) -> Meeting? { index(key, .meeting).map { meetings[$0] } }
    public func decision(_ key: String?) -> Decision? { index(key, .decision).map { decisions[$0] } }
    public func assignment(_ key: String?) -> Assignment? { index(key, .assignment).map { assignments[$0] } }
    public func plan(_ key: String?) -> ControlPlan? { index(key, .controlPlan).map { plans[$0] } }
    public func point(_ key: String?) -> ControlPoint? { index(key, .controlPoint).map { points[$0] } }
    public func measure(_ key: String?) -> Measure? { index(key, .measure).map { measures[$0] } }
    public func indicator(_ key: String?) -> Indicator? { index(key, .indicator).map { indicators[$0] } }
    public func document(_ key: String?) -> GoverningDocument? { index(key, .document).map { documents[$0] } }
    public func audit(_ key: String?) -> Audit? { index(key, .audit).map { audits[$0] } }

    /// The key an entity-creating event gives its entity: `data.key` (the writer always stores it), or for a line
    /// written without one, a key made from the seq.
    static func key(of event: RecordedEvent, prefix: String) -> String {
        event.text("key") ?? "\(prefix)-seq\(event.seq)"
    }

    mutating func register(_ key: String, _ kind: EntityKind, _ index: Int) -> Bool {
        guard keys[key] == nil else { return false }
        keys[key] = (kind, index)
        return true
    }

    /// Folds one event into the state. Events whose target does not exist (for example after an annulment) are
    /// skipped.
    /// - Complexity: O(1) amortised, except member lookups, O(members of the organ).
    public mutating func apply(_ e: RecordedEvent) {
        let seq = e.seq
        switch e.type {
        case "organ.established":
            let key = Self.key(of: e, prefix: "ORG")
            guard register(key, .organ, organs.count) else { return }
            organs.append(Organ(key: key, name: e.text("name") ?? key, kind: e.text("kind") ?? "", host: e.text("host"),
                                participants: e.texts("participants"), parent: e.text("parent"),
                                foundingDecision: e.text("foundingDecision"), established: e.effective, dissolved: nil,
                                events: [seq]))
        case "organ.dissolved":
            guard let i = index(e.text("organ"), .organ) else { return }
            organs[i].dissolved = e.effective
            organs[i].events.append(seq)
        case "member.appointed":
            guard let organ = e.text("organ"), let i = index(organ, .organ), let person = e.text("person") else { return }
            members.append(Member(organ: organ, person: person, role: e.text("role") ?? "ledamot", electedBy: e.text("electedBy"),
                                  title: e.text("title"), from: e.date("from") ?? e.effective, to: e.date("to"), left: nil,
                                  events: [seq]))
            organs[i].events.append(seq)
        case "member.left":
            let organ = e.text("organ"), person = e.text("person")
            for i in members.indices where members[i].organ == organ && members[i].person == person && members[i].left == nil {
                members[i].left = e.effective
                members[i].events.append(seq)
            }
        case "meeting.held":
            guard let organ = e.text("organ"), let o = index(organ, .organ) else { return }
            let key = e.text("key") ?? "\(organ)-\(e.effective)"
            guard register(key, .meeting, meetings.count) else { return }
            meetings.append(Meeting(key: key, organ: organ, date: e.effective, digital: e.bool("digital") ?? false,
                                    place: e.text("place"), present: e.texts("present"), adjusted: nil, adjustedBy: [],
                                    adjustedHead: nil, noticePosted: nil, events: [seq]))
            organs[o].events.append(seq)
        case "meeting.minutes_adjusted":
            guard let i = index(e.text("meeting"), .meeting) else { return }
            meetings[i].adjusted = e.effective
            meetings[i].adjustedBy = e.texts("adjustedBy")
            meetings[i].adjustedHead = e.text("head")
            meetings[i].events.append(seq)
        case "meeting.notice_posted":
            guard let i = index(e.text("meeting"), .meeting) else { return }
            meetings[i].noticePosted = e.effective
            meetings[i].events.append(seq)
        case "decision.recorded":
            guard let organ = e.text("organ"), index(organ, .organ) != nil else { return }
            let paragraph = e.int("paragraph") ?? 0
            let key = e.text("key") ?? "\(organ)-\(e.effective.year)-§\(paragraph)"
            guard register(key, .decision, decisions.count) else { return }
            decisions.append(Decision(key: key, organ: organ, meeting: e.text("meeting"), paragraph: paragraph,
                                      caseNumber: e.text("case"), title: e.text("title") ?? "", points: e.texts("points"),
                                      sentTo: e.texts("sentTo"), delegated: e.bool("delegated") ?? false, date: e.effective,
                                      appeals: [], events: [seq]))
            if let m = index(e.text("meeting"), .meeting) { meetings[m].events.append(seq) }
        case "decision.appeal_filed":
            guard let i = index(e.text("decision"), .decision) else { return }
            decisions[i].appeals.append(Appeal(filed: e.effective, appellant: e.text("appellant"), court: e.text("court"),
                                               decided: nil, outcome: nil))
            decisions[i].events.append(seq)
        case "decision.appeal_decided":
            guard let i = index(e.text("decision"), .decision),
                  let a = decisions[i].appeals.lastIndex(where: { $0.decided == nil }) else { return }
            decisions[i].appeals[a].decided = e.effective
            decisions[i].appeals[a].outcome = e.text("outcome")
            decisions[i].events.append(seq)
        case "assignment.issued":
            guard let decision = e.text("decision"), let d = index(decision, .decision),
                  let due = e.text("due").flatMap({ DuePeriod.parse($0, defaultYear: e.effective.year) }) else { return }
            let key = Self.key(of: e, prefix: "U")
            guard register(key, .assignment, assignments.count) else { return }
            assignments.append(Assignment(key: key, decision: decision, organ: decisions[d].organ,
                                          receiver: e.text("receiver") ?? "", together: e.texts("together"),
                                          description: e.text("description") ?? "", due: due, originalDue: due,
                                          reportTo: e.text("reportTo"), issued: e.effective, progress: [], reportedBack: nil,
                                          reportedAt: nil, closed: nil, withdrawn: nil, withdrawalReason: nil, events: [seq]))
            decisions[d].events.append(seq)
        case "assignment.progress_noted", "assignment.due_changed", "assignment.reported_back", "assignment.closed",
             "assignment.withdrawn", "assignment.transferred":
            guard let i = index(e.text("assignment"), .assignment) else { return }
            Self.applyToAssignment(&assignments[i], e)
        case "control.plan_adopted":
            guard let organ = e.text("organ"), index(organ, .organ) != nil, let year = e.int("year") else { return }
            let key = e.text("key") ?? "IKP-\(organ)-\(year)"
            guard register(key, .controlPlan, plans.count) else { return }
            plans.append(ControlPlan(key: key, organ: organ, year: year, decision: e.text("decision"), adopted: e.effective,
                                     events: [seq]))
        case "control.point_defined":
            guard let plan = e.text("plan"), let p = index(plan, .controlPlan) else { return }
            let key = Self.key(of: e, prefix: "K")
            guard register(key, .controlPoint, points.count) else { return }
            points.append(ControlPoint(key: key, plan: plan, risk: e.text("risk") ?? "", riskType: e.text("riskType") ?? "",
                                       likelihood: e.int("likelihood") ?? 1, consequence: e.int("consequence") ?? 1,
                                       area: e.text("area") ?? "", point: e.text("point") ?? "", method: e.text("method") ?? "",
                                       responsible: e.text("responsible") ?? "", frequency: e.text("frequency") ?? "",
                                       results: [], events: [seq]))
            plans[p].events.append(seq)
        case "control.result_recorded":
            guard let i = index(e.text("point"), .controlPoint) else { return }
            points[i].results.append(ControlResult(date: e.effective, outcome: e.text("outcome") ?? "",
                                                   finding: e.text("finding"), seq: seq))
            points[i].events.append(seq)
        case "control.measure_decided":
            guard let point = e.text("point"), let p = index(point, .controlPoint), let due = e.date("due") else { return }
            let key = Self.key(of: e, prefix: "A")
            guard register(key, .measure, measures.count) else { return }
            measures.append(Measure(key: key, point: point, description: e.text("description") ?? "", owner: e.text("owner") ?? "",
                                    due: due, decided: e.effective, completed: nil, events: [seq]))
            points[p].events.append(seq)
        case "control.measure_completed":
            guard let i = index(e.text("measure"), .measure) else { return }
            measures[i].completed = e.effective
            measures[i].events.append(seq)
        case "indicator.defined":
            let key = Self.key(of: e, prefix: "IND")
            guard register(key, .indicator, indicators.count) else { return }
            indicators.append(Indicator(key: key, name: e.text("name") ?? key, unit: e.text("unit") ?? "",
                                        target: e.data["target"]?.numberValue?.lexeme ?? "", higherIsBetter: e.text("direction") != "lower",
                                        organ: e.text("organ"), outcomes: [], events: [seq]))
        case "indicator.outcome_recorded":
            guard let i = index(e.text("indicator"), .indicator),
                  let period = e.text("period").flatMap({ DuePeriod.parse($0, defaultYear: e.effective.year) }),
                  let value = e.data["value"]?.numberValue?.lexeme else { return }
            indicators[i].outcomes.append(IndicatorOutcome(period: period, value: value, recorded: e.effective))
            indicators[i].events.append(seq)
        case "document.adopted":
            let key = Self.key(of: e, prefix: "DOK")
            guard register(key, .document, documents.count) else { return }
            documents.append(GoverningDocument(key: key, title: e.text("title") ?? key, kind: e.text("kind") ?? "",
                                               version: e.text("version") ?? "", organ: e.text("organ") ?? "",
                                               decision: e.text("decision"), review: e.text("review") ?? "varje mandatperiod",
                                               adopted: e.effective, lastDecided: e.effective, repealed: nil, events: [seq]))
        case "document.reviewed":
            guard let i = index(e.text("document"), .document) else { return }
            documents[i].lastDecided = e.effective
            if let version = e.text("version") { documents[i].version = version }
            if let decision = e.text("decision") { documents[i].decision = decision }
            documents[i].events.append(seq)
        case "document.repealed":
            guard let i = index(e.text("document"), .document) else { return }
            documents[i].repealed = e.effective
            documents[i].events.append(seq)
        case "audit.report_received":
            let key = Self.key(of: e, prefix: "REV")
            guard register(key, .audit, audits.count) else { return }
            audits.append(Audit(key: key, auditors: e.text("auditors") ?? "", title: e.text("title") ?? "",
                                assessment: e.text("assessment") ?? "", recommendations: e.texts("recommendations"),
                                responseDue: e.date("responseDue"), organ: e.text("organ"), received: e.effective,
                                responses: [], events: [seq]))
        case "audit.response_given":
            guard let i = index(e.text("audit"), .audit) else { return }
            audits[i].responses.append(e.effective)
            audits[i].events.append(seq)
        default:
            return
        }
    }

    private static func applyToAssignment(_ a: inout Assignment, _ e: RecordedEvent) {
        a.events.append(e.seq)
        switch e.type {
        case "assignment.progress_noted": a.progress.append((e.effective, e.text("text") ?? ""))
        case "assignment.due_changed":
            if let due = e.text("due").flatMap({ DuePeriod.parse($0, defaultYear: e.effective.year) }) { a.due = due }
        case "assignment.reported_back":
            a.reportedBack = e.effective
            a.reportedAt = e.text("meeting") ?? e.text("decision")
        case "assignment.closed": a.closed = e.effective
        case "assignment.withdrawn":
            a.withdrawn = e.effective
            a.withdrawalReason = e.text("reason")
        case "assignment.transferred": a.receiver = e.text("receiver") ?? a.receiver
        default: break
        }
    }
}
