import Testing
@testable import DragomanAlign
import DragomanText
import DragomanTM

/// Fragment recall on a small TM whose word links are written by hand (match-token
/// indexes, punctuation included), so that what is asserted is the search and the
/// projection, not a learned model.
@Suite struct FragmentFinderTests {
    /// Adds a unit with links given as (Arabic word, English word) pairs of match tokens.
    func add(_ tm: InMemoryTranslationMemory, _ arabic: String, _ english: String, _ links: [(Int, Int)]) throws -> Int64 {
        guard case .added(let id) = try tm.add(TranslationUnit(arabic: arabic, english: english)) else {
            Issue.record("not added")
            return 0
        }
        // Every link sure (as both directions of a model would agree on these).
        tm.setLinks(WordLinkCoding.encode(links.map { WordLink(source: $0.0, target: $0.1 * 2 + 1) }), of: id)
        return id
    }

    /// A TM where "وزير الخارجية الأمريكي" is translated the same way in two units.
    func secretaryTM() throws -> InMemoryTranslationMemory {
        let tm = InMemoryTranslationMemory()
        // وصل(0) وزير(1) الخارجية(2) الأمريكي(3) إلى(4) بغداد(5) .(6)
        // The(0) US(1) Secretary(2) of(3) State(4) arrived(5) in(6) Baghdad(7) .(8)
        _ = try add(tm, "وصل وزير الخارجية الأمريكي إلى بغداد.", "The US Secretary of State arrived in Baghdad.",
                    [(0, 5), (1, 2), (2, 4), (3, 1), (4, 6), (5, 7), (6, 8)])
        // التقى(0) وزير(1) الخارجية(2) الأمريكي(3) نظيره(4) .(5)
        // The(0) US(1) Secretary(2) of(3) State(4) met(5) his(6) counterpart(7) .(8)
        _ = try add(tm, "التقى وزير الخارجية الأمريكي نظيره.", "The US Secretary of State met his counterpart.",
                    [(0, 5), (1, 2), (2, 4), (3, 1), (4, 7), (5, 8)])
        return tm
    }

    @Test func recallsALongestSpanWithItsProjectedTranslation() throws {
        let tm = try secretaryTM()
        let query = "قال وزير الخارجية الأمريكي إن المحادثات مستمرة"
        let found = try FragmentFinder(index: tm).fragments(of: query, side: .arabic)
        #expect(found.count == 1)
        let f = try #require(found.first)
        #expect(f.source == "وزير الخارجية الأمريكي")
        #expect(f.target == "US Secretary of State")
        #expect(f.count == 2)
        #expect(f.words == 3)
        #expect(f.units.count == 2)
        // Offsets are UTF-16 code units of the query.
        let u = Array(query.utf16)
        #expect(String(decoding: u[f.range], as: UTF16.self) == f.source)
        #expect(f.confidence > 0.6)
    }

    /// A hyphen inside a word does not end an English span: the name is found whole, not as
    /// "Global Coalition for Al" and "Quds and Palestine" (whose translations both held
    /// لنصرة). A hyphenated word alone is one word, the glossary's business.
    @Test func anEnglishSpanRunsThroughAHyphenInsideAWord() throws {
        let tm = InMemoryTranslationMemory()
        // اجتمع(0) الائتلاف(1) العالمي(2) لنصرة(3) القدس(4) وفلسطين(5) أمس(6)
        // The(0) Global(1) Coalition(2) for(3) Al(4) -(5) Quds(6) and(7) Palestine(8) met(9) yesterday(10)
        let links = [(0, 9), (1, 2), (2, 1), (3, 3), (4, 4), (4, 6), (5, 7), (5, 8), (6, 10)]
        _ = try add(tm, "اجتمع الائتلاف العالمي لنصرة القدس وفلسطين أمس", "The Global Coalition for Al-Quds and Palestine met yesterday", links)
        // دعا(0) الائتلاف(1) العالمي(2) لنصرة(3) القدس(4) وفلسطين(5) أمس(6)
        _ = try add(tm, "دعا الائتلاف العالمي لنصرة القدس وفلسطين أمس", "The Global Coalition for Al-Quds and Palestine called yesterday", links)
        let finder = FragmentFinder(index: tm)
        let found = try finder.fragments(of: "The Global Coalition for Al-Quds and Palestine said", side: .english)
        #expect(found.map(\.source) == ["The Global Coalition for Al-Quds and Palestine"])
        #expect(found.map(\.target) == ["الائتلاف العالمي لنصرة القدس وفلسطين"])
        #expect(found.first?.count == 2)
        #expect(try finder.fragments(of: "They spoke of Al-Quds", side: .english).isEmpty)
        // Nor is a span that cuts a hyphenated word: Quds of Bayt-Quds.
        #expect(try finder.fragments(of: "They support Bayt-Quds and Palestine", side: .english).isEmpty)
    }

