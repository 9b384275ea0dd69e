import Foundation
import Testing
import DragomanXML
@testable import DragomanDocuments

/// Broken and hostile XLIFF given to `merge`: a clear error with the line, or a correct
/// merge; DTDs and entities are refused at once.
@Suite struct HostileXLIFFTests {
    static func xliff(target: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar" trgLang="en">
          <file id="f1" original="a.txt">
            <unit id="u1">
              <segment id="s1" state="translated">
                <source>غزة</source>
                <target>\(target)</target>
              </segment>
            </unit>
          </file>
        </xliff>
        """
    }

    static func mergeError(_ bytes: [UInt8]) throws -> XMLError {
        try #require(throws: XMLError.self) { _ = try XLIFFMerger().merge(bytes: bytes) }
    }

    @Test func bidiControlsInTargetsAreKept() throws {
        let target = "\u{2067}Gaza\u{2069} \u{200E}City\u{202C}"
        let merged = try XLIFFMerger().merge(xml: Self.xliff(target: target))
        #expect(merged.text.contains(target))
        #expect(merged.translatedCount == 1)
    }

    @Test func mixedLineEndsInATargetBecomeLineFeeds() throws {
        let merged = try XLIFFMerger().merge(xml: Self.xliff(target: "one\r\ntwo\rthree").replacingOccurrences(of: "\n  <file", with: "\r\n  <file"))
        #expect(merged.text.contains("one\ntwo\nthree"))
    }

    @Test func invalidUTF8AndNULNameTheirLine() throws {
        let text = Self.xliff(target: "@")
        let at = Array(text.utf8).firstIndex(of: UInt8(ascii: "@"))!
        var windows1256 = Array(text.utf8)
        windows1256.replaceSubrange(at...at, with: [0xDB, 0xD2, 0xC9])
        let bad = try Self.mergeError(windows1256)
        #expect(bad.line == 7)
        #expect(bad.message.contains("invalid UTF-8 (byte 0xD2"))
        #expect(bad.message.contains("begun by 0xDB"))
        var nul = Array(text.utf8)
        nul[at] = 0
        let nulError = try Self.mergeError(nul)
        #expect(nulError.line == 7)
        #expect(nulError.message.contains("U+0000"))
    }

    @Test func utf16IsRefusedWithTheConversion() throws {
        let text = Self.xliff(target: "Gaza")
        let littleEndian: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndianWithoutBOM: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [littleEndian, bigEndianWithoutBOM] {
            let error = try Self.mergeError(bytes)
            #expect(error.message.contains("UTF-16"))
            #expect(error.message.contains("iconv -f UTF-16 -t UTF-8"))
        }
    }

    @Test func entitiesAndDTDsAreRefusedAtOnce() throws {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <xliff version="1.2"><file original="x" source-language="ar"><body><trans-unit id="1"><source>&c;</source><target>&c;</target></trans-unit></body></file></xliff>
            """
        let external = """
            <?xml version="1.0"?>
            <!DOCTYPE xliff SYSTEM "http://example.invalid/xliff.dtd">
            <xliff version="1.2"><file original="x" source-language="ar"><body><trans-unit id="1"><source>غزة</source><target>&secret;</target></trans-unit></body></file></xliff>
            """
        var errors: [XMLError] = []
        let start = DispatchTime.now().uptimeNanoseconds
        for xml in [laughs, external] { errors.append(try Self.mergeError(Array(xml.utf8))) }
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 0.5)
        #expect(errors[0].line == 2 && errors[0].message.contains("internal subset"))
        #expect(errors[1].line == 3 && errors[1].message.contains("undeclared entity &secret;"))
    }
}
