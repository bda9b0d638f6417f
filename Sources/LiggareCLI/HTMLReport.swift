import LiggareDomain
import LiggareJSON
import LiggareLog

/// The status report as one self-contained HTML file for board papers: no external scripts, fonts or styles;
/// readable on screen and printed on A4. Everything from the ledger is HTML-escaped.
struct HTMLReport {
    let ledger: GovernanceLedger
    let state: BoardState
    let at: CivilDate
    let knownAt: KnownAt
    let knownSeq: Int
    let organ: String?
    let english: Bool

    /// A label in the report's language.
    func t(_ sv: String, _ en: String) -> String { english ? en : sv }

    /// Text escaped for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if TerminalText.isUnsafe(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    func e(_ text: String) -> String { Self.escape(text) }

    func render() -> String {
        let organization = ledger.events.first?.text("organization") ?? ""
        let head = ledger.event(seq: knownSeq)
        let report = StatusReport.make(state, on: at, organ: organ)
        var html = """
        <!DOCTYPE html>
        <html lang="\(english ? "en" : "sv")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(t("Status", "Status report"))) \(at) – \(e(organization))</title>
        <style>\(Self.css)</style>
        </head>
        <body>
        <header>
        <h1>\(e(organization)): \(e(t("status per", "status at"))) \(at)</h1>
        <dl class="facts">
        <dt>\(t("Per datum", "At date"))</dt><dd id="at">\(at)</dd>
        <dt>\(t("Organ", "Organs"))</dt><dd>\(e(state.organs.filter { organ == nil || $0.key == organ }.map { "\($0.key) \($0.name)" }.joined(separator: "; ")))</dd>
        <dt>\(t("Känt", "Known"))</dt><dd>\(e(knownAt == .everything ? t("allt registrerat", "everything recorded") : knownAt.description))</dd>
        <dt>\(t("Liggarens huvud", "Ledger head"))</dt><dd id="head">seq \(knownSeq)<br><code>\(head.map { "\($0.seq):\($0.hash)" } ?? "–")</code></dd>
        </dl>
        <p class="note">\(t("Kontrollera rapporten mot liggaren med", "Check this report against the ledger with")) <code>liggare verify --checkpoint \(head.map { "\($0.seq):\($0.hash)" } ?? "")</code></p>
        </header>
        <main>

        """
        html += attention(report)
        html += assignments()
        html += decisions()
        html += control()
        html += indicators()
        html += appendix()
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    func attention(_ report: StatusReport) -> String {
        guard let page = report.pages.first else { return "" }
        let s = page.summary
        var out = "<section id=\"attention\">\n<h2>\(t("Att uppmärksamma", "Needs attention"))</h2>\n"
        out += "<p class=\"summary\">\(s.openAssignments) \(t("öppna uppdrag, varav", "open assignments, of which")) \(s.overdueAssignments) \(t("försenade", "overdue")); "
        out += "\(s.decisionsInForce) \(t("beslut i laga kraft", "decisions in legal force")), \(s.decisionsPending) \(t("ej i laga kraft", "not yet in force")).</p>\n"
        if page.items.isEmpty { return out + "<p>\(t("Inget att uppmärksamma.", "Nothing needs attention."))</p>\n</section>\n" }
        out += "<table>\n<thead><tr><th scope=\"col\">\(t("Nyckel", "Key"))</th><th scope=\"col\">\(t("Vad", "What"))</th><th scope=\"col\">\(t("Datum", "Date"))</th><th scope=\"col\" class=\"num\">\(t("Dagar sent", "Days late"))</th><th scope=\"col\">\(t("Beskrivning", "Description"))</th></tr></thead>\n<tbody>\n"
        for item in page.items {
            out += "<tr class=\"u\(item.urgency)\"><td><code>\(e(item.key))</code></td><td>\(e(english ? StatusReport.englishLabel(item.kind) : StatusReport.label(item.kind)))</td><td class=\"nw\">\(item.date?.description ?? "")</td><td class=\"num\">\(item.daysLate.map(String.init) ?? "")</td><td>\(e(item.message))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    func table(id: String, title: String, headers: [String], numeric: Set<Int> = [], noWrap: Set<Int> = [], rows: [[String]]) -> String {
        var out = "<section id=\"\(id)\">\n<h2>\(title)</h2>\n"
        if rows.isEmpty { return out + "<p>\(t("Inga.", "None."))</p>\n</section>\n" }
        out += "<table>\n<thead><tr>"
        for (i, header) in headers.enumerated() { out += "<th scope=\"col\"\(numeric.contains(i) ? " class=\"num\"" : "")>\(header)</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.enumerated().map { cell -> String in
                let classes = (numeric.contains(cell.offset) ? ["num"] : []) + (noWrap.contains(cell.offset) ? ["nw"] : [])
                return "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(cell.element)</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    func assignments() -> String {
        let rows = state.assignments.filter { organ == nil || $0.organ == organ || $0.reportTo == organ }.map { a in
            ["<code>\(e(a.key))</code>", e(english ? a.status(on: at).english : a.status(on: at).rawValue), a.due.last.description, e(a.due.wording),
             a.isOverdue(on: at) ? String(a.daysOverdue(on: at)) : "", e(a.receiver), e(a.description)]
        }
        return table(id: "assignments", title: t("Uppdrag", "Assignments"),
                     headers: [t("Uppdrag", "Key"), "Status", t("Senast", "Due"), t("Enligt beslut", "As decided"),
                               t("Dagar sent", "Days late"), t("Mottagare", "Receiver"), t("Beskrivning", "Description")],
                     numeric: [4], noWrap: [1, 2], rows: rows)
    }

    func decisions() -> String {
        let rows = state.decisions.filter { organ == nil || $0.organ == organ }.map { d in
            let force = LegalForce.of(d, in: state, on: at)
            return ["<code>\(e(d.key))</code>", d.date.description, e(d.caseNumber ?? ""), e(english ? force.english : force.swedish),
                    LegalForce.lastAppealDay(d, in: state)?.description ?? "", e(d.title)]
        }
        return table(id: "decisions", title: t("Beslut och laga kraft", "Decisions and legal force"),
                     headers: [t("Beslut", "Key"), t("Datum", "Date"), t("Diarienummer", "Case"), t("Laga kraft", "Legal force"),
                               t("Sista överklagandedag", "Last appeal day"), t("Rubrik", "Title")], noWrap: [1, 4], rows: rows)
    }

    func control() -> String {
        let points = state.points.filter { p in
            guard let plan = state.plan(p.plan) else { return false }
            return plan.year == at.year && (organ == nil || plan.organ == organ)
        }
        var out = "<section id=\"control\">\n<h2>\(t("Internkontroll", "Internal control")) \(at.year)</h2>\n"
        if points.isEmpty { return out + "<p>\(t("Ingen internkontrollplan för året.", "No internal control plan for the year."))</p>\n</section>\n" }
        // The 4×4 risk matrix: consequence from 4 (top) to 1, likelihood 1 to 4.
        out += "<table class=\"matrix\" aria-label=\"\(t("Riskmatris", "Risk matrix"))\">\n<caption>\(t("Riskmatris: sannolikhet × konsekvens", "Risk matrix: likelihood × consequence"))</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(t("Konsekvens ↓ / sannolikhet →", "Consequence ↓ / likelihood →"))</th>"
        for likelihood in 1...4 { out += "<th scope=\"col\">\(likelihood)</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for consequence in stride(from: 4, through: 1, by: -1) {
            out += "<tr><th scope=\"row\">\(consequence)</th>"
            for likelihood in 1...4 {
                let value = likelihood * consequence
                let level = value >= 12 ? "r4" : value >= 8 ? "r3" : value >= 4 ? "r2" : "r1"
                let here = points.filter { $0.likelihood == likelihood && $0.consequence == consequence }
                out += "<td class=\"\(level)\" data-likelihood=\"\(likelihood)\" data-consequence=\"\(consequence)\">"
                out += here.map { "<span class=\"risk\">\(e($0.key))</span>" }.joined(separator: " ") + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let rows = points.map { p -> [String] in
            let latest = p.results.filter { $0.date.year == at.year && $0.date <= at }.last
            return ["<code>\(e(p.key))</code>", e(p.risk), e(p.riskType), String(p.riskValue), e(p.area), e(p.point), e(p.method),
                    e(latest.map { "\($0.outcome) (\($0.date))" } ?? t("inget resultat", "no result"))]
        }
        out += table(id: "control-points", title: t("Kontrollpunkter och resultat", "Control points and results"),
                     headers: [t("Kontrollpunkt", "Key"), "Risk", t("Risktyp", "Risk type"), t("Riskvärde", "Risk value"),
                               t("Kontrollområde", "Control area"), t("Kontrollpunkt", "What is checked"),
                               t("Kontrollmoment", "How"), t("Resultat", "Result")], numeric: [3], rows: rows)
        return out + "</section>\n"
    }

    func indicators() -> String {
        let list = state.indicators.filter { organ == nil || $0.organ == organ }
        var out = "<section id=\"indicators\">\n<h2>\(t("Indikatorer", "Indicators"))</h2>\n"
        if list.isEmpty { return out + "<p>\(t("Inga.", "None."))</p>\n</section>\n" }
        for indicator in list {
            let latest = indicator.latest
            let met = latest.flatMap { indicator.meets($0) }
            out += "<figure class=\"indicator\" id=\"indicator-\(e(indicator.key))\">\n<figcaption><strong>\(e(indicator.name))</strong> – "
            out += "\(t("målvärde", "target")) \(e(indicator.target)) \(e(indicator.unit)) (\(indicator.higherIsBetter ? t("högre är bättre", "higher is better") : t("lägre är bättre", "lower is better")))"
            if let latest {
                out += "; \(t("utfall", "outcome")) \(e(latest.period.canonical)): \(e(latest.value)) \(e(indicator.unit)) – "
                out += met == true ? t("målet nått", "target met") : met == false ? t("målet ej nått", "target not met") : ""
            }
            out += "</figcaption>\n" + chart(indicator) + "</figure>\n"
        }
        return out + "</section>\n"
    }

    /// An inline SVG line chart of the outcomes per period, with the target as a dashed line.
    func chart(_ indicator: Indicator) -> String {
        let outcomes = indicator.outcomes.sorted { $0.period.last < $1.period.last }
        let values = outcomes.compactMap { Double($0.value) }
        guard let target = Double(indicator.target) else { return "" }
        let width = 520.0, height = 200.0, left = 60.0, right = 20.0, top = 15.0, bottom = 35.0
        let maximum = max((values + [target]).max() ?? 1, 1) * 1.15
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - v / maximum) }
        func x(_ i: Int) -> Double {
            outcomes.count <= 1 ? left + (width - left - right) / 2 : left + (width - left - right) * Double(i) / Double(outcomes.count - 1)
        }
        func f(_ v: Double) -> String { String(Double(Int(v * 10)) / 10) }
        var svg = "<svg role=\"img\" aria-label=\"\(e(indicator.name))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(0) + 4))\" text-anchor=\"end\" font-size=\"11\">0</text>\n"
        svg += "<line class=\"target\" x1=\"\(f(left))\" y1=\"\(f(y(target)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(target)))\" stroke=\"#b00020\" stroke-dasharray=\"6 4\"/>\n"
        svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(target) + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#b00020\">\(e(indicator.target))</text>\n"
        let points = outcomes.enumerated().compactMap { (i, o) in Double(o.value).map { "\(f(x(i))),\(f(y($0)))" } }
        if points.count > 1 { svg += "<polyline fill=\"none\" stroke=\"#0b4f8a\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n" }
        for (i, o) in outcomes.enumerated() {
            guard let v = Double(o.value) else { continue }
            svg += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"4\" fill=\"#0b4f8a\"><title>\(e(o.period.canonical)): \(e(o.value))</title></circle>\n"
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\" font-size=\"11\">\(e(o.period.canonical))</text>\n"
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(y(v) - 8))\" text-anchor=\"middle\" font-size=\"11\">\(e(o.value))</text>\n"
        }
        return svg + "</svg>\n"
    }

    func appendix() -> String {
        let rows = ledger.events.filter { $0.seq <= knownSeq && ($0.effective <= at || $0.isMeta) && $0.type != "ledger.opened" }.map { ev in
            ["\(ev.seq)", ev.recorded.description, ev.effective.description, e(ev.type), e(ev.actor), "<code>\(ev.hash.prefix(12))</code>",
             e(Queries.summaryText(ev))]
        }
        return table(id: "audit-trail", title: t("Bilaga: händelserna bakom rapporten", "Appendix: the events behind this report"),
                     headers: ["Seq", t("Registrerad (UTC)", "Recorded (UTC)"), t("Gäller från", "Effective"), t("Händelse", "Event"),
                               t("Av", "By"), t("Radhash", "Line hash"), t("Innehåll", "Content")],
                     numeric: [0], noWrap: [1, 2], rows: rows)
    }

    static let css = """
    body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#111;background:#fff;margin:2rem;line-height:1.4;font-size:11pt}
    h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;border-bottom:2px solid #0b4f8a;padding-bottom:.2rem;margin-top:2rem}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dt{font-weight:bold}dd{margin:0}
    code{font-family:"DejaVu Sans Mono",monospace;font-size:.9em;word-break:break-all}
    table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92em}
    th,td{border:1px solid #777;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
    td.nw,th.nw{white-space:nowrap}td code{word-break:normal;white-space:nowrap}
    thead th{background:#e8eef5}.num{text-align:right}
    tr.u1 td:first-child{border-left:5px solid #b00020}tr.u2 td:first-child{border-left:5px solid #a65e00}
    table.matrix{width:auto}table.matrix td{width:7rem;height:3rem;text-align:center}
    .r1{background:#d8f0d8}.r2{background:#fff3b0}.r3{background:#ffd0a0}.r4{background:#f7b0b0}
    .risk{display:inline-block;margin:.1rem;padding:0 .2rem;border:1px solid #333;background:#fff}
    figure.indicator{margin:1rem 0;break-inside:avoid}svg{max-width:100%;height:auto}
    .note{font-size:.9em;color:#333}
    @page{size:A4;margin:15mm}
    @media print{body{margin:0;font-size:9.5pt}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}section{break-inside:auto}}
    """
}
