import ArgumentParser
import DragomanText
import Foundation

/// Sentence-boundary precision/recall/F1 on NTREX: each document's sentences are joined
/// into one paragraph per language and segmented again.
struct SegmentEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Evaluate sentence segmentation on ntrex-dev.tsv (boundary precision, recall, F1)."
    )

    @Argument(help: "The data folder (../shared/data).")
    var data: String

    @Option(help: "How many errors to list per language.")
    var maxErrors = 40

    func run() throws {
        let docs = try NTREX.load(dataDirectory: data)
        print("Sentence segmentation on \(docs.count) NTREX documents (\(docs.reduce(0) { $0 + $1.arabic.count }) sentence pairs)")
        for (label, lang) in [("Arabic", Language.arabic), ("English", Language.english)] {
            for mode in SentenceSegmenter.Mode.allCases {
                var total = PRF()
                var visible = PRF()
                var errors: [String] = []
                let segmenter = SentenceSegmenter(language: lang, layout: .plainText, mode: mode)
                for doc in docs {
                    let sentences = lang == .arabic ? doc.arabic : doc.english
                    let (prf, visiblePRF, errs) = evaluate(sentences: sentences, segmenter: segmenter, docID: doc.id)
                    total = total + prf
                    visible = visible + visiblePRF
                    errors += errs
                }
                let name = mode == .rules ? "Dragoman (ICU + rules)" : "ICU alone"
                print("\(label.padding(toLength: 8, withPad: " ", startingAt: 0)) \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) all boundaries:     \(total.summary)")
                print("\("".padding(toLength: 33, withPad: " ", startingAt: 0)) after a terminator: \(visible.summary)")
                if mode == .rules && !errors.isEmpty {
                    print("  errors (\(errors.count), first \(min(errors.count, maxErrors))):")
                    for e in errors.prefix(maxErrors) { print("    " + e) }
                }
            }
        }
    }

    /// Gold boundaries are the offsets where each sentence after the first starts.
    /// The second figure counts only gold boundaries that follow a sentence ending in
    /// . ! ? ؟ … (optionally with closing quotes): a headline with no final mark, joined
    /// to the next sentence, leaves nothing in the text for any segmenter to see.
    func evaluate(sentences: [String], segmenter: SentenceSegmenter, docID: String) -> (PRF, PRF, [String]) {
        var gold = Set<Int>()
        var invisible = Set<Int>()
        var joined = ""
        for (i, s) in sentences.enumerated() {
            if i > 0 {
                joined += " "
                gold.insert(joined.utf16.count)
                if !endsWithTerminator(sentences[i - 1]) { invisible.insert(joined.utf16.count) }
            }
            joined += s
        }
        let predicted = Set(segmenter.segments(of: joined).dropFirst().map(\.range.lowerBound))
        var prf = PRF()
        prf.truePositives = gold.intersection(predicted).count
        prf.falsePositives = predicted.subtracting(gold).count
        prf.falseNegatives = gold.subtracting(predicted).count
        var visible = PRF()
        let visibleGold = gold.subtracting(invisible)
        let visiblePredicted = predicted.subtracting(invisible)
        visible.truePositives = visibleGold.intersection(visiblePredicted).count
        visible.falsePositives = visiblePredicted.subtracting(visibleGold).count
        visible.falseNegatives = visibleGold.subtracting(visiblePredicted).count
        let u = Array(joined.utf16)
        func context(_ at: Int) -> String {
            let lo = max(0, at - 40), hi = min(u.count, at + 30)
            return String(decoding: u[lo..<at], as: UTF16.self) + " ‖ " + String(decoding: u[at..<hi], as: UTF16.self)
        }
        var errors: [String] = []
        for b in predicted.subtracting(gold).sorted() { errors.append("[\(docID)] extra break: …\(context(b))…") }
        for b in gold.subtracting(predicted).sorted() {
            let note = invisible.contains(b) ? " (no terminator before it)" : ""
            errors.append("[\(docID)] missed break\(note): …\(context(b))…")
        }
        return (prf, visible, errors)
    }

    func endsWithTerminator(_ s: String) -> Bool {
        var scalars = Array(s.unicodeScalars)
        while let last = scalars.last, "\"'»”“’)]".unicodeScalars.contains(last) || last.properties.isWhitespace {
            scalars.removeLast()
        }
        guard let last = scalars.last else { return false }
        return ".!?؟…".unicodeScalars.contains(last)
    }
}

/// Throughput of the text core over the Arabic side of NTREX.
struct TextThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text-throughput",
        abstract: "Measure MB/s of match keys, tokenization and segmentation over the Arabic text of ntrex-dev.tsv."
    )

    @Argument(help: "The data folder (../shared/data).")
    var data: String

    @Option(help: "How many passes over the text.")
    var passes = 20

    func run() throws {
        let docs = try NTREX.load(dataDirectory: data)
        let paragraphs = docs.map { $0.arabic.joined(separator: " ") }
        let bytes = paragraphs.reduce(0) { $0 + $1.utf8.count }
        let mb = Double(bytes * passes) / 1_000_000
        func time(_ label: String, _ body: () -> Int) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            var sink = 0
            for _ in 0..<passes { sink &+= body() }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print("  " + label.padding(toLength: 30, withPad: " ", startingAt: 0)
                  + String(format: "%8.2f MB/s  (%.3f s, checksum %d)", mb / seconds, seconds, sink))
            return seconds
        }
        print("Text core throughput: \(bytes) bytes of Arabic (NTREX), \(passes) passes")
        let segmenter = SentenceSegmenter(language: .arabic)
        let k = time("match key") { paragraphs.reduce(0) { $0 + MatchKey.make($1).utf8.count } }
        let t = time("tokens (with keys)") { paragraphs.reduce(0) { $0 + Tokenizer.tokenize($1).count } }
        let s = time("sentence segmentation") { paragraphs.reduce(0) { $0 + segmenter.segments(of: $1).count } }
        let all = time("key + tokens + segmentation") {
            paragraphs.reduce(0) { acc, p in
                acc + MatchKey.make(p).utf8.count + Tokenizer.tokenize(p).count + segmenter.segments(of: p).count
            }
        }
        _ = (k, t, s, all)
    }
}
