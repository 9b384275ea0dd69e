import DragomanGlossary
import DragomanQA
import DragomanText
import Testing

@Suite struct QACheckerTests {
    func findings(_ source: String, _ target: String, glossary: (any GlossaryStore)? = nil) throws -> [QAFinding] {
        try QAChecker(glossary: glossary).check(QAPair(id: "1", source: source, target: target))
    }

    func rules(_ source: String, _ target: String, glossary: (any GlossaryStore)? = nil) throws -> [String] {
        try findings(source, target, glossary: glossary).map(\.rule)
    }

    static let numbers: [(source: String, target: String, rules: [String])] = [
        // By value, across digit scripts, separators, percent and scales.
        ("ارتفعت الأسعار بنسبة ٣٥٪ يوم الاثنين.", "Prices rose 35% on Monday.", []),
        ("قتل ١٬٥٠٠ شخص.", "1,500 people were killed.", []),
        ("يعيش هناك أكثر من 300 ألف نسمة.", "More than 300,000 people live there.", []),
        ("بلغت الصفقة 125 مليون جنيه.", "The deal was worth £125m.", []),
        ("نما الاقتصاد ٣٫٥ في المئة.", "The economy grew 3.5 per cent.", []),
        ("حضر 76.000 متفرج.", "76,000 spectators attended.", []),
        ("قال ثلاثة مسؤولين.", "Three officials said.", []),
        ("أيد 58٪ من الناخبين.", "Fifty-eight percent of voters agreed.", []),
        // Wrong or missing.
        ("ارتفعت الأسعار بنسبة ٣٥٪.", "Prices rose 25%.", ["missing-number", "extra-number"]),
        ("قتل ١٬٥٠٠ شخص.", "Many people were killed.", ["missing-number"]),
        // الاثنين is Monday, not two.
        ("اجتمعوا يوم الاثنين.", "They met on Monday.", []),
    ]

    @Test(arguments: numbers)
    func numbersAreComparedByValue(_ row: (source: String, target: String, rules: [String])) throws {
        #expect(try rules(row.source, row.target).filter { $0.contains("number") } == row.rules)
    }

    @Test func completenessAndForm() throws {
        #expect(try rules("قال الرئيس", "") == ["empty-target"])
        #expect(try rules("قال الرئيس", "قال الرئيس") == ["target-equals-source"])
        #expect(try rules("قال الرئيس", "The president قال") == ["arabic-in-target"])
        #expect(try rules("قال الرئيس، وفق www.example.org", "The president said, according to") == ["missing-name"])
        #expect(try rules("قال الرئيس، ثم غادر", "The president said، then left") == ["arabic-punctuation"])
        #expect(try rules("اجتمع المجلس (في نيويورك)", "The council met (in New York") == ["unbalanced-brackets"])
        #expect(try rules("أدخل %s", "Enter the value") == ["missing-placeholder"])
        #expect(try rules("قال الرئيس", "The the president said") == ["doubled-word"])
        // A quote that opens here and closes in the next sentence, as in the source.
        #expect(try rules("قال \"سنعود", "He said \"we will return") == [])
    }

    @Test func glossaryTermsAndForbiddenVariants() throws {
        let glossary = InMemoryGlossary()
        _ = try glossary.add(NewEntry(terms: [NewTerm(.arabic, "قطاع غزة"), NewTerm(.english, "Gaza Strip")]))
        _ = try glossary.add(NewEntry(terms: [NewTerm(.arabic, "المسجد الأقصى"), NewTerm(.english, "al-Aqsa Mosque"),
                                              NewTerm(.english, "Temple Mount", status: .forbidden)]))
        // Clitics on the source term, a plural-free English match.
        #expect(try rules("وصل الوفد إلى قطاع غزة", "The delegation reached the Gaza Strip", glossary: glossary) == [])
        #expect(try rules("وصل الوفد إلى قطاع غزة", "The delegation reached the enclave", glossary: glossary) == ["missing-term"])
        let forbidden = try findings("زار المسجد الأقصى", "He visited the Temple Mount", glossary: glossary)
        #expect(forbidden.first?.severity == .error)
        #expect(forbidden.first?.rule == "forbidden-term")
        #expect(forbidden.first?.message.contains("use «al-Aqsa Mosque»") == true)
    }

    @Test func errorsOnlyLeaveOutTheWarnings() throws {
        let glossary = InMemoryGlossary()
        _ = try glossary.add(NewEntry(terms: [NewTerm(.arabic, "قطاع غزة"), NewTerm(.english, "Gaza Strip")]))
        _ = try glossary.add(NewEntry(terms: [NewTerm(.arabic, "المسجد الأقصى"), NewTerm(.english, "al-Aqsa Mosque"),
                                              NewTerm(.english, "Temple Mount", status: .forbidden)]))
        var checker = QAChecker(glossary: glossary)
        checker.minimumSeverity = .error
        // A missing term and a doubled word are warnings; a forbidden term and a wrong number errors.
        let pair = QAPair(id: "1", source: "زار ٣ وفود قطاع غزة والمسجد الأقصى", target: "Two delegations visited the the enclave and the Temple Mount")
        let all = try QAChecker(glossary: glossary).check(pair)
        let errors = try checker.check(pair)
        #expect(all.contains { $0.rule == "missing-term" } && all.contains { $0.rule == "doubled-word" })
        #expect(errors.contains { $0.rule == "forbidden-term" })
        #expect(errors.allSatisfy { $0.severity == .error })
        #expect(errors.map(\.rule) == all.filter { $0.severity == .error }.map(\.rule))
    }

    @Test func consistencyAcrossTheFile() throws {
        let pairs = [QAPair(id: "1", source: "قال الرئيس", target: "The president said"),
                     QAPair(id: "2", source: "قال الرئيس", target: "The chairman said"),
                     QAPair(id: "3", source: "صرح الرئيس", target: "The president said")]
        let found = try QAChecker().check(pairs).filter { $0.check == .consistency }
        #expect(found.map(\.unitID) == ["2", "3"])
        #expect(found.map(\.rule) == ["inconsistent-target", "same-target"])
    }
}
