// libFuzzer harness for the strict JSON reader (LiggareJSON). Not a SwiftPM target: .ci/fuzz.sh compiles it with
// `swiftc -sanitize=fuzzer,address` against the module sources. Every input is read by `parse`, `validate` and
// `scanTopLevelObject` under three option sets; a crash, a hang, a memory error or a broken invariant below is a
// finding (the harness calls fatalError, libFuzzer saves the input as crash-*).
//
// Invariants (docs/json.md §2, §3, §4, §6):
// 1. parse and validate accept exactly the same inputs and report the same JSONError (offset, line, column, message).
// 2. scanTopLevelObject agrees with validate: the same error when the text starts with '{' or fails the encoding
//    check; otherwise "expected a JSON object at the top level" at the first non-whitespace byte.
// 3. When accepted, the callback sees the parsed object's members in order: same key, same kind, and its value range
//    parses to the same value.
// 4. The canonical writer's output has no line feed and no raw control byte, re-parses to the same value, and is a
//    fixed point (serialize(parse(serialize(v))) == serialize(v)).
// 5. JSONString.decode never traps on arbitrary bytes; JSONNumber(lexeme:) agrees with the reader's number grammar.
import LiggareJSON

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("JSON fuzz invariant broken: " + message()) }
}

private let encodingMessages: Set<String> = ["byte order mark is not allowed",
                                             "input looks like UTF-16; the ledger is UTF-8"]

private func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

private func kindOf(_ value: JSONValue) -> JSONValueKind { value.kind }

private func run(_ bytes: UnsafeRawBufferPointer, options: JSONReadOptions) {
    let parsed: Result<JSONValue, JSONError>
    do { parsed = .success(try JSONReader.parse(bytes, options: options)) } catch { parsed = .failure(error) }
    var validateError: JSONError?
    do { try JSONReader.validate(bytes, options: options) } catch { validateError = error }

    // 1. parse and validate agree.
    switch parsed {
    case .success: check(validateError == nil, "parse accepted, validate rejected: \(validateError!)")
    case .failure(let e): check(validateError == e, "parse rejected with \(e), validate with \(String(describing: validateError))")
    }

    // 2. scanTopLevelObject agrees.
    var members: [(key: String, range: Range<Int>, kind: JSONValueKind)] = []
    var scanError: JSONError?
    do {
        try JSONReader.scanTopLevelObject(bytes, options: options) { key, range, kind in
            check(key.range.lowerBound >= 0 && key.range.upperBound <= bytes.count, "key range out of bounds")
            check(range.lowerBound >= 0 && range.upperBound <= bytes.count && !range.isEmpty, "value range out of bounds")
            members.append((key.decoded, range, kind))
        }
    } catch {
        scanError = error
    }
    var first = 0
    while first < bytes.count && isWhitespace(bytes[first]) { first += 1 }
    let startsWithBrace = first < bytes.count && bytes[first] == 0x7B
    let encodingFailure = validateError.map { $0.offset == 0 && encodingMessages.contains($0.message) } ?? false
    if startsWithBrace || encodingFailure {
        check(scanError == validateError, "scan \(String(describing: scanError)) but validate \(String(describing: validateError))")
    } else {
        let e = scanError
        check(e != nil, "scanTopLevelObject accepted a text that is not an object")
        check(e?.offset == first, "top-level error at \(e!.offset), expected \(first)")
        check(e?.message.hasPrefix("expected a JSON object at the top level, found ") == true, "message: \(e!.message)")
    }

    guard case .success(let value) = parsed else { return }

    // 3. Members seen by scanTopLevelObject match the parsed object.
    if case .object(let object) = value {
        check(members.count == object.count, "scan saw \(members.count) members, parse \(object.count)")
        for (i, member) in members.enumerated() where i < object.count {
            let expected = object.members[i]
            check(member.key.unicodeScalars.elementsEqual(expected.key.unicodeScalars), "member \(i) key differs")
            check(member.kind == expected.value.kind, "member \(i) kind differs")
            let sub = UnsafeRawBufferPointer(rebasing: bytes[member.range])
            let reparsed = try? JSONReader.parse(sub, options: .rfc8259)
            check(reparsed == expected.value, "member \(i) value range does not parse to the member's value")
        }
        for member in object.members.prefix(8) {
            if case .number(let n) = member.value { _ = n.int64Value; _ = n.doubleValue; _ = n.isInteger }
        }
    }
    if case .number(let n) = value { _ = n.int64Value; _ = n.doubleValue; _ = n.isInteger }

    // 4. The canonical writer.
    let written = JSONWriter.serialize(value)
    check(!written.contains(0x0A), "serialized form contains a line feed")
    check(!written.contains(where: { $0 < 0x20 }), "serialized form contains a raw control byte")
    let again: JSONValue
    do {
        again = try JSONReader.parse(written, options: JSONReadOptions(maximumDepth: options.maximumDepth,
                                                                       duplicateKeys: .allow))
    } catch {
        fatalError("JSON fuzz invariant broken: serialized form does not parse: \(error)")
    }
    check(again == value, "serialized form parses to another value")
    check(JSONWriter.serialize(again) == written, "serialize is not a fixed point")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    run(bytes, options: .ledger)
    run(bytes, options: .rfc8259)
    run(bytes, options: JSONReadOptions(maximumDepth: 3, duplicateKeys: .reject))

    // 5. Never trapping on arbitrary bytes.
    _ = JSONString.decode(bytes)
    if let text = String(validating: bytes, as: UTF8.self), let number = JSONNumber(lexeme: text) {
        let parsed = try? JSONReader.parse(bytes, options: .rfc8259)
        check(parsed == .number(number), "JSONNumber(lexeme:) accepted '\(text)' but the reader did not read that number")
    }
    return 0
}
