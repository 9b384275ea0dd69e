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
        .library(name: "DragomanXML", targets: ["DragomanXML"]),
        .library(name: "DragomanFormats", targets: ["DragomanFormats"]),
        .library(name: "DragomanGlossary", targets: ["DragomanGlossary"]),
        .library(name: "DragomanDocuments", targets: ["DragomanDocuments"]),
        .library(name: "DragomanPretranslate", targets: ["DragomanPretranslate"]),
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
            name: "DragomanGlossary",
            dependencies: ["DragomanText"]
        ),
        .target(
            name: "DragomanStore",
            dependencies: [
                "DragomanText", "DragomanTM", "DragomanGlossary", "DragomanFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the few calls GRDB does not wrap (bulk binding, file controls).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "DragomanXML"
        ),
        .target(
            name: "DragomanPretranslate",
            dependencies: ["DragomanText", "DragomanTM"]
        ),
        .target(
            name: "DragomanFormats",
            dependencies: ["DragomanXML", "DragomanText", "DragomanTM"]
        ),
        .target(
            name: "DragomanDocuments",
            dependencies: ["DragomanPretranslate", "DragomanTM", "DragomanFormats", "DragomanXML", "DragomanText"]
        ),
        .executableTarget(
            name: "dragoman",
            dependencies: [
                "DragomanText", "DragomanTM", "DragomanStore", "DragomanAlign", "DragomanFormats", "DragomanGlossary",
                "DragomanDocuments", "DragomanPretranslate", "DragomanXML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "DragomanEval",
            dependencies: [
                "DragomanText", "DragomanTM", "DragomanStore", "DragomanAlign", "DragomanFormats", "DragomanGlossary",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "DragomanAlign",
            dependencies: ["DragomanText", "DragomanTM", "DragomanFormats"]
        ),
        .testTarget(
            name: "DragomanAlignTests",
            dependencies: ["DragomanAlign", "DragomanText", "DragomanTM", "DragomanStore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            // Runs the built dragoman and dragoman-eval executables (crash and concurrency
            // tests, exit codes and help); GRDB to prepare and inspect their databases.
            name: "DragomanCLITests",
            dependencies: ["dragoman", "DragomanEval", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DragomanTextTests",
            dependencies: ["DragomanText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanPretranslateTests",
            dependencies: ["DragomanPretranslate", "DragomanTM", "DragomanText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanTMTests",
            dependencies: ["DragomanTM", "DragomanText", "DragomanStore", "DragomanGlossary",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DragomanGlossaryTests",
            dependencies: ["DragomanGlossary", "DragomanStore", "DragomanFormats", "DragomanXML", "DragomanText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanDocumentsTests",
            dependencies: ["DragomanDocuments", "DragomanPretranslate", "DragomanTM", "DragomanFormats", "DragomanXML", "DragomanText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanFormatsTests",
            dependencies: ["DragomanFormats", "DragomanXML"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
