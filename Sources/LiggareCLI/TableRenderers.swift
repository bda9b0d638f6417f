import LiggareDomain
import LiggareJSON

/// A cell for CSV and Markdown: its text, and whether it holds a number (for a decimal comma and right alignment).
struct Cell {
    var text: String
    var isNumber: Bool

    init(_ value: JSONValue?) {
        text = value?.cellText ?? ""
        if case .number? = value { isNumber = true } else { isNumber = false }
    }

    init(text: String, isNumber: Bool = false) {
        self.text = text
        self.isNumber = isNumber
    }
}

/// CSV made for Excel in a Swedish locale: UTF-8 with a byte order mark, `;` between fields, CRLF after each
/// record, RFC 4180 quoting, a decimal comma in numbers, and cells that Excel would run as a formula neutralised.
enum CSVRenderer {
    /// The document: BOM, header record, one record per row.
    static func render(headers: [String], rows: [[Cell]]) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out += record(headers.map { Cell(text: $0) })
        for row in rows { out += record(row) }
        return out
    }

    /// One record with its CRLF.
    static func record(_ cells: [Cell]) -> [UInt8] {
        Array((cells.map(field).joined(separator: ";") + "\r\n").utf8)
    }

    /// One field, quoted when needed.
    static func field(_ cell: Cell) -> String {
        var text = cell.text
        if cell.isNumber {
            text = String(text.map { $0 == "." ? "," : $0 })
        } else if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            // CSV injection (OWASP): a leading apostrophe makes Excel show the cell as text, never as a formula.
            text = "'" + text
        }
        if text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r") {
            return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        }
        return text
    }
}

/// Markdown (GitHub-flavoured tables) to paste into minutes. Text from the ledger is inert: HTML is escaped,
/// Markdown punctuation is backslash-escaped, line breaks become spaces, control characters are shown as escapes.
enum MarkdownRenderer {
    static func table(headers: [String], rightAligned: [Bool], rows: [[Cell]]) -> String {
        var out = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + rightAligned.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += self.row(row) }
        return out
    }

    /// One table row with its line feed.
    static func row(_ cells: [Cell]) -> String {
        "| " + cells.map { escape($0.text) }.joined(separator: " | ") + " |\n"
    }

    /// Text safe in a Markdown table cell or paragraph.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in TerminalText.inert(text.replacingAll("\r\n", with: " ").replacingAll("\n", with: " ")) {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|", "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    /// The first range of `target`, by characters.
    func range(of target: String) -> Range<Substring.Index>? {
        guard let first = target.first else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index] == first, self[index...].hasPrefix(target) {
                return index..<self.index(index, offsetBy: target.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
