import DragomanAlign
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// What a learning did.
public struct LearningReport: Sendable, Hashable, Codable {
    public var units: Int
    /// Distinct alignment tokens (both languages).
    public var words: Int
    public var links: Int
    /// Glossary word pairs given to the aligner as priors.
    public var priors: Int
    public var seconds: Double
    /// Reading and tokenising the units; EM (all iterations, both directions) and the links;
    /// storing the model and the links.
    public var readSeconds = 0.0
    public var learnSeconds = 0.0
    public var storeSeconds = 0.0
    /// EM iterations (Model 1 and diagonal).
    public var iterations = 0
}

/// Learning the TM's word alignment (`tm learn`, and by itself after an import that made
/// the TM grow by a quarter; see `WordAlignmentState.isLearningDue`): every unit tokenised
/// for alignment, the glossary's term pairs as priors, IBM Model 1 then the diagonal model
/// in both directions, symmetrised; the model and every unit's links stored in one
/// transaction.
public struct TMLearning {
    public let tm: SQLiteTranslationMemory
    public let glossary: (any GlossaryStore)?
    public var options = WordAlignmentOptions()

    public init(tm: SQLiteTranslationMemory, glossary: (any GlossaryStore)?) {
        self.tm = tm
        self.glossary = glossary
    }

    /// The phases a learning reports progress in.
    public enum Phase: String, Sendable {
        case reading = "reading units"
        case learning = "learning word alignments"
        case storing = "storing links"
    }

    public func learn(progress: (@Sendable (Phase, WorkProgress) -> Void)? = nil) throws -> LearningReport {
        let started = Date()
        let store = SQLiteWordAlignment(database: tm.database)
        // 1. The units, and how often each Arabic key stands as a word.
        var ids: [Int64] = []
        var texts: [(String, String)] = []
        try store.corpus { id, arabic, english in
            ids.append(id)
            texts.append((arabic, english))
            if ids.count % 16384 == 0 { progress?(.reading, WorkProgress(unit: "units", done: ids.count)) }
        }
        let tokens: [([MatchToken], [MatchToken])] = ParallelMap.map(texts.count) { i in
            (MatchTokenizer.tokens(of: texts[i].0, side: .arabic), MatchTokenizer.tokens(of: texts[i].1, side: .english))
        }
        texts = []
        var counts: [String: Int] = [:]
        for (arabic, _) in tokens {
            for t in arabic where t.weightClass == .word { counts[t.key, default: 0] += 1 }
        }
        let frozen = counts
        let tokenizer = AlignmentTokenizer(arabicCount: { frozen[$0] ?? 0 })
        let aligned: [AlignmentTokens] = ParallelMap.map(tokens.count) { i in tokenizer.tokens(arabic: tokens[i].0, english: tokens[i].1) }
        progress?(.reading, WorkProgress(unit: "units", done: ids.count, total: ids.count))
        // 2. Ids for the tokens (one vocabulary for both languages: numbers, punctuation and
        // Latin names are shared).
        var vocabulary = GrowingVocabulary()
        let sentences: [AlignmentSentence] = aligned.map { t in
            AlignmentSentence(source: t.arabic.map { vocabulary.id(for: $0) }, target: t.english.map { vocabulary.id(for: $0) },
                              anchors: t.anchors)
        }
        let priors = try glossary.map { try GlossaryPriors.priors(from: $0, tokenizer: tokenizer, vocabulary: vocabulary) } ?? []
        let readDone = Date()
        // 3. Learning.
        // Very long pairs are not learnt from (see `LongSentences`); they are aligned in pieces.
        let learnt = sentences.map { LongSentences.isLong($0) ? AlignmentSentence(source: [], target: []) : $0 }
        var options = self.options
        options.linksAtTheEnd = false
        let (model, _) = WordAligner.learn(
            learnt, sourceVocabularySize: vocabulary.strings.count, targetVocabularySize: vocabulary.strings.count, priors: priors,
            options: options,
            progress: progress.map { report in { @Sendable done, total in report(.learning, WorkProgress(unit: "unit passes", done: done, total: total)) } })
        let learnDone = Date()
        // 4. Storing: links between the words a user sees.
        let graded: [(links: Int, bytes: [UInt8])] = ParallelMap.map(ids.count) { i in
            let (all, sure) = LongSentences.align(model, sentences[i])
            return (all.count, StoredLinks.encode(aligned[i], links: all, sure: sure))
        }
        let coded = zip(ids, graded).map { (unit: $0, links: $1.bytes) }
        let linkCount = graded.reduce(0) { $0 + $1.links }
        let stored = StoredWordModel(
            words: vocabulary.ids, arabicCounts: counts,
            forward: LexiconCoding.rows(model.entries(direction: .forward)),
            reverse: LexiconCoding.rows(model.entries(direction: .reverse)),
            forwardTension: model.forwardTension, reverseTension: model.reverseTension, nullProbability: model.nullProbability)
        let seconds = Date().timeIntervalSince(started)
        try store.replace(with: stored, links: coded, unitsLearnt: ids.count, seconds: seconds) { done in
            progress?(.storing, WorkProgress(unit: "units", done: done, total: ids.count))
        }
        let end = Date()
        return LearningReport(units: ids.count, words: vocabulary.ids.count, links: linkCount, priors: priors.count,
                              seconds: end.timeIntervalSince(started), readSeconds: readDone.timeIntervalSince(started),
                              learnSeconds: learnDone.timeIntervalSince(readDone), storeSeconds: end.timeIntervalSince(learnDone),
                              iterations: options.totalIterations)
    }
}

