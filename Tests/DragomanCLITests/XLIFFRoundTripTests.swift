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
}
