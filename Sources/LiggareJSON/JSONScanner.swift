/// The one grammar and encoding checker behind ``JSONReader``'s `parse`, `validate` and `scanTopLevelObject`.
///
/// It is iterative (an explicit stack of open containers, no recursion), reads every byte at most a small
/// constant number of times, and reports what it recognises to a generic ``JSONEventSink``. Because the three
/// entry points share this code, they accept exactly the same texts and reject the others with the same error.
struct JSONScanner<Sink: JSONEventSink> {
    /// The input, and the scanning of scalars.
    let input: JSONInput
    /// The most containers that may be open at once.
    let maximumDepth: Int
    /// Whether duplicate keys are an error.
    let rejectDuplicates: Bool
    /// Whether the top-level value must be an object.
    let requireTopLevelObject: Bool
    /// Where recognised values go.
    var sink: Sink
    /// One entry per open container: -1 for an array, the object's first index in `keys` for an object.
    var frames: ScratchStack<Int>
    /// The keys of the open objects, for duplicate detection.
    var keys: DuplicateKeyTracker

    /// Frees the heap storage of the stacks, if any.
    mutating func release() {
        frames.release()
        keys.release()
    }

    /// Scans the whole input as one JSON text.
    ///
    /// - Throws: ``ScanFailure`` at the first byte that makes the input not a JSON text acceptable under the options.
    /// - Complexity: O(*n*) for *n* input bytes (duplicate-key detection is expected O(1) per key).
    mutating func run() throws(ScanFailure) {
        let input = self.input
        let base = input.base
        let count = input.count
        try input.checkEncoding()
        var i = input.skipWhitespace(0)
        if requireTopLevelObject, i >= count || base[i] != 0x7B {
            throw input.expected("a JSON object at the top level", at: i)
        }
        valueLoop: while true {
            // A value is expected at `i` (whitespace already skipped).
            guard i < count else { throw input.expected("a JSON value", at: i) }
            switch base[i] {
            case 0x22:  // "
                let (end, escaped) = try input.scanString(i)
                sink.scalar(.string, start: i, end: end, escaped: escaped)
                i = end
            case 0x7B:  // {
                try open(object: true, at: i)
                i = input.skipWhitespace(i + 1)
                if i < count && base[i] == 0x7D {
                    close(object: true, at: i)
                    i += 1
                } else {
                    i = try scanKeyAndColon(i, afterComma: false)
                    i = input.skipWhitespace(i)
                    continue valueLoop
                }
            case 0x5B:  // [
                try open(object: false, at: i)
                i = input.skipWhitespace(i + 1)
                if i < count && base[i] == 0x5D {
                    close(object: false, at: i)
                    i += 1
                } else {
                    continue valueLoop
                }
            case 0x2D, 0x30...0x39:  // - 0-9
                let end = try input.scanNumber(i)
                sink.scalar(.number, start: i, end: end, escaped: false)
                i = end
            case 0x74:  // t
                try input.literal(at: i, word: 0x6575_7274, text: "true")
                sink.scalar(.bool, start: i, end: i + 4, escaped: false)
                i += 4
            case 0x66:  // f
                try input.literal(at: i + 1, word: 0x6573_6C61, text: "false")
                sink.scalar(.bool, start: i, end: i + 5, escaped: false)
                i += 5
            case 0x6E:  // n
                try input.literal(at: i, word: 0x6C6C_756E, text: "null")
                sink.scalar(.null, start: i, end: i + 4, escaped: false)
                i += 4
            default:
                throw input.unexpectedValueStart(i)
            }
            // A value ended just before `i`: close containers until one continues.
            while true {
                guard let top = frames.last else {
                    i = input.skipWhitespace(i)
                    if i < count {
                        throw ScanFailure(offset: i, message: "unexpected bytes after the JSON value")
                    }
                    return
                }
                i = input.skipWhitespace(i)
                guard i < count else {
                    throw input.expected(
                        top < 0 ? "',' or ']' after an array element" : "',' or '}' after an object member", at: i)
                }
                let byte = base[i]
                if top < 0 {
                    if byte == 0x2C {
                        let comma = i
                        i = input.skipWhitespace(i + 1)
                        if i < count && base[i] == 0x5D {
                            throw ScanFailure(offset: comma, message: "trailing comma before ']'")
                        }
                        continue valueLoop
                    }
                    if byte == 0x5D {
                        close(object: false, at: i)
                        i += 1
                        continue
                    }
                    throw input.expected("',' or ']' after an array element", at: i)
                } else {
                    if byte == 0x2C {
                        let comma = i
                        i = input.skipWhitespace(i + 1)
                        if i < count && base[i] == 0x7D {
                            throw ScanFailure(offset: comma, message: "trailing comma before '}'")
                        }
                        i = try scanKeyAndColon(i, afterComma: true)
                        i = input.skipWhitespace(i)
                        continue valueLoop
                    }
                    if byte == 0x7D {
                        close(object: true, at: i)
                        i += 1
                        continue
                    }
                    throw input.expected("',' or '}' after an object member", at: i)
                }
            }
        }
    }

