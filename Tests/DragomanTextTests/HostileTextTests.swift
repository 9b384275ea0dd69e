import Testing
@testable import DragomanText

/// Article and TSV bytes that are not plain UTF-8 text: each is refused with the line and
/// what to do, or decoded correctly. Bidi controls are kept in the text and ignored by
/// match keys.
@Suite struct HostileTextTests {
    static func utf16LE(_ s: String) -> [UInt8] { s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    static func utf16BE(_ s: String) -> [UInt8] { s.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }

    static let refused: [(name: String, bytes: [UInt8], line: Int, offset: Int, says: [String])] = [
        ("UTF-16LE with a BOM", [0xFF, 0xFE] + utf16LE("قال الوزير إن المفاوضات ستستأنف.\n"), 1, 0,
         ["UTF-16", "iconv -f UTF-16 -t UTF-8"]),
        ("UTF-16BE with a BOM", [0xFE, 0xFF] + utf16BE("غزة\n"), 1, 0, ["UTF-16", "iconv -f UTF-16 -t UTF-8"]),
        ("UTF-16LE Arabic without a BOM", utf16LE("قال الوزير إن المفاوضات ستستأنف الأسبوع المقبل."), 1, 0,
         ["looks like UTF-16", "iconv -f UTF-16 -t UTF-8"]),
        ("UTF-16LE English without a BOM", utf16LE("The minister said talks would resume."), 1, 0,
         ["looks like UTF-16", "iconv -f UTF-16 -t UTF-8"]),
        ("Windows-1256 on line 3", Array("القدس\r\nغزة\r".utf8) + [0xDB, 0xD2, 0xC9], 3, 19, ["invalid UTF-8 (byte 0xDB)"]),
        ("a truncated character at the end", Array("القدس\nغزة\n".utf8) + [0xD8], 3, 18, ["invalid UTF-8 (byte 0xD8)"]),
        ("a NUL byte on line 2", Array("القدس\nغزة".utf8) + [0] + Array("رفح".utf8), 2, 17, ["NUL byte", "binary"]),
    ]

    @Test(arguments: 0..<refused.count)
    func refusedWithLineOffsetAndWhatToDo(index: Int) throws {
        let (name, bytes, line, offset, says) = Self.refused[index]
        let error = try #require(throws: TextDecodingError.self, "\(name)") { try TextDecoding.decode(bytes) }
        #expect(error.line == line, "\(name)")
        #expect(error.byteOffset == offset, "\(name)")
        #expect(error.description.hasPrefix("line \(line) (byte offset \(offset)): "), "\(name)")
        for part in says { #expect(error.description.contains(part), "\(name): \(error)") }
    }

    @Test(arguments: [
        ("سطر أول\r\nسطر ثان\rسطر ثالث\nسطر رابع\r", "سطر أول\nسطر ثان\nسطر ثالث\nسطر رابع\n"),
        ("\r\r\n\n", "\n\n\n"),
        ("\u{FEFF}غزة\r\n", "غزة\n"),
    ])
    func mixedLineEndsBecomeLineFeeds(text: String, expected: String) throws {
        #expect(try TextDecoding.decode(Array(text.utf8)) == expected)
    }

    static let bidi = [
        "\u{202B}القدس\u{202C} عاصمة",
        "مدينة \u{200F}غزة",
        "سعر \u{2066}100 USD\u{2069}",
        "\u{202E}",
        "وزير\u{200E}",
        "\u{2067}رفح",
        "\u{202A}\u{202D}",
    ]

    @Test(arguments: bidi)
    func loneBidiControlsAreKeptInTheText(text: String) throws {
        #expect(try TextDecoding.decode(Array(text.utf8)) == text)
    }

    @Test(arguments: bidi)
    func loneBidiControlsAreIgnoredByMatchKeys(text: String) {
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter {
            !(0x200E...0x200F).contains($0.value) && !(0x202A...0x202E).contains($0.value) && !(0x2066...0x2069).contains($0.value)
        }))
        #expect(MatchKey.make(text) == MatchKey.make(visible))
    }

    @Test func utf8ThatLooksLikeNothingElseIsNotMistakenForUTF16() throws {
        // Arabic UTF-8 is full of 0xD8/0xD9 bytes; ASCII digits and tabs are not NUL.
        let text = "٢٠٢٤\tعام\n1\t2\t3\n"
        #expect(try TextDecoding.decode(Array(text.utf8)) == text)
        #expect(!TextDecoding.looksLikeUTF16(Array(text.utf8)))
    }
}
