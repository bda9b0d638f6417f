/// A growable stack of trivial values that starts in caller-provided (usually stack-allocated) memory and moves
/// to the heap only when it outgrows it, so that small inputs are scanned without any allocation.
///
/// The owner must call ``release()`` exactly once when done (the reader does so in a `defer`).
struct ScratchStack<Element: BitwiseCopyable> {
    /// The first element.
    private(set) var base: UnsafeMutablePointer<Element>
    /// How many elements fit before the next growth.
    private(set) var capacity: Int
    /// How many elements are on the stack.
    private(set) var count = 0
    /// Whether `base` was allocated here (and must be deallocated by `release`).
    private var ownsStorage: Bool

    /// Creates an empty stack that uses `initial` until it is full.
    init(initial: UnsafeMutableBufferPointer<Element>) {
        if let start = initial.baseAddress, initial.count > 0 {
            base = start
            capacity = initial.count
            ownsStorage = false
        } else {
            base = UnsafeMutablePointer<Element>.allocate(capacity: 16)
            capacity = 16
            ownsStorage = true
        }
    }

    /// The top element, or nil when the stack is empty.
    @inline(__always)
    var last: Element? {
        count > 0 ? base[count - 1] : nil
    }

    /// The element at `index`, which must be in `0..<count`.
    @inline(__always)
    subscript(index: Int) -> Element {
        base[index]
    }

    /// Pushes an element, growing the storage when full.
    @inline(__always)
    mutating func push(_ element: Element) {
        if count == capacity {
            grow()
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Removes the top element, if any.
    @inline(__always)
    mutating func removeLast() {
        if count > 0 {
            count -= 1
        }
    }

    /// Removes elements until at most `newCount` are left.
    @inline(__always)
    mutating func truncate(to newCount: Int) {
        if newCount < count {
            count = max(newCount, 0)
        }
    }

    /// Doubles the capacity, moving the elements to new heap storage.
    @inline(never)
    private mutating func grow() {
        let newCapacity = max(capacity * 2, 16)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if ownsStorage {
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
        ownsStorage = true
    }

    /// Frees heap storage, if any; the stack must not be used afterwards.
    mutating func release() {
        if ownsStorage {
            base.deallocate()
            ownsStorage = false
        }
        count = 0
        capacity = 0
    }
}
