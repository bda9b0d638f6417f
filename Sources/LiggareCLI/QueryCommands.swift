import LiggareDomain
import LiggareJSON
import LiggareLog

/// The query commands: assignments, decisions, controls, indicators, policies, members, audits, history.
enum QueryCommands {
    static let at = OptionSpec("at", value: "DATE", help: "the effective date to look at (default: today in Sweden)")
    static let knownAt = OptionSpec("known-at", value: "T",
                                    help: "only what was recorded by then: a time (RFC 3339), a date (its end, Swedish time) or seq:N")
    static let organ = OptionSpec("organ", value: "KEY", help: "only this organ, for example IN")
    static let formats: [OutputFormat] = [.text, .json, .csv, .md]
    static let common = [at, knownAt, organ, CommonOptions.format(formats), CommonOptions.ledger]
    static let timeHelp = """
    --at DATE gives the state on that effective date; --known-at T shows only what the ledger had recorded by T, so
    that a correction recorded later changes the answer only for queries that know of it.
    """

    /// The parsed time options.
    struct When {
        var at: CivilDate
        var knownAt: KnownAt
    }

    static func when(_ args: Arguments, _ context: CommandContext, command: String) throws(UsageError) -> When {
        var at = SwedishTime.date(at: context.clock.now())
        if let raw = args.value("at") {
            guard let period = DuePeriod.parse(raw) else {
                throw UsageError(message: "--at '\(raw)' is not a date (YYYY-MM-DD) or period", command: command)
            }
            at = period.last
        }
        var knownAt = KnownAt.everything
        if let raw = args.value("known-at") {
            guard let parsed = KnownAt.parse(raw) else {
                throw UsageError(message: "--known-at '\(raw)' is not a time (2025-10-02T12:00:00Z), a date (2025-10-02) or seq:N",
                                 command: command)
            }
            knownAt = parsed
        }
        return When(at: at, knownAt: knownAt)
    }

    /// The --organ value, checked against every organ the ledger knows (also one not yet established on --at).
    /// The whole-history state is folded only when the organ is not in `state`, the state the query already has.
    static func checkOrgan(_ args: Arguments, _ ledger: any LedgerHistory, state: BoardState, command: String) throws -> String? {
        guard let organ = args.value("organ") else { return nil }
        if state.organ(organ) != nil { return organ }
        let state = try ledger.wholeState()
        guard state.organ(organ) != nil else {
            let hint = ArgumentParser.suggestion(for: organ, among: state.organs.map(\.key))
            throw UsageError(message: "--organ '\(organ)' is not a known organ\(hint)", command: command)
        }
        return organ
    }

    /// Builds a query command from a function producing the table.
    static func make(name: String, summary: String, discussion: String, extra: [OptionSpec] = [], examples: [String],
                     query: @escaping @Sendable (Arguments, BoardState, When, String?) throws -> QueryTable) -> Command {
        Command(name: name, summary: summary, usage: "liggare \(name) [options]",
                discussion: discussion + "\n" + timeHelp, options: extra + common, examples: examples) { args, context in
            let format = try OutputFormat.from(args, allowed: formats, command: name)
            let time = try when(args, context, command: name)
            let path = try LedgerLocator.locate(args, context)
            let (state, organ, knownSeq) = try DomainLoader.withHistory(path, context) { ledger in
                let state = try ledger.state(at: time.at, knownAt: time.knownAt)
                return (state, try checkOrgan(args, ledger, state: state, command: name), ledger.knownSeq(time.knownAt))
            }
            let table = try query(args, state, time, organ)
            render(table, format: format, time: time, knownSeq: knownSeq, context)
            return .ok
        }
    }

    static func render(_ table: QueryTable, format: OutputFormat, time: When?, knownSeq: Int, _ context: CommandContext) {
        switch format {
        case .json:
            var members: [(key: String, value: JSONValue)] = [(key: "query", value: .string(table.name))]
            if let time {
                members.append((key: "at", value: .string(time.at.description)))
                members.append((key: "knownAt", value: .string(time.knownAt.description)))
            }
            members.append((key: "knownSeq", value: .number(JSONNumber(knownSeq))))
            members.append((key: "rows", value: .array(table.rows.map { .object($0) })))
            context.stdout.write(JSONOutput.line(.object(JSONObject(members))))
        case .csv:
            context.stdout.write(CSVRenderer.render(headers: table.columns.map(\.header),
                                                    rows: table.rows.map { row in table.columns.map { Cell(row[$0.key]) } }))
        case .md:
            if let time {
                let known = time.knownAt == .everything ? "allt registrerat (seq \(knownSeq))" : "\(time.knownAt) (seq \(knownSeq))"
                context.stdout.line(MarkdownRenderer.escape("Per \(time.at), känt: \(known)"))
                context.stdout.line()
            }
            context.stdout.write(MarkdownRenderer.table(headers: table.columns.map(\.header),
                                                        rightAligned: table.columns.map(\.rightAligned),
                                                        rows: table.rows.map { row in table.columns.map { Cell(row[$0.key]) } }))
        default:
            if let time {
                let known = time.knownAt == .everything ? "allt registrerat (seq \(knownSeq))" : "\(time.knownAt) (seq \(knownSeq))"
                context.stdout.line("per \(time.at), känt: \(known)")
            }
            if table.rows.isEmpty {
                context.stdout.line("(inga)")
                return
            }
            var text = TextTable(table.columns.map { TextTable.Column(header: $0.header, rightAligned: $0.rightAligned) })
            for row in table.rows {
                text.add(table.columns.map { row[$0.key]?.cellText ?? "" })
            }
            context.stdout.write(text.render())
        }
    }

