import Foundation
import Testing

/// `tm match` and `pretranslate` with fuzzy-match repair, run as a user runs them: a small
/// TM imported (and learnt by the import) into a database with the starter glossary.
@Suite struct RepairCommandTests {
    static let pairs = """
        زار الرئيس عاصمة المكسيك يوم الاثنين.\tThe president visited Mexico's capital on Monday.
        وصل الوفد إلى المكسيك في مايو.\tThe delegation arrived in Mexico in May.
        قال الوزير إن مصر ستستضيف القمة.\tThe minister said Egypt would host the summit.
        أعلنت فرنسا عن خطة جديدة للطاقة.\tFrance announced a new energy plan.
        التقى الوزير نظيره في باريس يوم الثلاثاء.\tThe minister met his counterpart in Paris on Tuesday.
        سافر الرئيس إلى البرازيل لحضور المؤتمر.\tThe president travelled to Brazil to attend the conference.
        وقعت ألمانيا اتفاقية مع الأردن.\tGermany signed an agreement with Jordan.
        ارتفعت الأسعار في يناير بنسبة 35 في المئة.\tPrices rose by 35 percent in January.
        عقد الاجتماع في القاهرة يوم الأربعاء.\tThe meeting was held in Cairo on Wednesday.
        زار وفد من اليابان مدينة دبي.\tA delegation from Japan visited Dubai.
        قالت الحكومة إن الاقتصاد ينمو بسرعة.\tThe government said the economy is growing fast.
        أرسلت الصين مساعدات إلى باكستان.\tChina sent aid to Pakistan.

        """

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-repair-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Self.pairs.write(to: url.appendingPathComponent("pairs.tsv"), atomically: true, encoding: .utf8)
        return url
    }

    func firstMatch(_ stdout: String) throws -> [String: Any] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        return try #require((json["matches"] as? [[String: Any]])?.first)
    }

    @Test func tmMatchJSONRepairsAndNoRepairGivesTheStoredTarget() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--db", "t.sqlite"]
        try expectExecution(["tm", "import", "pairs.tsv"] + db, in: dir, exitCode: 0, stdoutContains: "added 12")
        let query = "زار الرئيس عاصمة إثيوبيا يوم الخميس."
        let repaired = try firstMatch(try expectExecution(["tm", "match", query, "--json", "--min-score", "60"] + db, in: dir, exitCode: 0).stdout)
        #expect(repaired["kind"] as? String == "repaired")
        #expect(repaired["target"] as? String == "The president visited Ethiopia's capital on Thursday.")
        #expect(repaired["storedTarget"] as? String == "The president visited Mexico's capital on Monday.")
        let repairs = try #require(repaired["repairs"] as? [[String: Any]])
        #expect(repairs.map { $0["to"] as? String } == ["Ethiopia", "Thursday"])
        #expect(repairs.allSatisfy { $0["by"] as? String == "glossary" && $0["sourceSpan"] != nil && $0["targetSpan"] != nil })
        #expect(repaired["score"] as? Int == 68)

        let stored = try firstMatch(try expectExecution(["tm", "match", query, "--json", "--min-score", "60", "--no-repair"] + db,
                                                        in: dir, exitCode: 0).stdout)
        #expect(stored["kind"] as? String == "fuzzy")
        #expect(stored["target"] as? String == "The president visited Mexico's capital on Monday.")
        #expect(stored["storedTarget"] == nil && stored["repairs"] == nil)
        #expect(stored["score"] as? Int == 68)

        // Pipe mode, both ways.
        let piped = try expectExecution(["tm", "match", "--min-score", "60"] + db, stdin: Data("\(query)\n".utf8), in: dir, exitCode: 0)
        #expect(piped.stdout.contains("Ethiopia's capital on Thursday"))
        let pipedStored = try expectExecution(["tm", "match", "--min-score", "60", "--no-repair"] + db, stdin: Data("\(query)\n".utf8), in: dir, exitCode: 0)
        #expect(pipedStored.stdout.contains("Mexico's capital on Monday") && !pipedStored.stdout.contains("Ethiopia"))

        // --explain shows each repair; an unknown name is left and said.
        try expectExecution(["tm", "match", query, "--explain", "--min-score", "60"] + db, in: dir, exitCode: 0,
                            stdoutContains: "repair (glossary): Mexico → Ethiopia")
        try expectExecution(["tm", "match", "زار الرئيس عاصمة زنكلاند يوم الاثنين."] + db, in: dir, exitCode: 0,
                            stdoutContains: "not repaired")
    }

    @Test func pretranslateJSONCarriesTheRepairs() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--db", "t.sqlite"]
        try expectExecution(["tm", "import", "pairs.tsv"] + db, in: dir, exitCode: 0)
        try "سافر الرئيس إلى الأرجنتين لحضور المؤتمر.\n".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let out = try expectExecution(["pretranslate", "a.txt", "--format", "json"] + db, in: dir, exitCode: 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(object["target"] as? String == "The president travelled to Argentina to attend the conference.")
        #expect(object["kind"] as? String == "repaired")
        let stored = try expectExecution(["pretranslate", "a.txt", "--format", "json", "--no-repair"] + db, in: dir, exitCode: 0)
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as? [String: Any])
        #expect(plain["target"] as? String == "The president travelled to Brazil to attend the conference.")
        #expect(plain["kind"] as? String == "fuzzy")
    }
}
