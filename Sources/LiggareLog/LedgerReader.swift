#if canImport(Glibc)
import Glibc
#endif
import LiggareHash

/// Reads the lines of a ledger one after another, streaming.
public enum LedgerReader {
    /// One line as the reader hands it out; the views are valid only during the callback.
    public struct Entry {
        /// The 1-based line number.
        public var lineNumber: Int
        /// The byte offset of the line in the file.
        public var offset: Int
        /// The line's bytes, without the newline.
        public var bytes: UnsafeRawBufferPointer
        /// The parsed fields.
        public var line: LedgerLine
        /// The line's hash.
        public var hash: SHA256Digest
    }

    /// Calls `body` for each line in order until it returns `false`.
    ///
    /// Does not check the chain (that is `verify`'s job), only that each line can be read.
    /// - Throws: ``LedgerError`` for I/O failures, and ``ReadFailure`` for a line that cannot be read.
    /// - Complexity: O(size of the file read); memory is one fixed buffer.
    public static func forEach(path: String, _ body: (Entry) throws -> Bool) throws {
        let fd = try LedgerFile.openForReading(path)
        defer { close(fd) }
        var reader = LineReader(fd: fd, path: path)
        var lineNumber = 0
        while true {
            switch try reader.next() {
            case .line(let bytes, let offset):
                lineNumber += 1
                let line: LedgerLine
                do {
                    line = try LedgerLine.parse(bytes)
                } catch {
                    throw ReadFailure(path: path, line: lineNumber, offset: offset, detail: error.message)
                }
                let entry = Entry(lineNumber: lineNumber, offset: offset, bytes: bytes, line: line,
                                  hash: SHA256.leafHash(bytes))
                if try !body(entry) { return }
            case .tooLong(let offset, _):
                throw ReadFailure(path: path, line: lineNumber + 1, offset: offset,
                                  detail: "line longer than \(LedgerFormat.maximumLineLength) bytes")
            case .tail(_, let offset):
                throw ReadFailure(path: path, line: lineNumber + 1, offset: offset,
                                  detail: "torn tail (no final newline); run `liggare repair`")
            case .end:
                return
            }
        }
    }
}

/// A line that cannot be read.
public struct ReadFailure: Error, Equatable, Sendable {
    /// The ledger file.
    public var path: String
    /// The 1-based line number.
    public var line: Int
    /// The byte offset where the line starts.
    public var offset: Int
    /// What is wrong.
    public var detail: String

    /// Creates a failure.
    public init(path: String, line: Int, offset: Int, detail: String) {
        self.path = path
        self.line = line
        self.offset = offset
        self.detail = detail
    }

    /// `path:line: detail`.
    public var message: String { "\(path):\(line) (byte offset \(offset)): \(detail)" }
}
