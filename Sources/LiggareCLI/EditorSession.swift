#if canImport(Glibc)
import Glibc
#endif
import LiggareDomain
import LiggareJSON
import LiggareLog

/// Opens the user's editor on a commented template (as `git commit` does), reads the fields back and shows the
/// problems until the event is complete or the user empties the file.
enum EditorSession {
    /// The edited data and effective date, or nil when the user aborted.
    /// - Parameter check: the problems the ledger finds with an edited event (empty when it can be written).
    static func edit(spec: EventSpec, data: JSONObject, effective: CivilDate, context: CommandContext,
                     check: (JSONObject, CivilDate) -> [String]) throws -> (data: JSONObject, effective: CivilDate)? {
        let editor = context.environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? context.environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let directory = context.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/liggare-record-XXXXXX.txt").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemps(base, 4)
        }
        guard fd >= 0 else { throw CLIError(.ioError, "cannot create a temporary file in \(directory)") }
        close(fd)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        var current = data
        var date = effective
        var errors: [String] = []
        for _ in 0..<20 {
            try writeText(render(spec: spec, data: current, effective: date, errors: errors), to: path)
            let status = runEditor(editor, path: path)
            guard status == 0 else { throw CLIError(.failure, "the editor '\(editor)' exited with status \(status); nothing was written") }
            let text = String(decoding: try AppendCommand.readFile(path), as: UTF8.self)
            guard let parsed = parse(text, spec: spec) else { return nil }
            current = parsed.data
            date = parsed.effective ?? date
            errors = parsed.errors
            let missing = spec.fields.filter { field in
                field.required && current[field.name] == nil && !errors.contains { $0.hasPrefix("\(field.name):") }
            }
            errors += missing.map { "\($0.name) is required (\($0.meaning))" }
            if errors.isEmpty { errors = check(current, date) }
            if errors.isEmpty { return (current, date) }
            context.stderr.line("liggare: \(errors.count) problem\(errors.count == 1 ? "" : "s"); reopening the editor")
        }
        throw CLIError(.failure, "too many attempts; nothing was written")
    }

    static func render(spec: EventSpec, data: JSONObject, effective: CivilDate, errors: [String]) -> String {
        var text = "# liggare record: \(spec.type) (\(spec.swedish))\n# \(spec.summary)\n"
        text += "# Fill in the values after the colons; repeat a line for each item of a list. Lines starting with #\n"
        text += "# are ignored. Save and quit to record; delete every line to abort.\n#\n"
        for error in errors { text += "# ERROR: \(error)\n" }
        text += "effective: \(effective)\n"
        for field in spec.fields {
            text += "# \(field.meaning)\(field.required ? " (required)" : ""): \(field.kind.expectation)\n"
            switch data[field.name] {
            case .array(let items)?:
                for item in items { text += "\(field.name): \(item.cellText)\n" }
            case let value?:
                text += "\(field.name): \(value.cellText)\n"
            case nil:
                text += "\(field.name): \n"
            }
        }
        return text
    }

    /// The fields in an edited template; nil when it holds nothing but comments (abort).
    static func parse(_ text: String, spec: EventSpec) -> (data: JSONObject, effective: CivilDate?, errors: [String])? {
        var data = JSONObject()
        var effective: CivilDate?
        var errors: [String] = []
        var anything = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(rawLine)
            if line.hasPrefix("#") || line.trimmingCharacters(in: " \t\r").isEmpty { continue }
            anything = true
            guard let colon = line.firstIndex(of: ":") else { errors.append("'\(line)' is not 'field: value'"); continue }
            let key = line[..<colon].trimmingCharacters(in: " \t")
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t\r")
            if value.isEmpty { continue }
            if key == "effective" {
                effective = CivilDate(value)
                if effective == nil { errors.append("effective: '\(value)' is not a real date YYYY-MM-DD") }
                continue
            }
            guard let field = spec.field(key) else {
                errors.append("\(spec.type) has no field '\(key)'" + ArgumentParser.suggestion(for: key, among: spec.fields.map(\.name)))
                continue
            }
            switch field.kind {
            case .texts:
                var items = data[key]?.arrayValue ?? []
                items.append(.string(value))
                data[key] = .array(items)
            case .boolean:
                data[key] = .bool(["ja", "yes", "true", "1"].contains(value.lowercased()))
            default:
                if let typed = try? RecordCommand.typed(value, field: field, organ: data["organ"]?.stringValue, option: key) {
                    data[key] = typed
                } else {
                    errors.append("\(key): '\(value)' is not \(field.kind.expectation)")
                }
            }
        }
        return anything ? (data, effective, errors) : nil
    }

    static func writeText(_ text: String, to path: String) throws {
        try FileBytes.write(Array(text.utf8), to: path)
    }

    /// Runs `sh -c '$EDITOR "$1"' sh PATH` on the terminal and waits.
    static func runEditor(_ editor: String, path: String) -> Int32 {
        let words: [String] = ["/bin/sh", "-c", editor + " \"$1\"", "sh", path]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
