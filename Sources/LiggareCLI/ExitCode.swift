/// The exit codes of `liggare` (documented in docs/cli.md).
public enum ExitCode: Int32, Sendable {
    /// Success.
    case ok = 0
    /// A failure was found: the ledger did not verify, the input was invalid, or the request was refused
    /// (torn tail, unexpected head, read-only ledger); nothing was written.
    case failure = 1
    /// The command line was wrong: unknown command or option, missing or malformed value.
    case usage = 64
    /// A system call failed while reading or writing (disk full, I/O error); the message names the file.
    case ioError = 74
}
