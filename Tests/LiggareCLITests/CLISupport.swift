import Foundation
import LiggareCLI
import LiggareLog

/// The result of running `liggare` in process.
struct CLIResult {
    var code: Int32
    var stdout: String
    var stderr: String
}

/// A temporary working directory for CLI tests, removed afterwards.
final class Workspace {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/liggare-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// Runs `liggare` in process with captured streams and a clean environment.
    @discardableResult
    func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
             clock: any LedgerClock = SystemClock(), terminal: Bool = false) -> CLIResult {
        let out = CapturedOutput(isTerminal: terminal)
        let err = CapturedOutput(isTerminal: terminal)
        var env = ["LIGGARE_ACTOR": "sekreterare"]
        for (k, v) in environment { env[k] = v }
        let context = CommandContext(arguments: arguments, environment: env, currentDirectory: path,
                                     stdin: FixedInput(stdin), stdout: out, stderr: err, clock: clock, userName: "tester")
        let code = Liggare.run(context)
        return CLIResult(code: code, stdout: out.text, stderr: err.text)
    }

    func read(_ name: String) -> [UInt8] { Array(FileManager.default.contents(atPath: file(name)) ?? Data()) }
}

/// The built `liggare` executable, beside the test bundle.
enum Binary {
    static var path: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle directory.
        for _ in 0..<4 where !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("liggare").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("liggare").path
    }

    /// Runs the binary and waits; returns exit code, stdout and stderr.
    static func run(_ arguments: [String], cwd: String, environment: [String: String] = [:], stdin: [UInt8]? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ["LIGGARE_ACTOR": "sekreterare", "PATH": "/usr/bin:/bin"]
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(code: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}

enum Fixtures {
    /// Tests/Fixtures in the repository.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    }
}

typealias SeededGenerator = SeededRandom
