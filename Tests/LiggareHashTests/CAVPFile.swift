import Foundation

/// A parsed NIST CAVP `.rsp` response file (`key = value` lines; `#` comments; `[L = 32]` headers).
struct CAVPFile {
    /// One ShortMsg/LongMsg vector.
    struct Vector {
        /// The message length in bits, from `Len`.
        let bits: Int
        /// The message bytes (empty when `Len = 0`, whose `Msg` is the placeholder `00`).
        let message: [UInt8]
        /// The expected digest in hexadecimal, from `MD`.
        let digest: String
    }

    /// A fixture file that does not have the expected structure.
    enum FormatError: Error {
        /// The record at this index (of ``records``) is not where the format expects it.
        case malformed(record: Int)
    }

    /// The `key = value` records in file order.
    let records: [(key: String, value: String)]

    /// Reads `name` from the SHA-256 fixtures directory.
    init(named name: String) throws {
        let text = try String(contentsOf: TestSupport.fixtures.appendingPathComponent(name), encoding: .utf8)
        var records: [(key: String, value: String)] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else {
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            records.append((key, value))
        }
        self.records = records
    }

    /// The `Len` / `Msg` / `MD` triples of a ShortMsg or LongMsg file.
    func messageVectors() throws -> [Vector] {
        var vectors: [Vector] = []
        var index = 0
        while index < records.count {
            guard records[index].key == "Len" else {
                index += 1
                continue
            }
            guard index + 2 < records.count, records[index + 1].key == "Msg", records[index + 2].key == "MD",
                  let bits = Int(records[index].value), bits % 8 == 0
            else { throw FormatError.malformed(record: index) }
            let message = Array(TestSupport.bytes(hex: records[index + 1].value).prefix(bits / 8))
            guard message.count == bits / 8 else { throw FormatError.malformed(record: index) }
            vectors.append(Vector(bits: bits, message: message, digest: records[index + 2].value))
            index += 3
        }
        return vectors
    }

    /// The seed and the `COUNT`-ordered checkpoint digests of the Monte Carlo file.
    func monteCarlo() throws -> (seed: [UInt8], checkpoints: [String]) {
        guard let seed = records.first(where: { $0.key == "Seed" })?.value else { throw FormatError.malformed(record: 0) }
        var checkpoints: [String] = []
        for (offset, record) in records.enumerated() where record.key == "COUNT" {
            guard Int(record.value) == checkpoints.count, offset + 1 < records.count, records[offset + 1].key == "MD"
            else { throw FormatError.malformed(record: offset) }
            checkpoints.append(records[offset + 1].value)
        }
        return (TestSupport.bytes(hex: seed), checkpoints)
    }
}
