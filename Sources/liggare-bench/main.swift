#if canImport(Glibc)
import Glibc
#endif
import LiggareHash
import LiggareJSON
import LiggareCLI
import LiggareDomain
import LiggareLog

// liggare-bench: generates a deterministic synthetic ledger and measures append, verify and their floors.
// Run as: swift run -c release liggare-bench [--events N] [--json FILE] [--dir DIR]

struct Options {
    var events = 1_000_000
    var jsonPath: String?
    var directory: String?
    /// An existing ledger to measure replay and the CLI on, without building one or appending to it.
    var ledger: String?
}

func parseOptions() -> Options {
    var options = Options()
    var args = Array(CommandLine.arguments.dropFirst())
    while !args.isEmpty {
        let arg = args.removeFirst()
        switch arg {
        case "--events":
            guard let value = args.first, let n = Int(String(value.filter { $0 != "_" })), n >= 10 else {
                note("liggare-bench: --events needs a number ≥ 10"); exit(64)
            }
            args.removeFirst()
            options.events = n
        case "--json":
            guard let value = args.first else { note("liggare-bench: --json needs a file"); exit(64) }
            args.removeFirst()
            options.jsonPath = value
        case "--dir":
            guard let value = args.first else { note("liggare-bench: --dir needs a directory"); exit(64) }
            args.removeFirst()
            options.directory = value
        case "--ledger":
            guard let value = args.first else { note("liggare-bench: --ledger needs a file"); exit(64) }
            args.removeFirst()
            options.ledger = value
        case "-h", "--help":
            print("USAGE: liggare-bench [--events N] [--json FILE] [--dir DIR] [--ledger FILE]\n\nGenerates a synthetic ledger of N events "
                  + "(default 1,000,000) in DIR (default a new directory under /tmp) and measures batch append, verify "
                  + "against sha256sum and openssl, single durable append latency against a bare write+fsync, cold replay and "
                  + "the CLI end to end. With --ledger FILE it measures only replay and the read-only CLI commands on "
                  + "that existing ledger.")
            exit(0)
        default:
            note("liggare-bench: unknown option '\(arg)'. See 'liggare-bench --help'.")
            exit(64)
        }
    }
    return options
}

