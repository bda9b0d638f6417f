#if canImport(Glibc)
import Glibc
#endif
import LiggareHash
import LiggareJSON

/// The fields of one stored line, read from its bytes without decoding the payload.
///
/// Ranges are byte offsets into the line the value was parsed from; string ranges exclude the quotes.
public struct LedgerLine: Sendable {
    /// The sequence number: 1, 2, 3 … without gaps.
    public var seq: Int
    /// The event id (UUID version 7, strictly increasing along the ledger).
    public var id: EventID
    /// When the ledger recorded the event (UTC).
    public var recorded: Timestamp
    /// The civil date on which the event took effect.
    public var effective: CivilDate
    /// The raw bytes of the `type` string (never escaped: a valid type is plain ASCII).
    public var typeRange: Range<Int>
    /// The raw (still JSON-escaped) bytes of the `actor` string.
    public var actorRange: Range<Int>
    /// The 64 hex bytes of `prev`.
    public var prevRange: Range<Int>
    /// The bytes of the `data` object, braces included.
    public var dataRange: Range<Int>

    /// Reads the fields of a line (without its newline) and checks each field's shape.
    ///
    /// Checks that the line is strict JSON and valid UTF-8, starts with `{` and ends with `}`, has exactly the
    /// eight keys in the format's order, and that each value has its documented shape. It does not look at
    /// neighbouring lines (seq order, chain, time order).
    /// - Parameter line: the line's bytes, without the newline.
    /// - Returns: the fields.
    /// - Throws: ``LineProblem`` naming the first problem found.
    /// - Complexity: O(n) in the length of the line.
    public static func parse(_ line: UnsafeRawBufferPointer) throws(LineProblem) -> LedgerLine {
        if line.isEmpty { throw .blank }
        if line.count > LedgerFormat.maximumLineLength { throw .tooLong(length: line.count) }
        // A byte order mark is named as such (invalid-line, docs/format.md §4), before the JSON reader rejects it.
        if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            throw .notAnObject(detail: "starts with a byte order mark (the ledger is UTF-8 without BOM)")
        }
        var ranges = FieldRanges()
        do {
            try JSONReader.scanTopLevelObject(line, options: .ledger) { key, value, kind in
                ranges.record(key: key, value: value, kind: kind, in: line)
            }
        } catch {
            throw .invalidJSON(error)
        }
        if line[0] != UInt8(ascii: "{") || line[line.count - 1] != UInt8(ascii: "}") {
            if line[line.count - 1] == UInt8(ascii: "\r") {
                throw .notAnObject(detail: "ends with a carriage return (CR); lines end with LF only")
            }
            throw .notAnObject(detail: "whitespace before '{' or after '}'")
        }
        try ranges.checkKeys()
        return try ranges.makeLine(line)
    }

    /// The `type` as a string.
    public func type(in line: UnsafeRawBufferPointer) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: line[typeRange]), as: UTF8.self)
    }

    /// The `actor`, unescaped.
    public func actor(in line: UnsafeRawBufferPointer) -> String {
        JSONString.decode(UnsafeRawBufferPointer(rebasing: line[actorRange]))
    }

    /// Whether the `type` is `ledger.opened`.
    public func isOpened(in line: UnsafeRawBufferPointer) -> Bool {
        let opened: StaticString = "ledger.opened"
        guard typeRange.count == opened.utf8CodeUnitCount, let base = line.baseAddress else { return false }
        return memcmp(base + typeRange.lowerBound, opened.utf8Start, typeRange.count) == 0
    }
}

/// Collects the positions of the eight top-level members while the JSON scanner runs.
private struct FieldRanges {
    var values = InlineArray<8, Range<Int>?>(repeating: nil)
    var kinds = InlineArray<8, JSONValueKind>(repeating: .null)
    /// The field indexes in the order met, four bits each (at most 16 recorded).
    var order: UInt64 = 0
    var count = 0
    var unexpected: String?

    mutating func record(key: JSONKey, value: Range<Int>, kind: JSONValueKind, in line: UnsafeRawBufferPointer) {
        let index = FieldRanges.index(of: UnsafeRawBufferPointer(rebasing: line[key.range]))
        guard let index else {
            if unexpected == nil { unexpected = key.decoded }
            return
        }
        values[index] = value
        kinds[index] = kind
        if count < 16 { order |= UInt64(index) << UInt64(4 * count) }
        count += 1
    }

