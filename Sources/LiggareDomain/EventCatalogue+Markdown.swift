extension EventCatalogue {
    /// docs/events.md, generated from the catalogue (a test keeps the committed file equal to this).
    public static func markdown() -> String {
        var out = """
        # Event catalogue

        Every governance event Liggare records. This file is generated from `Sources/LiggareDomain/EventCatalogue.swift`
        (a test fails when they differ; regenerate with `LIGGARE_WRITE_DOCS=1 swift test --filter EventsDocTests`).

        Each event is one ledger line (docs/format.md) whose `type` is one of the types below and whose `data` holds
        the fields listed. **Required** fields must be present; no other fields are accepted. Every type also
        accepts `note`: a free note, used for example to say that a date or value is illustrative. The line's
        `effective` date is the legal date of the event: the meeting day, the decision day, the day the minutes
        were adjusted, the day a control was performed.

        Before anything is written, each new event is checked against the ledger as it stands: the fields have
        the right shapes and dates are real dates, referenced organs, meetings, decisions, assignments, plans,
        control points, measures, indicators, documents and audit reports exist, and the lifecycle step is legal
        (the rules below). Every problem is reported, each with its input line, field and value; nothing is
        written if there is one.

        ## Keys

        Every organ, meeting, decision, assignment, control plan, control point, measure, indicator, document and
        audit report has a key, unique in the ledger, that the secretary types to refer to it. A key is given in
        the event's `key` field or derived when the event is written, and the derived key is then stored in `key`,
        so it never changes:

        | entity | derived key | example |
        |---|---|---|
        | organ | (always given) | `IN` |
        | meeting | ORGAN-YYYY-MM-DD | `IN-2025-06-10` |
        | decision | ORGAN-YYYY-§N | `IN-2025-§45` |
        | assignment | U-YYYY-NN, numbered per year of issue | `U-2025-03` |
        | control plan | IKP-ORGAN-YYYY | `IKP-IN-2025` |
        | control point | ORGAN-YYYY-KN, numbered per plan | `IN-2025-K3` |
        | measure | POINT-AN | `IN-2025-K3-A1` |
        | indicator | (always given) | `SAMORD` |
        | document | a short form of the title | `inkopspolicy` |
        | audit report | REV-YYYY-N | `REV-2025-1` |

        When a derived key is taken (for example by an annulled event), `-2`, `-3` … is added.

        ## Corrections and annulments

        `event.corrected` and `event.annulled` never change the original line: it stays in the ledger and in every
        history. A query that knows of the correction (its seq is within `--known-at`) uses the new values, in
        effective time as if they had been right from the start; a query that does not know of it sees the
        original. Likewise an annulled event is ignored by every query that knows of the annulment, and shown,
        marked, in `liggare history`.


        """
        for spec in all {
            out += "## `\(spec.type)` — \(spec.swedish)\n\n\(spec.summary)\n\n"
            out += "| field | required | shape | meaning |\n|---|---|---|---|\n"
            for field in spec.fields {
                out += "| `\(field.name)` | \(field.required ? "yes" : "") | \(field.kind.expectation.replacingPipes) | \(field.meaning) |\n"
            }
            if let kind = spec.creates {
                out += "\nCreates a \(kind.rawValue) (\(kind.swedish)).\n"
            }
            if !spec.rules.isEmpty {
                out += "\nRules: " + spec.rules.joined(separator: "; ") + ".\n"
            }
            out += "\n"
        }
        return out
    }
}

extension String {
    var replacingPipes: String {
        var out = ""
        for ch in self { out += ch == "|" ? "\\|" : String(ch) }
        return out
    }
}
