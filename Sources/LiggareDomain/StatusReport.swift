import LiggareJSON
import LiggareLog

/// What `liggare status` shows: one page for all organs and one per organ (by key), each with what needs attention on the
/// date (most urgent first) and a short summary.
public struct StatusReport: Sendable {
    /// One page.
    public struct Page: Sendable {
        /// The organ's key, or nil for the page covering all organs.
        public var organ: String?
        /// The heading.
        public var title: String
        /// What needs attention, most urgent first.
        public var items: [AttentionItem]
        /// Counts: open and overdue assignments, decisions in force and not yet in force, items.
        public var summary: Summary
    }

    /// The counts of a page.
    public struct Summary: Sendable, Equatable {
        public var openAssignments = 0
        public var overdueAssignments = 0
        public var decisionsInForce = 0
        public var decisionsPending = 0
        public var attention = 0
    }

    /// The date.
    public var at: CivilDate
    /// The pages.
    public var pages: [Page]

    /// The Swedish label of an item kind.
    public static func label(_ kind: AttentionItem.Kind) -> String {
        switch kind {
        case .assignmentOverdue: "försenat uppdrag"
        case .assignmentFromEarlierPeriod: "uppdrag från tidigare mandatperiod"
        case .minutesNotAdjusted: "protokoll ej justerat"
        case .minutesAdjustedLate: "protokoll justerat sent"
        case .noticeNotPosted: "anslag ej uppsatt"
        case .noticePostedLate: "anslag uppsatt sent"
        case .appealPeriodRunning: "ej laga kraft"
        case .appealed: "överklagat beslut"
        case .controlPlanMissing: "internkontrollplan saknas"
        case .controlWithoutResult: "kontrollpunkt utan resultat"
        case .controlBehindFrequency: "kontroller efter plan"
        case .deviationWithoutMeasure: "avvikelse utan åtgärd"
        case .measureOverdue: "försenad åtgärd"
        case .indicatorNotMet: "målvärde ej nått"
        case .documentDueForReview: "styrdokument ska revideras"
        case .auditResponseOverdue: "yttrande försenat"
        }
    }

    /// The English label of an item kind (for `liggare report --lang en`).
    public static func englishLabel(_ kind: AttentionItem.Kind) -> String {
        switch kind {
        case .assignmentOverdue: "overdue assignment"
        case .assignmentFromEarlierPeriod: "assignment from an earlier term"
        case .minutesNotAdjusted: "minutes not adjusted"
        case .minutesAdjustedLate: "minutes adjusted late"
        case .noticeNotPosted: "notice not posted"
        case .noticePostedLate: "notice posted late"
        case .appealPeriodRunning: "not yet in legal force"
        case .appealed: "decision appealed"
        case .controlPlanMissing: "internal control plan missing"
        case .controlWithoutResult: "control point without result"
        case .controlBehindFrequency: "controls behind plan"
        case .deviationWithoutMeasure: "deviation without measure"
        case .measureOverdue: "overdue measure"
        case .indicatorNotMet: "target not met"
        case .documentDueForReview: "document due for review"
        case .auditResponseOverdue: "audit response overdue"
        }
    }

    /// Computes the report.
    /// - Parameters:
    ///   - state: the state on `date` as known.
    ///   - date: the date.
    ///   - organ: only this organ's page, when given.
    /// - Complexity: O(entities of the state + items), in one pass each: the organs' pages are grouped, not
    ///   filtered once per organ.
    public static func make(_ state: BoardState, on date: CivilDate, organ: String? = nil) -> StatusReport {
        let items = Rules.attention(state, on: date)
        var all = Summary()
        var byOrgan: [String: Summary] = [:]
        for a in state.assignments where organ == nil || a.organ == organ {
            let open = a.withdrawn == nil && a.closed == nil && a.reportedBack == nil ? 1 : 0
            let overdue = a.isOverdue(on: date) ? 1 : 0
            all.openAssignments += open
            all.overdueAssignments += overdue
            if let key = a.organ {
                byOrgan[key, default: Summary()].openAssignments += open
                byOrgan[key, default: Summary()].overdueAssignments += overdue
            }
        }
        for d in state.decisions where organ == nil || d.organ == organ {
            switch LegalForce.of(d, in: state, on: date) {
            case .inForce:
                all.decisionsInForce += 1
                byOrgan[d.organ, default: Summary()].decisionsInForce += 1
            case .annulled, .notApplicable: break
            default:
                all.decisionsPending += 1
                byOrgan[d.organ, default: Summary()].decisionsPending += 1
            }
        }
        var itemsByOrgan: [String: [AttentionItem]] = [:]
        for item in items { if let key = item.organ { itemsByOrgan[key, default: []].append(item) } }
        var pages: [Page] = []
        if organ == nil {
            all.attention = items.count
            pages.append(Page(organ: nil, title: "Alla organ", items: items, summary: all))
        }
        for o in state.organs.sorted(by: { $0.key < $1.key }) where organ == nil || o.key == organ {
            let own = itemsByOrgan[o.key] ?? []
            var summary = byOrgan[o.key] ?? Summary()
            summary.attention = own.count
            pages.append(Page(organ: o.key, title: "\(o.key) \(o.name)", items: own, summary: summary))
        }
        return StatusReport(at: date, pages: pages)
    }

    /// The report as JSON (docs/rules.md).
    public var json: JSONValue {
        func row(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members.map { (key: $0.0, value: $0.1) })) }
        return row([
            ("query", .string("status")), ("at", .string(at.description)),
            ("pages", .array(pages.map { page in
                row([("organ", page.organ.map { .string($0) } ?? .null), ("title", .string(page.title)),
                     ("summary", row([("openAssignments", .number(JSONNumber(page.summary.openAssignments))),
                                      ("overdueAssignments", .number(JSONNumber(page.summary.overdueAssignments))),
                                      ("decisionsInForce", .number(JSONNumber(page.summary.decisionsInForce))),
                                      ("decisionsNotInForce", .number(JSONNumber(page.summary.decisionsPending))),
                                      ("attention", .number(JSONNumber(page.summary.attention)))])),
                     ("items", .array(page.items.map { item in
                         row([("kind", .string(item.kind.rawValue)), ("label", .string(StatusReport.label(item.kind))),
                              ("organ", item.organ.map { .string($0) } ?? .null), ("key", .string(item.key)),
                              ("date", item.date.map { .string($0.description) } ?? .null),
                              ("daysLate", item.daysLate.map { .number(JSONNumber($0)) } ?? .null),
                              ("urgency", .number(JSONNumber(item.urgency))), ("message", .string(item.message))])
                     }))])
            })),
        ])
    }
}
