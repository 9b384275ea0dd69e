import DragomanGlossary
import DragomanText
import Foundation

/// Input for the crash and concurrency tests: unique Arabic–English sentence pairs and
/// term pairs, from ../shared/data when given, else built from word lists (news-style
/// sentences and institution names) so that no external data is needed. Every pair is
/// unique, so that a count tells exactly what a database holds.
struct StressData {
    let sentences: [TextPair]
    let terms: [TextPair]
    let source: String

    /// At least `sentences` sentence pairs and `terms` term pairs (real ones first when
    /// `dataDirectory` is given, topped up with synthetic ones).
    init(sentences sentenceCount: Int, terms termCount: Int, dataDirectory: String?, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var sentences: [TextPair] = []
        var terms: [TextPair] = []
        var source = "synthetic (word lists)"
        if let dataDirectory {
            sentences = try Self.realSentences(dataDirectory)
            terms = try Self.realTerms(dataDirectory)
            rng.shuffle(&sentences)
            rng.shuffle(&terms)
            source = "\(dataDirectory) (NTREX + LibreOffice UI sentences; arwikicats, FreeDict, Buckwalter terms)"
        }
        var seen = Set(sentences)
        var i = 0
        while sentences.count < sentenceCount {
            let pair = SyntheticText.sentence(i)
            if seen.insert(pair).inserted { sentences.append(pair) }
            i += 1
        }
        var seenTerms = Set(terms)
        i = 0
        while terms.count < termCount {
            let pair = SyntheticText.term(i)
            if seenTerms.insert(pair).inserted { terms.append(pair) }
            i += 1
        }
        self.sentences = sentences
        self.terms = terms
        self.source = source
    }

    /// NTREX (doc, arabic, english) and LibreOffice (arabic, english) pairs, as the TM
    /// importer would store them (trimmed, Arabic first), each pair once.
    static func realSentences(_ folder: String) throws -> [TextPair] {
        var out: [TextPair] = []
        var seen = Set<TextPair>()
        for (name, arabicColumn) in [("ntrex-dev.tsv", 1), ("libreoffice-ui-dev.tsv", 0)] {
            let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard f.count > arabicColumn + 1 else { continue }
                let pair = TextPair(arabic: f[arabicColumn].trimmingCharacters(in: .whitespaces),
                                    english: f[arabicColumn + 1].trimmingCharacters(in: .whitespaces))
                guard !pair.arabic.isEmpty, !pair.english.isEmpty, ArabicScript.isMostlyArabic(pair.arabic),
                      seen.insert(pair).inserted else { continue }
                out.append(pair)
            }
        }
        return out
    }

    /// Term pairs from the dictionaries, normalized as the glossary stores them.
    static func realTerms(_ folder: String) throws -> [TextPair] {
        var out: [TextPair] = []
        var seen = Set<TextPair>()
        for name in ["arwikicats-names-ara-eng.tsv", "freedict-ara-eng.tsv", "buckwalter-lemmas-ara-eng.tsv"] {
            let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard f.count >= 2 else { continue }
                let arabic = GlossaryText.term(String(f[0]))
                let english = GlossaryText.term(String(f[1]))
                guard !arabic.isEmpty, !english.isEmpty, english.count < 200,
                      arabic.unicodeScalars.contains(where: { ArabicScript.isLetter($0.value) }),
                      !english.unicodeScalars.contains(where: { ArabicScript.isLetter($0.value) }),
                      !(arabic + english).contains("\""),
                      seen.insert(TextPair(arabic: arabic, english: english)).inserted else { continue }
                out.append(TextPair(arabic: arabic, english: english))
            }
        }
        return out
    }

    /// A TM TSV file: `arabic<TAB>english` per line.
    static func tmTSV(_ pairs: some Sequence<TextPair>) -> String {
        pairs.map { "\($0.arabic)\t\($0.english)\n" }.joined()
    }

    /// A glossary TSV file with its header.
    static func glossaryTSV(_ pairs: some Sequence<TextPair>, domain: String) -> String {
        "arabic\tenglish\tdomain\n" + pairs.map { "\($0.arabic)\t\($0.english)\t\(domain)\n" }.joined()
    }
}

/// News-style sentences and institution names built from small parallel word lists: the
/// `i`-th item is a fixed combination, so the same index always gives the same text.
enum SyntheticText {
    static let verbs: [(String, String)] = [
        ("أعلن", "announced"), ("أكد", "confirmed"), ("نفى", "denied"), ("ناقش", "discussed"),
        ("انتقد", "criticised"), ("رفض", "rejected"), ("أيد", "backed"), ("درس", "studied"),
        ("عرض", "presented"), ("وقع", "signed"),
    ]
    static let subjects: [(String, String)] = [
        ("الرئيس", "The president"), ("وزير الخارجية", "The foreign minister"),
        ("المتحدث باسم الحكومة", "The government spokesman"), ("رئيس الوزراء", "The prime minister"),
        ("الأمين العام للأمم المتحدة", "The UN Secretary-General"), ("وزير المالية", "The finance minister"),
        ("قائد الجيش", "The army chief"), ("السفير الأمريكي", "The US ambassador"),
        ("رئيس البرلمان", "The speaker of parliament"), ("محافظ البنك المركزي", "The central bank governor"),
        ("زعيم المعارضة", "The opposition leader"), ("وزير الداخلية", "The interior minister"),
    ]
    static let objects: [(String, String)] = [
        ("خطة جديدة لإصلاح الاقتصاد", "a new plan to reform the economy"),
        ("اتفاق وقف إطلاق النار", "the ceasefire agreement"), ("نتائج الانتخابات", "the election results"),
        ("الميزانية العامة للدولة", "the state budget"), ("قرار مجلس الأمن", "the Security Council resolution"),
        ("زيادة أسعار الوقود", "the rise in fuel prices"), ("مشروع قانون الاستثمار", "the investment bill"),
        ("اتفاقية التجارة الحرة", "the free trade agreement"), ("تقرير لجنة التحقيق", "the report of the inquiry committee"),
        ("برنامج دعم المزارعين", "the programme to support farmers"), ("خطة إعادة الإعمار", "the reconstruction plan"),
        ("مبادرة السلام العربية", "the Arab Peace Initiative"),
    ]
    static let places: [(String, String)] = [
        ("في القاهرة", "in Cairo"), ("في بغداد", "in Baghdad"), ("في بيروت", "in Beirut"), ("في الرياض", "in Riyadh"),
        ("في عمان", "in Amman"), ("في الدوحة", "in Doha"), ("في تونس", "in Tunis"), ("في الرباط", "in Rabat"),
        ("في دمشق", "in Damascus"), ("في الخرطوم", "in Khartoum"), ("في جنيف", "in Geneva"), ("في نيويورك", "in New York"),
    ]
    static let days: [(String, String)] = [
        ("يوم الأحد", "on Sunday"), ("يوم الاثنين", "on Monday"), ("يوم الثلاثاء", "on Tuesday"),
        ("يوم الأربعاء", "on Wednesday"), ("يوم الخميس", "on Thursday"), ("يوم الجمعة", "on Friday"),
        ("يوم السبت", "on Saturday"),
    ]

