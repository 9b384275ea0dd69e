import Foundation
import Testing

/// `tm import` (learning by itself), `tm learn` and `tm fragments` run as a user runs them.
@Suite struct FragmentCommandTests {
    /// 36 news sentences in which subjects recur with different predicates.
    static var pairs: String {
        let subjects = [
            ("وزير الخارجية الأمريكي", "The US Secretary of State"), ("رئيس الوزراء البريطاني", "The British Prime Minister"),
            ("الرئيس الأمريكي", "The US President"), ("وزير الخارجية البريطاني", "The British Foreign Secretary"),
            ("رئيس الوزراء الفرنسي", "The French Prime Minister"), ("وزير الدفاع الفرنسي", "The French Defence Minister"),
        ]
        let predicates = [
            ("وصل إلى بغداد", "arrived in Baghdad"), ("التقى نظيره الروسي", "met his Russian counterpart"),
            ("زار القاهرة", "visited Cairo"), ("تحدث إلى الصحفيين", "spoke to reporters"), ("غادر لندن", "left London"),
            ("ألقى كلمة في المؤتمر", "gave a speech at the conference"),
        ]
        return subjects.flatMap { s in predicates.map { p in "\(s.0) \(p.0).\t\(s.1) \(p.1).\n" } }.joined()
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-fragments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Self.pairs.write(to: url.appendingPathComponent("pairs.tsv"), atomically: true, encoding: .utf8)
        return url
    }

    @Test func anImportLearnsAndFragmentsAnswerInPipeMode() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--db", "t.sqlite"]
        let imported = try expectExecution(["tm", "import", "pairs.tsv", "--empty"] + db, in: dir, exitCode: 0, stdoutContains: "added 36")
        #expect(imported.stderr.contains("learning the word alignment of 36 units"))
        // Pipe mode: one JSON object per line, in order, with the documented keys.
        let input = "قال وزير الخارجية الأمريكي إن المحادثات مستمرة\n\nجملة لا شيء فيها\n"
        let result = try expectExecution(["tm", "fragments"] + db, stdin: Data(input.utf8), in: dir, exitCode: 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["query"] as? String == "قال وزير الخارجية الأمريكي إن المحادثات مستمرة")
        #expect(first.keys.contains("assembled"))
        let fragments = try #require(first["fragments"] as? [[String: Any]])
        let secretary = try #require(fragments.first)
        for key in ["start", "end", "source", "target", "count", "confidence", "alternatives", "units"] {
            #expect(secretary[key] != nil, "fragment lacks \(key)")
        }
        #expect(secretary["source"] as? String == "وزير الخارجية الأمريكي")
        #expect(secretary["target"] as? String == "US Secretary of State")
        #expect(secretary["start"] as? Int == 4 && secretary["end"] as? Int == 26)
        let empty = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect((empty["fragments"] as? [Any])?.isEmpty == true)
        // A sentence argument prints for a person.
        let printed = try expectExecution(["tm", "fragments", "وصل وزير الخارجية الأمريكي أمس"] + db, in: dir, exitCode: 0,
                                          stdoutContains: "US Secretary of State")
        // Six units hold it; the newest five are listed, and the line says there are more.
        #expect(printed.stdout.contains("6 units agree, confidence"))
        #expect(printed.stdout.contains("#2, …)"))
    }

    /// News repeats its phrases with other numbers: the phrase is recalled with the
    /// sentence's own number in it, in the translation's digits and grouping.
    @Test func aFragmentCarriesTheSentencesOwnNumber() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-numbers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cities = [("بغداد", "Baghdad"), ("القاهرة", "Cairo"), ("دمشق", "Damascus"), ("بيروت", "Beirut"), ("عمان", "Amman"), ("تونس", "Tunis")]
        let verbs = [("أصيب", "were injured"), ("قتل", "were killed"), ("اعتقل", "were arrested")]
        let nouns = [("شخصا", "people"), ("جنديا", "soldiers"), ("طالبا", "students")]
        let numbers = [11, 12, 15, 20, 25, 30, 14, 16, 17]
        var lines: [String] = []
        for city in cities {
            for verb in verbs {
                for noun in nouns {
                    let n = numbers[lines.count % numbers.count]
                    lines.append("\(verb.0) \(n) \(noun.0) في \(city.0).\t\(n) \(noun.1) \(verb.1) in \(city.1).")
                }
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("pairs.tsv"), atomically: true, encoding: .utf8)
        let db = ["--db", "t.sqlite"]
        try expectExecution(["tm", "import", "pairs.tsv", "--empty"] + db, in: dir, exitCode: 0, stdoutContains: "added 54")
        let input = "أصيب ٤٧ شخصا في حادث سير\nقتل 1250 جنديا في الحرب\n"
        let result = try expectExecution(["tm", "fragments"] + db, stdin: Data(input.utf8), in: dir, exitCode: 0)
        let targets = try result.stdout.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (object["fragments"] as? [[String: Any]] ?? []).compactMap { $0["target"] as? String }
        }
        #expect(targets == [["47 people were injured"], ["1250 soldiers were killed"]])
    }

    @Test func learnByHandReportsAndAnOlderTMSaysWhyItHasNoFragments() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--db", "t.sqlite"]
        try expectExecution(["tm", "import", "pairs.tsv", "--empty", "--no-learn"] + db, in: dir, exitCode: 0)
        let before = try expectExecution(["tm", "fragments", "قال وزير الخارجية الأمريكي إن"] + db, in: dir, exitCode: 0,
                                         stdoutContains: "no fragment")
        #expect(before.stderr.contains("tm learn"))
        let learnt = try expectExecution(["tm", "learn", "--json"] + db, in: dir, exitCode: 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(learnt.stdout.utf8)) as? [String: Any])
        #expect(report["units"] as? Int == 36)
        let after = try expectExecution(["tm", "fragments", "قال وزير الخارجية الأمريكي إن"] + db, in: dir, exitCode: 0,
                                        stdoutContains: "US Secretary of State")
        #expect(!after.stderr.contains("tm learn"))
    }
}

@Suite struct TermExtractCommandTests {
    /// The review loop: extract to TSV, import the TSV, extract again: nothing proposed twice.
    @Test func extractedTermsImportBackAndAreNotProposedAgain() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FragmentCommandTests.pairs.write(to: dir.appendingPathComponent("pairs.tsv"), atomically: true, encoding: .utf8)
        let db = ["--db", "t.sqlite"]
        try expectExecution(["tm", "import", "pairs.tsv", "--empty"] + db, in: dir, exitCode: 0)
        let first = try expectExecution(["term", "extract", "--min-count", "3"] + db, in: dir, exitCode: 0,
                                        stdoutContains: "arabic\tenglish\tdomain\tnote\tsource")
        let rows = first.stdout.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty, "\(first.transcript)")
        #expect(rows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })
        try first.stdout.write(to: dir.appendingPathComponent("new.tsv"), atomically: true, encoding: .utf8)
        try expectExecution(["term", "import", "new.tsv"] + db, in: dir, exitCode: 0)
        let second = try expectExecution(["term", "extract", "--min-count", "3", "--format", "json"] + db, in: dir, exitCode: 0)
        let proposals = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [[String: Any]])
        let before = Set(rows.map { String($0.split(separator: "\t")[0]) })
        #expect(proposals.allSatisfy { !before.contains($0["arabic"] as? String ?? "") })
    }
}
