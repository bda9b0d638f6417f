import Foundation
import LiggareDomain
import Testing

@Suite("docs/events.md")
struct EventsDocTests {
    @Test("the event catalogue in docs/events.md is the one the code knows")
    func eventsDoc() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/events.md").path
        let generated = EventCatalogue.markdown()
        if ProcessInfo.processInfo.environment["LIGGARE_WRITE_DOCS"] == "1" {
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == generated, "docs/events.md is stale: run LIGGARE_WRITE_DOCS=1 swift test --filter EventsDocTests")
    }
}