    /// The field index of a raw key, matching exact bytes (keys are written without escapes).
    static func index(of key: UnsafeRawBufferPointer) -> Int? {
        guard let base = key.baseAddress else { return nil }
        func equals(_ word: StaticString) -> Bool {
            word.utf8CodeUnitCount == key.count && memcmp(word.utf8Start, base, key.count) == 0
        }
        switch key.count {
        case 2 where equals("id"): return 1
        case 3 where equals("seq"): return 0
        case 4 where equals("type"): return 2
        case 4 where equals("prev"): return 6
        case 4 where equals("data"): return 7
        case 5 where equals("actor"): return 5
        case 8 where equals("recorded"): return 3
        case 9 where equals("effective"): return 4
        default: return nil
        }
    }

    func checkKeys() throws(LineProblem) {
        if let unexpected { throw .unexpectedField(unexpected) }
        for i in 0..<8 where values[i] == nil { throw .missingField(LedgerFormat.fieldNames[i]) }
        // 0x76543210: indexes 0 … 7 in order, one nibble each.
        if count != 8 || order != 0x7654_3210 {
            let found = (0..<min(count, 16)).map { LedgerFormat.fieldNames[Int((order >> UInt64(4 * $0)) & 0xF)] }
            throw .fieldsOutOfOrder(found: found)
        }
    }

    /// The raw value for messages.
    func show(_ i: Int, _ line: UnsafeRawBufferPointer) -> String {
        guard let r = values[i] else { return "missing" }
        return LineProblem.excerpt(UnsafeRawBufferPointer(rebasing: line[r]))
    }

    /// The inside of a string value (without quotes), or a thrown problem if the value is not a string.
    func string(_ i: Int, _ line: UnsafeRawBufferPointer, expected: String) throws(LineProblem) -> Range<Int> {
        guard let r = values[i], kinds[i] == .string else {
            throw .invalidField(field: LedgerFormat.fieldNames[i], value: show(i, line), expected: expected)
        }
        return (r.lowerBound + 1)..<(r.upperBound - 1)
    }

    func makeLine(_ line: UnsafeRawBufferPointer) throws(LineProblem) -> LedgerLine {
        func bytes(_ r: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: line[r]) }
        func bad(_ i: Int, _ expected: String) -> LineProblem {
            .invalidField(field: LedgerFormat.fieldNames[i], value: show(i, line), expected: expected)
        }
        // seq: a positive integer without sign, fraction or exponent.
        let seqExpected = "a positive whole number (1, 2, 3 …)"
        guard let seqRange = values[0], kinds[0] == .number, seqRange.count <= 18 else { throw bad(0, seqExpected) }
        var seq = 0
        for b in bytes(seqRange) {
            guard b >= 0x30, b <= 0x39 else { throw bad(0, seqExpected) }
            seq = seq * 10 + Int(b - 0x30)
        }
        guard seq >= 1 else { throw bad(0, seqExpected) }

        let idExpected = "a UUID version 7 in lowercase canonical form"
        let idRange = try string(1, line, expected: idExpected)
        guard let id = EventID(ascii: bytes(idRange)), id.isVersion7 else { throw bad(1, idExpected) }

        let typeExpected = "an event type such as \"decision.recorded\" (lowercase words separated by dots)"
        let typeRange = try string(2, line, expected: typeExpected)
        guard LedgerFormat.isValidType(bytes(typeRange)) else { throw bad(2, typeExpected) }

        let recordedExpected = "a UTC time YYYY-MM-DDTHH:MM:SS.mmmZ"
        let recordedRange = try string(3, line, expected: recordedExpected)
        guard let recorded = Timestamp(ascii: bytes(recordedRange)) else { throw bad(3, recordedExpected) }

        let effectiveExpected = "a real date YYYY-MM-DD"
        let effectiveRange = try string(4, line, expected: effectiveExpected)
        guard let effective = CivilDate(ascii: bytes(effectiveRange)) else { throw bad(4, effectiveExpected) }

        let actorRange = try string(5, line, expected: "a non-empty string")
        guard !actorRange.isEmpty else { throw bad(5, "a non-empty string") }

        let prevExpected = "64 lowercase hex digits"
        let prevRange = try string(6, line, expected: prevExpected)
        guard prevRange.count == 64, bytes(prevRange).allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { throw bad(6, prevExpected) }

        guard let dataRange = values[7], kinds[7] == .object else { throw bad(7, "a JSON object") }
        return LedgerLine(seq: seq, id: id, recorded: recorded, effective: effective, typeRange: typeRange,
                          actorRange: actorRange, prevRange: prevRange, dataRange: dataRange)
    }
}
