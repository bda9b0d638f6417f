#if canImport(Glibc)
import Glibc
#endif
import LiggareDomain
import LiggareJSON
import LiggareLog

/// `liggare record KIND …`: record one governance event with options named after its fields.
enum RecordCommand {
    static let common: [OptionSpec] = [
        OptionSpec("effective", value: "DATE", help: "the effective (legal) date, YYYY-MM-DD (default: the meeting's date for a decision, else today)"),
        OptionSpec("file", value: "F", help: "read the whole event as JSON ({\"type\", \"effective\", \"data\"}) from F; - is stdin"),
        OptionSpec("dry-run", help: "check and show the event that would be written; write nothing"),
        OptionSpec("expect-seq", value: "N", help: "refuse unless the ledger's last seq is N"),
        CommonOptions.actor, CommonOptions.ledger, CommonOptions.format([.text, .json]),
    ]

    static let command = Command(
        name: "record", summary: "record one event: a meeting, decision, assignment, control result …",
        usage: "liggare record KIND [--FIELD VALUE]... [--effective DATE] [--dry-run] [--file F]",
        discussion: overview, options: common, examples: [
            "liggare record decision --organ IN --meeting 2025-06-10 --paragraph 45 --case \"IN 2025/17\" --title \"Inköpspolicy\" --point \"…\" --point \"…\"",
            "liggare record report-back --assignment U-2025-01 --meeting RSV-2025-09-23 --effective 2025-09-23",
        ], parsesOwnArguments: true
    ) { raw, context in
        try run(raw.positionals, context)
    }

    static var overview: String {
        var text = """
        Records one governance event, checked against the ledger as it stands; nothing is written if anything is
        wrong, and every problem is reported. Options are named after the event's fields (docs/events.md):
        --sent-to for sentTo, repeated for lists (--point A --point B), flags for yes/no (--delegated). A meeting
        can be named by its date when --organ is given (--meeting 2025-06-10). With required fields missing, on a
        terminal the editor ($VISUAL, $EDITOR, else vi) opens on a template, as git commit does; otherwise the
        missing fields are listed. After writing: the seq, the key of what was recorded and the new head.
        'liggare record KIND --help' lists the fields of a kind.

        KINDS:

        """
        let width = RecordKinds.all.map(\.kind.count).max() ?? 10
        for (kind, type) in RecordKinds.all {
            let spec = EventCatalogue.spec(type)
            text += "  " + TerminalText.pad(kind, to: width) + "  " + type + " (" + (spec?.swedish ?? "") + ")\n"
        }
        return text
    }

