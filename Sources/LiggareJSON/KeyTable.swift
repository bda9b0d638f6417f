/// An open-addressing hash index over the keys of one large object, used by ``DuplicateKeyTracker`` so that
/// duplicate detection stays expected O(1) per key however many members an object has.
struct KeyTable {
    /// The object's first index in the tracker's key stack.
    let keyBase: Int
    /// For each slot, the key's index in the tracker's key stack plus one, or 0 when the slot is empty.
    private(set) var slots: [Int]
    /// For each occupied slot, the key's hash.
    private(set) var hashes: [Int]
    /// The number of occupied slots.
    private(set) var count = 0

    /// Creates an empty table for the object whose keys start at `keyBase`.
    init(keyBase: Int, capacity: Int) {
        var size = 16
        while size < capacity * 2 {
            size *= 2
        }
        self.keyBase = keyBase
        slots = Array(repeating: 0, count: size)
        hashes = Array(repeating: 0, count: size)
    }

    /// The slot where probing for `hash` starts.
    func firstSlot(for hash: Int) -> Int {
        hash & (slots.count - 1)
    }

    /// The slot after `slot` in probing order.
    func nextSlot(after slot: Int) -> Int {
        (slot + 1) & (slots.count - 1)
    }

    /// Adds the key at `index` in the key stack, whose hash is `hash`.
    mutating func insert(hash: Int, index: Int) {
        if (count + 1) * 2 > slots.count {
            grow()
        }
        var slot = firstSlot(for: hash)
        while slots[slot] != 0 {
            slot = nextSlot(after: slot)
        }
        slots[slot] = index + 1
        hashes[slot] = hash
        count += 1
    }

    /// Doubles the number of slots and re-inserts every key by its stored hash.
    private mutating func grow() {
        let oldSlots = slots
        let oldHashes = hashes
        slots = Array(repeating: 0, count: oldSlots.count * 2)
        hashes = Array(repeating: 0, count: oldSlots.count * 2)
        for slot in oldSlots.indices where oldSlots[slot] != 0 {
            var target = firstSlot(for: oldHashes[slot])
            while slots[target] != 0 {
                target = nextSlot(after: target)
            }
            slots[target] = oldSlots[slot]
            hashes[target] = oldHashes[slot]
        }
    }
}
