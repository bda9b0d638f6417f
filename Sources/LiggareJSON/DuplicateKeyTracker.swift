/// Detects duplicate keys in the open objects of a scan, comparing keys after unescaping.
///
/// Keys are kept as byte ranges of the input on one stack shared by all open objects. A small object is checked
/// by comparing with each earlier key, fingerprints first (no allocation); an object that reaches
/// ``tableThreshold`` keys gets a ``KeyTable`` hash index (with the process-wide randomly seeded `Hasher`, so
/// crafted collisions do not make it quadratic).
struct DuplicateKeyTracker {
    /// The first input byte.
    let base: UnsafePointer<UInt8>
    /// The keys of all open objects, innermost last.
    private var refs: ScratchStack<KeyRef>
    /// Hash indexes and decoding buffers, created on first use.
    private var large: KeyScratch?
    /// The key base of the innermost object that has a hash index, or -1 when no open object has one.
    private var indexedKeyBase = -1

    /// The number of keys at which an object switches from linear comparison to a hash index.
    static let tableThreshold = 16

    /// Creates a tracker for the input at `base` whose key stack starts in `initial`.
    init(base: UnsafePointer<UInt8>, initial: UnsafeMutableBufferPointer<KeyRef>) {
        self.base = base
        refs = ScratchStack(initial: initial)
    }

    /// The number of keys on the stack; a new object's keys start at this index.
    @inline(__always)
    var count: Int { refs.count }

    /// Frees heap storage; the tracker must not be used afterwards.
    mutating func release() {
        refs.release()
        large = nil
    }

    /// Adds `key` to the innermost open object, whose keys start at `keyBase`.
    ///
    /// - Returns: true when the object already has an equal key (the key is then not added).
    /// - Complexity: O(*k*) for an object with *k* < ``tableThreshold`` keys, expected O(1) beyond.
    @inline(__always)
    mutating func insert(_ key: KeyRef, keyBase: Int) -> Bool {
        if keyBase == indexedKeyBase {
            return insertHashed(key)
        }
        var index = keyBase
        while index < refs.count {
            if equal(refs[index], key) {
                return true
            }
            index += 1
        }
        refs.push(key)
        if refs.count - keyBase >= Self.tableThreshold {
            buildTable(keyBase: keyBase)
        }
        return false
    }

    /// Forgets the keys of the innermost object, whose keys start at `keyBase`, when it closes.
    @inline(__always)
    mutating func popObject(keyBase: Int) {
        if keyBase == indexedKeyBase {
            popTable()
        }
        refs.truncate(to: keyBase)
    }

    /// Removes the innermost hash index.
    @inline(never)
    private mutating func popTable() {
        let state = scratchState()
        state.tables.removeLast()
        indexedKeyBase = state.tables.last?.keyBase ?? -1
    }

    /// The lazily created rare state.
    private mutating func scratchState() -> KeyScratch {
        if let large {
            return large
        }
        let created = KeyScratch()
        large = created
        return created
    }

    /// Adds `key` through the innermost hash index.
    @inline(never)
    private mutating func insertHashed(_ key: KeyRef) -> Bool {
        let hash = hashValue(of: key)
        let state = scratchState()
        let tableIndex = state.tables.count - 1
        let table = state.tables[tableIndex]
        var slot = table.firstSlot(for: hash)
        while table.slots[slot] != 0 {
            if table.hashes[slot] == hash && equal(refs[table.slots[slot] - 1], key) {
                return true
            }
            slot = table.nextSlot(after: slot)
        }
        refs.push(key)
        state.tables[tableIndex].insert(hash: hash, index: refs.count - 1)
        return false
    }

    /// Builds the hash index for the object whose keys start at `keyBase` (already checked to be distinct).
    @inline(never)
    private mutating func buildTable(keyBase: Int) {
        var table = KeyTable(keyBase: keyBase, capacity: (refs.count - keyBase) * 4)
        for index in keyBase..<refs.count {
            table.insert(hash: hashValue(of: refs[index]), index: index)
        }
        scratchState().tables.append(table)
        indexedKeyBase = keyBase
    }

    /// The hash of a key's decoded bytes.
    private mutating func hashValue(of key: KeyRef) -> Int {
        var hasher = Hasher()
        if key.escaped {
            let state = scratchState()
            let length = Self.decode(key, base: base, into: &state.scratch)
            state.scratch.withUnsafeBytes { hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        } else {
            hasher.combine(bytes: UnsafeRawBufferPointer(start: base + key.start, count: key.length))
        }
        return hasher.finalize()
    }

    /// Whether two keys are equal after unescaping.
    @inline(__always)
    private mutating func equal(_ a: KeyRef, _ b: KeyRef) -> Bool {
        if (a.lengthAndEscaped | b.lengthAndEscaped) & 1 == 0 {
            guard a.fingerprint == b.fingerprint && a.lengthAndEscaped == b.lengthAndEscaped else { return false }
            return a.length <= 8 || RawBytes.equal(base + a.start, base + b.start, a.length)
        }
        return escapedEqual(a, b)
    }

    /// Whether two keys, at least one of them escaped, are equal after unescaping.
    @inline(never)
    private mutating func escapedEqual(_ a: KeyRef, _ b: KeyRef) -> Bool {
        let state = scratchState()
        let lengthA = Self.decode(a, base: base, into: &state.scratch)
        let lengthB = Self.decode(b, base: base, into: &state.otherScratch)
        guard lengthA == lengthB else { return false }
        return state.scratch.withUnsafeBufferPointer { bufferA in
            state.otherScratch.withUnsafeBufferPointer { bufferB in
                guard let pointerA = bufferA.baseAddress, let pointerB = bufferB.baseAddress else { return lengthA == 0 }
                return RawBytes.equal(pointerA, pointerB, lengthA)
            }
        }
    }

    /// Decodes a key into `buffer` (growing it as needed) and returns the decoded length.
    private static func decode(_ key: KeyRef, base: UnsafePointer<UInt8>, into buffer: inout [UInt8]) -> Int {
        let needed = key.length + JSONString.decodingSlack
        if buffer.count < needed {
            buffer = Array(repeating: 0, count: needed)
        }
        return buffer.withUnsafeMutableBufferPointer { out in
            guard let target = out.baseAddress else { return 0 }
            if key.escaped {
                return JSONString.unescape(base + key.start, count: key.length, into: target)
            }
            target.update(from: base + key.start, count: key.length)
            return key.length
        }
    }
}
