import Testing
@testable import DragomanAlign
import DragomanText
import DragomanTM

/// Term extraction on units whose links are written by hand (match-token indexes).
@Suite struct TermExtractorTests {
    /// Adds a unit whose links are all sure but those in `unsure`.
    func add(_ e: inout TermExtractor, _ id: Int64, _ arabic: String, _ english: String, _ links: [(Int, Int)],
             unsure: [(Int, Int)] = []) {
        let sure = links.map { WordLink(source: $0.0, target: $0.1) }
        let stored = StoredLinks(links: sure + unsure.map { WordLink(source: $0.0, target: $0.1) }, sure: Set(sure))
        // Tokenised as `term extract` tokenises, without bases.
        e.add(unit: id, arabic: arabic, arabicTokens: MatchTokenizer.tokens(of: arabic, side: .arabic, bases: false), english: english,
              englishTokens: MatchTokenizer.tokens(of: english, side: .english, bases: false), links: stored)
    }

    func extractor() -> TermExtractor {
        var e = TermExtractor()
        // اجتمع(0) مجلس(1) الأمن(2) أمس(3) .(4)   The(0) Security(1) Council(2) met(3) yesterday(4) .(5)
        add(&e, 1, "اجتمع مجلس الأمن أمس.", "The Security Council met yesterday.", [(0, 3), (1, 2), (2, 1), (3, 4), (4, 5)])
        // دعا(0) مجلس(1) الأمن(2) إلى(3) الهدوء(4) .(5)   The(0) Security(1) Council(2) called(3) for(4) calm(5) .(6)
        add(&e, 2, "دعا مجلس الأمن إلى الهدوء.", "The Security Council called for calm.", [(0, 3), (1, 2), (2, 1), (3, 4), (4, 5), (5, 6)])
        // وقال(0) لمجلس(1) الأمن(2) إن(3) ...: a clitic on the first word is the same phrase.
        // He(0) told(1) the(2) Security(3) Council(4) that(5) ...
        add(&e, 3, "وقال لمجلس الأمن إن الوضع خطير.", "He told the Security Council that the situation was serious.",
            [(0, 1), (1, 4), (2, 3), (3, 5), (4, 7), (5, 10), (6, 11)])
        return e
    }

    /// Pass 2 over the given units, as `term extract` runs it.
    func secondPass(_ e: inout TermExtractor, _ units: [(String, String)]) {
        let pass = e.secondPass()
        for (arabic, english) in units {
            // The Arabic tokenised only when the English holds a candidate, as `term extract` does.
            e.record(pass.findings(englishTokens: MatchTokenizer.tokens(of: english, side: .english, bases: false)) {
                MatchTokenizer.tokens(of: arabic, side: .arabic, bases: false)
            })
        }
    }

    static let councilUnits = [("اجتمع مجلس الأمن أمس.", "The Security Council met yesterday."),
                               ("دعا مجلس الأمن إلى الهدوء.", "The Security Council called for calm."),
                               ("وقال لمجلس الأمن إن الوضع خطير.", "He told the Security Council that the situation was serious.")]

    @Test func aRecurringPairIsProposedWithItsEvidence() {
        var e = extractor()
        secondPass(&e, Self.councilUnits)
        let ranked = e.ranked(minimumCount: 3)
        let council = ranked.first { $0.english == "Security Council" }
        #expect(council?.arabic == "مجلس الأمن")
        #expect(council?.count == 3 && council?.linkedCount == 3 && council?.dice == 1.0)
        #expect(council?.units == [1, 2])
        // Verbs, function words and clauses are not terms.
        #expect(!ranked.contains { $0.english.lowercased().contains("met") || $0.english.lowercased().hasPrefix("the") })
    }

