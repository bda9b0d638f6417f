import Foundation
import LiggareJSON
import Testing
@testable import LiggareLog
import LiggareCLI

/// Tests that run the built `liggare` binary as separate processes.
@Suite("liggare as processes", .serialized)
struct ProcessTests {
    @Test("the binary prints exact help and errors, with documented exit codes")
    func binaryBasics() throws {
        let ws = try Workspace()
        let version = try Binary.run(["--version"], cwd: ws.path)
        #expect(version.code == 0)
        #expect(version.stdout == "liggare \(Liggare.version)\n")
        let unknown = try Binary.run(["lgo"], cwd: ws.path)
        #expect(unknown.code == 64)
        #expect(unknown.stderr == "liggare: error: unknown command 'lgo'. Did you mean 'log'?\nSee 'liggare help'.\n")
        let initResult = try Binary.run(["init", "--organization", "Region Sörmland"], cwd: ws.path)
        #expect(initResult.code == 0)
        #expect(initResult.stdout.hasPrefix("created \(ws.path)/events/ledger.jsonl for Region Sörmland\nhead 1:"))
        let verify = try Binary.run(["verify"], cwd: ws.path, environment: ["NO_COLOR": "1"])
        #expect(verify.code == 0)
        #expect(verify.stdout.hasPrefix("OK  1 event, "))
    }

    @Test("two processes appending 1,000 events each at once: 2,000 new events, no gaps, chain valid")
    func concurrentAppends() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(atPath: ws.file("events"), withIntermediateDirectories: true)
        _ = try Binary.run(["init", "--organization", "Region Västmanland"], cwd: ws.path)
        // Each writer runs 1,000 separate appends from a shell loop.
        func writer(_ name: String) throws -> Process {
            let script = """
            i=0; while [ $i -lt 1000 ]; do i=$((i+1)); \
            "$LIGGARE" append --type note.added --effective 2025-06-10 --data "{\\"text\\":\\"\(name) $i\\"}" >/dev/null || exit 1; done
            """
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script]
            p.currentDirectoryURL = URL(fileURLWithPath: ws.path)
            p.environment = ["LIGGARE": Binary.path, "LIGGARE_ACTOR": name, "PATH": "/usr/bin:/bin"]
            try p.run()
            return p
        }
        let a = try writer("a"), b = try writer("b")
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0)
        #expect(b.terminationStatus == 0)
        let path = ws.file("events/ledger.jsonl")
        let report = try LedgerVerifier.verify(path: path)
        #expect(report.failure == nil)
        #expect(report.eventCount == 2001)
        var seen: [String: Set<Int64>] = ["a": [], "b": []]
        var prevs = Set<String>()
        try LedgerReader.forEach(path: path) { entry in
            let prev = String(decoding: UnsafeRawBufferPointer(rebasing: entry.bytes[entry.line.prevRange]), as: UTF8.self)
            #expect(prevs.insert(prev).inserted, "two lines with the same prev")
            if entry.line.seq > 1 {
                let data = try JSONReader.parse(UnsafeRawBufferPointer(rebasing: entry.bytes[entry.line.dataRange]))
                let parts = data["text"]?.stringValue?.split(separator: " ") ?? []
                if parts.count == 2, let n = Int64(parts[1]) { seen[String(parts[0])]?.insert(n) }
            }
            return true
        }
        #expect(seen["a"]?.count == 1000)
        #expect(seen["b"]?.count == 1000)
    }

    @Test("appends killed with SIGKILL at random moments: every acknowledged append survives, verify passes after repair")
    func killedAppends() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(atPath: ws.file("events"), withIntermediateDirectories: true)
        _ = try Binary.run(["init", "--organization", "Region Sörmland"], cwd: ws.path)
        let path = ws.file("events/ledger.jsonl")
        var random = SeededGenerator(seed: 42)
        var acknowledged = Set<Int>()
        var counter = 0
        var repairs = 0
        // A large payload makes each write long enough to be interrupted now and then.
        let filler = String(repeating: "å", count: 40_000)
        try filler.write(toFile: ws.file("filler.txt"), atomically: true, encoding: .utf8)
        for round in 0..<6 {
            let ackFile = ws.file("acks-\(round).txt")
            _ = FileManager.default.createFile(atPath: ackFile, contents: nil)
            // The shell prints "ACK n" only after liggare has exited 0, i.e. after the append was acknowledged.
            let script = """
            i=\(counter); while :; do i=$((i+1)); \
            if [ $((i % 3)) -eq 0 ]; then d="{\\"text\\":\\"$i $(cat filler.txt)\\"}"; else d="{\\"text\\":\\"$i\\"}"; fi; \
            "$LIGGARE" append --type note.added --effective 2025-06-10 --data "$d" >/dev/null 2>&1 && echo "ACK $i" >> \(ackFile); done
            """
            counter += 100_000
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script]
            p.currentDirectoryURL = URL(fileURLWithPath: ws.path)
            p.environment = ["LIGGARE": Binary.path, "LIGGARE_ACTOR": "kill-test", "PATH": "/usr/bin:/bin"]
            try p.run()
            usleep(UInt32(150_000 + Int(random.next() % 400_000)))
            // Stop the shell so that it starts nothing new, SIGKILL the liggare it is running, then the shell.
            kill(p.processIdentifier, SIGSTOP)
            let pkill = Process()
            pkill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            pkill.arguments = ["-KILL", "-P", String(p.processIdentifier)]
            try pkill.run()
            pkill.waitUntilExit()
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            usleep(50_000)
            let acks = (try? String(contentsOfFile: ackFile, encoding: .utf8)) ?? ""
            for line in acks.split(separator: "\n") where line.hasPrefix("ACK ") {
                if let n = Int(line.dropFirst(4)) { acknowledged.insert(n) }
            }
            var report = try LedgerVerifier.verify(path: path)
            if report.failure?.kind == .tornTail {
                _ = try LedgerFile.repair(path: path, clock: SystemClock())
                repairs += 1
                report = try LedgerVerifier.verify(path: path)
            }
            #expect(report.failure == nil, "round \(round): \(report.failure?.message ?? "")")
        }
        var present = Set<Int>()
        try LedgerReader.forEach(path: path) { entry in
            if entry.line.seq > 1,
               let data = try? JSONReader.parse(UnsafeRawBufferPointer(rebasing: entry.bytes[entry.line.dataRange])),
               let n = data["text"]?.stringValue?.split(separator: " ").first.flatMap({ Int($0) }) {
                present.insert(n)
            }
            return true
        }
        #expect(!acknowledged.isEmpty)
        #expect(acknowledged.isSubset(of: present), "acknowledged but missing: \(acknowledged.subtracting(present).sorted().prefix(10))")
    }
}
