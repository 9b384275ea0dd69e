import DragomanAlign
import DragomanApp
import DragomanFormats
import DragomanGlossary

/// The project's glossary files loaded into an in-memory glossary, matched as
/// `dragoman align` matches them (`AlignmentGlossary` of the application layer).
enum AlignGlossaryMatcher {
    static func load(_ paths: [String]) throws -> (lexicon: any AlignmentLexicon, entries: Int) {
        let store = InMemoryGlossary()
        var entries = 0
        for path in paths {
            entries += try GlossaryFiles.importFile(path, options: GlossaryImportOptions(format: .tsv), into: store).entriesAdded
        }
        return (AlignmentGlossary.lexicon(store), entries)
    }
}
