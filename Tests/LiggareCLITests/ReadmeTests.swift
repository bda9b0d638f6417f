import Foundation
import Testing
@testable import LiggareCLI

@Suite("README commands")
struct ReadmeTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every `swift run liggare …` line in the README's sh blocks, as argument arrays (comments stripped).
    static func commands() throws -> [[String]] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var inShell = false
        var result: [[String]] = []
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inShell = line == "```sh"; continue }
            guard inShell, line.hasPrefix("swift run liggare ") else { continue }
            let withoutComment = line.split(separator: "#", maxSplits: 1).first.map(String.init) ?? String(line)
            result.append(withoutComment.dropFirst("swift run liggare ".count).split(separator: " ").map(String.init))
        }
        return result
    }

    @Test("the README's main job and tour run on a copy of the sample ledger and tell the story they promise")
    func readme() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 5)
        let ws = try Workspace()
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("events").path, toPath: ws.file("events"))
        for args in commands {
            let result = ws.run(args)
            #expect(result.code == 0, "liggare \(args.joined(separator: " ")): \(result.stderr)")
        }
        let status = ws.run(["status", "--at", "2025-10-01"])
        #expect(status.stdout.hasPrefix("Status per 2025-10-01 – Inköp Sörmland-Västmanland\n"))
        #expect(status.stdout.contains("RSV-2025-§141  ej laga kraft"))
        let before = ws.run(["assignments", "--at", "2025-10-01", "--overdue", "--known-at", "seq:72"])
        #expect(before.stdout.contains("U-2025-01  försenad"))
        let now = ws.run(["assignments", "--at", "2025-10-01", "--overdue"])
        #expect(now.stdout.contains("(inga)"))
        #expect(FileManager.default.fileExists(atPath: ws.file("status.html")))
    }
}