/// The glossary's term pairs as word priors for the aligner: every Arabic word of a term
/// (its core, as the aligner tokenises it) with every English content word of the
/// entry's English terms; a pseudo-count weighted by status (a preferred term counts most,
/// a forbidden one least: it is still what the text may say) and shared among the pairs
/// of a multi-word term. Only words the TM has are kept.
enum GlossaryPriors {
    static func weight(_ status: TermStatus) -> Float {
        switch status {
        case .preferred: return 2
        case .admitted: return 1
        case .deprecated: return 0.5
        case .forbidden: return 0.25
        }
    }

    static func priors(from glossary: any GlossaryStore, tokenizer: AlignmentTokenizer, vocabulary: GrowingVocabulary) throws -> [WordPrior] {
        var sums: [UInt64: Float] = [:]
        try glossary.read { reader in
            try reader.forEachEntry(domain: nil, after: 0) { entry in
                let arabic = entry.terms.filter { $0.language == .arabic }
                let english = entry.terms.filter { $0.language == .english }
                guard !arabic.isEmpty, !english.isEmpty else { return true }
                for a in arabic {
                    let aTokens = tokenizer.tokens(arabic: a.text, english: "").arabic
                        .filter { !$0.hasSuffix("+") && !$0.hasPrefix("+") && !FunctionWords.contains($0, .arabic) }
                        .compactMap { vocabulary.ids[$0] }
                    guard !aTokens.isEmpty else { continue }
                    for e in english {
                        let eTokens = MatchTokenizer.tokens(of: e.text, side: .english)
                            .filter { $0.weightClass == .word && !FunctionWords.contains($0.key, .english) }
                            .compactMap { vocabulary.ids[$0.key] }
                        guard !eTokens.isEmpty else { continue }
                        let w = min(weight(a.status), weight(e.status)) / Float(max(aTokens.count, eTokens.count))
                        for x in aTokens {
                            for y in eTokens { sums[UInt64(UInt32(x)) << 32 | UInt64(UInt32(y)), default: 0] += w }
                        }
                    }
                }
                return true
            }
        }
        return sums.map { WordPrior(source: Int32(truncatingIfNeeded: $0.key >> 32), target: Int32(truncatingIfNeeded: $0.key & 0xFFFF_FFFF),
                                    weight: $0.value) }
    }
}

/// A stored lexicon row: a word's translations and their probabilities, as bytes
/// (count, then per translation a varint id and the Float's 32 bits).
public enum LexiconCoding {
    public static func encode(_ translations: [(word: Int32, probability: Float)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(translations.count * 6)
        for (word, p) in translations {
            var v = UInt32(bitPattern: word)
            while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            out.append(UInt8(v))
            let bits = p.bitPattern
            out.append(UInt8(bits & 0xFF)); out.append(UInt8(bits >> 8 & 0xFF))
            out.append(UInt8(bits >> 16 & 0xFF)); out.append(UInt8(bits >> 24))
        }
        return out
    }

    public static func decode(_ bytes: [UInt8]) -> [(word: Int32, probability: Float)] {
        var out: [(word: Int32, probability: Float)] = []
        var i = 0
        while i < bytes.count {
            var v: UInt32 = 0, shift: UInt32 = 0
            while i < bytes.count {
                let b = bytes[i]; i += 1
                v |= UInt32(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            guard i + 4 <= bytes.count else { break }
            let bits = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            i += 4
            out.append((Int32(bitPattern: v), Float(bitPattern: bits)))
        }
        return out
    }

    static func rows(_ entries: [(word: Int32, translations: [(word: Int32, probability: Float)])]) -> [Int32: [UInt8]] {
        var out: [Int32: [UInt8]] = [:]
        for e in entries where !e.translations.isEmpty { out[e.word] = encode(e.translations) }
        return out
    }
}
