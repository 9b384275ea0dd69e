import Foundation
import DragomanAlign
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM

/// `term extract`: glossary entries proposed from the word-aligned TM, those the
/// glossary already has (the Arabic found as it stands or on match keys) left out.
public struct TermExtraction: Sendable {
    public let tm: SQLiteTranslationMemory
    public let glossary: (any GlossaryStore)?

    public init(tm: SQLiteTranslationMemory, glossary: (any GlossaryStore)?) {
        self.tm = tm
        self.glossary = glossary
    }

    /// The two passes over the aligned TM: the extractor with every candidate counted,
    /// ready to rank (`dragoman-eval terms --explain` asks it why a pair was not proposed).
    public func read(progress: ((WorkProgress) -> Void)? = nil) throws -> TermExtractor {
        let alignment = SQLiteWordAlignment(database: tm.database)
        var extractor = TermExtractor()
        var done = 0
        // Pass 1, in batches looked at on every core and added up on this one.
        var batch: [(Int64, String, String, [UInt8])] = []
        func flush() {
            let found: [TermExtractor.UnitCandidates] = ParallelMap.map(batch.count) { i in
                let (_, arabic, english, links) = batch[i]
                return extractor.candidates(arabic: arabic, arabicTokens: MatchTokenizer.tokens(of: arabic, side: .arabic, bases: false),
                                         english: english, englishTokens: MatchTokenizer.tokens(of: english, side: .english, bases: false),
                                         links: StoredLinks.decode(links))
            }
            for (i, unit) in batch.enumerated() { extractor.record(found[i], unit: unit.0) }
            done += batch.count
            progress?(WorkProgress(unit: "units read", done: done))
            batch.removeAll(keepingCapacity: true)
        }
        try alignment.alignedCorpus { id, arabic, english, links in
            batch.append((id, arabic, english, links))
            if batch.count == 8192 { flush() }
        }
        flush()
        // Pass 2: how often each candidate's English occurs, and each pair together.
        let secondPass = extractor.secondPass()
        var pending: [(String, String)] = []
        func count() {
            let findings: [TermExtractor.UnitFindings] = ParallelMap.map(pending.count) { i in
                secondPass.findings(englishTokens: MatchTokenizer.tokens(of: pending[i].1, side: .english, bases: false)) {
                    MatchTokenizer.tokens(of: pending[i].0, side: .arabic, bases: false)
                }
            }
            for f in findings { extractor.record(f) }
            pending.removeAll(keepingCapacity: true)
        }
        try alignment.corpus { _, arabic, english in
            pending.append((arabic, english))
            if pending.count == 8192 { count() }
        }
        count()
        return extractor
    }

    /// The best `limit` proposals seen in `minimumCount` units or more, those the glossary
    /// has or already gives left out.
    public func run(minimumCount: Int, limit: Int, progress: ((WorkProgress) -> Void)? = nil) throws -> [TermCandidate] {
        try proposals(from: read(progress: progress), minimumCount: minimumCount, limit: limit)
    }

    /// `run` on an extractor `read` already filled.
    public func proposals(from extractor: TermExtractor, minimumCount: Int, limit: Int) throws -> [TermCandidate] {
        var out: [TermCandidate] = []
        for candidate in extractor.ranked(minimumCount: minimumCount) {
            if try isKnown(candidate) || isCovered(candidate) { continue }
            out.append(candidate)
            if out.count == limit { break }
        }
        return out
    }

    /// Whether the glossary has the Arabic already.
    func isKnown(_ candidate: TermCandidate) throws -> Bool {
        guard let glossary else { return false }
        return try glossary.lookup(candidate.arabic, limit: 5).contains {
            $0.term.language == .arabic && ($0.kind == .exact || $0.kind == .normalized || $0.kind == .clitic)
        }
    }

    /// Whether glossary terms inside a phrase already give its English, so that the
    /// proposal adds nothing: يوم السبت → Saturday when the glossary has السبت → Saturday
    /// (the links tie both words to Saturday, as they tie كلمة السر to password).
    func isCovered(_ candidate: TermCandidate) throws -> Bool {
        guard let glossary, candidate.arabic.contains(" ") else { return false }
        let english = candidate.english.lowercased()
        return try glossary.find(in: candidate.arabic).contains { hit in
            hit.entry.terms.contains { term in
                // A term may list its senses ("Saturday | Sabbath", "day; date"), as the
                // glossary import reads them.
                term.language == .english && term.status != .forbidden
                    && GlossaryBatcher.glosses(of: term.text).contains { $0.lowercased() == english }
            }
        }
    }

    /// The TSV of the glossary import (`term import` reads it back): one row per proposal,
    /// the evidence in the note.
    public static func tsv(_ candidates: [TermCandidate]) -> String {
        var out = "arabic\tenglish\tdomain\tnote\tsource\n"
        for c in candidates {
            let units = c.units.map { "#\($0)" }.joined(separator: ", ")
            let note = "from the TM: \(c.count) units, \(c.linkedCount) by the word links (\(units)); Dice \(c.dice); confidence \(c.confidence)"
            out += [c.arabic, c.english, "", note, "dragoman term extract"].map(Self.field).joined(separator: "\t") + "\n"
        }
        return out
    }

    static func field(_ s: String) -> String {
        s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
