// swift-tools-version: 6.1
// Liggare: a tamper-evident, event-sourced governance ledger for Swedish public boards.
// No package dependencies: only what the Swift toolchain ships.
import PackageDescription

let package = Package(
    name: "Liggare",
    products: [
        .executable(name: "liggare", targets: ["liggare"]),
        .executable(name: "liggare-bench", targets: ["liggare-bench"]),
        .library(name: "LiggareLog", targets: ["LiggareLog"]),
        .library(name: "LiggareDomain", targets: ["LiggareDomain"]),
        .library(name: "LiggareCLI", targets: ["LiggareCLI"]),
    ],
    targets: [
        // SHA-256 compression with the CPU's SHA extensions (SHA-NI), chosen at run time.
        .target(name: "CSHA256"),
        // SHA-256 (pure Swift, with the SHA-NI block function when the CPU has it).
        .target(name: "LiggareHash", dependencies: ["CSHA256"]),
        // Strict RFC 8259 JSON reader and canonical writer, working on bytes.
        .target(name: "LiggareJSON"),
        // The append-only, hash-chained log: bytes, hashing, files, locks. Knows nothing of boards.
        .target(name: "LiggareLog", dependencies: ["LiggareHash", "LiggareJSON"]),
        // The governance domain: event catalogue, validation, the board's state at any date as known at any time.
        // Pure: no file I/O, no clock, no printing.
        .target(name: "LiggareDomain", dependencies: ["LiggareLog", "LiggareJSON", "LiggareHash"]),
        // The command-line interface as a library, so tests run it in process.
        .target(name: "LiggareCLI", dependencies: ["LiggareLog", "LiggareJSON", "LiggareHash", "LiggareDomain"]),
        .executableTarget(name: "liggare", dependencies: ["LiggareCLI"]),
        .executableTarget(name: "liggare-bench", dependencies: ["LiggareCLI", "LiggareLog", "LiggareHash", "LiggareJSON"]),
        .testTarget(name: "LiggareHashTests", dependencies: ["LiggareHash"]),
        .testTarget(name: "LiggareJSONTests", dependencies: ["LiggareJSON"]),
        .testTarget(name: "LiggareLogTests", dependencies: ["LiggareLog", "LiggareJSON", "LiggareHash"]),
        .testTarget(name: "LiggareDomainTests", dependencies: ["LiggareDomain", "LiggareLog", "LiggareJSON"]),
        .testTarget(name: "LiggareCLITests", dependencies: ["LiggareCLI", "LiggareLog", "LiggareJSON", "LiggareHash", "liggare"]),
    ],
    swiftLanguageModes: [.v6]
)
