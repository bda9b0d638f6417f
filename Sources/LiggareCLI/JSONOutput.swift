import LiggareJSON

/// Small builders for the JSON documents commands print (see docs/cli.md for each shape).
enum JSONOutput {
    static func string(_ s: String) -> JSONValue { .string(s) }
    static func int(_ n: Int) -> JSONValue { .number(JSONNumber(Int64(n))) }
    static func bool(_ b: Bool) -> JSONValue { .bool(b) }
    static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    static func optional(_ n: Int?) -> JSONValue { n.map { int($0) } ?? .null }
    static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members.map { (key: $0.0, value: $0.1) })) }

    /// The value as one line of compact JSON with a newline.
    static func line(_ value: JSONValue) -> [UInt8] {
        var out = JSONWriter.serialize(value)
        out.append(0x0A)
        return out
    }
}