    @Test func aPairTheLinksFindTwiceIsCountedWhereverItStands() {
        var e = TermExtractor()
        add(&e, 1, "اجتمع مجلس الأمن أمس.", "The Security Council met yesterday.", [(0, 3), (1, 2), (2, 1), (3, 4), (4, 5)])
        add(&e, 2, "دعا مجلس الأمن إلى الهدوء.", "The Security Council called for calm.", [(0, 3), (1, 2), (2, 1), (3, 4), (4, 5), (5, 6)])
        // The links of the third unit miss the pair (الأمن is linked to nothing).
        add(&e, 3, "وقال لمجلس الأمن إن الوضع خطير.", "He told the Security Council that the situation was serious.", [(0, 1)])
        secondPass(&e, Self.councilUnits)
        let council = e.ranked(minimumCount: 3).first { $0.english == "Security Council" }
        #expect(council?.count == 3 && council?.linkedCount == 2)
        #expect(council?.units == [1, 2])

        // Found by the links in one unit only, it is not proposed however often the two
        // phrases stand together.
        var once = TermExtractor()
        add(&once, 1, "اجتمع مجلس الأمن أمس.", "The Security Council met yesterday.", [(0, 3), (1, 2), (2, 1), (3, 4), (4, 5)])
        add(&once, 2, "دعا مجلس الأمن إلى الهدوء.", "The Security Council called for calm.", [(0, 3)])
        add(&once, 3, "وقال لمجلس الأمن إن الوضع خطير.", "He told the Security Council that the situation was serious.", [(0, 1)])
        secondPass(&once, Self.councilUnits)
        #expect(!once.ranked(minimumCount: 3).contains { $0.english == "Security Council" })
        #expect(once.ranked(minimumCount: 1).contains { $0.english == "Security Council" && $0.count == 3 && $0.linkedCount == 1 })
    }

    @Test func aNameWrittenAsItsAcronymIsTheName() {
        #expect(TermExtractor.acronym(of: "European Union") == "eu")
        #expect(TermExtractor.acronym(of: "International Court of Justice") == "icj")
        #expect(TermExtractor.acronym(of: "United Nations") == "un")
        // Not a name, or one word.
        #expect(TermExtractor.acronym(of: "foreign minister") == nil)
        #expect(TermExtractor.acronym(of: "Europe") == nil)
        func acronyms(_ s: String) -> Set<String> { TermExtractor.acronyms(in: MatchTokenizer.tokens(of: s, side: .english)) }
        #expect(acronyms("The EU and the U.N. met U.S. officials.") == ["eu", "un", "us"])
        #expect(acronyms("Talks at the ICJ in The Hague") == ["icj"])
        #expect(acronyms("He told us. I was there.").isEmpty)

        var e = TermExtractor()
        // انتقد(0) الاتحاد(1) الأوروبي(2) الخطة(3) .(4)   The(0) European(1) Union(2) criticised(3) the(4) plan(5) .(6)
        add(&e, 1, "انتقد الاتحاد الأوروبي الخطة.", "The European Union criticised the plan.", [(0, 3), (1, 2), (2, 1), (3, 5), (4, 6)])
        add(&e, 2, "رحب الاتحاد الأوروبي بالاتفاق.", "The European Union welcomed the deal.", [(0, 3), (1, 2), (2, 1), (3, 5), (4, 6)])
        // Not projected by its links, and written EU: it still holds the pair.
        add(&e, 3, "قال الاتحاد الأوروبي إنه قلق.", "The EU said it was worried.", [(0, 2)])
        secondPass(&e, [("انتقد الاتحاد الأوروبي الخطة.", "The European Union criticised the plan."),
                        ("رحب الاتحاد الأوروبي بالاتفاق.", "The European Union welcomed the deal."),
                        ("قال الاتحاد الأوروبي إنه قلق.", "The EU said it was worried.")])
        let union = e.ranked(minimumCount: 3).first { $0.english == "European Union" }
        #expect(union?.count == 3 && union?.linkedCount == 2)
    }

    @Test func aOneWordEnglishTermIsANameOrANoun() {
        var e = TermExtractor()
        for id in Int64(1)...3 {
            // غادر(0) الوزير(1) بغداد(2) .(3)   The(0) minister(1) left(2) Baghdad(3) .(4)
            add(&e, id, "غادر الوزير بغداد.", "The minister left Baghdad.", [(0, 2), (1, 1), (2, 3), (3, 4)])
        }
        let english = Set(e.ranked(minimumCount: 3).map(\.english))
        #expect(english.contains("Baghdad"))
        // A noun (its Arabic has the article) may be a term; a verb (غادر, no article) not.
        #expect(english.contains("minister"))
        #expect(!english.contains("left"))
    }

