/// Why a ledger operation could not be done. Every case names the file and says what to do.
public enum LedgerError: Error, Equatable, Sendable {
    /// No file at the path.
    case notFound(path: String)
    /// The path is a directory, not a ledger file.
    case isDirectory(path: String)
    /// The path is a symbolic link; Liggare writes only to the real file.
    case symbolicLink(path: String, target: String)
    /// The path is something other than a regular file (device, socket, FIFO).
    case notRegularFile(path: String)
    /// The file may not be written (permissions or a read-only file system).
    case readOnlyFile(path: String)
    /// The directory may not be written, so new files (quarantine, a new ledger) cannot be made there.
    case readOnlyDirectory(path: String)
    /// The directory that should hold the ledger does not exist.
    case missingDirectory(path: String)
    /// `init` refuses to overwrite an existing file.
    case alreadyExists(path: String)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// The file holds no lines at all.
    case empty(path: String)
    /// The file ends in an incomplete or unreadable line.
    case tornTail(path: String, offset: Int, length: Int, reason: String)
    /// The last line is a complete line followed by other bytes: damage to an acknowledged event, which repair
    /// does not touch.
    case damagedLastLine(path: String, offset: Int, reason: String)
    /// `--expect-seq` did not match the ledger's last seq.
    case unexpectedHead(path: String, expected: Int, actual: Int)
    /// One or more events of a batch are invalid; nothing was written.
    case invalidEvents([EventProblem])
    /// `repair` found nothing to repair.
    case nothingToRepair(path: String, lastSeq: Int)
    /// An input file (not a ledger) does not exist or is not a regular file.
    case missingFile(path: String)
    /// The ledger could not be read for checking new events (the message says why).
    case unreadable(path: String, detail: String)

    /// A message for the user: what was wrong, where, and what to do.
    public var message: String {
        switch self {
        case .notFound(let path):
            return "no ledger at \(path). Create one with: liggare init --organization NAME --ledger \(path)"
        case .isDirectory(let path):
            return "\(path) is a directory, not a ledger file. Name the .jsonl file itself with --ledger."
        case .symbolicLink(let path, let target):
            return "\(path) is a symbolic link to \(target). Liggare writes only to the real file: pass --ledger \(target)"
        case .notRegularFile(let path):
            return "\(path) is not a regular file."
        case .readOnlyFile(let path):
            return "the ledger \(path) is read-only: nothing was written. Read commands (verify, log, checkpoint) still work."
        case .readOnlyDirectory(let path):
            return "the directory \(path) is read-only: no file can be created there; nothing was written."
        case .missingDirectory(let path):
            return "the directory \(path) does not exist."
        case .alreadyExists(let path):
            return "\(path) already exists; init never overwrites a file. Choose another path with --ledger."
        case .io(let operation, let path, let errno):
            return "\(operation) failed for \(path): \(SystemCall.describe(errno))"
        case .empty(let path):
            return "\(path) is empty: it has no ledger.opened line. Remove it and run liggare init."
        case .tornTail(let path, let offset, let length, let reason):
            return "\(path) ends in a torn tail: \(length) byte\(length == 1 ? "" : "s") at byte offset \(offset) (\(reason)). "
                + "Nothing was written. Run `liggare repair` to move the torn bytes aside."
        case .damagedLastLine(let path, let offset, let reason):
            return "\(path) ends in a damaged line at byte offset \(offset): \(reason). That is not an interrupted write "
                + "but damage to an event that was acknowledged, so nothing was written and `liggare repair` does not touch "
                + "it. Run `liggare verify`, and restore the ledger from a copy or a checkpoint."
        case .unexpectedHead(let path, let expected, let actual):
            return "\(path) has moved on: its last seq is \(actual), not \(expected) as --expect-seq said. "
                + "Nothing was written. Someone else appended; check `liggare log --from \(expected + 1)` and try again."
        case .invalidEvents(let problems):
            let count = problems.count
            return "\(count) problem\(count == 1 ? "" : "s") in the input; nothing was written:\n"
                + problems.map { "  " + $0.message }.joined(separator: "\n")
        case .missingFile(let path):
            return "there is no regular file \(path) to read"
        case .unreadable(let path, let detail):
            return "\(path) could not be read to check the new events: \(detail). Nothing was written; run `liggare verify`."
        case .nothingToRepair(let path, let lastSeq):
            return "\(path) has no torn tail (it ends with a complete line, seq \(lastSeq)); nothing was changed."
        }
    }
}

/// One problem with one event of an append batch.
public struct EventProblem: Equatable, Sendable, CustomStringConvertible {
    /// Where the event came from, for example `input.jsonl:3` or `event 2`.
    public var location: String
    /// The field the problem is in, if any.
    public var field: String?
    /// What is wrong and what was expected.
    public var detail: String

    /// Creates a problem.
    public init(location: String, field: String? = nil, detail: String) {
        self.location = location
        self.field = field
        self.detail = detail
    }

    /// `location: field: detail`.
    public var message: String {
        if let field { return "\(location): \(field): \(detail)" }
        return "\(location): \(detail)"
    }

    /// Same as ``message``.
    public var description: String { message }
}
