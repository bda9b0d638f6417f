#if canImport(Glibc)
import Glibc
#endif
import Dispatch
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
                if try !body(Entry.read(bytes, lineNumber: lineNumber, offset: offset, path: path)) { return }
            case .tooLong(let offset, _):
                throw ReadFailure.tooLong(path: path, line: lineNumber + 1, offset: offset)
            case .tail(_, let offset):
                throw ReadFailure.tornTail(path: path, line: lineNumber + 1, offset: offset)
            case .end:
                return
            }
        }
    }
}

extension LedgerReader.Entry {
    /// The entry of one complete line: its fields parsed and its hash computed.
    /// - Throws: ``ReadFailure`` naming the line when it is not a ledger line.
    static func read(_ bytes: UnsafeRawBufferPointer, lineNumber: Int, offset: Int, path: String) throws(ReadFailure) -> Self {
        do throws(LineProblem) {
            return Self(lineNumber: lineNumber, offset: offset, bytes: bytes, line: try LedgerLine.parse(bytes),
                        hash: SHA256.leafHash(bytes))
        } catch {
            throw ReadFailure(path: path, line: lineNumber, offset: offset, detail: error.message)
        }
    }
}

extension ReadFailure {
    /// A line longer than the format allows.
    static func tooLong(path: String, line: Int, offset: Int) -> ReadFailure {
        ReadFailure(path: path, line: line, offset: offset, detail: "line longer than \(LedgerFormat.maximumLineLength) bytes")
    }

    /// Bytes after the last newline.
    static func tornTail(path: String, line: Int, offset: Int) -> ReadFailure {
        ReadFailure(path: path, line: line, offset: offset, detail: "torn tail (no final newline); run `liggare repair`")
    }
}

extension LedgerReader {
    /// Every line transformed by `transform`, in file order, with the lines hashed, parsed and transformed on
    /// `workers` threads at once (each thread takes a contiguous part of every read buffer).
    ///
    /// Like ``forEach(path:_:)`` it does not check the chain. The first failure in file order is thrown.
    /// - Throws: ``LedgerError`` for I/O failures, ``ReadFailure`` for a line that cannot be read, or what
    ///   `transform` throws.
    /// - Complexity: O(size of the file) work spread over the threads; memory is one read buffer plus the results.
    public static func map<T: Sendable>(path: String, workers: Int = LineBatch.onlineCores,
                                        _ transform: @Sendable (Entry) throws -> T) throws -> [T] {
        try map(path: path, after: .start, workers: workers, transform).values
    }

    /// Every line after `position` transformed by `transform`, in file order, as ``map(path:workers:_:)`` does, and
    /// the position after the last line read. Line numbers continue from `position.lines`.
    ///
    /// - Throws: ``LedgerError`` for I/O failures, ``ReadFailure`` for a line that cannot be read, or what
    ///   `transform` throws.
    /// - Complexity: O(bytes after `position`).
    public static func map<T: Sendable>(path: String, after position: LedgerPosition, workers: Int = LineBatch.onlineCores,
                                        _ transform: @Sendable (Entry) throws -> T) throws -> (values: [T], end: LedgerPosition) {
        var results: [T] = []
        let end = try forEachBatch(path: path, after: position, workers: workers, transform) { results.append(contentsOf: $0) }
        return (results, end)
    }

    /// Transforms the lines after `position` as ``map(path:after:workers:_:)`` does, but hands the results to `body`
    /// one batch (one read buffer) at a time, in file order, so that memory does not grow with the file.
    ///
    /// - Returns: the position after the last line read.
    /// - Throws: ``LedgerError`` for I/O failures, ``ReadFailure`` for a line that cannot be read, or what
    ///   `transform` or `body` throws.
    /// - Complexity: O(bytes after `position`).
    public static func forEachBatch<T: Sendable>(path: String, after position: LedgerPosition, workers: Int = LineBatch.onlineCores,
                                                 _ transform: @Sendable (Entry) throws -> T,
                                                 _ body: ([T]) throws -> Void) throws -> LedgerPosition {
        let fd = try LedgerFile.openForReading(path)
        defer { close(fd) }
        if position.offset > 0, lseek(fd, off_t(position.offset), SEEK_SET) < 0 {
            throw LedgerError.io(operation: "seek", path: path, errno: SystemCall.errno)
        }
        var reader = LineReader(fd: fd, path: path, startOffset: position.offset, bufferSize: 8 << 20)
        var end = position
        var lines: [(bytes: UnsafeRawBufferPointer, offset: Int)] = []
        lines.reserveCapacity(LineBatch.capacity)
        let parts = max(1, min(workers, 64))
        while true {
            switch try reader.next() {
            case .line(let bytes, let offset):
                lines.removeAll(keepingCapacity: true)
                lines.append((bytes, offset))
                while lines.count < LineBatch.capacity, let more = reader.nextBuffered() { lines.append((more.line, more.offset)) }
                let firstLine = end.lines + 1
                let batch = BorrowedLines(items: lines)
                let n = lines.count
                let used = n < 256 ? 1 : parts
                let out = PartResults<T>(count: used)
                @Sendable func work(_ part: Int) {
                    var values: [T] = []
                    values.reserveCapacity(n / used + 1)
                    for i in (n * part / used)..<(n * (part + 1) / used) {
                        let (bytes, offset) = batch.items[i]
                        do {
                            values.append(try transform(Entry.read(bytes, lineNumber: firstLine + i, offset: offset, path: path)))
                        } catch {
                            out.set(part, .failure(error))
                            return
                        }
                    }
                    out.set(part, .success(values))
                }
                if used == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: used) { work($0) } }
                var values: [T] = []
                values.reserveCapacity(n)
                for part in 0..<used { values.append(contentsOf: try out.take(part).get()) }
                try body(values)
                if let last = lines.last {
                    end = LedgerPosition(lines: end.lines + n, offset: last.offset + last.bytes.count + 1,
                                         lineLength: last.bytes.count, hash: SHA256.leafHash(last.bytes))
                }
            case .tooLong(let offset, _):
                throw ReadFailure.tooLong(path: path, line: end.lines + 1, offset: offset)
            case .tail(_, let offset):
                throw ReadFailure.tornTail(path: path, line: end.lines + 1, offset: offset)
            case .end:
                return end
            }
        }
    }

    /// Lines in the read buffer, shared read-only with the workers while the buffer stays put.
    private struct BorrowedLines: @unchecked Sendable {
        let items: [(bytes: UnsafeRawBufferPointer, offset: Int)]
    }

    /// One result slot per worker; each worker writes only its own slot, and the caller reads them after all
    /// workers are done.
    private final class PartResults<T>: @unchecked Sendable {
        private var slots: [Result<[T], any Error>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ part: Int, _ result: Result<[T], any Error>) { slots[part] = result }
        func take(_ part: Int) -> Result<[T], any Error> { slots[part] ?? .success([]) }
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
