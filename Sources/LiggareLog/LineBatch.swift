#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import LiggareHash

/// A batch of complete lines from one read buffer, hashed and parsed on several threads at once.
///
/// The lines are pointers into the reader's buffer, valid until its next read; the facts computed here (leaf hash,
/// parsed fields) are what ``ChainState`` then checks in order. Memory is bounded by ``capacity``.
public struct LineBatch: ~Copyable {
    /// The most lines in one batch.
    static let capacity = 32_768

    /// The number of online cores (at least 1).
    public static var onlineCores: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    private(set) var count = 0
    private let workers: Int
    let lines: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>
    let offsets: UnsafeMutableBufferPointer<Int>
    let hashes: UnsafeMutableBufferPointer<SHA256Digest>
    let parsed: UnsafeMutableBufferPointer<Result<LedgerLine, LineProblem>>
    /// Whether each line's `prev` is the hash of the line before it in the file.
    let prevMatches: UnsafeMutableBufferPointer<Bool>
    /// The hash of the last line of the batches so far (all zeros before the first line).
    private(set) var lastHash = SHA256Digest.zero

    init(workers: Int) {
        self.workers = max(1, min(workers, 64))
        lines = .allocate(capacity: Self.capacity)
        offsets = .allocate(capacity: Self.capacity)
        hashes = .allocate(capacity: Self.capacity)
        parsed = .allocate(capacity: Self.capacity)
        prevMatches = .allocate(capacity: Self.capacity)
    }

    /// Frees the storage; the batch must not be used afterwards.
    mutating func release() {
        removeAll()
        lines.deallocate()
        offsets.deallocate()
        hashes.deallocate()
        parsed.deallocate()
        prevMatches.deallocate()
    }

    /// Forgets the lines of the last batch.
    mutating func removeAll() {
        if count > 0 {
            // Only `parsed` holds values that need deinitialising (the error payloads); the rest are trivial.
            _ = parsed.baseAddress.map { $0.deinitialize(count: count) }
        }
        count = 0
    }

    /// Adds a line; the caller keeps count below ``capacity``.
    mutating func append(_ line: UnsafeRawBufferPointer, offset: Int) {
        lines[count] = line
        offsets[count] = offset
        count += 1
    }

    /// Computes every line's leaf hash and parse, and compares its `prev` with the hash of the line before it,
    /// splitting the batch into one contiguous part per worker. The line before the first is the last line of the
    /// previous batch.
    mutating func hashAndParse() {
        let work = Work(lines: lines, hashes: hashes, parsed: parsed, prevMatches: prevMatches)
        let n = count
        guard n > 0 else { return }
        // Small batches (a short ledger, the tail of a file) are not worth a thread hand-off.
        let parts = n < 256 ? 1 : workers
        if parts == 1 {
            work.run(0..<n, previous: lastHash)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                work.run((n * part / parts)..<(n * (part + 1) / parts), previous: nil)
            }
            work.compare(0, with: lastHash)
            for part in 1..<parts {
                let first = n * part / parts
                if first > 0 { work.compare(first, with: hashes[first - 1]) }
            }
        }
        lastHash = hashes[n - 1]
    }

    /// The pointers the workers write through; each worker writes only its own index range.
    private struct Work: @unchecked Sendable {
        let lines: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>
        let hashes: UnsafeMutableBufferPointer<SHA256Digest>
        let parsed: UnsafeMutableBufferPointer<Result<LedgerLine, LineProblem>>

        let prevMatches: UnsafeMutableBufferPointer<Bool>

        /// Hashes and parses the lines of `range`, and compares each `prev` with the hash before it; the first
        /// line's comparison is left to the caller when `previous` is nil.
        func run(_ range: Range<Int>, previous: SHA256Digest?) {
            for i in range {
                let line = lines[i]
                hashes[i] = SHA256.leafHash(line)
                (parsed.baseAddress! + i).initialize(to: Result { () throws(LineProblem) in try LedgerLine.parse(line) })
                if i > range.lowerBound {
                    compare(i, with: hashes[i - 1])
                } else if let previous {
                    compare(i, with: previous)
                } else {
                    prevMatches[i] = false
                }
            }
        }

        /// Sets whether line `i`'s `prev` is `hash`.
        func compare(_ i: Int, with hash: SHA256Digest) {
            if case .success(let parsed) = parsed[i] {
                prevMatches[i] = hash.equalsHex(UnsafeRawBufferPointer(rebasing: lines[i][parsed.prevRange]))
            } else {
                prevMatches[i] = false
            }
        }
    }
}
