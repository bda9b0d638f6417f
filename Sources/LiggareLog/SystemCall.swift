#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls the log uses, turning failures into ``LedgerError/io(operation:path:errno:)``.
enum SystemCall {
    /// The current `errno`.
    static var errno: Int32 {
        #if canImport(Glibc)
        return Glibc.errno
        #else
        return Darwin.errno
        #endif
    }

    /// The text of an errno value.
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// `open(2)`, retrying on EINTR.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644, operation: String) throws(LedgerError) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw .io(operation: operation, path: path, errno: errno)
        }
    }

    /// Reads up to `count` bytes at `offset`; returns the number read (0 at end of file).
    static func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int,
                      path: String) throws(LedgerError) -> Int {
        while true {
            let n = Glibc.pread(fd, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .io(operation: "read", path: path, errno: errno)
        }
    }

    /// Reads up to `count` bytes from the current position; returns the number read (0 at end of file).
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, path: String) throws(LedgerError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .io(operation: "read", path: path, errno: errno)
        }
    }

    /// Writes all of `bytes`, looping over partial writes.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(LedgerError) {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            throw .io(operation: "write", path: path, errno: n < 0 ? errno : EIO)
        }
    }

    /// Writes all of an array's bytes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(LedgerError) {
        var done = 0
        while done < bytes.count {
            let (n, code) = bytes.withUnsafeBytes { b -> (Int, Int32) in
                guard let base = b.baseAddress else { return (0, 0) }
                let n = Glibc.write(fd, base + done, b.count - done)
                return (n, n < 0 ? errno : 0)
            }
            if n > 0 { done += n; continue }
            if n < 0 && code == EINTR { continue }
            throw .io(operation: "write", path: path, errno: n < 0 ? code : EIO)
        }
    }

    /// Reads `count` bytes at file offset `offset` into a new array (fewer at the end of the file).
    static func pread(_ fd: Int32, count: Int, at offset: Int, path: String) throws(LedgerError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let (n, code) = bytes.withUnsafeMutableBytes { b -> (Int, Int32) in
                guard let base = b.baseAddress else { return (0, 0) }
                let n = Glibc.pread(fd, base + done, count - done, off_t(offset + done))
                return (n, n < 0 ? errno : 0)
            }
            if n > 0 { done += n; continue }
            if n == 0 { break }
            if code == EINTR { continue }
            throw .io(operation: "read", path: path, errno: code)
        }
        if done < count { bytes.removeLast(count - done) }
        return bytes
    }

    /// Writes all of `bytes` at `offset`, looping over partial writes.
    static func pwriteAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int, path: String) throws(LedgerError) {
        var done = 0
        while done < bytes.count {
            let (n, code) = bytes.withUnsafeBytes { b -> (Int, Int32) in
                guard let base = b.baseAddress else { return (0, 0) }
                let n = Glibc.pwrite(fd, base + done, bytes.count - done, off_t(offset + done))
                return (n, n < 0 ? errno : 0)
            }
            if n > 0 { done += n; continue }
            if n < 0 && code == EINTR { continue }
            throw .io(operation: "write", path: path, errno: n < 0 ? code : EIO)
        }
    }

    /// `fsync(2)`: returns when the file's data and metadata are on disk.
    static func fsync(_ fd: Int32, path: String) throws(LedgerError) {
        while Glibc.fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw .io(operation: "fsync", path: path, errno: errno)
        }
    }

    /// Opens a directory and fsyncs it, so that a new or renamed entry in it is durable.
    static func fsyncDirectory(_ path: String) throws(LedgerError) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY, operation: "open directory")
        defer { Glibc.close(fd) }
        try fsync(fd, path: path)
    }

    /// `fstat(2)`.
    static func fstat(_ fd: Int32, path: String) throws(LedgerError) -> Glibc.stat {
        var info = Glibc.stat()
        guard Glibc.fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        return info
    }

    /// `lstat(2)`, or `nil` when the path does not exist.
    static func lstat(_ path: String) throws(LedgerError) -> Glibc.stat? {
        var info = Glibc.stat()
        if Glibc.lstat(path, &info) == 0 { return info }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw .io(operation: "stat", path: path, errno: errno)
    }

    /// `stat(2)` (following links), or `nil` when the path does not exist.
    static func stat(_ path: String) -> Glibc.stat? {
        var info = Glibc.stat()
        return fstatat(AT_FDCWD, path, &info, 0) == 0 ? info : nil
    }

    /// Takes an exclusive `flock(2)` on `fd`, calling `waiting` once if another process holds it.
    static func lockExclusive(_ fd: Int32, path: String, waiting: () -> Void) throws(LedgerError) {
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return }
        guard errno == EWOULDBLOCK || errno == EINTR else { throw .io(operation: "lock", path: path, errno: errno) }
        waiting()
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw .io(operation: "lock", path: path, errno: errno)
        }
    }

    /// `ftruncate(2)`.
    static func truncate(_ fd: Int32, to size: Int, path: String) throws(LedgerError) {
        while ftruncate(fd, off_t(size)) != 0 {
            if errno == EINTR { continue }
            throw .io(operation: "truncate", path: path, errno: errno)
        }
    }

    /// The target of a symbolic link.
    static func readLink(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return "?" }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Path helpers.
enum PathName {
    /// The directory part of a path ("." when it has none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
