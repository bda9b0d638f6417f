/// A run of 64-byte message blocks that need not be contiguous in memory: an optional `head`
/// block, then `bodyCount` consecutive blocks at `body`, then `tailCount` consecutive blocks at
/// `tail`.
///
/// This is how a message with a one-byte prefix (an RFC 6962 leaf) or a partially filled buffer
/// (streaming) is compressed in a single call without copying the bulk of the message: only the
/// head and tail blocks live in small stack buffers.
struct SHA256Blocks {
    /// A block to compress before all others (a buffered or prefixed first block), if any.
    let head: UnsafeRawPointer?
    /// The first of `bodyCount` consecutive blocks (ignored when `bodyCount` is 0).
    let body: UnsafeRawPointer?
    /// How many consecutive blocks start at `body`.
    let bodyCount: Int
    /// The first of `tailCount` consecutive blocks after the body (ignored when `tailCount` is 0).
    let tail: UnsafeRawPointer?
    /// How many consecutive blocks start at `tail` (the padded end of a message: 0, 1 or 2).
    let tailCount: Int

    /// Creates a run of blocks; every part may be empty.
    init(
        head: UnsafeRawPointer? = nil, body: UnsafeRawPointer? = nil, bodyCount: Int = 0,
        tail: UnsafeRawPointer? = nil, tailCount: Int = 0
    ) {
        self.head = head
        self.body = body
        self.bodyCount = bodyCount
        self.tail = tail
        self.tailCount = tailCount
    }

    /// The total number of blocks.
    @inline(__always)
    var count: Int { (head == nil ? 0 : 1) &+ bodyCount &+ tailCount }

    /// The start of block `index` (0 ..< `count`).
    @inline(__always)
    subscript(index: Int) -> UnsafeRawPointer {
        var i = index
        if let head {
            if i == 0 { return head }
            i &-= 1
        }
        if i < bodyCount { return body.unsafelyUnwrapped + (i &<< 6) }
        return tail.unsafelyUnwrapped + ((i &- bodyCount) &<< 6)
    }

    /// The starts of blocks `index` ..< `index + lanes` (1 ... 4 of them), padded to four by
    /// repeating the first: the inputs of one four-lane message expansion.
    @inline(__always)
    func group(from index: Int, lanes: Int) -> (UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer, UnsafeRawPointer) {
        let p0 = self[index]
        return (
            p0,
            lanes > 1 ? self[index &+ 1] : p0,
            lanes > 2 ? self[index &+ 2] : p0,
            lanes > 3 ? self[index &+ 3] : p0)
    }
}
