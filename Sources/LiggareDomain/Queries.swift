import LiggareJSON
import LiggareLog

/// The queries of `liggare assignments`, `decisions`, `controls`, `indicators`, `policies`, `members`, `audits` and
/// `history`, as data. docs/queries.md documents each row's members.
public enum Queries {
    static func s(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
    static func d(_ date: CivilDate?) -> JSONValue { date.map { .string($0.description) } ?? .null }
    static func n(_ value: Int?) -> JSONValue { value.map { .number(JSONNumber($0)) } ?? .null }
    static func list(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
    static func row(_ members: [(String, JSONValue)]) -> JSONObject { JSONObject(members.map { (key: $0.0, value: $0.1) }) }

    /// Assignments (uppdrag) on a date: status, due date and its original wording, days overdue.
    public static func assignments(_ state: BoardState, at: CivilDate, organ: String? = nil, overdueOnly: Bool = false) -> QueryTable {
        let rows = state.assignments
            .filter { organ == nil || $0.organ == organ || $0.reportTo == organ }
            .filter { !overdueOnly || $0.isOverdue(on: at) }
            .map { a in
                row([("key", .string(a.key)), ("decision", .string(a.decision)), ("organ", s(a.organ)),
                     ("receiver", .string(a.receiver)), ("together", list(a.together)), ("description", .string(a.description)),
                     ("due", .string(a.due.last.description)), ("duePeriod", .string(a.due.canonical)),
                     ("dueWording", .string(a.due.wording)), ("originalDue", .string(a.originalDue.last.description)),
                     ("originalDueWording", .string(a.originalDue.wording)), ("reportTo", s(a.reportTo)),
                     ("issued", d(a.issued)), ("status", .string(a.status(on: at).rawValue)),
                     ("overdue", .bool(a.isOverdue(on: at))),
                     ("daysOverdue", a.isOverdue(on: at) ? n(a.daysOverdue(on: at)) : .null),
                     ("reportedBack", d(a.reportedBack)), ("closed", d(a.closed)), ("withdrawn", d(a.withdrawn)),
                     ("progress", .number(JSONNumber(a.progress.count)))])
            }
        return QueryTable(name: "assignments",
                          columns: [.init("key", "UPPDRAG"), .init("status", "STATUS"), .init("due", "SENAST"),
                                    .init("dueWording", "ENLIGT BESLUT"), .init("daysOverdue", "DAGAR SEN", rightAligned: true),
                                    .init("receiver", "MOTTAGARE"), .init("description", "UPPDRAG (BESKRIVNING)")],
                          rows: rows)
    }

    /// Decisions (beslut), optionally of one organ and between two dates, with their legal-force state on `at`.
    public static func decisions(_ state: BoardState, at: CivilDate, organ: String? = nil, from: CivilDate? = nil,
                                 to: CivilDate? = nil, notInForceOnly: Bool = false) -> QueryTable {
        var rows: [JSONObject] = []
        for x in state.decisions {
            guard organ == nil || x.organ == organ, from.map({ x.date >= $0 }) ?? true, to.map({ x.date <= $0 }) ?? true else { continue }
            let force = LegalForce.of(x, in: state, on: at)
            if notInForceOnly {
                switch force {
                case .inForce, .annulled, .notApplicable: continue
                default: break
                }
            }
            rows.append(row([("key", .string(x.key)), ("organ", .string(x.organ)), ("date", d(x.date)), ("meeting", s(x.meeting)),
                             ("paragraph", .number(JSONNumber(x.paragraph))), ("case", s(x.caseNumber)), ("title", .string(x.title)),
                             ("points", list(x.points)), ("sentTo", list(x.sentTo)), ("delegated", .bool(x.delegated)),
                             ("appeals", .number(JSONNumber(x.appeals.count))), ("legalForce", .string(force.code)),
                             ("legalForceText", .string(force.swedish)),
                             ("lastAppealDay", d(LegalForce.lastAppealDay(x, in: state))),
                             ("inForceSince", { if case .inForce(let since) = force { return d(since) } else { return .null } }())]))
        }
        return QueryTable(name: "decisions",
                          columns: [.init("key", "BESLUT"), .init("date", "DATUM"), .init("case", "DIARIENUMMER"),
                                    .init("legalForceText", "LAGA KRAFT"), .init("title", "RUBRIK")],
                          rows: rows)
    }

    /// Control points (kontrollpunkter) with their latest result in a year, and measures.
    public static func controls(_ state: BoardState, year: Int, organ: String? = nil) -> QueryTable {
        var rows: [JSONObject] = []
        for point in state.points {
            guard let plan = state.plan(point.plan), plan.year == year, organ == nil || plan.organ == organ else { continue }
            let results = point.results.filter { $0.date.year == year || plan.year == year }
            let latest = results.last
            let measures = state.measures.filter { $0.point == point.key }
            rows.append(row([("key", .string(point.key)), ("plan", .string(plan.key)), ("organ", .string(plan.organ)),
                             ("year", .number(JSONNumber(plan.year))), ("risk", .string(point.risk)),
                             ("riskType", .string(point.riskType)), ("likelihood", .number(JSONNumber(point.likelihood))),
                             ("consequence", .number(JSONNumber(point.consequence))),
                             ("riskValue", .number(JSONNumber(point.riskValue))), ("area", .string(point.area)),
                             ("point", .string(point.point)), ("method", .string(point.method)),
                             ("responsible", .string(point.responsible)), ("frequency", .string(point.frequency)),
                             ("result", s(latest?.outcome)), ("resultDate", d(latest?.date)), ("finding", s(latest?.finding)),
                             ("measures", .array(measures.map { m in
                                 .object(row([("key", .string(m.key)), ("description", .string(m.description)),
                                              ("owner", .string(m.owner)), ("due", d(m.due)), ("completed", d(m.completed))]))
                             }))]))
        }
        return QueryTable(name: "controls",
                          columns: [.init("key", "KONTROLLPUNKT"), .init("riskValue", "RISK", rightAligned: true),
                                    .init("area", "KONTROLLOMRÅDE"), .init("result", "RESULTAT"), .init("resultDate", "DATUM"),
                                    .init("point", "VAD KONTROLLERAS")],
                          rows: rows)
    }

    /// Indicators with target and latest outcome.
    public static func indicators(_ state: BoardState, organ: String? = nil) -> QueryTable {
        let rows = state.indicators.filter { organ == nil || $0.organ == organ }.map { i in
            let latest = i.latest
            return row([("key", .string(i.key)), ("name", .string(i.name)), ("unit", .string(i.unit)),
                        ("target", .string(i.target)), ("direction", .string(i.higherIsBetter ? "higher" : "lower")),
                        ("latestPeriod", s(latest?.period.canonical)), ("latestValue", s(latest?.value)),
                        ("met", latest.flatMap { i.meets($0) }.map { .bool($0) } ?? .null),
                        ("outcomes", .array(i.outcomes.map { o in
                            .object(row([("period", .string(o.period.canonical)), ("value", .string(o.value))]))
                        }))])
        }
        return QueryTable(name: "indicators",
                          columns: [.init("key", "INDIKATOR"), .init("name", "NAMN"), .init("target", "MÅLVÄRDE", rightAligned: true),
                                    .init("latestValue", "UTFALL", rightAligned: true), .init("latestPeriod", "PERIOD"),
                                    .init("unit", "ENHET")],
                          rows: rows)
    }

    /// Governing documents (styrdokument).
    public static func policies(_ state: BoardState, organ: String? = nil) -> QueryTable {
        let rows = state.documents.filter { organ == nil || $0.organ == organ }.map { x in
            row([("key", .string(x.key)), ("title", .string(x.title)), ("kind", .string(x.kind)), ("version", .string(x.version)),
                 ("organ", .string(x.organ)), ("decision", s(x.decision)), ("review", .string(x.review)),
                 ("adopted", d(x.adopted)), ("lastDecided", d(x.lastDecided)), ("repealed", d(x.repealed))])
        }
        return QueryTable(name: "policies",
                          columns: [.init("key", "DOKUMENT"), .init("kind", "TYP"), .init("lastDecided", "SENAST BESLUTAD"),
                                    .init("review", "REVIDERAS"), .init("title", "NAMN")],
                          rows: rows)
    }

    /// Members serving on a date.
    public static func members(_ state: BoardState, at: CivilDate, organ: String? = nil) -> QueryTable {
        let rows = state.members.filter { (organ == nil || $0.organ == organ) && $0.serves(on: at) }.map { m in
            row([("organ", .string(m.organ)), ("person", .string(m.person)), ("role", .string(m.role)),
                 ("electedBy", s(m.electedBy)), ("title", s(m.title)), ("from", d(m.from)), ("to", d(m.to))])
        }
        return QueryTable(name: "members",
                          columns: [.init("organ", "ORGAN"), .init("role", "ROLL"), .init("person", "NAMN"),
                                    .init("electedBy", "VALD AV"), .init("title", "BEFATTNING")],
                          rows: rows)
    }

    /// Audit reports and responses.
    public static func audits(_ state: BoardState, at: CivilDate, organ: String? = nil) -> QueryTable {
        let rows = state.audits.filter { organ == nil || $0.organ == organ }.map { a in
            row([("key", .string(a.key)), ("auditors", .string(a.auditors)), ("title", .string(a.title)),
                 ("assessment", .string(a.assessment)), ("recommendations", list(a.recommendations)),
                 ("received", d(a.received)), ("responseDue", d(a.responseDue)), ("organ", s(a.organ)),
                 ("responded", d(a.responses.first)),
                 ("responseOverdue", .bool(a.responses.isEmpty && (a.responseDue.map { $0 < at } ?? false)))])
        }
        return QueryTable(name: "audits",
                          columns: [.init("key", "RAPPORT"), .init("received", "MOTTAGEN"), .init("responseDue", "YTTRANDE SENAST"),
                                    .init("responded", "BESVARAD"), .init("title", "TITEL")],
                          rows: rows)
    }

    /// The reference fields through which an event touches an entity.
    static let referenceFields = ["organ", "meeting", "decision", "assignment", "plan", "point", "measure", "indicator",
                                  "document", "audit", "parent", "reportTo"]

    /// Every event known at `knownAt` that touched the entity `key`, with both times, the actor, the line hash,
    /// and corrections shown as before and after. Annulled events are shown, marked.
    public static func history(_ ledger: GovernanceLedger, key: String, knownAt: KnownAt = .everything) -> QueryTable? {
        let known = ledger.knownSeq(knownAt)
        var touching = Set<Int>()
        for event in ledger.events where event.seq <= known && !event.isMeta {
            if event.text("key") == key || referenceFields.contains(where: { event.text($0) == key }) { touching.insert(event.seq) }
        }
        guard !touching.isEmpty else { return nil }
        var rows: [JSONObject] = []
        for event in ledger.events where event.seq <= known {
            var include = touching.contains(event.seq)
            var target: Int?
            if event.isMeta, let reference = event.text("event"), let seq = ledger.resolve(reference), touching.contains(seq) {
                include = true
                target = seq
            }
            guard include else { continue }
            var members: [(String, JSONValue)] = [
                ("seq", .number(JSONNumber(event.seq))), ("recorded", .string(event.recorded.description)),
                ("effective", .string(event.effective.description)), ("type", .string(event.type)),
                ("actor", .string(event.actor)), ("hash", .string(event.hash)), ("shortHash", .string(String(event.hash.prefix(12)))),
                ("data", .object(event.data)),
            ]
            var summary = summaryText(event)
            if let annulment = ledger.annulments[event.seq], annulment <= known {
                members.append(("annulledBy", .number(JSONNumber(annulment))))
                summary = "[makulerad genom seq \(annulment)] " + summary
            }
            if let target, let original = ledger.event(seq: target) {
                members.append(("target", .number(JSONNumber(target))))
                if event.type == "event.corrected", let fields = event.data["fields"]?.objectValue {
                    // Before: the target as known just before this correction.
                    let before = ledger.view(of: original, known: event.seq - 1)?.data ?? original.data
                    let changes = fields.members.map { member in
                        JSONValue.object(row([("field", .string(member.key)), ("before", before[member.key] ?? .null),
                                              ("after", member.value)]))
                    }
                    members.append(("changes", .array(changes)))
                    summary = "rättelse av seq \(target): " + fields.members.map { m in
                        "\(m.key) \((before[m.key] ?? .null).cellText) → \(m.value.cellText)"
                    }.joined(separator: ", ") + (event.text("reason").map { " (\($0))" } ?? "")
                } else {
                    summary = "makulering av seq \(target)" + (event.text("reason").map { " (\($0))" } ?? "")
                }
            }
            members.append(("summary", .string(summary)))
            rows.append(row(members))
        }
        return QueryTable(name: "history",
                          columns: [.init("seq", "SEQ", rightAligned: true), .init("recorded", "REGISTRERAD"),
                                    .init("effective", "GÄLLER FRÅN"), .init("type", "HÄNDELSE"), .init("actor", "AV"),
                                    .init("shortHash", "RADHASH"), .init("summary", "INNEHÅLL")],
                          rows: rows)
    }

    /// A one-line summary of an event for history tables.
    public static func summaryText(_ e: RecordedEvent) -> String {
        for name in ["title", "description", "text", "name", "outcome", "person", "due", "receiver", "reason"] {
            if let value = e.text(name) {
                var text = value
                if name == "due" { text = "senast \(value)" }
                if name == "outcome", let finding = e.text("finding") { text += ": \(finding)" }
                return text.count > 80 ? String(text.prefix(79)) + "…" : text
            }
        }
        // Events without a text field: their Swedish term and what they name.
        let term = EventCatalogue.spec(e.type)?.swedish ?? e.type
        let names = ["meeting", "decision", "assignment", "point", "measure", "document", "audit", "organ"].compactMap { e.text($0) }
        return names.isEmpty ? term : term + ": " + names.joined(separator: ", ")
    }
}