    @Test func theKeyDropsTheConjunctionAndAPrepositionBeforeTheArticle() {
        func key(_ s: String) -> String { TermExtractor.arabicKey(MatchTokenizer.tokens(of: s, side: .arabic)) }
        #expect(key("والرئيس") == key("الرئيس"))
        #expect(key("للرئيس") == key("الرئيس"))
        #expect(key("بالقدس الشرقية") == key("القدس الشرقية"))
        #expect(key("وزير") == "وزير")
    }

    /// Sure links are the two directions' intersection, so when two Arabic words make one
    /// English word only one of them holds the sure link; the other's link still ties it in.
    @Test func severalArabicWordsLinkedToOneEnglishWordAreOneTerm() {
        var e = TermExtractor()
        var units: [(String, String)] = []
        for (id, verb) in [(Int64(1), ("أدخل", "Enter")), (2, ("غيّر", "Change")), (3, ("احفظ", "Save")), (4, ("أكّد", "Confirm"))] {
            // أدخل(0) كلمة(1) السر(2) .(3)   Enter(0) the(1) password(2) .(3)
            let arabic = "\(verb.0) كلمة السر.", english = "\(verb.1) the password."
            // Which of the two holds the sure link varies from unit to unit.
            let (sure, unsure) = id <= 2 ? ((1, 2), (2, 2)) : ((2, 2), (1, 2))
            add(&e, id, arabic, english, [(0, 0), sure, (3, 3)], unsure: [unsure])
            units.append((arabic, english))
        }
        secondPass(&e, units)
        let proposals = e.ranked(minimumCount: 3).map { "\($0.arabic) → \($0.english)" }
        #expect(proposals.contains("كلمة السر → password"), "\(proposals)")
        // Each word alone is a piece of it: السر alone is "secret".
        #expect(!proposals.contains("السر → password") && !proposals.contains("كلمة → password"), "\(proposals)")
    }

    @Test func aWordThatStandsInsideALongerNameIsAPieceOfIt() {
        var e = TermExtractor()
        var units: [(String, String)] = []
        for (id, verb) in [(Int64(1), ("رحب", "welcomed")), (2, ("انتقد", "criticised")), (3, ("رفض", "rejected"))] {
            // رحب(0) البيت(1) الأبيض(2) بالاتفاق(3) .(4)   The(0) White(1) House(2) welcomed(3) the(4) deal(5) .(6)
            let arabic = "\(verb.0) البيت الأبيض بالاتفاق.", english = "The White House \(verb.1) the deal."
            add(&e, id, arabic, english, [(0, 3), (1, 2), (2, 1), (3, 5), (4, 6)])
            units.append((arabic, english))
        }
        secondPass(&e, units)
        let proposals = e.ranked(minimumCount: 3).map { "\($0.arabic) → \($0.english)" }
        #expect(proposals.contains("البيت الأبيض → White House"), "\(proposals)")
        #expect(!proposals.contains("البيت → House") && !proposals.contains("الأبيض → White"), "\(proposals)")

        // The same word standing alone as often is a term of its own.
        var alone = TermExtractor()
        units = []
        for (id, arabic, english, links) in [
            (Int64(1), "زار البيت الأبيض.", "He visited the White House.", [(0, 1), (1, 4), (2, 3), (3, 5)]),
            (2, "غادر البيت.", "He left the house.", [(0, 1), (1, 3), (2, 4)]),
            (3, "باع البيت.", "He sold the house.", [(0, 1), (1, 3), (2, 4)]),
            (4, "دخل البيت.", "He entered the house.", [(0, 1), (1, 3), (2, 4)]),
        ] {
            add(&alone, id, arabic, english, links)
            units.append((arabic, english))
        }
        secondPass(&alone, units)
        #expect(alone.ranked(minimumCount: 3).contains { $0.arabic == "البيت" && $0.english == "house" })
    }

