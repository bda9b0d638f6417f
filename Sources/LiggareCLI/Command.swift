import LiggareLog

/// One `liggare` command: its name, help and what it does.
struct Command: Sendable {
    let name: String
    let summary: String
    let usage: String
    let discussion: String
    let options: [OptionSpec]
    let maximumPositionals: Int
    let examples: [String]
    /// When true, `run` receives the raw arguments as positionals and parses them itself (for `record KIND`, whose
    /// options depend on the kind).
    let parsesOwnArguments: Bool
    let run: @Sendable (Arguments, CommandContext) throws -> ExitCode

    init(name: String, summary: String, usage: String, discussion: String, options: [OptionSpec],
         maximumPositionals: Int = 0, examples: [String] = [], parsesOwnArguments: Bool = false,
         run: @escaping @Sendable (Arguments, CommandContext) throws -> ExitCode) {
        self.parsesOwnArguments = parsesOwnArguments
        self.name = name
        self.summary = summary
        self.usage = usage
        self.discussion = discussion
        self.options = options
        self.maximumPositionals = maximumPositionals
        self.examples = examples
        self.run = run
    }

    /// The help text shown by `liggare help NAME` and `liggare NAME --help`.
    var help: String {
        var out = "USAGE: \(usage)\n\n\(discussion)\n"
        out += "\nOPTIONS:\n"
        let labels = options.map { "--\($0.name)" + ($0.value.map { " \($0)" } ?? "") }
        let width = max((labels + ["-h, --help"]).map(\.count).max() ?? 0, 10)
        for (label, option) in zip(labels, options) {
            out += "  " + TerminalText.pad(label, to: width) + "  " + option.help + "\n"
        }
        out += "  " + TerminalText.pad("-h, --help", to: width) + "  show this help\n"
        if !examples.isEmpty {
            out += "\nEXAMPLES:\n" + examples.map { "  " + $0 + "\n" }.joined()
        }
        return out
    }
}

/// Options several commands share.
enum CommonOptions {
    static let ledger = OptionSpec("ledger", value: "PATH",
                                   help: "the ledger file (default: $LIGGARE_LEDGER, else the one *.jsonl in ./events/)")
    static let actor = OptionSpec("actor", value: "NAME", help: "who records (default: $LIGGARE_ACTOR, else your user name)")

    static func format(_ allowed: [OutputFormat]) -> OptionSpec {
        OptionSpec("format", value: allowed.map(\.rawValue).joined(separator: "|"),
                   help: "output format (default: text)")
    }
}

/// An output format.
enum OutputFormat: String, CaseIterable {
    case text, json, csv, md, html

    /// The `--format` value, checked against what the command offers.
    static func from(_ args: Arguments, allowed: [OutputFormat], command: String) throws(UsageError) -> OutputFormat {
        guard let raw = args.value("format") else { return .text }
        guard let format = OutputFormat(rawValue: raw), allowed.contains(format) else {
            let names = allowed.map(\.rawValue)
            throw UsageError(message: "--format \(raw) is not offered by '\(command)'; choose one of "
                                + names.joined(separator: ", ") + ArgumentParser.suggestion(for: raw, among: names),
                             command: command)
        }
        return format
    }
}
