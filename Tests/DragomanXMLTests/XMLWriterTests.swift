import Foundation
import Testing
@testable import DragomanXML

@Suite struct XMLWriterTests {
    @Test func writesIndentedDocumentWithEscaping() throws {
        let writer = XMLWriter(indentation: .spaces(2))
        try writer.declaration()
        try writer.doctype(name: "tmx", systemID: "tmx14.dtd")
        try writer.startElement("tmx", ["version": "1.4"])
        try writer.emptyElement("header", attributes: [XMLAttribute(name: "note", value: "a\"b<c>&\td\ne")])
        try writer.startElement("body")
        try writer.element("seg", text: "AT&T <b> \"quoted\" قطاع غزة\r")
        try writer.startElement("seg")
        try writer.raw("<bpt i=\"1\">&lt;b&gt;</bpt>غزة<ept i=\"1\">&lt;/b&gt;</ept>")
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        try writer.finish()
        let expected = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header note="a&quot;b&lt;c&gt;&amp;&#9;d&#10;e"/>
          <body>
            <seg>AT&amp;T &lt;b&gt; "quoted" قطاع غزة&#13;</seg>
            <seg><bpt i="1">&lt;b&gt;</bpt>غزة<ept i="1">&lt;/b&gt;</ept></seg>
          </body>
        </tmx>

        """
        #expect(writer.string == expected)
    }

    @Test func outputParsesBackToTheSameValues() throws {
        let writer = XMLWriter(indentation: .none)
        let tricky = "x\ty\nz \"'<>& \r end"
        try writer.startElement("a", attributes: [XMLAttribute(name: "v", value: tricky)])
        try writer.text(tricky)
        try writer.endElement()
        try writer.finish()
        let all = try events(writer.string)
        guard case .startElement(let a) = all[0] else { Issue.record("no start"); return }
        #expect(a[attribute: "v"] == tricky)
        #expect(texts(all) == [tricky])
    }

    @Test func mixedContentIsNotIndented() throws {
        let writer = XMLWriter(indentation: .tabs)
        try writer.startElement("p")
        try writer.text("a ")
        try writer.element("hi", text: "b")
        try writer.text(" c")
        try writer.endElement()
        try writer.finish()
        #expect(writer.string == "<p>a <hi>b</hi> c</p>\n")
    }

    @Test func invalidCharactersAreReplacedAndCounted() throws {
        let writer = XMLWriter(indentation: .none)
        try writer.element("a", text: "x\u{1}y\u{FFFF}")
        #expect(writer.string == "<a>x\u{FFFD}y\u{FFFD}</a>")
        #expect(writer.replacedCharacterCount == 2)
    }

    @Test func refusesWhatWouldNotBeWellFormed() throws {
        let writer = XMLWriter()
        #expect(throws: XMLWriterError.self) { try writer.startElement("1bad") }
        try writer.startElement("a")
        #expect(throws: XMLWriterError.self) { try writer.comment("a -- b") }
        #expect(throws: XMLWriterError.self) { try writer.finish() }
        try writer.endElement()
        #expect(throws: XMLWriterError.self) { try writer.startElement("b") }
        #expect(throws: XMLWriterError.self) { try writer.endElement() }
        #expect(throws: XMLWriterError.self) { try writer.text("outside") }
    }

    @Test func streamsToAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-writer-\(UUID().uuidString).xml")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        let writer = XMLWriter(fileHandle: handle, indentation: .none, flushThreshold: 64)
        try writer.declaration()
        try writer.startElement("body")
        for i in 0..<1_000 { try writer.element("tu", ["n": "\(i)"], text: "قطاع غزة \(i)") }
        try writer.endElement()
        try writer.finish()
        try handle.close()
        var parser = try XMLPullParser(url: url)
        var count = 0
        while let event = try parser.next() {
            if case .startElement(let e) = event, e.name == "tu" { count += 1 }
        }
        #expect(count == 1_000)
        #expect(writer.byteCount == (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int))
    }
}
