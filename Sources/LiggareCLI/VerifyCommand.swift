import LiggareJSON
import LiggareLog

/// `liggare verify`: recompute the chain.
enum VerifyCommand {
    static let command = Command(
        name: "verify", summary: "check that no line was altered, removed, added or reordered",
        usage: "liggare verify [--checkpoint SEQ:HASH]... [--format text|json] [--ledger PATH]",
        discussion: """
        Reads the whole ledger, streaming, and recomputes every line's hash and the chain: each line is strict
        JSON in the stored format, seq runs 1, 2, 3 … without gaps, each prev is the hash of the line before,
        ids increase, recorded time never goes backwards, and the file ends with a newline. On success prints the
        number of events and the head (exit 0); otherwise the first bad line, by line number and seq, and what is
        wrong with it (exit 1). With --checkpoint SEQ:HASH (a head printed earlier, for example in adjusted
        minutes) it also proves that the ledger still holds exactly that history, so a truncated file or a
        rewritten past is caught even when the file is consistent in itself.
        """,
        options: [OptionSpec("checkpoint", value: "SEQ:HASH", help: "a head saved earlier that must still hold (repeatable)",
                             repeatable: true),
                  CommonOptions.format([.text, .json]), CommonOptions.ledger],
        examples: ["liggare verify", "liggare verify --checkpoint 41:5f0c…(64 hex digits)"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: [.text, .json], command: "verify")
        let checkpoints = try parseCheckpoints(args.all("checkpoint"), command: "verify")
        let path = try LedgerLocator.locate(args, context)
        let report = try LedgerVerifier.verify(path: path, checkpoints: checkpoints,
                                               progress: progressReporter(context, label: "verifying"))
        switch format {
        case .json: context.stdout.write(JSONOutput.line(json(report)))
        default: context.stdout.write(text(report, color: context.colorAllowed(on: context.stdout)))
        }
        return report.isValid ? .ok : .failure
    }

    static func parseCheckpoints(_ raw: [String], command: String) throws(UsageError) -> [Checkpoint] {
        var result: [Checkpoint] = []
        for text in raw {
            guard let checkpoint = Checkpoint(text) else {
                throw UsageError(message: "--checkpoint '\(text)' is not SEQ:HASH (a seq, a colon and 64 hex digits, as "
                                    + "printed by 'liggare checkpoint')", command: command)
            }
            result.append(checkpoint)
        }
        return result
    }

    /// A progress callback writing to standard error, only when it is a terminal.
    static func progressReporter(_ context: CommandContext, label: String) -> ((Int, Int) -> Void)? {
        guard context.stderr.isTerminal else { return nil }
        return { done, total in
            if done >= total {
                context.stderr.write("\r\u{1B}[K")
            } else if total > 0 {
                context.stderr.write("\r\(label) … \(done * 100 / total) % (\(done >> 20) of \(total >> 20) MiB)")
            }
            context.stderr.flush()
        }
    }

    static func text(_ report: VerificationReport, color: Bool) -> String {
        let ok = color ? "\u{1B}[32mOK\u{1B}[0m" : "OK"
        let failed = color ? "\u{1B}[31mFAILED\u{1B}[0m" : "FAILED"
        var out = ""
        if let failure = report.failure {
            out += "\(failed)  \(failure.kind.rawValue): \(TerminalText.inert(failure.message))\n"
            if let head = report.head {
                out += "intact  \(report.eventCount) line\(report.eventCount == 1 ? "" : "s") before it, up to \(head)\n"
            }
            if failure.kind == .tornTail {
                out += "repair  run 'liggare repair' to move the torn bytes into a quarantine file\n"
            } else if failure.kind == .invalidJSON || failure.kind == .invalidLine, failure.line == report.eventCount + 1 {
                out += "note    if this last line was cut short by an interrupted write, 'liggare repair' moves it aside; "
                    + "repair refuses a complete event followed by other bytes, which is damage, not an interrupted write\n"
            }
        } else {
            let events = report.eventCount == 1 ? "1 event" : "\(report.eventCount) events"
            out += "\(ok)  \(events), \(report.byteCount) bytes: every line is intact and chained\n"
            if let organization = report.organization { out += "organisation  \(TerminalText.inert(organization))\n" }
            if let head = report.head { out += "head          \(head)\n" }
            for checkpoint in report.confirmedCheckpoints {
                out += "checkpoint    \(checkpoint) holds\n"
            }
        }
        return out
    }

    static func json(_ report: VerificationReport) -> LiggareJSON.JSONValue {
        var failure: LiggareJSON.JSONValue = .null
        if let f = report.failure {
            failure = JSONOutput.object([
                ("kind", .string(f.kind.rawValue)), ("line", JSONOutput.optional(f.line)), ("seq", JSONOutput.optional(f.seq)),
                ("offset", JSONOutput.optional(f.offset)), ("field", JSONOutput.optional(f.field)),
                ("expected", JSONOutput.optional(f.expected)), ("actual", JSONOutput.optional(f.actual)),
                ("message", .string(f.message)),
            ])
        }
        let head: LiggareJSON.JSONValue = report.head.map {
            JSONOutput.object([("seq", JSONOutput.int($0.seq)), ("hash", .string($0.hash.hex))])
        } ?? .null
        return JSONOutput.object([
            ("ok", .bool(report.isValid)), ("events", JSONOutput.int(report.eventCount)),
            ("bytes", JSONOutput.int(report.byteCount)), ("organization", JSONOutput.optional(report.organization)),
            ("head", head),
            ("checkpoints", .array(report.confirmedCheckpoints.map {
                JSONOutput.object([("seq", JSONOutput.int($0.seq)), ("hash", .string($0.hash.hex))])
            })),
            ("failure", failure),
        ])
    }
}
