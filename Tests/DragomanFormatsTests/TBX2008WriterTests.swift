import Foundation
import Testing
@testable import DragomanFormats
import DragomanXML

/// TBX 2008 (`martif`) TBX-Basic, as OmegaT and Translate Toolkit read it: the same model
/// as the v3 output, a structure checked against the 2008 core structure and TBX-Basic.
@Suite struct TBX2008WriterTests {
    static func document(_ entries: [TBXConceptEntry] = TBXWriterTests.entries) throws -> String {
        try TBXWriter.document(entries: entries, sourceLanguage: "ar", title: "News", version: .tbx2008)
    }

    @Test func writeThenReadGivesTheSameModel() throws {
        let reader = TBXReader(string: try Self.document())
        #expect(try reader.info() == TBXDocumentInfo(version: .tbx2008, dialect: "TBX-Basic", lang: "ar", title: "News",
                                                     sourceDescription: ["Exported by Dragoman"]))
        #expect(try readEntries(reader).map(\.withoutLines) == TBXWriterTests.entries)
    }

    @Test func outputMatchesTheGoldenFile() throws {
        #expect(try Self.document() == (try Fixture.string("written-2008.golden.tbx")))
    }

    @Test func isTBXBasic2008() throws {
        let findings = try TBXBasic2008Check.run(try Self.document())
        #expect(findings.isEmpty, "\(findings)")
        // What TBX-Basic has no place for stays valid too.
        let richer = TBXConceptEntry(id: "x", subjectField: "law", fields: [TBXField("customerSubset", "Desk 3"),
                                                                              TBXField("customerSubsetSource", "the desk")],
                                     languageSections: [
                                         TBXLanguageSection(lang: "en", terms: [
                                             TBXTerm(text: "DPs", partOfSpeech: "properNoun", administrativeStatus: .forbidden,
                                                     fields: [TBXField("subjectField", "law"), TBXField("register", "slang"),
                                                              TBXField("context", "DPs were moved."), TBXField("contextSource", "wire")]),
                                         ]),
                                     ])
        let output = try Self.document([richer])
        let again = try TBXBasic2008Check.run(output)
        #expect(again.isEmpty, "\(again)")
        // TBX 2008's adminGrp holds one admin: an admin's source is a note; a descrip keeps its group.
        #expect(!output.contains("<adminGrp>"))
        #expect(output.contains("<note>customerSubsetSource: the desk</note>"))
        #expect(output.contains("<descripGrp>"))
    }

    /// The checker finds what it is written to find.
    @Test func checkerRefusesWhatTBXBasic2008Forbids() throws {
        let good = try Self.document()
        let broken = [
            good.replacingOccurrences(of: "<martif type=\"TBX-Basic\"", with: "<martif type=\"TBX-Basic\" xmlns=\"urn:iso:std:iso:30042:ed-2\""),
            good.replacingOccurrences(of: "<tig>", with: "<termSec>").replacingOccurrences(of: "</tig>", with: "</termSec>"),
            good.replacingOccurrences(of: "preferredTerm-admn-sts", with: "forbidden"),
            good.replacingOccurrences(of: "<descrip type=\"context\">", with: "<descrip type=\"subjectField\">"),
            good.replacingOccurrences(of: "<termNote type=\"partOfSpeech\">noun</termNote>", with: "<termNote type=\"partOfSpeech\">properNoun</termNote>"),
            good.replacingOccurrences(of: "<admin type=\"source\">UNTERM</admin>",
                                      with: "<adminGrp><admin type=\"source\">UNTERM</admin><admin type=\"source\">x</admin></adminGrp>"),
        ]
        #expect(try TBXBasic2008Check.run(good).isEmpty)
        for (n, text) in broken.enumerated() {
            #expect(text != good, "case \(n) changed nothing")
            #expect(!(try TBXBasic2008Check.run(text)).isEmpty, "case \(n) passed")
        }
    }
}

/// A TBX 2008 TBX-Basic check written from the core structure's content models
/// (TBXcoreStructV02: martif, martifHeader, termEntry, langSet, tig, descripGrp, adminGrp)
/// and TBX-Basic's data categories (TBXBasicXCSV02: which element and level each one takes,
/// the picklists of administrativeStatus and partOfSpeech as the writer uses them).
enum TBXBasic2008Check {
    final class Element {
        let name: String
        let attributes: [XMLAttribute]
        var children: [Element] = []
        var text = ""
        let line: Int
        init(_ name: String, _ attributes: [XMLAttribute], _ line: Int) {
            self.name = name
            self.attributes = attributes
            self.line = line
        }
        subscript(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
        var names: [String] { children.map(\.name) }
        var descendants: [Element] { children.flatMap { [$0] + $0.descendants } }
    }

    static func tree(_ xml: String) throws -> Element {
        var parser = XMLPullParser(string: xml)
        var stack: [Element] = []
        var root: Element?
        while let event = try parser.next() {
            switch event {
            case .startElement(let e):
                let node = Element(e.name, e.attributes, e.line)
                stack.last?.children.append(node)
                if root == nil { root = node }
                stack.append(node)
            case .endElement:
                stack.removeLast()
            case .text(let t):
                stack.last?.text += t
            default:
                break
            }
        }
        return try #require(root)
    }

