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
        // The workspace server (`dragoman serve`) and its tests.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // SHA-256 of the API tokens of `dragoman user`.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // The browser test's WebDriver client (already built for HummingbirdTesting):
        // Foundation's URLSession on Linux fails on chromedriver's replies ("Failed writing header").
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
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
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            // The HTTP JSON API and the web page of `dragoman serve`: parses a request, calls one
            // use-case of DragomanApp, renders JSON or HTML; errors mapped to statuses by
            // FailureKind in one place.
            name: "DragomanServer",
            dependencies: [
                "DragomanApp", "DragomanText", "DragomanTM", "DragomanGlossary", "DragomanDocuments", "DragomanPretranslate",
                "DragomanAlign", "DragomanFormats",
                // For the types the use-cases return (import batches, document summaries); no GRDB.
                "DragomanStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // The OpenAPI document and the web page's style sheet and scripts (served from the binary).
            resources: [.copy("Resources/openapi.json"), .copy("Resources/page")]
        ),
        .executableTarget(
            // Parses, calls one use-case of DragomanApp, prints. No GRDB, no business rule.
            name: "dragoman",
            dependencies: [
                "DragomanApp", "DragomanText", "DragomanTM", "DragomanAlign", "DragomanFormats", "DragomanGlossary",
                "DragomanDocuments", "DragomanPretranslate", "DragomanQA", "DragomanServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
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
            // The HTTP API and the page in process (HummingbirdTesting), the built `dragoman
            // serve` over real sockets, and the page in headless Chromium (WebDriver).
            name: "DragomanServerTests",
            dependencies: [
                "DragomanServer", "DragomanApp", "DragomanText", "dragoman",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
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
