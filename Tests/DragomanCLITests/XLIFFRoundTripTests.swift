import Foundation
import Testing

/// The loop a translator closes: `pretranslate` writes XLIFF, a CAT tool fills and
/// reviews the targets, `tm import` stores them, the next `tm match` finds them.
@Suite struct XLIFFRoundTripTests {
    static let dragomanBuilt = BuiltExecutable.path("dragoman") != nil

    static let pairs = [
        ("أعلنت وزارة الصحة في غزة ارتفاع عدد الضحايا.", "The Health Ministry in Gaza announced a rise in the number of victims."),
        ("وقال المتحدث باسم الوزارة إن المستشفيات تعاني نقصا حادا في الوقود.", "The ministry's spokesman said hospitals were suffering a severe shortage of fuel."),
        ("ودعت الأمم المتحدة إلى فتح المعابر فورا.", "The United Nations called for the crossings to be opened immediately."),
    ]

    @Test(.enabled(if: dragomanBuilt, "dragoman is not built beside the test bundle"))
    func reviewedTargetsComeBackAsExactMatches() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = Self.pairs[0].0 + " " + Self.pairs[1].0 + "\n\n" + Self.pairs[2].0 + "\n"
        try article.write(toFile: sandbox.path("article.txt"), atomically: true, encoding: .utf8)
        let pretranslated = try sandbox.dragoman(["pretranslate", "article.txt", "-o", "a.xlf", "--empty"])
        #expect(pretranslated.exitCode == 0, "\(pretranslated.transcript)")

        // The translator's work: a target for each segment, marked translated.
        var xliff = try String(contentsOfFile: sandbox.path("a.xlf"), encoding: .utf8)
        for (arabic, english) in Self.pairs {
            try #require(xliff.contains("<source>\(arabic)</source>"))
            xliff = xliff.replacingOccurrences(of: "<source>\(arabic)</source>",
                                               with: "<source>\(arabic)</source><target>\(english)</target>")
        }
        // Before the review, merge refuses the targets.
        try xliff.write(toFile: sandbox.path("a.xlf"), atomically: true, encoding: .utf8)
        let refused = try sandbox.dragoman(["merge", "a.xlf"])
        #expect(refused.exitCode == 65 && refused.stderr.contains("u1/s1, u2/s2, u3/s3"), "\(refused.transcript)")
        let unreviewed = try sandbox.dragoman(["tm", "import", "a.xlf"])
        #expect(unreviewed.exitCode == 0 && unreviewed.stdout.contains("added 0, updated 0, skipped 3"), "\(unreviewed.transcript)")

        xliff = xliff.replacingOccurrences(of: "state=\"initial\"", with: "state=\"translated\"")
        try xliff.write(toFile: sandbox.path("a.xlf"), atomically: true, encoding: .utf8)
        let imported = try sandbox.dragoman(["tm", "import", "a.xlf"])
        #expect(imported.exitCode == 0, "\(imported.transcript)")
        #expect(imported.stdout.contains("a.xlf: added 3, updated 0, skipped 0"), "\(imported.transcript)")

        let match = try sandbox.dragoman(["tm", "match", Self.pairs[1].0, "--json"])
        #expect(match.exitCode == 0, "\(match.transcript)")
        struct Matches: Decodable {
            struct Match: Decodable { var score: Int; var target: String; var origin: String? }
            var matches: [Match]
        }
        let best = try #require(try JSONDecoder().decode(Matches.self, from: Data(match.stdout.utf8)).matches.first)
        #expect(best.score == 100 || best.score == 101)
        #expect(best.target == Self.pairs[1].1)
        #expect(best.origin == "article.txt")