    /// "أعلن الرئيس خطة … في القاهرة يوم الأحد أمام 12 صحفيا." and its English.
    static func sentence(_ i: Int) -> TextPair {
        var n = i
        func pick(_ list: [(String, String)]) -> (String, String) {
            defer { n /= list.count }
            return list[n % list.count]
        }
        let v = pick(verbs), s = pick(subjects), o = pick(objects), p = pick(places), d = pick(days)
        let journalists = 10 + n
        return TextPair(arabic: "\(v.0) \(s.0) \(o.0) \(p.0) \(d.0) أمام \(journalists) صحفيا.",
                        english: "\(s.1) \(v.1) \(o.1) \(p.1) \(d.1) before \(journalists) journalists.")
    }

    static let institutions: [(ar: String, en: String, feminine: Bool)] = [
        ("وزارة", "Ministry of", true), ("هيئة", "Authority for", true), ("مجلس", "Council for", false),
        ("لجنة", "Committee for", true), ("مكتب", "Office of", false), ("صندوق", "Fund for", false),
        ("مركز", "Centre for", false), ("معهد", "Institute of", false), ("إدارة", "Department of", true),
        ("مديرية", "Directorate of", true), ("مؤسسة", "Foundation for", true), ("اتحاد", "Union for", false),
    ]
    static let fields: [(String, String)] = [
        ("الصحة", "Health"), ("التعليم", "Education"), ("الزراعة", "Agriculture"), ("النقل", "Transport"),
        ("الطاقة", "Energy"), ("المياه", "Water"), ("الإسكان", "Housing"), ("العدل", "Justice"), ("الثقافة", "Culture"),
        ("السياحة", "Tourism"), ("الاتصالات", "Communications"), ("البيئة", "Environment"), ("الشباب", "Youth"),
        ("الرياضة", "Sport"), ("التجارة", "Trade"), ("الصناعة", "Industry"), ("الإعلام", "Media"), ("الدفاع", "Defence"),
        ("العمل", "Labour"), ("الاستثمار", "Investment"),
    ]
    static let qualifiers: [(masculine: String, feminine: String, en: String)] = [
        ("الوطني", "الوطنية", "National"), ("الأعلى", "العليا", "Supreme"), ("الإقليمي", "الإقليمية", "Regional"),
        ("العام", "العامة", "General"), ("المستقل", "المستقلة", "Independent"), ("الاتحادي", "الاتحادية", "Federal"),
    ]
    static let regions: [(String, String)] = [
        ("القاهرة", "Cairo"), ("الجيزة", "Giza"), ("الإسكندرية", "Alexandria"), ("أسوان", "Aswan"), ("البصرة", "Basra"),
        ("الموصل", "Mosul"), ("حلب", "Aleppo"), ("حمص", "Homs"), ("صيدا", "Sidon"), ("طرابلس", "Tripoli"), ("إربد", "Irbid"),
        ("الزرقاء", "Zarqa"), ("صفاقس", "Sfax"), ("سوسة", "Sousse"), ("فاس", "Fez"), ("مراكش", "Marrakesh"),
        ("وهران", "Oran"), ("قسنطينة", "Constantine"), ("عدن", "Aden"), ("تعز", "Taiz"),
    ]

    /// "هيئة الصحة الوطنية في البصرة" = "National Authority for Health, Basra"; beyond the
    /// combinations a number keeps them unique.
    static func term(_ i: Int) -> TextPair {
        var n = i
        func index(_ count: Int) -> Int {
            defer { n /= count }
            return n % count
        }
        let inst = institutions[index(institutions.count)]
        let field = fields[index(fields.count)]
        let qualifier = qualifiers[index(qualifiers.count)]
        let region = regions[index(regions.count)]
        let number = n == 0 ? "" : " \(n + 1)"
        return TextPair(arabic: "\(inst.ar) \(field.0) \(inst.feminine ? qualifier.feminine : qualifier.masculine) في \(region.0)\(number)",
                        english: "\(qualifier.en) \(inst.en) \(field.1), \(region.1)\(number)")
    }
}

extension SplitMix64 {
    mutating func shuffle<T>(_ array: inout [T]) { array.shuffle(using: &self) }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
}
