/// SHA-256 (FIPS 180-4), streaming and one-shot, with the RFC 6962 Merkle tree hashes.
///
/// A value accumulates bytes with `update(_:)` and produces the digest with ``finalize()``. The
/// one-shot functions `hash(_:implementation:)`, `leafHash(_:implementation:)` and
/// ``nodeHash(_:_:implementation:)`` keep all their state on the stack and, for raw buffers and
/// contiguous collections, never allocate.
///
/// The compression function is chosen once, when the value is created (or per one-shot call), and
/// defaults to ``SHA256Implementation/best``.
public struct SHA256: Sendable {
    /// The compression function this hasher runs.
    public let implementation: SHA256Implementation

    /// The chaining value H0 ... H7.
    private var state: SHA256State
    /// Bytes of an incomplete block, waiting for more input (`buffered` of them are valid).
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    /// How many bytes of `buffer` are valid; always less than 64 between calls.
    private var buffered: Int
    /// Total number of bytes fed so far.
    private var length: UInt64

    /// Creates a hasher with no input yet.
    ///
    /// - Parameter implementation: The compression function to use; defaults to the fastest one
    ///   available.
    /// - Precondition: `implementation.isAvailable` (asking for ``SHA256Implementation/shaExtensions``
    ///   on a CPU without the SHA extensions traps instead of executing an illegal instruction).
    public init(implementation: SHA256Implementation = .best) {
        precondition(implementation.isAvailable, "SHA-256 implementation '\(implementation.rawValue)' is not available on this CPU")
        self.implementation = implementation
        self.state = SHA256Compression.initialState
        self.buffer = (0, 0, 0, 0, 0, 0, 0, 0)
        self.buffered = 0
        self.length = 0
    }

