import LiggareLog

/// `liggare checkpoint`: print the head as `SEQ:HASH`.
enum CheckpointCommand {
    static let command = Command(
        name: "checkpoint", summary: "print the head as SEQ:HASH, to paste into adjusted minutes",
        usage: "liggare checkpoint [--no-verify] [--format text|json] [--ledger PATH]",
        discussion: """
        Prints the ledger's head, the seq and hash of its last line, as SEQ:HASH. Written into adjusted minutes
        or an audit report, it lets anyone later prove with 'liggare verify --checkpoint SEQ:HASH' that the
        history up to that line is unchanged. The chain is verified first, so that a damaged history is never
        certified; --no-verify reads only the last line (instant, for scripts that verify separately).
        """,
        options: [OptionSpec("no-verify", help: "read the last line only, without checking the chain"),
                  CommonOptions.format([.text, .json]), CommonOptions.ledger],
        examples: ["liggare checkpoint"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: [.text, .json], command: "checkpoint")
        let path = try LedgerLocator.locate(args, context)
        let checkpoint: Checkpoint
        if args.has("no-verify") {
            checkpoint = try LedgerFile.readHead(path: path).checkpoint
        } else {
            let report = try LedgerVerifier.verify(path: path,
                                                   progress: VerifyCommand.progressReporter(context, label: "verifying"))
            guard report.isValid, let head = report.head else {
                throw CLIError(.failure, "the ledger does not verify, so no checkpoint is printed: "
                                + (report.failure?.message ?? "unknown problem") + ". Run 'liggare verify' for details.")
            }
            checkpoint = head
        }
        switch format {
        case .json:
            context.stdout.write(JSONOutput.line(JSONOutput.object([
                ("seq", JSONOutput.int(checkpoint.seq)), ("hash", .string(checkpoint.hash.hex)),
                ("checkpoint", .string(checkpoint.description)),
            ])))
        default:
            context.stdout.line(checkpoint.description)
        }
        return .ok
    }
}