func note(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

let options = parseOptions()
let directory = options.directory ?? "/tmp/liggare-bench-\(getpid())"
mkdir(directory, 0o755)
let ledgerPath = options.ledger ?? directory + "/bench.jsonl"
var exePath = [UInt8](repeating: 0, count: 4096)
let exeLength = exePath.withUnsafeMutableBytes { buffer -> Int in
    guard let base = buffer.baseAddress else { return 0 }
    return readlink("/proc/self/exe", base.assumingMemoryBound(to: CChar.self), 4095)
}
let exe = String(decoding: exePath[0..<max(0, exeLength)], as: UTF8.self)
let binaryDirectory = String(exe[..<(exe.lastIndex(of: "/") ?? exe.endIndex)])
let liggare = binaryDirectory + "/liggare"

var rows: [(String, String, String)] = []
var json: [(key: String, value: JSONValue)] = []
@MainActor func record(_ name: String, _ value: String, _ detail: String, key: String, _ number: Double) {
    rows.append((name, value, detail))
    json.append((key: key, value: .number(JSONNumber(number) ?? JSONNumber(0))))
}

func format3(_ x: Double) -> String {
    let scaled = (x * 1000).rounded() / 1000
    return String(scaled)
}

/// Builds the ledger and measures batch append, verify and single appends; returns the write+fsync floor (p50, s).
@MainActor func measureLog() throws -> Double {
    // 1. Build the ledger with batch appends of 10,000 events.
    var random = SeededRandom(seed: 20_251_123)
    do {
        _ = try LedgerFile.create(path: ledgerPath, organization: "Syntetisk region för mätning", actor: "bench",
                                  clock: SystemClock(), random: &random)
    } catch {
        note("liggare-bench: \(error.message)")
        exit(1)
    }
    var generator = SyntheticLedger(seed: 42)
    var batchSeconds: [Double] = []
    var remaining = options.events - 1
    note("building a ledger of \(options.events) events in \(ledgerPath) …")
    while remaining > 0 {
        let count = min(10_000, remaining)
        let drafts = (0..<count).map { _ in generator.next() }
        let seconds = try Measure.time {
            _ = try LedgerFile.append(path: ledgerPath, events: drafts, clock: SystemClock(), random: &random)
        }
        if count == 10_000 { batchSeconds.append(seconds) }
        remaining -= count
    }
    var info = stat()
    stat(ledgerPath, &info)
    let fileBytes = Int(info.st_size)
    let bytesPerLine = Double(fileBytes) / Double(options.events)
    let medianBatch = Measure.quantile(batchSeconds, 0.5)
    if !batchSeconds.isEmpty {
        record("batch append (10,000 events, one lock + fsync)", "\(Int(10_000 / medianBatch)) events/s",
               "median of \(batchSeconds.count) batches, \(String(format3(medianBatch * 1000))) ms each",
               key: "batchAppendEventsPerSecond", 10_000 / medianBatch)
    }
    record("ledger size", "\(fileBytes / 1_000_000) MB", "\(Int(bytesPerLine)) bytes a line on average",
           key: "ledgerBytes", Double(fileBytes))


    // 2. verify against sha256sum and openssl, same file, same run, best of 3 (warm cache).
    note("verifying …")
    _ = Measure.run("/usr/bin/cat", [ledgerPath])
    let verify = Measure.best(3, liggare, ["verify", "--ledger", ledgerPath])
    let verifyMemory = Measure.run(liggare, ["verify", "--ledger", ledgerPath]).maxRSSKiB
    let sha256sum = Measure.best(3, "/usr/bin/sha256sum", [ledgerPath])
    let openssl = Measure.best(3, "/usr/bin/openssl", ["dgst", "-sha256", ledgerPath])
    if verify.status != 0 { note("liggare verify failed: \(verify.output)") }
    record("liggare verify", "\(format3(verify.seconds)) s", "\(Int(Double(fileBytes) / verify.seconds / 1e6)) MB/s, peak memory \(verifyMemory / 1024) MiB, SHA-256: \(SHA256Implementation.best.rawValue)",
           key: "verifySeconds", verify.seconds)
    record("sha256sum (coreutils)", "\(format3(sha256sum.seconds)) s", "verify / sha256sum = \(format3(verify.seconds / sha256sum.seconds))",
           key: "sha256sumSeconds", sha256sum.seconds)
    record("openssl dgst -sha256", "\(format3(openssl.seconds)) s", "verify / openssl = \(format3(verify.seconds / openssl.seconds))",
           key: "opensslSeconds", openssl.seconds)
    json.append((key: "verifyPeakMemoryKiB", value: .number(JSONNumber(verifyMemory))))
    json.append((key: "verifyOverSha256sum", value: .number(JSONNumber(verify.seconds / sha256sum.seconds) ?? JSONNumber(0))))
    json.append((key: "verifyOverOpenssl", value: .number(JSONNumber(verify.seconds / openssl.seconds) ?? JSONNumber(0))))

    // 3. Single durable append against a bare write+fsync of the same bytes, interleaved.
    note("single appends …")
    let floorPath = directory + "/floor.bin"
    unlink(floorPath)
    let floorFD = open(floorPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    var appendSamples: [Double] = []
    var floorSamples: [Double] = []
    var previousSize = fileBytes
    let readFD = open(ledgerPath, O_RDONLY | O_CLOEXEC)
    for i in 0..<300 {
        let draft = generator.next()
        let start = Measure.now()
        let result = try LedgerFile.append(path: ledgerPath, events: [draft], clock: SystemClock(), random: &random)
        let appendTime = Measure.now() - start
        // The floor writes the very bytes that the append wrote.
        let length = result.head.byteCount - previousSize
        var line = [UInt8](repeating: 0, count: length)
        _ = line.withUnsafeMutableBytes { pread(readFD, $0.baseAddress, length, off_t(previousSize)) }
        previousSize = result.head.byteCount
        let floorStart = Measure.now()
        _ = line.withUnsafeBytes { write(floorFD, $0.baseAddress, $0.count) }
        fsync(floorFD)
        let floorTime = Measure.now() - floorStart
        if i >= 20 {
            appendSamples.append(appendTime)
            floorSamples.append(floorTime)
        }
    }
    close(floorFD)
    close(readFD)
    let appendP50 = Measure.quantile(appendSamples, 0.5), appendP99 = Measure.quantile(appendSamples, 0.99)
    let floorP50 = Measure.quantile(floorSamples, 0.5), floorP99 = Measure.quantile(floorSamples, 0.99)
    record("single durable append p50", "\(format3(appendP50 * 1000)) ms", "p99 \(format3(appendP99 * 1000)) ms",
           key: "appendP50Milliseconds", appendP50 * 1000)
    record("bare write+fsync p50 (floor)", "\(format3(floorP50 * 1000)) ms", "p99 \(format3(floorP99 * 1000)) ms; append / floor = \(format3(appendP50 / floorP50))",
           key: "floorP50Milliseconds", floorP50 * 1000)
    json.append((key: "appendP99Milliseconds", value: .number(JSONNumber(appendP99 * 1000) ?? JSONNumber(0))))
    json.append((key: "floorP99Milliseconds", value: .number(JSONNumber(floorP99 * 1000) ?? JSONNumber(0))))
    json.append((key: "events", value: .number(JSONNumber(options.events))))
    return floorP50
}

// 4. Cold replay into the full board state, in process (read and parse, index, fold), and the CLI end to end
// (process start included).
@MainActor func measureReplay(_ path: String) throws {
    note("replaying …")
    var events: [RecordedEvent] = []
    let readSeconds = try Measure.time { events = try GovernanceLoading.loadEvents(path: path) }
    var ledger = GovernanceLedger(events: [])
    let indexSeconds = Measure.time { ledger = GovernanceLedger(events: events) }
    var state = BoardState()
    let foldSeconds = Measure.time { state = ledger.currentState }
    if state.organs.isEmpty { note("liggare-bench: the replayed state is empty") }
    let total = readSeconds + indexSeconds + foldSeconds
    let count = Double(events.count)
    record("cold replay to the board state (in process)", "\(Int(count / total)) events/s",
           "\(format3(total)) s for \(events.count) events: read+parse \(format3(readSeconds)) s, index \(format3(indexSeconds)) s, fold \(format3(foldSeconds)) s",
           key: "replayEventsPerSecond", count / total)
    json.append((key: "replayReadSeconds", value: .number(JSONNumber(readSeconds) ?? JSONNumber(0))))
    json.append((key: "replayIndexSeconds", value: .number(JSONNumber(indexSeconds) ?? JSONNumber(0))))
    json.append((key: "replayFoldSeconds", value: .number(JSONNumber(foldSeconds) ?? JSONNumber(0))))
}
var floorP50 = 0.0
if options.ledger == nil {
    unlink(ledgerPath)
    floorP50 = try measureLog()
}
try measureReplay(ledgerPath)
let at = "2021-06-30"
let noSnapshot = ["LIGGARE_SNAPSHOT": "off"]
_ = try? SnapshotFile.remove(forLedger: ledgerPath)

/// Measures status and assignments at `date`; `label` says how the ledger is read.
@MainActor func measureQueries(_ label: String, key: String, date: String, environment: [String: String] = [:]) {
    let status = Measure.best(3, liggare, ["status", "--at", date, "--ledger", ledgerPath, "--format", "json"], environment: environment)
    record("liggare status --at \(date), \(label)", "\(format3(status.seconds * 1000)) ms",
           "end to end, peak memory \(status.maxRSSKiB / 1024) MiB, exit \(status.status)",
           key: "status\(key)Milliseconds", status.seconds * 1000)
    json.append((key: "status\(key)PeakMemoryKiB", value: .number(JSONNumber(status.maxRSSKiB))))
    let assignments = Measure.best(3, liggare, ["assignments", "--at", date, "--ledger", ledgerPath, "--format", "json"],
                                   environment: environment)
    record("liggare assignments --at \(date), \(label)", "\(format3(assignments.seconds * 1000)) ms",
           "end to end, exit \(assignments.status)", key: "assignments\(key)Milliseconds", assignments.seconds * 1000)
}

/// Measures `liggare record` (a validated append).
@MainActor func measureRecord(_ label: String, key: String, environment: [String: String] = [:]) {
    let recordRun = Measure.best(3, liggare, ["record", "note", "--text", "Mätning av record", "--effective", "2025-01-01",
                                              "--ledger", ledgerPath, "--actor", "bench"], environment: environment)
    record("liggare record note, \(label)", "\(format3(recordRun.seconds * 1000)) ms",
           "end to end, exit \(recordRun.status); floor: write+fsync p50 \(format3(floorP50 * 1000)) ms + process start",
           key: "record\(key)Milliseconds", recordRun.seconds * 1000)
}

measureQueries("no snapshot", key: "", date: at, environment: noSnapshot)
if options.ledger == nil { measureRecord("no snapshot", key: "", environment: noSnapshot) }  // never appends to --ledger
note("writing a snapshot …")
let snapshotRun = Measure.run(liggare, ["snapshot", "--ledger", ledgerPath])
var snapshotInfo = stat()
stat(SnapshotFile.path(forLedger: ledgerPath), &snapshotInfo)
record("liggare snapshot (write it)", "\(format3(snapshotRun.seconds)) s",
       "\(snapshotInfo.st_size / 1_000_000) MB, peak memory \(snapshotRun.maxRSSKiB / 1024) MiB, exit \(snapshotRun.status)",
       key: "snapshotWriteSeconds", snapshotRun.seconds)
json.append((key: "snapshotBytes", value: .number(JSONNumber(Int(snapshotInfo.st_size)))))
measureQueries("current snapshot", key: "Snapshot", date: at)
if options.ledger == nil {
    measureRecord("with snapshot", key: "Snapshot")
    // 1,000 more events after the snapshot: queries read them from the ledger and fold them in.
    var random = SeededRandom(seed: 7)
    var more = SyntheticLedger(seed: 99)
    _ = try LedgerFile.append(path: ledgerPath, events: (0..<1000).map { _ in more.next() }, clock: SystemClock(), random: &random)
    measureQueries("snapshot + 1,003 newer lines", key: "SnapshotNewer", date: at, environment: ["LIGGARE_SNAPSHOT": "auto"])
}
let lastEffective = try GovernanceLoading.loadEvents(path: ledgerPath).map(\.effective).max() ?? CivilDate.latest
measureQueries("snapshot, last effective date", key: "SnapshotLate", date: lastEffective.description)
_ = try? SnapshotFile.remove(forLedger: ledgerPath)
let start = Measure.best(5, liggare, ["--version"])
record("process start (liggare --version)", "\(format3(start.seconds * 1000)) ms", "", key: "processStartMilliseconds", start.seconds * 1000)

// Report.
let nameWidth = rows.map(\.0.count).max() ?? 10
let valueWidth = rows.map(\.1.count).max() ?? 10
var ledgerInfo = stat()
stat(ledgerPath, &ledgerInfo)
print("liggare-bench: \(options.ledger == nil ? "\(options.events) events, " : "")\(ledgerInfo.st_size) bytes, \(ledgerPath)")
for (name, value, detail) in rows {
    print(name + String(repeating: " ", count: max(0, nameWidth - name.count)) + "  "
          + String(repeating: " ", count: max(0, valueWidth - value.count)) + value + "  " + detail)
}
if let jsonPath = options.jsonPath {
    var bytes = JSONWriter.serialize(.object(JSONObject(json)))
    bytes.append(0x0A)
    let fd = open(jsonPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}