    /// Whether `names` match a sequence of (allowed, min, max) particles.
    static func matches(_ names: [String], _ model: [(Set<String>, Int, Int)]) -> Bool {
        var i = 0
        for (allowed, min, max) in model {
            var n = 0
            while i < names.count && n < max && allowed.contains(names[i]) {
                i += 1
                n += 1
            }
            if n < min { return false }
        }
        return i == names.count
    }

    static let auxInfo: Set<String> = ["descrip", "descripGrp", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"]
    static let textOnly: Set<String> = ["title", "p", "term", "termNote", "descrip", "admin", "note", "xref"]
    enum Level: String { case entry, language, term }
    static let descrip: [String: Set<Level>] = ["subjectField": [.entry], "definition": [.entry, .language], "context": [.term]]
    static let admin: [String: Set<Level>] = ["source": [.entry, .language, .term], "customerSubset": [.entry, .term],
                                              "projectSubset": [.entry, .term]]
    static let termNotes: Set<String> = ["administrativeStatus", "grammaticalGender", "geographicalUsage", "partOfSpeech",
                                         "termLocation", "termType"]
    static let statuses: Set<String> = ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                                        "supersededTerm-admn-sts"]
    static let partsOfSpeech: Set<String> = ["noun", "verb", "adjective", "adverb", "other"]

    static func run(_ xml: String) throws -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ message: @autoclosure () -> String) { if !ok { problems.append(message()) } }
        let root = try tree(xml)
        check(root.name == "martif" && root["type"] == "TBX-Basic", "root is not <martif type=\"TBX-Basic\">")
        check(root["xml:lang"] != nil, "martif lacks xml:lang")
        for node in [root] + root.descendants {
            check(!node.attributes.contains { $0.name == "xmlns" || $0.name.hasPrefix("xmlns:") },
                  "\(node.name) (line \(node.line)) declares a namespace: TBX 2008 has none")
            if textOnly.contains(node.name) { check(node.children.isEmpty, "markup inside \(node.name) (line \(node.line))") }
        }
        check(matches(root.names, [(["martifHeader"], 1, 1), (["text"], 1, 1)]), "martif must hold martifHeader, text")
        for header in root.children where header.name == "martifHeader" {
            check(matches(header.names, [(["fileDesc"], 1, 1), (["encodingDesc"], 0, 1), (["revisionDesc"], 0, 1)]),
                  "bad martifHeader")
            for fileDesc in header.children where fileDesc.name == "fileDesc" {
                check(matches(fileDesc.names, [(["titleStmt"], 0, 1), (["publicationStmt"], 0, 1), (["sourceDesc"], 1, .max)]),
                      "bad fileDesc")
            }
            for encoding in header.children where encoding.name == "encodingDesc" {
                check(encoding.children.contains { $0.name == "p" && $0["type"] == "XCSURI" }, "encodingDesc names no XCS")
            }
        }
        let bodies = root.children.filter { $0.name == "text" }.flatMap { $0.children }.filter { $0.name == "body" }
        check(bodies.count == 1, "text must hold one body")
        for entry in bodies.flatMap(\.children) {
            check(entry.name == "termEntry", "body holds \(entry.name) (line \(entry.line)), not termEntry")
            check(matches(entry.names, [(auxInfo, 0, .max), (["langSet"], 1, .max)]), "bad termEntry (line \(entry.line))")
            problems += categories(entry, .entry)
            for langSet in entry.children where langSet.name == "langSet" {
                check(langSet["xml:lang"] != nil, "langSet without xml:lang (line \(langSet.line))")
                check(matches(langSet.names, [(auxInfo, 0, .max), (["tig", "ntig"], 1, .max)]), "bad langSet (line \(langSet.line))")
                problems += categories(langSet, .language)
                for tig in langSet.children where tig.name == "tig" {
                    check(matches(tig.names, [(["term"], 1, 1), (["termNote"], 0, .max), (auxInfo, 0, .max)]),
                          "bad tig (line \(tig.line)): \(tig.names)")
                    problems += categories(tig, .term)
                }
            }
        }
        return problems
    }

    /// The data categories directly at one level (and inside its groups).
    static func categories(_ node: Element, _ level: Level) -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ message: @autoclosure () -> String) { if !ok { problems.append(message()) } }
        for child in node.children {
            let type = child["type"] ?? ""
            let place = "\(child.name) type=\"\(type)\" at \(level.rawValue) level (line \(child.line))"
            switch child.name {
            case "descrip":
                check(descrip[type]?.contains(level) == true, "TBX-Basic has no \(place)")
            case "admin":
                check(admin[type]?.contains(level) == true, "TBX-Basic has no \(place)")
            case "termNote":
                check(level == .term && termNotes.contains(type), "TBX-Basic has no \(place)")
                if type == "administrativeStatus" { check(statuses.contains(child.text), "bad status \(child.text)") }
                if type == "partOfSpeech" { check(partsOfSpeech.contains(child.text), "bad part of speech \(child.text)") }
            case "xref":
                check(["xGraphic", "externalCrossReference"].contains(type) && child["target"] != nil, "bad \(place)")
            case "descripGrp":
                check(matches(child.names, [(["descrip"], 1, 1), (["descripNote", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"], 0, .max)]),
                      "bad descripGrp (line \(child.line))")
                problems += categories(child, level)
            case "adminGrp":
                check(matches(child.names, [(["admin"], 1, 1), (["adminNote", "note", "ref", "xref"], 0, .max)]),
                      "bad adminGrp (line \(child.line))")
                problems += categories(child, level)
            default:
                break
            }
        }
        return problems
    }
}
