import ArgumentParser
import DragomanText
import DragomanTM
import Foundation

/// Compares Dragoman's fuzzy score with a plain character-level Levenshtein similarity
/// on the match key and with OmegaT's word-level score, on real data.
struct ScoreCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score-compare",
        abstract: "Compare the fuzzy score's rankings with character- and word-level Levenshtein on ../shared/data.")

    @Argument(help: "The data folder (../shared/data).") var data: String
    @Option(help: "How many queries.") var queries = 150
    @Option(help: "How many disagreements to print.") var examples = 8

    func run() throws {
        let corpus = try BenchCorpus.load(dataDirectory: data)
        let tm = InMemoryTranslationMemory()
        var rng = BenchRandom(seed: 5)
        // A TM of the real pairs plus one perturbed copy of a third of them.
        var units = corpus.pairs.map { TranslationUnit(arabic: $0.arabic, english: $0.english) }
        for (i, p) in corpus.pairs.enumerated() where i % 3 == 0 {
            units.append(TranslationUnit(arabic: BenchCorpus.perturb(p.arabic, rng: &rng, vocabulary: corpus.vocabulary).0, english: p.english))
        }
        _ = try tm.add(contentsOf: units)
        var qrng = BenchRandom(seed: 17)
        let texts: [String] = (0..<queries).map { i in
            i % 2 == 0 ? corpus.heldOut[i % corpus.heldOut.count].arabic
                : BenchCorpus.perturb(corpus.pairs[Int(qrng.next() % UInt64(corpus.pairs.count))].arabic, rng: &qrng, vocabulary: corpus.vocabulary).0
        }
        var sameTop = (char: 0, word: 0), compared = 0
        var aboveOurs = 0, aboveChar = 0, aboveWord = 0
        var cliticCases = 0, cliticOursHigher = 0
        var printed = 0
        for q in texts {
            // Candidates: everything Dragoman scores ≥ 50, plus the char-level top 5 of a scan.
            let ours = try tm.searcher().search(TMQuery(text: q), threshold: 50, limit: 50)
            guard !ours.isEmpty else { continue }
            let qKey = Array(MatchKey.make(q).unicodeScalars)
            let qWords = ours[0].queryTokens.filter { $0.weightClass != .punctuation }.map(\.key)
            var rows: [(id: Int64, ours: Int, char: Int, word: Int, source: String)] = []
            for m in ours {
                let sKey = Array(MatchKey.make(m.source).unicodeScalars)
                let d = Levenshtein.distance(qKey, sKey)
                let char = 100 * (max(qKey.count, sKey.count) - d) / max(1, max(qKey.count, sKey.count))
                let word = FuzzyScore.wordLevel(qWords, m.sourceTokens.filter { $0.weightClass != .punctuation }.map(\.key))
                rows.append((m.unit.id!, m.score, char, word, m.source))
                if m.score >= 70 { aboveOurs += 1 }
                if char >= 70 { aboveChar += 1 }
                if word >= 70 { aboveWord += 1 }
                if m.steps.contains(where: { $0.kind == .clitic }) && m.steps.allSatisfy({ $0.kind == .equal || $0.kind == .clitic }) {
                    cliticCases += 1
                    if m.score > word { cliticOursHigher += 1 }
                }
            }
            compared += 1
            let topOurs = rows.max { ($0.ours, -$0.id) < ($1.ours, -$1.id) }!.id
            let topChar = rows.max { ($0.char, -$0.id) < ($1.char, -$1.id) }!.id
            let topWord = rows.max { ($0.word, -$0.id) < ($1.word, -$1.id) }!.id
            if topOurs == topChar { sameTop.char += 1 }
            if topOurs == topWord { sameTop.word += 1 }
            if topOurs != topChar && printed < examples {
                printed += 1
                let a = rows.first { $0.id == topOurs }!, b = rows.first { $0.id == topChar }!
                print("query: \(q)")
                print("  Dragoman's top (ours \(a.ours), char \(a.char), word \(a.word)): \(a.source)")
                print("  char-level top (ours \(b.ours), char \(b.char), word \(b.word)): \(b.source)")
            }
        }
        print("")
        print("queries with candidates: \(compared) of \(texts.count)")
        print(String(format: "same top match as char-level Levenshtein: %.1f%%; as word-level: %.1f%%",
                     100 * Double(sameTop.char) / Double(max(1, compared)), 100 * Double(sameTop.word) / Double(max(1, compared))))
        print("candidate pairs at ≥ 70: Dragoman \(aboveOurs), char-level \(aboveChar), word-level \(aboveWord)")
        print("pairs that differ only by clitics/endings: \(cliticCases); Dragoman scores them above word-level in \(cliticOursHigher)")
    }
}

/// Plain Levenshtein on scalars (for comparisons only).
enum Levenshtein {
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
