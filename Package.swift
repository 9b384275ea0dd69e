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
        .library(name: "DragomanApp", targets: ["DragomanApp"]),
        .library(name: "DragomanQA", targets: ["DragomanQA"]),
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
                "DragomanText", "DragomanTM", "DragomanGlossary",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the few calls GRDB does not wrap (bulk binding, file controls).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "DragomanXML",
            dependencies: ["DragomanText"]
        ),
        .target(
            name: "DragomanPretranslate",
            dependencies: ["DragomanText", "DragomanTM", "DragomanGlossary"]
        ),
        .target(
            name: "DragomanFormats",
            dependencies: ["DragomanXML", "DragomanText", "DragomanTM", "DragomanGlossary", "DragomanAlign"]
        ),
        .target(
            name: "DragomanDocuments",
            dependencies: ["DragomanPretranslate", "DragomanTM", "DragomanGlossary", "DragomanFormats", "DragomanXML", "DragomanText"]
        ),
        .target(
            // Quality checks of finished translations: numbers, glossary, consistency,
            // completeness, form. No I/O.
            name: "DragomanQA",
            dependencies: ["DragomanText", "DragomanGlossary"]
        ),
        .target(
            // The use-cases: what the CLI, the evaluation and a server call. Opens or
            // creates the database, imports and exports, term editing rules, the glossary
            // adapters of pre-translation and alignment (see docs/architecture.md).
            name: "DragomanApp",
            dependencies: [
                "DragomanText", "DragomanTM", "DragomanGlossary", "DragomanStore", "DragomanFormats", "DragomanXML",
                "DragomanAlign", "DragomanPretranslate", "DragomanDocuments", "DragomanQA",
            ]
        ),
        .executableTarget(
            // Parses, calls one use-case of DragomanApp, prints. No GRDB, no business rule.
            name: "dragoman",
            dependencies: [
                "DragomanApp", "DragomanText", "DragomanTM", "DragomanAlign", "DragomanFormats", "DragomanGlossary",
                "DragomanDocuments", "DragomanPretranslate", "DragomanQA",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            // Evaluations and benchmarks. GRDB only for the stress harness, which watches
            // the database through connections of its own.
            name: "DragomanEval",
            dependencies: [
                "DragomanApp", "DragomanText", "DragomanTM", "DragomanStore", "DragomanAlign", "DragomanFormats",
                "DragomanGlossary", "DragomanQA",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "DragomanAlign",
            dependencies: ["DragomanText", "DragomanTM"]
        ),
        .testTarget(
            name: "DragomanAlignTests",
            dependencies: ["DragomanAlign", "DragomanText", "DragomanTM", "DragomanStore", "DragomanFormats", "DragomanApp"],
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
            dependencies: ["DragomanPretranslate", "DragomanTM", "DragomanText", "DragomanGlossary"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanTMTests",
            dependencies: ["DragomanTM", "DragomanText", "DragomanStore", "DragomanGlossary", "DragomanFormats",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DragomanGlossaryTests",
            dependencies: ["DragomanGlossary", "DragomanStore", "DragomanFormats", "DragomanXML", "DragomanText", "DragomanApp"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanDocumentsTests",
            dependencies: ["DragomanDocuments", "DragomanPretranslate", "DragomanTM", "DragomanGlossary", "DragomanFormats", "DragomanXML", "DragomanText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanStoreTests",
            dependencies: ["DragomanStore", "DragomanTM", "DragomanGlossary", "DragomanText",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DragomanXMLTests",
            dependencies: ["DragomanXML", "DragomanText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DragomanQATests",
            dependencies: ["DragomanQA", "DragomanGlossary", "DragomanText"]
        ),
        .testTarget(
            name: "DragomanAppTests",
            dependencies: ["DragomanApp", "DragomanStore", "DragomanTM", "DragomanGlossary", "DragomanText", "DragomanFormats",
                           "DragomanPretranslate", "DragomanQA"]
        ),
        .testTarget(
            name: "DragomanFormatsTests",
            dependencies: ["DragomanFormats", "DragomanXML", "DragomanText", "DragomanTM", "DragomanGlossary", "DragomanAlign"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
