import Foundation
import Testing
@testable import LiggareLog

@Suite("The committed sample ledger")
struct SampleLedgerTests {
    static var eventsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("events")
    }

    @Test("events/ holds exactly one ledger, and it verifies as the README's main job says")
    func sampleLedgerVerifies() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.eventsDirectory.path).filter { $0.hasSuffix(".jsonl") }
        #expect(files == ["inkop-sormland-vastmanland.jsonl"])
        let ws = try Workspace()
        try FileManager.default.createSymbolicLink(atPath: ws.file("events"), withDestinationPath: Self.eventsDirectory.path)
        let verify = ws.run(["verify"])
        #expect(verify.code == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("organisation  Inköp Sörmland-Västmanland\n"))
        let log = ws.run(["log"])
        #expect(log.code == 0)
        #expect(log.stdout.contains("ledger.opened"))
    }
}
