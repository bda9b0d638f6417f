import LiggareLog

/// Whether a decision has vunnit laga kraft on a date (kommunallagen 13 kap.; lag 1930:173).
public enum LegalForce: Sendable, Equatable {
    /// The minutes of the meeting are not adjusted yet.
    case minutesNotAdjusted
    /// The minutes are adjusted but the notice is not posted on the anslagstavla yet.
    case noticeNotPosted
    /// The appeal period runs; `lastDay` is the last day to appeal.
    case appealPeriodRunning(lastDay: CivilDate)
    /// In legal force since a day: the day after the last appeal day, or the day an appeal was finally decided and
    /// the decision stood.
    case inForce(since: CivilDate)
    /// An appeal is pending.
    case appealed(filed: CivilDate)
    /// Annulled on appeal.
    case annulled(on: CivilDate)
    /// Taken without a meeting (delegated), or by a working group (kind grupp): legal force is not computed from an
    /// anslag.
    case notApplicable

    /// A stable word for JSON output.
    public var code: String {
        switch self {
        case .minutesNotAdjusted: "minutes-not-adjusted"
        case .noticeNotPosted: "notice-not-posted"
        case .appealPeriodRunning: "appeal-period-running"
        case .inForce: "in-force"
        case .appealed: "appealed"
        case .annulled: "annulled"
        case .notApplicable: "not-applicable"
        }
    }

    /// The state in Swedish, for tables.
    public var swedish: String {
        switch self {
        case .minutesNotAdjusted: "protokollet ej justerat"
        case .noticeNotPosted: "anslag ej uppsatt"
        case .appealPeriodRunning(let last): "överklagandetid löper t.o.m. \(last)"
        case .inForce(let since): "laga kraft sedan \(since)"
        case .appealed(let filed): "överklagat \(filed)"
        case .annulled(let on): "upphävt \(on)"
        case .notApplicable: "ej tillämpligt (delegationsbeslut eller arbetsgrupp)"
        }
    }

    /// The state in English.
    public var english: String {
        switch self {
        case .minutesNotAdjusted: "minutes not adjusted"
        case .noticeNotPosted: "notice not posted"
        case .appealPeriodRunning(let last): "appeal period runs until \(last)"
        case .inForce(let since): "in legal force since \(since)"
        case .appealed(let filed): "appealed \(filed)"
        case .annulled(let on): "annulled \(on)"
        case .notApplicable: "not applicable (delegated decision or working group)"
        }
    }

    /// Whether the decision is in legal force.
    public var isInForce: Bool { if case .inForce = self { return true } else { return false } }

    /// The legal-force state of a decision on a date, from the state as known.
    public static func of(_ decision: Decision, in state: BoardState, on date: CivilDate) -> LegalForce {
        if let appeal = decision.appeals.last {
            if let decided = appeal.decided {
                if appeal.outcome == "annulled" { return .annulled(on: decided) }
                if decision.appeals.allSatisfy({ $0.decided != nil }) { return .inForce(since: decided) }
            }
            if let pending = decision.appeals.first(where: { $0.decided == nil }) { return .appealed(filed: pending.filed) }
        }
        // Only decisions of bodies under kommunallagen can be appealed by laglighetsprövning; a working group's cannot.
        guard let meeting = state.meeting(decision.meeting), state.organ(decision.organ)?.kind != "grupp" else { return .notApplicable }
        guard meeting.adjusted != nil else { return .minutesNotAdjusted }
        guard let posted = meeting.noticePosted else { return .noticeNotPosted }
        let last = SwedishCalendar.lastAppealDay(noticePosted: posted)
        if date <= last { return .appealPeriodRunning(lastDay: last) }
        return .inForce(since: last.adding(days: 1))
    }

    /// The last appeal day, once the notice is posted.
    public static func lastAppealDay(_ decision: Decision, in state: BoardState) -> CivilDate? {
        state.meeting(decision.meeting)?.noticePosted.map { SwedishCalendar.lastAppealDay(noticePosted: $0) }
    }
}
