import Foundation

/// Locates and reads the JSONTestSuite parsing files copied under `Tests/Fixtures/JSONTestSuite/test_parsing`.
enum TestSuiteFiles {
    /// The `test_parsing` directory, found relative to this source file.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/JSONTestSuite/test_parsing")

    /// Every file name in the directory, sorted (empty when the directory is missing; a test checks the counts).
    static let all: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    /// The files that must be accepted.
    static let accepted = all.filter { $0.hasPrefix("y_") }
    /// The files that must be rejected.
    static let rejected = all.filter { $0.hasPrefix("n_") }
    /// The files whose outcome is implementation-defined.
    static let implementationDefined = all.filter { $0.hasPrefix("i_") }

    /// The bytes of the file `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
