import Foundation
import Testing

/// The user guides in docs/guide cannot rot: every `liggare` command they show is run, in order, as the reader
/// would run it, and must exit as the guide says.
///
/// How a guide is read (and so how a guide must be written):
///
/// - **Commands.** Inside a fenced block whose info string is `sh`, every line that starts with `liggare ` is a
///   command; a leading prompt `$ ` is stripped first. A line ending in a backslash continues on the next line.
///   Blank lines, comment lines (`# …`) and lines of other programs (`export`, `cd`, `cp` …) are skipped: the
///   workspace already has what they would set up. Only ```` ```sh ```` blocks run; ```` ```text ```` blocks show
///   output and are never checked.
/// - **Words.** A command is split into arguments as a POSIX shell splits words: single quotes, double quotes
///   (with `\"`, `\\`, `\$` and `` \` `` escapes), backslash escapes and backslash-newline. Anything that only a
///   real shell could do — `$VAR`, `$(…)`, backquotes, pipes, `;`, `&`, `<`, parentheses, unquoted `*` or `?` —
///   is an error, so a guide never shows a command that this suite would run differently from a shell.
///   `> FILE` is supported: standard output goes to FILE in the workspace.
/// - **Exit code.** Every command must exit 0, unless its line ends with the comment `# exit N`: then it must exit N.
/// - **Files written** (`--out FILE`, `> FILE`, `--ledger FILE`) must be relative paths, so they land in the
///   workspace; a file written with `--out` or `>` must exist afterwards.
/// - **Checkpoints.** Shell substitution such as `$(liggare checkpoint)` is not supported. A guide shows
///   `liggare checkpoint` (with a sample output in a ```` ```text ```` block) and then writes the literal
///   placeholder `SEQ:HASH` where the reader pastes that value: the suite replaces `SEQ:HASH` in a command with
///   the head printed by the guide's latest `liggare checkpoint`, or with the current head when the guide has run
///   none yet.
/// - **Input files.** A fenced block whose info string holds `file=NAME` (for example ```` ```jsonl file=juni.jsonl ````;
///   Markdown renderers show only the first word) is written to NAME in the workspace at that point of the
///   guide, so that a later `liggare import NAME` reads it. The guide's text tells the reader to save it.
/// - **The ledger.** Each guide gets its own workspace with a fresh sample ledger built from
///   docs/sample/inkop-sormland-vastmanland.jsonl (init + import) and `LIGGARE_LEDGER` set to it, so a guide's
///   earlier `record` commands are seen by its later ones. The workspace holds `docs`, a link to the repository's
///   docs folder, so the reader's setup commands (`liggare import docs/sample/…`, run from the repository root)
///   run too.
/// - Every guide runs at least 8 commands, and each English guide runs exactly the commands of its Swedish
///   original.
@Suite("The user guides in docs/guide run as written")
struct GuideTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var guideDirectory: URL { repository.appendingPathComponent("docs/guide") }

    /// Every Markdown file in docs/guide.
    static var guideNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: guideDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }

    /// Each Swedish guide and its English version.
    static let translations = [("sekreterare.md", "secretary.md"), ("revisor.md", "auditor.md"),
                               ("regionstyrelsen.md", "regional-board.md")]

    static func steps(of name: String) throws -> [GuideStep] {
        let text = try String(contentsOf: guideDirectory.appendingPathComponent(name), encoding: .utf8)
        return try GuideScript.steps(in: text)
    }

    @Test("docs/guide holds the six guides")
    func guidesExist() {
        let expected = Self.translations.flatMap { [$0.0, $0.1] }
        #expect(Set(expected).isSubset(of: Set(Self.guideNames)), "\(Self.guideNames)")
    }

    @Test("every command of a guide runs on a fresh sample ledger and exits as the guide says", arguments: guideNames)
    func guideRuns(_ name: String) throws {
        let steps = try Self.steps(of: name)
        let commands = steps.compactMap { if case .command(let c) = $0 { c } else { nil } }
        #expect(commands.count >= 8, "\(name) runs only \(commands.count) commands")

        let ws = try Workspace()
        try FileManager.default.createSymbolicLink(atPath: ws.file("docs"),
                                                   withDestinationPath: Self.repository.appendingPathComponent("docs").path)
        let ledger = ws.file("guide-test-ledger.jsonl")
        let sample = Self.repository.appendingPathComponent("docs/sample/inkop-sormland-vastmanland.jsonl").path
        let created = ws.run(["init", "--organization", "Inköp Sörmland-Västmanland", "--ledger", ledger])
        try #require(created.code == 0, "\(created.stderr)")
        let imported = ws.run(["import", sample, "--ledger", ledger])
        try #require(imported.code == 0, "\(imported.stderr)")
        let environment = ["LIGGARE_LEDGER": ledger]

        var lastCheckpoint: String?
        for step in steps {
            switch step {
            case .file(let line, let file, let content):
                try #require(Self.isRelative(file), "\(name):\(line): the file \(file) must be a relative path")
                try content.write(toFile: ws.file(file), atomically: true, encoding: .utf8)
            case .command(let command):
                var arguments = command.arguments
                if arguments.contains(where: { $0.contains("SEQ:HASH") }) {
                    let head = lastCheckpoint
                        ?? ws.run(["checkpoint"], environment: environment).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                    arguments = arguments.map { $0.replacingOccurrences(of: "SEQ:HASH", with: head) }
                }
                let written = Self.writtenPaths(arguments) + (command.redirect.map { [$0] } ?? [])
                for path in written {
                    try #require(Self.isRelative(path),
                                 "\(name):\(command.line): `\(command.text)` writes \(path), which is not a relative path")
                }
                let result = ws.run(arguments, environment: environment)
                try #require(result.code == command.expectedExit, """
                    \(name):\(command.line): `\(command.text)` exited \(result.code), expected \(command.expectedExit)
                    stdout: \(result.stdout.prefix(2000))
                    stderr: \(result.stderr.prefix(2000))
                    """)
                if let redirect = command.redirect {
                    try result.stdout.write(toFile: ws.file(redirect), atomically: true, encoding: .utf8)
                }
                if result.code == 0 {
                    for path in Self.outPaths(arguments) {
                        #expect(FileManager.default.fileExists(atPath: ws.file(path)),
                                "\(name):\(command.line): `\(command.text)` did not write \(path)")
                    }
                    if arguments.first == "checkpoint", !arguments.contains(where: { $0.hasPrefix("--format") }) {
                        lastCheckpoint = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                }
            }
        }
    }

    @Test("each English guide runs exactly the commands of its Swedish original", arguments: translations)
    func translationsRunTheSameCommands(_ swedish: String, _ english: String) throws {
        func commands(_ name: String) throws -> [String] {
            try Self.steps(of: name).map {
                switch $0 {
                case .command(let c): (c.arguments + (c.redirect.map { ["> " + $0] } ?? []) + ["# exit \(c.expectedExit)"])
                    .joined(separator: " ␣ ")
                case .file(_, let name, let content): "file \(name): \(content)"
                }
            }
        }
        let sv = try commands(swedish), en = try commands(english)
        #expect(sv.count == en.count, "\(swedish) has \(sv.count) steps, \(english) \(en.count)")
        for (index, (a, b)) in zip(sv, en).enumerated() where a != b {
            Issue.record("step \(index + 1) differs:\n\(swedish): \(a)\n\(english): \(b)")
            break
        }
    }

    // MARK: The reader itself

    @Test("shell words: quotes, escapes, backslash-newline, comments and redirection")
    func shellWords() throws {
        #expect(try ShellWords.parse(#"liggare record decision --title "Inköpspolicy" --point 'a "b" c'"#)
                == .init(words: ["liggare", "record", "decision", "--title", "Inköpspolicy", "--point", #"a "b" c"#]))
        #expect(try ShellWords.parse(#"liggare x "say \"hi\" \\ \$5" it\'s"#).words == ["liggare", "x", #"say "hi" \ $5"#, "it's"])
        #expect(try ShellWords.parse("liggare status \\\n    --at 2025-10-01").words == ["liggare", "status", "--at", "2025-10-01"])
        #expect(try ShellWords.parse("liggare a''b \"\"").words == ["liggare", "ab", ""])
        #expect(try ShellWords.parse("liggare verify --checkpoint 1:00  # exit 1")
                == .init(words: ["liggare", "verify", "--checkpoint", "1:00"], comment: "exit 1"))
        #expect(try ShellWords.parse("liggare log --type 'event.*' --format csv > log.csv")
                == .init(words: ["liggare", "log", "--type", "event.*", "--format", "csv"], redirect: "log.csv"))
        #expect(try ShellWords.parse("liggare a#b").words == ["liggare", "a#b"])
        for unsupported in ["liggare verify --checkpoint $(liggare checkpoint)", "liggare log | head", "liggare log; ls",
                            "liggare log --type event.*", "liggare 'open", "liggare \"open", "liggare log >", "liggare log > a > b",
                            "liggare log `x`", "liggare log $HOME", "liggare log < in"] {
            #expect(throws: ShellWords.Failure.self, "\(unsupported)") { try ShellWords.parse(unsupported) }
        }
    }

    @Test("guide scripts: only liggare lines of sh blocks, prompts, continuations, # exit N and file blocks")
    func guideScript() throws {
        let markdown = """
            Text with `liggare status` inline is not run.

            ```sh
            # a comment
            export LIGGARE_LEDGER="$PWD/l.jsonl"
            $ liggare status --at 2025-10-01
            liggare record decision --organ IN \\
                --title "A b"   # exit 1
            ```

            ```text
            liggare not-run
            ```

            ```jsonl file=in.jsonl
            {"a":1}
            ```
            ```sh
            liggare import in.jsonl
            ```
            """
        let steps = try GuideScript.steps(in: markdown)
        #expect(steps == [
            .command(.init(line: 6, text: "liggare status --at 2025-10-01", arguments: ["status", "--at", "2025-10-01"],
                           redirect: nil, expectedExit: 0)),
            .command(.init(line: 7, text: "liggare record decision --organ IN \\\n    --title \"A b\"   # exit 1",
                           arguments: ["record", "decision", "--organ", "IN", "--title", "A b"], redirect: nil, expectedExit: 1)),
            .file(line: 15, name: "in.jsonl", content: "{\"a\":1}\n"),
            .command(.init(line: 19, text: "liggare import in.jsonl", arguments: ["import", "in.jsonl"], redirect: nil,
                           expectedExit: 0)),
        ])
        #expect(throws: GuideScript.Failure.self) { try GuideScript.steps(in: "```sh\nliggare status\n") }
        #expect(throws: GuideScript.Failure.self) { try GuideScript.steps(in: "```sh\nliggare status \\\n```\n") }
    }

    // MARK: Helpers

    static func isRelative(_ path: String) -> Bool { !path.isEmpty && !path.hasPrefix("/") && !path.hasPrefix("~") }

    /// The values of the options that name a file a command writes to: --out, --ledger.
    static func writtenPaths(_ arguments: [String]) -> [String] {
        optionValues(arguments, ["--out", "--ledger"])
    }

    static func outPaths(_ arguments: [String]) -> [String] { optionValues(arguments, ["--out"]) }

    static func optionValues(_ arguments: [String], _ names: Set<String>) -> [String] {
        var values: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if names.contains(argument), index + 1 < arguments.count {
                values.append(arguments[index + 1])
                index += 2
                continue
            }
            if let eq = argument.firstIndex(of: "="), names.contains(String(argument[..<eq])) {
                values.append(String(argument[argument.index(after: eq)...]))
            }
            index += 1
        }
        return values
    }
}

extension GuideTests {
    /// One thing a guide does: run a command, or save a file the reader is told to save.
    enum GuideStep: Equatable {
        case command(GuideCommand)
        case file(line: Int, name: String, content: String)
    }

    struct GuideCommand: Equatable {
        /// The Markdown line the command starts on (1-based).
        var line: Int
        /// The command as written, without the prompt.
        var text: String
        /// The arguments after `liggare`.
        var arguments: [String]
        /// `> FILE`: where standard output goes.
        var redirect: String?
        var expectedExit: Int32
    }

    /// Reads the runnable steps out of a guide's Markdown.
    enum GuideScript {
        struct Failure: Error, CustomStringConvertible {
            var description: String
        }

        static func steps(in markdown: String) throws -> [GuideStep] {
            let lines = markdown.components(separatedBy: "\n")
            var steps: [GuideStep] = []
            var fence: (info: String, line: Int)?
            var fileLines: [String] = []
            var pending: (text: String, line: Int)?

            func command(_ text: String, line: Int) throws {
                let words: ShellWords.Parsed
                do { words = try ShellWords.parse(text) } catch {
                    throw Failure(description: "line \(line): `\(text)`: \(error)")
                }
                guard words.words.first == "liggare" else { return }
                var expected: Int32 = 0
                if let comment = words.comment {
                    let parts = comment.split(separator: " ")
                    if parts.count == 2, parts[0] == "exit", let code = Int32(parts[1]) { expected = code }
                }
                steps.append(.command(GuideCommand(line: line, text: text, arguments: Array(words.words.dropFirst()),
                                                   redirect: words.redirect, expectedExit: expected)))
            }

            for (offset, raw) in lines.enumerated() {
                let number = offset + 1
                let trimmed = raw.trimmingCharacters(in: .whitespaces)
                if let open = fence {
                    if trimmed == "```" {
                        if let p = pending { throw Failure(description: "line \(p.line): a continued command ends the block") }
                        if let name = fileName(open.info) {
                            steps.append(.file(line: open.line, name: name, content: fileLines.map { $0 + "\n" }.joined()))
                        }
                        fence = nil
                        fileLines = []
                        continue
                    }
                    if fileName(open.info) != nil { fileLines.append(raw); continue }
                    guard open.info == "sh" else { continue }
                    var text = pending.map { $0.text + "\n" + raw } ?? raw
                    let start = pending?.line ?? number
                    if text.hasSuffix("\\") {
                        pending = (text, start)
                        continue
                    }
                    pending = nil
                    text = text.trimmingCharacters(in: .whitespaces)
                    if text.hasPrefix("$ ") { text = String(text.dropFirst(2)) }
                    if text.isEmpty || text.hasPrefix("#") { continue }
                    if text.hasPrefix("liggare ") || text == "liggare" { try command(text, line: start) }
                } else if trimmed.hasPrefix("```") {
                    fence = (String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces), number)
                }
            }
            if let open = fence { throw Failure(description: "line \(open.line): the fenced block is not closed") }
            return steps
        }

        /// NAME from an info string holding `file=NAME`.
        static func fileName(_ info: String) -> String? {
            info.split(separator: " ").first { $0.hasPrefix("file=") }.map { String($0.dropFirst(5)) }
        }
    }

    /// A small POSIX shell word splitter: enough for the commands of a guide, and an error for anything more.
    enum ShellWords {
        struct Parsed: Equatable {
            var words: [String]
            var redirect: String? = nil
            var comment: String? = nil
        }

        enum Failure: Error, CustomStringConvertible {
            case unterminated(Character)
            case unsupported(Character)
            case danglingBackslash
            case redirect

            var description: String {
                switch self {
                case .unterminated(let quote): "unterminated \(quote)"
                case .unsupported(let c): "\(c) needs a real shell, which the guide tests do not run"
                case .danglingBackslash: "a backslash at the end"
                case .redirect: "only one > FILE is supported"
                }
            }
        }

        static func parse(_ text: String) throws -> Parsed {
            let chars = Array(text)
            var parsed = Parsed(words: [])
            var word = ""
            var inWord = false
            var redirectNext = false
            var index = 0

            func endWord() {
                guard inWord else { return }
                if redirectNext { parsed.redirect = word; redirectNext = false } else { parsed.words.append(word) }
                word = ""
                inWord = false
            }

            while index < chars.count {
                let c = chars[index]
                switch c {
                case " ", "\t", "\n":
                    endWord()
                case "'":
                    inWord = true
                    guard let close = chars[(index + 1)...].firstIndex(of: "'") else { throw Failure.unterminated("'") }
                    word += String(chars[(index + 1)..<close])
                    index = close
                case "\"":
                    inWord = true
                    index += 1
                    while true {
                        guard index < chars.count else { throw Failure.unterminated("\"") }
                        let d = chars[index]
                        if d == "\"" { break }
                        if d == "\\", index + 1 < chars.count, "\"\\$`\n".contains(chars[index + 1]) {
                            if chars[index + 1] != "\n" { word.append(chars[index + 1]) }
                            index += 2
                            continue
                        }
                        if d == "$" || d == "`" { throw Failure.unsupported(d) }
                        word.append(d)
                        index += 1
                    }
                case "\\":
                    guard index + 1 < chars.count else { throw Failure.danglingBackslash }
                    if chars[index + 1] != "\n" {
                        word.append(chars[index + 1])
                        inWord = true
                    }
                    index += 1
                case "#" where !inWord:
                    endWord()
                    parsed.comment = String(chars[(index + 1)...]).trimmingCharacters(in: .whitespaces)
                    index = chars.count
                    continue
                case ">":
                    endWord()
                    if redirectNext || parsed.redirect != nil { throw Failure.redirect }
                    redirectNext = true
                case "$", "`", "|", ";", "&", "<", "(", ")", "*", "?":
                    throw Failure.unsupported(c)
                default:
                    word.append(c)
                    inWord = true
                }
                index += 1
            }
            endWord()
            if redirectNext { throw Failure.redirect }
            return parsed
        }
    }
}
