import LiggareLog

/// One thing that needs attention on a date, with the key to look it up (`liggare history KEY`).
public struct AttentionItem: Sendable, Equatable {
    /// What kind of thing, as a stable word (docs/rules.md lists them).
    public enum Kind: String, Sendable, CaseIterable {
        case assignmentOverdue = "assignment-overdue"
        case assignmentFromEarlierPeriod = "assignment-earlier-mandate-period"
        case minutesNotAdjusted = "minutes-not-adjusted"
        case minutesAdjustedLate = "minutes-adjusted-late"
        case noticeNotPosted = "notice-not-posted"
        case noticePostedLate = "notice-posted-late"
        case appealPeriodRunning = "appeal-period-running"
        case appealed = "decision-appealed"
        case controlPlanMissing = "control-plan-missing"
        case controlWithoutResult = "control-without-result"
        case controlBehindFrequency = "control-behind-frequency"
        case deviationWithoutMeasure = "deviation-without-measure"
        case measureOverdue = "measure-overdue"
        case indicatorNotMet = "indicator-not-met"
        case documentDueForReview = "document-due-for-review"
        case auditResponseOverdue = "audit-response-overdue"
    }

    /// The kind.
    public var kind: Kind
    /// The organ it belongs to, if any.
    public var organ: String?
    /// The key of the entity (`liggare history KEY`).
    public var key: String
    /// A sentence in Swedish.
    public var message: String
    /// The date it concerns (a due date, a deadline, a last appeal day).
    public var date: CivilDate?
    /// Days past the deadline, when it is late.
    public var daysLate: Int?
    /// 1 = late, 2 = missing, 3 = pending or informational.
    public var urgency: Int
}

/// The Swedish governance rules of DOMAIN.md computed on the state at a date.
public enum Rules {
    /// Organ kinds that adopt an internal control plan each year.
    static let boardsWithPlans: Set<String> = ["styrelse", "nämnd", "gemensam nämnd"]