    /// The evaluation's ceiling reads every span found, not the cover, with what its units
    /// could give: their projections, and their target's word sequences, marked by whether
    /// they touch the span's links.
    @Test func spanTranslationsListEverySpanWithWhatItsUnitsOffer() throws {
        let tm = try secretaryTM()
        let query = "قال وزير الخارجية الأمريكي إن المحادثات مستمرة"
        let spans = try FragmentFinder(index: tm).spanTranslations(of: query, side: .arabic)
        let sources = Set(spans.map { query.utf16Slice($0.range) })
        #expect(sources == ["وزير الخارجية الأمريكي", "وزير الخارجية", "الخارجية الأمريكي"])
        let whole = try #require(spans.first { query.utf16Slice($0.range) == "وزير الخارجية الأمريكي" })
        #expect(whole.projections == ["US Secretary of State"])
        let sequences = Dictionary(whole.sequences.map { ($0.text, $0.touchesLinks) }, uniquingKeysWith: { $0 || $1 })
        #expect(sequences["US Secretary of State"] == true)
        #expect(sequences["met his counterpart"] == false)
        // At most two words longer than the span.
        #expect(sequences["The US Secretary of State"] == true)
        #expect(sequences["US Secretary of State arrived"] == true)
        #expect(sequences["The US Secretary of State arrived"] == nil)
        // The fragments themselves are unchanged by it.
        #expect(try FragmentFinder(index: tm).fragments(of: query, side: .arabic).map(\.target) == ["US Secretary of State"])
    }

    @Test func cliticsOnTheQueryDoNotHide_aFragment() throws {
        let tm = try secretaryTM()
        let found = try FragmentFinder(index: tm).fragments(of: "ولوزير الخارجية الأمريكي رأي آخر", side: .arabic)
        #expect(found.map(\.target) == ["US Secretary of State"])
        #expect(found.first?.source == "ولوزير الخارجية الأمريكي")
    }

    @Test func englishQueriesProjectOntoArabic() throws {
        let tm = try secretaryTM()
        let found = try FragmentFinder(index: tm).fragments(of: "Yesterday the US Secretary of State spoke", side: .english)
        // "the US Secretary of State": "The" is linked nowhere, so the span that projects is
        // "US Secretary of State" (or a longer one whose projection is the same).
        #expect(found.first?.target == "وزير الخارجية الأمريكي")
    }

    /// U.S. is four tokens, and a span stops at a stop: "The U" is no phrase, though two
    /// units agree that it is الولايات (the United of the United States).
    @Test func anEnglishSpanDoesNotStopInsideInitials() throws {
        let tm = InMemoryTranslationMemory()
        // قالت(0) الولايات(1) المتحدة(2) أمس(3)   The(0) U(1) .(2) S(3) .(4) said(5) yesterday(6)
        _ = try add(tm, "قالت الولايات المتحدة أمس", "The U.S. said yesterday", [(0, 5), (1, 1), (2, 3), (3, 6)])
        // رفضت(0) الولايات(1) المتحدة(2) الطلب(3)   The(0) U(1) .(2) S(3) .(4) rejected(5) the(6) request(7)
        _ = try add(tm, "رفضت الولايات المتحدة الطلب", "The U.S. rejected the request", [(0, 5), (1, 1), (2, 3), (3, 7)])
        let finder = FragmentFinder(index: tm)
        #expect(try finder.fragments(of: "The U.S. will respond", side: .english).isEmpty)
        // Initials at the end of a sentence end a span as any word does.
        #expect(FragmentFinder<InMemoryTranslationMemory>.cutsInitials(1...1, in: MatchTokenizer.tokens(of: "Plan B.", side: .english)) == false)
    }

    /// English words meet on their keys, as Arabic ones do: "peace talk" is not "peace
    /// talks" (the Arabic is محادثة, not محادثات).
    @Test func englishWordsMeetOnTheirKeys() throws {
        let tm = InMemoryTranslationMemory()
        // بدأت(0) محادثات(1) السلام(2) أمس(3) .(4)   Peace(0) talks(1) began(2) yesterday(3) .(4)
        _ = try add(tm, "بدأت محادثات السلام أمس.", "Peace talks began yesterday.", [(0, 2), (1, 1), (2, 0), (3, 3), (4, 4)])
        let finder = FragmentFinder(index: tm)
        #expect(try finder.fragments(of: "New peace talks", side: .english).map(\.target) == ["محادثات السلام"])
        #expect(try finder.fragments(of: "A peace talk", side: .english).isEmpty)
    }

    @Test func anInconsistentProjectionIsNotProposed() throws {
        let tm = InMemoryTranslationMemory()
        // "الأمن الغذائي" linked crosswise with a word outside it: no consistent box.
        // عزز(0) الأمن(1) الغذائي(2) .(3)   It(0) boosted(1) food(2) security(3) .(4)
        _ = try add(tm, "عزز الأمن الغذائي.", "It boosted food security.", [(0, 1), (1, 3), (2, 1), (3, 4)])
        let found = try FragmentFinder(index: tm).fragments(of: "أزمة الأمن الغذائي", side: .arabic)
        #expect(found.isEmpty)
    }

