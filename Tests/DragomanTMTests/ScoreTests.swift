import DragomanText
import Testing
@testable import DragomanTM

/// One query against one TM unit, threshold 0.
func compare(_ query: String, _ source: String, target: String = "x", side: Language = .arabic,
             context: UnitContext? = nil, unitContext: UnitContext = UnitContext()) throws -> TMMatch {
    let tm = InMemoryTranslationMemory()
    let unit = side == .arabic
        ? TranslationUnit(arabic: source, english: target, arabicContext: unitContext)
        : TranslationUnit(arabic: target, english: source, englishContext: unitContext)
    _ = try tm.add(unit)
    return try #require(try tm.searcher().search(TMQuery(text: query, side: side, context: context), threshold: 0, limit: 1).first)
}

/// Scores pinned on real Arabic from the sample article (docs/fuzzy-score.md explains each).
@Suite struct ScoreTests {
    @Test(arguments: [
        // A real repeat in the article: a stand-alone و, an attached و, two words more.
        ("كما شدد على رفع مستوى الدعم الشعبي و المدني من خلال مؤسسات المجتمع المدني",
         "ورفع مستوى الدعم الشعبي والمدني من خلال مؤسسات المجتمع المدني", 70, 78),
        // One word less.
        ("كسر الحصار الجائر عن قطاع غزة", "كسر الحصار عن قطاع غزة", 83, 20),
        // A clitic on the first word, a word changed, two words less.
        ("كسر الحصار الجائر عن قطاع غزة", "لكسر الحصار الجائر عنها", 45, 66),
        // Only an attached clitic differs.
        ("وقال الرئيس إن الوضع خطير", "قال الرئيس إن الوضع خطير", 94, 6),
        // A changed content word.
        ("وقال الرئيس إن الوضع خطير", "وأضاف الرئيس إن الوضع خطير", 80, 20),
        // A changed punctuation mark.
        ("وقال الرئيس إن الوضع خطير.", "وقال الرئيس إن الوضع خطير!", 95, 5),
        // An ending: الفلسطينية / الفلسطيني.
        ("لمناقشة آخر مستجدات القضية الفلسطينية", "لمناقشة آخر مستجدات القضية الفلسطيني", 94, 6),
    ])
    func pinned(query: String, source: String, score: Int, cost: Int) throws {
        let m = try compare(query, source)
        #expect(m.score == score)
        #expect(m.cost == cost)
        #expect(m.kind == .fuzzy)
    }

    @Test func cliticCostsLessThanAWordAndPunctuationLessThanAWord() throws {
        let clitic = try compare("وقال الرئيس إن الوضع خطير", "قال الرئيس إن الوضع خطير")
        let word = try compare("وقال الرئيس إن الوضع خطير", "وأضاف الرئيس إن الوضع خطير")
        let punctuation = try compare("وقال الرئيس إن الوضع خطير.", "وقال الرئيس إن الوضع خطير!")
        #expect(clitic.score > word.score)
        #expect(punctuation.score > word.score)
        #expect(clitic.steps.contains { $0.kind == .clitic })
        #expect(word.steps.contains { $0.kind == .substitute && $0.cost == 20 })
        let bil = try compare("التقى بالرئيس", "التقى الرئيس")
        #expect(bil.steps.filter { $0.kind != .equal }.map(\.kind) == [.clitic])
    }

    @Test func exactAndExactVariant() throws {
        let exact = try compare("مع التركيز على قضية الأسرى العادلة", "مع التركيز على قضية الأسرى العادلة")
        #expect(exact.score == 100 && exact.kind == .exact)
        let hamza = try compare("مع التركيز على قضية الاسرى العادلة", "مع التركيز على قضية الأسرى العادلة")
        #expect(hamza.score == 100 && hamza.kind == .exactVariant)
        let digits = try compare("من نحو 40 دولة حول العالم", "من نحو ٤٠ دولة حول العالم")
        #expect(digits.score == 100 && digits.kind == .exactVariant)
        let harakat = try compare("مناديًا بضرورة تجهيز برامج", "مناديا بضرورة تجهيز برامج")
        #expect(harakat.kind == .exactVariant)
    }

    @Test func hundredOnlyWhenKeysAreEqual() throws {
        // Keys differ only in spacing around a hyphen: tokens equal, still 99.
        let m = try compare("اجتماع 2020-2021", "اجتماع 2020 - 2021")
        #expect(m.score == 99)
    }

