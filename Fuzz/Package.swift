// swift-tools-version: 6.1
import PackageDescription

// Coverage-guided fuzz targets for Dragoman's readers, one executable per reader.
// Each target defines `LLVMFuzzerTestOneInput` and a `main` that hands it to libFuzzer's
// driver (SwiftPM renames an executable's entry point, so libFuzzer's own `main` cannot
// be used). Build and run them with `scripts/fuzz`: it passes `-sanitize=fuzzer,address`
// to every Swift module, so the readers themselves are instrumented.

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver"] + products.map { .product(name: $0, package: "main") },
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "DragomanFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .target(name: "FuzzDriver"),
        fuzzTarget("FuzzXML", ["DragomanXML"]),
        fuzzTarget("FuzzTMX", ["DragomanXML", "DragomanFormats"]),
        fuzzTarget("FuzzTBX", ["DragomanXML", "DragomanFormats"]),
        fuzzTarget("FuzzXLIFF", ["DragomanXML", "DragomanDocuments"]),
        fuzzTarget("FuzzTMTSV", ["DragomanText", "DragomanFormats"]),
        fuzzTarget("FuzzGlossaryTSV", ["DragomanText", "DragomanGlossary", "DragomanFormats", "DragomanApp"]),
        fuzzTarget("FuzzArticle", ["DragomanText", "DragomanPretranslate"]),
    ],
    swiftLanguageModes: [.v6]
)