    /// Three units hold الأمن الغذائي; in each a stray link (الغذائي → the verb) makes the
    /// projection inconsistent, but all three translate it "food security" near its links.
    func foodSecurityTM(secondAndThird: (String, String)) throws -> InMemoryTranslationMemory {
        let tm = InMemoryTranslationMemory()
        // عزز(0) الأمن(1) الغذائي(2) .(3)   It(0) boosted(1) food(2) security(3) .(4)
        _ = try add(tm, "عزز الأمن الغذائي.", "It boosted food security.", [(0, 1), (1, 3), (2, 1), (3, 4)])
        // ناقشوا(0) الأمن(1) الغذائي(2) أمس(3) .(4)   They(0) discussed(1) food(2) …(3) yesterday(4) .(5)
        _ = try add(tm, "ناقشوا الأمن الغذائي أمس.", secondAndThird.0, [(0, 1), (1, 3), (2, 1), (3, 4), (4, 5)])
        // يهدد(0) الجفاف(1) الأمن(2) الغذائي(3) .(4)   Drought(0) threatens(1) food(2) …(3) .(4)
        _ = try add(tm, "يهدد الجفاف الأمن الغذائي.", secondAndThird.1, [(0, 1), (1, 0), (2, 3), (3, 1), (4, 4)])
        return tm
    }

    @Test func whatTheUnitsShareNearTheLinksIsProposedWhereTheLinksDoNotAgree() throws {
        let tm = try foodSecurityTM(secondAndThird: ("They discussed food security yesterday.", "Drought threatens food security."))
        let found = try FragmentFinder(index: tm).fragments(of: "أزمة الأمن الغذائي", side: .arabic)
        let f = try #require(found.first)
        #expect(f.target == "food security")
        #expect(f.count == 3 && f.units.count == 3)

        // Two of three is not more than two thirds; and a common word the three share
        // ("food") is not taken for the translation of two words.
        let split = try foodSecurityTM(secondAndThird: ("They discussed food security yesterday.", "Drought threatens food supplies."))
        #expect(try FragmentFinder(index: split).fragments(of: "أزمة الأمن الغذائي", side: .arabic).isEmpty)
    }

    /// Three units hold الولايات المتحدة, its projection made inconsistent in each by a
    /// stray link (المتحدة → the verb), with the name written `name` in all three.
    func unitedStatesTM(name: String) throws -> InMemoryTranslationMemory {
        let tm = InMemoryTranslationMemory()
        // The name's last match token: U(1) .(2) S(3) .(4) for U.S., USA(1) for USA.
        let n = MatchTokenizer.tokens(of: name, side: .english).count
        for (arabic, verb, rest) in [("قالت الولايات المتحدة الخطة.", "said", "the plan"), ("رفضت الولايات المتحدة الخطة.", "rejected", "the plan"),
                                     ("دعمت الولايات المتحدة الخطة.", "backed", "the plan")] {
            // verb(0) الولايات(1) المتحدة(2) الخطة(3) .(4)   The(0) name(1…n) verb(n+1) the(n+2) plan(n+3) .(n+4)
            _ = try add(tm, arabic, "The \(name) \(verb) \(rest).", [(0, n + 1), (1, 1), (2, n + 1), (3, n + 3), (4, n + 4)])
        }
        return tm
    }

    @Test func aSingleInitialIsNotWhatTheUnitsShare() throws {
        // What the three share near the links is U and S, each one of the initials of
        // U.S.: neither is a translation of الولايات المتحدة.
        let dotted = try FragmentFinder(index: unitedStatesTM(name: "U.S.")).fragments(of: "أعلنت الولايات المتحدة", side: .arabic)
        #expect(dotted.isEmpty, "proposed \(dotted.map(\.target))")
        // An acronym of two letters or more is a name the units share.
        let acronym = try FragmentFinder(index: unitedStatesTM(name: "USA")).fragments(of: "أعلنت الولايات المتحدة", side: .arabic)
        #expect(acronym.map(\.target) == ["USA"])
    }

    /// What the units share is read over a hyphen inside a word: Al-Quds whole, never the
    /// "Al" of it.
    @Test func whatTheUnitsShareKeepsAHyphenatedNameWhole() throws {
        let tm = InMemoryTranslationMemory()
        for (arabic, verb) in [("قال الائتلاف لنصرة القدس.", "said"), ("رفض الائتلاف لنصرة القدس.", "refused"),
                               ("دعم الائتلاف لنصرة القدس.", "agreed")] {
            // verb(0) الائتلاف(1) لنصرة(2) القدس(3) .(4)   The(0) Coalition(1) for(2) Al(3) -(4) Quds(5) verb(6) .(7)
            // A stray link (القدس → the verb) makes each projection inconsistent.
            _ = try add(tm, arabic, "The Coalition for Al-Quds \(verb).", [(0, 6), (1, 1), (2, 2), (3, 3), (3, 6), (4, 7)])
        }
        let found = try FragmentFinder(index: tm).fragments(of: "أعلن الائتلاف لنصرة القدس", side: .arabic)
        #expect(found.map(\.target) == ["Coalition for Al-Quds"])
    }