    static func run(_ raw: [String], _ context: CommandContext) throws -> ExitCode {
        guard let kind = raw.first, !kind.hasPrefix("-") else {
            if raw.first == "--help" || raw.first == "-h" {
                context.stdout.write(command.help)
                return .ok
            }
            throw UsageError(message: "record needs a KIND, for example 'liggare record decision'; see 'liggare record --help'",
                             command: "record")
        }
        guard let type = RecordKinds.type(of: kind), let spec = EventCatalogue.spec(type) else {
            let hint = ArgumentParser.suggestion(for: kind, among: RecordKinds.all.map(\.kind))
            throw UsageError(message: "unknown kind '\(kind)'\(hint)", command: "record")
        }
        let options = RecordKinds.fieldOptions(spec) + common
        let args = try ArgumentParser.parse(Array(raw.dropFirst()), command: "record \(kind)", options: options, maximumPositionals: 0)
        if args.wantsHelp {
            context.stdout.write(help(kind: kind, spec: spec, options: options))
            return .ok
        }
        let format = try OutputFormat.from(args, allowed: [.text, .json], command: "record")
        let actor = try context.actor(args)
        var draft: EventDraft
        if let file = args.value("file") {
            let bytes = file == "-" ? context.stdin.readAll() : try AppendCommand.readFile(context.resolve(file))
            let drafts: [EventDraft]
            switch EventInput.parse(bytes, name: file == "-" ? "stdin" : file, actor: actor) {
            case .success(let parsed): drafts = parsed
            case .failure(let error): throw error
            }
            guard drafts.count == 1, let only = drafts.first else {
                throw CLIError(.failure, "record takes one event; use 'liggare import' for several")
            }
            guard only.type == type else {
                throw CLIError(.failure, "the event in \(file) is a \(only.type), not a \(type) ('record \(kind)')")
            }
            draft = only
        } else {
            var data = try dataFromOptions(args, spec: spec)
            var effective = try effectiveDate(args, data: data, spec: spec, context)
            let missing = spec.fields.filter { $0.required && data[$0.name] == nil }
            if !missing.isEmpty {
                if context.stdin.isTerminal, context.stderr.isTerminal || context.environment["LIGGARE_FORCE_EDITOR"] == "1" {
                    let path = try LedgerLocator.locate(args, context)
                    func check(_ data: JSONObject, _ date: CivilDate) -> [String] {
                        let draft = EventDraft(type: type, effective: date, actor: actor, data: .object(data), source: "record \(kind)")
                        do throws(LedgerError) {
                            _ = try AppendCommand.checkAgainstLedger([draft], path: path, snapshots: SnapshotPolicy(context.environment) != .off)
                            return []
                        } catch {
                            if case .invalidEvents(let problems) = error {
                                return problems.map { problem in (problem.field.map { "\($0): " } ?? "") + problem.detail }
                            }
                            return [error.message]
                        }
                    }
                    guard let edited = try EditorSession.edit(spec: spec, data: data, effective: effective, context: context,
                                                              check: check) else {
                        context.stderr.line("liggare: aborted; nothing was written")
                        return .failure
                    }
                    data = edited.data
                    effective = edited.effective
                } else {
                    let list = missing.map { "--\(RecordKinds.optionName($0.name)) (\($0.meaning))" }
                    throw UsageError(message: "missing required option\(missing.count == 1 ? "" : "s") for 'record \(kind)': "
                                        + list.joined(separator: ", "), command: "record \(kind)")
                }
            }
            draft = EventDraft(type: type, effective: effective, actor: actor, data: .object(data), source: "record \(kind)")
        }
        return try write([draft], args: args, format: format, command: "record", context)
    }

