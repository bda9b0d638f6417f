#if canImport(Glibc)
import Glibc
#endif

/// Reads a file line by line through one fixed buffer, so memory does not grow with the file.
///
/// Lines are handed out as views into the buffer, valid only until the next call.
struct LineReader: ~Copyable {
    /// What the next read found.
    enum Item {
        /// A complete line (without its `\n`), starting at byte `offset` of the file.
        case line(UnsafeRawBufferPointer, offset: Int)
        /// A line longer than the format allows; `length` counts the bytes seen so far.
        case tooLong(offset: Int, length: Int)
        /// Bytes after the last `\n` (no final newline), starting at `offset`.
        case tail(UnsafeRawBufferPointer, offset: Int)
        /// The end of the file.
        case end
    }

    private let fd: Int32
    private let path: String
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// The file offset of `buffer[start]`.
    private(set) var fileOffset: Int
    private let maximumLine: Int

    /// Creates a reader that starts at the current position of `fd`, which is `startOffset` in the file.
    init(fd: Int32, path: String, startOffset: Int = 0, bufferSize: Int = 4 << 20,
         maximumLine: Int = LedgerFormat.maximumLineLength) {
        self.fd = fd
        self.path = path
        self.maximumLine = maximumLine
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bufferSize, maximumLine * 2 + 2), alignment: 64)
        self.fileOffset = startOffset
    }

    deinit { buffer.deallocate() }

    /// The next line, tail or end.
    mutating func next() throws(LedgerError) -> Item {
        while true {
            if let (line, offset) = nextBuffered() {
                return .line(line, offset: offset)
            }
            if end - start > maximumLine {
                return .tooLong(offset: fileOffset, length: end - start)
            }
            if atEOF {
                if start < end, let base = buffer.baseAddress {
                    let tail = UnsafeRawBufferPointer(start: base + start, count: end - start)
                    let offset = fileOffset
                    fileOffset += end - start
                    start = end
                    return .tail(tail, offset: offset)
                }
                return .end
            }
            try refill()
        }
    }

    /// The next complete line if it is already in the buffer. It reads nothing, so the lines returned since the
    /// last ``next()`` stay valid: a caller can collect a batch of lines this way and work on them together.
    mutating func nextBuffered() -> (line: UnsafeRawBufferPointer, offset: Int)? {
        guard start < end, let base = buffer.baseAddress,
              let hit = memchr(base + start, 0x0A, min(end - start, maximumLine + 1)) else { return nil }
        let lineEnd = base.distance(to: hit)
        let line = UnsafeRawBufferPointer(start: base + start, count: lineEnd - start)
        let offset = fileOffset
        fileOffset += lineEnd - start + 1
        start = lineEnd + 1
        return (line, offset)
    }

    /// Moves unread bytes to the front and reads more.
    private mutating func refill() throws(LedgerError) {
        guard let base = buffer.baseAddress else { atEOF = true; return }
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { memmove(base, base + start, remaining) }
            start = 0
            end = remaining
        }
        let n = try SystemCall.read(fd, base + end, buffer.count - end, path: path)
        if n == 0 { atEOF = true } else { end += n }
    }
}
