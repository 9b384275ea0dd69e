import DragomanText
import Foundation
import Testing
@testable import DragomanFormats
import DragomanXML

/// Broken and hostile files through the TMX and TBX readers and the TSV/CSV pair reader:
/// each gives a clear error naming the line, or is read correctly; none traps, none
/// reads without bound.
@Suite struct HostileInputTests {
    static let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
        <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>
        <body>

        """

    /// A TMX file with one unit; `arabic` is inserted as raw bytes.
    static func tmx(arabic: [UInt8], english: String = "Gaza") -> [UInt8] {
        Array(head.utf8) + Array("<tu><tuv xml:lang=\"ar\"><seg>".utf8) + arabic
            + Array("</seg></tuv><tuv xml:lang=\"en\"><seg>\(english)</seg></tuv></tu>\n</body>\n</tmx>\n".utf8)
    }

    static func tmxError(_ bytes: [UInt8]) throws -> FormatError {
        let reader = TMXReader(bytes: bytes)
        do {
            while try reader.next() != nil {}
        } catch let error as FormatError {
            return error
        }
        Issue.record("the file was read without an error")
        throw CancellationError()
    }

    static func utf16LE(_ s: String, bom: Bool = true) -> [UInt8] {
        (bom ? [0xFF, 0xFE] : []) + s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    // MARK: Encodings

    @Test(arguments: [
        // Windows-1256 "غزة", a lone continuation byte, a truncated sequence, an overlong "/".
        ([0xDB, 0xD2, 0xC9], "0xDB"),
        (Array("القدس".utf8) + [0x80], "0x80"),
        (Array("القدس ".utf8) + [0xD8], "0xD8"),
        ([0xC0, 0xAF], "0xC0"),
    ] as [([UInt8], String)])
    func invalidUTF8InASegmentNamesItsLineAndByte(bad: [UInt8], byte: String) throws {
        let error = try Self.tmxError(Self.tmx(arabic: bad))
        #expect(error.kind == .notWellFormed)
        #expect(error.line == 5)
        #expect(error.message.contains("UTF-8"))
        #expect(error.message.contains(byte))
        #expect(error.description.contains("line 5"))
    }

    @Test func nulByteInASegmentIsRefusedWithItsLine() throws {
        let error = try Self.tmxError(Self.tmx(arabic: Array("غزة".utf8) + [0x00] + Array("رفح".utf8)))
        #expect(error.kind == .notWellFormed)
        #expect(error.line == 5)
        #expect(error.message.contains("U+0000"))
    }

    @Test func utf16FilesAreRefusedNamingTheEncodingAndTheFix() throws {
        let text = String(decoding: Self.tmx(arabic: Array("غزة".utf8)), as: UTF8.self)
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        let bigEndian: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let files: [[UInt8]] = [Self.utf16LE(text), Self.utf16LE(text, bom: false), bigEndian]
        for bytes in files {
            let tmx = try Self.tmxError(bytes)
            #expect(tmx.message.contains("UTF-16"))
            #expect(tmx.message.contains("iconv -f UTF-16 -t UTF-8"))
            #expect(tmx.line == 1)
            let tbx = TBXReader(bytes: bytes)
            #expect(throws: FormatError.self) { _ = try tbx.info() }
        }
    }

    // MARK: Content that is fine

    @Test(arguments: [
        "\u{202B}القدس\u{202C} عاصمة",   // RLE … PDF
        "مدينة \u{200F}غزة",              // a lone RLM
        "سعر \u{2066}100 USD\u{2069}",   // LRI … PDI
        "وزير\u{200E}",                    // a trailing LRM
        "\u{2067}رفح",                     // an unclosed RLI
    ])
    func bidiControlsAreKeptAsGiven(arabic: String) throws {
        let units = try TMXReaderTests.readAll(TMXReader(bytes: Self.tmx(arabic: Array(arabic.utf8))))
        #expect(units.count == 1)
        #expect(units.first?.variants.first?.segment.plainText == arabic)
        guard case .success(let unit) = TMXMapping.unit(try #require(units.first), origin: nil) else {
            Issue.record("the unit was not mapped")
            return
        }
        #expect(unit.arabic == arabic)
    }

    @Test(arguments: ["\u{202E}", "\u{200F} \u{200F}", "\u{2066}\u{2069}\n"])
    func aSegmentOfOnlyBidiControlsIsEmpty(arabic: String) throws {
        let unit = try #require(try TMXReader(bytes: Self.tmx(arabic: Array(arabic.utf8))).next())
        guard case .failure(let skip) = TMXMapping.unit(unit, origin: nil) else {
            Issue.record("an invisible segment was accepted")
            return
        }
        #expect(skip.reason.hasPrefix("empty Arabic segment (it holds only invisible characters"))
        #expect(Self.pairs("\(arabic.trimmingCharacters(in: .newlines))\tGaza\n").error?.reason.hasPrefix("empty Arabic segment") == true)
    }

    @Test func mixedLineEndsBecomeLineFeedsAndLinesStayRight() throws {
        // CRLF, CR and LF in one file: XML turns each into one LF.
        let text = String(decoding: Self.tmx(arabic: Array("سطر أول\r\nسطر ثان\rسطر ثالث\nسطر رابع".utf8)), as: UTF8.self)
            .replacingOccurrences(of: "\n<body>", with: "\r\n<body>")
        let reader = TMXReader(bytes: Array(text.utf8))
        let units = try TMXReaderTests.readAll(reader)
        #expect(units.first?.variants.first?.segment.plainText == "سطر أول\nسطر ثان\nسطر ثالث\nسطر رابع")
        #expect(units.first?.line == 5)
        // The error after them is still on its own line.
        let broken = text.replacingOccurrences(of: "</body>", with: "</bdy>")
        #expect(try Self.tmxError(Array(broken.utf8)).line == 9)
    }

    // MARK: DTDs and limits

    @Test func billionLaughsAndExternalEntitiesAreRefusedByEveryXMLReader() throws {
        for name in ["billion-laughs.xml", "xxe.tmx"] {
            let bytes = try Fixture.bytes(name)
            var tmxError: Error?, tbxError: Error?
            let seconds = elapsed {
                do { _ = try TMXReader(bytes: bytes).next() } catch { tmxError = error }
                do { _ = try TBXReader(bytes: bytes).next() } catch { tbxError = error }
            }
            #expect(seconds < 0.5)
            for error in [tmxError, tbxError] {
                let format = try #require(error as? FormatError)
                #expect(format.line == 2)
                #expect(format.message.contains("internal subset"))
            }
        }
    }

    /// A source that counts what it hands over and never ends.
    final class EndlessSource: XMLByteSource {
        let prefix: [UInt8]
        let filler: [UInt8]
        var handedOver = 0

        init(prefix: String, filler: String) {
            self.prefix = Array(prefix.utf8)
            self.filler = Array(String(repeating: filler, count: (1 << 16) / filler.utf8.count).utf8)
        }

        func nextChunk() throws -> [UInt8]? {
            let chunk = handedOver == 0 ? prefix : filler
            handedOver += chunk.count
            return chunk
        }
    }

    @Test func anEndlessSegmentStopsAtTheTextLimitInBoundedMemory() throws {
        var limits = XMLPullParser.Limits.default
        limits.maxTextLength = 1 << 20
        let source = EndlessSource(prefix: String(decoding: Self.tmx(arabic: []), as: UTF8.self)
                                       .components(separatedBy: "<seg>")[0] + "<seg>",
                                   filler: "نص لا ينتهي ")
        let reader = TMXReader(parser: XMLPullParser(source: source, limits: limits))
        let error = try #require(throws: FormatError.self) { _ = try reader.next() }
        #expect(error.message.contains("Limits.maxTextLength"))
        #expect(error.line == 5)
        #expect(source.handedOver < limits.maxTextLength + 3 * (1 << 16))
    }

    @Test func endlessNestingStopsAtTheDepthLimit() throws {
        let source = EndlessSource(prefix: "<tmx version=\"1.4\"><body>", filler: "<x>")
        let reader = TMXReader(parser: XMLPullParser(source: source))
        let error = try #require(throws: FormatError.self) { _ = try reader.next() }
        #expect(error.message.contains("deeper than 512"))
        #expect(source.handedOver <= 2 * (1 << 16))
    }

    @Test func endlessAttributesStopAtTheAttributeLimit() throws {
        let source = EndlessSource(prefix: "<tmx version=\"1.4\"><body><tu ", filler: "a=\"1\" ")
        let error = try #require(throws: FormatError.self) { _ = try TMXReader(parser: XMLPullParser(source: source)).next() }
        #expect(error.message.contains("attributes") || error.message.contains("attribute"))
        #expect(source.handedOver <= 2 * (1 << 16))
    }

    // MARK: TSV and CSV translation memories

    static func pairs(_ text: String, _ format: TMFileFormat = .tsv, skipBad: Bool = false) -> (units: [TranslationUnitPair], error: LineError?, skipped: [LineError]) {
        var reader = DelimitedPairsReader(text: text, format: format, file: "tm.\(format.rawValue)", origin: nil, skipBad: skipBad)
        var units: [TranslationUnitPair] = []
        while let unit = reader.next() { units.append(TranslationUnitPair(arabic: unit.arabic, english: unit.english)) }
        return (units, reader.error, reader.skipped)
    }

    struct TranslationUnitPair: Equatable {
        var arabic: String
        var english: String
    }

    @Test func bidiControlsInTSVPairsAreKept() {
        let result = Self.pairs("\u{200F}غزة\u{200F}\tGaza\n\u{202B}رفح\u{202C}\t\u{2066}Rafah\u{2069}\n")
        #expect(result.error == nil)
        #expect(result.units == [TranslationUnitPair(arabic: "\u{200F}غزة\u{200F}", english: "Gaza"),
                                 TranslationUnitPair(arabic: "\u{202B}رفح\u{202C}", english: "\u{2066}Rafah\u{2069}")])
    }

    @Test func aSegmentLongerThanTheLimitIsABadLine() {
        let long = String(repeating: "القدس ", count: DelimitedPairsReader.maxSegmentBytes / 10)
        let text = "غزة\tGaza\n\(long)\tJerusalem\nرفح\tRafah\n"
        let stopped = Self.pairs(text)
        #expect(stopped.units.count == 1)
        #expect(stopped.error?.line == 2)
        #expect(stopped.error?.reason.contains("longer than") == true)
        let skipped = Self.pairs(text, skipBad: true)
        #expect(skipped.units.map(\.english) == ["Gaza", "Rafah"])
        #expect(skipped.skipped.map(\.line) == [2])
        // The same limit holds for TMX units.
        let tmx = TMXUnit(variants: [
            TMXVariant(lang: "ar", segment: TMXSegment(plainText: long)),
            TMXVariant(lang: "en", segment: TMXSegment(plainText: "Jerusalem")),
        ])
        guard case .failure(let skip) = TMXMapping.unit(tmx, origin: nil) else {
            Issue.record("an overlong TMX segment was accepted")
            return
        }
        #expect(skip.reason.contains("longer than"))
    }
}