    /// A name is translated one way: found once by the links, it is proposed when the two
    /// stand together in enough units and nowhere apart; a common word is not.
    @Test func aNameTheLinksFindOnceIsProposedWhereTheTwoAlwaysStandTogether() {
        var e = TermExtractor()
        let units = [("زار الوزير فرنسا.", "The minister visited France."),
                     ("وصل الوزير إلى فرنسا.", "The minister arrived in France."),
                     ("أشاد الوزير بفرنسا.", "The minister praised France.")]
        // زار(0) الوزير(1) فرنسا(2) .(3)   The(0) minister(1) visited(2) France(3) .(4)
        add(&e, 1, units[0].0, units[0].1, [(0, 2), (1, 1), (2, 3), (3, 4)])
        // The other two units' links find neither.
        add(&e, 2, units[1].0, units[1].1, [(0, 2)])
        add(&e, 3, units[2].0, units[2].1, [(0, 2)])
        secondPass(&e, units)
        let ranked = e.ranked(minimumCount: 3)
        #expect(ranked.contains { $0.arabic == "فرنسا" && $0.english == "France" && $0.count == 3 && $0.linkedCount == 1 },
                "\(ranked.map { "\($0.arabic) → \($0.english)" })")
        #expect(!ranked.contains { $0.english == "minister" })
    }

    /// Found once, a one-word name must still be a whole name: دونالد of دونالد ترامب is not
    /// proposed as Donald.
    @Test func aPieceOfANameTheLinksFindOnceIsNotProposed() {
        var e = TermExtractor()
        let units = [("التقى دونالد ترامب الوزير.", "Donald Trump met the minister."),
                     ("استقبل دونالد ترامب الوزير.", "Donald Trump received the minister."),
                     ("انتقد دونالد ترامب الوزير.", "Donald Trump criticised the minister.")]
        // التقى(0) دونالد(1) ترامب(2) الوزير(3) .(4)   Donald(0) Trump(1) met(2) the(3) minister(4) .(5)
        add(&e, 1, units[0].0, units[0].1, [(0, 2), (1, 0), (2, 1), (3, 4), (4, 5)])
        // A stray link of ترامب to Donald: دونالد alone does not project here, the name does.
        add(&e, 2, units[1].0, units[1].1, [(0, 2), (1, 0), (2, 1), (3, 4), (4, 5)], unsure: [(2, 0)])
        add(&e, 3, units[2].0, units[2].1, [(0, 2)])
        secondPass(&e, units)
        let ranked = e.ranked(minimumCount: 3).map { "\($0.arabic) → \($0.english)" }
        #expect(ranked.contains("دونالد ترامب → Donald Trump"), "\(ranked)")
        #expect(!ranked.contains("دونالد → Donald") && !ranked.contains("ترامب → Trump"), "\(ranked)")
    }
}

/// A word whose longer phrase the links tie to the same English: the longer phrase is the term.
@Suite struct TermPiecesSameEnglishTests {
    let base = TermExtractorTests()

    /// المملكة always stands in المملكة المتحدة, and the links tie the phrase to UK at least
    /// as often as the word alone: the word is a piece.
    @Test func aWordInsideALongerPhraseWithTheSameEnglishIsAPiece() {
        var e = TermExtractor()
        var units: [(String, String)] = []
        for (id, verb) in [(Int64(1), ("زار", "visited")), (2, ("غادر", "left")), (3, ("انتقد", "criticised")),
                           (4, ("مدح", "praised")), (5, ("هاجم", "attacked"))] {
            // زار(0) الوزير(1) المملكة(2) المتحدة(3) .(4)   The(0) minister(1) visited(2) the(3) UK(4) .(5)
            let arabic = "\(verb.0) الوزير المملكة المتحدة.", english = "The minister \(verb.1) the UK."
            // In three units المتحدة is linked to UK too; in two it is linked to nothing.
            base.add(&e, id, arabic, english, [(0, 2), (1, 1), (2, 4), (4, 5)], unsure: id <= 3 ? [(3, 4)] : [])
            units.append((arabic, english))
        }
        base.secondPass(&e, units)
        let proposals = e.ranked(minimumCount: 2).map { "\($0.arabic) → \($0.english)" }
        #expect(proposals.contains("المملكة المتحدة → UK"), "\(proposals)")
        #expect(!proposals.contains("المملكة → UK"), "\(proposals)")
    }

