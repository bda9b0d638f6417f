import LiggareJSON
import LiggareLog

/// `liggare repair`: move a torn tail aside.
enum RepairCommand {
    static let command = Command(
        name: "repair", summary: "move a torn last line (from an interrupted write) into a quarantine file",
        usage: "liggare repair [--format text|json] [--ledger PATH]",
        discussion: """
        If the ledger ends in a torn tail (bytes without a final newline, or a last line that cannot be read),
        moves exactly those bytes into a quarantine file beside the ledger (LEDGER.torn-TIME-at-OFFSET), fsyncs
        it, and only then truncates the ledger to its last complete line. Nothing is deleted. It touches nothing
        but a torn tail: any other damage is for 'liggare verify' to report and for people to investigate.
        """,
        options: [CommonOptions.format([.text, .json]), CommonOptions.ledger],
        examples: ["liggare repair"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: [.text, .json], command: "repair")
        let path = try LedgerLocator.locate(args, context)
        let result: RepairResult
        do {
            result = try LedgerFile.repair(path: path, clock: context.clock)
        } catch let error as LedgerError {
            if case .nothingToRepair(_, let seq) = error {
                if format == .json {
                    context.stdout.write(JSONOutput.line(JSONOutput.object([("repaired", .bool(false)),
                                                                           ("lastSeq", JSONOutput.int(seq))])))
                } else {
                    context.stdout.line(error.message)
                }
                return .ok
            }
            throw error
        }
        switch format {
        case .json:
            let head: LiggareJSON.JSONValue = result.head.map {
                JSONOutput.object([("seq", JSONOutput.int($0.seq)), ("hash", .string($0.hash.hex))])
            } ?? .null
            context.stdout.write(JSONOutput.line(JSONOutput.object([
                ("repaired", .bool(true)), ("offset", JSONOutput.int(result.offset)), ("bytes", JSONOutput.int(result.length)),
                ("reason", .string(result.reason)), ("quarantine", .string(result.quarantinePath)), ("head", head),
                ("remainingProblem", JSONOutput.optional(result.remainingProblem)),
            ])))
        default:
            context.stdout.line("moved \(result.length) byte\(result.length == 1 ? "" : "s") from byte offset \(result.offset) "
                                + "(\(result.reason)) to \(result.quarantinePath)")
            if let head = result.head { context.stdout.line("head \(head.checkpoint)") }
            if let remaining = result.remainingProblem {
                context.stdout.line("still wrong: \(TerminalText.inert(remaining)). Run 'liggare verify'.")
                return .failure
            }
        }
        return .ok
    }
}
