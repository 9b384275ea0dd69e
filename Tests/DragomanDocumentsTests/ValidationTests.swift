import Foundation
import Testing
@testable import DragomanDocuments
@testable import DragomanPretranslate

/// xmllint, where it is installed (Debian: libxml2-utils).
enum XMLLint {
    /// xmllint, when it is installed and the schemas are present in `Fixtures/schemas`
    /// (the OASIS schema files are not kept in the repository; see docs/formats.md).
    static let path: String? = Bundle.module.url(forResource: "xliff21-dragoman", withExtension: "xsd",
                                                 subdirectory: "Fixtures/schemas") == nil ? nil
        : ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Validates `xml` against a schema under `Fixtures/schemas`; returns xmllint's
    /// complaints, or nil when it says the file validates.
    static func validate(_ xml: String, schema: String) throws -> String? {
        let tool = try #require(path)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("document.xml")
        try Data(xml.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--noout", "--nonet", "--schema", try Files.fixture("schemas/\(schema)").path, file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : output
    }
}

@Suite struct ValidationTests {
    static var documents: [(String, @Sendable () throws -> PretranslatedDocument)] { MergeTests.documents }

    // MARK: Structural checks (always run)

    @Test(arguments: 0..<documents.count)
    func xliff2Structure(n: Int) throws {
        let findings = try XLIFF2Check.run(try DocumentFormat.xliff.write(try Self.documents[n].1()))
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test(arguments: 0..<documents.count)
    func xliff12Structure(n: Int) throws {
        let findings = try XLIFF12Check.run(try DocumentFormat.xliff12.write(try Self.documents[n].1()))
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test(arguments: 0..<documents.count)
    func tmxStructure(n: Int) throws {
        let tmx = try DocumentFormat.tmx.write(try Self.documents[n].1(), options: DocumentWriterOptions(date: Fixed.made))
        let findings = try TMXCheck.run(tmx)
        #expect(findings.isEmpty, "\(findings)")
    }

    /// The checks catch what they are meant to catch.
    @Test func checksFindBrokenFiles() throws {
        let good = try DocumentFormat.xliff.write(try Sample.plainText())
        let badRef = good.replacingOccurrences(of: "ref=\"#s2\"", with: "ref=\"#s99\"")
        #expect(!(try XLIFF2Check.run(badRef)).isEmpty)
        let badState = good.replacingOccurrences(of: "state=\"translated\"", with: "state=\"done\"")
        #expect(!(try XLIFF2Check.run(badState)).isEmpty)
        let duplicate = good.replacingOccurrences(of: "<unit id=\"u2\">", with: "<unit id=\"u1\">")
        #expect(!(try XLIFF2Check.run(duplicate)).isEmpty)
        let badSub = good.replacingOccurrences(of: "subType=\"dragoman:fuzzy\"", with: "subType=\"fuzzy\"")
        #expect(!(try XLIFF2Check.run(badSub)).isEmpty)

        let good12 = try DocumentFormat.xliff12.write(try Sample.plainText())
        let badQualifier = good12.replacingOccurrences(of: "state-qualifier=\"fuzzy-match\"", with: "state-qualifier=\"fuzzy\"")
        #expect(!(try XLIFF12Check.run(badQualifier)).isEmpty)
        let misplaced = good12.replacingOccurrences(of: "</source>(\\s*)<target", with: "</source>$1<note>x</note>$1<target",
                                                    options: .regularExpression)
        #expect(misplaced != good12)
        #expect(!(try XLIFF12Check.run(misplaced)).isEmpty)
        let badApproved = good12.replacingOccurrences(of: "approved=\"yes\"", with: "approved=\"true\"")
        #expect(badApproved != good12)
        #expect(!(try XLIFF12Check.run(badApproved)).isEmpty)

        let tmx = try DocumentFormat.tmx.write(try Sample.plainText())
        #expect(!(try TMXCheck.run(tmx.replacingOccurrences(of: " segtype=\"sentence\"", with: ""))).isEmpty)
        #expect(!(try TMXCheck.run(tmx.replacingOccurrences(of: "<tuv xml:lang=\"en\">", with: "<tuv>"))).isEmpty)
    }

    /// A proposal taken as translated is approved (Translate Toolkit, and the tools built on
    /// it, show an unapproved target as fuzzy); one to review is not, nor is a segment
    /// without a proposal.
    @Test func xliff12ApprovesTranslatedProposalsOnly() throws {
        let document = try Sample.plainText()
        let root = try XMLNode.parse(try DocumentFormat.xliff12.write(document))
        let units = root.descendants.filter { $0.local == "trans-unit" && $0["translate"] != "no" }
        #expect(units.count == document.segments.count)
        for (unit, segment) in zip(units, document.segments) {
            #expect((unit["approved"] == "yes") == (segment.state == .translated), "\(unit.path)")
            if unit["approved"] == "yes" { #expect(unit.children("target").first?["state"] == "translated") }
        }
        #expect(units.contains { $0["approved"] == "yes" } && units.contains { $0["approved"] == nil })
        // --exact-as review: nothing is approved.
        var review = document
        review.segments = review.segments.map { s in
            var s = s
            if s.state == .translated { s.state = .needsReview }
            return s
        }
        #expect(!(try DocumentFormat.xliff12.write(review)).contains("approved="))
    }

    @Test func xliff2DeclaresTheRightNamespacesAndVersion() throws {
        let xliff = try DocumentFormat.xliff.write(try Sample.plainText())
        let root = try XMLNode.parse(xliff)
        #expect(root["version"] == "2.1")
        #expect(root["xmlns"] == "urn:oasis:names:tc:xliff:document:2.0")
        #expect(root["xmlns:mtc"] == "urn:oasis:names:tc:xliff:matches:2.0")
        #expect(root["xmlns:gls"] == "urn:oasis:names:tc:xliff:glossary:2.0")
        #expect(root["srcLang"] == "ar" && root["trgLang"] == "en")
        let segments = root.descendants.filter { $0.local == "segment" }
        #expect(segments.map { $0["state"] ?? "" } == ["initial", "initial", "initial", "translated", "translated", "translated",
                                                        "initial", "translated", "translated"])
        #expect(segments.compactMap { $0["subState"] } == Array(repeating: "dragoman:needs-review", count: 3))
        let matches = root.descendants.filter { $0.local == "match" }
        #expect(Set(matches.compactMap { $0["subType"] })
                == ["dragoman:fuzzy", "dragoman:repaired", "dragoman:exact-variant", "dragoman:exact", "dragoman:context"])
        #expect(matches.allSatisfy { $0["type"] == "tm" })
        // A context match is 101 for Dragoman, 100 for the schema.
        let context = try #require(matches.first { $0["subType"] == "dragoman:context" })
        #expect(context["similarity"] == "100")
        #expect(context.descendants.contains { $0["type"] == "score" && $0.text == "101" })
        // The forbidden term: a definition in the entry and a priority-1 note on the unit.
        let unit7 = try #require(root.descendants.first { $0.local == "unit" && $0["id"] == "u7" })
        #expect(unit7.descendants.contains { $0.local == "definition" && $0.text.hasPrefix("Forbidden term") })
        #expect(unit7.descendants.contains { $0.local == "note" && $0["priority"] == "1" })
    }