    /// The longer phrase's spellings count together (قاعدة البيانات, قاعدة بيانات); a name
    /// beside a longer Arabic phrase with the same English stays when the added word
    /// describes it (إعصار روزا → Rosa: إعصار is "hurricane", which the English leaves out).
    @Test func theSpellingsOfTheLongerPhraseCountTogetherButANameStays() {
        var e = TermExtractor()
        var units: [(String, String)] = []
        let rows: [(Int64, String, String, [(Int, Int)])] = [
            // فتح(0) قاعدة(1) البيانات(2) .(3)   He(0) opened(1) the(2) database(3) .(4)
            (1, "فتح قاعدة البيانات.", "He opened the database.", [(2, 3)]),
            (2, "حفظ قاعدة البيانات.", "He saved the database.", [(2, 3)]),
            (3, "أنشأ قاعدة بيانات.", "He created a database.", [(2, 3)]),
            (4, "حذف قاعدة بيانات.", "He deleted a database.", [(2, 3)]),
            (5, "فتح قاعدة البيانات.", "He opened the Database.", []),
            (6, "حذف قاعدة بيانات.", "He deleted a Database.", []),
        ]
        for (id, arabic, english, unsure) in rows {
            base.add(&e, id, arabic, english, [(0, 1), (1, 3), (3, 4)], unsure: unsure)
            units.append((arabic, english))
        }
        base.secondPass(&e, units)
        var proposals = e.ranked(minimumCount: 2).map { "\($0.arabic) → \($0.english)" }
        // (Each spelling alone holds half of قاعدة's units: not enough to bind it.)
        #expect(!proposals.contains { $0.hasPrefix("قاعدة → ") }, "\(proposals)")

        var names = TermExtractor()
        units = []
        for (id, verb) in [(Int64(1), ("ضرب", "hit")), (2, ("اجتاح", "swept")), (3, ("دمر", "wrecked")), (4, ("أغرق", "flooded"))] {
            // ضرب(0) إعصار(1) روزا(2) المدينة(3) .(4)   Then(0) Rosa(1) hit(2) the(3) city(4) .(5)
            let arabic = "\(verb.0) إعصار روزا المدينة.", english = "Then Rosa \(verb.1) the city."
            base.add(&names, id, arabic, english, [(0, 2), (2, 1), (3, 4), (4, 5)], unsure: id <= 3 ? [(1, 1)] : [])
            units.append((arabic, english))
        }
        // إعصار has a translation of its own, which the English of the name leaves out.
        for (id, adjective) in [(Int64(5), ("قوي", "strong")), (6, ("مدمر", "deadly"))] {
            // وصل(0) إعصار(1) قوي(2) .(3)   A(0) strong(1) hurricane(2) arrived(3) .(4)
            let arabic = "وصل إعصار \(adjective.0).", english = "A \(adjective.1) hurricane arrived."
            base.add(&names, id, arabic, english, [(0, 3), (1, 2), (2, 1), (3, 4)])
            units.append((arabic, english))
        }
        base.secondPass(&names, units)
        proposals = names.ranked(minimumCount: 2).map { "\($0.arabic) → \($0.english)" }
        #expect(proposals.contains("روزا → Rosa"), "\(proposals)")
    }
}

/// A term is one proposal whether the TM writes it with the article or without.
@Suite struct TermArticleTests {
    let base = TermExtractorTests()