    static let assignments = make(
        name: "assignments", summary: "assignments (uppdrag): status, due date, days overdue",
        discussion: """
        Lists assignments with their status on the date (ej påbörjad, pågående, försenad, återrapporterad, avslutad,
        återkallad), the due date and the wording of the decision, and days overdue. Overdue means the due date has
        passed and no report-back is recorded; a withdrawn or closed assignment is never overdue.
        """,
        extra: [OptionSpec("overdue", help: "only overdue assignments")],
        examples: ["liggare assignments --at 2025-10-01", "liggare assignments --overdue --format json"]
    ) { args, state, time, organ in
        Queries.assignments(state, at: time.at, organ: organ, overdueOnly: args.has("overdue"))
    }

    static let decisions = make(
        name: "decisions", summary: "decisions (beslut), by organ and date",
        discussion: """
        Lists decisions with their key (ORGAN-YEAR-§N), date, case number, title and legal-force state on the date:
        protokollet ej justerat, anslag ej uppsatt, överklagandetid löper t.o.m. D, laga kraft sedan D, överklagat,
        upphävt. The last appeal day is three weeks from the day the notice was posted, moved to the next weekday
        when it falls on a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton (lag 1930:173).
        """,
        extra: [OptionSpec("from", value: "DATE", help: "first decision date"), OptionSpec("to", value: "DATE", help: "last decision date"),
                OptionSpec("not-in-force", help: "only decisions not yet in legal force")],
        examples: ["liggare decisions --organ IN --from 2025-01-01 --to 2025-12-31"]
    ) { args, state, time, organ in
        var from: CivilDate?, to: CivilDate?
        if let raw = args.value("from") {
            guard let date = CivilDate(raw) else { throw UsageError(message: "--from '\(raw)' is not a date YYYY-MM-DD", command: "decisions") }
            from = date
        }
        if let raw = args.value("to") {
            guard let date = CivilDate(raw) else { throw UsageError(message: "--to '\(raw)' is not a date YYYY-MM-DD", command: "decisions") }
            to = date
        }
        return Queries.decisions(state, at: time.at, organ: organ, from: from, to: to, notInForceOnly: args.has("not-in-force"))
    }

    static let controls = make(
        name: "controls", summary: "internal control points (internkontroll) and their results for a year",
        discussion: "Lists the control points of the plans for a year with risk value, kontrollområde, latest result and measures.",
        extra: [OptionSpec("year", value: "YEAR", help: "the plan year (default: the year of --at)")],
        examples: ["liggare controls --year 2025"]
    ) { args, state, time, organ in
        var year = time.at.year
        if let raw = args.value("year") {
            guard let y = Int(raw), (1900...2999).contains(y) else { throw UsageError(message: "--year '\(raw)' is not a year", command: "controls") }
            year = y
        }
        return Queries.controls(state, year: year, organ: organ)
    }

    static let indicators = make(
        name: "indicators", summary: "indicators with target (målvärde) and latest outcome (utfall)",
        discussion: "Lists indicators with their target, direction and latest outcome.",
        examples: ["liggare indicators --at 2025-12-31"]
    ) { _, state, _, organ in Queries.indicators(state, organ: organ) }

    static let policies = make(
        name: "policies", summary: "governing documents (styrdokument): version, last decided, review rule",
        discussion: "Lists policies, riktlinjer, reglementen and delegationsordningar with when they were last decided.",
        examples: ["liggare policies"]
    ) { _, state, _, organ in Queries.policies(state, organ: organ) }

    static let members = make(
        name: "members", summary: "members of organs serving on the date, with roles",
        discussion: "Lists the members (ledamöter, ersättare) serving on the date, with role and who elected them.",
        examples: ["liggare members --organ RUG --at 2021-06-30"]
    ) { _, state, time, organ in Queries.members(state, at: time.at, organ: organ) }

    static let audits = make(
        name: "audits", summary: "audit reports (revisionsrapporter) and the board's responses",
        discussion: "Lists audit reports with their assessment and when the response is due and was given.",
        examples: ["liggare audits"]
    ) { _, state, time, organ in Queries.audits(state, at: time.at, organ: organ) }

    static let history = Command(
        name: "history", summary: "every event that touched one decision, assignment, control point, document …",
        usage: "liggare history KEY [--known-at T] [--format text|json|csv|md] [--ledger PATH]",
        discussion: """
        Shows every event that touched the entity with the key (a decision, assignment, meeting, organ, control point,
        measure, indicator, document or audit report), in seq order, with both times (recorded and effective), the
        actor and the line hash; corrections shown as before → after, annulled events marked. With --known-at, only
        what had been recorded by then.
        """,
        options: [knownAt, CommonOptions.format(formats), CommonOptions.ledger], maximumPositionals: 1,
        examples: ["liggare history U-2025-01", "liggare history IN-2025-§45 --format json"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: formats, command: "history")
        guard let key = args.positionals.first else {
            throw UsageError(message: "history needs a KEY, for example U-2025-01", command: "history")
        }
        var knownAt = KnownAt.everything
        if let raw = args.value("known-at") {
            guard let parsed = KnownAt.parse(raw) else {
                throw UsageError(message: "--known-at '\(raw)' is not a time, a date or seq:N", command: "history")
            }
            knownAt = parsed
        }
        let path = try LedgerLocator.locate(args, context)
        let ledger = try DomainLoader.load(path)
        guard let table = Queries.history(ledger, key: key, knownAt: knownAt) else {
            let keys = Array(ledger.currentState.keys.keys)
            let hint = ArgumentParser.suggestion(for: key, among: keys)
            throw CLIError(.failure, "no event touches '\(key)'\(hint)")
        }
        render(table, format: format, time: nil, knownSeq: ledger.knownSeq(knownAt), context)
        return .ok
    }
}
