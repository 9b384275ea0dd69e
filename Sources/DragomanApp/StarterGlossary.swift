import DragomanGlossary
import DragomanText
import Foundation

/// What a new database starts with: the starter glossary of `glossary/`
/// (news-terms.tsv, then reference-cldr-iso.tsv, so that the curated entry of a
/// homograph such as عمان comes first).
public enum StarterGlossary {
    public static let files = ["news-terms.tsv", "reference-cldr-iso.tsv"]

    /// Loads the starter glossary into a new database. When the files cannot be found the
    /// database stays empty and `notice` says how to load them.
    /// Returns the number of entries loaded, nil when the files were not found.
    static func load(into store: any GlossaryStore, shownAs path: String, notice: (String) -> Void) throws -> Int? {
        guard let folder = folder() else {
            notice("""
                warning: the starter glossary (glossary/news-terms.tsv) was not found, so \(path) \
                was created empty. Load it with: dragoman term import glossary/news-terms.tsv \
                (and glossary/reference-cldr-iso.tsv), or set DRAGOMAN_GLOSSARY_DIR to the glossary folder.
                """)
            return nil
        }
        var entries = 0
        for name in files {
            let file = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file) else { continue }
            do {
                entries += try GlossaryFiles.importFile(file, options: GlossaryImportOptions(format: .tsv), into: store).entriesAdded
            } catch let error as GlossaryFileError {
                throw Failure.badInput("the starter glossary could not be loaded: \(error.description)")
            }
        }
        return entries
    }

    /// `$DRAGOMAN_GLOSSARY_DIR`, else the first `glossary/` folder holding news-terms.tsv
    /// found walking up from the executable's folder, then from the current folder.
    public static func folder() -> String? {
        let fm = FileManager.default
        func holds(_ folder: String) -> Bool {
            fm.fileExists(atPath: (folder as NSString).appendingPathComponent(files[0]))
        }
        if let dir = ProcessInfo.processInfo.environment["DRAGOMAN_GLOSSARY_DIR"], !dir.isEmpty {
            return holds(dir) ? dir : nil
        }
        var starts: [String] = []
        if let exe = Bundle.main.executablePath { starts.append(exe) }
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") {
            starts.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().path)
        }
        starts = starts.map { (URL(fileURLWithPath: $0).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent }
        starts.append(fm.currentDirectoryPath)
        for start in starts {
            var folder = start
            while true {
                let candidate = (folder as NSString).appendingPathComponent("glossary")
                if holds(candidate) { return candidate }
                let parent = (folder as NSString).deletingLastPathComponent
                if parent == folder || parent.isEmpty { break }
                folder = parent
            }
        }
        return nil
    }
}
