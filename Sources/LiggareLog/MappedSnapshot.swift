#if canImport(Glibc)
import Glibc
#endif

/// A snapshot's payload, mapped read-only into memory; unmapped when the last reference goes.
///
/// The file is replaced only by renaming a new one over it, never changed in place, so the mapping stays valid.
public final class MappedSnapshot: @unchecked Sendable {
    /// The position in the ledger the payload describes.
    public let binding: LedgerPosition
    /// The snapshot file's path.
    public let path: String
    /// The payload bytes (after the header).
    public let payload: UnsafeRawBufferPointer
    private let base: UnsafeMutableRawPointer
    private let size: Int

    init?(fd: Int32, size: Int, binding: LedgerPosition, path: String) {
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else { return nil }
        self.base = mapped
        self.size = size
        self.binding = binding
        self.path = path
        self.payload = UnsafeRawBufferPointer(start: mapped + SnapshotFile.headerLength, count: size - SnapshotFile.headerLength)
    }

    deinit { munmap(base, size) }
}
