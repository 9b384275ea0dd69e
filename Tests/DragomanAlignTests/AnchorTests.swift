import Testing
@testable import DragomanAlign
import DragomanText

@Suite struct AnchorTests {
    func shared(_ arabic: String, _ english: String, lexicon: (any AlignmentLexicon)? = nil) -> [AnchorKind: Int] {
        let tables = AnchorExtractor(lexicon: lexicon).tables(arabic: [arabic], english: [english])
        var counts: [AnchorKind: Int] = [:]
        for kind in AnchorKind.allCases {
            var weights = [Double](repeating: 0, count: 16)
            weights[kind.rawValue] = 1
            let n = Int(AnchorTable.sharedWeight(tables.arabic.single[0], tables.english.single[0], weights: weights))
            if n > 0 { counts[kind] = n }
        }
        return counts
    }

    @Test func numbersMatchAcrossDigitScripts() {
        let counts = shared("ينخفض العجز إلى ٣٫١٪ مقارنة مع ٤٫٢٪ من ٤٢٫٥ مليار في ٢٠٢٥.",
                            "The deficit falls to 3.1% against 4.2% of 42.5 billion in 2025.")
        #expect(counts[.number] == 4)
        // A percentage is not the bare number; a different value is no anchor.
        #expect(shared("بنسبة ١٢٪.", "by 12 points.")[.number] == nil)
        #expect(shared("نحو 40 دولة.", "some 45 countries.")[.number] == nil)
        #expect(shared("نحو ۴۰ دولة.", "some 40 countries.")[.number] == 1)
    }

    @Test func latinNamesAndPunctuation() {
        let counts = shared("وأكدت منظمة Greenpeace أن قمة COP29 \"مخيبة للآمال\"؟",
                            "Greenpeace said COP29 was \"disappointing\"?")
        #expect(counts[.latinName] == 2)
        #expect(counts[.quote] == 1)
        #expect(counts[.question] == 1)
    }

    @Test func transliteratedNames() {
        #expect(NameSkeleton.english("Hammel") == NameSkeleton.arabic("هاميل"))
        #expect(NameSkeleton.english("Giles") == NameSkeleton.arabic("جايلز"))
        #expect(NameSkeleton.english("Trump") == NameSkeleton.arabic("ترامب"))
        #expect(NameSkeleton.english("Toyota") == nil)  // "t t" collapses to one consonant: too short
        #expect(shared("وقال تشاد هاميل لمحطة التلفزيون.", "Chad Hammel told the station.")[.transliteratedName] == 2)
        // Clitics are looked through: لهاميل is ل + هاميل.
        #expect(shared("وقال لهاميل.", "He told Hammel.")[.transliteratedName] == 1)
        // Sentence-initial function words are no names.
        #expect(shared("بعد ذلك.", "After that.")[.transliteratedName] == nil)
    }

    @Test func glossaryTermsThroughTheLexicon() {
        let lexicon = TermListLexicon(pairs: [(arabic: "قطاع غزة", english: "Gaza Strip"),
                                              (arabic: "الأمين العام", english: "Secretary-General"),
                                              (arabic: "التطبيع", english: "normalisation")])
        #expect(lexicon.coOccurringTermPairs(arabic: "وقال الأمين العام إن الحصار على قطاع غزة مستمر.",
                                             english: "The Secretary-General said the blockade on the Gaza Strip continues.") == 2)
        // Clitics and the article: ولقطاع, والتطبيع.
        #expect(lexicon.arabicTermPairs(in: "ولقطاع غزة ومناهضة التطبيع").count == 2)
        #expect(lexicon.coOccurringTermPairs(arabic: "قطاع غزة", english: "the West Bank") == 0)
        #expect(shared("قطاع غزة", "the Gaza Strip", lexicon: lexicon)[.term] == 1)
        let closure = ClosureLexicon(arabic: { $0.contains("حماس") ? [7] : [] }, english: { $0.contains("Hamas") ? [7] : [] })
        #expect(closure.coOccurringTermPairs(arabic: "حركة حماس", english: "the Hamas movement") == 1)
    }

    /// Where length cannot decide, the anchors do: three long Arabic sentences of about the
    /// same length against two English ones; which Arabic sentence went untranslated is
    /// told by a number, or by glossary terms.
    @Test func anchorsDecideWhatLengthCannot() {
        let first = ("افتتح المعرض الدولي للكتاب أبوابه أمام الزوار صباح اليوم بمشاركة مئات من دور النشر العربية والأجنبية في قاعات المركز الجديد.",
                     "The international book fair opened its doors to visitors this morning, with hundreds of Arab and foreign publishers taking part in the halls of the new centre.")
        let untranslated = "ووصل الوفد الرسمي القادم من العاصمة إلى المدينة مساء أمس في زيارة تستمر عدة أيام يلتقي خلالها عددا من المسؤولين المحليين."
        let weather = ("وبلغت درجة الحرارة 35 درجة مئوية في العاصمة بعد ظهر اليوم، وتوقعت هيئة الأرصاد أن تنخفض قليلا مع نهاية الأسبوع الجاري.",
                       "The temperature reached 35 degrees Celsius in the capital this afternoon, and the weather office expects it to fall slightly by the end of the week.")
        let expected = [BeadShape(arabic: [0], english: [0]), BeadShape(arabic: [1], english: []),
                        BeadShape(arabic: [2], english: [1])]
        // Three sentences are too few to estimate the length ratio from: give it.
        var parameters = AlignmentParameters.dragoman
        parameters.ratio = .fixed(1.25)
        let byNumber = SentenceAligner(parameters: parameters).align(arabic: [first.0, untranslated, weather.0], english: [first.1, weather.1])
        #expect(byNumber.beads.map(BeadShape.init) == expected)

        let minister = ("والتقى وزير الخارجية نظيره الفرنسي في مقر الوزارة وبحث معه سبل تعزيز التعاون بين البلدين في مجالات الطاقة والتعليم.",
                        "The foreign minister met his French counterpart at the ministry and discussed ways of strengthening cooperation between the two countries in energy and education.")
        let lexicon = TermListLexicon(pairs: [(arabic: "وزير الخارجية", english: "foreign minister"), (arabic: "الطاقة", english: "energy"),
                                              (arabic: "التعليم", english: "education"), (arabic: "معرض الكتاب", english: "book fair"),
                                              (arabic: "دور النشر", english: "publishers")])
        let byTerms = SentenceAligner(parameters: parameters, lexicon: lexicon).align(arabic: [first.0, untranslated, minister.0], english: [first.1, minister.1])
        #expect(byTerms.beads.map(BeadShape.init) == expected)
    }

    /// In a long document a number or name has a counterpart somewhere; only a counterpart
    /// near the expected place (within the window) makes it an anchor.
    @Test func anchorsAreLocal() {
        let filler = Array(repeating: "جملة عادية بلا أرقام ولا أسماء.", count: 100)
        let fillerEnglish = Array(repeating: "An ordinary sentence with no numbers and no names.", count: 100)
        let arabic = ["بلغ العدد 250 شخصا."] + filler, english = fillerEnglish + ["The number reached 250 people."]
        let far = AnchorExtractor(lexicon: nil).tables(arabic: arabic, english: english, window: 40)
        #expect(far.arabic.single[0].isEmpty && far.english.single[100].isEmpty)
        let anywhere = AnchorExtractor(lexicon: nil).tables(arabic: arabic, english: english)
        #expect(anywhere.arabic.single[0].count == 1)
        #expect(AnchorExtractor.expectedPositions(from: [10, 10, 10, 10], to: [20, 20]) == [0, 0, 1, 1])
    }
}
