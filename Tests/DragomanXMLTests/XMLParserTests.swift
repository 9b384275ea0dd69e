import Foundation
import Testing
@testable import DragomanXML

@Suite struct XMLParserTests {
    @Test func reportsElementsAttributesAndPositions() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <tuv xml:lang="ar-SA" mtc:matches='2'>الأمين العام</tuv>
        </tmx>
        """
        var parser = XMLPullParser(string: xml)
        guard case .startElement(let root)? = try parser.next() else { Issue.record("no root"); return }
        #expect(root.name == "tmx")
        #expect(root.line == 2 && root.column == 1)
        #expect(parser.depth == 1)
        #expect(parser.declaration == XMLDeclaration(version: "1.0", encoding: "UTF-8", standalone: nil))
        #expect(try parser.next() == .text("\n  "))
        guard case .startElement(let tuv)? = try parser.next() else { Issue.record("no tuv"); return }
        #expect(tuv.line == 3 && tuv.column == 3)
        #expect(tuv.attributes.map(\.name) == ["xml:lang", "mtc:matches"])
        #expect(tuv.attributes.first?.localName == "lang")
        #expect(tuv.attributes.first?.prefix == "xml")
        #expect(tuv[attribute: "mtc:matches"] == "2")
        #expect(parser.depth == 2)
        #expect(try parser.next() == .text("الأمين العام"))
        guard case .endElement(let end)? = try parser.next() else { Issue.record("no end"); return }
        #expect(end.name == "tuv")
        #expect(end.line == 3 && end.column == 53)
        #expect(parser.depth == 1)
        #expect(try parser.next() == .text("\n"))
        #expect(try parser.next() == .endElement(XMLEndElement(name: "tmx", line: 4, column: 1)))
        #expect(parser.depth == 0)
        #expect(try parser.next() == nil)
        #expect(try parser.next() == nil)
    }

    @Test func selfClosingElementReportsStartAndEnd() throws {
        let all = try events("<seg>a<ph x=\"1\"/>b</seg>")
        #expect(all.count == 6)
        guard case .startElement(let ph) = all[2] else { Issue.record("expected <ph/>"); return }
        #expect(ph.isSelfClosing && ph.localName == "ph")
        #expect(all[3] == .endElement(XMLEndElement(name: "ph", line: 1, column: 7)))
    }

    @Test func decodesEntitiesAndCharacterReferences() throws {
        let all = try events("<p a=\"&quot;x&apos; &#1575;&#x644;\">&lt;b&gt; &amp; &#x627;&#1604;&#1602;&#1583;&#1587; 😀&#x1F600;</p>")
        guard case .startElement(let p) = all[0] else { Issue.record("no start"); return }
        #expect(p[attribute: "a"] == "\"x' ال")
        #expect(texts(all) == ["<b> & القدس 😀😀"])
    }

    @Test func cdataIsTextAndMergesWithNeighbours() throws {
        let all = try events("<seg>قطاع <![CDATA[<b>غزة</b> & ]]]]>Gaza</seg>")
        #expect(texts(all) == ["قطاع <b>غزة</b> & ]]Gaza"])
    }

    @Test func whitespaceOnlyTextIsReported() throws {
        #expect(texts(try events("<a>\n  <b/>\t</a>")) == ["\n  ", "\t"])
    }

    @Test func commentsAndProcessingInstructionsAreOptional() throws {
        let xml = "<?xml-model href=\"x.rng\"?><a>x<!-- note -->y<?pi data?></a><!-- after -->"
        #expect(try events(xml) == [
            .startElement(XMLStartElement(name: "a", line: 1, column: 27)), .text("xy"),
            .endElement(XMLEndElement(name: "a", line: 1, column: 56)),
        ])
        let reported = try events(xml, comments: true, processingInstructions: true)
        #expect(reported.contains(.comment(" note ")))
        #expect(reported.contains(.comment(" after ")))
        #expect(reported.contains(.processingInstruction(target: "xml-model", data: "href=\"x.rng\"")))
        #expect(reported.contains(.processingInstruction(target: "pi", data: "data")))
        #expect(texts(reported) == ["x", "y"])
    }

    @Test func crlfAndCRBecomeLFAndCountAsOneLine() throws {
        let xml = "<a>\r\nسطر\rline\n<b\r\n  c=\"1\r\n2\"/></a>"
        let all = try events(xml)
        #expect(texts(all).first == "\nسطر\nline\n")
        guard case .startElement(let b) = all[2] else { Issue.record("no <b>"); return }
        #expect(b.line == 4)
        #expect(b[attribute: "c"] == "1 2")
        #expect(xmlError("<a>\r\n\r\n</b>")?.line == 3)
    }

    @Test func attributeWhitespaceIsNormalisedButReferencesKept() throws {
        let all = try events("<a v=\"x\ty\nz&#10;w&#9;\"/>")
        guard case .startElement(let a) = all[0] else { Issue.record("no start"); return }
        #expect(a[attribute: "v"] == "x y z\nw\t")
    }

    @Test func tinyChunksGiveTheSameEvents() throws {
        let xml = try Fixture.string("sample.tmx")
        let whole = try events(xml)
        for size in [1, 2, 3, 7, 64] {
            #expect(try events(xml, chunkSize: size) == whole, "chunk size \(size)")
        }
        #expect(whole.count > 40)
    }

    @Test func skipElementAndReadText() throws {
        var parser = XMLPullParser(string: "<r><skip><x>1</x><y/></skip><note>قطاع <hi>غزة</hi></note><z/></r>")
        _ = try parser.next()
        _ = try parser.next()
        try parser.skipElement()
        #expect(parser.depth == 1)
        guard case .startElement(let note)? = try parser.next() else { Issue.record("no note"); return }
        #expect(note.name == "note")
        #expect(try parser.readText() == "قطاع غزة")
        #expect(parser.depth == 1)
        guard case .startElement(let z)? = try parser.next() else { Issue.record("no z"); return }
        #expect(z.name == "z")
    }

    @Test func namesMayBeNonASCII() throws {
        #expect(startNames(try events("<مصطلح نوع=\"اسم\"/>")) == ["مصطلح"])
    }

    @Test func reportsDoctypeWithoutProcessingIt() throws {
        var parser = XMLPullParser(string: "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx/>")
        guard case .startElement(let root)? = try parser.next() else { Issue.record("no root"); return }
        #expect(root.name == "tmx")
        #expect(parser.doctype == XMLDoctype(name: "tmx", publicID: nil, systemID: "tmx14.dtd"))
        let publicDoctype = try events("<!DOCTYPE martif PUBLIC \"ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN\" \"TBXcdv04.dtd\"><martif/>")
        #expect(startNames(publicDoctype) == ["martif"])
    }
}
