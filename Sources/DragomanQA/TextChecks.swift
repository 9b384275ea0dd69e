import DragomanText
import Foundation

/// Completeness: an empty target, a target equal to its source, Arabic left in an English
/// target, and names, URLs, e-mails and hashtags of the source missing in the target.
enum CompletenessCheck {
    static func findings(_ pair: QAPair) -> [QAFinding] {
        func finding(_ severity: QASeverity, _ rule: String, _ message: String) -> QAFinding {
            QAFinding(unitID: pair.id, severity: severity, check: .completeness, rule: rule, message: message)
        }
        let source = pair.source.trimmingCharacters(in: .whitespacesAndNewlines)
        let target = pair.target.trimmingCharacters(in: .whitespacesAndNewlines)
        if target.isEmpty { return [finding(.error, "empty-target", "the target is empty")] }
        if target == source { return [finding(.error, "target-equals-source", "the target is the source, untranslated")] }
        var out: [QAFinding] = []
        if pair.sourceLanguage == .arabic {
            let arabic = target.unicodeScalars.filter { ArabicScript.isLetter($0.value) }
            if !arabic.isEmpty {
                out.append(finding(.warning, "arabic-in-target",
                                   "the English target still has Arabic letters (\(String(String.UnicodeScalarView(arabic.prefix(20))))): translate or transliterate them"))
            }
        }
        // What the target should carry over as it is.
        let targetLower = target.lowercased()
        for token in Tokenizer.tokenize(source) {
            let carried: Bool
            switch token.kind {
            case .url, .email: carried = true
            case .latinWord where pair.sourceLanguage == .arabic: carried = token.text.count >= 2
            default: carried = false
            }
            if carried && !targetLower.contains(token.text.lowercased()) {
                out.append(finding(.warning, "missing-name", "«\(token.text)» of the source is not in the target"))
            }
        }
        for tag in hashtags(source) where !targetLower.contains(tag.lowercased()) {
            out.append(finding(.warning, "missing-hashtag", "the hashtag \(tag) of the source is not in the target"))
        }
        return out
    }

    static func hashtags(_ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"(?<![\p{L}\p{N}_])#[\p{L}\p{N}_]+"#)
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}

/// Form: brackets and quotes that do not close, doubled spaces and words, white space at
/// the ends unlike the source's, Arabic punctuation in English, and placeholders or inline
/// codes of the source missing or extra in the target.
enum FormCheck {
    static func findings(_ pair: QAPair) -> [QAFinding] {
        func finding(_ severity: QASeverity, _ rule: String, _ message: String) -> QAFinding {
            QAFinding(unitID: pair.id, severity: severity, check: .form, rule: rule, message: message)
        }
        let target = pair.target
        guard !target.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        var out: [QAFinding] = []
        // Only where the source pairs its own: a news quote often opens in one sentence and
        // closes in another.
        func count(_ text: String, _ mark: String) -> Int { text.components(separatedBy: mark).count - 1 }
        let sourceQuotes = pair.source.filter { "\"«»“”".contains($0) }.count
        for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"), ("“", "”")] {
            let opens = count(target, open), closes = count(target, close)
            let sourceBalanced = count(pair.source, open) == count(pair.source, close)
                && (open == "(" || open == "[" || open == "{" || sourceQuotes % 2 == 0)
            if opens != closes && sourceBalanced {
                out.append(finding(.warning, "unbalanced-brackets", "\(open) and \(close) do not pair up in the target (\(opens) opened, \(closes) closed)"))
            }
        }
        let straight = target.filter { $0 == "\"" }.count
        if straight % 2 == 1 && sourceQuotes % 2 == 0 {
            out.append(finding(.warning, "unbalanced-quotes", "the target has an odd number of \" quotes"))
        }
        if target.contains("  ") { out.append(finding(.warning, "double-space", "the target has a double space")) }
        if let doubled = doubledWord(target) {
            out.append(finding(.warning, "doubled-word", "«\(doubled) \(doubled)»: a word is doubled in the target"))
        }
        let sourceLead = pair.source.first?.isWhitespace ?? false, targetLead = target.first?.isWhitespace ?? false
        let sourceTrail = pair.source.last?.isWhitespace ?? false, targetTrail = target.last?.isWhitespace ?? false
        if sourceLead != targetLead || sourceTrail != targetTrail {
            out.append(finding(.warning, "edge-spaces", "the target's leading or trailing white space differs from the source's"))
        }
        if pair.sourceLanguage == .arabic, let mark = target.first(where: { "،؛؟".contains($0) }) {
            out.append(finding(.error, "arabic-punctuation", "Arabic punctuation «\(mark)» in the English target: use \(mark == "،" ? "," : mark == "؛" ? ";" : "?")"))
        }
        let sourceCodes = placeholders(pair.source), targetCodes = placeholders(target)
        for code in Set(sourceCodes) where targetCodes.filter({ $0 == code }).count < sourceCodes.filter({ $0 == code }).count {
            out.append(finding(.error, "missing-placeholder", "the placeholder or code \(code) of the source is missing in the target"))
        }
        for code in Set(targetCodes) where !sourceCodes.contains(code) {
            out.append(finding(.error, "extra-placeholder", "the target has \(code), which the source does not"))
        }
        return out
    }

    static func doubledWord(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map { $0.trimmingCharacters(in: .punctuationCharacters).lowercased() }
        for (a, b) in zip(words, words.dropFirst()) where !a.isEmpty && a == b && a.rangeOfCharacter(from: .letters) != nil {
            // "had had" and "that that" are English; a doubled Arabic or other word is not.
            if ["had", "that"].contains(a) { continue }
            return a
        }
        return nil
    }

    /// Placeholders and inline codes: `%s`, `%1$s`, `%NAME%`, `{0}`, `$x$`, `#X#`, `<b>`.
    static func placeholders(_ text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return ScriptCheck.placeholder.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}

/// Consistency within the file: the same source (match key) translated differently, and
/// the same target for different sources.
enum ConsistencyCheck {
    static func findings(_ pairs: [QAPair]) -> [QAFinding] {
        var out: [QAFinding] = []
        var targetsOfSource: [String: (id: String, target: String)] = [:]
        var sourcesOfTarget: [String: (id: String, source: String)] = [:]
        for pair in pairs {
            let sourceKey = MatchKey.make(pair.source), targetKey = MatchKey.make(pair.target)
            guard !sourceKey.isEmpty, !targetKey.isEmpty else { continue }
            if let first = targetsOfSource[sourceKey] {
                if MatchKey.make(first.target) != targetKey {
                    out.append(QAFinding(unitID: pair.id, severity: .warning, check: .consistency, rule: "inconsistent-target",
                                         message: "the same source as unit \(first.id) is translated differently there («\(first.target)»)"))
                }
            } else {
                targetsOfSource[sourceKey] = (pair.id, pair.target)
            }
            if let first = sourcesOfTarget[targetKey] {
                if MatchKey.make(first.source) != sourceKey {
                    out.append(QAFinding(unitID: pair.id, severity: .warning, check: .consistency, rule: "same-target",
                                         message: "unit \(first.id) has the same target for another source"))
                }
            } else {
                sourcesOfTarget[targetKey] = (pair.id, pair.source)
            }
        }
        return out
    }
}
