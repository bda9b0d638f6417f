import LiggareLog

// The entities of a board's state. Each keeps the seqs of the events that touched it, for `history`.
// (Kept in one file: they are small value types that are always read together.)

/// An organ: fullmäktige, styrelse, nämnd, gemensam nämnd, utskott or grupp.
public struct Organ: Sendable, Equatable {
    public var key: String
    public var name: String
    public var kind: String
    public var host: String?
    public var participants: [String]
    public var parent: String?
    public var foundingDecision: String?
    public var established: CivilDate
    public var dissolved: CivilDate?
    public var events: [Int]
}

/// A member (ledamot or ersättare) of an organ in a role.
public struct Member: Sendable, Equatable {
    public var organ: String
    public var person: String
    public var role: String
    public var electedBy: String?
    public var title: String?
    public var from: CivilDate
    public var to: CivilDate?
    public var left: CivilDate?
    public var events: [Int]

    /// Whether the member serves on `date`.
    public func serves(on date: CivilDate) -> Bool {
        from <= date && (to.map { date <= $0 } ?? true) && (left.map { date < $0 } ?? true)
    }
}

/// A meeting (sammanträde) and what followed it: adjusted minutes and the notice.
public struct Meeting: Sendable, Equatable {
    public var key: String
    public var organ: String
    public var date: CivilDate
    public var digital: Bool
    public var place: String?
    public var present: [String]
    public var adjusted: CivilDate?
    public var adjustedBy: [String]
    public var adjustedHead: String?
    public var noticePosted: CivilDate?
    public var events: [Int]
}

/// An appeal of a decision.
public struct Appeal: Sendable, Equatable {
    public var filed: CivilDate
    public var appellant: String?
    public var court: String?
    public var decided: CivilDate?
    public var outcome: String?
}

/// A decision (beslut).
public struct Decision: Sendable, Equatable {
    public var key: String
    public var organ: String
    public var meeting: String?
    public var paragraph: Int
    public var caseNumber: String?
    public var title: String
    public var points: [String]
    public var sentTo: [String]
    public var delegated: Bool
    public var date: CivilDate
    public var appeals: [Appeal]
    public var events: [Int]
}

/// Where an assignment stands (the status words Swedish regions use).
public enum AssignmentStatus: String, Sendable, CaseIterable {
    case notStarted = "ej påbörjad", inProgress = "pågående", overdue = "försenad", reportedBack = "återrapporterad",
         closed = "avslutad", withdrawn = "återkallad"

    /// The status in English.
    public var english: String {
        switch self {
        case .notStarted: "not started"
        case .inProgress: "in progress"
        case .overdue: "overdue"
        case .reportedBack: "reported back"
        case .closed: "closed"
        case .withdrawn: "withdrawn"
        }
    }
}

/// An assignment (uppdrag).
public struct Assignment: Sendable, Equatable {
    public var key: String
    public var decision: String
    public var organ: String?
    public var receiver: String
    public var together: [String]
    public var description: String
    public var due: DuePeriod
    public var originalDue: DuePeriod
    public var reportTo: String?
    public var issued: CivilDate
    public var progress: [(date: CivilDate, text: String)]
    public var reportedBack: CivilDate?
    public var reportedAt: String?
    public var closed: CivilDate?
    public var withdrawn: CivilDate?
    public var withdrawalReason: String?
    public var events: [Int]

    /// Whether it is overdue on `date`: the due date has passed and no report-back is recorded
    /// (a withdrawn or closed assignment is never overdue).
    public func isOverdue(on date: CivilDate) -> Bool {
        reportedBack == nil && withdrawn == nil && closed == nil && due.last < date
    }

    /// Days past the due date on `date` (0 when not overdue).
    public func daysOverdue(on date: CivilDate) -> Int { isOverdue(on: date) ? due.last.days(until: date) : 0 }

