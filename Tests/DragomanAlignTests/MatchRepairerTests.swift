import DragomanAlign
import DragomanText
import DragomanTM
import Testing

/// Fuzzy-match repair as a translator sees it: the TM's stored pair, the new sentence, and
/// the proposal with the new names, dates and terms in it (or the stored words, listed).
@Suite struct MatchRepairerTests {
    /// One TM unit, the query, what the glossary knows, the expected proposal.
    struct Row: CustomTestStringConvertible {
        var arabic: String
        var english: String
        var query: String
        /// Arabic word ↔ English word links of the unit (by surface text).
        var links: [(String, String)]
        /// Glossary terms: Arabic (as the text has it) → English.
        var known: [String: String]
        var expected: String
        var testDescription: String { query }
    }

    static let glossary: [String: String] = [
        "المكسيك": "Mexico", "إثيوبيا": "Ethiopia", "لإثيوبيا": "Ethiopia", "للبرازيل": "Brazil", "البرازيل": "Brazil",
        "يناير": "January", "مارس": "March", "الأربعاء": "Wednesday", "الجمعة": "Friday",
        "الولايات المتحدة": "United States", "مبادرة": "initiative", "خطة": "plan",
    ]

    static let rows: [Row] = [
        // A possessive stays with the new name.
        Row(arabic: "زار الرئيس عاصمة المكسيك يوم الاثنين.", english: "The president visited Mexico's capital on Monday.",
            query: "زار الرئيس عاصمة إثيوبيا يوم الاثنين.", links: [("المكسيك", "Mexico's"), ("عاصمة", "capital")],
            known: glossary, expected: "The president visited Ethiopia's capital on Monday."),
        // لعاصمة for عاصمة is a clitic change, not a word to repair; the name still is.
        Row(arabic: "زار الرئيس عاصمة المكسيك يوم الاثنين.", english: "The president visited Mexico's capital on Monday.",
            query: "زار الرئيس لعاصمة إثيوبيا يوم الاثنين.", links: [("المكسيك", "Mexico's"), ("عاصمة", "capital")],
            known: glossary, expected: "The president visited Ethiopia's capital on Monday."),
        // ل + البرازيل = للبرازيل, linked to "to Brazil": the name changes, "to" stays.
        Row(arabic: "سافر الوزير للبرازيل أمس.", english: "The minister travelled to Brazil yesterday.",
            query: "سافر الوزير لإثيوبيا أمس.", links: [("للبرازيل", "to"), ("للبرازيل", "Brazil")],
            known: glossary, expected: "The minister travelled to Ethiopia yesterday."),
        // A month.
        Row(arabic: "ارتفعت الأسعار في يناير.", english: "Prices rose in January.",
            query: "ارتفعت الأسعار في مارس.", links: [("يناير", "January")], known: glossary, expected: "Prices rose in March."),
        // A weekday.
        Row(arabic: "عقد الاجتماع في القاهرة يوم الأربعاء.", english: "The meeting was held in Cairo on Wednesday.",
            query: "عقد الاجتماع في القاهرة يوم الجمعة.", links: [("الأربعاء", "Wednesday")], known: glossary,
            expected: "The meeting was held in Cairo on Friday."),
        // The "the" of the old name goes with it.
        Row(arabic: "وقعت الولايات المتحدة اتفاقية جديدة.", english: "The United States signed a new agreement.",
            query: "وقعت إثيوبيا اتفاقية جديدة.", links: [("الولايات", "The"), ("الولايات", "United"), ("المتحدة", "States")],
            known: glossary, expected: "Ethiopia signed a new agreement."),
        // a → an before a vowel.
        Row(arabic: "اقترح الوزير خطة لإنهاء الأزمة.", english: "The minister proposed a plan to end the crisis.",
            query: "اقترح الوزير مبادرة لإنهاء الأزمة.", links: [("خطة", "plan")], known: glossary,
            expected: "The minister proposed an initiative to end the crisis."),
        // A Latin-script name is copied as is.
        Row(arabic: "أعلنت شركة Siemens عن خطة جديدة.", english: "Siemens announced a new plan.",
            query: "أعلنت شركة Alstom عن خطة جديدة.", links: [("Siemens", "Siemens")], known: [:],
            expected: "Alstom announced a new plan."),
        // Linked only: the old name is not a glossary term, the links say where it stands.
        Row(arabic: "زار الرئيس عاصمة المكسيك يوم الاثنين.", english: "The president visited Mexico's capital on Monday.",
            query: "زار الرئيس عاصمة إثيوبيا يوم الاثنين.", links: [("المكسيك", "Mexico's")],
            known: ["إثيوبيا": "Ethiopia"], expected: "The president visited Ethiopia's capital on Monday."),
    ]

