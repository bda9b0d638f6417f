import LiggareJSON

/// The answer to a query: rows of named values, with the columns a table shows. Renderers turn it into text or
/// JSON; the domain never prints.
public struct QueryTable: Sendable {
    /// A column shown in text output.
    public struct Column: Sendable {
        /// The row key it shows.
        public let key: String
        /// The header.
        public let header: String
        /// Whether to right-align it (numbers).
        public let rightAligned: Bool

        /// Creates a column.
        public init(_ key: String, _ header: String, rightAligned: Bool = false) {
            self.key = key
            self.header = header
            self.rightAligned = rightAligned
        }
    }

    /// The query's name, for example `assignments`.
    public var name: String
    /// The columns of the text table.
    public var columns: [Column]
    /// The rows; JSON output shows every member, text output the columns.
    public var rows: [JSONObject]

    /// Creates a table.
    public init(name: String, columns: [Column], rows: [JSONObject]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}

extension JSONValue {
    /// A value shown in a text cell: strings as they are, arrays joined with "; ", null as empty.
    public var cellText: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "ja" : "nej"
        case .number(let n): return n.lexeme
        case .string(let s): return s
        case .array(let items): return items.map(\.cellText).joined(separator: "; ")
        case .object: return String(decoding: JSONWriter.serialize(self), as: UTF8.self)
        }
    }
}