    /// Feeds bytes into the hash.
    ///
    /// - Parameter bytes: The next bytes of the message; may be empty.
    /// - Complexity: O(`bytes.count`). Whole blocks are compressed straight from `bytes`; only
    ///   an incomplete block at either end is copied.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return }
        var n = bytes.count
        length &+= UInt64(n)
        let implementation = self.implementation
        let pending = buffered
        if pending > 0 {
            let take = min(64 &- pending, n)
            withUnsafeMutableBytes(of: &buffer) { block in
                (block.baseAddress! + pending).copyMemory(from: p, byteCount: take)
            }
            p += take
            n &-= take
            if pending &+ take < 64 {
                buffered = pending &+ take
                return
            }
            // The completed buffer and every whole block after it, in one call.
            let body = p
            let bodyCount = n &>> 6
            withUnsafeBytes(of: buffer) { block in
                SHA256Compression.compress(
                    &state, SHA256Blocks(head: block.baseAddress!, body: body, bodyCount: bodyCount), implementation)
            }
            buffered = 0
            p += bodyCount &<< 6
            n &= 63
        } else if n >= 64 {
            let bodyCount = n &>> 6
            SHA256Compression.compress(&state, SHA256Blocks(body: p, bodyCount: bodyCount), implementation)
            p += bodyCount &<< 6
            n &= 63
        }
        if n > 0 {
            let tail = n
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress!.copyMemory(from: p, byteCount: tail)
            }
            buffered = n
        }
    }

    /// Feeds bytes into the hash (convenience for arrays, slices and other collections).
    ///
    /// Contiguous collections (`[UInt8]`, `ArraySlice<UInt8>`, `UnsafeBufferPointer<UInt8>`, a
    /// `String`'s `utf8` view, ...) are read in place; other collections are copied first.
    ///
    /// - Parameter bytes: The next bytes of the message; may be empty.
    /// - Complexity: O(`bytes.count`).
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Completes the hash and returns the digest of all bytes fed so far.
    ///
    /// The hasher is then reset to its initial state (with the same ``implementation``), so it can
    /// be reused for another message.
    ///
    /// - Returns: The SHA-256 digest of the concatenation of every `update` since creation or the
    ///   last `finalize()`.
    /// - Complexity: O(1).
    public mutating func finalize() -> SHA256Digest {
        var state = self.state
        let implementation = self.implementation
        let pending = buffered
        let totalBytes = length
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { scratch in
            let tail = scratch.baseAddress!
            withUnsafeBytes(of: buffer) { block in
                tail.copyMemory(from: block.baseAddress!, byteCount: pending)
            }
            let tailCount = pad(tail, filled: pending, totalBytes: totalBytes)
            SHA256Compression.compress(&state, SHA256Blocks(tail: tail, tailCount: tailCount), implementation)
        }
        self = SHA256(implementation: implementation)
        return SHA256Digest(state: state)
    }

    /// The SHA-256 digest of `bytes`.
    ///
    /// - Parameter bytes: The whole message.
    /// - Parameter implementation: The compression function to use; defaults to the fastest one
    ///   available. Must be available (see ``init(implementation:)``).
    /// - Returns: SHA-256(`bytes`).
    /// - Complexity: O(`bytes.count`), without allocating.
    public static func hash(
        _ bytes: UnsafeRawBufferPointer, implementation: SHA256Implementation = .best
    ) -> SHA256Digest {
        precondition(implementation.isAvailable, "SHA-256 implementation '\(implementation.rawValue)' is not available on this CPU")
        return digest(prefix: nil, bytes, implementation)
    }

    /// The SHA-256 digest of a collection of bytes (convenience for arrays, slices, `utf8` views).
    ///
    /// - Parameter bytes: The whole message. Contiguous collections are read in place; others
    ///   are copied first.
    /// - Parameter implementation: The compression function to use; defaults to the fastest one
    ///   available. Must be available (see ``init(implementation:)``).
    /// - Returns: SHA-256(`bytes`).
    /// - Complexity: O(`bytes.count`).
    public static func hash(
        _ bytes: some Collection<UInt8>, implementation: SHA256Implementation = .best
    ) -> SHA256Digest {
        if let digest = bytes.withContiguousStorageIfAvailable({
            hash(UnsafeRawBufferPointer($0), implementation: implementation)
        }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { hash($0, implementation: implementation) }
    }

    /// RFC 6962 leaf hash: SHA-256(0x00 || `bytes`). The ledger hashes every line this way; it is
    /// the hottest function in the project.
    ///
    /// The line is not copied: the first block (the 0x00 prefix and 63 bytes of the line) and the
    /// padded tail are assembled in a small stack buffer, and every block in between is compressed
    /// straight from `bytes`.
    ///
    /// - Parameter bytes: The leaf data (for the ledger, one line without its newline).
    /// - Parameter implementation: The compression function to use; defaults to the fastest one
    ///   available. Must be available (see ``init(implementation:)``).
    /// - Returns: SHA-256(0x00 || `bytes`).
    /// - Complexity: O(`bytes.count`), without allocating.
    public static func leafHash(
        _ bytes: UnsafeRawBufferPointer, implementation: SHA256Implementation = .best
    ) -> SHA256Digest {
        precondition(implementation.isAvailable, "SHA-256 implementation '\(implementation.rawValue)' is not available on this CPU")
        return digest(prefix: 0x00, bytes, implementation)
    }

    /// RFC 6962 leaf hash of a collection of bytes: SHA-256(0x00 || `bytes`) (convenience).
    ///
    /// - Parameter bytes: The leaf data. Contiguous collections are read in place; others are
    ///   copied first.
    /// - Parameter implementation: The compression function to use; defaults to the fastest one
    ///   available. Must be available (see ``init(implementation:)``).
    /// - Returns: SHA-256(0x00 || `bytes`).
    /// - Complexity: O(`bytes.count`).
    public static func leafHash(
        _ bytes: some Collection<UInt8>, implementation: SHA256Implementation = .best
    ) -> SHA256Digest {
        if let digest = bytes.withContiguousStorageIfAvailable({
            leafHash(UnsafeRawBufferPointer($0), implementation: implementation)
        }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { leafHash($0, implementation: implementation) }
    }

    /// RFC 6962 interior node hash: SHA-256(0x01 || `left` || `right`).
    ///
    /// - Parameter left: The hash of the left subtree.
    /// - Parameter right: The hash of the right subtree.
    /// - Parameter implementation: The compression function to use; defaults to the fastest one
    ///   available. Must be available (see ``init(implementation:)``).
    /// - Returns: SHA-256(0x01 || `left` || `right`).
    /// - Complexity: O(1): two compressions, without allocating.
    public static func nodeHash(
        _ left: SHA256Digest, _ right: SHA256Digest, implementation: SHA256Implementation = .best
    ) -> SHA256Digest {
        precondition(implementation.isAvailable, "SHA-256 implementation '\(implementation.rawValue)' is not available on this CPU")
        var state = SHA256Compression.initialState
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { scratch in
            let s = scratch.baseAddress!
            s.storeBytes(of: 0x01, as: UInt8.self)
            let words = (left.w0, left.w1, left.w2, left.w3, right.w0, right.w1, right.w2, right.w3)
            s.storeBytes(of: words.0.bigEndian, toByteOffset: 1, as: UInt64.self)
            s.storeBytes(of: words.1.bigEndian, toByteOffset: 9, as: UInt64.self)
            s.storeBytes(of: words.2.bigEndian, toByteOffset: 17, as: UInt64.self)
            s.storeBytes(of: words.3.bigEndian, toByteOffset: 25, as: UInt64.self)
            s.storeBytes(of: words.4.bigEndian, toByteOffset: 33, as: UInt64.self)
            s.storeBytes(of: words.5.bigEndian, toByteOffset: 41, as: UInt64.self)
            s.storeBytes(of: words.6.bigEndian, toByteOffset: 49, as: UInt64.self)
            s.storeBytes(of: words.7.bigEndian, toByteOffset: 57, as: UInt64.self)
            let tailCount = pad(s, filled: 65, totalBytes: 65)
            SHA256Compression.compress(&state, SHA256Blocks(tail: s, tailCount: tailCount), implementation)
        }
        return SHA256Digest(state: state)
    }

    /// SHA-256 of an optional one-byte `prefix` followed by `bytes`, compressed in a single call
    /// without copying `bytes`, except for the first block (when there is a prefix) and the final
    /// partial block, which are assembled in a stack buffer.
    @inline(__always)
    private static func digest(
        prefix: UInt8?, _ bytes: UnsafeRawBufferPointer, _ implementation: SHA256Implementation
    ) -> SHA256Digest {
        var state = SHA256Compression.initialState
        withUnsafeTemporaryAllocation(byteCount: 192, alignment: 16) { scratch in
            let headBlock = scratch.baseAddress!
            let tailBlocks = headBlock + 64
            var p = bytes.baseAddress
            var remaining = bytes.count
            var head: UnsafeRawPointer? = nil
            var filled = 0
            if let prefix {
                if remaining >= 63 {
                    // The first block: the prefix and the first 63 bytes.
                    headBlock.storeBytes(of: prefix, as: UInt8.self)
                    (headBlock + 1).copyMemory(from: p.unsafelyUnwrapped, byteCount: 63)
                    head = UnsafeRawPointer(headBlock)
                    p = p.unsafelyUnwrapped + 63
                    remaining &-= 63
                } else {
                    tailBlocks.storeBytes(of: prefix, as: UInt8.self)
                    filled = 1
                }
            }
            let body = p
            let bodyCount = remaining &>> 6
            if remaining > 0 {
                let partial = remaining & 63
                (tailBlocks + filled).copyMemory(
                    from: p.unsafelyUnwrapped + (bodyCount &<< 6), byteCount: partial)
                filled &+= partial
            }
            let totalBytes = UInt64(bytes.count) &+ (prefix == nil ? 0 : 1)
            let tailCount = pad(tailBlocks, filled: filled, totalBytes: totalBytes)
            SHA256Compression.compress(
                &state,
                SHA256Blocks(head: head, body: body, bodyCount: bodyCount, tail: tailBlocks, tailCount: tailCount),
                implementation)
        }
        return SHA256Digest(state: state)
    }
}

/// Appends the FIPS 180-4 padding (0x80, zeros, the 64-bit big-endian bit length) to the
/// `filled` message bytes at the start of `blocks`.
///
/// - Parameter blocks: At least 128 writable bytes starting with the unprocessed message bytes.
/// - Parameter filled: How many message bytes `blocks` holds (less than 64, or 65 for a node
///   hash).
/// - Parameter totalBytes: The length of the whole message in bytes.
/// - Returns: The number of padded blocks to compress: 1 if the padding fits after `filled`
///   bytes in one block, else 2.
@inline(__always)
private func pad(_ blocks: UnsafeMutableRawPointer, filled: Int, totalBytes: UInt64) -> Int {
    blocks.storeBytes(of: 0x80, toByteOffset: filled, as: UInt8.self)
    let end = filled < 56 ? 64 : 128
    (blocks + filled + 1).initializeMemory(as: UInt8.self, repeating: 0, count: end &- 8 &- filled &- 1)
    blocks.storeBytes(of: (totalBytes &<< 3).bigEndian, toByteOffset: end &- 8, as: UInt64.self)
    return end &>> 6
}
