/// Constants of the stored ledger format, version 1 (see docs/format.md).
public enum LedgerFormat {
    /// The format version written into `ledger.opened` as `formatVersion`.
    public static let version = 1

    /// The top-level keys of every line, in the one order the writer emits and the verifier requires.
    public static let fieldNames: [String] = ["seq", "id", "type", "recorded", "effective", "actor", "prev", "data"]

    /// The type of line 1, and of no other line.
    public static let openedType = "ledger.opened"

    /// The longest line (without its newline) the writer produces and the verifier accepts, in bytes: 1 MiB.
    public static let maximumLineLength = 1 << 20

    /// The `prev` of line 1: 64 zeros.
    public static let zeroHashHex = String(repeating: "0", count: 64)

    /// The longest `type`, in bytes.
    public static let maximumTypeLength = 64

    /// Whether `bytes` is a valid event type: two or more dot-separated words of lowercase ASCII letters, digits and
    /// `_`, each word starting with a letter, at most 64 bytes (for example `decision.recorded`).
    public static func isValidType(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maximumTypeLength else { return false }
        var words = 1
        var atWordStart = true
        for b in bytes {
            if b == UInt8(ascii: ".") {
                if atWordStart { return false }
                words += 1
                atWordStart = true
                continue
            }
            let isLetter = b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")
            let isDigit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
            if atWordStart {
                guard isLetter else { return false }
                atWordStart = false
            } else {
                guard isLetter || isDigit || b == UInt8(ascii: "_") else { return false }
            }
        }
        return !atWordStart && words >= 2
    }

    /// Whether `text` is a valid event type (see ``isValidType(_:)-(UnsafeRawBufferPointer)``).
    public static func isValidType(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { isValidType(UnsafeRawBufferPointer($0)) }
    }
}
