/// Making ledger text safe and aligned on a terminal.
enum TerminalText {
    /// The text with control characters (C0, DEL, C1) and bidirectional controls replaced by visible `\u{…}`
    /// escapes, so that text from the ledger can never move the cursor, change colours or reorder a line.
    static func inert(_ text: String) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isUnsafe(scalar) { needsWork = true; break }
        guard needsWork else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Like ``inert(_:)`` but keeps line feeds, for messages of several lines.
    static func inertLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { inert(String($0)) }.joined(separator: "\n")
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// The number of terminal columns the text takes: one per character, two for East Asian wide and emoji
    /// characters, none for combining marks and zero-width characters. `å`, `ä`, `ö` take one column whether they
    /// are stored precomposed or as a letter plus a combining ring or diaeresis.
    static func width(_ text: String) -> Int {
        // Fast path: text of scalars below U+0300 (ASCII, Latin-1 with precomposed å, ä, ö, Latin Extended) has no
        // combining marks and no wide characters: one column per scalar.
        var scalars = 0
        var simple = true
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x300 { simple = false; break }
            scalars += 1
        }
        if simple { return scalars }
        var total = 0
        for character in text {
            total += width(of: character)
        }
        return total
    }

    static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let v = first.value
        if v == 0x200B || v == 0x200C || v == 0x200D || v == 0xFEFF { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
            return 0
        }
        if isWide(v) { return 2 }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// The text padded with spaces to `columns` terminal columns (on the right, or on the left when right-aligned).
    static func pad(_ text: String, to columns: Int, rightAligned: Bool = false) -> String {
        let missing = columns - width(text)
        guard missing > 0 else { return text }
        let spaces = String(repeating: " ", count: missing)
        return rightAligned ? spaces + text : text + spaces
    }
}

/// A table for the terminal: columns sized by display width, headers underlined with dashes.
struct TextTable {
    /// A column: its header and whether numbers in it are right-aligned.
    struct Column {
        var header: String
        var rightAligned = false
    }

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ row: [String]) { rows.append(row.map(TerminalText.inert)) }

    /// The column widths that fit the headers and every row.
    var widths: [Int] {
        var widths = columns.map { TerminalText.width($0.header) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TerminalText.width(cell)) }
        }
        return widths
    }

    /// The rendered table, every line ending in a newline.
    func render() -> String {
        let widths = self.widths
        var out = TextTable.line(columns.map { $0.header }, widths: widths, columns: columns)
        out += TextTable.line(widths.map { String(repeating: "-", count: $0) }, widths: widths, columns: columns)
        for row in rows { out += TextTable.line(row, widths: widths, columns: columns) }
        return out
    }

    /// One row padded to the widths, the last column unpadded, with a newline; trailing spaces trimmed.
    static func line(_ cells: [String], widths: [Int], columns: [Column]) -> String {
        var line = ""
        for (i, cell) in cells.enumerated() where i < columns.count && i < widths.count {
            if i > 0 { line += "  " }
            line += i == cells.count - 1 && !columns[i].rightAligned
                ? cell : TerminalText.pad(cell, to: widths[i], rightAligned: columns[i].rightAligned)
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line + "\n"
    }
}