    @Test func aProjectionThatCutsANameIsNotProposed() throws {
        let tm = InMemoryTranslationMemory()
        // The links hold only الشمالية → North: كوريا and Korea are tied to nothing.
        // قالت(0) كوريا(1) الشمالية(2) إنها(3) سترد(4) .(5)   North(0) Korea(1) said(2) it(3) would(4) respond(5) .(6)
        _ = try add(tm, "قالت كوريا الشمالية إنها سترد.", "North Korea said it would respond.", [(0, 2), (2, 0), (3, 3), (4, 5), (5, 6)])
        // رفضت(0) كوريا(1) الشمالية(2) العرض(3) .(4)   North(0) Korea(1) rejected(2) the(3) offer(4) .(5)
        _ = try add(tm, "رفضت كوريا الشمالية العرض.", "North Korea rejected the offer.", [(0, 2), (2, 0), (3, 4), (4, 5)])
        // A title before a name is tied to its own Arabic word: Donald Trump is not cut.
        // قال(0) الرئيس(1) دونالد(2) ترامب(3) كلمته(4) .(5)   President(0) Donald(1) Trump(2) said(3) his(4) word(5) .(6)
        _ = try add(tm, "قال الرئيس دونالد ترامب كلمته.", "President Donald Trump said his word.", [(0, 3), (1, 0), (2, 1), (3, 2), (4, 5), (5, 6)])
        _ = try add(tm, "زار الرئيس دونالد ترامب بغداد.", "President Donald Trump visited Baghdad.", [(0, 3), (1, 0), (2, 1), (3, 2), (4, 4), (5, 5)])
        let finder = FragmentFinder(index: tm)
        // Each unit's projection cuts the name; what the two share near the links is whole.
        #expect(try finder.fragments(of: "هددت كوريا الشمالية", side: .arabic).map(\.target) == ["North Korea"])
        #expect(try finder.fragments(of: "التقى دونالد ترامب", side: .arabic).map(\.target) == ["Donald Trump"])
    }

    @Test func wordsMeetOnTheirFormsNotOnTheirStems() throws {
        let tm = InMemoryTranslationMemory()
        // نما(0) الاقتصاد(1) العام(2) الماضي(3) .(4)   The(0) economy(1) grew(2) last(3) year(4) .(5)
        _ = try add(tm, "نما الاقتصاد العام الماضي.", "The economy grew last year.", [(0, 2), (1, 1), (2, 4), (3, 3), (4, 5)])
        // تراجع(0) التضخم(1) العام(2) الماضي(3) .(4)   Inflation(0) fell(1) last(2) year(3) .(4)
        _ = try add(tm, "تراجع التضخم العام الماضي.", "Inflation fell last year.", [(0, 1), (1, 0), (2, 3), (3, 2), (4, 4)])
        // A proclitic on the TM's side: للعام.
        // قدمت(0) الحكومة(1) أرقاما(2) للعام(3) الماضي(4) .(5)   The(0) government(1) gave(2) figures(3) for(4) last(5) year(6) .(7)
        _ = try add(tm, "قدمت الحكومة أرقاما للعام الماضي.", "The government gave figures for last year.",
                    [(0, 2), (1, 1), (2, 3), (3, 4), (3, 6), (4, 5), (5, 7)])
        let finder = FragmentFinder(index: tm)
        let year = try #require(try finder.fragments(of: "ارتفعت الأسعار العام الماضي", side: .arabic).first)
        #expect(year.target == "last year" && year.count == 3)
        // The dual shares the stem, not the translation: العامين الماضيين is the past two years.
        let dual = try finder.fragments(of: "ارتفعت الأسعار في العامين الماضيين", side: .arabic)
        #expect(dual.isEmpty, "proposed \(dual.map(\.target))")
    }

    @Test func disagreementLowersConfidenceAndShowsAlternatives() throws {
        let tm = InMemoryTranslationMemory()
        // مجلس(0) الأمن(1) اجتمع(2) .(3)
        _ = try add(tm, "مجلس الأمن اجتمع.", "The Security Council met.", [(0, 2), (1, 1), (2, 3), (3, 4)])
        _ = try add(tm, "مجلس الأمن انعقد.", "The Security Council convened.", [(0, 2), (1, 1), (2, 3), (3, 4)])
        _ = try add(tm, "مجلس الأمن قرر.", "The UNSC decided.", [(0, 1), (1, 1), (2, 2), (3, 3)])
        var options = FragmentOptions()
        options.minimumConfidence = 0
        let found = try FragmentFinder(index: tm).fragments(of: "مجلس الأمن الدولي", side: .arabic, options: options)
        let f = try #require(found.first)
        #expect(f.target == "Security Council")
        #expect(f.count == 2)
        #expect(f.alternatives == [FragmentAlternative(target: "UNSC", count: 1)])
        #expect(abs(f.confidence - 0.5) < 0.001)  // 2 of 3 agree: 2 / (3 + 1)
        // The default threshold (0.5) still shows it; 0.6 does not.
        options.minimumConfidence = 0.6
        #expect(try FragmentFinder(index: tm).fragments(of: "مجلس الأمن الدولي", side: .arabic, options: options).isEmpty)
    }

