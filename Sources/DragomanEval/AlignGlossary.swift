import DragomanText
import DragomanAlign
import DragomanGlossary
import DragomanStore

/// The project's glossary files loaded into an in-memory glossary and matched with the
/// glossary's own `TermMatcher`: the lexicon `dragoman align` gets from the database.
enum AlignGlossaryMatcher {
    static func load(_ paths: [String]) throws -> (lexicon: any AlignmentLexicon, entries: Int) {
        let store = InMemoryGlossary()
        var entries = 0
        for path in paths {
            entries += try GlossaryFiles.importFile(path, options: GlossaryImportOptions(format: .tsv), into: store).entriesAdded
        }
        return (MatcherLexicon(store: store), entries)
    }

    struct MatcherLexicon: AlignmentLexicon {
        let store: InMemoryGlossary

        func arabicTermPairs(in sentence: String) -> [Int] { ids(sentence, .arabic) }
        func englishTermPairs(in sentence: String) -> [Int] { ids(sentence, .english) }

        func ids(_ sentence: String, _ language: Language) -> [Int] {
            // An in-memory glossary does not fail to read.
            ((try? store.find(in: sentence)) ?? []).filter { $0.term.language == language && !$0.lowConfidence }
                .map { Int($0.entry.id) }
        }
    }
}
