#if canImport(Glibc)
import Glibc
#endif
import LiggareDomain
import LiggareJSON
import LiggareLog

/// `liggare append`: the low-level append that domain commands build on.
enum AppendCommand {
    static let command = Command(
        name: "append", summary: "append raw events (low level): one from options, or many from a file or stdin",
        usage: """
        liggare append --type T --effective DATE (--data JSON | --data-file F) [--expect-seq N] [options]
               liggare append [--file F | -] [--expect-seq N] [options]
        """,
        discussion: """
        Appends events to the ledger. One event from --type, --effective and --data, or a batch of events as JSON
        Lines (or one JSON array) from --file F, or from standard input. Each input event is an object
        {"type": "…", "effective": "YYYY-MM-DD", "data": {…}} with an optional "actor". A batch is checked as a
        whole and written as a whole, under one lock and one fsync, or not at all; every problem is reported with
        its input line. With --expect-seq N the append is refused unless the ledger's last seq is N. Prints the
        new head once the events are on disk.
        """,
        options: [OptionSpec("type", value: "T", help: "event type, for example decision.recorded"),
                  OptionSpec("effective", value: "DATE", help: "effective (legal) date, YYYY-MM-DD"),
                  OptionSpec("data", value: "JSON", help: "the payload, a JSON object"),
                  OptionSpec("data-file", value: "F", help: "read the payload from file F"),
                  OptionSpec("file", value: "F", help: "read events (JSON Lines or a JSON array) from F; - is stdin"),
                  OptionSpec("expect-seq", value: "N", help: "refuse unless the ledger's last seq is N"),
                  CommonOptions.actor, CommonOptions.ledger, CommonOptions.format([.text, .json])],
        maximumPositionals: 1,
        examples: ["liggare append --type note.added --effective 2025-06-10 --data '{\"text\":\"Test\"}'",
                   "liggare append --file events-to-add.jsonl --expect-seq 41"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: [.text, .json], command: "append")
        let actor = try context.actor(args)
        var expectedSeq: Int?
        if let raw = args.value("expect-seq") {
            guard let n = Int(raw), n >= 1 else {
                throw UsageError(message: "--expect-seq needs a seq (a whole number ≥ 1), not '\(raw)'", command: "append")
            }
            expectedSeq = n
        }
        let drafts = try readDrafts(args, context, actor: actor)
        let path = try LedgerLocator.locate(args, context)
        var random = SystemRandomNumberGenerator()
        let result = try LedgerFile.append(path: path, events: drafts, expectedSeq: expectedSeq, clock: context.clock,
                                           random: &random, complete: { _, proposed throws(LedgerError) in
            try checkAgainstLedger(proposed, path: path, snapshots: SnapshotPolicy(context.environment) != .off)
        }, waiting: {
            context.stderr.line("liggare: waiting for another process to finish appending to \(path) …")
        })
        printResult(result, format: format, context)
        return .ok
    }

    /// Checks events against the governance vocabulary and the ledger as it stands (under the append lock), and
    /// completes them with derived keys.
    static func checkAgainstLedger(_ drafts: [EventDraft], path: String, snapshots: Bool) throws(LedgerError) -> [EventDraft] {
        if snapshots, let accepted = DomainLoader.acceptedUsingSnapshot(drafts, path: path) { return accepted }
        let ledger: GovernanceLedger
        do {
            ledger = try DomainLoader.load(path)
        } catch let error as ReadFailure {
            throw .unreadable(path: path, detail: "line \(error.line): \(error.detail)")
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .unreadable(path: path, detail: "\(error)")
        }
        switch Validator.check(drafts, against: ledger) {
        case .success(let completed): return completed
        case .failure(let failure): throw .invalidEvents(failure.problems)
        }
    }

    static func readDrafts(_ args: Arguments, _ context: CommandContext, actor: String) throws -> [EventDraft] {
        let single = args.has("type") || args.has("effective") || args.has("data") || args.has("data-file")
        let batchSource = args.value("file") ?? args.positionals.first
        if single {
            if batchSource != nil {
                throw UsageError(message: "give either --type/--effective/--data or --file, not both", command: "append")
            }
            guard let type = args.value("type") else { throw UsageError(message: "--type T is required", command: "append") }
            guard let effectiveText = args.value("effective") else {
                throw UsageError(message: "--effective DATE is required", command: "append")
            }
            guard let effective = CivilDate(effectiveText) else {
                throw CLIError(.failure, "--effective: \"\(effectiveText)\" is not a real date; expected YYYY-MM-DD")
            }
            let dataBytes: [UInt8]
            let dataName: String
            if let file = args.value("data-file") {
                if args.has("data") { throw UsageError(message: "give --data or --data-file, not both", command: "append") }
                dataBytes = try readFile(context.resolve(file))
                dataName = file
            } else if let data = args.value("data") {
                dataBytes = Array(data.utf8)
                dataName = "--data"
            } else {
                throw UsageError(message: "--data JSON (or --data-file F) is required", command: "append")
            }
            let value: JSONValue
            do {
                value = try JSONReader.parse(dataBytes, options: .ledger)
            } catch {
                throw LedgerError.invalidEvents([EventProblem(location: dataName, field: "data",
                                                              detail: "not valid JSON: \(error.description)")])
            }
            let draft = EventDraft(type: type, effective: effective, actor: actor, data: value, source: "event")
            let problems = draft.problems()
            if !problems.isEmpty { throw LedgerError.invalidEvents(problems) }
            return [draft]
        }
        let bytes: [UInt8]
        let name: String
        if let batchSource, batchSource != "-" {
            bytes = try readFile(context.resolve(batchSource))
            name = batchSource
        } else {
            if context.stdin.isTerminal && batchSource == nil {
                throw UsageError(message: "nothing to append: give --type, --effective and --data, or events with --file F "
                                    + "or on standard input", command: "append")
            }
            bytes = context.stdin.readAll()
            name = "stdin"
        }
        switch EventInput.parse(bytes, name: name, actor: actor) {
        case .success(let drafts): return drafts
        case .failure(let error): throw error
        }
    }

    static func readFile(_ path: String) throws(LedgerError) -> [UInt8] { try FileBytes.read(path: path) }

    static func printResult(_ result: AppendResult, format: OutputFormat, _ context: CommandContext) {
        switch format {
        case .json:
            let events = result.written.map { w in
                JSONOutput.object([("seq", JSONOutput.int(w.seq)), ("id", .string(w.id.description)),
                                   ("type", .string(w.type)), ("recorded", .string(w.recorded.description)),
                                   ("hash", .string(w.hashHex)), ("key", JSONOutput.optional(w.key))])
            }
            context.stdout.write(JSONOutput.line(JSONOutput.object([
                ("appended", .array(events)),
                ("head", JSONOutput.object([("seq", JSONOutput.int(result.head.seq)), ("hash", .string(result.head.hash.hex))])),
            ])))
        default:
            let count = result.written.count
            if count == 1, let w = result.written.first {
                context.stdout.line("appended seq \(w.seq) (\(w.type)\(w.key.map { ", key \($0)" } ?? ""))")
            } else if let first = result.written.first, let last = result.written.last {
                context.stdout.line("appended \(count) events, seq \(first.seq)–\(last.seq)")
            }
            context.stdout.line("head \(result.head.checkpoint)")
        }
    }
}
