import LiggareLog

/// `liggare import FILE`: a whole file of events, validated and written as one batch.
enum ImportCommand {
    static let command = Command(
        name: "import", summary: "record a file of events (JSON Lines or a JSON array) as one batch, or nothing",
        usage: "liggare import FILE [--expect-seq N] [--dry-run] [--actor NAME] [--format text|json] [--ledger PATH]",
        discussion: """
        Reads events in the documented input shape (docs/format.md §7: {"type", "effective", "data"[, "actor"]}), as
        JSON Lines or as one JSON array, checks them as a whole against the ledger and the event catalogue, and
        writes them as a whole, in one locked and fsynced batch, or not at all. Every problem names its input line.
        FILE - reads standard input. --dry-run checks and shows what would be written, and writes nothing.
        """,
        options: [OptionSpec("expect-seq", value: "N", help: "refuse unless the ledger's last seq is N"),
                  OptionSpec("dry-run", help: "check and show, write nothing"),
                  CommonOptions.actor, CommonOptions.ledger, CommonOptions.format([.text, .json])],
        maximumPositionals: 1,
        examples: ["liggare import docs/sample/inkop-sormland-vastmanland.jsonl"]
    ) { args, context in
        guard let file = args.positionals.first else {
            throw UsageError(message: "import needs a FILE (or - for standard input)", command: "import")
        }
        let format = try OutputFormat.from(args, allowed: [.text, .json], command: "import")
        let actor = try context.actor(args)
        let bytes: [UInt8] = file == "-" ? context.stdin.readAll() : try AppendCommand.readFile(context.resolve(file))
        let drafts: [EventDraft]
        switch EventInput.parse(bytes, name: file == "-" ? "stdin" : file, actor: actor) {
        case .success(let parsed): drafts = parsed
        case .failure(let error): throw error
        }
        return try RecordCommand.write(drafts, args: args, format: format, command: "import", context)
    }
}
