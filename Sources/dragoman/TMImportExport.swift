import ArgumentParser
import DragomanFormats
import DragomanStore
import DragomanTM
import Foundation

extension TMFileFormat: ExpressibleByArgument {}

struct TMImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import sentence pairs from TMX (1.4b, 1.1), TSV (arabic<TAB>english, no header) or CSV, in one transaction.")

    @Argument(help: "The file to import.") var file: String
    @Option(help: "tmx, tsv or csv (default: from the file name).") var format: TMFileFormat?
    @Option(help: "The document id recorded as each unit's origin (default: the file name).") var origin: String?
    @Flag(help: "Import the good units and list the bad ones instead of refusing the whole file.") var skipBad = false
    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    struct Report: Encodable {
        var file: String
        var added: Int
        var updated: Int
        var skipped: [SkippedUnit]
        var seconds: Double
    }

    func run() throws {
        guard let format = format ?? TMFileFormat.guess(file) else {
            throw DragomanError.usage("\(file): cannot tell the format from the name; give --format tmx, tsv or csv")
        }
        guard FileManager.default.fileExists(atPath: file) else {
            throw DragomanError(code: .noInput, message: "\(file): no such file")
        }
        let tm = try openTM(database)
        let origin = self.origin ?? (file as NSString).lastPathComponent
        let start = Date()
        let progress = Progress(label: "importing \(file)", enabled: !json)
        var skipped: [SkippedUnit] = []
        let counts: AddCounts
        switch format {
        case .tmx:
            let reader: TMXReader
            do {
                reader = try TMXReader(url: URL(fileURLWithPath: file), errorPolicy: skipBad ? .collectAndContinue : .stopAtFirstError)
                _ = try reader.header()
            } catch {
                throw DragomanError.badInput("\(file): \(error); nothing was imported")
            }
            var sequence = TMXUnitSequence(reader: reader, file: file, origin: origin, skipBad: skipBad)
            counts = try importing(file) { try tm.add(contentsOf: AnySequence { AnyIterator { sequence.next() } }, progress: progress.update) }
            if let error = sequence.error { throw DragomanError.badInput(error) }
            skipped = sequence.skipped + reader.problems.map { SkippedUnit(line: $0.line, reason: $0.message) }
        case .tsv, .csv:
            let (text, _) = try Input.readFile(file)
            var reader = DelimitedPairsReader(text: text, format: format, file: file, origin: origin, skipBad: skipBad,
                                              creator: ProcessInfo.processInfo.environment["USER"])
            var failure: TMImportError?
            counts = try importing(file) {
                try tm.add(keyedContentsOf: AnySequence {
                    AnyIterator {
                        let unit = reader.nextKeyed()
                        if unit == nil, let error = reader.error { failure = error }
                        return unit
                    }
                }, progress: progress.update)
            }
            if let failure {
                throw DragomanError.badInput("\(failure.description); nothing was imported (fix the line, or use --skip-bad)")
            }
            skipped = reader.skipped
        }
        progress.finish()
        let report = Report(file: file, added: counts.added, updated: counts.updated, skipped: skipped,
                            seconds: Date().timeIntervalSince(start))
        if json {
            print(try JSONOutput.string(report, pretty: true))
            return
        }
        print("\(file): added \(report.added), updated \(report.updated), skipped \(report.skipped.count)")
        for s in skipped.prefix(50) { print("  skipped \(s.description)") }
        if skipped.count > 50 { print("  … and \(skipped.count - 50) more (use --json for all)") }
    }

    /// Runs an import; a bad unit found while reading (thrown inside the transaction)
    /// rolls it back.
    func importing(_ file: String, _ body: () throws -> AddCounts) throws -> AddCounts {
        do {
            return try storeCall(body)
        } catch let error as FormatError {
            throw DragomanError.badInput("\(file): \(error.description); nothing was imported")
        }
    }
}

/// TMX units mapped to translation units; stops (and records why) at the first bad
/// unit unless bad units are skipped.
struct TMXUnitSequence {
    let reader: TMXReader
    let file: String
    let origin: String
    let skipBad: Bool
    var skipped: [SkippedUnit] = []
    var error: String?

    mutating func next() -> TranslationUnit? {
        while error == nil {
            let tu: TMXUnit?
            do {
                tu = try reader.next()
            } catch {
                self.error = "\(file): \(error); nothing was imported"
                return nil
            }
            guard let tu else { return nil }
            switch TMXMapping.unit(tu, origin: origin) {
            case .success(let unit): return unit
            case .failure(let bad):
                if skipBad {
                    skipped.append(bad)
                } else {
                    error = "\(file):\(bad.line): \(bad.reason); nothing was imported (fix the unit, or use --skip-bad)"
                    return nil
                }
            }
        }
        return nil
    }
}

struct TMExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the translation memory as TMX 1.4b or TSV.")

    @Option(help: "tmx or tsv.") var format: TMFileFormat = .tmx
    @Option(name: .shortAndLong, help: "The output file (written to a temporary file, then renamed). Default: standard output.")
    var output: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if format == .csv { throw ValidationError("export writes tmx or tsv") }
    }

    func run() throws {
        let tm = try openTM(database)
        try OutputFile.write(to: output) { sink in
            switch format {
            case .tmx:
                let writer = TMXWriter()
                try writer.begin(header: TMXHeader(creationTool: "Dragoman", creationToolVersion: DragomanVersion.string,
                                                   segType: "sentence", originalFormat: "Dragoman SQLite", adminLang: "en",
                                                   sourceLang: "ar", dataType: "plaintext"))
                try storeCall { try tm.forEachUnit { try writer.write(TMXMapping.tmxUnit($0)) } }
                try writer.finish()
                sink(writer.string)
            case .tsv, .csv:
                try storeCall {
                    try tm.forEachUnit { u in
                        sink(u.arabic.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
                             + "\t" + u.english.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") + "\n")
                    }
                }
            }
        }
    }
}