    /// Every item that needs attention on `date`, most urgent first.
    /// - Complexity: O(entities + results + measures).
    public static func attention(_ state: BoardState, on date: CivilDate) -> [AttentionItem] {
        var items: [AttentionItem] = []
        let period = MandatePeriod.containing(date)

        // Assignments: overdue; open from an earlier mandate period.
        for a in state.assignments where a.withdrawn == nil && a.closed == nil && a.reportedBack == nil {
            if a.isOverdue(on: date) {
                items.append(AttentionItem(kind: .assignmentOverdue, organ: a.organ, key: a.key,
                                           message: "uppdraget skulle ha återrapporterats senast \(a.due.last) (\(a.due.wording)); \(Self.days(a.daysOverdue(on: date))) sent: \(a.description)",
                                           date: a.due.last, daysLate: a.daysOverdue(on: date), urgency: 1))
            }
            if a.issued < period.start {
                items.append(AttentionItem(kind: .assignmentFromEarlierPeriod, organ: a.organ, key: a.key,
                                           message: "uppdraget gavs \(a.issued), under mandatperioden \(MandatePeriod.containing(a.issued)), och är fortfarande öppet",
                                           date: a.issued, daysLate: nil, urgency: 2))
            }
        }

        // Meetings: minutes adjusted within 14 days; notice posted by the second day after adjustment. Working groups
        // (kind grupp) are not bodies under kommunallagen: their minutes have no such deadlines.
        for m in state.meetings where m.date <= date && state.organ(m.organ)?.kind != "grupp" {
            let adjustBy = m.date.adding(days: 14)
            if let adjusted = m.adjusted {
                if adjusted > adjustBy && adjusted.year == date.year {
                    items.append(AttentionItem(kind: .minutesAdjustedLate, organ: m.organ, key: m.key,
                                               message: "protokollet justerades \(adjusted), \(Self.days(adjustBy.days(until: adjusted))) efter fristen \(adjustBy) (14 dagar efter sammanträdet)",
                                               date: adjustBy, daysLate: adjustBy.days(until: adjusted), urgency: 2))
                }
                let postBy = adjusted.adding(days: 2)
                if let posted = m.noticePosted {
                    if posted > postBy && posted.year == date.year {
                        items.append(AttentionItem(kind: .noticePostedLate, organ: m.organ, key: m.key,
                                                   message: "anslaget sattes upp \(posted), \(Self.days(postBy.days(until: posted))) efter fristen \(postBy)",
                                                   date: postBy, daysLate: postBy.days(until: posted), urgency: 2))
                    }
                } else {
                    let late = date > postBy
                    items.append(AttentionItem(kind: .noticeNotPosted, organ: m.organ, key: m.key,
                                               message: "justeringen är inte anslagen; anslaget ska sättas upp senast \(postBy)"
                                                + (late ? " (\(Self.days(postBy.days(until: date))) sent)" : ""),
                                               date: postBy, daysLate: late ? postBy.days(until: date) : nil, urgency: late ? 1 : 3))
                }
            } else {
                let late = date > adjustBy
                items.append(AttentionItem(kind: .minutesNotAdjusted, organ: m.organ, key: m.key,
                                           message: "protokollet är inte justerat; det ska justeras senast \(adjustBy)"
                                            + (late ? " (\(Self.days(adjustBy.days(until: date))) sent)" : ""),
                                           date: adjustBy, daysLate: late ? adjustBy.days(until: date) : nil, urgency: late ? 1 : 3))
            }
        }

        // Decisions not yet in legal force.
        for d in state.decisions where d.date <= date {
            switch LegalForce.of(d, in: state, on: date) {
            case .appealPeriodRunning(let last):
                items.append(AttentionItem(kind: .appealPeriodRunning, organ: d.organ, key: d.key,
                                           message: "ej laga kraft: överklagandetiden löper t.o.m. \(last): \(d.title)",
                                           date: last, daysLate: nil, urgency: 3))
            case .appealed(let filed):
                items.append(AttentionItem(kind: .appealed, organ: d.organ, key: d.key,
                                           message: "ej laga kraft: överklagat \(filed): \(d.title)", date: filed, daysLate: nil, urgency: 3))
            default:
                break
            }
        }

        // Internal control.
        for organ in state.organs where boardsWithPlans.contains(organ.kind) && organ.established <= date
            && (organ.dissolved.map { $0 > date } ?? true) {
            if !state.plans.contains(where: { $0.organ == organ.key && $0.year == date.year }) {
                items.append(AttentionItem(kind: .controlPlanMissing, organ: organ.key, key: organ.key,
                                           message: "ingen internkontrollplan antagen för \(date.year)", date: nil, daysLate: nil, urgency: 2))
            }
        }
        for point in state.points {
            guard let plan = state.plan(point.plan), plan.year == date.year else { continue }
            let results = point.results.filter { $0.date.year == plan.year && $0.date <= date }
            let expected = expectedResults(frequency: point.frequency, year: plan.year, on: date)
            if results.isEmpty {
                items.append(AttentionItem(kind: .controlWithoutResult, organ: plan.organ, key: point.key,
                                           message: "inget kontrollresultat för \(plan.year): \(point.point)",
                                           date: nil, daysLate: nil, urgency: expected > 0 ? 1 : 2))
            } else if results.count < expected {
                items.append(AttentionItem(kind: .controlBehindFrequency, organ: plan.organ, key: point.key,
                                           message: "\(results.count) av \(expected) kontroller hittills i år (\(point.frequency)): \(point.point)",
                                           date: nil, daysLate: nil, urgency: 2))
            }
            for result in point.results where result.outcome == "avvikelse" && result.date <= date {
                let measured = state.measures.contains { $0.point == point.key && $0.decided >= result.date }
                if !measured {
                    items.append(AttentionItem(kind: .deviationWithoutMeasure, organ: plan.organ, key: point.key,
                                               message: "avvikelse \(result.date) utan beslutad åtgärd: \(result.finding ?? "")",
                                               date: result.date, daysLate: nil, urgency: 1))
                }
            }
        }
        for measure in state.measures where measure.completed == nil && measure.due < date {
            let organ = state.point(measure.point).flatMap { state.plan($0.plan) }?.organ
            items.append(AttentionItem(kind: .measureOverdue, organ: organ, key: measure.key,
                                       message: "åtgärden skulle vara genomförd senast \(measure.due); \(Self.days(measure.due.days(until: date))) sent: \(measure.description) (ansvarig: \(measure.owner))",
                                       date: measure.due, daysLate: measure.due.days(until: date), urgency: 1))
        }

        // Indicators whose latest outcome misses the target.
        for indicator in state.indicators {
            guard let latest = indicator.latest, indicator.meets(latest) == false else { continue }
            items.append(AttentionItem(kind: .indicatorNotMet, organ: indicator.organ, key: indicator.key,
                                       message: "\(indicator.name): utfall \(latest.value) \(indicator.unit) för \(latest.period.canonical) mot målvärde \(indicator.target) (\(indicator.higherIsBetter ? "högre" : "lägre") är bättre)",
                                       date: latest.period.last, daysLate: nil, urgency: 3))
        }

        // Governing documents due for review.
        for document in state.documents where document.repealed == nil {
            if let reason = reviewDue(document, in: state, on: date) {
                items.append(AttentionItem(kind: .documentDueForReview, organ: document.organ, key: document.key,
                                           message: "\(document.title): \(reason)", date: document.lastDecided, daysLate: nil, urgency: 2))
            }
        }

        // Audit responses past due.
        for audit in state.audits where audit.responses.isEmpty {
            guard let due = audit.responseDue, due < date else { continue }
            items.append(AttentionItem(kind: .auditResponseOverdue, organ: audit.organ, key: audit.key,
                                       message: "yttrande över \"\(audit.title)\" skulle ha lämnats senast \(due); \(Self.days(due.days(until: date))) sent",
                                       date: due, daysLate: due.days(until: date), urgency: 1))
        }

        return items.sorted { a, b in
            if a.urgency != b.urgency { return a.urgency < b.urgency }
            if (a.daysLate ?? -1) != (b.daysLate ?? -1) { return (a.daysLate ?? -1) > (b.daysLate ?? -1) }
            if a.date != b.date { return (a.date ?? .distantFuture) < (b.date ?? .distantFuture) }
            return a.key < b.key
        }
    }

