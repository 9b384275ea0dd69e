import DragomanText
import Foundation

/// Every number of the source is in the target, by value: across digit scripts (٣٥ = 35),
/// thousands separators and decimal marks (١٬٥٠٠ = 1,500; ٣٫٥ = 3.5), percent. Arabic
/// number words whose value is clear (ثلاثة، أربعمئة، مليون) count as numbers of the source and
/// are found in the target as digits or as the English word.
enum NumberCheck {
    static func findings(_ pair: QAPair) -> [QAFinding] {
        let source = numbers(pair.source, language: pair.sourceLanguage)
        let target = numbers(pair.target, language: pair.sourceLanguage.other)
        var remaining = target
        var out: [QAFinding] = []
        for n in source {
            // The same value, as a percentage or not (58٪ = 58 per cent), in any of the
            // readings a separator allows (76.000 is 76,000 in much of the world).
            if let i = remaining.firstIndex(where: { $0.percent == n.percent && !$0.values.isDisjoint(with: n.values) })
                ?? remaining.firstIndex(where: { !$0.values.isDisjoint(with: n.values) }) {
                remaining.remove(at: i)
                continue
            }
            // A word of the source (ثلاثة) may stand as a word in the target (three): only a
            // warning, as its value can be a matter of wording.
            let severity: QASeverity = n.isWord ? .warning : .error
            out.append(QAFinding(unitID: pair.id, severity: severity, check: .numbers, rule: "missing-number",
                                 message: "the source's \(n.shown) (\(n.value)\(n.percent ? "%" : "")) is not in the target"))
        }
        for n in remaining where !n.isWord {
            out.append(QAFinding(unitID: pair.id, severity: .warning, check: .numbers, rule: "extra-number",
                                 message: "the target has \(n.shown), which the source does not"))
        }
        return out
    }

    struct Found {
        var value: Decimal
        var percent: Bool
        var shown: String
        var isWord: Bool
        /// The value and the other readings of its separators.
        var values: Set<Decimal> = []
    }

    static func numbers(_ text: String, language: Language) -> [Found] {
        let tokens = Tokenizer.tokenize(text).filter { $0.kind != .punctuation || ["%", "٪"].contains($0.text) }
        var out: [Found] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if let n = t.number {
                var scale: Decimal = 1
                var shown = t.text
                var next = i + 1
                // 300 ألف = 300,000; 3 million = 3,000,000.
                let currency = i > 0 && ["£", "$", "€"].contains(tokens[i - 1].text)
                if next < tokens.count, let multiplier = NumberWords.multiplier(tokens[next], language: language)
                    ?? (currency ? NumberWords.currencyScales[tokens[next].text.lowercased()] : nil) {
                    scale = multiplier
                    shown += " " + tokens[next].text
                    next += 1
                }
                // A percent sign as the next token (35 %) makes a percentage.
                let percentAfter = next < tokens.count && ["%", "٪"].contains(tokens[next].text)
                let value = n.decimal * scale
                var found = Found(value: value, percent: n.isPercent || percentAfter, shown: shown, isWord: false)
                found.values = Set(readings(t.text).map { $0 * scale })
                found.values.insert(value)
                out.append(found)
                i = next
                continue
            }
            // Fifty-eight: an English tens word and a unit word make one number.
            if language == .english, let tens = NumberWords.english[t.text.lowercased()], tens >= 20,
               i + 1 < tokens.count, let unit = NumberWords.englishUnits[tokens[i + 1].text.lowercased()] {
                out.append(Found(value: tens + unit, percent: false, shown: "\(t.text)-\(tokens[i + 1].text)", isWord: true,
                                 values: [tens + unit]))
                i += 2
                continue
            }
            // A number word standing alone: not next to a digit or another number word
            // (compounds and ordinals such as الحادي والعشرين are left alone).
            if let value = NumberWords.value(of: t, language: language) {
                let before = i > 0 ? tokens[i - 1] : nil, after = i + 1 < tokens.count ? tokens[i + 1] : nil
                let neighbour = [before, after].compactMap { $0 }.contains {
                    $0.number != nil || NumberWords.value(of: $0, language: language) != nil
                        || NumberWords.multiplier($0, language: language) != nil
                }
                if !neighbour { out.append(Found(value: value, percent: false, shown: t.text, isWord: true, values: [value])) }
            }
            i += 1
        }
        return out
    }
}

extension NumberCheck {
    /// The values a written number can mean: `76.000` and `1.500.000` are also thousands
    /// grouped with dots; `25,2` is also 25.2 with a decimal comma.
    static func readings(_ text: String) -> [Decimal] {
        let digits = String(text.unicodeScalars.map { s -> Character in
            if let d = NumberValue.parse(String(s)), s.properties.numericType != nil { return Character(d.canonical) }
            return Character(s)
        })
        var out: [Decimal] = []
        if digits.range(of: #"^\d{1,3}([.,]\d{3})+$"#, options: .regularExpression) != nil {
            out.append(Decimal(string: digits.filter(\.isNumber)) ?? 0)
        }
        if digits.range(of: #"^\d+,\d{1,2}$"#, options: .regularExpression) != nil {
            out.append(Decimal(string: digits.replacingOccurrences(of: ",", with: ".")) ?? 0)
        }
        return out
    }
}

/// Number words whose value is clear on their own: units and tens, without the article
/// (الاثنين is Monday, الواحد "the one"). Hundreds, thousands and millions are scales: they
/// multiply the digits before them (300 ألف) and are not counted alone.
enum NumberWords {
    static let arabic: [String: Decimal] = {
        var m: [String: Decimal] = [:]
        let units = ["ثلاثة": 3, "اربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8, "تسعة": 9, "عشرة": 10, "عشر": 10,
                     "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50,
                     "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90]
        for (word, value) in units { m[MatchKey.make(word)] = Decimal(value) }
        return m
    }()

    static let english: [String: Decimal] = [
        "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    static let arabicScales: [String: Decimal] = {
        var m: [String: Decimal] = [:]
        for (word, value) in [("الف", 1_000), ("الاف", 1_000), ("مليون", 1_000_000), ("ملايين", 1_000_000),
                              ("مليار", 1_000_000_000), ("مليارات", 1_000_000_000), ("ترليون", 1_000_000_000_000)] {
            m[MatchKey.make(word)] = Decimal(value)
        }
        return m
    }()

    /// £125m, $4bn: scales written as letters after an amount of money.
    static let currencyScales: [String: Decimal] = ["m": 1_000_000, "bn": 1_000_000_000, "k": 1_000]

    static let englishUnits: [String: Decimal] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    ]

    static let englishScales: [String: Decimal] = [
        "thousand": 1_000, "million": 1_000_000, "millions": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
        "trillion": 1_000_000_000_000,
    ]

    static func value(of token: Token, language: Language) -> Decimal? {
        switch token.kind {
        case .arabicWord where language == .arabic:
            if let v = arabic[token.key] { return v }
            // With a conjunction or preposition (وثلاثة، بخمسة), never with the article.
            for r in token.cliticReadings where !r.isIdentity && r.suffix == nil && !r.article {
                if let v = arabic[r.core] { return v }
            }
            return nil
        case .latinWord where language == .english:
            return english[token.text.lowercased()]
        default:
            return nil
        }
    }

    /// The scale a word gives the digits before it (ألف, million), or nil.
    static func multiplier(_ token: Token, language: Language) -> Decimal? {
        switch token.kind {
        case .arabicWord: arabicScales[token.key]
        case .latinWord: englishScales[token.text.lowercased()]
        default: nil
        }
    }
}
