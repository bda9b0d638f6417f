/// A realistic ledger line (about 550 bytes) for tests.
enum LedgerLine {
    /// A ledger event as one JSON Lines line, without the line feed.
    static let sample = #"{"seq":12345,"id":"0190a6b2-7c3e-7def-8123-456789abcdef","type":"decision.recorded","recorded":"2025-06-10T12:34:56.789Z","effective":"2025-06-10","actor":"anna.svensson","prev":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","data":{"organ":"IN","paragraph":45,"case":"IN 2025/17","title":"Uppdrag att utreda samverkansformer för Inköpsnämndens område","points":["Regiondirektören får i uppdrag att tillsammans med Region Sörmland utreda...","Återrapportering sker under tredje kvartalet 2025"],"sentTo":["Regiondirektören"]}}"#
}
