/// `liggare help [COMMAND]`.
enum HelpCommand {
    static let command = Command(
        name: "help", summary: "show help for liggare or one command",
        usage: "liggare help [COMMAND]",
        discussion: "Shows the list of commands, or the help of one command (the same as 'liggare COMMAND --help').",
        options: [], maximumPositionals: 1, examples: ["liggare help verify"]
    ) { args, context in
        guard let name = args.positionals.first else {
            context.stdout.write(overview)
            return .ok
        }
        guard let command = Liggare.commands.first(where: { $0.name == name }) else {
            throw UsageError(message: "unknown command '\(name)'"
                                + ArgumentParser.suggestion(for: name, among: Liggare.commands.map(\.name)),
                             command: "help")
        }
        context.stdout.write(command.help)
        return .ok
    }

    static var overview: String {
        var out = """
        liggare: a tamper-evident ledger of a board's decisions (beslut), assignments (uppdrag) and internal
        control. Every event is one line of JSON, chained to the line before it by SHA-256.

        USAGE: liggare <command> [options]

        COMMANDS:

        """
        let width = Liggare.commands.map(\.name.count).max() ?? 8
        for command in Liggare.commands {
            out += "  " + TerminalText.pad(command.name, to: width) + "  " + command.summary + "\n"
        }
        out += """

        The ledger is --ledger PATH, else $LIGGARE_LEDGER, else the one *.jsonl file in ./events/.
        Exit codes: 0 ok, 1 failure found (nothing written), 64 usage error, 74 I/O error.
        See 'liggare help <command>' or 'liggare <command> --help' for one command.

        """
        return out
    }
}