    /// The status on `date`.
    public func status(on date: CivilDate) -> AssignmentStatus {
        if withdrawn != nil { return .withdrawn }
        if closed != nil { return .closed }
        if reportedBack != nil { return .reportedBack }
        if isOverdue(on: date) { return .overdue }
        return progress.isEmpty ? .notStarted : .inProgress
    }

    public static func == (lhs: Assignment, rhs: Assignment) -> Bool {
        lhs.key == rhs.key && lhs.decision == rhs.decision && lhs.receiver == rhs.receiver && lhs.together == rhs.together
            && lhs.description == rhs.description && lhs.due == rhs.due && lhs.originalDue == rhs.originalDue
            && lhs.reportTo == rhs.reportTo && lhs.issued == rhs.issued
            && lhs.progress.map(\.text) == rhs.progress.map(\.text) && lhs.progress.map(\.date) == rhs.progress.map(\.date)
            && lhs.reportedBack == rhs.reportedBack && lhs.reportedAt == rhs.reportedAt && lhs.closed == rhs.closed
            && lhs.withdrawn == rhs.withdrawn && lhs.events == rhs.events && lhs.organ == rhs.organ
    }
}

/// An internal control plan (internkontrollplan) of an organ for a year.
public struct ControlPlan: Sendable, Equatable {
    public var key: String
    public var organ: String
    public var year: Int
    public var decision: String?
    public var adopted: CivilDate
    public var events: [Int]
}

/// A control result.
public struct ControlResult: Sendable, Equatable {
    public var date: CivilDate
    public var outcome: String
    public var finding: String?
    public var seq: Int
}

/// A control point (kontrollpunkt): one row of the plan.
public struct ControlPoint: Sendable, Equatable {
    public var key: String
    public var plan: String
    public var risk: String
    public var riskType: String
    public var likelihood: Int
    public var consequence: Int
    public var area: String
    public var point: String
    public var method: String
    public var responsible: String
    public var frequency: String
    public var results: [ControlResult]
    public var events: [Int]

    /// Likelihood × consequence, 1–16.
    public var riskValue: Int { likelihood * consequence }
}

/// A measure (åtgärd) for a deviation.
public struct Measure: Sendable, Equatable {
    public var key: String
    public var point: String
    public var description: String
    public var owner: String
    public var due: CivilDate
    public var decided: CivilDate
    public var completed: CivilDate?
    public var events: [Int]
}

/// An indicator outcome.
public struct IndicatorOutcome: Sendable, Equatable {
    public var period: DuePeriod
    public var value: String
    public var recorded: CivilDate
}

/// An indicator (indikator) with its target (målvärde).
public struct Indicator: Sendable, Equatable {
    public var key: String
    public var name: String
    public var unit: String
    public var target: String
    public var higherIsBetter: Bool
    public var organ: String?
    public var outcomes: [IndicatorOutcome]
    public var events: [Int]

    /// The outcome of the latest period.
    public var latest: IndicatorOutcome? {
        outcomes.max { ($0.period.last, $0.recorded) < ($1.period.last, $1.recorded) }
    }

    /// Whether an outcome meets the target, honouring the direction; nil if a value is not a number.
    public func meets(_ outcome: IndicatorOutcome) -> Bool? {
        guard let value = Double(outcome.value), let goal = Double(target) else { return nil }
        return higherIsBetter ? value >= goal : value <= goal
    }
}

/// A governing document (styrdokument).
public struct GoverningDocument: Sendable, Equatable {
    public var key: String
    public var title: String
    public var kind: String
    public var version: String
    public var organ: String
    public var decision: String?
    public var review: String
    public var adopted: CivilDate
    public var lastDecided: CivilDate
    public var repealed: CivilDate?
    public var events: [Int]
}

/// An audit report (revisionsrapport) and the board's responses.
public struct Audit: Sendable, Equatable {
    public var key: String
    public var auditors: String
    public var title: String
    public var assessment: String
    public var recommendations: [String]
    public var responseDue: CivilDate?
    public var organ: String?
    public var received: CivilDate
    public var responses: [CivilDate]
    public var events: [Int]
}