    @Test func xliff12StatesAndQualifiers() throws {
        let root = try XMLNode.parse(try DocumentFormat.xliff12.write(try Sample.plainText()))
        let units = root.descendants.filter { $0.local == "trans-unit" && $0["translate"] != "no" }
        let targets = units.map { $0.children("target").first }
        #expect(targets.map { $0?["state"] } == [nil, "needs-review-translation", "needs-review-translation", "translated",
                                                  "translated", "translated", "needs-review-translation", "translated", "translated"])
        #expect(targets.map { $0?["state-qualifier"] } == [nil, "fuzzy-match", "leveraged-tm", "exact-match", "exact-match",
                                                            "exact-match", "fuzzy-match", "exact-match", "exact-match"])
        let alts = units[2].children("alt-trans")
        #expect(alts.map { $0["match-quality"] } == ["99", "98"])
        let context = units[5].children("alt-trans").first
        #expect(context?["match-quality"] == "101")
        #expect(root.descendants.filter { $0["translate"] == "no" }.allSatisfy { $0["xml:space"] == "preserve" })
    }

    // MARK: XSD validation with xmllint (skipped where xmllint is missing)

    @Test(arguments: 0..<documents.count)
    func xliff21AgainstTheOASISSchemas(n: Int) throws {
        guard XMLLint.path != nil else {
            print("◇ skipped: xmllint not found (apt-get install libxml2-utils); the structural checks still ran")
            return
        }
        let xliff = try DocumentFormat.xliff.write(try Self.documents[n].1(), options: DocumentWriterOptions(date: Fixed.made))
        let complaints = try XMLLint.validate(xliff, schema: "xliff21-dragoman.xsd")
        #expect(complaints == nil, "\(complaints ?? "")")
    }

    @Test(arguments: 0..<documents.count)
    func xliff12AgainstTheSchema(n: Int) throws {
        guard XMLLint.path != nil else {
            print("◇ skipped: xmllint not found (apt-get install libxml2-utils); the structural checks still ran")
            return
        }
        let xliff = try DocumentFormat.xliff12.write(try Self.documents[n].1(), options: DocumentWriterOptions(date: Fixed.made))
        let complaints = try XMLLint.validate(xliff, schema: "xliff-core-1.2-dragoman-subset.xsd")
        #expect(complaints == nil, "\(complaints ?? "")")
    }

    /// The schemas themselves reject broken files (so a pass means something).
    @Test func schemasRejectBrokenFiles() throws {
        guard XMLLint.path != nil else {
            print("◇ skipped: xmllint not found")
            return
        }
        let xliff = try DocumentFormat.xliff.write(try Sample.plainText())
        #expect(try XMLLint.validate(xliff.replacingOccurrences(of: "state=\"translated\"", with: "state=\"done\""),
                                     schema: "xliff21-dragoman.xsd") != nil)
        #expect(try XMLLint.validate(xliff.replacingOccurrences(of: "similarity=\"84\"", with: "similarity=\"184\""),
                                     schema: "xliff21-dragoman.xsd") != nil)
        #expect(try XMLLint.validate(xliff.replacingOccurrences(of: "<gls:term ", with: "<gls:terms "),
                                     schema: "xliff21-dragoman.xsd") != nil)
        let xliff12 = try DocumentFormat.xliff12.write(try Sample.plainText())
        #expect(try XMLLint.validate(xliff12.replacingOccurrences(of: "state=\"translated\"", with: "state=\"done\""),
                                     schema: "xliff-core-1.2-dragoman-subset.xsd") != nil)
    }
}
