// swift-tools-version: 6.1
import PackageDescription

// The replay path (core fold, store decode) runs without the run-time exclusivity
// checks in release builds: they cost a tenth of opening a large log. Debug builds,
// which `make test` runs, keep them (docs/decisions/0009-replay-speed.md).
let replaySettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "xinfang",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "xinfang", targets: ["xinfang"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // System library: a module map and a shim header over ncursesw.
        .systemLibrary(name: "CTerminal", path: "Sources/CTerminal"),

        // Pure: the regulation's workflow, deadlines, calendar, directory, validation, queries.
        .target(name: "PetitionCore", swiftSettings: replaySettings),

        // CRC-32C with the processor's instruction, where it has one.
        .target(name: "CChecksum"),

        // The append-only log and the replay of it.
        .target(
            name: "PetitionStore",
            dependencies: ["PetitionCore", "CChecksum", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: replaySettings
        ),

        // The log in a PostgreSQL database (docs/decisions/0028-postgresql-store.md): the only
        // target that touches postgres-nio and async code; it answers PetitionStore's synchronous
        // EventLog by waiting on the caller's thread.
        .target(
            name: "PetitionPostgres",
            dependencies: ["PetitionCore", "PetitionStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Pure: the written notices, receipts and letters, rendered from a case's records by
        // templates passed in (text at 80 columns, HTML for A4), with their SHA-256 digests.
        .target(
            name: "PetitionDocuments",
            dependencies: ["PetitionCore", .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Pure: screens, key map, cell grid.
        .target(name: "ConsoleUI", dependencies: ["PetitionCore", "PetitionDocuments"]),

        // The only code that calls ncurses.
        .target(name: "ConsoleTerminal", dependencies: ["ConsoleUI", "CTerminal"]),

        .executableTarget(
            name: "xinfang",
            dependencies: [
                "PetitionCore", "PetitionStore", "PetitionPostgres", "ConsoleUI", "ConsoleTerminal", "PetitionDocuments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // `make bench`: figures beside baselines measured in the same run.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .executableTarget(name: "xinfang-bench", dependencies: ["PetitionCore", "PetitionStore", "ConsoleUI", "TestSupport", "CSQLite",
                                                        "PetitionPostgres", .product(name: "PostgresNIO", package: "postgres-nio")]),

        // A writer that the crash tests run and kill.
        .executableTarget(name: "xinfang-stress", dependencies: ["PetitionCore", "PetitionStore", "PetitionPostgres"]),

        // libFuzzer targets for the record decoder, the recovery scanner and the payload codec (`make fuzz`).
        .executableTarget(name: "xinfang-fuzz", dependencies: ["PetitionStore"]),

        .target(name: "TestSupport", dependencies: ["PetitionCore", "PetitionStore", "ConsoleUI"]),

        .testTarget(
            name: "PetitionCoreTests",
            dependencies: [
                "PetitionCore", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "PetitionStoreTests", dependencies: ["PetitionStore", "TestSupport"]),
        .testTarget(name: "PetitionDocumentsTests", dependencies: ["PetitionDocuments", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "ConsoleUITests", dependencies: ["ConsoleUI", "PetitionStore", "PetitionDocuments", "TestSupport"],
                    exclude: ["Snapshots"]),
        // Against a real server: `make test` starts one and names its socket folder in
        // $XINFANG_TEST_PG (scripts/pg-cluster.sh, docs/decisions/0028-postgresql-store.md).
        .testTarget(name: "PetitionPostgresTests", dependencies: ["PetitionPostgres", "PetitionStore", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "PetitionStore"]),
    ],
    swiftLanguageModes: [.v6]
)