    /// لقاح and اللقاح → vaccine: one proposal, counted over both, shown without the
    /// article (the glossary finds one entry for both); a name the TM always writes with
    /// the article keeps it.
    @Test func aTermWithAndWithoutTheArticleIsOneProposal() {
        var e = TermExtractor()
        var units: [(String, String)] = []
        let rows: [(Int64, String, String)] = [
            // وصل(0) لقاح(1) جديد(2) .(3)   A(0) new(1) vaccine(2) arrived(3) .(4)
            (1, "وصل لقاح جديد.", "A new vaccine arrived."),
            (2, "وصل لقاح آخر.", "A second vaccine arrived."),
            (3, "وصل لقاح ثالث.", "A third vaccine arrived."),
            // وصل(0) اللقاح(1) الجديد(2) .(3)   The(0) new(1) vaccine(2) arrived(3) .(4)
            (4, "وصل اللقاح الجديد.", "The new vaccine arrived."),
            (5, "وصل اللقاح الآخر.", "The other vaccine arrived."),
        ]
        for (id, arabic, english) in rows {
            base.add(&e, id, arabic, english, [(0, 3), (1, 2), (2, 1), (3, 4)])
            units.append((arabic, english))
        }
        // القاهرة → Cairo, always with the article.
        for (id, verb) in [(Int64(6), ("زار", "visited")), (7, ("غادر", "left")), (8, ("دخل", "entered"))] {
            // زار(0) الوزير(1) القاهرة(2) .(3)   The(0) minister(1) visited(2) Cairo(3) .(4)
            let arabic = "\(verb.0) الوزير القاهرة.", english = "The minister \(verb.1) Cairo."
            base.add(&e, id, arabic, english, [(0, 2), (1, 1), (2, 3), (3, 4)])
            units.append((arabic, english))
        }
        base.secondPass(&e, units)
        let ranked = e.ranked(minimumCount: 3)
        let vaccine = ranked.filter { $0.english == "vaccine" }
        #expect(vaccine.map(\.arabic) == ["لقاح"], "\(ranked.map { "\($0.arabic) → \($0.english)" })")
        #expect(vaccine.first?.count == 5)
        #expect(ranked.contains { $0.arabic == "القاهرة" && $0.english == "Cairo" })

        // Counted apart, the evidence is split: لقاح alone is never seen with the article
        // (no noun to the extractor), and اللقاح stands for 2 of the 5 units.
        var apart = TermExtractor()
        apart.articleMerging = false
        for (id, arabic, english) in rows { base.add(&apart, id, arabic, english, [(0, 3), (1, 2), (2, 1), (3, 4)]) }
        base.secondPass(&apart, rows.map { ($0.1, $0.2) })
        let apartVaccine = apart.ranked(minimumCount: 2).filter { $0.english == "vaccine" }
        #expect(!apartVaccine.contains { $0.arabic == "لقاح" } && apartVaccine.allSatisfy { $0.count < 5 })
    }
}

@Suite struct TermAdverbTests {
    let base = TermExtractorTests()

    /// A title-case label is not a name: an adverb (Automatically) is no term; a name
    /// ending in -ly (Italy) is.
    @Test func anAdverbIsNoTermEvenInTitleCase() {
        var e = TermExtractor()
        var units: [(String, String)] = []
        for (id, verb) in [(Int64(1), ("احفظ", "Save")), (2, ("حدّث", "Update")), (3, ("صحّح", "Correct"))] {
            // احفظ(0) تلقائيًا(1) في(2) إيطاليا(3) .(4)   Save(0) Automatically(1) in(2) Italy(3) .(4)
            let arabic = "\(verb.0) تلقائيًا في إيطاليا.", english = "\(verb.1) Automatically in Italy."
            base.add(&e, id, arabic, english, [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)])
            units.append((arabic, english))
        }
        base.secondPass(&e, units)
        let proposals = e.ranked(minimumCount: 3).map { "\($0.arabic) → \($0.english)" }
        #expect(proposals.contains("إيطاليا → Italy"), "\(proposals)")
        #expect(!proposals.contains { $0.hasSuffix("→ Automatically") }, "\(proposals)")
    }
}

