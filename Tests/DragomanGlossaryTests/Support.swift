import DragomanFormats
import DragomanApp
import Foundation
import Testing

/// Fixtures copied into the test bundle.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        return try #require(Bundle.module.url(forResource: parts[0], withExtension: parts.count > 1 ? parts[1] : nil,
                                              subdirectory: "Fixtures"),
                            "missing fixture \(name)")
    }

    static func string(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: url(name)), as: UTF8.self)
    }
}

import DragomanGlossary
import DragomanStore

/// Every glossary backend, fresh and empty.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite

    var testDescription: String { rawValue }

    func make() throws -> any GlossaryStore {
        switch self {
        case .memory:
            return InMemoryGlossary()
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-glossary-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return SQLiteGlossary(database: try DragomanDatabase(path: dir.appendingPathComponent("glossary.sqlite").path))
        }
    }
}

/// A store with `news-terms.tsv` loaded, and the map from the file's ids to entry ids.
func starterStore(_ backend: Backend, reference: Bool = false) throws -> (store: any GlossaryStore, ids: [String: Int64]) {
    let store = try backend.make()
    let report = try GlossaryFiles.importDelimited(try Fixture.string("news-terms.tsv"), name: "news-terms.tsv",
                                                   options: GlossaryImportOptions(format: .tsv), into: store)
    if reference {
        // As the starter glossary is loaded: every concept of the files its own entry.
        _ = try GlossaryFiles.importDelimited(try Fixture.string("reference-cldr-iso.tsv"), name: "reference-cldr-iso.tsv",
                                              options: GlossaryImportOptions(format: .tsv, duplicates: .add), into: store)
    }
    return (store, report.entryIDs)
}

/// A small store built from (arabic, english) pairs, one entry each.
func makeStore(_ backend: Backend, _ pairs: [(String, String)]) throws -> any GlossaryStore {
    let store = try backend.make()
    try store.add(contentsOf: pairs.map { NewEntry(terms: [NewTerm(.arabic, $0.0), NewTerm(.english, $0.1)]) })
    return store
}

/// The hits of `text` as (surface, Arabic term) pairs.
func found(_ store: any GlossaryStore, _ text: String) throws -> [String] {
    try store.find(in: text).map { "\($0.surface)=\($0.term.text)" }
}
