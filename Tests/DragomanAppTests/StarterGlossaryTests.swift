import DragomanApp
import DragomanFormats
import DragomanStore
import Foundation
import Testing

/// The starter glossary built into the executable against the files of `glossary/`.
@Suite struct StarterGlossaryTests {
    static let glossaryFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("glossary").path

    /// The generated source holds the files byte for byte; when a file changes, this fails
    /// until the source is generated again.
    @Test(arguments: StarterGlossary.files)
    func theBuiltInCopyIsTheFile(_ name: String) throws {
        let file = (Self.glossaryFolder as NSString).appendingPathComponent(name)
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: file), "\(file) cannot be read"))
        let builtIn = try #require(StarterGlossary.builtInBytes(name))
        let firstDifference = zip(builtIn, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(builtIn.count, bytes.count)
        let same = builtIn == bytes  // a Bool, so that a failure does not print both files
        #expect(same, """
            glossary/\(name) (\(bytes.count) bytes) differs from its built-in copy (\(builtIn.count) bytes) \
            from byte \(firstDifference): run python3 scripts/glossary/embed-starter-glossary.py and commit \
            Sources/DragomanApp/StarterGlossaryData.swift
            """)
    }

    @Test func onlyTheStarterFilesAreBuiltIn() {
        #expect(StarterGlossary.builtInBytes("README.md") == nil)
        #expect(StarterGlossary.source(environment: [:]) == .builtIn)
        #expect(StarterGlossary.source(environment: ["DRAGOMAN_GLOSSARY_DIR": ""]) == .builtIn)
        #expect(StarterGlossary.source(environment: ["DRAGOMAN_GLOSSARY_DIR": "/g"]) == .folder("/g"))
    }

    /// Loading the built-in copy gives exactly the entries loading the files gives, in the
    /// same order (news-terms.tsv first): the same TSV and TBX exports.
    @Test func theBuiltInCopyLoadsAsTheFilesDo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func loaded(_ source: StarterGlossary.Source, _ name: String) throws -> (entries: Int, tsv: String, tbx: String) {
            let database = try DragomanDatabase(path: (folder as NSString).appendingPathComponent(name))
            let glossary = SQLiteGlossary(database: database)
            let entries = try StarterGlossary.load(from: source, into: glossary)
            return (entries, try GlossaryFiles.exportString(glossary, format: .tsv),
                    try GlossaryFiles.exportString(glossary, format: .tbx))
        }
        let builtIn = try loaded(.builtIn, "built-in.sqlite")
        let files = try loaded(.folder(Self.glossaryFolder), "files.sqlite")
        #expect(builtIn.entries > 1000)
        #expect(builtIn.entries == files.entries)
        let sameTSV = builtIn.tsv == files.tsv, sameTBX = builtIn.tbx == files.tbx
        #expect(sameTSV, "the TSV exports differ")
        #expect(sameTBX, "the TBX exports differ")
        // The curated entry of the homograph عمان (Amman, news-terms.tsv) comes before
        // Oman (reference-cldr-iso.tsv).
        let amman = try #require(builtIn.tsv.range(of: "\tAmman\t"))
        let oman = try #require(builtIn.tsv.range(of: "\tOman\t"))
        #expect(amman.lowerBound < oman.lowerBound)
    }
}
