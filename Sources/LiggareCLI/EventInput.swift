import LiggareJSON
import LiggareLog

/// Reads events in the documented input shape (docs/format.md, "Input events"): JSON Lines, or one JSON array,
/// of objects `{"type": …, "effective": "YYYY-MM-DD", "data": {…}, "actor": …}` (`actor` optional).
enum EventInput {
    /// The keys an input event may have.
    static let keys = ["type", "effective", "actor", "data"]

    /// Parses input bytes into drafts, collecting every problem.
    /// - Parameters:
    ///   - bytes: the input.
    ///   - name: the input's name for messages (a file name or `stdin`).
    ///   - actor: the actor for events that name none.
    /// - Returns: the drafts, or every problem found (each naming `name:line`).
    static func parse(_ bytes: [UInt8], name: String, actor: String) -> Result<[EventDraft], LedgerError> {
        var problems: [EventProblem] = []
        var drafts: [EventDraft] = []
        let firstSignificant = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        if firstSignificant == UInt8(ascii: "[") {
            do {
                let value = try JSONReader.parse(bytes, options: .ledger)
                guard case .array(let items) = value else { return .failure(.invalidEvents([])) }
                let lines = arrayItemLines(bytes)
                for (index, item) in items.enumerated() {
                    let line = index < lines.count ? lines[index] : 1
                    let location = "\(name):\(line) (item \(index + 1))"
                    if let draft = draft(from: item, location: location, actor: actor, problems: &problems) {
                        drafts.append(draft)
                    }
                }
            } catch {
                problems.append(EventProblem(location: "\(name):\(error.line)", detail: "not valid JSON: \(error.message) at column \(error.column)"))
            }
        } else {
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                lineNumber += 1
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                var lineEnd = end
                if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let slice = bytes[start..<lineEnd]
                start = end + 1
                if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                let location = "\(name):\(lineNumber)"
                do {
                    let value = try JSONReader.parse(Array(slice), options: .ledger)
                    if let draft = draft(from: value, location: location, actor: actor, problems: &problems) {
                        drafts.append(draft)
                    }
                } catch {
                    problems.append(EventProblem(location: location,
                                                 detail: "not valid JSON: \(error.message) at column \(error.column)"))
                }
            }
        }
        if problems.isEmpty && drafts.isEmpty {
            problems.append(EventProblem(location: name, detail: "no events in the input"))
        }
        return problems.isEmpty ? .success(drafts) : .failure(.invalidEvents(problems))
    }

    /// One draft from one input object, or `nil` with its problems appended.
    static func draft(from value: JSONValue, location: String, actor: String,
                      problems: inout [EventProblem]) -> EventDraft? {
        guard case .object(let object) = value else {
            problems.append(EventProblem(location: location, detail: "an input event must be a JSON object"))
            return nil
        }
        var found: [EventProblem] = []
        for key in object.keys where !keys.contains(key) {
            found.append(EventProblem(location: location, field: key,
                                      detail: "unknown key; an input event has " + keys.joined(separator: ", ")
                                        + ArgumentParser.suggestion(for: key, among: keys)))
        }
        let type = object["type"]?.stringValue
        if type == nil { found.append(EventProblem(location: location, field: "type", detail: "missing (a string such as \"decision.recorded\")")) }
        let effectiveText = object["effective"]?.stringValue
        var effective: CivilDate?
        if let effectiveText {
            effective = CivilDate(effectiveText)
            if effective == nil {
                found.append(EventProblem(location: location, field: "effective",
                                          detail: "\"\(effectiveText)\" is not a real date; expected YYYY-MM-DD"))
            }
        } else {
            found.append(EventProblem(location: location, field: "effective", detail: "missing (a date YYYY-MM-DD)"))
        }
        var eventActor = actor
        if let given = object["actor"] {
            if let text = given.stringValue { eventActor = text } else {
                found.append(EventProblem(location: location, field: "actor", detail: "must be a string"))
            }
        }
        let data = object["data"]
        if data == nil { found.append(EventProblem(location: location, field: "data", detail: "missing (a JSON object)")) }
        guard found.isEmpty, let type, let effective, let data else {
            problems += found
            return nil
        }
        let draft = EventDraft(type: type, effective: effective, actor: eventActor, data: data, source: location)
        let own = draft.problems()
        if !own.isEmpty { problems += own; return nil }
        return draft
    }

    /// The 1-based line on which each top-level array item starts (for messages).
    static func arrayItemLines(_ bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var expectingItem = false
        for b in bytes {
            if b == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            let isSpace = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
            if expectingItem && !isSpace && depth == 1 && b != UInt8(ascii: "]") {
                lines.append(line)
                expectingItem = false
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expectingItem = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","): if depth == 1 { expectingItem = true }
            default: break
            }
        }
        return lines
    }
}