    /// Opens an array or object whose bracket is at `offset`, enforcing the depth limit.
    @inline(__always)
    private mutating func open(object: Bool, at offset: Int) throws(ScanFailure) {
        if frames.count >= maximumDepth {
            throw tooDeep(offset)
        }
        frames.push(object ? keys.count : -1)
        sink.beginContainer(object ? .object : .array, at: offset)
    }

    /// Closes the innermost container, whose closing bracket is at `offset`.
    @inline(__always)
    private mutating func close(object: Bool, at offset: Int) {
        if object, rejectDuplicates, let keyBase = frames.last {
            keys.popObject(keyBase: keyBase)
        }
        frames.removeLast()
        sink.endContainer(object ? .object : .array, at: offset)
    }

    /// Scans an object key at `index`, checks it for duplicates, and consumes the following ':'.
    ///
    /// - Returns: The index just after the ':'.
    @inline(__always)
    private mutating func scanKeyAndColon(_ index: Int, afterComma: Bool) throws(ScanFailure) -> Int {
        let input = self.input
        guard index < input.count, input.base[index] == 0x22 else {
            throw input.keyExpected(index, afterComma: afterComma)
        }
        let (end, escaped) = try input.scanString(index)
        if rejectDuplicates, let keyBase = frames.last {
            let key = KeyRef(base: input.base, count: input.count, start: index + 1, length: end - index - 2, escaped: escaped)
            if keys.insert(key, keyBase: keyBase) {
                throw duplicateKey(index, end: end)
            }
        }
        sink.key(start: index, end: end, escaped: escaped)
        let colon = input.skipWhitespace(end)
        guard colon < input.count, input.base[colon] == 0x3A else {
            throw input.expected("':' after an object key", at: colon)
        }
        return colon + 1
    }

    /// The error for too many open containers at the bracket at `offset`.
    @inline(never)
    private func tooDeep(_ offset: Int) -> ScanFailure {
        ScanFailure(offset: offset, message: "nesting deeper than \(maximumDepth) levels")
    }

    /// The error for a key that equals an earlier key of the same object; the key's quotes are at `start` and
    /// `end - 1`.
    @inline(never)
    private func duplicateKey(_ start: Int, end: Int) -> ScanFailure {
        let raw = UnsafeRawBufferPointer(start: input.base + start + 1, count: end - start - 2)
        var key = JSONString.decode(raw)
        if key.unicodeScalars.count > 64 {
            key = String(String.UnicodeScalarView(key.unicodeScalars.prefix(60))) + "..."
        }
        var quoted: [UInt8] = []
        JSONWriter.writeString(key, into: &quoted)
        return ScanFailure(offset: start, message: "duplicate key \(String(decoding: quoted, as: UTF8.self)) in an object")
    }
}
