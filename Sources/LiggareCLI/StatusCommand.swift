import LiggareDomain
import LiggareJSON
import LiggareLog

/// `liggare status`: what needs attention on a date.
enum StatusCommand {
    static let command = Command(
        name: "status", summary: "what needs attention on a date: overdue, not in legal force, missing, due",
        usage: "liggare status [--at DATE] [--known-at T] [--organ KEY] [--format text|json|csv|md] [--ledger PATH]",
        discussion: """
        One page for all organs and one per organ: everything that needs attention on the date, most urgent first,
        each with the key to look it up (liggare history KEY), and a summary (open and overdue assignments,
        decisions in legal force and not yet). It checks: assignments overdue or left open from an earlier mandate
        period; minutes not adjusted within 14 days, notices not posted by the second day after adjustment;
        decisions whose appeal period runs or that are appealed; internal control plans missing for the year,
        control points without results, deviations without measures, measures past due; indicators whose latest
        outcome misses the target; governing documents due for review in the mandate period; audit responses
        past due. docs/rules.md states each rule and its legal basis.
        """ + "\n" + QueryCommands.timeHelp,
        options: QueryCommands.common,
        examples: ["liggare status --at 2025-10-01", "liggare status --organ IN --format json"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: QueryCommands.formats, command: "status")
        let time = try QueryCommands.when(args, context, command: "status")
        let path = try LedgerLocator.locate(args, context)
        let (state, organ, knownSeq, organization) = try DomainLoader.withHistory(path, context) { ledger in
            let state = try ledger.state(at: time.at, knownAt: time.knownAt)
            return (state, try QueryCommands.checkOrgan(args, ledger, state: state, command: "status"),
                    ledger.knownSeq(time.knownAt), try ledger.organization())
        }
        let report = StatusReport.make(state, on: time.at, organ: organ)
        switch format {
        case .json:
            guard case .object(var object) = report.json else { return .failure }
            object.members.insert((key: "knownAt", value: .string(time.knownAt.description)), at: 2)
            object.members.insert((key: "knownSeq", value: .number(JSONNumber(knownSeq))), at: 3)
            context.stdout.write(JSONOutput.line(.object(object)))
        case .csv:
            // One list: the items of every organ's page (the all-organs page would repeat them).
            let pages = report.pages.count > 1 ? Array(report.pages.dropFirst()) : report.pages
            var rows: [[Cell]] = []
            for page in pages {
                for item in page.items {
                    rows.append([Cell(text: page.organ ?? ""), Cell(text: item.key), Cell(text: StatusReport.label(item.kind)),
                                 Cell(text: item.date?.description ?? ""),
                                 item.daysLate.map { Cell(text: String($0), isNumber: true) } ?? Cell(text: ""),
                                 Cell(text: item.message)])
                }
            }
            context.stdout.write(CSVRenderer.render(headers: ["ORGAN", "NYCKEL", "VAD", "DATUM", "DAGAR SENT", "BESKRIVNING"], rows: rows))
        case .md:
            context.stdout.line("## " + MarkdownRenderer.escape("Status per \(time.at) – \(organization)"))
            context.stdout.line()
            context.stdout.line(MarkdownRenderer.escape("Känt: " + (time.knownAt == .everything ? "allt registrerat" : time.knownAt.description)
                                                        + " (seq \(knownSeq))"))
            for page in report.pages {
                let s = page.summary
                context.stdout.line()
                context.stdout.line("### " + MarkdownRenderer.escape(page.title))
                context.stdout.line()
                context.stdout.line("\(s.openAssignments) öppna uppdrag, varav \(s.overdueAssignments) försenade; \(s.decisionsInForce) beslut i laga kraft, "
                                    + "\(s.decisionsPending) ej i laga kraft; \(s.attention) att uppmärksamma.")
                if page.items.isEmpty { continue }
                context.stdout.line()
                context.stdout.write(MarkdownRenderer.table(
                    headers: ["Nyckel", "Vad", "Datum", "Dagar sent", "Beskrivning"], rightAligned: [false, false, false, true, false],
                    rows: page.items.map { [Cell(text: $0.key), Cell(text: StatusReport.label($0.kind)), Cell(text: $0.date?.description ?? ""),
                                            Cell(text: $0.daysLate.map(String.init) ?? ""), Cell(text: $0.message)] }))
            }
        default:
            let known = time.knownAt == .everything ? "allt registrerat (seq \(knownSeq))" : "\(time.knownAt) (seq \(knownSeq))"
            context.stdout.line("Status per \(time.at) – \(TerminalText.inert(organization))")
            context.stdout.line("Känt: \(known)")
            for page in report.pages {
                context.stdout.line()
                context.stdout.line("== \(TerminalText.inert(page.title)) ==")
                let s = page.summary
                context.stdout.line("\(s.openAssignments) öppna uppdrag, varav \(s.overdueAssignments) försenade; "
                                    + "\(s.decisionsInForce) beslut i laga kraft, \(s.decisionsPending) ej i laga kraft; "
                                    + "\(s.attention) att uppmärksamma")
                if page.items.isEmpty { continue }
                var table = TextTable([.init(header: "NYCKEL"), .init(header: "VAD"), .init(header: "DATUM"),
                                       .init(header: "DAGAR SENT", rightAligned: true), .init(header: "BESKRIVNING")])
                for item in page.items {
                    table.add([item.key, StatusReport.label(item.kind), item.date?.description ?? "",
                               item.daysLate.map(String.init) ?? "", item.message])
                }
                context.stdout.write(table.render())
            }
        }
        return .ok
    }
}
