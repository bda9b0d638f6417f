import LiggareJSON

/// What is wrong with one stored line, judged on its own (without its neighbours).
public enum LineProblem: Error, Equatable, Sendable {
    /// The line is empty.
    case blank
    /// The line is longer than ``LedgerFormat/maximumLineLength``.
    case tooLong(length: Int)
    /// The line is not valid UTF-8 and strict JSON.
    case invalidJSON(JSONError)
    /// The line does not start with `{` and end with `}` (leading or trailing whitespace, CR, BOM, or not an object).
    case notAnObject(detail: String)
    /// A required top-level key is missing.
    case missingField(String)
    /// A top-level key that the format does not have.
    case unexpectedField(String)
    /// The keys are all there but not in the required order.
    case fieldsOutOfOrder(found: [String])
    /// A field has the wrong JSON type or shape.
    case invalidField(field: String, value: String, expected: String)

    /// A sentence saying what is wrong and what was expected.
    public var message: String {
        switch self {
        case .blank:
            return "blank line (every line must hold one event)"
        case .tooLong(let length):
            return "line is \(length) bytes long; the format allows at most \(LedgerFormat.maximumLineLength) bytes"
        case .invalidJSON(let error):
            return "not valid JSON: \(error.message) at column \(error.column)"
        case .notAnObject(let detail):
            return "not a ledger line: \(detail)"
        case .missingField(let name):
            return "missing field \"\(name)\" (every line has \(LedgerFormat.fieldNames.joined(separator: ", ")))"
        case .unexpectedField(let name):
            return "unexpected field \"\(Self.printable(name))\" (the format has only \(LedgerFormat.fieldNames.joined(separator: ", ")))"
        case .fieldsOutOfOrder(let found):
            return "fields out of order: found \(found.joined(separator: ", ")), expected \(LedgerFormat.fieldNames.joined(separator: ", "))"
        case .invalidField(let field, let value, let expected):
            return "field \"\(field)\" is \(value); expected \(expected)"
        }
    }

    /// A short excerpt of raw bytes for messages: at most 80 characters, control characters escaped.
    static func excerpt(_ bytes: UnsafeRawBufferPointer) -> String {
        let limited = bytes.count > 80 ? UnsafeRawBufferPointer(rebasing: bytes[0..<80]) : bytes
        let text = String(decoding: limited, as: UTF8.self)
        return printable(text) + (bytes.count > 80 ? "…" : "")
    }

    /// The text with control characters and bidirectional overrides shown as `\u{…}` escapes.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
