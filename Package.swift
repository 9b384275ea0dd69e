// swift-tools-version: 6.1
import PackageDescription

/// The ICU shim links the system ICU after Foundation's private copy so that each
/// library binds its own symbols (see docs/architecture.md).
let icuLinker: [LinkerSetting] = [
    .linkedLibrary("_FoundationICU"),
    .linkedLibrary("icui18n"),
    .linkedLibrary("icuuc"),
    .linkedLibrary("icudata"),
]

let package = Package(
    name: "Dragoman",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dragoman", targets: ["dragoman"]),
        .executable(name: "dragoman-eval", targets: ["DragomanEval"]),
        .library(name: "DragomanText", targets: ["DragomanText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "CICU",
            linkerSettings: icuLinker
        ),
        .target(
            name: "DragomanText",
            dependencies: ["CICU"]
        ),
        .target(
            name: "DragomanTM",
            dependencies: ["DragomanText"]
        ),
        .target(
            name: "DragomanStore",
            dependencies: [
                "DragomanText", "DragomanTM",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "DragomanXML"
        ),
        .target(
            name: "DragomanFormats",
            dependencies: ["DragomanXML", "DragomanText", "DragomanTM"]
        ),
        .executableTarget(
            name: "dragoman",
            dependencies: [
                "DragomanText", "DragomanTM", "DragomanStore", "DragomanFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "DragomanEval",
            dependencies: [
                "DragomanText", "DragomanTM", "DragomanStore", "DragomanFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DragomanTextTests",
            dependencies: ["DragomanText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanTMTests",
            dependencies: ["DragomanTM", "DragomanText", "DragomanStore"]
        ),
        .testTarget(
            name: "DragomanFormatsTests",
            dependencies: ["DragomanFormats", "DragomanXML"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
