import Foundation
import Testing
@testable import DragomanXML

@Suite struct XMLSecurityTests {
    @Test func billionLaughsIsRefusedAtOnce() throws {
        let bytes = try Fixture.bytes("billion-laughs.xml")
        var error: XMLError?
        let seconds = elapsed { error = xmlError(bytes) }
        let refused = try #require(error)
        #expect(seconds < 0.05)
        #expect(refused.line == 2)
        #expect(refused.message.contains("internal subset"))
        #expect(refused.message.contains("not supported"))
    }

    @Test func billionLaughsIsRefusedBeforeReadingFurther() throws {
        // A source that would hand over gigabytes: the parser must stop at the '['.
        struct Endless: XMLByteSource {
            var sent = 0
            mutating func nextChunk() throws -> [UInt8]? {
                defer { sent += 1 }
                if sent == 0 { return Array("<!DOCTYPE lolz [\n".utf8) }
                precondition(sent < 4, "parser kept reading after the internal subset")
                return Array(repeating: UInt8(ascii: " "), count: 1 << 20)
            }
        }
        var parser = XMLPullParser(source: Endless())
        #expect(throws: XMLError.self) { try parser.next() }
    }

    @Test func externalEntityIsRefused() throws {
        let error = try #require(xmlError(try Fixture.bytes("xxe.tmx")))
        #expect(error.line == 2)
        #expect(error.message.contains("internal subset"))
    }

    @Test func undeclaredEntitiesAreRefusedEvenWithAPlainDoctype() throws {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"http://evil.example/tmx.dtd\">\n<tmx>\n<seg>&lol9;</seg></tmx>"
        let error = try #require(xmlError(xml))
        #expect(error.line == 4 && error.column == 6)
        #expect(error.message.hasPrefix("undeclared entity &lol9;: DTD entities are not supported"))
    }

    @Test func plainDoctypeIsSkipped() throws {
        let all = try events("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\"/>")
        #expect(startNames(all) == ["tmx"])
    }

    @Test func entityDeclarationsOutsideADoctypeAreRefused() throws {
        #expect(try #require(xmlError("<!ENTITY x \"y\"><a/>")).message.contains("entity declarations"))
        #expect(try #require(xmlError("<a><!ENTITY x \"y\"></a>")).message.contains("entity declarations"))
        #expect(try #require(xmlError("<a/><!DOCTYPE a>")).message.contains("DOCTYPE after the root"))
    }

    @Test func characterReferencesMustBeLegalCharacters() throws {
        let nul = try #require(xmlError("<a>\n  &#0;</a>"))
        #expect(nul.line == 2 && nul.column == 3)
        #expect(nul.message.contains("not a legal XML character"))
        #expect(try #require(xmlError("<a>&#xFFFE;</a>")).message.contains("not a legal XML character"))
        #expect(try #require(xmlError("<a>&#xD800;</a>")).message.contains("not a legal XML character"))
        #expect(try #require(xmlError("<a>&#x110000;</a>")).message.contains("not a legal XML character"))
        #expect(try #require(xmlError("<a>&#99999999999999999;</a>")).message.contains("too long"))
        #expect(try #require(xmlError("<a b=\"&#1;\"/>")).message.contains("not a legal XML character"))
        #expect(try #require(xmlError("<a>&#x;</a>")).message.contains("empty character reference"))
        #expect(try #require(xmlError("<a>&#12a;</a>")).message.contains("malformed character reference"))
    }

    @Test func rawControlCharactersAreRefusedWithTheirLine() throws {
        let error = try #require(xmlError("<a>\nok\n bad\u{1}</a>"))
        #expect(error.line == 3 && error.column == 5)
        #expect(error.message.contains("control character U+0001"))
        #expect(try #require(xmlError("<a b=\"\u{0}\"/>")).message.contains("control character U+0000"))
        #expect(try #require(xmlError(Array("<a>\u{FFFF}</a>".utf8))).message.contains("U+FFFF"))
    }
}