    @Test func contextMatchIs101() throws {
        let previous = UnitContext.hash(ofSegment: "بتوقيت القدس")
        let context = UnitContext(previous: previous, next: nil)
        let m = try compare("الائتلاف العالمي لنصرة القدس وفلسطين", "الائتلاف العالمي لنصرة القدس وفلسطين",
                            context: context, unitContext: UnitContext(previous: previous, next: UnitContext.hash(ofSegment: "x")))
        #expect(m.score == 101 && m.kind == .context)
        let other = try compare("الائتلاف العالمي لنصرة القدس وفلسطين", "الائتلاف العالمي لنصرة القدس وفلسطين",
                                context: UnitContext(previous: UnitContext.hash(ofSegment: "عنوان آخر")),
                                unitContext: UnitContext(previous: previous))
        #expect(other.score == 100 && other.kind == .exact)
    }

    @Test func numbersAreRepairedIntoTheTarget() throws {
        let m = try compare("وحضور أربعمئة شخصية من نحو 40 دولة حول العالم",
                            "وحضور أربعمئة شخصية من نحو 35 دولة حول العالم",
                            target: "with 400 figures attending from about 35 countries")
        #expect(m.kind == .repaired)
        #expect(m.score == 94)
        #expect(m.proposedTarget == "with 400 figures attending from about 40 countries")
        #expect(m.repairs.map { [$0.from, $0.to, $0.by] } == [["35", "40", "number"]])
        // The spans say where the number stands in the query and in the repaired target.
        let repair = try #require(m.repairs.first)
        let query = Array("وحضور أربعمئة شخصية من نحو 40 دولة حول العالم".utf16)
        let target = Array(m.proposedTarget.utf16)
        #expect(String(decoding: query[try #require(repair.sourceSpan).range], as: UTF16.self) == "40")
        #expect(String(decoding: target[try #require(repair.targetSpan).range], as: UTF16.self) == "40")
    }

    @Test func repairKeepsTheTargetsDigitScript() throws {
        let m = try compare("Turnout reached 62.5% in 2021", "Turnout reached 58% in 2021",
                            target: "بلغت نسبة المشاركة ٥٨٪ في عام ٢٠٢١", side: .english)
        #expect(m.kind == .repaired)
        #expect(m.proposedTarget == "بلغت نسبة المشاركة ٦٢٫٥٪ في عام ٢٠٢١")
    }

    @Test func noRepairWhenTheNumberIsNotInTheTarget() throws {
        let m = try compare("قتل 5 أشخاص", "قتل 4 أشخاص", target: "Four people were killed")
        #expect(m.kind == .fuzzy)
        #expect(m.repairedTarget == nil)
    }

    @Test func noRepairWhenWordsDifferToo() throws {
        let m = try compare("قتل 5 أشخاص أمس", "جرح 4 أشخاص أمس", target: "4 people were wounded yesterday")
        #expect(m.kind == .fuzzy)
    }

    @Test func englishSide() throws {
        let m = try compare("The Secretary-General held talks", "The Secretary-General held talk", side: .english)
        #expect(m.steps.filter { $0.kind != .equal }.map(\.kind) == [.clitic])
    }

    /// 200,000 tokens a side, one changed: the doubling band answers in O(n·d); a full
    /// table would be 4·10¹⁰ cells and never finish.
    @Test func longSegmentsAreBounded() throws {
        let n = 200_000
        let a: [ScoringToken] = (0..<n).map { (i: Int) -> ScoringToken in
            let id = Int32(i % 5000 + 1)
            return ScoringToken(key: id, base: id, weightClass: .word)
        }
        var b = a
        b[n / 2] = ScoringToken(key: 9999, base: 9999, weightClass: .word)
        let result = try #require(WeightedEditDistance.align(a, b, maxCost: n * 20 / 10, model: DefaultCostModel(), withSteps: false))
        #expect(result.cost == 20)
        #expect(FuzzyScore.score(cost: result.cost, queryWeight: n * 20, sourceWeight: n * 20, keysEqual: false) == 99)
    }
}

@Suite struct WordLevelScoreTests {
    @Test func omegatFormula() {
        #expect(FuzzyScore.wordLevel(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == 100)
        #expect(FuzzyScore.wordLevel(["a", "b", "c", "d"], ["a", "x", "c", "d"]) == 75)
        #expect(FuzzyScore.wordLevel([], []) == 100)
        #expect(FuzzyScore.wordLevel(["a"], []) == 0)
    }
}