    @Test func copiesOfOneSentenceAreOnePieceOfEvidence() throws {
        let tm = InMemoryTranslationMemory()
        // The same translation under three spellings of the Arabic (versions of one story):
        // one unit's evidence, not three.
        for arabic in ["وصل وزير الخارجية الأمريكي إلى بغداد.", "وصل وزير الخارجية الأمريكي الى بغداد.", "وصل وزير الخارجية الامريكي إلى بغداد."] {
            _ = try add(tm, arabic, "The US Secretary of State arrived in Baghdad.",
                        [(0, 5), (1, 2), (2, 4), (3, 1), (4, 6), (5, 7), (6, 8)])
        }
        let f = try #require(try FragmentFinder(index: tm).fragments(of: "قال وزير الخارجية الأمريكي أمس", side: .arabic).first)
        #expect(f.target == "US Secretary of State")
        #expect(f.count == 1 && f.confidence == 0.5)
    }

    @Test func functionWordsAndPunctuationDoNotMakeFragments() throws {
        let tm = InMemoryTranslationMemory()
        // في(0) هذا(1) الوقت(2) ،(3) قتل(4) 35(5) شخصا(6) .(7)
        _ = try add(tm, "في هذا الوقت، قتل 35 شخصا.", "At this time, 35 people were killed.",
                    [(0, 0), (1, 1), (2, 2), (3, 3), (4, 7), (5, 4), (6, 5), (7, 8)])
        let finder = FragmentFinder(index: tm)
        // Only function words: nothing.
        #expect(try finder.fragments(of: "في هذا", side: .arabic).isEmpty)
        // A comma ends a fragment.
        #expect(try finder.fragments(of: "الوقت، قتل", side: .arabic).isEmpty)
        // A number and one word are not two words.
        #expect(try finder.fragments(of: "قتل 40", side: .arabic).isEmpty)
    }

    /// With one unit to go by, the translation holds every link of the span, not only the
    /// sure ones: a stray sure link (وحضور → figures) does not make "figures" the
    /// translation of وحضور أربعمئة شخصية when وحضور is also linked to "four".
    @Test func aSingleUnitsTranslationHoldsEveryLinkOfTheSpan() throws {
        let tm = InMemoryTranslationMemory()
        // وحضور(0) أربعمئة(1) شخصية(2) أمس(3)   attended(0) by(1) four(2) hundred(3) figures(4) yesterday(5)
        guard case .added(let id) = try tm.add(TranslationUnit(arabic: "وحضور أربعمئة شخصية أمس",
                                                               english: "attended by four hundred figures yesterday")) else {
            Issue.record("not added")
            return
        }
        // (source, target, sure)
        let links = [(0, 4, true), (0, 2, false), (1, 4, false), (2, 4, true), (3, 5, true)]
        tm.setLinks(WordLinkCoding.encode(links.map { WordLink(source: $0.0, target: $0.1 * 2 + ($0.2 ? 1 : 0)) }), of: id)
        #expect(try FragmentFinder(index: tm).fragments(of: "وحضور أربعمئة شخصية", side: .arabic).isEmpty)
    }

