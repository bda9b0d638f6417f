/// A strict RFC 8259 JSON reader working on UTF-8 bytes.
///
/// Every entry point runs the same non-recursive scanner, so all of them accept exactly the same texts and
/// report the same first error: the RFC 8259 grammar exactly (a value of any kind at the top level, surrounded only
/// by space, tab, line feed and carriage return), strictly valid UTF-8 everywhere (no byte order mark, no
/// overlong forms, no encoded surrogates, nothing above U+10FFFF), no raw control characters in strings, surrogate
/// escapes only as high-low pairs, numbers by the grammar (kept as lexemes, never rounded), nesting limited by
/// ``JSONReadOptions/maximumDepth`` and duplicate keys per ``JSONReadOptions/duplicateKeys``. See `docs/json.md`.
public enum JSONReader {
    /// Parses one complete JSON text (RFC 8259: any value at the top level, surrounded only by the four
    /// whitespace bytes) into a ``JSONValue``.
    ///
    /// - Parameter bytes: The UTF-8 text.
    /// - Parameter options: Depth limit and duplicate-key policy; ``JSONReadOptions/ledger`` by default.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` at the first byte where the input stops being an acceptable JSON text.
    /// - Complexity: O(*n*) for *n* bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer, options: JSONReadOptions = .ledger) throws(JSONError) -> JSONValue {
        guard let start = bytes.baseAddress, bytes.count > 0 else { throw emptyInput(objectRequired: false) }
        let base = start.assumingMemoryBound(to: UInt8.self)
        return try scan(bytes, options: options, requireTopLevelObject: false, sink: ValueBuilder(base: base)).result
    }

    /// Parses one complete JSON text held in any collection of bytes, such as `[UInt8]` or `ArraySlice<UInt8>`.
    ///
    /// - Parameter bytes: The UTF-8 text; copied first when it is not contiguous.
    /// - Parameter options: Depth limit and duplicate-key policy; ``JSONReadOptions/ledger`` by default.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` at the first byte where the input stops being an acceptable JSON text.
    /// - Complexity: O(*n*) for *n* bytes.
    public static func parse(_ bytes: some Collection<UInt8>, options: JSONReadOptions = .ledger) throws(JSONError) -> JSONValue {
        try withContiguousBytes(bytes) { (raw) throws(JSONError) in try parse(raw, options: options) }
    }

    /// Parses one complete JSON text held in a `String` (its UTF-8 form is what is read, so a leading U+FEFF is
    /// still rejected as a byte order mark).
    ///
    /// - Parameter text: The text.
    /// - Parameter options: Depth limit and duplicate-key policy; ``JSONReadOptions/ledger`` by default.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` at the first byte where the input stops being an acceptable JSON text.
    /// - Complexity: O(*n*) for *n* UTF-8 bytes.
    public static func parse(_ text: String, options: JSONReadOptions = .ledger) throws(JSONError) -> JSONValue {
        try withUTF8(text) { (raw) throws(JSONError) in try parse(raw, options: options) }
    }

    /// Validates one complete JSON text without building values (the fast path: no allocation per value, and no
    /// heap memory at all for texts nested at most 64 deep whose open objects hold at most 32 keys in all, unless
    /// escaped keys must be compared); same acceptance and errors as `parse`.
    ///
    /// - Parameter bytes: The UTF-8 text.
    /// - Parameter options: Depth limit and duplicate-key policy; ``JSONReadOptions/ledger`` by default.
    /// - Throws: ``JSONError`` at the first byte where the input stops being an acceptable JSON text.
    /// - Complexity: O(*n*) for *n* bytes.
    public static func validate(_ bytes: UnsafeRawBufferPointer, options: JSONReadOptions = .ledger) throws(JSONError) {
        guard bytes.count > 0 else { throw emptyInput(objectRequired: false) }
        _ = try scan(bytes, options: options, requireTopLevelObject: false, sink: ValidationSink())
    }

    /// Validates one complete JSON text held in any collection of bytes; same acceptance and errors as `parse`.
    ///
    /// - Parameter bytes: The UTF-8 text; copied first when it is not contiguous.
    /// - Parameter options: Depth limit and duplicate-key policy; ``JSONReadOptions/ledger`` by default.
    /// - Throws: ``JSONError`` at the first byte where the input stops being an acceptable JSON text.
    /// - Complexity: O(*n*) for *n* bytes.
    public static func validate(_ bytes: some Collection<UInt8>, options: JSONReadOptions = .ledger) throws(JSONError) {
        try withContiguousBytes(bytes) { (raw) throws(JSONError) in try validate(raw, options: options) }
    }

    /// Validates one complete JSON text held in a `String`; same acceptance and errors as `parse`.
    ///
    /// - Parameter text: The text.
    /// - Parameter options: Depth limit and duplicate-key policy; ``JSONReadOptions/ledger`` by default.
    /// - Throws: ``JSONError`` at the first byte where the input stops being an acceptable JSON text.
    /// - Complexity: O(*n*) for *n* UTF-8 bytes.
    public static func validate(_ text: String, options: JSONReadOptions = .ledger) throws(JSONError) {
        try withUTF8(text) { (raw) throws(JSONError) in try validate(raw, options: options) }
    }

    /// Validates a JSON text whose top level must be an object and reports each top-level member's key and the
    /// raw byte range of its value, without building values: the hot path of the ledger verifier.
    ///
    /// `body` is called only when the whole text is valid, once per top-level member, in input order (duplicates
    /// included when ``JSONReadOptions/duplicateKeys`` allows them). Acceptance and errors are those of `validate`,
    /// except that a top-level value that is not an object is rejected at its first byte with "expected a JSON
    /// object at the top level". No heap memory is used for objects of up to 24 members nested at most 64 deep
    /// (the stack buffers are kept under 1 KiB each so that the standard library never moves them to the heap).
    ///
    /// - Parameter bytes: The UTF-8 text.
    /// - Parameter options: Depth limit and duplicate-key policy; ``JSONReadOptions/ledger`` by default.
    /// - Parameter body: Called with the member's key (valid only during the call), the byte range of its value in
    ///   `bytes` (a string's range includes its quotes, a container's its brackets) and the value's kind.
    /// - Throws: ``JSONError`` at the first byte where the input stops being an acceptable JSON object text; `body`
    ///   is then not called at all.
    /// - Complexity: O(*n*) for *n* bytes, plus the cost of `body`.
    public static func scanTopLevelObject(
        _ bytes: UnsafeRawBufferPointer,
        options: JSONReadOptions = .ledger,
        _ body: (_ key: JSONKey, _ value: Range<Int>, _ kind: JSONValueKind) -> Void
    ) throws(JSONError) {
        guard let start = bytes.baseAddress, bytes.count > 0 else { throw emptyInput(objectRequired: true) }
        let base = start.assumingMemoryBound(to: UInt8.self)
        let failure: ScanFailure? = withUnsafeTemporaryAllocation(of: TopLevelMember.self, capacity: 24) { buffer in
            let (finished, failure) = run(
                bytes, options: options, requireTopLevelObject: true,
                sink: TopLevelMemberSink(members: ScratchStack(initial: buffer)))
            var members = finished.members
            defer { members.release() }
            if failure != nil {
                return failure
            }
            for index in 0..<members.count {
                let member = members[index]
                let keyRange = (member.keyStart + 1)..<(member.keyEnd - 1)
                let key = JSONKey(
                    raw: UnsafeRawBufferPointer(start: base + keyRange.lowerBound, count: keyRange.count),
                    range: keyRange,
                    hasEscapes: member.keyEscaped)
                body(key, member.valueStart..<member.valueEnd, member.valueKind)
            }
            return nil
        }
        if let failure {
            throw failure.jsonError(in: bytes)
        }
    }

    /// Scans a JSON object text held in any collection of bytes, reporting each top-level member; see
    /// `scanTopLevelObject(_:options:_:)` on `UnsafeRawBufferPointer`.
    ///
    /// - Parameter bytes: The UTF-8 text; copied first when it is not contiguous. Value ranges are offsets from
    ///   its first byte.
    /// - Parameter options: Depth limit and duplicate-key policy; ``JSONReadOptions/ledger`` by default.
    /// - Parameter body: Called with each member's key, value byte range and value kind.
    /// - Throws: ``JSONError`` at the first byte where the input stops being an acceptable JSON object text.
    /// - Complexity: O(*n*) for *n* bytes, plus the cost of `body`.
    public static func scanTopLevelObject(
        _ bytes: some Collection<UInt8>,
        options: JSONReadOptions = .ledger,
        _ body: (_ key: JSONKey, _ value: Range<Int>, _ kind: JSONValueKind) -> Void
    ) throws(JSONError) {
        try withContiguousBytes(bytes) { (raw) throws(JSONError) in try scanTopLevelObject(raw, options: options, body) }
    }

    // MARK: - Shared machinery

    /// Runs the scanner over `bytes` with `sink` and throws its failure, if any.
    private static func scan<Sink: JSONEventSink>(
        _ bytes: UnsafeRawBufferPointer, options: JSONReadOptions, requireTopLevelObject: Bool, sink: Sink
    ) throws(JSONError) -> Sink {
        let (finished, failure) = run(bytes, options: options, requireTopLevelObject: requireTopLevelObject, sink: sink)
        if let failure {
            throw failure.jsonError(in: bytes)
        }
        return finished
    }

    /// Runs the scanner over `bytes` with `sink`, using stack memory for the first 64 open containers and 32 keys,
    /// and gives the sink back whether or not the scan failed (so that its owner can release what it holds).
    private static func run<Sink: JSONEventSink>(
        _ bytes: UnsafeRawBufferPointer, options: JSONReadOptions, requireTopLevelObject: Bool, sink: Sink
    ) -> (Sink, ScanFailure?) {
        guard let start = bytes.baseAddress, bytes.count > 0 else {
            let what = requireTopLevelObject ? "a JSON object at the top level" : "a JSON value"
            return (sink, ScanFailure(offset: 0, message: "expected \(what), found end of input"))
        }
        let base = start.assumingMemoryBound(to: UInt8.self)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { frameBuffer in
            withUnsafeTemporaryAllocation(of: KeyRef.self, capacity: 32) { keyBuffer in
                var scanner = JSONScanner(
                    input: JSONInput(base: base, count: bytes.count),
                    maximumDepth: options.effectiveMaximumDepth,
                    rejectDuplicates: options.duplicateKeys == .reject,
                    requireTopLevelObject: requireTopLevelObject,
                    sink: sink,
                    frames: ScratchStack(initial: frameBuffer),
                    keys: DuplicateKeyTracker(base: base, initial: keyBuffer))
                defer { scanner.release() }
                do throws(ScanFailure) {
                    try scanner.run()
                    return (scanner.sink, nil)
                } catch {
                    return (scanner.sink, error)
                }
            }
        }
    }

    /// The error for an input of zero bytes.
    private static func emptyInput(objectRequired: Bool) -> JSONError {
        let what = objectRequired ? "a JSON object at the top level" : "a JSON value"
        return JSONError(offset: 0, line: 1, column: 1, message: "expected \(what), found end of input")
    }

    /// Calls `body` with the bytes of `bytes` in contiguous memory, copying them first if needed.
    private static func withContiguousBytes<R>(
        _ bytes: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) throws(JSONError) -> R
    ) throws(JSONError) -> R {
        let direct: Result<R, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(JSONError) {
                return .success(try body(UnsafeRawBufferPointer(buffer)))
            } catch {
                return .failure(error)
            }
        }
        if let direct {
            return try direct.get()
        }
        let copy = Array(bytes)
        let copied: Result<R, JSONError> = copy.withUnsafeBytes { raw in
            do throws(JSONError) {
                return .success(try body(raw))
            } catch {
                return .failure(error)
            }
        }
        return try copied.get()
    }

    /// Calls `body` with the UTF-8 bytes of `text`.
    private static func withUTF8<R>(
        _ text: String, _ body: (UnsafeRawBufferPointer) throws(JSONError) -> R
    ) throws(JSONError) -> R {
        var text = text
        let outcome: Result<R, JSONError> = text.withUTF8 { buffer in
            do throws(JSONError) {
                return .success(try body(UnsafeRawBufferPointer(buffer)))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
