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
    ],
    targets: [
        // Pure domain types and rules. Imports nothing of ours.
        .target(name: "VRModel", swiftSettings: strict),
        // The JSON document store: files, locks, journal, revisions, migrations.
        .target(name: "VRStore", dependencies: ["VRModel"], swiftSettings: strict),
        // Board papers: the board pack in Markdown and HTML, and CSV. Pure text from the model.
        .target(name: "VRReport", dependencies: ["VRModel"], swiftSettings: strict),
        // UI core: state, messages, update, views drawing into a Frame. No ncurses, no I/O.
        .target(name: "VRUI", dependencies: ["VRModel"], swiftSettings: strict),
        // The only code that talks to ncursesw.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "VRTerminal", dependencies: ["CNcursesw", "VRUI"], swiftSettings: strict),
        .executableTarget(
            name: "vrboard",
            dependencies: [
                "VRModel", "VRStore", "VRUI", "VRTerminal", "VRReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "vrboard-bench",
            dependencies: ["VRModel", "VRStore", "VRUI"],
            swiftSettings: strict),
        .testTarget(name: "VRModelTests", dependencies: ["VRModel"], swiftSettings: strict),
        .testTarget(name: "VRStoreTests", dependencies: ["VRModel", "VRStore", "VRUI", "VRReport", "vrboard-bench"], swiftSettings: strict),
        .testTarget(name: "VRUITests", dependencies: ["VRModel", "VRStore", "VRUI", "VRReport"], swiftSettings: strict),
        .testTarget(name: "VRReportTests", dependencies: ["VRModel", "VRStore", "VRReport"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["vrboard"], swiftSettings: strict),
    ]
)