    /// News repeats its phrases with other numbers: a number inside a span matches any
    /// number of a TM source, and the query's value takes the unit's place in the
    /// translation, written as the unit's target writes its numbers.
    @Test func aNumberInsideASpanIsCarriedOverByValue() throws {
        let tm = InMemoryTranslationMemory()
        // في(0) هذا(1) الوقت(2) ،(3) قتل(4) 35(5) شخصا(6) .(7)
        _ = try add(tm, "في هذا الوقت، قتل 35 شخصا.", "At this time, 35 people were killed.",
                    [(0, 0), (1, 1), (2, 2), (3, 3), (4, 7), (5, 4), (6, 5), (7, 8)])
        // وصل(0) عدد(1) السكان(2) إلى(3) 1,250(4) نسمة(5)   The(0) population(1) reached(2) 1,250(3) people(4)
        _ = try add(tm, "وصل عدد السكان إلى 1,250 نسمة", "The population reached 1,250 people",
                    [(0, 2), (2, 1), (4, 3), (5, 4)])
        // Phrases of one content word rest on two units each.
        // ارتفع(0) عدد(1) السكان(2) إلى(3) 3,400(4) نسمة(5)   The(0) population(1) rose(2) to(3) 3,400(4) people(5)
        _ = try add(tm, "ارتفع عدد السكان إلى 3,400 نسمة", "The population rose to 3,400 people",
                    [(0, 2), (2, 1), (4, 4), (5, 5)])
        // سجل(0) الهدف(1) في(2) الدقيقة(3) 14(4)   He(0) scored(1) in(2) the(3) 14th(4) minute(5)
        _ = try add(tm, "سجل الهدف في الدقيقة 14", "He scored in the 14th minute", [(0, 1), (2, 2), (3, 5), (4, 4)])
        // أحرز(0) هدفا(1) في(2) الدقيقة(3) 20(4)   He(0) scored(1) a(2) goal(3) in(4) the(5) 20th(6) minute(7)
        _ = try add(tm, "أحرز هدفا في الدقيقة 20", "He scored a goal in the 20th minute",
                    [(0, 1), (1, 3), (2, 4), (3, 7), (4, 6)])
        let finder = FragmentFinder(index: tm)
        let killed = try #require(try finder.fragments(of: "أمس قتل 40 شخصا في الهجوم", side: .arabic).first)
        #expect(killed.source == "قتل 40 شخصا")
        #expect(killed.target == "40 people were killed")
        // Any digits of the query, in the digits of the unit's target.
        #expect(try finder.fragments(of: "قتل ٤٠ شخصا", side: .arabic).first?.target == "40 people were killed")
        // Grouped in threes as the unit's target groups them.
        #expect(try finder.fragments(of: "إلى 12500 نسمة", side: .arabic).first?.target == "12,500 people")
        // An ordinal ending right for the new value.
        #expect(try finder.fragments(of: "في الدقيقة 3", side: .arabic).first?.target == "in the 3rd minute")
        #expect(try finder.fragments(of: "في الدقيقة 11", side: .arabic).first?.target == "in the 11th minute")
        // A percentage does not stand for a number of people.
        #expect(try finder.fragments(of: "قتل 40% شخصا", side: .arabic).isEmpty)
    }

    /// A phrase with one content word (a preposition or an article with one word) is that
    /// word in one unit's grammar, and one unit's links for it are as often a neighbour's
    /// translation: it is proposed when two units agree on it. A phrase of two content
    /// words may rest on one unit.
    @Test func aPhraseOfOneContentWordNeedsTwoUnits() throws {
        let tm = InMemoryTranslationMemory()
        // صوتوا(0) في(1) الدائرة(2) أمس(3)   voted(0) in(1) the(2) district(3) yesterday(4)
        _ = try add(tm, "صوتوا في الدائرة أمس", "voted in the district yesterday", [(0, 0), (1, 1), (2, 3), (3, 4)])
        let finder = FragmentFinder(index: tm)
        #expect(try finder.fragments(of: "قالوا في الدائرة", side: .arabic).isEmpty)
        #expect(try finder.fragments(of: "صوتوا في الدائرة", side: .arabic).map(\.target) == ["voted in the district"])
        // فاز(0) في(1) الدائرة(2) بسهولة(3)   won(0) in(1) the(2) district(3) easily(4)
        _ = try add(tm, "فاز في الدائرة بسهولة", "won in the district easily", [(0, 0), (1, 1), (2, 3), (3, 4)])
        let twice = try #require(try finder.fragments(of: "قالوا في الدائرة", side: .arabic).first)
        #expect(twice.target == "in the district")
        #expect(twice.count == 2)
    }

    /// A translation that is only numbers and function words, or that cuts a hyphenated
    /// word, is no fragment: the numbers are carried over anyway. (Two units each, so that
    /// the single unit's stricter check does not hide the rule.)
    @Test func aNumberAloneOrACutCompoundIsNotProposed() throws {
        let tm = InMemoryTranslationMemory()
        // توفي(0) سميث(1) من(2) العمر(3) 79(4)   Smith(0) ,(1) 79(2) ,(3) died(4)
        _ = try add(tm, "توفي سميث من العمر 79", "Smith, 79, died", [(0, 4), (1, 0), (4, 2)])
        // رحل(0) جونز(1) من(2) العمر(3) 81(4)   Jones(0) ,(1) 81(2) ,(3) left(4)
        _ = try add(tm, "رحل جونز من العمر 81", "Jones, 81, left", [(0, 4), (1, 0), (4, 2)])
        // الرجل(0) البالغ(1) 20(2) عاما(3)   The(0) 20(1) -(2) year(3) -(4) old(5) man(6)
        _ = try add(tm, "الرجل البالغ 20 عاما", "The 20-year-old man", [(0, 6), (2, 1), (3, 3)])
        // الجندي(0) البالغ(1) 19(2) عاما(3)   The(0) 19(1) -(2) year(3) -(4) old(5) soldier(6)
        _ = try add(tm, "الجندي البالغ 19 عاما", "The 19-year-old soldier", [(0, 6), (2, 1), (3, 3)])
        let finder = FragmentFinder(index: tm)
        #expect(try finder.fragments(of: "من العمر 85", side: .arabic).isEmpty)
        #expect(try finder.fragments(of: "البالغ 30 عاما", side: .arabic).isEmpty)
    }

