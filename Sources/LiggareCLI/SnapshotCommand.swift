#if canImport(Glibc)
import Glibc
#endif
import LiggareDomain
import LiggareJSON
import LiggareLog

/// `liggare snapshot`: write, show or delete the ledger's snapshot (a derived cache that makes queries fast).
enum SnapshotCommand {
    static let formats: [OutputFormat] = [.text, .json]
    static let command = Command(
        name: "snapshot", summary: "write, show or delete the snapshot that makes queries fast (a cache, never needed)",
        usage: "liggare snapshot [--status | --delete] [--format text|json] [--ledger PATH]",
        discussion: """
        A snapshot holds the ledger's events decoded and sorted by effective date, so that status, assignments,
        decisions, controls, indicators, policies, members and audits read only the events effective by --at, and
        only the lines recorded after the snapshot from the ledger itself. It lives in .liggare/ beside the events
        directory (.liggare/NAME.snapshot), bound to the last line it holds by line number, byte offset, hash and the
        file's identity. A snapshot that no longer matches is never used. Deleting it changes no answer; verify never
        uses it.

        Without options, reads the whole ledger and writes its snapshot (atomically: temporary file, fsync, rename).
        Queries also write one by themselves when they had to read 4096 lines or more from the ledger; set
        LIGGARE_SNAPSHOT=off to never use or write snapshots, or LIGGARE_SNAPSHOT=always to refresh after every new
        line. docs/snapshots.md describes the file.
        """,
        options: [OptionSpec("status", help: "say whether there is a snapshot, whether it is current, and how many lines are newer"),
                  OptionSpec("delete", help: "delete the snapshot"),
                  CommonOptions.format(formats), CommonOptions.ledger],
        examples: ["liggare snapshot", "liggare snapshot --status --format json"]
    ) { args, context in
        let format = try OutputFormat.from(args, allowed: formats, command: "snapshot")
        if args.has("status") && args.has("delete") {
            throw UsageError(message: "--status and --delete cannot be combined", command: "snapshot")
        }
        let path = try LedgerLocator.locate(args, context)
        let snapshotPath = SnapshotFile.path(forLedger: path)
        if args.has("delete") {
            let removed = try SnapshotFile.remove(forLedger: path)
            if format == .json {
                context.stdout.write(JSONOutput.line(JSONOutput.object([("deleted", .bool(removed)), ("path", .string(snapshotPath))])))
            } else {
                context.stdout.line(removed ? "deleted \(snapshotPath)" : "there is no snapshot at \(snapshotPath)")
            }
            return .ok
        }
        if args.has("status") {
            close(try LedgerFile.openForReading(path))  // a clear error for a missing ledger
            var members: [(String, JSONValue)] = [("path", .string(snapshotPath))]
            let text: String
            switch SnapshotFile.open(forLedger: path) {
            case .absent:
                members.insert(("state", .string("absent")), at: 0)
                text = "no snapshot (\(snapshotPath))"
            case .unusable(let reason):
                members.insert(("state", .string("unusable")), at: 0)
                members.append(("reason", .string(reason)))
                text = "\(snapshotPath) is not used: \(reason)"
            case .current(let mapped):
                let newer = try DomainLoader.loadEvents(path, after: mapped.binding).events.count
                members.insert(("state", .string("current")), at: 0)
                members += [("seq", JSONOutput.int(mapped.binding.lines)), ("offset", JSONOutput.int(mapped.binding.offset)),
                            ("hash", .string(mapped.binding.hash.hex)), ("newerLines", JSONOutput.int(newer))]
                text = "\(snapshotPath) holds seq 1–\(mapped.binding.lines) (\(mapped.binding.lines):\(mapped.binding.hash.hex)); "
                    + "\(newer) newer line\(newer == 1 ? "" : "s") in the ledger"
            }
            if format == .json { context.stdout.write(JSONOutput.line(JSONOutput.object(members))) } else { context.stdout.line(text) }
            return .ok
        }
        guard let (bytes, end) = try DomainLoader.writeSnapshot(path) else {
            throw CLIError(.failure, "\(path) has seqs that do not run 1, 2, 3 …, ids that do not increase, or a correction or "
                           + "annulment of an event that does not exist, so no snapshot can describe it; queries read it whole. "
                           + "Run liggare verify.")
        }
        if format == .json {
            context.stdout.write(JSONOutput.line(JSONOutput.object([
                ("written", .bool(true)), ("path", .string(snapshotPath)), ("seq", JSONOutput.int(end.lines)),
                ("offset", JSONOutput.int(end.offset)), ("hash", .string(end.hash.hex)), ("bytes", JSONOutput.int(bytes)),
            ])))
        } else {
            context.stdout.line("wrote \(snapshotPath): seq 1–\(end.lines) (\(end.lines):\(end.hash.hex)), \(bytes) bytes")
        }
        return .ok
    }
}