        let merged = try sandbox.dragoman(["merge", "a.xlf"])
        #expect(merged.exitCode == 0, "\(merged.transcript)")
        #expect(merged.stdout == Self.pairs[0].1 + " " + Self.pairs[1].1 + "\n\n" + Self.pairs[2].1 + "\n")
    }

    /// Below the sentence: an assembled draft is a candidate, and with
    /// `--assembled-as-target` a target to review: `merge` refuses it until it is reviewed,
    /// and `tm import` never stores it while words are still in ⟦…⟧.
    @Test(.enabled(if: dragomanBuilt, "dragoman is not built beside the test bundle"))
    func assembledDraftsStayCandidatesUntilReviewed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let unmatched = "وقالت منظمة WHO إن 45 شخصا أصيبوا."
        let draft = "⟦وقالت منظمة⟧ WHO ⟦إن⟧ 45 ⟦شخصا أصيبوا⟧."
        try (Self.pairs[0].0 + "\t" + Self.pairs[0].1 + "\n").write(toFile: sandbox.path("tm.tsv"), atomically: true, encoding: .utf8)
        try (Self.pairs[0].0 + " " + unmatched + "\n").write(toFile: sandbox.path("article.txt"), atomically: true, encoding: .utf8)

        // As a candidate only, the draft is no target.
        let candidate = try sandbox.dragoman(["pretranslate", "article.txt", "-o", "c.xlf", "--empty", "--load-tm", "tm.tsv"])
        #expect(candidate.exitCode == 0, "\(candidate.transcript)")
        #expect(candidate.stderr.contains("0 with fragments, 1 with an assembled draft"), "\(candidate.transcript)")
        let candidateXLIFF = try String(contentsOfFile: sandbox.path("c.xlf"), encoding: .utf8)
        #expect(candidateXLIFF.contains("type=\"am\" subType=\"dragoman:assembled\""))
        #expect(candidateXLIFF.contains("<target>\(draft)</target>"))
        let mergedCandidate = try sandbox.dragoman(["merge", "c.xlf"])
        #expect(mergedCandidate.exitCode == 0 && mergedCandidate.stdout == Self.pairs[0].1 + " " + unmatched + "\n",
                "\(mergedCandidate.transcript)")

        // As the target: to review.
        let pretranslated = try sandbox.dragoman(["pretranslate", "article.txt", "-o", "a.xlf", "--assembled-as-target"])
        #expect(pretranslated.exitCode == 0, "\(pretranslated.transcript)")
        let refused = try sandbox.dragoman(["merge", "a.xlf"])
        #expect(refused.exitCode == 65 && refused.stderr.contains("u2/s2"), "\(refused.transcript)")
        let merged = try sandbox.dragoman(["merge", "a.xlf", "--allow-unreviewed"])
        #expect(merged.exitCode == 0 && merged.stdout == Self.pairs[0].1 + " " + draft + "\n", "\(merged.transcript)")

        // A tool that marks everything translated does not get the draft into the TM.
        var xliff = try String(contentsOfFile: sandbox.path("a.xlf"), encoding: .utf8)
        xliff = xliff.replacingOccurrences(of: "state=\"initial\" subState=\"dragoman:needs-review\"", with: "state=\"translated\"")
        try xliff.write(toFile: sandbox.path("a.xlf"), atomically: true, encoding: .utf8)
        let imported = try sandbox.dragoman(["tm", "import", "a.xlf"])
        #expect(imported.exitCode == 0 && imported.stdout.contains("skipped 1") && imported.stdout.contains("1 unfinished draft"),
                "\(imported.transcript)")
        let match = try sandbox.dragoman(["tm", "match", unmatched, "--json"])
        #expect(match.exitCode == 0 && !match.stdout.contains("⟦"), "\(match.transcript)")

        // JSON lines carry the new keys; the analysis counts the draft on a line of its own.
        let json = try sandbox.dragoman(["pretranslate", "article.txt", "--format", "json"])
        let lines = json.stdout.split(separator: "\n")
        #expect(json.exitCode == 0 && lines.count == 2, "\(json.transcript)")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["fragments"] as? [Any] != nil)
        #expect((second["assembled"] as? [String: Any])?["text"] as? String == draft)
        let analysis = try sandbox.dragoman(["analyze", "article.txt"])
        #expect(analysis.exitCode == 0 && analysis.stdout.contains("29% of their words covered"), "\(analysis.transcript)")
        #expect(analysis.stdout.split(separator: "\n").contains { $0.hasPrefix("  assembled") && $0.contains(" 1 ") && $0.contains(" 7 ") },
                "\(analysis.transcript)")
    }
}

