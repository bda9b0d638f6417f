#if canImport(Glibc)
import Glibc
#endif
import LiggareDomain
import LiggareJSON
import LiggareLog

/// `liggare report`: the status report for board papers, as one self-contained HTML file (or Markdown).
enum ReportCommand {
    static let command = Command(
        name: "report", summary: "the status report for board papers: one self-contained HTML file, or Markdown",
        usage: "liggare report [--at DATE] [--known-at T] [--organ KEY] [--lang sv|en] [--format html|md] [--out FILE] [--ledger PATH]",
        discussion: """
        Writes the status report as one self-contained HTML file (no external scripts, fonts or styles; it works
        offline and prints on A4), in Swedish or with --lang en in English: the organisation and organs, the date,
        what the ledger knew (head seq and hash, so anyone can check the report against the ledger), what needs
        attention, assignments, decisions with their legal-force state, internal control with the 4×4 risk matrix,
        indicators with a chart of outcomes against the target, and an appendix with the events behind the report.
        Without --out the report goes to standard output. --format md writes the same content as Markdown.
        """,
        options: [QueryCommands.at, QueryCommands.knownAt, QueryCommands.organ,
                  OptionSpec("lang", value: "sv|en", help: "language (default sv)"),
                  OptionSpec("out", value: "FILE", help: "write to FILE instead of standard output"),
                  CommonOptions.format([.html, .md]), CommonOptions.ledger],
        examples: ["liggare report --at 2025-10-01 --out status-2025-10-01.html", "liggare report --at 2025-10-01 --lang en --out status.html"]
    ) { args, context in
        guard let rawFormat = args.value("format") ?? Optional("html"), let format = OutputFormat(rawValue: rawFormat),
              format == .html || format == .md else {
            throw UsageError(message: "--format \(args.value("format") ?? "") is not offered by 'report'; choose html or md", command: "report")
        }
        let lang = args.value("lang") ?? "sv"
        guard lang == "sv" || lang == "en" else { throw UsageError(message: "--lang must be sv or en, not '\(lang)'", command: "report") }
        let time = try QueryCommands.when(args, context, command: "report")
        let path = try LedgerLocator.locate(args, context)
        let ledger = try DomainLoader.load(path)
        let state = ledger.state(at: time.at, knownAt: time.knownAt)
        let organ = try QueryCommands.checkOrgan(args, ledger, state: state, command: "report")
        let knownSeq = ledger.knownSeq(time.knownAt)
        let bytes: [UInt8]
        if format == .md {
            bytes = Array(markdown(ledger: ledger, state: state, time: time, knownSeq: knownSeq, organ: organ).utf8)
        } else {
            let report = HTMLReport(ledger: ledger, state: state, at: time.at, knownAt: time.knownAt, knownSeq: knownSeq,
                                    organ: organ, english: lang == "en")
            bytes = Array(report.render().utf8)
        }
        if let out = args.value("out") {
            let target = context.resolve(out)
            try FileBytes.write(bytes, to: target)
            context.stderr.line("wrote \(target) (\(bytes.count) bytes)")
        } else {
            context.stdout.write(bytes)
        }
        return .ok
    }

    static func markdown(ledger: GovernanceLedger, state: BoardState, time: QueryCommands.When, knownSeq: Int, organ: String?) -> String {
        let organization = ledger.events.first?.text("organization") ?? ""
        let head = ledger.event(seq: knownSeq).map { "\($0.seq):\($0.hash)" } ?? "–"
        var out = "## " + MarkdownRenderer.escape("\(organization): status per \(time.at)") + "\n\n"
        out += "Liggarens huvud: `\(head)`\n\n"
        let report = StatusReport.make(state, on: time.at, organ: organ)
        if let page = report.pages.first {
            out += "### Att uppmärksamma\n\n"
            out += page.items.isEmpty ? "Inget att uppmärksamma.\n\n" : MarkdownRenderer.table(
                headers: ["Nyckel", "Vad", "Datum", "Dagar sent", "Beskrivning"], rightAligned: [false, false, false, true, false],
                rows: page.items.map { [Cell(text: $0.key), Cell(text: StatusReport.label($0.kind)), Cell(text: $0.date?.description ?? ""),
                                        Cell(text: $0.daysLate.map(String.init) ?? ""), Cell(text: $0.message)] }) + "\n"
        }
        for (title, table) in [("Uppdrag", Queries.assignments(state, at: time.at, organ: organ)),
                               ("Beslut", Queries.decisions(state, at: time.at, organ: organ)),
                               ("Internkontroll", Queries.controls(state, year: time.at.year, organ: organ)),
                               ("Indikatorer", Queries.indicators(state, organ: organ))] {
            out += "### \(title)\n\n"
            out += table.rows.isEmpty ? "Inga.\n\n" : MarkdownRenderer.table(
                headers: table.columns.map(\.header), rightAligned: table.columns.map(\.rightAligned),
                rows: table.rows.map { row in table.columns.map { Cell(row[$0.key]) } }) + "\n"
        }
        return out
    }
}
