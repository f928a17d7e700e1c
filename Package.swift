// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "vrboard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vrboard", targets: ["vrboard"]),
        .executable(name: "vrboard-bench", targets: ["vrboard-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // Pure domain types and rules. Imports nothing of ours.
        .target(name: "VRModel", swiftSettings: strict),
        // The JSON document store: files, locks, journal, revisions, migrations.
        .target(name: "VRStore", dependencies: ["VRModel"], swiftSettings: strict),
        // The store's API: what the board and the runtime ask of any store (`BoardStore`, `DurableStore`),
        // a save (`Edit`), history pages, and the change signal. The folder store and PostgreSQL implement
        // it; the UI and the runtime use it without knowing which store they have.
        .target(name: "VRStoreAPI", dependencies: ["VRModel", "VRStore"], swiftSettings: strict),
        // Board papers: the board pack in Markdown and HTML, and CSV. Pure text from the model.
        .target(name: "VRReport", dependencies: ["VRModel"], swiftSettings: strict),
        // UI core: state, messages, update, views drawing into a Frame. No ncurses, no I/O.
        .target(name: "VRUI", dependencies: ["VRModel", "VRStore", "VRStoreAPI"], swiftSettings: strict),
        // The only code that talks to ncursesw.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "VRTerminal", dependencies: ["CNcursesw", "VRUI"], swiftSettings: strict),
        // The runtime: carries out the UI core's effects against a store (any BoardStore), and runs the
        // terminal loop.
        .target(name: "VRRuntime", dependencies: ["VRModel", "VRStore", "VRStoreAPI", "VRUI", "VRTerminal"], swiftSettings: strict),
        // The PostgreSQL store: the same rules in SQL (JSONB documents with rev, the journal table as the
        // commit point, LISTEN/NOTIFY), behind the same BoardStore protocol.
        .target(
            name: "VRPostgres",
            dependencies: [
                "VRModel", "VRStore", "VRStoreAPI",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "vrboard",
            dependencies: [
                "VRModel", "VRStore", "VRStoreAPI", "VRUI", "VRTerminal", "VRReport", "VRRuntime", "VRPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict,
            // A release build is one file with the Swift runtime and Foundation inside: their symbols are not
            // looked up and bound at each start (a third of a small board's first frame).
            // lld links it with the archives named (gold warns about a function Foundation's own archive uses,
            // so `swift build --static-swift-stdlib` would not build without a warning).
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-use-ld=lld", "-lFoundationInternationalization", "-l_FoundationICU", "-l_FoundationCollections",
                        "-l_FoundationCShims", "-lFoundation", "-lCoreFoundation", "-lswiftDispatch", "-lswiftSynchronization",
                    ], .when(platforms: [.linux], configuration: .release))
            ]),
        // A large generated store (and its chain-valid journal), for the benchmark and the store's tests.
        .target(name: "VRGenerate", dependencies: ["VRModel", "VRStore"], swiftSettings: strict),
        .executableTarget(
            name: "vrboard-bench",
            dependencies: ["VRModel", "VRStore", "VRStoreAPI", "VRUI", "VRGenerate", "VRRuntime", "VRPostgres", "VRTestSupport"],
            swiftSettings: strict),
        // A contending writer the store's process tests run many of at once.
        .executableTarget(
            name: "vrboard-hammer", dependencies: ["VRModel", "VRStore", "VRStoreAPI", "VRPostgres"], path: "Tests/vrboard-hammer",
            swiftSettings: strict),
        // What every test suite shares: paths, the shipped datasets, temporary folders, running a program.
        .target(name: "VRTestSupport", dependencies: ["VRModel", "VRStore", "VRStoreAPI"], path: "Tests/VRTestSupport", swiftSettings: strict),
        .testTarget(name: "VRModelTests", dependencies: ["VRModel"], swiftSettings: strict),
        .testTarget(
            name: "VRStoreTests",
            dependencies: [
                "VRModel", "VRStore", "VRStoreAPI", "VRUI", "VRReport", "VRGenerate", "VRRuntime", "VRPostgres", "VRTestSupport", "vrboard-hammer",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
        // Golden/ holds the golden frames the tests read from disk (not bundled resources).
        .testTarget(
            name: "VRUITests",
            dependencies: ["VRModel", "VRStore", "VRStoreAPI", "VRUI", "VRGenerate", "VRReport", "VRRuntime", "VRTerminal", "VRTestSupport"],
            exclude: ["Golden"],
            swiftSettings: strict),
        .testTarget(name: "VRReportTests", dependencies: ["VRModel", "VRStore", "VRReport", "VRTestSupport"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["vrboard", "VRTestSupport"], swiftSettings: strict),
    ]
)