extension TermAdverbTests {
    /// An Arabic word written with the accusative ending ـًا in most of its units is an
    /// adverb (دائمًا → always), whatever its English.
    @Test func anArabicAdverbIsNoTerm() {
        #expect(TermExtractor.isAdverb(["دائمًا": 5, "دائما": 1]))
        #expect(TermExtractor.isAdverb(["تلقائياً": 3]))
        #expect(!TermExtractor.isAdverb(["دائما": 5]))
        #expect(!TermExtractor.isAdverb(["كتابًا": 1, "كتاب": 4, "الكتاب": 3]))
        var e = TermExtractor()
        var units: [(String, String)] = []
        for (id, verb) in [(Int64(1), ("احفظ", "save")), (2, ("حدّث", "update")), (3, ("صحّح", "check"))] {
            // احفظ(0) الملف(1) دائمًا(2) .(3)   Always(0) save(1) the(2) file(3) .(4)
            let arabic = "\(verb.0) الملف دائمًا.", english = "Always \(verb.1) the file."
            base.add(&e, id, arabic, english, [(0, 1), (1, 3), (2, 0), (3, 4)])
            units.append((arabic, english))
        }
        base.secondPass(&e, units)
        let judged = e.explain(TermExtractor.arabicKey(MatchTokenizer.tokens(of: "دائمًا", side: .arabic)), minimumCount: 3)
        #expect(judged.contains { $0.contains(TermExtractor.Verdict.adverb.rawValue) }, "\(judged)")
    }
}

/// What term extraction reads of a token is the same without the stemmer's bases.
@Suite struct TokensWithoutBasesTests {
    @Test(arguments: [
        ("وقال وزير الخارجية الفلسطيني لـ«رويترز» إن ٣٥ شخصاً قُتلوا في القدس الشرقية.", Language.arabic),
        ("والمستخدمون يحفظون المستندات بصيغة ODF 1.2", Language.arabic),
        ("The U.N. Security Council's members said 35 people were killed in East Jerusalem.", Language.english),
    ])
    func sameTokensButTheBase(text: String, side: Language) {
        let full = MatchTokenizer.tokens(of: text, side: side)
        let light = MatchTokenizer.tokens(of: text, side: side, bases: false)
        #expect(full.map(\.key) == light.map(\.key))
        #expect(full.map(\.text) == light.map(\.text))
        #expect(full.map(\.range) == light.map(\.range))
        #expect(full.map(\.weightClass) == light.map(\.weightClass))
        #expect(full.map(\.number) == light.map(\.number))
        for t in light where t.weightClass == .word { #expect(t.base == t.key) }
        // The stemmer does change some of these words' bases: the test would see a mix-up.
        #expect(zip(full, light).contains { $0.base != $1.base })
    }

    /// Pass 2 tokenises a unit's Arabic only when its English holds a candidate phrase.
    @Test func arabicTokenisedOnlyWhenNeeded() {
        var e = TermExtractor()
        let stored = StoredLinks(links: [WordLink(source: 0, target: 1), WordLink(source: 1, target: 0)],
                                 sure: [WordLink(source: 0, target: 1), WordLink(source: 1, target: 0)])
        e.add(unit: 1, arabic: "مجلس الأمن", arabicTokens: MatchTokenizer.tokens(of: "مجلس الأمن", side: .arabic, bases: false),
              english: "Security Council", englishTokens: MatchTokenizer.tokens(of: "Security Council", side: .english, bases: false),
              links: stored)
        let pass = e.secondPass()
        var asked = 0
        _ = pass.findings(englishTokens: MatchTokenizer.tokens(of: "Nothing to see here", side: .english)) {
            asked += 1
            return MatchTokenizer.tokens(of: "مجلس الأمن", side: .arabic)
        }
        #expect(asked == 0)
        let found = pass.findings(englishTokens: MatchTokenizer.tokens(of: "the Security Council met", side: .english)) {
            asked += 1
            return MatchTokenizer.tokens(of: "اجتمع مجلس الأمن", side: .arabic)
        }
        #expect(asked == 1)
        #expect(!found.pairs.isEmpty)
    }
}
