#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing whole small files (inputs, reports, editor templates) with the log's error reporting.
public enum FileBytes {
    /// Every byte of the file at `path`.
    /// - Throws: ``LedgerError`` naming the file.
    public static func read(path: String) throws(LedgerError) -> [UInt8] {
        guard let info = SystemCall.stat(path), info.st_mode & S_IFMT == S_IFREG else { throw .missingFile(path: path) }
        let fd = try SystemCall.open(path, O_RDONLY, operation: "open")
        defer { close(fd) }
        var result: [UInt8] = []
        while true {
            let chunk = try SystemCall.pread(fd, count: 1 << 16, at: result.count, path: path)
            if chunk.isEmpty { return result }
            result += chunk
        }
    }

    /// Creates or replaces the file at `path` (mode 0644 less the umask) with `bytes`.
    /// - Throws: ``LedgerError`` naming the file.
    public static func write(_ bytes: [UInt8], to path: String) throws(LedgerError) {
        let fd = try SystemCall.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644, operation: "create")
        defer { close(fd) }
        try SystemCall.writeAll(fd, bytes, path: path)
    }
}
