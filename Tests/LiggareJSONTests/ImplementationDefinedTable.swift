/// What Liggare's reader does with each implementation-defined (`i_`) file of JSONTestSuite, and why.
///
/// The same table is in `docs/json.md`; a test checks that it covers every `i_` file and matches the reader.
enum ImplementationDefinedTable {
    /// The expected outcome of reading one file.
    enum Outcome: Sendable, Equatable {
        /// The file is a valid JSON text for Liggare.
        case accept
        /// The file is rejected with a message containing this text.
        case reject(String)
    }

    /// File name -> expected outcome (with both `.ledger` and `.rfc8259` options).
    static let outcomes: [String: Outcome] = [
        // Numbers are kept as their exact lexeme, so magnitude never matters.
        "i_number_double_huge_neg_exp.json": .accept,
        "i_number_huge_exp.json": .accept,
        "i_number_neg_int_huge_exp.json": .accept,
        "i_number_pos_double_huge_exp.json": .accept,
        "i_number_real_neg_overflow.json": .accept,
        "i_number_real_pos_overflow.json": .accept,
        "i_number_real_underflow.json": .accept,
        "i_number_too_big_neg_int.json": .accept,
        "i_number_too_big_pos_int.json": .accept,
        "i_number_very_big_negative_int.json": .accept,
        // Surrogate escapes must form a high-low pair, so that every string is valid Unicode.
        "i_object_key_lone_2nd_surrogate.json": .reject("lone surrogate \\udfaa in a string escape"),
        "i_string_1st_surrogate_but_2nd_missing.json": .reject("lone surrogate \\udada in a string escape"),
        "i_string_1st_valid_surrogate_2nd_invalid.json": .reject("lone surrogate \\ud888 in a string escape"),
        "i_string_incomplete_surrogate_and_escape_valid.json": .reject("lone surrogate \\ud800 in a string escape"),
        "i_string_incomplete_surrogate_pair.json": .reject("lone surrogate \\udd1e in a string escape"),
        "i_string_incomplete_surrogates_escape_valid.json": .reject("lone surrogate \\ud800 in a string escape"),
        "i_string_invalid_lonely_surrogate.json": .reject("lone surrogate \\ud800 in a string escape"),
        "i_string_invalid_surrogate.json": .reject("lone surrogate \\ud800 in a string escape"),
        "i_string_inverted_surrogates_U+1D11E.json": .reject("lone surrogate \\udd1e in a string escape"),
        "i_string_lone_second_surrogate.json": .reject("lone surrogate \\udfaa in a string escape"),
        // The input must be strictly valid UTF-8 (RFC 3629).
        "i_string_UTF-8_invalid_sequence.json": .reject("invalid UTF-8 byte 0xfa in a string"),
        "i_string_UTF8_surrogate_U+D800.json": .reject("invalid UTF-8 in a string: encoded surrogate"),
        "i_string_invalid_utf-8.json": .reject("invalid UTF-8 byte 0xff in a string"),
        "i_string_iso_latin_1.json": .reject("invalid UTF-8 in a string: truncated sequence starting with byte 0xe9"),
        "i_string_lone_utf8_continuation_byte.json": .reject("invalid UTF-8 byte 0x81 in a string"),
        "i_string_not_in_unicode_range.json": .reject("invalid UTF-8 in a string: code point above U+10FFFF"),
        "i_string_overlong_sequence_2_bytes.json": .reject("invalid UTF-8 byte 0xc0 in a string"),
        "i_string_overlong_sequence_6_bytes.json": .reject("invalid UTF-8 byte 0xfc in a string"),
        "i_string_overlong_sequence_6_bytes_null.json": .reject("invalid UTF-8 byte 0xfc in a string"),
        "i_string_truncated-utf-8.json": .reject("invalid UTF-8 in a string: truncated sequence starting with byte 0xe0"),
        // The ledger is UTF-8 only, without a byte order mark.
        "i_string_UTF-16LE_with_BOM.json": .reject("input looks like UTF-16; the ledger is UTF-8"),
        "i_string_utf16BE_no_BOM.json": .reject("input looks like UTF-16; the ledger is UTF-8"),
        "i_string_utf16LE_no_BOM.json": .reject("input looks like UTF-16; the ledger is UTF-8"),
        "i_structure_UTF-8_BOM_empty_object.json": .reject("byte order mark is not allowed"),
        // 500 levels is within the default limit of 512.
        "i_structure_500_nested_arrays.json": .accept,
    ]
}