    /// The best match of `query` against the one unit, repaired.
    static func repaired(_ row: Row) throws -> TMMatch {
        let tm = InMemoryTranslationMemory()
        _ = try tm.add(TranslationUnit(arabic: row.arabic, english: row.english))
        var match = try #require(try tm.searcher().search(TMQuery(text: row.query, side: .arabic), threshold: 50, limit: 1).first)
        let arabic = MatchTokenizer.tokens(of: row.arabic, side: .arabic)
        let english = MatchTokenizer.tokens(of: row.english, side: .english)
        var links: [WordLink] = []
        for (a, e) in row.links {
            guard let i = arabic.firstIndex(where: { $0.text == a }), let j = english.firstIndex(where: { $0.text == e }) else {
                Issue.record("no token \(a) or \(e)")
                continue
            }
            links.append(WordLink(source: i, target: j))
        }
        try MatchRepairer.repair(&match, queryText: row.query, links: StoredLinks(links: links, sure: Set(links)),
                                 query: Self.known(row.query, row.known), source: { _ in Self.known(row.arabic, row.known) })
        return match
    }

    /// Every glossary term found in `text`, as the glossary would report it.
    static func known(_ text: String, _ glossary: [String: String]) -> [KnownTranslation] {
        glossary.compactMap { arabic, english in
            guard let r = text.range(of: arabic) else { return nil }
            let start = text.utf16.distance(from: text.utf16.startIndex, to: r.lowerBound)
            return KnownTranslation(range: start..<(start + arabic.utf16.count), translations: [english], by: .glossary)
        }
    }

    @Test(arguments: rows) func repairsTheTarget(_ row: Row) throws {
        let m = try Self.repaired(row)
        #expect(m.proposedTarget == row.expected)
        #expect(m.kind == .repaired)
        #expect(m.unrepaired.isEmpty)
        // The stored translation stays visible, the score unchanged.
        #expect(m.unit.english == row.english)
        for r in m.repairs {
            let target = Array(m.proposedTarget.utf16)
            let span = try #require(r.targetSpan)
            #expect(String(decoding: target[span.range], as: UTF16.self).hasSuffix(r.to.split(separator: " ").last.map(String.init) ?? r.to))
        }
    }

    @Test func eachRepairSaysWhatWhereAndBy() throws {
        let m = try Self.repaired(Self.rows[0])
        let r = try #require(m.repairs.first)
        #expect(m.repairs.count == 1)
        #expect(r.from == "Mexico" && r.to == "Ethiopia" && r.by == "glossary")
        let query = Array(Self.rows[0].query.utf16)
        #expect(String(decoding: query[try #require(r.sourceSpan).range], as: UTF16.self) == "إثيوبيا")
        #expect(String(decoding: Array(m.proposedTarget.utf16)[try #require(r.targetSpan).range], as: UTF16.self) == "Ethiopia")
        #expect(m.score == 84)
    }

