import LiggareDomain

/// The short kinds of `liggare record KIND`, each naming one event type.
enum RecordKinds {
    /// (kind, type), in the order `liggare record --help` lists them.
    static let all: [(kind: String, type: String)] = [
        ("organ", "organ.established"), ("organ-dissolved", "organ.dissolved"),
        ("member", "member.appointed"), ("member-left", "member.left"),
        ("meeting", "meeting.held"), ("minutes-adjusted", "meeting.minutes_adjusted"), ("notice", "meeting.notice_posted"),
        ("decision", "decision.recorded"), ("appeal", "decision.appeal_filed"), ("appeal-decided", "decision.appeal_decided"),
        ("assignment", "assignment.issued"), ("progress", "assignment.progress_noted"), ("due-change", "assignment.due_changed"),
        ("report-back", "assignment.reported_back"), ("assignment-closed", "assignment.closed"),
        ("assignment-withdrawn", "assignment.withdrawn"), ("assignment-transferred", "assignment.transferred"),
        ("control-plan", "control.plan_adopted"), ("control-point", "control.point_defined"),
        ("control-result", "control.result_recorded"), ("measure", "control.measure_decided"),
        ("measure-completed", "control.measure_completed"),
        ("indicator", "indicator.defined"), ("outcome", "indicator.outcome_recorded"),
        ("document", "document.adopted"), ("document-reviewed", "document.reviewed"), ("document-repealed", "document.repealed"),
        ("audit", "audit.report_received"), ("audit-response", "audit.response_given"),
        ("correction", "event.corrected"), ("annulment", "event.annulled"), ("note", "note.added"),
    ]

    /// The event type of a kind (the full type is accepted too).
    static func type(of kind: String) -> String? {
        if let entry = all.first(where: { $0.kind == kind }) { return entry.type }
        return EventCatalogue.spec(kind) != nil ? kind : nil
    }

    /// `sentTo` → `sent-to`; a list field names one item: `points` → `point`, `recommendations` → `recommendation`.
    static func optionName(_ field: String) -> String {
        if let spec = EventCatalogue.all.lazy.flatMap(\.fields).first(where: { $0.name == field }), spec.kind == .texts,
           field.hasSuffix("s") {
            return optionName(String(field.dropLast()))
        }
        var out = ""
        for ch in field {
            if ch.isUppercase { out += "-" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    /// The options of a kind: one per field (repeatable for lists, a flag for true/false), `--set FIELD=VALUE` for a
    /// correction's fields.
    static func fieldOptions(_ spec: EventSpec) -> [OptionSpec] {
        spec.fields.map { field in
            switch field.kind {
            case .boolean: return OptionSpec(optionName(field.name), help: field.meaning)
            case .texts: return OptionSpec(optionName(field.name), value: "TEXT", help: field.meaning + " (repeat for more)", repeatable: true)
            case .object: return OptionSpec("set", value: "FIELD=VALUE", help: "a corrected field and its new value (repeatable)", repeatable: true)
            case .date: return OptionSpec(optionName(field.name), value: "DATE", help: field.meaning)
            case .period: return OptionSpec(optionName(field.name), value: "PERIOD", help: field.meaning)
            case .integer, .number: return OptionSpec(optionName(field.name), value: "N", help: field.meaning)
            case .reference: return OptionSpec(optionName(field.name), value: "KEY", help: field.meaning)
            default: return OptionSpec(optionName(field.name), value: "TEXT", help: field.meaning + (field.required ? " (required)" : ""))
            }
        }
    }
}