    /// The data object built from the field options.
    static func dataFromOptions(_ args: Arguments, spec: EventSpec) throws -> JSONObject {
        var data = JSONObject()
        for field in spec.fields {
            let option = RecordKinds.optionName(field.name)
            switch field.kind {
            case .boolean:
                if args.has(option) { data[field.name] = .bool(true) }
            case .texts:
                let values = args.all(option)
                if !values.isEmpty { data[field.name] = .array(values.map { .string($0) }) }
            case .object:
                let sets = args.all("set")
                if sets.isEmpty { continue }
                var fields = JSONObject()
                for pair in sets {
                    guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                        throw UsageError(message: "--set needs FIELD=VALUE, not '\(pair)'", command: "record")
                    }
                    let name = String(pair[..<eq])
                    let value = String(pair[pair.index(after: eq)...])
                    fields[name] = (try? JSONReader.parse(value, options: .ledger)) ?? .string(value)
                }
                data[field.name] = .object(fields)
            default:
                guard let value = args.value(option) else { continue }
                data[field.name] = try typed(value, field: field, organ: args.value("organ"), option: option)
            }
        }
        return data
    }

    /// A text value as the JSON the field wants.
    static func typed(_ value: String, field: FieldSpec, organ: String?, option: String) throws -> JSONValue {
        switch field.kind {
        case .integer:
            guard let n = Int(value) else { throw UsageError(message: "--\(option) needs a whole number, not '\(value)'", command: "record") }
            return .number(JSONNumber(n))
        case .number:
            let normalized = value.replacingComma
            guard let number = JSONNumber(lexeme: normalized) else {
                throw UsageError(message: "--\(option) needs a number, not '\(value)'", command: "record")
            }
            return .number(number)
        case .reference(.meeting):
            // A meeting may be named by its date when the organ is known.
            if let organ, CivilDate(value) != nil { return .string("\(organ)-\(value)") }
            return .string(value)
        default:
            return .string(value)
        }
    }

    /// --effective, else the date of the meeting the event names, else the date of the decision it names, else today
    /// in Sweden.
    static func effectiveDate(_ args: Arguments, data: JSONObject, spec: EventSpec, _ context: CommandContext) throws -> CivilDate {
        if let raw = args.value("effective") {
            guard let date = CivilDate(raw) else {
                throw UsageError(message: "--effective '\(raw)' is not a real date YYYY-MM-DD", command: "record")
            }
            return date
        }
        let meeting = data["meeting"]?.stringValue
        let decision = data["decision"]?.stringValue
        if meeting != nil || decision != nil, let path = try? LedgerLocator.locate(args, context) {
            // The snapshot's key index when there is one, else the whole ledger.
            if SnapshotPolicy(context.environment) != .off, let history = DomainLoader.snapshotHistory(path),
               let state = try? history.currentState(concerning: [meeting, decision].compactMap { $0 }),
               let date = state.meeting(meeting)?.date ?? state.decision(decision)?.date {
                return date
            }
            if let ledger = try? DomainLoader.load(path) {
                let state = ledger.currentState
                if let date = state.meeting(meeting)?.date ?? state.decision(decision)?.date { return date }
            }
        }
        return SwedishTime.date(at: context.clock.now())
    }

    static func help(kind: String, spec: EventSpec, options: [OptionSpec]) -> String {
        let required = spec.fields.filter(\.required).map { "--" + RecordKinds.optionName($0.name) + " …" }.joined(separator: " ")
        let fake = Command(name: "record \(kind)", summary: spec.summary,
                           usage: "liggare record \(kind) \(required) [options]",
                           discussion: "Records \(spec.type) (\(spec.swedish)): \(spec.summary)"
                            + (spec.rules.isEmpty ? "" : "\nRules: " + spec.rules.joined(separator: "; ") + "."),
                           options: options) { _, _ in .ok }
        return fake.help
    }

    /// Checks and writes (or, with --dry-run, only checks and shows) drafts; prints seq, key and head.
    static func write(_ drafts: [EventDraft], args: Arguments, format: OutputFormat, command: String,
                      _ context: CommandContext) throws -> ExitCode {
        var expectedSeq: Int?
        if let raw = args.value("expect-seq") {
            guard let n = Int(raw), n >= 1 else {
                throw UsageError(message: "--expect-seq needs a seq (a whole number ≥ 1), not '\(raw)'", command: command)
            }
            expectedSeq = n
        }
        let path = try LedgerLocator.locate(args, context)
        if args.has("dry-run") {
            let head = try LedgerFile.readHead(path: path)
            if let expectedSeq, expectedSeq != head.seq {
                throw LedgerError.unexpectedHead(path: path, expected: expectedSeq, actual: head.seq)
            }
            let completed = try AppendCommand.checkAgainstLedger(drafts, path: path, snapshots: SnapshotPolicy(context.environment) != .off)
            for draft in completed {
                let event = JSONOutput.object([("type", .string(draft.type)), ("effective", .string(draft.effective.description)),
                                               ("actor", .string(draft.actor)), ("data", draft.data)])
                context.stdout.write(JSONOutput.line(event))
            }
            context.stderr.line("dry run: \(completed.count) event\(completed.count == 1 ? "" : "s") checked against seq \(head.seq); nothing was written")
            return .ok
        }
        var random = SystemRandomNumberGenerator()
        let result = try LedgerFile.append(path: path, events: drafts, expectedSeq: expectedSeq, clock: context.clock,
                                           random: &random, complete: { _, proposed throws(LedgerError) in
            try AppendCommand.checkAgainstLedger(proposed, path: path, snapshots: SnapshotPolicy(context.environment) != .off)
        }, waiting: {
            context.stderr.line("liggare: waiting for another process to finish appending to \(path) …")
        })
        AppendCommand.printResult(result, format: format, context)
        return .ok
    }
}

extension String {
    /// A decimal comma as a point ("3,5" → "3.5"), for numbers typed the Swedish way.
    var replacingComma: String {
        var out = ""
        for ch in self { out.append(ch == "," ? "." : ch) }
        return out
    }
}
