import LiggareLog

/// Everything a command may touch: its arguments, environment, streams, working directory and clock.
///
/// `main.swift` fills it from the process; tests fill it with captured streams and a fixed clock.
public struct CommandContext {
    /// The arguments after the program name.
    public var arguments: [String]
    /// The environment variables.
    public var environment: [String: String]
    /// The directory relative paths are resolved against.
    public var currentDirectory: String
    /// Standard input.
    public var stdin: any InputSource
    /// Standard output: data.
    public var stdout: any OutputSink
    /// Standard error: messages and progress.
    public var stderr: any OutputSink
    /// The clock.
    public var clock: any LedgerClock
    /// The name of the user running the command (from the operating system), used when no actor is given.
    public var userName: String?
    /// Looks the user name up when ``userName`` is nil and a command needs it (the system's user database is read
    /// only then, not on every start).
    public var userNameLookup: (@Sendable () -> String?)?

    /// Creates a context.
    public init(arguments: [String], environment: [String: String], currentDirectory: String,
                stdin: any InputSource, stdout: any OutputSink, stderr: any OutputSink,
                clock: any LedgerClock = SystemClock(), userName: String? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.clock = clock
        self.userName = userName
    }

    /// A path made absolute against ``currentDirectory``.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if currentDirectory.hasSuffix("/") { return currentDirectory + path }
        return currentDirectory + "/" + path
    }

    /// Whether colour may be used on a sink: it is a terminal, `NO_COLOR` is unset or empty, and `TERM` is not `dumb`.
    func colorAllowed(on sink: any OutputSink) -> Bool {
        guard sink.isTerminal else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The actor: `--actor`, else `LIGGARE_ACTOR`, else the operating-system user name.
    func actor(_ args: Arguments) throws(CLIError) -> String {
        if let given = args.value("actor") {
            guard !given.isEmpty else { throw CLIError(.usage, "--actor must not be empty") }
            return given
        }
        if let env = environment["LIGGARE_ACTOR"], !env.isEmpty { return env }
        if let userName = userName ?? userNameLookup?(), !userName.isEmpty { return userName }
        if let user = environment["USER"], !user.isEmpty { return user }
        throw CLIError(.usage, "no actor: pass --actor NAME or set LIGGARE_ACTOR")
    }
}

/// An error a command reports with its own exit code.
struct CLIError: Error {
    let code: ExitCode
    let message: String

    init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
