import DragomanGlossary
import DragomanText
import Foundation

/// What a new database starts with: the starter glossary of `glossary/`
/// (news-terms.tsv, then reference-cldr-iso.tsv, so that the curated entry of a
/// homograph such as عمان comes first).
///
/// The files are built into the executable (`StarterGlossaryData.swift`, generated from
/// them by `scripts/glossary/embed-starter-glossary.py`), so a copied `dragoman` carries
/// them. They are bytes in the executable's read-only data: nothing is decoded or parsed
/// until a database is created. `$DRAGOMAN_GLOSSARY_DIR` names a folder whose files are
/// loaded instead.
public enum StarterGlossary {
    public static let files = ["news-terms.tsv", "reference-cldr-iso.tsv"]

    /// Where the starter glossary is read from.
    public enum Source: Sendable, Hashable {
        /// The copy built into the executable.
        case builtIn
        /// The files of a folder (`$DRAGOMAN_GLOSSARY_DIR`).
        case folder(String)
    }

    /// `$DRAGOMAN_GLOSSARY_DIR` when it is set and not empty, else the built-in copy.
    public static func source(environment: [String: String] = ProcessInfo.processInfo.environment) -> Source {
        if let dir = environment["DRAGOMAN_GLOSSARY_DIR"], !dir.isEmpty { return .folder(dir) }
        return .builtIn
    }

    /// The bytes of the built-in copy of `name` (one of `files`), or nil.
    public static func builtInBytes(_ name: String) -> [UInt8]? {
        builtInText(name).map { text in text.withUTF8Buffer { Array($0) } }
    }

    static func builtInText(_ name: String) -> StaticString? {
        switch name {
        case files[0]: newsTerms
        case files[1]: referenceCLDRISO
        default: nil
        }
    }

    /// Loads the starter glossary into a new database; returns the number of entries, or
    /// nil when the folder of `$DRAGOMAN_GLOSSARY_DIR` lacks news-terms.tsv (the database
    /// then stays empty and `notice` says how to load it).
    static func load(into store: any GlossaryStore, shownAs path: String, notice: (String) -> Void) throws -> Int? {
        let source = Self.source()
        if case .folder(let folder) = source,
           !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(files[0])) {
            notice("""
                warning: DRAGOMAN_GLOSSARY_DIR=\(folder) holds no \(files[0]), so \(path) was created \
                empty. Load the starter glossary with: dragoman term import FOLDER/\(files[0]) (and \
                FOLDER/\(files[1])), or unset DRAGOMAN_GLOSSARY_DIR to use the built-in copy.
                """)
            return nil
        }
        return try load(from: source, into: store)
    }

    /// Imports the starter glossary from `source` into `store`, news-terms.tsv first (a file
    /// missing from a folder is left out); returns the number of entries added.
    @discardableResult
    public static func load(from source: Source, into store: any GlossaryStore) throws -> Int {
        // The starter files are curated: loaded as they are, every concept its own entry.
        let options = GlossaryImportOptions(format: .tsv, duplicates: .add, priority: .curated, creator: nil)
        var entries = 0
        do {
            for name in files {
                switch source {
                case .builtIn:
                    guard let text = builtInText(name) else { continue }
                    entries += try importBuiltIn(text, name: "\(name) (built in)", options: options, into: store)
                case .folder(let folder):
                    let file = (folder as NSString).appendingPathComponent(name)
                    guard FileManager.default.fileExists(atPath: file) else { continue }
                    entries += try GlossaryFiles.importFile(file, options: options, into: store).entriesAdded
                }
            }
        } catch let error as GlossaryFileError {
            throw Failure.badInput("the starter glossary could not be loaded: \(error.description)")
        }
        return entries
    }

    /// Imports a built-in file through the reader files go through, in the same 64 KB chunks.
    private static func importBuiltIn(_ text: StaticString, name: String, options: GlossaryImportOptions,
                                      into store: any GlossaryStore) throws -> Int {
        let count = text.utf8CodeUnitCount
        var offset = 0
        return try GlossaryFiles.importDelimited(name: name, options: options, into: store) {
            guard offset < count else { return nil }
            let end = min(offset + (1 << 16), count)
            let chunk = text.withUTF8Buffer { Array($0[offset..<end]) }
            offset = end
            return chunk
        }.entriesAdded
    }
}
