import LiggareLog

/// `liggare log`: the raw audit trail.
enum LogCommand {
    static let command = Command(
        name: "log", summary: "list the raw audit trail, one row per event",
        usage: "liggare log [--from SEQ] [--to SEQ] [--type T] [--format text|json|csv|md] [--ledger PATH]",
        discussion: """
        Lists the events of the ledger in order, one row per event: seq, recorded (UTC), effective date, type,
        actor and the first 12 hex digits of the line's hash. --type takes an exact type or a prefix ending in
        '*' (decision.*). It reads lines as they are stored; use 'liggare verify' to check the chain.
        --format json prints a JSON array with one object per event, including the full hash and the data.
        """,
        options: [OptionSpec("from", value: "SEQ", help: "first seq to list"),
                  OptionSpec("to", value: "SEQ", help: "last seq to list"),
                  OptionSpec("type", value: "T", help: "only events of this type (or prefix*)"),
                  CommonOptions.format([.text, .json, .csv, .md]), CommonOptions.ledger],
        examples: ["liggare log --from 10 --to 20", "liggare log --type 'decision.*' --format json"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: [.text, .json, .csv, .md], command: "log")
        let headers = ["SEQ", "RECORDED", "EFFECTIVE", "TYPE", "ACTOR", "HASH"]
        if format == .csv { context.stdout.write(CSVRenderer.render(headers: headers, rows: [])) }
        if format == .md { context.stdout.write(MarkdownRenderer.table(headers: headers, rightAligned: [true] + Array(repeating: false, count: 5), rows: [])) }
        let from = try seqOption(args, "from") ?? 1
        let to = try seqOption(args, "to") ?? Int.max
        guard from <= to else { throw UsageError(message: "--from \(from) is after --to \(to)", command: "log") }
        let typeFilter = args.value("type").map(TypeFilter.init)
        let path = try LedgerLocator.locate(args, context)
        var table = StreamingTable(columns: [.init(header: "SEQ", rightAligned: true), .init(header: "RECORDED"),
                                             .init(header: "EFFECTIVE"), .init(header: "TYPE"), .init(header: "ACTOR"),
                                             .init(header: "HASH")], sink: context.stdout)
        var first = true
        if format == .json { context.stdout.write("[") }
        do {
            try LedgerReader.forEach(path: path) { entry in
                let line = entry.line
                if line.seq < from { return true }
                if line.seq > to { return false }
                if let typeFilter, !typeFilter.matches(UnsafeRawBufferPointer(rebasing: entry.bytes[line.typeRange])) {
                    return true
                }
                let cells = [Cell(text: String(line.seq), isNumber: true), Cell(text: line.recorded.description),
                             Cell(text: line.effective.description), Cell(text: line.type(in: entry.bytes)),
                             Cell(text: line.actor(in: entry.bytes)), Cell(text: String(entry.hash.hex.prefix(12)))]
                if format == .json {
                    context.stdout.write(first ? "\n" : ",\n")
                    first = false
                    writeJSON(entry, context.stdout)
                } else if format == .csv {
                    // The header record was written above; each row is one record.
                    context.stdout.write(CSVRenderer.record(cells))
                } else if format == .md {
                    context.stdout.write(MarkdownRenderer.row(cells))
                } else {
                    table.add([String(line.seq), line.recorded.description, line.effective.description,
                               line.type(in: entry.bytes), line.actor(in: entry.bytes), String(entry.hash.hex.prefix(12))])
                }
                return true
            }
        } catch {
            if format == .json { context.stdout.write(first ? "]\n" : "\n]\n") } else if format == .text { table.finish() }
            throw error
        }
        if format == .json { context.stdout.write(first ? "]\n" : "\n]\n") } else if format == .text { table.finish() }
        return .ok
    }

    static func seqOption(_ args: Arguments, _ name: String) throws(UsageError) -> Int? {
        guard let raw = args.value(name) else { return nil }
        guard let n = Int(raw), n >= 1 else {
            throw UsageError(message: "--\(name) needs a seq (a whole number ≥ 1), not '\(raw)'", command: "log")
        }
        return n
    }

    /// Writes one event as a JSON object, copying the stored bytes of type, actor and data.
    static func writeJSON(_ entry: LedgerReader.Entry, _ sink: any OutputSink) {
        let line = entry.line
        let bytes = entry.bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 128)
        out.append(contentsOf: #"{"seq":"#.utf8)
        out.append(contentsOf: String(line.seq).utf8)
        out.append(contentsOf: #","id":""#.utf8)
        line.id.append(to: &out)
        out.append(contentsOf: #"","type":""#.utf8)
        out.append(contentsOf: bytes[line.typeRange])
        out.append(contentsOf: #"","recorded":""#.utf8)
        line.recorded.append(to: &out)
        out.append(contentsOf: #"","effective":""#.utf8)
        out.append(contentsOf: line.effective.description.utf8)
        out.append(contentsOf: #"","actor":""#.utf8)
        out.append(contentsOf: bytes[line.actorRange])
        out.append(contentsOf: #"","prev":""#.utf8)
        out.append(contentsOf: bytes[line.prevRange])
        out.append(contentsOf: #"","hash":""#.utf8)
        out.append(contentsOf: entry.hash.hex.utf8)
        out.append(contentsOf: #"","data":"#.utf8)
        out.append(contentsOf: bytes[line.dataRange])
        out.append(UInt8(ascii: "}"))
        sink.write(out)
    }
}

/// `--type` matching: an exact type, or a prefix ending in `*`.
struct TypeFilter {
    let pattern: [UInt8]
    let isPrefix: Bool

    init(_ text: String) {
        if text.hasSuffix("*") {
            pattern = Array(text.dropLast().utf8)
            isPrefix = true
        } else {
            pattern = Array(text.utf8)
            isPrefix = false
        }
    }

    func matches(_ type: UnsafeRawBufferPointer) -> Bool {
        if isPrefix { return type.count >= pattern.count && type.prefix(pattern.count).elementsEqual(pattern) }
        return type.elementsEqual(pattern)
    }
}

/// A text table that sizes its columns from the first rows and then streams.
struct StreamingTable {
    let columns: [TextTable.Column]
    let sink: any OutputSink
    var table: TextTable
    var widths: [Int]?
    static let sampleRows = 10_000

    init(columns: [TextTable.Column], sink: any OutputSink) {
        self.columns = columns
        self.sink = sink
        self.table = TextTable(columns)
    }

    mutating func add(_ row: [String]) {
        if let widths {
            sink.write(TextTable.line(row.map(TerminalText.inert), widths: widths, columns: columns))
            return
        }
        table.add(row)
        if table.rows.count >= Self.sampleRows { flushSample() }
    }

    mutating func flushSample() {
        sink.write(table.render())
        widths = table.widths
        table.rows.removeAll()
    }

    mutating func finish() {
        if widths == nil { sink.write(table.render()) }
    }
}
