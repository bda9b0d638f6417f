#if canImport(Glibc)
import Glibc
#endif
import LiggareLog

/// `liggare init`: create a ledger.
enum InitCommand {
    static let command = Command(
        name: "init", summary: "create a new ledger with its ledger.opened line",
        usage: "liggare init --organization NAME [--ledger PATH] [--actor NAME] [--format text|json]",
        discussion: """
        Creates a new ledger whose first line is a ledger.opened event naming the organisation and the format
        version. Never overwrites a file. The file is created with mode 0644 (never writable by other users) and is
        on disk (fsync of the file and its directory) before the command returns. Without --ledger or
        $LIGGARE_LEDGER the ledger is created as events/ledger.jsonl, making ./events/ if needed.
        """,
        options: [OptionSpec("organization", value: "NAME", help: "the organisation the ledger belongs to (required)"),
                  CommonOptions.ledger, CommonOptions.actor, CommonOptions.format([.text, .json])],
        examples: ["liggare init --organization \"Inköp Sörmland-Västmanland\" --ledger events/inkop.jsonl"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: [.text, .json], command: "init")
        guard let organization = args.value("organization") else {
            throw UsageError(message: "--organization NAME is required", command: "init")
        }
        let actor = try context.actor(args)
        let path: String
        if let given = args.value("ledger") ?? context.environment["LIGGARE_LEDGER"], !given.isEmpty {
            path = context.resolve(given)
        } else {
            path = context.resolve(LedgerLocator.defaultPath)
            try makeDefaultDirectory(context.resolve("events"))
        }
        var random = SystemRandomNumberGenerator()
        let head = try LedgerFile.create(path: path, organization: organization, actor: actor, clock: context.clock,
                                         random: &random)
        switch format {
        case .json:
            context.stdout.write(JSONOutput.line(JSONOutput.object([
                ("ledger", .string(path)), ("organization", .string(organization)),
                ("head", JSONOutput.object([("seq", JSONOutput.int(head.seq)), ("hash", .string(head.hash.hex))])),
            ])))
        default:
            context.stdout.line("created \(path) for \(TerminalText.inert(organization))")
            context.stdout.line("head \(head.checkpoint)")
        }
        return .ok
    }

    static func makeDefaultDirectory(_ directory: String) throws(LedgerError) {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw LedgerError.io(operation: "create directory", path: directory, errno: errno)
        }
    }
}
