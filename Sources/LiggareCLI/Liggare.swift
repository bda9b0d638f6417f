import LiggareLog

/// The `liggare` command line, as a library: `main.swift` only wires the process to ``run(_:)``.
public enum Liggare {
    /// The version printed by `liggare --version`.
    public static let version = "0.1.0"

    /// Every command, in the order `liggare help` lists them.
    static var commands: [Command] {
        [InitCommand.command, AppendCommand.command, LogCommand.command, VerifyCommand.command,
         CheckpointCommand.command, RepairCommand.command, StatusCommand.command, QueryCommands.assignments, QueryCommands.decisions,
         QueryCommands.controls, QueryCommands.indicators, QueryCommands.policies, QueryCommands.members,
         QueryCommands.audits, QueryCommands.history, RecordCommand.command, ImportCommand.command, ReportCommand.command,
         SnapshotCommand.command,
         HelpCommand.command]
    }

    /// Runs one command line.
    /// - Parameter context: arguments, environment, streams and clock.
    /// - Returns: the exit code (see ``ExitCode``).
    public static func run(_ context: CommandContext) -> Int32 {
        let code = dispatch(context)
        context.stdout.flush()
        context.stderr.flush()
        return code.rawValue
    }

    static func dispatch(_ context: CommandContext) -> ExitCode {
        guard let first = context.arguments.first else {
            context.stdout.write(HelpCommand.overview)
            return .ok
        }
        if first == "--help" || first == "-h" {
            context.stdout.write(HelpCommand.overview)
            return .ok
        }
        if first == "--version" {
            context.stdout.line("liggare \(version)")
            return .ok
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            let hint = ArgumentParser.suggestion(for: first, among: commands.map(\.name))
            let what = first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown command '\(first)'"
            return usageFailure(UsageError(message: what + hint, command: nil), context)
        }
        do {
            if command.parsesOwnArguments {
                return try command.run(Arguments(values: [:], positionals: Array(context.arguments.dropFirst()), wantsHelp: false),
                                       context)
            }
            let args = try ArgumentParser.parse(Array(context.arguments.dropFirst()), command: command.name,
                                                options: command.options, maximumPositionals: command.maximumPositionals)
            if args.wantsHelp {
                context.stdout.write(command.help)
                return .ok
            }
            return try command.run(args, context)
        } catch let error as UsageError {
            return usageFailure(error, context)
        } catch let error as CLIError {
            if error.code == .usage {
                return usageFailure(UsageError(message: error.message, command: command.name), context)
            }
            context.stderr.line("liggare: error: " + TerminalText.inertLines(error.message))
            return error.code
        } catch let error as LedgerError {
            context.stderr.line("liggare: error: " + TerminalText.inertLines(error.message))
            if case .io = error { return .ioError }
            return .failure
        } catch let error as ReadFailure {
            context.stderr.line("liggare: error: " + TerminalText.inertLines(error.message))
            return .failure
        } catch {
            context.stderr.line("liggare: error: \(error)")
            return .failure
        }
    }

    static func usageFailure(_ error: UsageError, _ context: CommandContext) -> ExitCode {
        context.stderr.line("liggare: error: " + TerminalText.inertLines(error.message))
        if let command = error.command {
            context.stderr.line("See 'liggare \(command) --help'.")
        } else {
            context.stderr.line("See 'liggare help'.")
        }
        return .usage
    }
}
