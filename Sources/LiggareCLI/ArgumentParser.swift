import LiggareDomain

/// One option a command takes, such as `--ledger PATH` or the flag `--dry-run`.
struct OptionSpec: Sendable {
    /// The name without dashes.
    let name: String
    /// The value's placeholder in help (`PATH`), or `nil` for a flag.
    let value: String?
    /// One line of help.
    let help: String
    /// Whether it may be given more than once.
    let repeatable: Bool

    init(_ name: String, value: String? = nil, help: String, repeatable: Bool = false) {
        self.name = name
        self.value = value
        self.help = help
        self.repeatable = repeatable
    }
}

/// The parsed command line of one command.
struct Arguments: Sendable {
    /// Option values by name, in the order given.
    var values: [String: [String]] = [:]
    /// Arguments that are not options.
    var positionals: [String] = []
    /// Whether `--help` or `-h` was given.
    var wantsHelp = false

    /// The last value of an option.
    func value(_ name: String) -> String? { values[name]?.last }
    /// Every value of a repeatable option.
    func all(_ name: String) -> [String] { values[name] ?? [] }
    /// Whether a flag or option was given.
    func has(_ name: String) -> Bool { values[name] != nil }
}

/// A mistake on the command line: exit code 64.
struct UsageError: Error, Sendable {
    /// What is wrong, with a suggestion when there is one.
    let message: String
    /// The command whose help explains it, if known.
    let command: String?
}

/// Parses `--name value`, `--name=value`, flags, `--` and positionals against a command's options.
enum ArgumentParser {
    static func parse(_ args: [String], command: String, options: [OptionSpec],
                      maximumPositionals: Int) throws(UsageError) -> Arguments {
        var result = Arguments()
        var index = 0
        var onlyPositionals = false
        while index < args.count {
            let arg = args[index]
            index += 1
            if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
                result.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            if arg == "-h" || arg == "--help" { result.wantsHelp = true; continue }
            guard arg.hasPrefix("--") else {
                throw UsageError(message: "unknown option '\(arg)'" + suggestion(for: String(arg.dropFirst()), among: options.map { $0.name }, prefix: "--"),
                                 command: command)
            }
            var name = String(arg.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw UsageError(message: "unknown option '--\(name)' for '\(command)'"
                                    + suggestion(for: name, among: options.map { $0.name }, prefix: "--"),
                                 command: command)
            }
            let value: String
            if spec.value == nil {
                if inlineValue != nil { throw UsageError(message: "--\(name) takes no value", command: command) }
                value = ""
            } else if let inlineValue {
                value = inlineValue
            } else {
                guard index < args.count else {
                    throw UsageError(message: "--\(name) needs a value (\(spec.value ?? "VALUE"))", command: command)
                }
                value = args[index]
                index += 1
            }
            if result.values[name] != nil && !spec.repeatable {
                throw UsageError(message: "--\(name) is given more than once", command: command)
            }
            result.values[name, default: []].append(value)
        }
        if result.positionals.count > maximumPositionals && !result.wantsHelp {
            let extra = result.positionals[maximumPositionals]
            let hint = extra.contains(" ") ? "" : suggestion(for: extra, among: options.map { $0.name }, prefix: "--")
            throw UsageError(message: "unexpected argument '\(extra)'" + hint, command: command)
        }
        return result
    }

    /// ". Did you mean '--x'?" for the closest candidate within a small edit distance, or "".
    static func suggestion(for word: String, among candidates: [String], prefix: String = "") -> String {
        guard let best = Suggestion.closest(to: word, among: candidates) else { return "" }
        return ". Did you mean '\(prefix)\(best)'?"
    }
}
