#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes: standard output, standard error, or a buffer in tests.
public protocol OutputSink: AnyObject {
    /// Writes bytes.
    func write(_ bytes: [UInt8])
    /// Writes every byte of the buffer.
    func write(_ bytes: UnsafeRawBufferPointer)
    /// Whether this is a terminal (for colour and progress).
    var isTerminal: Bool { get }
    /// Sends buffered bytes on.
    func flush()
}

extension OutputSink {
    /// Writes text as UTF-8.
    public func write(_ text: String) {
        var copy = text
        copy.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes text and a newline.
    public func line(_ text: String = "") { write(text + "\n") }
}

/// A sink over a file descriptor, buffered in 64 KiB blocks.
public final class FileDescriptorSink: OutputSink {
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Whether the descriptor is a terminal.
    public let isTerminal: Bool
    /// Whether a write failed (for example a closed pipe).
    public private(set) var failed = false

    /// Creates a sink writing to `fd`.
    public init(fd: Int32) {
        self.fd = fd
        self.isTerminal = isatty(fd) == 1
        buffer.reserveCapacity(1 << 16)
    }

    deinit { flush() }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 || isTerminal { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty, !failed else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let n = Glibc.write(fd, base + done, bytes.count - done)
                if n > 0 { done += n; continue }
                if n < 0 && errno == EINTR { continue }
                failed = true
                return
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A sink that keeps everything written, for tests.
public final class CapturedOutput: OutputSink {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether to pretend to be a terminal.
    public let isTerminal: Bool

    /// Creates an empty capture.
    public init(isTerminal: Bool = false) { self.isTerminal = isTerminal }

    public func write(_ bytes: [UInt8]) { self.bytes += bytes }
    public func write(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public func flush() {}

    /// The bytes as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Where a command reads standard input from.
public protocol InputSource: AnyObject {
    /// Reads everything that is left.
    func readAll() -> [UInt8]
    /// Whether this is a terminal (then a command does not wait for piped input).
    var isTerminal: Bool { get }
}

/// Standard input of the process.
public final class FileDescriptorInput: InputSource {
    private let fd: Int32
    /// Whether the descriptor is a terminal.
    public let isTerminal: Bool

    /// Creates an input reading `fd`.
    public init(fd: Int32) {
        self.fd = fd
        self.isTerminal = isatty(fd) == 1
    }

    public func readAll() -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 { result.append(contentsOf: chunk[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            return result
        }
    }
}

/// Fixed input bytes, for tests.
public final class FixedInput: InputSource {
    private let bytes: [UInt8]
    /// Whether to pretend to be a terminal.
    public let isTerminal: Bool

    /// Creates an input holding `bytes`.
    public init(_ bytes: [UInt8] = [], isTerminal: Bool = false) {
        self.bytes = bytes
        self.isTerminal = isTerminal
    }

    /// Creates an input holding UTF-8 text.
    public convenience init(_ text: String) { self.init(Array(text.utf8)) }

    public func readAll() -> [UInt8] { bytes }
}
