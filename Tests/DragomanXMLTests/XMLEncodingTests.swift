import Testing
@testable import DragomanXML

@Suite struct XMLEncodingTests {
    @Test func utf8BOMIsAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>غزة</a>".utf8)
        #expect(texts(try events(bytes)) == ["غزة"])
    }

    @Test func utf16IsRefusedWithAConversionHint() throws {
        let le: [UInt8] = [0xFF, 0xFE] + Array("<a/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let leError = try #require(xmlError(le))
        #expect(leError.message.contains("UTF-16"))
        #expect(leError.message.contains("convert"))
        #expect(try #require(xmlError([0xFE, 0xFF, 0x00, 0x3C])).message.contains("UTF-16"))
        let noBOM: [UInt8] = Array("<?xml".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(try #require(xmlError(noBOM)).message.contains("UTF-16"))
    }

    @Test func otherDeclaredEncodingsAreRefused() throws {
        for encoding in ["ISO-8859-1", "UTF-16", "windows-1256"] {
            let error = try #require(xmlError("<?xml version=\"1.0\" encoding=\"\(encoding)\"?><a/>"))
            #expect(error.message.contains("declares encoding \"\(encoding)\""))
            #expect(error.message.contains("convert it to UTF-8"))
        }
        #expect(xmlError("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a/>") == nil)
    }

    @Test func invalidUTF8NamesLineAndByteOffset() throws {
        // "غزة" in Windows-1256 is 0xDB 0xD2 0xC9: not UTF-8.
        let bytes = Array("<a>\nقطاع ".utf8) + [0xDB, 0xD2, 0xC9] + Array("</a>".utf8)
        let error = try #require(xmlError(bytes))
        #expect(error.line == 2)
        #expect(error.byteOffset == 14)
        #expect(error.message.contains("invalid UTF-8"))
        #expect(error.message.contains("byte offset 14"))
        for chunk in [1, 3] { #expect(xmlError(bytes, chunkSize: chunk) == error) }
    }

    @Test func overlongSurrogateAndTruncatedSequencesAreRefused() throws {
        #expect(xmlError(Array("<a>".utf8) + [0xC0, 0x80] + Array("</a>".utf8)) != nil)
        #expect(xmlError(Array("<a>".utf8) + [0xED, 0xA0, 0x80] + Array("</a>".utf8)) != nil)
        #expect(xmlError(Array("<a>".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("</a>".utf8)) != nil)
        #expect(try #require(xmlError(Array("<a>".utf8) + [0xD8])).message.contains("UTF-8"))
        #expect(xmlError(Array("<a>".utf8) + [0xD8] + Array("</a>".utf8), chunkSize: 1) != nil)
    }

    @Test func supplementaryCharactersAreFine() throws {
        #expect(texts(try events("<a>😀 𝔸</a>", chunkSize: 2)) == ["😀 𝔸"])
    }
}
