#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the ledger gets the current time from. Passed in, so that tests control time.
public protocol LedgerClock: Sendable {
    /// The current time.
    func now() -> Timestamp
}

/// The system's real-time clock.
public struct SystemClock: LedgerClock {
    /// Creates the system clock.
    public init() {}

    /// The current time from `clock_gettime(CLOCK_REALTIME)`.
    public func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(millisecondsSinceEpoch: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }
}

/// A clock that always returns the same instant (for tests and reproducible builds).
public struct FixedClock: LedgerClock {
    /// The instant returned by `now()`.
    public let instant: Timestamp

    /// Creates a clock stopped at `instant`.
    public init(_ instant: Timestamp) { self.instant = instant }

    /// Returns the fixed instant.
    public func now() -> Timestamp { instant }
}