    @Test func anEmptyOrUnalignedTMGivesNothingAndNoError() throws {
        let empty = InMemoryTranslationMemory()
        #expect(try FragmentFinder(index: empty).fragments(of: "وزير الخارجية الأمريكي", side: .arabic).isEmpty)
        let unaligned = InMemoryTranslationMemory()
        _ = try unaligned.add(TranslationUnit(arabic: "وزير الخارجية الأمريكي", english: "US Secretary of State"))
        #expect(try FragmentFinder(index: unaligned).fragments(of: "وزير الخارجية الأمريكي", side: .arabic).isEmpty)
        #expect(try FragmentFinder(index: unaligned).fragments(of: "", side: .arabic).isEmpty)
    }

    /// Initials written with stops are one word the tokens split (U . S .): a projection
    /// that the links give only "U" of is widened to "U.S.", also where its stop ends the
    /// sentence.
    @Test func initialsWithStopsAreProjectedWhole() throws {
        let tm = InMemoryTranslationMemory()
        // زار(0) الولايات(1) المتحدة(2) أمس(3) .(4)
        // He(0) visited(1) the(2) U(3) .(4) S(5) .(6) yesterday(7) .(8): only U is linked.
        _ = try add(tm, "زار الولايات المتحدة أمس.", "He visited the U.S. yesterday.", [(0, 1), (1, 3), (2, 3), (3, 7), (4, 8)])
        // وصلت(0) إلى(1) الولايات(2) المتحدة(3) .(4)
        // She(0) arrived(1) in(2) the(3) U(4) .(5) S(6) .(7): the last stop ends the sentence.
        _ = try add(tm, "وصلت إلى الولايات المتحدة.", "She arrived in the U.S.", [(0, 1), (1, 2), (2, 4), (3, 4), (4, 7)])
        let found = try FragmentFinder(index: tm).fragments(of: "قالت الولايات المتحدة إنها سترد", side: .arabic)
        let f = try #require(found.first)
        #expect(f.target == "U.S.")
        #expect(f.count == 2)
        #expect(f.alternatives.isEmpty)

        // A capital letter that is not initials is not widened: "Plan B." stays "B".
        let plan = InMemoryTranslationMemory()
        // الخطة(0) باء(1) جاهزة(2) .(3)   Plan(0) B(1) is(2) ready(3) .(4)
        _ = try add(plan, "الخطة باء جاهزة.", "Plan B is ready.", [(0, 0), (1, 1), (2, 3), (3, 4)])
        #expect(SpanProjection.dottedInitials(1..<2, MatchTokenizer.tokens(of: "Plan B is ready.", side: .english)) == (1, 2))
        #expect(SpanProjection.dottedInitials(0..<2, MatchTokenizer.tokens(of: "The U.N. met", side: .english)) == (0, 5))
        #expect(SpanProjection.dottedInitials(3..<4, MatchTokenizer.tokens(of: "The U.N. met", side: .english)) == (1, 5))
    }

