import ArgumentParser
import DragomanApp
import DragomanGlossary
import DragomanQA
import DragomanText
import Foundation

/// `dragoman-eval qa`: recall of injected errors and false findings on clean pairs.
///
/// The clean set is every NTREX pair (ntrex-dev.tsv). Each kind of error is injected into
/// copies of the pairs it applies to (one error per copy), and a copy counts as found when
/// the check of that kind reports it (an error, or a warning for the kinds the checker
/// reports as warnings). The glossary is the starter glossary, as a new database has it.
/// With `--write DIR` the clean and injected pairs are written as TSV for other tools
/// (scripts/qa-anchor-pofilter runs Translate Toolkit's pofilter on them).
struct QAEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa",
        abstract: "Recall of injected translation errors per kind, and false findings on clean NTREX pairs."
    )

    @Argument(help: "The data folder (../shared/data).") var data: String
    @Option(help: "Write clean.tsv and one TSV per injected kind into this folder.") var write: String?
    @Option(help: "Seed of the choices made when injecting.") var seed: UInt64 = 20_261_206

    /// A kind of injected error: where it applies and what it does to the target.
    struct Injection {
        let name: String
        let check: QACheck
        /// The changed target, or nil when the pair offers no place for this error.
        let apply: (_ pair: QAPair, _ rng: inout SplitMix64) throws -> String?
    }

    func run() throws {
        let documents = try NTREX.load(dataDirectory: data)
        var pairs: [QAPair] = []
        for doc in documents {
            for (i, (ar, en)) in zip(doc.arabic, doc.english).enumerated() {
                pairs.append(QAPair(id: "\(doc.id)#\(i + 1)", source: ar, target: en))
            }
        }
        let glossary = InMemoryGlossary()
        try StarterGlossary.load(from: .builtIn, into: glossary)
        let checker = QAChecker(glossary: glossary)
        print("pairs: \(pairs.count) (ntrex-dev.tsv); glossary: the starter glossary (\(try glossary.counts().entries) entries)")

        // Clean pairs: findings per check; a segment with an error finding is a false error.
        var clean: [QAFinding] = []
        for pair in pairs { clean += try checker.check(pair) }
        // Consistency is a property of the file, not of one pair.
        let consistency = try checker.check(pairs).filter { $0.check == .consistency }.count
        let errorUnits = Set(clean.filter { $0.severity == .error }.map(\.unitID)).count
        let warningUnits = Set(clean.filter { $0.severity == .warning }.map(\.unitID)).count
        print(String(format: "clean pairs: %d with an error finding (%.1f%% of segments), %d with a warning (%.1f%%)",
                     errorUnits, 100 * Double(errorUnits) / Double(pairs.count), warningUnits, 100 * Double(warningUnits) / Double(pairs.count)))
        for check in QACheck.allCases {
            let errors = clean.filter { $0.check == check && $0.severity == .error }.count
            let warnings = clean.filter { $0.check == check && $0.severity == .warning }.count
            print("  \(check.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) errors \(errors), warnings \(check == .consistency ? consistency : warnings)")
        }

        var rng = SplitMix64(seed: seed)
        if let write { try FileManager.default.createDirectory(atPath: write, withIntermediateDirectories: true) }
        if let write { try Self.tsv(pairs).write(toFile: (write as NSString).appendingPathComponent("clean.tsv"), atomically: true, encoding: .utf8) }
        print("injected errors (one per copy of a pair; found = the check of that kind reports it):")
        for injection in try injections(glossary: glossary) {
            var injected: [QAPair] = []
            for pair in pairs {
                guard let target = try injection.apply(pair, &rng), target != pair.target else { continue }
                injected.append(QAPair(id: pair.id, source: pair.source, target: target))
            }
            var found = 0, foundAsError = 0
            for pair in injected {
                let findings = try checker.check(pair).filter { $0.check == injection.check }
                if !findings.isEmpty { found += 1 }
                if findings.contains(where: { $0.severity == .error }) { foundAsError += 1 }
            }
            let recall = injected.isEmpty ? 0 : Double(found) / Double(injected.count)
            print("  " + injection.name.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + String(format: "%5d copies, found %5d (recall %.3f), as an error %5d", injected.count, found, recall, foundAsError))
            if let write {
                try Self.tsv(injected).write(toFile: (write as NSString).appendingPathComponent("\(injection.name).tsv"),
                                             atomically: true, encoding: .utf8)
            }
        }
    }

    static func tsv(_ pairs: [QAPair]) -> String {
        pairs.map { "\($0.source)\t\($0.target)\n" }.joined()
    }

    func injections(glossary: InMemoryGlossary) throws -> [Injection] {
        func numberTokens(_ text: String) -> [Token] { Tokenizer.tokenize(text).filter { $0.number != nil } }
        func replacing(_ text: String, _ range: Range<Int>, with new: String) -> String {
            var u = Array(text.utf16)
            u.replaceSubrange(range, with: Array(new.utf16))
            return String(decoding: u, as: UTF16.self)
        }
        return [
            Injection(name: "number-changed", check: .numbers) { pair, rng in
                let numbers = numberTokens(pair.target).filter { $0.text.allSatisfy(\.isASCII) }
                guard !numbers.isEmpty else { return nil }
                let t = numbers[Int(rng.next() % UInt64(numbers.count))]
                guard let last = t.text.last(where: \.isNumber), let d = last.wholeNumberValue else { return nil }
                let changed = String(t.text.reversed().drop(while: { $0 != last }).dropFirst().reversed()) + String((d + 1) % 10)
                    + String(t.text.reversed().prefix(while: { $0 != last }).reversed())
                return replacing(pair.target, t.range, with: changed)
            },
            Injection(name: "number-dropped", check: .numbers) { pair, rng in
                // A number the source has too (dropping one the source lacks is no error).
                let sourceValues = Set(numberTokens(pair.source).compactMap { $0.number?.decimal })
                let numbers = numberTokens(pair.target).filter { sourceValues.contains($0.number!.decimal) }
                guard !numbers.isEmpty else { return nil }
                let t = numbers[Int(rng.next() % UInt64(numbers.count))]
                return replacing(pair.target, t.range, with: "several")
            },
            Injection(name: "term-dropped", check: .glossary) { pair, _ in
                // A source term whose translation the target has: the translation removed.
                for hit in try glossary.find(in: pair.source) where hit.term.language == .arabic && !hit.lowConfidence {
                    for t in hit.translations where !t.status.isDiscouraged {
                        if let r = pair.target.range(of: t.text, options: [.caseInsensitive]) {
                            return pair.target.replacingCharacters(in: r, with: "it")
                        }
                    }
                }
                return nil
            },
            Injection(name: "term-forbidden", check: .glossary) { pair, _ in
                // A source term whose entry has a deprecated or forbidden English variant: the
                // target's preferred translation replaced by it.
                for hit in try glossary.find(in: pair.source) where hit.term.language == .arabic && !hit.lowConfidence {
                    guard let bad = hit.translations.first(where: { $0.status.isDiscouraged }) else { continue }
                    for t in hit.translations where !t.status.isDiscouraged {
                        if let r = pair.target.range(of: t.text, options: [.caseInsensitive]) {
                            return pair.target.replacingCharacters(in: r, with: bad.text)
                        }
                    }
                }
                return nil
            },
            Injection(name: "name-dropped", check: .completeness) { pair, _ in
                // A Latin-script name of the Arabic source that the target carries: removed.
                for t in Tokenizer.tokenize(pair.source) where t.kind == .latinWord && t.text.count >= 2 {
                    if pair.target.range(of: t.text, options: [.caseInsensitive]) != nil {
                        return pair.target.replacingOccurrences(of: t.text, with: "", options: [.caseInsensitive])
                    }
                }
                return nil
            },
            Injection(name: "bracket-removed", check: .form) { pair, _ in
                guard let r = pair.target.range(of: ")"), pair.target.contains("(") else { return nil }
                return pair.target.replacingCharacters(in: r, with: "")
            },
            Injection(name: "arabic-comma", check: .form) { pair, _ in
                guard let r = pair.target.range(of: ",") else { return nil }
                return pair.target.replacingCharacters(in: r, with: "،")
            },
        ]
    }
}