    /// "1 dag", "2 dagar".
    static func days(_ n: Int) -> String { n == 1 ? "1 dag" : "\(n) dagar" }

    /// How many results a control point should have had in its plan year by `date`, from its frequency: one per
    /// completed month, quarter, tertial or half year; one for a yearly control once the year is over.
    public static func expectedResults(frequency: String, year: Int, on date: CivilDate) -> Int {
        guard date.year >= year else { return 0 }
        let completedMonths = date.year > year ? 12 : date.month - 1 + (date.day == CivilDate.daysInMonth(year: date.year, month: date.month) ? 1 : 0)
        let f = frequency.lowercased()
        if f.contains("månad") { return completedMonths }
        if f.contains("kvartal") { return completedMonths / 3 }
        if f.contains("tertial") { return completedMonths / 4 }
        if f.contains("halvår") { return completedMonths / 6 }
        return completedMonths == 12 ? 1 : 0
    }

    /// Why a document is due for review on `date`, or nil. "Varje mandatperiod": last decided before the current
    /// term of the adopting organ began (fullmäktige: 15 October of the election year; other organs: 1 January
    /// after it). "Årligen": last decided in an earlier year.
    public static func reviewDue(_ document: GoverningDocument, in state: BoardState, on date: CivilDate) -> String? {
        switch document.review {
        case "varje mandatperiod":
            let isAssembly = state.organ(document.organ)?.kind == "fullmäktige"
            let start = isAssembly ? MandatePeriod.assemblyTerm(containing: date).start : MandatePeriod.containing(date).start
            if document.lastDecided < start {
                return "senast beslutad \(document.lastDecided), före innevarande mandatperiod (från \(start)); ska beslutas minst en gång varje mandatperiod"
            }
        case "årligen":
            if document.lastDecided.year < date.year { return "senast beslutad \(document.lastDecided); ska beslutas årligen" }
        default:
            break
        }
        return nil
    }
}

extension CivilDate {
    /// 9999-12-31, for sorting missing dates last.
    static var distantFuture: CivilDate { CivilDate(year: 9999, month: 12, day: 31) ?? CivilDate(daysSinceEpoch: 0) }
}
