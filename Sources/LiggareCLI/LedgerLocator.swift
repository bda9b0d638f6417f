#if canImport(Glibc)
import Glibc
#endif

/// Finds the ledger a command works on: `--ledger PATH`, else `LIGGARE_LEDGER`, else the single `*.jsonl` file in
/// `./events/`.
enum LedgerLocator {
    /// The default path `init` creates when no ledger is named.
    static let defaultPath = "events/ledger.jsonl"

    /// The ledger's absolute path.
    /// - Throws: ``CLIError`` (usage) when none or several candidates are found in `./events/`.
    static func locate(_ args: Arguments, _ context: CommandContext) throws(CLIError) -> String {
        if let path = args.value("ledger") {
            guard !path.isEmpty else { throw CLIError(.usage, "--ledger needs a path") }
            return context.resolve(path)
        }
        if let path = context.environment["LIGGARE_LEDGER"], !path.isEmpty { return context.resolve(path) }
        let directory = context.resolve("events")
        let candidates = jsonlFiles(in: directory)
        if candidates.count == 1 { return directory + "/" + candidates[0] }
        if candidates.isEmpty {
            throw CLIError(.usage, "no ledger found: there is no *.jsonl file in \(directory). Pass --ledger PATH, set "
                            + "LIGGARE_LEDGER, or create one with: liggare init --organization NAME")
        }
        throw CLIError(.usage, "several ledgers in \(directory): \(candidates.joined(separator: ", ")). "
                        + "Choose one with --ledger PATH or LIGGARE_LEDGER.")
    }

    /// The names of the `*.jsonl` files in a directory, sorted.
    static func jsonlFiles(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(".jsonl"), !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}
