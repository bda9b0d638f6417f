import CSHA256

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Which SHA-256 compression function a hasher runs.
///
/// Both produce identical digests; they differ only in speed. The choice is made once, when a
/// ``SHA256`` value is created (or per call of its static one-shot functions), never per block.
public enum SHA256Implementation: String, Sendable, CaseIterable {
    /// The pure-Swift compression function. Available on every platform.
    case portable = "swift"
    /// The x86-64 SHA extensions (SHA-NI, with SSE4.1 and SSSE3), through the `CSHA256` C target.
    case shaExtensions = "sha-ni"

    /// The fastest available implementation, resolved once per process.
    ///
    /// This is ``shaExtensions`` when the CPU supports it and ``portable`` otherwise. Setting the
    /// environment variable `LIGGARE_SHA256` to `swift` forces ``portable``; setting it to
    /// `sha-ni` selects ``shaExtensions`` only if the CPU supports it. Any other value is ignored.
    /// The environment is read the first time this property is used.
    public static var best: SHA256Implementation { resolvedBest }

    /// Whether this implementation can run on the current CPU.
    ///
    /// ``portable`` is always available; ``shaExtensions`` requires an x86-64 CPU that reports the
    /// SHA, SSE4.1 and SSSE3 features through CPUID (probed once per process).
    public var isAvailable: Bool {
        switch self {
        case .portable: true
        case .shaExtensions: Self.cpuHasSHAExtensions
        }
    }

    /// The CPUID probe, cached for the life of the process.
    private static let cpuHasSHAExtensions: Bool = liggare_sha256_has_shani() != 0

    /// ``best`` as resolved from the CPU and the `LIGGARE_SHA256` environment variable.
    private static let resolvedBest: SHA256Implementation = {
        let fastest: SHA256Implementation = cpuHasSHAExtensions ? .shaExtensions : .portable
        guard let raw = getenv("LIGGARE_SHA256"),
              let requested = SHA256Implementation(rawValue: String(cString: raw))
        else { return fastest }
        return requested.isAvailable ? requested : .portable
    }()
}