    @Test func anUnknownWordIsLeftAndListed() throws {
        var row = Self.rows[0]
        row.query = "زار الرئيس عاصمة زنكلاند يوم الاثنين."
        let m = try Self.repaired(row)
        #expect(m.kind == .fuzzy)
        #expect(m.proposedTarget == row.english)
        #expect(m.repairs.isEmpty)
        #expect(m.unrepaired.map { [$0.query, $0.source, $0.reason] } == [["زنكلاند", "المكسيك", "unknown"]])
        #expect(m.unrepaired.first?.querySpan == TextSpan(17..<24))
    }

    @Test func oneDifferenceRepairedAnotherLeft() throws {
        var row = Self.rows[4]
        row.query = "عقد الاجتماع في بغداد يوم الجمعة."
        let m = try Self.repaired(row)
        #expect(m.kind == .repaired)
        #expect(m.proposedTarget == "The meeting was held in Cairo on Friday.")
        #expect(m.unrepaired.map(\.query) == ["بغداد"])
    }

    @Test func aDifferenceWithNoLinkAndNoKnownOldWordsIsLeft() throws {
        var row = Self.rows[0]
        row.links = []
        row.known = ["إثيوبيا": "Ethiopia"]
        let m = try Self.repaired(row)
        #expect(m.proposedTarget == row.english)
        #expect(m.unrepaired.map(\.reason) == ["unlinked"])
    }

    @Test func numbersAreRepairedAsBeforeAndBesideNames() throws {
        // Only a number differs: the search repairs it, repair leaves it as it is.
        let tm = InMemoryTranslationMemory()
        _ = try tm.add(TranslationUnit(arabic: "ارتفعت الأسعار بنسبة 35 في المئة في يناير.", english: "Prices rose by 35 percent in January."))
        let onlyNumber = "ارتفعت الأسعار بنسبة 40 في المئة في يناير."
        var m = try #require(try tm.searcher().search(TMQuery(text: onlyNumber, side: .arabic), threshold: 50, limit: 1).first)
        #expect(m.kind == .repaired)
        let before = m
        try MatchRepairer.repair(&m, queryText: onlyNumber, links: nil, query: [], source: { _ in [] })
        #expect(m == before)
        #expect(m.proposedTarget == "Prices rose by 40 percent in January.")
        #expect(m.repairs.map(\.by) == ["number"])
        // A number and a month: both.
        let both = "ارتفعت الأسعار بنسبة 40 في المئة في مارس."
        var n = try #require(try tm.searcher().search(TMQuery(text: both, side: .arabic), threshold: 50, limit: 1).first)
        #expect(n.kind == .fuzzy)
        try MatchRepairer.repair(&n, queryText: both, links: nil, query: Self.known(both, Self.glossary),
                                 source: { _ in Self.known("ارتفعت الأسعار بنسبة 35 في المئة في يناير.", Self.glossary) })
        #expect(n.proposedTarget == "Prices rose by 40 percent in March.")
        #expect(n.repairs.map { [$0.from, $0.to, $0.by] } == [["35", "40", "number"], ["January", "March", "glossary"]])
    }

    @Test func aLowConfidenceTermRepairsOnlyANameForAName() throws {
        var row = Self.rows[0]
        row.known = [:]
        row.query = "زار الرئيس عاصمة كمال يوم الاثنين."
        let tm = InMemoryTranslationMemory()
        _ = try tm.add(TranslationUnit(arabic: row.arabic, english: row.english))
        var m = try #require(try tm.searcher().search(TMQuery(text: row.query, side: .arabic), threshold: 50, limit: 1).first)
        let links = [WordLink(source: 3, target: 3)]
        // كمال read as ك + مال "money": not a name, not used for one.
        try MatchRepairer.repair(&m, queryText: row.query, links: StoredLinks(links: links, sure: Set(links)),
                                 query: [KnownTranslation(range: 17..<21, translations: ["money"], by: .glossary, lowConfidence: true)],
                                 source: { _ in [] })
        #expect(m.proposedTarget == row.english)
        #expect(m.unrepaired.map(\.reason) == ["unknown"])
    }
}