    /// A name the Arabic writes as one word and the links tie to one of its English words
    /// (نيويورك → York) is widened to the whole name when the two words' consonant
    /// skeleton is the Arabic word's; a neighbour without that evidence is not taken in.
    @Test func aTransliteratedNameIsProjectedWhole() {
        func project(_ arabic: String, _ english: String, span: Range<Int>, _ links: [(Int, Int)]) -> String? {
            let a = MatchTokenizer.tokens(of: arabic, side: .arabic), e = MatchTokenizer.tokens(of: english, side: .english)
            let all = links.map { WordLink(source: $0.0, target: $0.1) }
            guard let box = SpanProjection.target(of: span, sourceTokens: a, targetTokens: e, links: StoredLinks(links: all, sure: Set(all)),
                                                  sourceLanguage: .arabic, strict: true) else { return nil }
            return english.utf16Slice(e[box.lowerBound].range.lowerBound..<e[box.upperBound - 1].range.upperBound)
        }
        // وصل(0) إلى(1) نيويورك(2) أمس(3)   He(0) arrived(1) in(2) New(3) York(4) yesterday(5)
        #expect(project("وصل إلى نيويورك أمس", "He arrived in New York yesterday", span: 2..<3, [(0, 1), (1, 2), (2, 4), (3, 5)])
                == "New York")
        // With a clitic on the Arabic: ولنيويورك.
        #expect(project("وصل ولنيويورك أمس", "He arrived and to New York yesterday", span: 1..<2, [(0, 1), (1, 5), (2, 6)])
                == "New York")
        // يضبط(0) الضوء(1)   It(0) sets(1) the(2) Light(3) Source(4): no skeleton says "Light Source".
        #expect(project("يضبط الضوء", "It sets the Light Source", span: 1..<2, [(0, 1), (1, 3)]) == "Light")
    }

    /// "cent" alone is no translation of في المائة: the function word the edge trimming
    /// would drop is kept where it starts a fixed expression.
    @Test func aFixedExpressionIsNotCutAtItsFunctionWord() {
        func project(_ arabic: String, _ english: String, span: Range<Int>, _ links: [(Int, Int)]) -> String? {
            let a = MatchTokenizer.tokens(of: arabic, side: .arabic), e = MatchTokenizer.tokens(of: english, side: .english)
            let all = links.map { WordLink(source: $0.0, target: $0.1) }
            guard let box = SpanProjection.target(of: span, sourceTokens: a, targetTokens: e, links: StoredLinks(links: all, sure: Set(all)),
                                                  sourceLanguage: .arabic) else { return nil }
            return english.utf16Slice(e[box.lowerBound].range.lowerBound..<e[box.upperBound - 1].range.upperBound)
        }
        // ارتفع(0) 5(1) في(2) المائة(3)   It(0) rose(1) 5(2) per(3) cent(4): per tied to nothing.
        #expect(project("ارتفع 5 في المائة", "It rose 5 per cent", span: 2..<4, [(0, 1), (1, 2), (3, 4)]) == "per cent")
        // قتل(0) على(1) الأقل(2) عشرة(3)   At(0) least(1) ten(2) were(3) killed(4)
        #expect(project("قتل على الأقل عشرة", "At least ten were killed", span: 1..<3, [(0, 4), (2, 1), (3, 2)]) == "At least")
        // Not another function word before the same word: "the least" stays "least".
        #expect(project("أقل الأقل", "not the least", span: 1..<2, [(1, 2)]) == "least")
    }

    @Test func overlappingCandidatesKeepTheCoverThatTranslatesMostWords() {
        func fragment(_ start: Int, _ words: Int, _ confidence: Double) -> (start: Int, words: Int, fragment: TMFragment) {
            (start, words, TMFragment(range: start..<(start + words), source: "", target: "\(start)+\(words)", count: 1,
                                      confidence: confidence, alternatives: [], units: [], words: words))
        }
        // 0..<3 and 2..<6 overlap; 0..<2 + 2..<6 covers six words.
        let chosen = FragmentFinder<InMemoryTranslationMemory>.choose([fragment(0, 3, 0.9), fragment(0, 2, 0.8), fragment(2, 4, 0.7)])
        #expect(chosen.map(\.target) == ["0+2", "2+4"])
        // The same words whole or in two more confident pieces: whole.
        let whole = FragmentFinder<InMemoryTranslationMemory>.choose([fragment(0, 5, 0.5), fragment(0, 2, 0.8), fragment(2, 3, 0.75)])
        #expect(whole.map(\.target) == ["0+5"])
    }
}

@Suite struct AlignmentTokenizerTests {
    @Test func splitsCliticsWhereTheCorpusKnowsTheRest() {
        let counts: [String: Int] = ["القدس": 10, "قال": 30, "وقال": 8, "بلد": 5]
        let tokenizer = AlignmentTokenizer(arabicCount: { counts[$0] ?? 0 })
        let t = tokenizer.tokens(arabic: "وقال وبالقدس بلد", english: "")
        #expect(t.arabic == ["و+", "قال", "و+", "ب+", "ال+", "قدس", "بلد"])
        // Every alignment token points back to its word.
        #expect(t.arabicWord == [0, 0, 1, 1, 1, 1, 2])
    }

    @Test func anchorsNumbersLatinNamesPunctuationAndTransliteratedNames() {
        let tokenizer = AlignmentTokenizer(arabicCount: { _ in 0 })
        let t = tokenizer.tokens(arabic: "قال ترامب إن ٣٥ شخصا في COP29، قتلوا",
                                 english: "Trump said 35 people at COP29, were killed")
        let english = ["trump", "said", "<num>", "people", "at", "cop29", ",", "were", "killed"]
        #expect(t.english == english)
        let pairs = Set(t.anchors.map { "\(t.arabic[$0.source])|\(t.english[$0.target])" })
        #expect(pairs.contains("<num>|<num>"))
        #expect(pairs.contains("cop29|cop29"))
        #expect(pairs.contains(",|,"))  // the Arabic comma, on its match key
        #expect(pairs.contains("ترامب|trump"))
    }

    @Test func matchLinksMapSubwordLinksBackToWords() {
        let counts: [String: Int] = ["القدس": 10]
        let tokenizer = AlignmentTokenizer(arabicCount: { counts[$0] ?? 0 })
        let t = tokenizer.tokens(arabic: "وبالقدس", english: "and in Jerusalem")
        // و+ → and, ب+ → in, قدس → Jerusalem: all from Arabic word 0.
        let links = [WordLink(source: 0, target: 0), WordLink(source: 1, target: 1), WordLink(source: 3, target: 2)]
        #expect(t.matchLinks(links) == [WordLink(source: 0, target: 0), WordLink(source: 0, target: 1), WordLink(source: 0, target: 2)])
    }
}
