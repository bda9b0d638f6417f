/// Describes what the input holds at an offset, for the "found ..." part of error messages.
enum InputDescription {
    /// A short description of the input at `offset`: "end of input", a quoted ASCII character such as "']'", a
    /// control character such as "control character U+000C", a non-ASCII character such as "'é' (U+00E9)" or
    /// "U+00A0", or "invalid UTF-8 byte 0xff".
    ///
    /// - Complexity: O(1).
    static func describe(_ base: UnsafePointer<UInt8>, _ count: Int, _ offset: Int) -> String {
        guard offset < count else { return "end of input" }
        let byte = base[offset]
        if byte >= 0x20 && byte < 0x7F {
            return "'" + String(Unicode.Scalar(byte)) + "'"
        }
        if byte < 0x80 {
            return "control character " + Hex.codePoint(UInt32(byte))
        }
        guard let scalar = UTF8Validation.scalar(base, count, offset) else {
            return "invalid UTF-8 byte " + Hex.byte(byte)
        }
        let code = Hex.codePoint(scalar.value)
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark,
             .enclosingMark, .spacingMark, .privateUse, .unassigned, .surrogate:
            return code
        default:
            return "'" + String(scalar) + "' (" + code + ")"
        }
    }
}
